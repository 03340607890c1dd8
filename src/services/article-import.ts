// Importing an article (the /import page): the claims the extractor proposes in it (with the
// sentence around each and whether it is already tracked), and the one batch that stores the
// source with the article archived and the chosen claims.
import { type Db, runBatch } from "../db/client";
import { newClaimsStatements, sourceClaimsWithKeys } from "../db/queries/claims";
import { claimDedupeKeys, sourceMatchKey } from "../domain/normalise";
import type { Principal } from "../domain/permissions";
import { ranks } from "../domain/ranking";
import { type ArticleBody, type ArticleDraft, LIMITS, type NewClaimBody } from "../domain/schemas";
import { ArticleSentences } from "../domain/sentences";
import { canonicalUrl } from "../domain/url";
import { isVerdict } from "../domain/vocabulary";
import { type Candidate, extractClaims } from "../extract";
import { refused } from "./access";
import { type ClaimMatch, matchMany, WEAK_MATCH } from "./matching";
import { newClaim } from "./references";
import { fail, ok, type Result, type ServiceError } from "./result";

/** Claims one import may create, in its single atomic batch (a statement per distinct speaker,
 * a few for the claims, their tags and events): far within the batches the API's import stores. */
export const MAX_CLAIMS = 100;

export interface Proposal {
  /** Names the candidate's form fields; the same extraction of the same text gives the same key. */
  key: string;
  /** Its place in the article (the highlight's number). */
  number: number;
  /** Its place among the proposals, most promising first (domain/ranking.ts, as POST /extract's rank). */
  rank: number;
  candidate: Candidate;
  context: string;
  /** The claim that already tracks it (same source, same words in the same sentence). */
  trackedId: string | null;
  /** The best match among the claims with a verdict, when the candidate is not tracked yet
   * (see withCheckedMatches). */
  checkedBefore?: ClaimMatch | null;
}

/** The matcher's top few per candidate are looked through for one with a verdict. */
const MATCHES_PER_CANDIDATE = 3;
/** Candidates matched per preview, the likeliest first: a match is four reads, and a page of
 * noise can propose thousands of candidates. An import files at most MAX_CLAIMS anyway. */
export const MATCHED_CANDIDATES_MAX = 50;

/** The proposals, each untracked one marked with the best checked claim it matches, if any: a
 * reviewer sees "checked before" (and the verdict) before filing it again. */
export async function withCheckedMatches(
  db: Db,
  actor: Principal,
  article: ArticleDraft,
  proposals: Proposal[],
): Promise<Proposal[]> {
  const open = proposals
    .filter((p) => p.trackedId === null)
    .sort((a, b) => b.candidate.confidence - a.candidate.confidence)
    .slice(0, MATCHED_CANDIDATES_MAX);
  const matched = await matchMany(
    db,
    actor,
    open.map((p) => ({
      text: p.candidate.text,
      speakerName: p.candidate.speaker?.name,
      statedAt: article.source_published_at ?? undefined,
      limit: MATCHES_PER_CANDIDATE,
    })),
  );
  if (!matched.ok) return proposals;
  const best = new Map(
    open.map((p, i) => [
      p.key,
      (matched.value[i] ?? []).find((m) => isVerdict(m.claim.status) && m.score >= WEAK_MATCH) ?? null,
    ]),
  );
  return proposals.map((p) => ({ ...p, checkedBefore: best.get(p.key) ?? null }));
}

/** The sentence around each candidate, as the demo data's claims have it, so that re-importing
 * an article finds the same duplicates. A "sentence" longer than a claim's context may be (a page
 * without full stops) is none: it could not be stored, and read for each of its many candidates
 * it made a preview's work grow with their number times its length. */
export function contextsOf(text: string, candidates: Candidate[]): string[] {
  const sentences = new ArticleSentences(text);
  return candidates.map((c) => {
    const context = sentences.around(c.start, c.end - c.start);
    return context.length > LIMITS.note ? "" : context;
  });
}

/** Where the article was published, as the store finds or creates its source. */
function articleSource(article: ArticleDraft) {
  return {
    url: article.source_url,
    title: article.source_title,
    publisher: article.source_publisher,
    publishedAt: article.source_published_at,
  };
}

/** The claims of the article's source (found by its canonical url, or without one by its title,
 * publisher and date) whose dedupe key is among `keys`, by key. */
async function trackedByKey(db: Db, article: ArticleDraft, keys: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const source = articleSource(article);
  const matchKey = source.url ? null : sourceMatchKey(source);
  if (!source.url && matchKey === null) return found;
  const rows = await sourceClaimsWithKeys(
    db,
    source.url ? { url: canonicalUrl(source.url) } : { matchKey: matchKey ?? "" },
    keys,
  );
  for (const row of rows) if (!found.has(row.dedupeKey)) found.set(row.dedupeKey, row.id);
  return found;
}

/** The candidates the extractor finds in the article, each marked when already tracked (which
 * needs its source: with none given yet, nothing is). */
export async function proposeClaims(db: Db, actor: Principal, article: ArticleDraft): Promise<Result<Proposal[]>> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  return ok(await propose(db, article));
}

async function propose(db: Db, article: ArticleDraft): Promise<Proposal[]> {
  const candidates = extractClaims(article.text);
  const contexts = contextsOf(article.text, candidates);
  const ranked = ranks(candidates);
  const proposals = candidates.map((candidate, i) => ({
    key: `${candidate.start}-${candidate.end}-${candidate.kind === "statistic" ? "s" : "q"}`,
    number: i + 1,
    rank: ranked[i] ?? i + 1,
    candidate,
    context: contexts[i] ?? "",
    trackedId: null as string | null,
  }));
  const dedupeKeys = claimDedupeKeys(proposals.map((p) => ({ text: p.candidate.text, context: p.context })));
  const tracked = await trackedByKey(db, article, [...new Set(dedupeKeys)]);
  for (const [i, p] of proposals.entries()) p.trackedId = tracked.get(dedupeKeys[i] ?? "") ?? null;
  // Most promising first: the order the page lists them in and ticks them by default.
  return proposals.sort((a, b) => a.rank - b.rank);
}

/** Why `count` chosen claims cannot be imported at once, or null when they can. */
export function importSizeProblem(count: number): ServiceError | null {
  if (count === 0) {
    return {
      kind: "invalid",
      detail: "Tick at least one claim to create.",
      errors: [{ path: "claims", message: "none chosen" }],
    };
  }
  if (count > MAX_CLAIMS) {
    return {
      kind: "too_large",
      detail: `At most ${MAX_CLAIMS} claims per import (${count} are ticked): untick some and import the rest afterwards; what is created shows as already tracked.`,
    };
  }
  return null;
}

/** Stores the source with the article archived, then the claims, in one atomic D1 batch:
 * everything lands or nothing does. Duplicates are skipped by the claims' unique key. */
export async function importArticle(
  db: Db,
  actor: Principal,
  article: ArticleBody,
  bodies: NewClaimBody[],
): Promise<Result<{ sourceId: string; created: number; duplicates: number }>> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  const size = importSizeProblem(bodies.length);
  if (size) return fail(size);
  // Every claim names the article's source as the article does (by its url, or without one by
  // its title, publisher and date), with the article archived: one source, found or created.
  const source = { ...articleSource(article), text: article.text };
  const inputs = bodies.map((body) => ({ ...newClaim(body), source }));
  const made = await newClaimsStatements(db, inputs, actor.actor, new Date().toISOString());
  const [landed, stored] = await runBatch(db, made.statements, made.landed, made.storedAs(0));
  const created = landed.length;
  const found = stored[0]?.sourceId;
  if (!found) throw new Error("import: the source was neither created nor found");
  return ok({ sourceId: found, created, duplicates: made.ids.length - created });
}
