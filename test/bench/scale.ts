// `npm run bench:scale`: does claimdesk stay fast as the desk grows? One real `wrangler dev` per
// size, each with a throwaway D1 filled to its size: 1,000 claims (the baseline) and 100,000
// (BENCH_SIZES, e.g. "1000,100000,1000000", sets the sizes). The same calls are timed at every
// size, interleaved (each run of a call goes to every server in turn), so that a machine busy
// with other work slows every size alike and the ratios stay honest: the API's lists, filters
// and searches, the review queue, a claim page and a speaker page. Every call should cost about
// the same at every size; export grows with the data while workerd's memory stays flat (its peak
// RSS during the export is sampled).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { type LocalWorker, startLocalWorker, wranglerSync } from "../local-worker";

const SIZES = (process.env.BENCH_SIZES ?? "1000,100000").split(",").map(Number);
const RUNS = 15;

interface Server extends LocalWorker {
  env: NodeJS.ProcessEnv;
  size: number;
  /** The session cookie for the review pages, after logging in with the admin token. */
  cookie: string;
}
const servers: Server[] = [];

/** Claims n0+1..n1, spread over 100 speakers and 1,000 sources, every status; all tagged
 * "bench", one in a thousand also "rare", one in five hundred flagged; each verdict with its
 * event by one of 5 reviewers and one claim in ten re-checked, spread over the last year. The
 * triggers keep the search index, the flag counts and the dashboard's counters in step. */
function fill(server: Server, n0: number, n1: number): void {
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
      UNION ALL SELECT 'clm_bench' || i, 'rare' FROM n WHERE i % 1000 = 0;
    INSERT INTO claim_flags (claim_id, flag, raised_at)
      WITH RECURSIVE n(i) AS (SELECT ${n0 + 1} UNION ALL SELECT i + 1 FROM n WHERE i < ${n1})
      SELECT 'clm_bench' || i, 'quote_missing', '2026-01-02' FROM n WHERE i % 500 = 0;
    INSERT INTO claim_events (id, claim_id, at, actor, action, from_value, to_value)
      WITH RECURSIVE n(i) AS (SELECT ${n0 + 1} UNION ALL SELECT i + 1 FROM n WHERE i < ${n1})
      SELECT 'evt_bench' || i, 'clm_bench' || i, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (i % 365) || ' days'),
             'reviewer ' || (i % 5), 'status_changed', 'unverified',
             CASE i % 7 ${statuses.map((s, k) => `WHEN ${k} THEN '${s}'`).join(" ")} END
      FROM n WHERE i % 7 >= 2;
    INSERT INTO rechecks (id, claim_id, source_id, at, outcome)
      WITH RECURSIVE n(i) AS (SELECT ${n0 + 1} UNION ALL SELECT i + 1 FROM n WHERE i < ${n1})
      SELECT 'rck_bench' || i, 'clm_bench' || i, 'src_bench' || (1 + i % 1000),
             strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (i % 365) || ' days'),
             CASE i % 3 WHEN 0 THEN 'quote_present' WHEN 1 THEN 'quote_missing' ELSE 'source_changed' END
      FROM n WHERE i % 10 = 0;`;
  const { persistTo, env } = server;
  wranglerSync(["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--command", sql], env);
}

async function login(server: Server): Promise<void> {
  const { baseUrl, adminToken } = server;
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: baseUrl },
    body: new URLSearchParams({ token: adminToken, next: "/review" }),
    redirect: "manual",
  });
  server.cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  if (res.status !== 303 || !server.cookie) throw new Error(`login answered ${res.status}`);
}

async function once(server: Server, call: string): Promise<number> {
  // "POST /path {json}" posts the body; anything else is a GET of the path.
  const post = /^POST (\S+) (.*)$/.exec(call);
  const path = post?.[1] ?? call;
  // The API takes the bearer token; the review pages the session cookie.
  const headers: Record<string, string> = path.startsWith("/api/")
    ? { authorization: `Bearer ${server.adminToken}` }
    : { cookie: server.cookie };
  if (post) headers["content-type"] = "application/json";
  const started = performance.now();
  const res = await fetch(`${server.baseUrl}${path}`, { headers, method: post ? "POST" : "GET", body: post?.[2] });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${path} answered ${res.status} at ${server.size}`);
  return performance.now() - started;
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? Number.NaN;

/** The median time of a call at every size, its runs interleaved across the servers. */
async function timed(path: string): Promise<number[]> {
  const times: number[][] = servers.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, server] of servers.entries()) times[k]?.push(await once(server, path));
  }
  return times.map(median);
}

/** Resident memory of this server's workerd processes (its process group: not other servers'), in MB. */
function workerdRssMb(server: Server): number {
  const group = server.pid;
  if (group === undefined) return Number.NaN;
  let pids: string[] = [];
  try {
    pids = execFileSync("pgrep", ["-g", String(group), "workerd"], { encoding: "utf8" })
      .trim()
      .split("\n");
  } catch {
    // none found
  }
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

async function exportAll(server: Server): Promise<{ seconds: number; lines: number; peakRssMb: number }> {
  let peak = workerdRssMb(server);
  const sampler = setInterval(() => {
    peak = Math.max(peak, workerdRssMb(server));
  }, 100);
  const started = performance.now();
  const res = await fetch(`${server.baseUrl}/api/v1/export?format=ndjson`, {
    headers: { authorization: `Bearer ${server.adminToken}` },
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

const MATCH = `POST /api/v1/match ${JSON.stringify({ text: "Insurgents carried out 412 attacks on checkpoints in district 412, he said" })}`;
const CALLS = [
  // lists and filters
  "/api/v1/claims?limit=50",
  "/api/v1/claims?limit=50&cursor=eyJzZXEiOjUwMH0", // the page after seq 500
  "/api/v1/claims?limit=50&status=false",
  "/api/v1/claims?limit=50&attribution=unchecked",
  "/api/v1/claims?limit=50&tag=rare",
  "/api/v1/claims?limit=50&flag=quote_missing",
  "/api/v1/claims?limit=50&source_id=src_bench7",
  "/api/v1/claims?limit=50&speaker_id=spk_bench7&status=verified",
  "/api/v1/speakers?limit=50",
  "/api/v1/sources?limit=50",
  // search: selective and common words, one and two words, with filters
  "/api/v1/claims?limit=50&q=412",
  "/api/v1/claims?limit=50&q=district%20412",
  "/api/v1/claims?limit=50&q=attacks",
  "/api/v1/claims?limit=50&q=checkpoints%20district",
  "/api/v1/claims?limit=50&q=attacks&status=false",
  "/api/v1/claims?limit=50&q=district%20412&status=false",
  "/api/v1/claims?limit=50&q=attacks&speaker_id=spk_bench7",
  "/api/v1/claims?limit=50&q=attacks&tag=rare",
  "/api/v1/claims?limit=50&q=attacks&cursor=eyJvZmZzZXQiOjUwfQ", // the second page (offset 50)
  // one claim, one speaker, one source
  "/api/v1/claims/clm_bench500",
  "/api/v1/speakers/spk_bench7",
  "/api/v1/sources/src_bench7",
  // the review pages
  "/review",
  "/review?all=1",
  "/review?q=attacks",
  "/review?q=district%20412",
  "/review?q=attacks&status=false",
  "/review?q=attacks&flagged=1",
  "/claims/clm_bench500",
  "/speakers/spk_bench7",
  // "Checked before?": a claim's paraphrase (its number and district rare, its other words in
  // every claim), and the matches of a stored claim
  MATCH,
  "/api/v1/claims/clm_bench500/matches",
  // the desk's figures (counters kept by triggers, drizzle/0014)
  "/api/v1/stats",
  "/api/v1/stats?period=365",
  "/api/v1/stats?period=365&speaker_id=spk_bench7",
  "/api/v1/stats?period=365&tag=bench",
  "/dashboard",
  "/dashboard?period=365",
];
const LIST = "/api/v1/claims?limit=50";
/** BENCH_ONLY (a regular expression) times only the calls it matches, and the plain list. */
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const RUN_CALLS = ONLY ? CALLS.filter((c) => c === LIST || ONLY.test(c)) : CALLS;
/** The figures answer within 3x a 50-claim list page (issue 23). */
const FIGURES = CALLS.filter((c) => c.startsWith("/api/v1/stats") || c.startsWith("/dashboard"));

async function main(): Promise<void> {
  for (const size of SIZES) {
    const server: Server = { ...(await startLocalWorker({ label: `bench-scale-${size}` })), size, cookie: "" };
    servers.push(server);
    const started = performance.now();
    fill(server, 0, size);
    console.log(`filled to ${size} claims in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    await login(server);
    await once(server, "/api/v1/claims?limit=1"); // warm-up
  }
  const times: Record<string, number[]> = {};
  for (const call of RUN_CALLS) times[call] = await timed(call);

  const [base, ...rest] = servers;
  if (!base) return;
  const ms = (call: string, k: number) => times[call]?.[k] ?? Number.NaN;
  console.log(`median of ${RUNS} calls, ms, at each size; ×: against the same call at ${base.size} claims`);
  console.log(
    `  ${"call".padEnd(58)}${servers.map((s) => String(s.size).padStart(9)).join("")}${rest.map((s) => `×@${s.size}`.padStart(12)).join("")}`,
  );
  for (const call of RUN_CALLS) {
    const cells = servers.map((_, k) => ms(call, k).toFixed(1).padStart(9)).join("");
    const ratios = rest.map((_, k) => `×${(ms(call, k + 1) / ms(call, 0)).toFixed(2)}`.padStart(12)).join("");
    console.log(`  ${(call === MATCH ? "POST /api/v1/match (a paraphrase)" : call).padEnd(58)}${cells}${ratios}`);
  }
  for (const [k, server] of servers.entries()) {
    for (const call of FIGURES.filter((c) => RUN_CALLS.includes(c))) {
      const ratio = ms(call, k) / ms(LIST, k);
      console.log(
        `  at ${server.size}: ${call} is ×${ratio.toFixed(2)} the 50-claim list page (target ≤ ×3: ${ratio <= 3 ? "met" : "MISSED"})`,
      );
    }
    if (ONLY) continue;
    const ratio = ms("/api/v1/claims?limit=50&q=attacks", k) / ms("/api/v1/claims?limit=50", k);
    console.log(`  at ${server.size}: common-word search is ×${ratio.toFixed(2)} the plain list`);
    const match = ms(MATCH, k) / ms("/api/v1/claims?limit=50&q=district%20412", k);
    console.log(`  at ${server.size}: a match is ×${match.toFixed(2)} a plain search for its rare words`);
  }
  // One export at a time, after the calls (the other servers idle meanwhile).
  for (const server of ONLY ? [] : servers) {
    const e = await exportAll(server);
    console.log(
      `  export ndjson at ${server.size}: ${e.lines} lines in ${e.seconds.toFixed(2)} s (${(e.lines / e.seconds).toFixed(0)} claims/s), workerd peak RSS ${e.peakRssMb.toFixed(0)} MB`,
    );
  }
}

try {
  await main();
} finally {
  for (const server of servers) await server.stop();
}
