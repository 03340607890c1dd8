// What the claim matcher reads: candidates from the match index (drizzle/0009_match_index.sql)
// ranked by BM25, how many claims hold each of the query's words, and how many claims there are. FTS5's MATCH
// and bm25() have no drizzle form, so these are raw SQL.
import { sql } from "drizzle-orm";
import type { Db } from "../client";

export interface MatchCandidateRow {
  seq: number;
  id: string;
  text: string;
  context: string | null;
  statedAt: string | null;
  speakerId: string;
  speakerName: string;
  /** BM25 relevance, higher is better. */
  score: number;
}

/** The best `limit` claims for an FTS5 query (from match/query.ts ftsQuery), by bm25 with the
 * given column weights (text, context, speaker name); among equals, the earliest filed first
 * (the original that a repeat would be linked to). The index is cut to the page before any
 * claim is read. */
export function matchCandidatesQuery(fts: string, weights: readonly number[], limit: number) {
  // Numbers from our own constant, never from input: safe to write into the SQL.
  const bm25 = sql.raw(`bm25(claims_match, ${weights.map((w) => Number(w)).join(", ")})`);
  return sql`SELECT c.seq AS seq, c.id AS id, c.text AS text, c.context AS context, c.stated_at AS statedAt,
      c.speaker_id AS speakerId, s.name AS speakerName, -hit.rank AS score
    FROM (SELECT rowid, ${bm25} AS rank FROM claims_match WHERE claims_match MATCH ${fts}
          ORDER BY rank LIMIT ${limit}) AS hit
    JOIN claims c ON c.seq = hit.rowid
    JOIN speakers s ON s.id = c.speaker_id
    ORDER BY hit.rank, c.seq`;
}

export async function matchCandidates(
  db: Db,
  fts: string,
  weights: readonly number[],
  limit: number,
): Promise<MatchCandidateRow[]> {
  return db.all<MatchCandidateRow>(matchCandidatesQuery(fts, weights, limit));
}

/** Counting stops at this many claims holding a word: past it the word is common, and how common
 * is estimated from where the count stopped (see wordFrequencies). */
export const FREQUENCY_CAP = 2000;

export interface WordFrequencies {
  /** How many claims are stored (the counters the triggers of migration 0007 keep). */
  size: number;
  /** word → in how many claims it occurs (estimated past FREQUENCY_CAP); absent words are left out. */
  docFreq: Map<string, number>;
}

/** In how many claims each word occurs, and how many claims there are: one read. Each word is
 * counted through the match index itself (its doclist, in seq order) and the count stops at
 * FREQUENCY_CAP: a word in more claims than that is estimated as FREQUENCY_CAP × (the highest
 * seq) / (the seq where the count stopped), so a common word costs no more than a rare one
 * (fts5vocab would read every one of its claims). The words are the index's tokens (letters and
 * digits only), each asked as a quoted phrase; one bound parameter (a JSON array). */
export async function wordFrequencies(db: Db, words: string[]): Promise<WordFrequencies> {
  const safe = [...new Set(words.map((w) => w.replace(/[^\p{L}\p{N}]/gu, "")).filter((w) => w !== ""))];
  const rows = await db.all<{ word: string | null; hits: string | null; size: number | null; last: number | null }>(
    sql`SELECT NULL AS word, NULL AS hits, (SELECT sum(n) FROM claim_counts) AS size, (SELECT max(seq) FROM claims) AS last
      UNION ALL
      SELECT w.value AS word,
        (SELECT count(*) || ' ' || coalesce(max(rowid), 0) FROM
          (SELECT rowid FROM claims_match WHERE claims_match MATCH '"' || w.value || '"' LIMIT ${FREQUENCY_CAP})) AS hits,
        NULL, NULL
      FROM json_each(${JSON.stringify(safe)}) AS w`,
  );
  const head = rows.find((r) => r.word === null);
  const size = head?.size ?? 0;
  const last = head?.last ?? 0;
  const docFreq = new Map<string, number>();
  for (const r of rows) {
    if (r.word === null || !r.hits) continue;
    const [count, stop] = r.hits.split(" ").map(Number);
    if (!count) continue;
    docFreq.set(
      r.word,
      count < FREQUENCY_CAP || !stop ? count : Math.min(size, Math.round((FREQUENCY_CAP * last) / stop)),
    );
  }
  return { size, docFreq };
}
