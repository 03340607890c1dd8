// `npm run bench:scale`: does claimdesk stay fast as the desk grows? A real `wrangler dev` with a
// throwaway D1 is filled to 1,000 claims (the baseline), then to 100,000, and the same API calls
// are timed at both sizes; list calls should cost about the same, export should grow with the
// data while workerd's memory stays flat (its peak RSS during the export is sampled).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { type LocalWorker, startLocalWorker, wranglerSync } from "../local-worker";

const SMALL = 1_000;
const LARGE = 100_000;
const RUNS = 15;
let server: (LocalWorker & { env: NodeJS.ProcessEnv }) | undefined;

function running() {
  if (!server) throw new Error("the server is not running");
  return server;
}

/** Claims n0+1..n1, spread over 100 speakers and 1,000 sources, every status; all tagged
 * "bench", one in a thousand also "rare". The triggers keep the search index in step. */
function fill(n0: number, n1: number): void {
  const statuses = ["unverified", "in_review", "verified", "misleading", "false", "unproven", "opinion"];
  const sql = `
    INSERT OR IGNORE INTO speakers (id, name, role, kind, match_key, created_at, updated_at)
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
      SELECT 'spk_bench' || i, 'Speaker ' || i, 'spokesman', 'person', 'bench' || i, '2026-01-01', '2026-01-01' FROM n;
    INSERT OR IGNORE INTO sources (id, url, title, created_at, updated_at)
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
      SELECT 'src_bench' || i, 'https://bench.example.org/' || i, 'Article ' || i, '2026-01-01', '2026-01-01' FROM n;
    INSERT INTO claims (id, text, kind, speaker_id, source_id, context, status, rationale, dedupe_key, created_by, created_at, updated_at)
      WITH RECURSIVE n(i) AS (SELECT ${n0 + 1} UNION ALL SELECT i + 1 FROM n WHERE i < ${n1})
      SELECT 'clm_bench' || i,
             'insurgents carried out ' || i || ' attacks on checkpoints in district ' || (i % 977),
             'statistic', 'spk_bench' || (1 + i % 100), 'src_bench' || (1 + i % 1000),
             'He said insurgents carried out ' || i || ' attacks.',
             CASE i % 7 ${statuses.map((s, k) => `WHEN ${k} THEN '${s}'`).join(" ")} END,
             'bench rationale', 'bench ' || i, 'bench', '2026-01-01', '2026-01-01'
      FROM n;
    INSERT INTO claim_tags (claim_id, tag)
      WITH RECURSIVE n(i) AS (SELECT ${n0 + 1} UNION ALL SELECT i + 1 FROM n WHERE i < ${n1})
      SELECT 'clm_bench' || i, 'bench' FROM n
      UNION ALL SELECT 'clm_bench' || i, 'rare' FROM n WHERE i % 1000 = 0;`;
  const { persistTo, env } = running();
  wranglerSync(["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--command", sql], env);
}

async function timed(path: string): Promise<number> {
  const { baseUrl, adminToken } = running();
  const headers = { authorization: `Bearer ${adminToken}` };
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const res = await fetch(`${baseUrl}${path}`, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? Number.NaN;
}

/** Resident memory of the server's workerd processes, in MB. */
function workerdRssMb(): number {
  const pids = execFileSync("pgrep", ["-f", `workerd serve`], { encoding: "utf8" }).trim().split("\n");
  let kb = 0;
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      kb = Math.max(kb, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

async function exportAll(): Promise<{ seconds: number; lines: number; peakRssMb: number }> {
  let peak = workerdRssMb();
  const sampler = setInterval(() => {
    peak = Math.max(peak, workerdRssMb());
  }, 100);
  const started = performance.now();
  const { baseUrl, adminToken } = running();
  const res = await fetch(`${baseUrl}/api/v1/export?format=ndjson`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  let lines = 0;
  const reader = res.body?.getReader();
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) break;
    for (const byte of chunk.value) if (byte === 10) lines++;
  }
  clearInterval(sampler);
  return { seconds: (performance.now() - started) / 1000, lines, peakRssMb: peak };
}

const CALLS = [
  "/api/v1/claims?limit=50",
  "/api/v1/claims?limit=50&status=false",
  "/api/v1/claims?limit=50&tag=rare",
  "/api/v1/claims?limit=50&speaker_id=spk_bench7&status=verified",
  "/api/v1/claims?limit=50&q=district%20412",
  "/api/v1/claims/clm_bench500",
  "/api/v1/speakers/spk_bench7",
];

async function measure(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const call of CALLS) out[call] = await timed(call);
  return out;
}

async function main(): Promise<void> {
  server = await startLocalWorker({ label: "bench-scale" });
  fill(0, SMALL);
  await timed("/api/v1/claims?limit=1"); // warm-up
  const small = await measure();
  const smallExport = await exportAll();
  fill(SMALL, LARGE);
  const large = await measure();
  const largeExport = await exportAll();

  console.log(`median of ${RUNS} calls, ms; at ${SMALL} claims (baseline) and at ${LARGE}:`);
  for (const call of CALLS) {
    const a = small[call] ?? 0;
    const b = large[call] ?? 0;
    console.log(`  ${call.padEnd(62)} ${a.toFixed(1).padStart(7)} ${b.toFixed(1).padStart(7)}  ×${(b / a).toFixed(2)}`);
  }
  for (const [n, e] of [
    [SMALL, smallExport],
    [LARGE, largeExport],
  ] as const) {
    console.log(
      `  export ndjson at ${n}: ${e.lines} lines in ${e.seconds.toFixed(2)} s (${(e.lines / e.seconds).toFixed(0)} claims/s), workerd peak RSS ${e.peakRssMb.toFixed(0)} MB`,
    );
  }
}

try {
  await main();
} finally {
  await server?.stop();
}
