// Proposing the claims in an article: the extractor's candidates, nothing stored.
import type { Principal } from "../domain/permissions";
import { type Candidate, extractClaims } from "../extract";
import { refused } from "./access";
import { ok, type Result } from "./result";

export function extractCandidates(actor: Principal, text: string): Result<Candidate[]> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  return ok(extractClaims(text));
}
