// npm run eval:match:fit [-- --fit] [--failures] — fits the rerank's weights (src/match/rerank.ts WEIGHTS) on the TRAIN
// queries only, by coordinate ascent on MAP@5, and prints the dev figures the fitted weights
// would give. It runs in Node against an in-memory SQLite holding the same FTS5 index as the
// match migration (same tokenizer, column weights and query), so a fit takes seconds; the
// figures to report come from npm run eval:match, which asks the Worker itself.
import { DatabaseSync } from "node:sqlite";
import {
  assess,
  type Candidate,
  type Corpus,
  linear,
  type PreparedQuery,
  prepare,
  prepareQuery,
  type Signals,
  WEIGHTS,
  type Weights,
} from "../../src/match";
import { CANDIDATES, COLUMN_WEIGHTS, ftsQuery, pickTerms } from "../../src/match/query";
import { averagePrecisionAt5, loadMatchingData, type Query, type VerifiedClaim } from "./match-data";

interface Pool {
  query: Query;
  ids: string[];
  signals: Signals[];
  bm25: number[];
}

function buildIndex(claims: VerifiedClaim[]) {
  const db = new DatabaseSync(":memory:");
  db.exec(`CREATE VIRTUAL TABLE m USING fts5(text, context, speaker_name, tokenize='porter unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE v USING fts5vocab(m, 'row');`);
  const insert = db.prepare("INSERT INTO m (rowid, text, context, speaker_name) VALUES (?, ?, ?, ?)");
  for (const [i, c] of claims.entries()) insert.run(i + 1, c.text, c.title, "");
  return db;
}

function pools(db: DatabaseSync, claims: VerifiedClaim[], queries: Query[]): Pool[] {
  const size = claims.length;
  const df = db.prepare("SELECT term, doc FROM v WHERE term IN (SELECT value FROM json_each(?))");
  const search = db.prepare(
    `SELECT rowid, -bm25(m, ${COLUMN_WEIGHTS.join(", ")}) AS score FROM m WHERE m MATCH ? ORDER BY bm25(m, ${COLUMN_WEIGHTS.join(", ")}) LIMIT ${CANDIDATES}`,
  );
  const freq = (stems: string[]) =>
    new Map((df.all(JSON.stringify(stems)) as { term: string; doc: number }[]).map((r) => [r.term, r.doc]));
  return queries.map((query) => {
    const q: PreparedQuery = prepareQuery({ text: query.text });
    const terms = pickTerms(q, { size, docFreq: freq(q.prepared.stems.concat(q.speakerStems)) });
    const fts = ftsQuery(terms);
    const rows = fts ? (search.all(fts) as { rowid: number; score: number }[]) : [];
    const candidates: Candidate[] = rows.map((r) => {
      const c = claims[r.rowid - 1] as VerifiedClaim;
      return {
        id: c.id,
        text: c.text,
        context: c.title,
        speakerId: null,
        speakerName: null,
        statedAt: null,
        bm25: r.score,
      };
    });
    const stems = new Set<string>(q.prepared.stems);
    for (const c of candidates) for (const s of candidateStems(c)) stems.add(s);
    const corpus: Corpus = { size, docFreq: freq([...stems]) };
    const best = Math.max(0, ...candidates.map((c) => c.bm25));
    return {
      query,
      ids: candidates.map((c) => c.id),
      signals: candidates.map((c) => assess(q, c, corpus, best).signals),
      bm25: candidates.map((c) => c.bm25),
    };
  });
}

function candidateStems(c: Candidate): string[] {
  return prepare(`${c.text} ${c.context ?? ""}`, { signature: false }).stems;
}

function map5(list: Pool[], w: Weights): number {
  let sum = 0;
  for (const p of list) {
    const order = p.ids
      .map((id, i) => ({ id, s: linear(p.signals[i] as Signals, w), b: p.bm25[i] ?? 0 }))
      .sort((a, b) => b.s - a.s || b.b - a.b)
      .map((x) => x.id);
    sum += averagePrecisionAt5(order, p.query.matches);
  }
  return sum / list.length;
}

function fit(train: Pool[], start: Weights): Weights {
  let w = { ...start };
  let best = map5(train, w);
  const keys = Object.keys(w).filter((k) => k !== "bias") as (keyof Weights)[];
  for (let round = 0; round < 6; round++) {
    let improved = false;
    for (const key of keys) {
      for (const step of [2, 1, 0.5, 0.25, 0.1, -0.1, -0.25, -0.5, -1, -2]) {
        const next = { ...w, [key]: Math.round((w[key] + step) * 100) / 100 };
        const m = map5(train, next);
        if (m > best + 1e-9) {
          best = m;
          w = next;
          improved = true;
        }
      }
    }
    console.log(`round ${round + 1}: train MAP@5 ${best.toFixed(4)}`);
    if (!improved) break;
  }
  return w;
}

/** The lowest score (in steps of 0.05) at which the top matches at or above it are right at
 * least 90% of the time on these queries. */
function strongThreshold(list: Pool[], w: Weights): string {
  const tops = list.map((p) => {
    let best = -1;
    let bestScore = -Infinity;
    p.signals.forEach((s, i) => {
      const v = linear(s, w);
      if (v > bestScore) {
        bestScore = v;
        best = i;
      }
    });
    return { score: 1 / (1 + Math.exp(-bestScore)), right: p.query.matches.includes(p.ids[best] ?? "") };
  });
  for (let t = 0.05; t < 1; t += 0.05) {
    const above = tops.filter((x) => x.score >= t);
    const precision = above.filter((x) => x.right).length / above.length;
    if (precision >= 0.9)
      return `${t.toFixed(2)} (precision ${precision.toFixed(3)}, ${above.length} of ${list.length} queries)`;
  }
  return "none";
}

const data = loadMatchingData();
if (data) {
  const db = buildIndex(data.claims);
  const train = pools(db, data.claims, data.train);
  const dev = pools(db, data.claims, data.dev);
  const recall = (list: Pool[]) =>
    list.filter((p) => p.query.matches.some((id) => p.ids.includes(id))).length / list.length;
  const bm25Only = { ...Object.fromEntries(Object.keys(WEIGHTS).map((k) => [k, 0])), bm25: 1 } as Weights;
  console.log(`candidate recall@${CANDIDATES}: train ${recall(train).toFixed(3)}, dev ${recall(dev).toFixed(3)}`);
  console.log(`BM25 alone: train ${map5(train, bm25Only).toFixed(4)}, dev ${map5(dev, bm25Only).toFixed(4)}`);
  console.log(`current WEIGHTS: train ${map5(train, WEIGHTS).toFixed(4)}, dev ${map5(dev, WEIGHTS).toFixed(4)}`);
  console.log(`strong threshold on train: ${strongThreshold(train, WEIGHTS)}`);
  if (process.argv.includes("--fit")) {
    const w = fit(train, WEIGHTS);
    console.log(`fitted: train ${map5(train, w).toFixed(4)}, dev ${map5(dev, w).toFixed(4)}`);
    console.log(JSON.stringify(w, null, 2));
  }
}
if (data && process.argv.includes("--failures")) {
  const db = buildIndex(data.claims);
  const byId = new Map(data.claims.map((c) => [c.id, c]));
  for (const p of pools(db, data.claims, data.train)) {
    const order = p.ids
      .map((id, i) => ({ id, s: linear(p.signals[i] as Signals, WEIGHTS), sig: p.signals[i] }))
      .sort((a, b) => b.s - a.s);
    const rank = order.findIndex((x) => p.query.matches.includes(x.id));
    if (rank === 0) continue;
    const gold = byId.get(p.query.matches[0] ?? "");
    const top = byId.get(order[0]?.id ?? "");
    console.log(
      `\n## ${p.query.id} gold rank ${rank < 0 ? "none" : rank + 1}\nQ: ${p.query.text}\nG: ${gold?.text} | ${gold?.title}\n   ${JSON.stringify(order[rank]?.sig ?? null)}\nT: ${top?.text} | ${top?.title}\n   ${JSON.stringify(order[0]?.sig)}`,
    );
  }
}
