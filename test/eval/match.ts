// npm run eval:match [-- --verbose] — scores the claim matcher through the Worker itself, on the
// CLEF 2020 CheckThat! Task 2 data read from ../shared/data/claim-matching (never copied into
// the project; skipped with a message when it is missing).
//
// A throwaway `wrangler dev` with a fresh local D1 (test/local-worker.ts) gets the 10,375
// verified claims through POST /api/v1/import, as any newsroom tool would file them: the claim as
// the text, the fact-check's title as the context, one anonymous speaker ("unattributed: the
// data names none") and one source (publisher "Snopes", title "Snopes fact-checks"), and the
// claim's id in the data as a tag, to score the answers. Then every query (a tweet, as
// released: links, signature and all) goes to POST /api/v1/match, one at a time, and the
// answers are scored: MAP@5 (the task's measure), MRR, Recall@5, and ms per query, on the
// train queries (what the weights were fitted on, test/eval/match-fit.ts) and on the dev
// queries (held out). --verbose prints each query whose match is not first.
import { STRONG_MATCH } from "../../src/match";
import { startLocalWorker } from "../local-worker";
import {
  averagePrecisionAt5,
  loadMatchingData,
  type Query,
  recallAt5,
  reciprocalRank,
  type VerifiedClaim,
} from "./match-data";

const verbose = process.argv.includes("--verbose");
const CHUNK = 2_500;

interface Answer {
  data: { score: number; strong: boolean; claim: { tags: string[]; text: string; context: string | null } }[];
}

async function load(baseUrl: string, token: string, claims: VerifiedClaim[]): Promise<void> {
  for (let i = 0; i < claims.length; i += CHUNK) {
    const rows = claims.slice(i, i + CHUNK).map((c) => ({
      text: c.text,
      kind: "paraphrase",
      context: c.title,
      speaker: { name: "unattributed", kind: "anonymous" },
      source: { title: "Snopes fact-checks", publisher: "Snopes" },
      tags: [c.id],
    }));
    const res = await fetch(`${baseUrl}/api/v1/import`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/x-ndjson" },
      body: rows.map((r) => JSON.stringify(r)).join("\n"),
    });
    const body = (await res.json()) as { created: number; duplicates: number; errors: unknown[] };
    if (!res.ok || body.errors.length > 0)
      throw new Error(`import failed (${res.status}): ${JSON.stringify(body).slice(0, 500)}`);
    if (body.duplicates > 0)
      console.log(`  ${body.duplicates} claims in rows ${i + 1}..${i + rows.length} were duplicates`);
  }
}

interface Scores {
  map5: number;
  mrr: number;
  recall5: number;
  msPerQuery: number;
  msP95: number;
  strongShare: number;
  strongPrecision: number;
}

/** POST /match is limited per token (MATCH_LIMITER in wrangler.toml: 30 a minute), and `wrangler
 * dev` applies the limit: the queries go out under a fresh viewer token every MATCHES_PER_TOKEN, as
 * they would from several of a newsroom's tools. */
const MATCHES_PER_TOKEN = 25;
let tokensMade = 0;

async function viewerToken(baseUrl: string, admin: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/tokens`, {
    method: "POST",
    headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
    body: JSON.stringify({ name: `match evaluation ${++tokensMade}`, role: "viewer" }),
  });
  const body = (await res.json()) as { token?: string };
  if (!res.ok || !body.token) throw new Error(`no token (${res.status}): ${JSON.stringify(body).slice(0, 300)}`);
  return body.token;
}

async function score(baseUrl: string, admin: string, queries: Query[], label: string): Promise<Scores> {
  let token = "";
  let map = 0;
  let mrr = 0;
  let recall = 0;
  let strong = 0;
  let strongRight = 0;
  const times: number[] = [];
  for (const [i, q] of queries.entries()) {
    if (i % MATCHES_PER_TOKEN === 0) token = await viewerToken(baseUrl, admin);
    const start = performance.now();
    const res = await fetch(`${baseUrl}/api/v1/match`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ text: q.text, limit: 20 }),
    });
    const body = (await res.json()) as Answer;
    times.push(performance.now() - start);
    if (!res.ok) throw new Error(`match failed (${res.status}): ${JSON.stringify(body).slice(0, 300)}`);
    const ranked = body.data.map((m) => m.claim.tags.find((t) => t.startsWith("vc")) ?? "");
    map += averagePrecisionAt5(ranked, q.matches);
    mrr += reciprocalRank(ranked, q.matches);
    recall += recallAt5(ranked, q.matches);
    const top = body.data[0];
    if (top?.strong) {
      strong++;
      if (q.matches.includes(ranked[0] ?? "")) strongRight++;
    }
    if (verbose && !q.matches.includes(ranked[0] ?? "")) {
      const rank = ranked.findIndex((id) => q.matches.includes(id));
      console.log(`\n[${label} ${q.id}] match at rank ${rank < 0 ? "> 20" : rank + 1}\n  query: ${q.text}`);
      console.log(`  first: ${top?.claim.text} | ${top?.claim.context} (${top?.score})`);
    }
  }
  times.sort((a, b) => a - b);
  const n = queries.length;
  return {
    map5: map / n,
    mrr: mrr / n,
    recall5: recall / n,
    msPerQuery: times.reduce((a, b) => a + b, 0) / n,
    msP95: times[Math.floor(n * 0.95)] ?? 0,
    strongShare: strong / n,
    strongPrecision: strong === 0 ? 0 : strongRight / strong,
  };
}

const data = loadMatchingData();
if (data) {
  const worker = await startLocalWorker({ label: "eval-match" });
  try {
    const started = performance.now();
    await load(worker.baseUrl, worker.adminToken, data.claims);
    console.log(
      `loaded ${data.claims.length} verified claims in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const rows: [string, Scores][] = [];
    for (const [label, queries] of [
      ["train (fitted on)", data.train],
      ["dev (held out)", data.dev],
    ] as const)
      rows.push([label, await score(worker.baseUrl, worker.adminToken, queries, label.split(" ")[0] ?? label)]);
    console.log(
      `\nqueries            MAP@5   MRR     R@5     ms/query (p95)   top-1 strong (>= ${STRONG_MATCH}): share, precision`,
    );
    for (const [label, s] of rows)
      console.log(
        `${label.padEnd(18)} ${s.map5.toFixed(3)}   ${s.mrr.toFixed(3)}   ${s.recall5.toFixed(3)}   ${s.msPerQuery.toFixed(1).padStart(6)} (${s.msP95.toFixed(0)})      ${(s.strongShare * 100).toFixed(1)}%, ${(s.strongPrecision * 100).toFixed(1)}%`,
      );
  } finally {
    await worker.stop();
  }
}
