// `npm run bench:recheck`: the re-check's visit rate. Starts a local page server and
// `wrangler dev` (its own throw-away D1, RECHECK_ALLOW_PRIVATE=true), loads N claims, one
// source page each, fires /__scheduled until every claim has been visited, and prints
// claims per second with the batch size used.
// Env: BENCH_CLAIMS (default 500), BENCH_BATCH (RECHECK_BATCH, default 50),
//      BENCH_CLAIMS_PER_SOURCE (default 1).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { getPlatformProxy } from "wrangler";

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 500);
const BATCH = Number(process.env.BENCH_BATCH ?? 50);
const PER_SOURCE = Number(process.env.BENCH_CLAIMS_PER_SOURCE ?? 1);
const QUOTE = "insurgents had carried out 43 attacks on checkpoints";
const state = mkdtempSync(path.join(tmpdir(), "claimdesk-bench-"));

// A news-sized page (about 20 KB) holding the quote, with navigation and scripts to strip.
const filler = `<p>${"Officials said the situation remained tense across the province. ".repeat(6)}</p>\n`.repeat(40);
const pageHtml = `<!doctype html><html><head><title>Kunduz</title><script>var a=1;</script></head><body>
<nav>Home World</nav><article><h1>Kunduz</h1>${filler}<p>The spokesman said ${QUOTE}.</p>${filler}</article>
<footer>Example News</footer></body></html>`;
const pages = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end(pageHtml);
});
await new Promise<void>((resolve) => pages.listen(0, "127.0.0.1", resolve));
const pagesPort = (pages.address() as AddressInfo).port;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function wrangler(args: string[]) {
  const result = spawnSync("wrangler", args, {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
  });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed`);
}

async function withDb<T>(work: (db: D1Database) => Promise<T>): Promise<T> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: "wrangler.toml",
    persist: { path: path.join(state, "v3") },
  });
  try {
    return await work(proxy.env.DB);
  } finally {
    await proxy.dispose();
  }
}

wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", state]);
const at = new Date(Date.now() - 60_000).toISOString();
await withDb(async (db) => {
  const statements = [
    db
      .prepare(
        "INSERT INTO speakers (id, name, kind, match_key, created_at, updated_at) VALUES ('spk_b', 'Bench', 'person', 'bench', ?, ?)",
      )
      .bind(at, at),
  ];
  for (let i = 0; i < CLAIMS; i++) {
    const source = Math.floor(i / PER_SOURCE);
    if (i % PER_SOURCE === 0) {
      statements.push(
        db
          .prepare("INSERT INTO sources (id, url, title, created_at, updated_at) VALUES (?, ?, 'bench', ?, ?)")
          .bind(`src_b${source}`, `http://127.0.0.1:${pagesPort}/article/${source}`, at, at),
      );
    }
    statements.push(
      db
        .prepare(
          `INSERT INTO claims (id, text, speaker_id, source_id, dedupe_key, recheck_due_at, created_by, created_at, updated_at)
           VALUES (?, ?, 'spk_b', ?, ?, ?, 'bench', ?, ?)`,
        )
        .bind(`clm_b${i}`, i % 2 ? QUOTE : "a quote that is gone", `src_b${source}`, `b${i}`, at, at, at),
    );
  }
  for (let i = 0; i < statements.length; i += 500) await db.batch(statements.slice(i, i + 500));
});

const port = await freePort();
const dev = spawn(
  "wrangler",
  [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--test-scheduled",
    "--persist-to",
    state,
    "--var",
    "RECHECK_ALLOW_PRIVATE:true",
    "--var",
    `RECHECK_BATCH:${BATCH}`,
    // Whatever a developer's .dev.vars says: each claim is visited once in the measured runs.
    "--var",
    "RECHECK_OPEN_HOURS:24",
  ],
  { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" } },
);
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i++) {
    if (i > 120) throw new Error("wrangler dev did not start");
    const up = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const runs = Math.ceil(CLAIMS / BATCH);
  const started = performance.now();
  // /__scheduled answers once the run (and what it waitUntil()s) is done.
  for (let i = 0; i < runs; i++) await (await fetch(`${base}/__scheduled`)).text();
  const seconds = (performance.now() - started) / 1000;
  dev.kill("SIGTERM");
  await new Promise((resolve) => dev.once("exit", resolve));
  const counts = await withDb((db) =>
    db.prepare("SELECT outcome, count(*) AS n FROM rechecks GROUP BY outcome").all<{ outcome: string; n: number }>(),
  );
  const visited = counts.results.reduce((sum, r) => sum + r.n, 0);
  console.log(
    JSON.stringify({
      claims: CLAIMS,
      claims_per_source: PER_SOURCE,
      batch: BATCH,
      runs,
      visited,
      outcomes: Object.fromEntries(counts.results.map((r) => [r.outcome, r.n])),
      seconds: Number(seconds.toFixed(2)),
      claims_per_second: Number((visited / seconds).toFixed(1)),
    }),
  );
  if (visited !== CLAIMS) process.exitCode = 1;
} finally {
  if (dev.exitCode === null) dev.kill("SIGTERM");
  pages.close();
  rmSync(state, { recursive: true, force: true });
}
