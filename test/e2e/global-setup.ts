// The browser tests' servers and browser. One real `wrangler dev` per test slot (vitest's
// maxWorkers), each with its own copy of a fresh local D1 holding the demo data
// (test/local-worker.ts), so two browser files running at once never share a database; a file
// picks the server of its slot (VITEST_POOL_ID, test/e2e/helpers.ts). One Chromium serves every
// file (each file connects and opens its own contexts), where a launch per file cost more CPU
// than most of the files' tests. Both start in the background: the addresses and token are
// chosen here and handed out at once, the Workers tests run meanwhile, and a browser file waits
// for its server's /healthz before it begins.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { freePort, type LocalWorker, prepareLocalDb, startLocalWorker } from "../local-worker";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface E2eServer {
  baseUrl: string;
  adminToken: string;
}

export interface E2eSetup {
  /** The shared browser's address for `chromium.connect`, or null without Chromium. */
  browser: string | null;
  servers: E2eServer[];
}

declare module "vitest" {
  export interface ProvidedContext {
    e2e: E2eSetup;
  }
}

function banner(lines: string[]): string {
  const bar = "=".repeat(78);
  return `\n${bar}\n${lines.map((l) => `  ${l}`).join("\n")}\n${bar}\n`;
}

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    const lines = [
      `BROWSER TESTS NOT RUN: no Chromium at ${CHROMIUM}.`,
      "Install it with:  apt-get install -y chromium   (as root; Debian's package)",
      "or point CHROMIUM_PATH at a Chromium binary.",
    ];
    if (process.env.CI === "true" || process.env.CI === "1") {
      throw new Error(banner([...lines, "CI=true: a missing Chromium fails the run."]));
    }
    console.warn(banner([...lines, "The e2e project's tests are skipped."]));
    project.provide("e2e", { browser: null, servers: [] });
    return;
  }

  const browser = await chromium.launchServer({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });

  const servers: E2eServer[] = [];
  for (let slot = 1; slot <= Math.max(1, project.config.maxWorkers); slot++) {
    const port = await freePort();
    const adminToken = `cd_admin_e2e${slot}_${randomBytes(18).toString("base64url")}`;
    servers.push({ baseUrl: `http://127.0.0.1:${port}`, adminToken });
  }
  // The database is made once and copied for each server; the servers start one after the
  // other (two wranglers starting at once race for the ports they pick themselves).
  const prepared = mkdtempSync(path.join(tmpdir(), "claimdesk-e2e-db-"));
  let ready: Promise<unknown> = prepareLocalDb(prepared, true);
  const started: Promise<LocalWorker>[] = servers.map((s, i) => {
    const start = ready.then(() =>
      startLocalWorker({
        label: `e2e${i + 1}`,
        from: prepared,
        port: Number(new URL(s.baseUrl).port),
        adminToken: s.adminToken,
      }),
    );
    ready = start.catch(() => undefined);
    // A server that fails to start says why here; its browser files then fail waiting for it.
    start.catch((err: unknown) => console.error(banner([`Browser test server ${i + 1} did not start:`, String(err)])));
    return start;
  });
  project.provide("e2e", { browser: browser.wsEndpoint(), servers });
  return async () => {
    const results = await Promise.allSettled(started);
    await Promise.all(results.map((r) => (r.status === "fulfilled" ? r.value.stop() : undefined)));
    await browser.close();
    rmSync(prepared, { recursive: true, force: true });
  };
}
