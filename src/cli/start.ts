// `npm start`: a local claimdesk from a fresh clone. Creates .dev.vars with random secrets
// (printing the admin token once) and local re-check settings, applies the migrations to the local D1, loads the demo
// data into an empty database, then serves on http://127.0.0.1:8787 with the cron testable.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { seedLocalWhenEmpty } from "./local-db";

const PORT = process.env.PORT ?? "8787";
const wrangler = (args: string[]) => ["wrangler", ...args];

function ensureDevVars(): void {
  if (existsSync(".dev.vars")) return;
  const adminToken = `cd_admin_${randomBytes(24).toString("base64url")}`;
  const sessionSecret = randomBytes(32).toString("base64url");
  const vars = [
    `ADMIN_TOKEN=${adminToken}`,
    `SESSION_SECRET=${sessionSecret}`,
    "# Local only: the re-check job may visit pages on this machine, and re-checks claims",
    "# without a verdict on every run (curl 'http://127.0.0.1:8787/__scheduled') instead of daily.",
    "RECHECK_ALLOW_PRIVATE=true",
    "RECHECK_OPEN_HOURS=0",
  ];
  writeFileSync(".dev.vars", `${vars.join("\n")}\n`, { mode: 0o600 });
  console.log("\nCreated .dev.vars with a new admin token (shown once, kept only in .dev.vars):");
  console.log(`\n    ADMIN_TOKEN=${adminToken}\n`);
}

function run(args: string[]): void {
  const [cmd, ...rest] = args as [string, ...string[]];
  const result = spawnSync(cmd, rest, { stdio: "inherit", env: { ...process.env, CI: "true" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

ensureDevVars();
run(wrangler(["d1", "migrations", "apply", "DB", "--local"]));
const added = await seedLocalWhenEmpty();
console.log(
  added > 0 ? `Loaded the demo data: ${added} claims.` : "Local database already has claims; demo data not loaded.",
);

// The public pages' absolute urls (canonical links, feeds, ClaimReview) are on PUBLIC_ORIGIN: this
// server's own address, unless the environment names another (a tunnel's, say).
const publicOrigin = process.env.PUBLIC_ORIGIN || `http://127.0.0.1:${PORT}`;
const dev = spawn(
  "wrangler",
  ["dev", "--ip", "127.0.0.1", "--port", PORT, "--test-scheduled", "--var", `PUBLIC_ORIGIN:${publicOrigin}`],
  { stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));
