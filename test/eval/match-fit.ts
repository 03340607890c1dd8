// npm run eval:match:fit [-- --fit] [--dev] [--write-associations] [--failures] — fits the rerank
// (src/match/rerank.ts WEIGHTS, src/match/associations.generated.ts) on the TRAIN queries only. It
// runs in Node against an in-memory SQLite holding the same FTS5 index as the match migration
// (same tokenizer, column weights and query), so a fit takes a minute; the figures to report come
// from npm run eval:match, which asks the Worker itself.
//
// Without flags it prints 5-fold cross-validation on train of the shipped weights' features
// (association tables learned on the other folds). --fit fits the weights by pairwise logistic
// regression (RankNet's loss on gold vs other candidates), scored by 5-fold cross-validation
// on train, then on all of train, and prints them. --dev also scores the dev queries (held out:
// look once, at the end). --write-associations writes the table learned on all train pairs.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { FREQUENCY_CAP } from "../../src/db/queries/match";
import {
  assess,
  type Candidate,
  type Corpus,
  indexTerms,
  linear,
  type PreparedQuery,
  prepare,
  prepareQuery,
  type Signals,
  WEIGHTS,
  type Weights,
} from "../../src/match";
import {
  type Associations,
  formatAssociations,
  learnAssociations,
  type TrainingPair,
} from "../../src/match/associations";
import { CANDIDATES, COLUMN_WEIGHTS, ftsQuery, pickTerms } from "../../src/match/query";
import { UNKNOWN_IDF_SHARE } from "../../src/match/rerank";
import { averagePrecisionAt5, loadMatchingData, type Query, type VerifiedClaim } from "./match-data";

const FOLDS = 5;
/** MATCH_CANDIDATES=50 tries fewer candidates than the service's CANDIDATES. */
const LIMIT = Number(process.env.MATCH_CANDIDATES ?? CANDIDATES);
const args = process.argv.slice(2);

interface Pool {
  query: Query;
  q: PreparedQuery;
  candidates: Candidate[];
  corpus: Corpus;
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

/** The candidates of each query, as the service finds them: the query's words' frequencies
 * only (the candidates' other words weigh a fixed IDF, as in src/services/matching.ts). */
function pools(db: DatabaseSync, claims: VerifiedClaim[], queries: Query[]): Pool[] {
  const size = claims.length;
  const df = db.prepare("SELECT term, doc FROM v WHERE term IN (SELECT value FROM json_each(?))");
  const search = db.prepare(
    `SELECT rowid, -bm25(m, ${COLUMN_WEIGHTS.join(", ")}) AS score FROM m WHERE m MATCH ? ORDER BY bm25(m, ${COLUMN_WEIGHTS.join(", ")}) LIMIT ${LIMIT}`,
  );
  const freq = (stems: string[]) =>
    new Map((df.all(JSON.stringify(stems)) as { term: string; doc: number }[]).map((r) => [r.term, r.doc]));
  const fullIdf = args.includes("--candidate-idf");
  // As db/queries/match.ts wordFrequencies: counted through the index, up to FREQUENCY_CAP.
  const capped = db.prepare(
    `SELECT count(*) AS n, coalesce(max(rowid), 0) AS last FROM (SELECT rowid FROM m WHERE m MATCH ? LIMIT ${FREQUENCY_CAP})`,
  );
  const wordFreq = (q: PreparedQuery) => {
    const out = new Map<string, number>();
    for (const t of indexTerms(q)) {
      const { n, last } = capped.get(`"${t.word}"`) as { n: number; last: number };
      if (n > 0) out.set(t.stem, n < FREQUENCY_CAP ? n : Math.min(size, Math.round((FREQUENCY_CAP * size) / last)));
    }
    return out;
  };
  return queries.map((query) => {
    const q: PreparedQuery = prepareQuery({ text: query.text });
    const queryFreq = wordFreq(q);
    const terms = pickTerms(q, { size, docFreq: queryFreq });
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
    let corpus: Corpus;
    if (fullIdf) {
      const stems = new Set<string>(q.prepared.stems);
      for (const c of candidates) for (const s of candidateStems(c)) stems.add(s);
      corpus = { size, docFreq: freq([...stems]) };
    } else corpus = { size, docFreq: queryFreq, unknownIdf: Math.log(1 / UNKNOWN_IDF_SHARE) };
    return {
      query,
      q,
      candidates,
      corpus,
      ids: candidates.map((c) => c.id),
      signals: [],
      bm25: candidates.map((c) => c.bm25),
    };
  });
}

function candidateStems(c: Candidate): string[] {
  return prepare(`${c.text} ${c.context ?? ""}`, { signature: false }).stems;
}

function featurize(list: Pool[], table: Associations): void {
  for (const p of list) {
    const best = Math.max(0, ...p.bm25);
    p.signals = p.candidates.map((c) => assess(p.q, c, p.corpus, best, table).signals);
  }
}

function trainingPairs(list: Pool[], byId: Map<string, VerifiedClaim>): TrainingPair[] {
  return list.flatMap((p) =>
    p.query.matches.flatMap((id) => {
      const c = byId.get(id);
      return c
        ? [
            {
              query: p.q.prepared.stems,
              claim: candidateStems({ ...emptyCandidate, text: c.text, context: c.title }),
              claimId: id,
            },
          ]
        : [];
    }),
  );
}
const emptyCandidate: Candidate = {
  id: "",
  text: "",
  context: null,
  speakerId: null,
  speakerName: null,
  statedAt: null,
  bm25: 0,
};

function ranked(p: Pool, w: Weights): string[] {
  return p.ids
    .map((id, i) => ({ id, i, s: linear(p.signals[i] as Signals, w), b: p.bm25[i] ?? 0 }))
    .sort((a, b) => b.s - a.s || b.b - a.b || a.i - b.i)
    .map((x) => x.id);
}

function map5(list: Pool[], w: Weights): number {
  return list.reduce((sum, p) => sum + averagePrecisionAt5(ranked(p, w), p.query.matches), 0) / list.length;
}

const KEYS = Object.keys(WEIGHTS).filter((k) => k !== "bias") as (keyof Signals)[];
const vec = (s: Signals) => KEYS.map((k) => s[k]);

/** Pairwise logistic regression: every gold candidate against every other, each query weighing
 * the same; L2 penalty `lambda`. Returns weights (bias 0: ranking only). */
function pairwise(list: Pool[], lambda: number, iterations = 400): number[] {
  const pairs: { x: number[]; weight: number }[] = [];
  for (const p of list) {
    const gold = p.ids.map((id, i) => (p.query.matches.includes(id) ? i : -1)).filter((i) => i >= 0);
    if (gold.length === 0) continue;
    const mine: number[][] = [];
    for (const g of gold) {
      const xg = vec(p.signals[g] as Signals);
      p.ids.forEach((id, i) => {
        if (p.query.matches.includes(id)) return;
        const xn = vec(p.signals[i] as Signals);
        mine.push(xg.map((v, k) => v - (xn[k] ?? 0)));
      });
    }
    for (const x of mine) pairs.push({ x, weight: 1 / mine.length });
  }
  const queries = list.length;
  const w: number[] = new Array(KEYS.length).fill(0);
  // Adam on the mean loss.
  const m: number[] = new Array(KEYS.length).fill(0);
  const v: number[] = new Array(KEYS.length).fill(0);
  const rate = 0.05;
  for (let t = 1; t <= iterations; t++) {
    const grad = w.map((wk) => lambda * wk);
    for (const { x, weight } of pairs) {
      let z = 0;
      for (let k = 0; k < x.length; k++) z += (w[k] ?? 0) * (x[k] ?? 0);
      const g = -weight / queries / (1 + Math.exp(z));
      for (let k = 0; k < x.length; k++) grad[k] = (grad[k] ?? 0) + g * (x[k] ?? 0);
    }
    for (let k = 0; k < w.length; k++) {
      const gk = grad[k] ?? 0;
      m[k] = 0.9 * (m[k] ?? 0) + 0.1 * gk;
      v[k] = 0.999 * (v[k] ?? 0) + 0.001 * gk * gk;
      w[k] = (w[k] ?? 0) - (rate * ((m[k] ?? 0) / (1 - 0.9 ** t))) / (Math.sqrt((v[k] ?? 0) / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  return w;
}

/** Coordinate ascent on MAP@5 (the first matcher's fit), from the given weights. */
function ascent(list: Pool[], start: Weights, rounds = 4): Weights {
  let w = { ...start };
  let best = map5(list, w);
  for (let round = 0; round < rounds; round++) {
    let improved = false;
    for (const key of KEYS)
      for (const step of [2, 1, 0.5, 0.25, 0.1, -0.1, -0.25, -0.5, -1, -2]) {
        const next = { ...w, [key]: Math.round((w[key] + step) * 100) / 100 };
        const m = map5(list, next);
        if (m > best + 1e-9) {
          best = m;
          w = next;
          improved = true;
        }
      }
    if (!improved) break;
  }
  return w;
}

/** Scale and bias so that the squashed score reads as the chance a candidate is right (a
 * one-feature logistic regression of gold on the ranking score, over every candidate). */
function calibrate(list: Pool[], direction: number[]): Weights {
  const points: { s: number; y: number }[] = [];
  for (const p of list)
    p.signals.forEach((sig, i) => {
      const x = vec(sig);
      points.push({
        s: x.reduce((a, xk, k) => a + xk * (direction[k] ?? 0), 0),
        y: p.query.matches.includes(p.ids[i] ?? "") ? 1 : 0,
      });
    });
  // Newton's method on the two parameters.
  let a = 1;
  let b = 0;
  for (let t = 0; t < 30; t++) {
    let ga = 0;
    let gb = 0;
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    for (const { s, y } of points) {
      const p = 1 / (1 + Math.exp(-(a * s + b)));
      const r = p * (1 - p);
      ga += (p - y) * s;
      gb += p - y;
      haa += r * s * s;
      hab += r * s;
      hbb += r;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    a -= (hbb * ga - hab * gb) / det;
    b -= (haa * gb - hab * ga) / det;
  }
  const w = { bias: round(b) } as Weights;
  KEYS.forEach((k, i) => {
    w[k] = round(a * (direction[i] ?? 0));
  });
  return w;
}
const direction = (w: number[]): Weights => {
  const out = { bias: 0 } as Weights;
  KEYS.forEach((k, i) => {
    out[k] = w[i] ?? 0;
  });
  return out;
};
const round = (x: number) => Math.round(x * 1000) / 1000;

/** The lowest score (in steps of 0.05) at which the top matches at or above it are right at
 * least 90% of the time on these queries. */
function strongThreshold(list: Pool[], w: Weights): string {
  const tops = list.map((p) => {
    const top = ranked(p, w)[0] ?? "";
    const i = p.ids.indexOf(top);
    const score = 1 / (1 + Math.exp(-linear(p.signals[i] as Signals, w)));
    return { score, right: p.query.matches.includes(top) };
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
  const byId = new Map(data.claims.map((c) => [c.id, c]));
  const train = pools(db, data.claims, data.train);
  const recall = (list: Pool[]) =>
    list.filter((p) => p.query.matches.some((id) => p.ids.includes(id))).length / list.length;
  console.log(`candidate recall@${LIMIT}: train ${recall(train).toFixed(3)}`);
  const minClaims = Number(process.env.ASSOC_MIN_CLAIMS ?? 2);
  const noAssoc = args.includes("--no-assoc");
  const learn = (list: Pool[]) => (noAssoc ? new Map() : learnAssociations(trainingPairs(list, byId), { minClaims }));
  // Each fold's features with the association table learned on the other folds.
  const folds = Array.from({ length: FOLDS }, (_, k) => train.filter((_, i) => i % FOLDS === k));
  for (const [k, fold] of folds.entries()) featurize(fold, learn(folds.filter((_, j) => j !== k).flat()));
  const bm25Only = { ...Object.fromEntries(Object.keys(WEIGHTS).map((k) => [k, 0])), bm25: 1 } as Weights;
  const cv = (fitOn: (list: Pool[]) => Weights) =>
    folds.reduce((sum, fold, k) => sum + map5(fold, fitOn(folds.filter((_, j) => j !== k).flat())) * fold.length, 0) /
    train.length;
  console.log(`BM25 alone: train ${map5(train, bm25Only).toFixed(4)}`);
  console.log(`shipped WEIGHTS on train (features out of fold): ${map5(train, WEIGHTS).toFixed(4)}`);
  const lambdas = (process.env.LAMBDAS ?? "0.0001,0.001,0.01").split(",").map(Number);
  let chosen = WEIGHTS;
  if (args.includes("--ascent-only")) {
    const fromShipped = cv((list) => ascent(list, WEIGHTS));
    console.log(
      `coordinate ascent on MAP@5 from the shipped weights: train ${FOLDS}-fold CV ${fromShipped.toFixed(4)}`,
    );
    chosen = ascent(train, WEIGHTS);
    console.log(`on all train: ${map5(train, chosen).toFixed(4)}`);
    console.log(JSON.stringify(chosen, null, 2));
  }
  if (args.includes("--fit")) {
    let best = { lambda: 0, cv: -1 };
    for (const lambda of lambdas) {
      const score = cv((list) => direction(pairwise(list, lambda)));
      console.log(`pairwise LR, lambda ${lambda}: train ${FOLDS}-fold CV MAP@5 ${score.toFixed(4)}`);
      if (score > best.cv) best = { lambda, cv: score };
    }
    chosen = calibrate(train, pairwise(train, best.lambda));
    console.log(`chosen lambda ${best.lambda}; on all train: ${map5(train, chosen).toFixed(4)}`);
    if (args.includes("--ascent")) {
      const start = (list: Pool[]) => calibrate(list, pairwise(list, best.lambda));
      const fromLr = cv((list) => ascent(list, start(list)));
      console.log(`pairwise LR then coordinate ascent on MAP@5: train ${FOLDS}-fold CV ${fromLr.toFixed(4)}`);
      const fromShipped = cv((list) => ascent(list, WEIGHTS));
      console.log(`coordinate ascent from the shipped weights: train ${FOLDS}-fold CV ${fromShipped.toFixed(4)}`);
      const bestCv = Math.max(best.cv, fromLr, fromShipped);
      if (bestCv === fromLr) chosen = ascent(train, chosen);
      else if (bestCv === fromShipped) chosen = ascent(train, WEIGHTS);
      console.log(`chosen (CV ${bestCv.toFixed(4)}); on all train: ${map5(train, chosen).toFixed(4)}`);
      console.log(JSON.stringify(chosen, null, 2));
    }
    console.log(JSON.stringify(chosen, null, 2));
  }
  console.log(`strong threshold on train: ${strongThreshold(train, chosen)}`);
  if (args.includes("--write-associations") || args.includes("--dev")) {
    const table = learn(train);
    if (args.includes("--write-associations")) {
      const text = formatAssociations(table);
      const file = path.resolve(import.meta.dirname, "../../src/match/associations.generated.ts");
      writeFileSync(
        file,
        `// Generated by npm run eval:match:fit -- --write-associations from the training pairs of CLEF 2020\n// CheckThat! Task 2 (stems and weights only, no text): see src/match/associations.ts.\nexport const ASSOCIATION_TABLE = ${JSON.stringify(text)};\n`,
      );
      console.log(`wrote ${table.size} stems' associations (${text.length} characters) to ${file}`);
    }
    if (args.includes("--dev")) {
      const dev = pools(db, data.claims, data.dev);
      featurize(dev, table);
      console.log(
        `DEV (held out) with these weights: MAP@5 ${map5(dev, chosen).toFixed(4)}, candidate recall ${recall(dev).toFixed(3)}`,
      );
    }
  }
  if (args.includes("--failures"))
    for (const p of train) {
      const order = ranked(p, chosen);
      const rank = order.findIndex((id) => p.query.matches.includes(id));
      if (rank === 0) continue;
      const gold = byId.get(p.query.matches[0] ?? "");
      const top = byId.get(order[0] ?? "");
      console.log(
        `\n## ${p.query.id} gold rank ${rank < 0 ? "none" : rank + 1}\nQ: ${p.query.text}\nG: ${gold?.text} | ${gold?.title}\nT: ${top?.text} | ${top?.title}`,
      );
    }
}
