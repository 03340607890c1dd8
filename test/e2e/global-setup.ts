// The browser tests' server: a real `wrangler dev` on a free loopback port, with a fresh local D1
// in a temporary directory (migrations applied, demo data loaded) and random secrets. The
// developer's own .wrangler/state and .dev.vars secrets are never used.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { seedLocalWhenEmpty } from "../../src/cli/local-db";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface E2eServer {
  chromium: string | null;
  baseUrl: string;
  adminToken: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    e2e: E2eServer;
  }
}

const root = path.resolve(import.meta.dirname, "../..");
const wranglerBin = path.join(root, "node_modules/wrangler/bin/wrangler.js");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function banner(lines: string[]): string {
  const bar = "=".repeat(78);
  return `\n${bar}\n${lines.map((l) => `  ${l}`).join("\n")}\n${bar}\n`;
}

async function waitForHealth(baseUrl: string, dev: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (dev.exitCode !== null) throw new Error(`wrangler dev exited (${dev.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer /healthz within 90 s:\n${log()}`);
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
    project.provide("e2e", { chromium: null, baseUrl: "", adminToken: "" });
    return;
  }

  const dir = mkdtempSync(path.join(tmpdir(), "claimdesk-e2e-"));
  const persistTo = path.join(dir, "state");
  const env = {
    ...process.env,
    CI: "true",
    // Loopback only: no metrics, no update check (the banner's), no cf.json download.
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_HIDE_BANNER: "true",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_LOG_PATH: path.join(dir, "logs"),
    NO_COLOR: "1",
  };
  const migrate = spawnSync(
    process.execPath,
    [wranglerBin, "d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo],
    { cwd: root, env, encoding: "utf8" },
  );
  if (migrate.status !== 0) throw new Error(`migrations failed:\n${migrate.stdout}\n${migrate.stderr}`);
  const seeded = await seedLocalWhenEmpty(persistTo);
  if (seeded === 0) throw new Error("the demo data did not load into the fresh D1");

  const port = await freePort();
  const adminToken = `cd_admin_e2e_${randomBytes(18).toString("base64url")}`;
  const sessionSecret = randomBytes(32).toString("base64url");
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = "";
  const dev = spawn(
    process.execPath,
    [
      wranglerBin,
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      persistTo,
      "--var",
      `ADMIN_TOKEN:${adminToken}`,
      "--var",
      `SESSION_SECRET:${sessionSecret}`,
      "--show-interactive-dev-session=false",
    ],
    { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  dev.stdout?.on("data", keep);
  dev.stderr?.on("data", keep);

  // Should vitest itself be ended, wrangler and its workerd go with it.
  const killGroup = () => {
    try {
      if (dev.pid && dev.exitCode === null) process.kill(-dev.pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", killGroup);

  const stop = async () => {
    process.off("exit", killGroup);
    if (dev.exitCode === null && dev.pid) {
      const exited = new Promise((r) => dev.once("exit", r));
      try {
        process.kill(-dev.pid, "SIGTERM");
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          if (dev.pid) process.kill(-dev.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, dev, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  project.provide("e2e", { chromium: CHROMIUM, baseUrl, adminToken });
  return stop;
}
