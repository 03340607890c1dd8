// "Checked before?": the stored claims that make the same assertion as a given text. The index
// (db/queries/match.ts) proposes candidates by BM25; the pure rerank (src/match) scores them,
// says why, and warns where a fact-checker must look twice (numbers, negation, speaker).
import type { Db } from "../db/client";
import { type ClaimView, claimView, getClaimRow, getClaimRows } from "../db/queries/claims";
import { matchCandidates, wordFrequencies } from "../db/queries/match";
import type { Principal } from "../domain/permissions";
import { MAX_MATCHES } from "../domain/schemas";
import {
  CANDIDATES,
  type Candidate,
  COLUMN_WEIGHTS,
  type Corpus,
  ftsQuery,
  indexTerms,
  type MatchReason,
  type MatchWarning,
  pickTerms,
  prepareQuery,
  rerank,
  STRONG_MATCH,
  UNKNOWN_IDF_SHARE,
} from "../match";
import { refused } from "./access";
import { notFound, ok, type Result } from "./result";

export interface MatchRequest {
  text: string;
  speakerId?: string;
  speakerName?: string;
  statedAt?: string;
  /** How many matches to answer: default 5, at most 20. */
  limit?: number;
  /** A claim to leave out (the claim itself, when matching a stored claim). */
  excludeClaimId?: string;
}

export interface ClaimMatch {
  claim: ClaimView;
  /** 0..1, higher is likelier the same assertion. */
  score: number;
  /** score >= STRONG_MATCH: a top match this strong was right at least 9 times in 10 (training queries). */
  strong: boolean;
  reasons: MatchReason[];
  warnings: MatchWarning[];
}

export const DEFAULT_MATCHES = 5;
/** Below WEAK_MATCH (src/domain/matching.ts) a match is too weak to put before a reviewer unasked. */
export { WEAK_MATCH } from "../domain/matching";

/** Imports match this many rows at once (each match is three reads). */
const MATCH_CONCURRENCY = 4;

export type { MatchReason, MatchWarning };
export { MAX_MATCHES, STRONG_MATCH };

const clampLimit = (limit: number | undefined) =>
  Math.min(MAX_MATCHES, Math.max(1, Math.trunc(limit ?? DEFAULT_MATCHES) || DEFAULT_MATCHES));

/** The matching itself, for a caller whose role was checked. Three reads: the query words'
 * frequencies with the claim count, the candidates, the answers' claims. */
async function match(db: Db, req: MatchRequest): Promise<ClaimMatch[]> {
  const query = prepareQuery(req);
  const terms = indexTerms(query);
  const { size, docFreq: byWord } = await wordFrequencies(
    db,
    terms.map((t) => t.word),
  );
  const queryFreq = new Map<string, number>();
  for (const t of terms) {
    const n = byWord.get(t.word);
    if (n !== undefined) queryFreq.set(t.stem, n);
  }
  const fts = ftsQuery(pickTerms(query, { size, docFreq: queryFreq }));
  if (!fts) return [];
  const rows = await matchCandidates(db, fts, COLUMN_WEIGHTS, CANDIDATES + (req.excludeClaimId ? 1 : 0));
  const candidates: Candidate[] = rows
    .filter((r) => r.id !== req.excludeClaimId)
    .map((r) => ({
      id: r.id,
      text: r.text,
      context: r.context,
      speakerId: r.speakerId,
      speakerName: r.speakerName,
      statedAt: r.statedAt,
      bm25: r.score,
    }));
  if (candidates.length === 0) return [];
  // The rerank weighs the words both sides share by their rarity; a candidate's words the query
  // lacks are not looked up (a read per match saved) and weigh a fixed IDF.
  const corpus: Corpus = { size, docFreq: queryFreq, unknownIdf: Math.log(1 / UNKNOWN_IDF_SHARE) };
  const ranked = rerank(query, candidates, corpus).slice(0, clampLimit(req.limit));
  const views = new Map(
    (
      await getClaimRows(
        db,
        ranked.map((r) => r.candidate.id),
      )
    ).map((row) => [row.id, row]),
  );
  return ranked.flatMap((r) => {
    const row = views.get(r.candidate.id);
    if (!row) return [];
    const score = Math.round(r.score * 1000) / 1000;
    return [{ claim: claimView(row), score, strong: score >= STRONG_MATCH, reasons: r.reasons, warnings: r.warnings }];
  });
}

/** The stored claims that make the same assertion as the text, best first. */
export async function findMatches(db: Db, actor: Principal, req: MatchRequest): Promise<Result<ClaimMatch[]>> {
  const denied = refused(actor, "read");
  if (denied) return denied;
  return ok(await match(db, req));
}

/** The stored claims that repeat a stored claim (itself left out): matched on its text and
 * context, with its speaker and the day it was said. */
export async function matchesForClaim(
  db: Db,
  actor: Principal,
  claimId: string,
  limit?: number,
): Promise<Result<ClaimMatch[]>> {
  const denied = refused(actor, "read");
  if (denied) return denied;
  const row = await getClaimRow(db, claimId);
  if (!row) return notFound("claim", claimId);
  return ok(
    await match(db, {
      text: row.context ? `${row.text}\n${row.context}` : row.text,
      speakerId: row.speaker.id,
      speakerName: row.speaker.name,
      statedAt: row.statedAt ?? undefined,
      limit,
      excludeClaimId: row.id,
    }),
  );
}

/** Matches for many texts (an import's rows), in the order given. Each costs three reads, as
 * one findMatches; MATCH_CONCURRENCY run at once, so a batch of n takes about n/4 matches' time. */
export async function matchMany(db: Db, actor: Principal, reqs: MatchRequest[]): Promise<Result<ClaimMatch[][]>> {
  const denied = refused(actor, "read");
  if (denied) return denied;
  const out: ClaimMatch[][] = new Array(reqs.length);
  let next = 0;
  const worker = async () => {
    while (next < reqs.length) {
      const i = next++;
      out[i] = await match(db, reqs[i] as MatchRequest);
    }
  };
  await Promise.all(Array.from({ length: Math.min(MATCH_CONCURRENCY, reqs.length) }, worker));
  return ok(out);
}
