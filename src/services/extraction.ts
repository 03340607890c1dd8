// Proposing the claims in an article: the extractor's candidates, nothing stored.
import type { Principal } from "../domain/permissions";
import { ranks } from "../domain/ranking";
import { type Candidate, extractClaims } from "../extract";
import { refused } from "./access";
import { ok, type Result } from "./result";

/** The candidates in the article's order, each with its rank (1 = most promising; domain/ranking.ts,
 * the order the /import page lists them in). */
export function extractCandidates(actor: Principal, text: string): Result<(Candidate & { rank: number })[]> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  const candidates = extractClaims(text);
  const ranked = ranks(candidates);
  return ok(candidates.map((c, i) => ({ ...c, rank: ranked[i] ?? i + 1 })));
}
