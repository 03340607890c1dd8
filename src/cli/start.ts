// `npm start`: a local claimdesk from a fresh clone. Creates .dev.vars with random secrets and
// local re-check settings, applies the migrations to the local D1, loads the demo data into an
// empty database, prints the admin token as its last line, then serves on http://127.0.0.1:8787
// (PORT for another) with the cron testable.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
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
  console.log("Created .dev.vars with a new admin token (printed below, when the server starts).");
}

/** The ADMIN_TOKEN in .dev.vars (made above, or by an earlier start), if any. */
function devAdminToken(): string | null {
  if (!existsSync(".dev.vars")) return null;
  const line = readFileSync(".dev.vars", "utf8")
    .split("\n")
    .find((l) => l.startsWith("ADMIN_TOKEN="));
  return line ? line.slice("ADMIN_TOKEN=".length).trim() : null;
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
// What a person needs to log in comes last, below the migrations' output, just before wrangler's
// own lines end with "Ready on …".
const adminToken = devAdminToken();
console.log(
  `\nLog in at http://127.0.0.1:${PORT}/login with ${adminToken ? "the admin token (kept in .dev.vars):" : "the ADMIN_TOKEN in .dev.vars."}`,
);
if (adminToken) console.log(`\n    ADMIN_TOKEN=${adminToken}\n`);
const dev = spawn(
  "wrangler",
  ["dev", "--ip", "127.0.0.1", "--port", PORT, "--test-scheduled", "--var", `PUBLIC_ORIGIN:${publicOrigin}`],
  { stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));
