import { availableParallelism } from "node:os";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, "drizzle"));
  const workersProject = (name: string, include: string[], exclude: string[], isolate: boolean) => ({
    plugins: [
      cloudflareTest({
        wrangler: { configPath: path.join(root, "wrangler.toml") },
        miniflare: {
          // Every variable the tests rely on, set here so a developer's .dev.vars (which wrangler
          // also reads, and `npm start` fills with local settings) cannot change what they see.
          bindings: {
            TEST_MIGRATIONS: migrations,
            ADMIN_TOKEN: "test-admin-token",
            SESSION_SECRET: "test-session-secret",
            RECHECK_ALLOW_PRIVATE: "false",
            RECHECK_OPEN_HOURS: "24",
            RECHECK_TIMEOUT_MS: "10000",
            RECHECK_BATCH: "50",
            REREVIEW_DAYS: "30",
            // Not the address the tests fetch (http://claimdesk.test): public urls must come from here.
            PUBLIC_ORIGIN: "https://factchecks.claimdesk.test",
            // The fuzz suite (test/fuzz): how many cases, and a seed to replay a run.
            FUZZ_RUNS: process.env.FUZZ_RUNS ?? "",
            FUZZ_SEED: process.env.FUZZ_SEED ?? "",
          },
          // The rate limits of wrangler.toml, generous here so that no test trips them by accident
          // (each test file's many logins, rechecks and extractions share a key); the STRICT_ ones,
          // limit 3, are for the rate-limit tests, which swap them in (test/rate-limits.test.ts).
          ratelimits: {
            AUTH_FAILURE_LIMITER: { namespace_id: "1001", simple: { limit: 10_000, period: 60 } },
            EXTRACT_LIMITER: { namespace_id: "1002", simple: { limit: 10_000, period: 60 } },
            RECHECK_LIMITER: { namespace_id: "1003", simple: { limit: 10_000, period: 60 } },
            MATCH_LIMITER: { namespace_id: "1004", simple: { limit: 10_000, period: 60 } },
            STRICT_AUTH_FAILURE_LIMITER: { namespace_id: "9001", simple: { limit: 3, period: 60 } },
            STRICT_EXTRACT_LIMITER: { namespace_id: "9002", simple: { limit: 3, period: 60 } },
            STRICT_RECHECK_LIMITER: { namespace_id: "9003", simple: { limit: 3, period: 60 } },
            STRICT_MATCH_LIMITER: { namespace_id: "9004", simple: { limit: 3, period: 60 } },
          },
          // Tests never reach the internet: what msw does not answer fails like a dead host.
          outboundService: () => {
            throw new Error("outbound network is closed in tests");
          },
          // A real queue for the re-check's Queue path, bound under a test-only name so the cron
          // of every other test visits in-process as a Worker without RECHECK_QUEUE does.
          queueProducers: { TEST_RECHECK_QUEUE: { queueName: "claimdesk-recheck-test" } },
          queueConsumers: {
            "claimdesk-recheck-test": {
              maxBatchSize: 10,
              maxBatchTimeout: 0.2,
              maxRetries: 2,
              deadLetterQueue: "claimdesk-recheck-test-dlq",
            },
          },
        },
      }),
    ],
    // The bundle's [alias] from wrangler.toml, which the plugin does not apply: the tests run
    // the zod the Worker ships (English messages only, see src/bundle/zod.ts).
    resolve: { alias: [{ find: /^zod$/, replacement: path.join(root, "src/bundle/zod.ts") }] },
    test: {
      name,
      root,
      include,
      exclude,
      setupFiles: ["test/apply-migrations.ts"],
      isolate,
      // Generous: a 2-core CI machine running workerd, D1 and Chromium at once is slow at times.
      testTimeout: 20_000,
      hookTimeout: 30_000,
    },
  });
  // Every file shares Workers (isolate: false: a Worker's start per file was a third of the
  // run); test/apply-migrations.ts empties the database before each, and gives each its own cache.
  const notWorkers = ["test/node/**", "test/e2e/**"];
  const workers = workersProject("workers", ["test/**/*.test.ts"], notWorkers, false);
  // Tests that need Node itself (tools that do not run in workerd).
  const node = { test: { name: "node", root, environment: "node", include: ["test/node/**/*.test.ts"] } };
  // Browser tests: real Chromium against real `wrangler dev`s, one per test slot, each with a
  // fresh local D1, started by the global setup (skipped loudly without Chromium; a failure with
  // CI=true).
  const e2e = {
    test: {
      name: "e2e",
      root,
      environment: "node",
      include: ["test/e2e/**/*.test.ts"],
      globalSetup: ["test/e2e/global-setup.ts"],
      // One process per slot runs file after file (playwright-core loaded once, not per file).
      isolate: false,
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  };
  return {
    test: {
      projects: [workers, node, e2e],
      // All four projects share the slots, so the browser files run beside the Workers files
      // rather than after them. Vitest's default leaves one core free, which on a 2-core machine
      // ran the whole suite one file at a time (less than half the machine busy).
      maxWorkers: Math.max(2, Math.min(4, availableParallelism())),
      sequence: { sequencer: BrowserFilesLast },
    },
  };
});

/** Vitest's order (longest or largest first), with the browser files moved last: their servers
 * start in the background while the Workers files run (test/e2e/global-setup.ts). */
class BrowserFilesLast extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    const isBrowser = (f: TestSpecification) => f.project.name === "e2e";
    return [...sorted.filter((f) => !isBrowser(f)), ...sorted.filter(isBrowser)];
  }
}
