// What the claim matcher reads: candidates from the match index (drizzle/0008_match_index.sql)
// ranked by BM25, how many claims hold each stem, and how many claims there are. FTS5's MATCH,
// bm25() and the fts5vocab table have no drizzle form, so these are raw SQL.
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
export function matchCandidatesQuery(db: Db, fts: string, weights: readonly number[], limit: number) {
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
  return db.all<MatchCandidateRow>(matchCandidatesQuery(db, fts, weights, limit));
}

/** In how many claims each stem occurs (stems absent from the index are left out). One bound
 * parameter (a JSON array), as D1 caps a statement's parameters at 100. */
export async function docFrequencies(db: Db, stems: string[]): Promise<Map<string, number>> {
  if (stems.length === 0) return new Map();
  const rows = await db.all<{ term: string; doc: number }>(
    sql`SELECT term, doc FROM claims_match_vocab WHERE term IN (SELECT value FROM json_each(${JSON.stringify(stems)}))`,
  );
  return new Map(rows.map((r) => [r.term, r.doc]));
}

/** How many claims are stored, from the counters the triggers of migration 0007 keep. */
export async function claimTotal(db: Db): Promise<number> {
  const row = await db.get<{ n: number | null }>(sql`SELECT sum(n) AS n FROM claim_counts`);
  return row?.n ?? 0;
}
