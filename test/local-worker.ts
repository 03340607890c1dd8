// A real `wrangler dev` for the browser tests and the benchmarks: a free loopback port, a fresh
// local D1 in a temporary directory (migrations applied, demo data optional), random secrets.
// The developer's own .wrangler/state is never touched.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { readD1Migrations } from "@cloudflare/vitest-plugin";
import { openLocalDb, seedWhenEmpty } from "../src/cli/local-db";

export interface LocalWorker {
  baseUrl: string;
  /** The local D1's directory, for `wrangler d1 execute --local --persist-to`. */
  persistTo: string;
  adminToken: string;
  /** wrangler's process id, which is also its process group's (workerd runs in that group). */
  pid: number | undefined;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "..");
const wranglerBin = path.join(root, "node_modules/wrangler/bin/wrangler.js");

export function freePort(): Promise<number> {
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

async function waitForHealth(baseUrl: string, dev: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (dev.exitCode !== null) throw new Error(`wrangler dev exited (${dev.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer /healthz within 90 s:\n${log()}`);
}

/** Runs wrangler (as this Node) with the loopback-only environment. */
export function wranglerSync(args: string[], env: NodeJS.ProcessEnv) {
  const run = spawnSync(process.execPath, [wranglerBin, ...args], { cwd: root, env, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`wrangler ${args.slice(0, 3).join(" ")} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

/** A fresh local D1 in the `--persist-to` directory `persistTo`: the migrations applied and
 * recorded as `wrangler d1 migrations apply` records them, and the demo data when asked. One
 * platform proxy does both, where wrangler's own command was a second start of its whole CLI. */
export async function prepareLocalDb(persistTo: string, demo: boolean): Promise<void> {
  const migrations = await readD1Migrations(path.join(root, "drizzle"));
  const proxy = await openLocalDb(persistTo);
  try {
    const db = proxy.env.DB;
    await db
      .prepare(
        `CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE,
           applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)`,
      )
      .run();
    for (const migration of migrations)
      await db.batch([
        ...migration.queries.map((query) => db.prepare(query)),
        db.prepare("INSERT INTO d1_migrations (name) VALUES (?)").bind(migration.name),
      ]);
    if (demo && (await seedWhenEmpty(db)) === 0) throw new Error("the demo data did not load");
  } finally {
    await proxy.dispose();
  }
}

/** The environment wrangler runs in here, its logs under `dir`: loopback only (no metrics, no
 * update check, the banner's, no cf.json download). */
export function wranglerEnv(dir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CI: "true",
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_HIDE_BANNER: "true",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_LOG_PATH: path.join(dir, "logs"),
    NO_COLOR: "1",
  };
}

export async function startLocalWorker(
  options: {
    label: string;
    demo?: boolean;
    vars?: Record<string, string>;
    /** Chosen by the caller when it hands the address out before the server is up. */
    port?: number;
    adminToken?: string;
    /** A database made by `prepareLocalDb` to start from (copied; `demo` is then ignored). */
    from?: string;
  } = { label: "local" },
): Promise<LocalWorker & { env: NodeJS.ProcessEnv }> {
  const dir = mkdtempSync(path.join(tmpdir(), `claimdesk-${options.label}-`));
  const persistTo = path.join(dir, "state");
  const env = wranglerEnv(dir);
  if (options.from) cpSync(options.from, persistTo, { recursive: true });
  else await prepareLocalDb(persistTo, options.demo ?? false);

  const port = options.port ?? (await freePort());
  const adminToken = options.adminToken ?? `cd_admin_${options.label}_${randomBytes(18).toString("base64url")}`;
  const baseUrl = `http://127.0.0.1:${port}`;
  const vars = {
    ADMIN_TOKEN: adminToken,
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    PUBLIC_ORIGIN: baseUrl,
    ...options.vars,
  };
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
      // A free port of its own rather than wrangler's pick from 9229 on, which two servers
      // starting at once can both make.
      "--inspector-port",
      String(await freePort()),
      "--persist-to",
      persistTo,
      ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
      "--show-interactive-dev-session=false",
    ],
    { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  dev.stdout?.on("data", keep);
  dev.stderr?.on("data", keep);

  // Should the calling process end first, wrangler and its workerd go with it.
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
      const timer = setTimeout(killGroup, 5_000);
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
  return { baseUrl, persistTo, adminToken, pid: dev.pid, stop, env };
}
