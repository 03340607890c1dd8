// The claim use cases: list, read, file, edit, review, history. Each checks the caller's role,
// runs the rules, writes in one atomic batch and answers a typed result.
import type { Db } from "../db/client";
import { type ChangeOutcome, changeClaim } from "../db/queries/claim-changes";
import {
  type ClaimFilters,
  type ClaimView,
  claimView,
  countRepeats,
  getClaimRow,
  listClaims as queryClaims,
  RANKED_SEARCH_MAX,
  type RepeatSummary,
  repeatSummary,
  type SearchOrder,
  statusCounts,
  createClaim as storeClaim,
} from "../db/queries/claims";
import { listEvents } from "../db/queries/events";
import { listEvidence } from "../db/queries/evidence";
import { toFtsQuery } from "../db/queries/search";
import { speakerExists } from "../db/queries/speakers";
import { decideEdit } from "../domain/claim-changes";
import type { ClaimCursor } from "../domain/cursor";
import { newId } from "../domain/ids";
import type { Principal } from "../domain/permissions";
import { decideReview, reviewProblems, withNewEvidence } from "../domain/review";
import type { ClaimEditBody, EvidenceBody, NewClaimBody, ReviewBody } from "../domain/schemas";
import { refused } from "./access";
import { newClaim, sourceRef, speakerRef, unknownReferences } from "./references";
import { fail, notFound, ok, type Result, type ServiceError } from "./result";

export type ClaimDetail = ClaimView & {
  evidence: Awaited<ReturnType<typeof listEvidence>>;
  /** The claim this one repeats, in brief. */
  repeat_of_claim: RepeatSummary | null;
  /** The latest claims that repeat this one (up to REPEATS_SHOWN), and how many there are. */
  repeats: RepeatSummary[];
  repeat_count: number;
};

/** How many repeats a claim's detail lists; GET /claims?repeat_of= pages through all of them. */
export const REPEATS_SHOWN = 20;

/** A claim with its evidence and its repeats, or undefined. */
export async function findClaim(db: Db, id: string): Promise<ClaimDetail | undefined> {
  const row = await getClaimRow(db, id);
  if (!row) return undefined;
  const [evidence, original, repeats, repeatCount] = await Promise.all([
    listEvidence(db, id),
    row.repeatOf ? getClaimRow(db, row.repeatOf) : undefined,
    queryClaims(db, { repeatOf: id, limit: REPEATS_SHOWN }),
    countRepeats(db, id),
  ]);
  return {
    ...claimView(row),
    evidence,
    repeat_of_claim: original ? repeatSummary(original) : null,
    repeats: repeats.rows.map(repeatSummary),
    repeat_count: repeatCount,
  };
}

export async function getClaim(db: Db, actor: Principal, id: string): Promise<Result<ClaimDetail>> {
  const denied = refused(actor, "read");
  if (denied) return denied;
  const claim = await findClaim(db, id);
  return claim ? ok(claim) : notFound("claim", id);
}

export interface ClaimQuery extends Omit<ClaimFilters, "fts"> {
  /** Words to search for (full text over text, context and speaker name); ranks by relevance. */
  q?: string;
}

export interface ClaimPage {
  claims: ClaimView[];
  next: ClaimCursor | null;
  /** With a search: by relevance, or newest first when the words match more claims than are
   * ranked (RANKED_SEARCH_MAX); readers are told which. */
  searchOrder?: SearchOrder;
}

export { RANKED_SEARCH_MAX };

/** The cursor order a query pages in: relevance when it searches. */
export const claimOrder = (query: { q?: string; order?: "newest" | "queue" }) =>
  query.q !== undefined && query.q.trim() !== "" ? "relevance" : (query.order ?? "newest");

export async function listClaims(db: Db, actor: Principal, query: ClaimQuery): Promise<Result<ClaimPage>> {
  const denied = refused(actor, "read");
  if (denied) return denied;
  const { q, ...filters } = query;
  const fts = q === undefined || q.trim() === "" ? null : toFtsQuery(q);
  // Words that make no search (only punctuation) match nothing.
  if (q !== undefined && q.trim() !== "" && fts === null) return ok({ claims: [], next: null });
  const { rows, next, searchOrder } = await queryClaims(db, { ...filters, fts });
  return ok({ claims: rows.map(claimView), next, ...(searchOrder ? { searchOrder } : {}) });
}

/** The review queue's header: claims by status, and how many are flagged. */
export async function claimCounts(db: Db, actor: Principal) {
  const denied = refused(actor, "read");
  if (denied) return denied;
  return ok(await statusCounts(db));
}

const duplicateClaim = (existingId: string, detail: string): ServiceError => ({
  kind: "duplicate",
  what: "claim",
  existingId,
  detail,
});

export async function createClaim(db: Db, actor: Principal, body: NewClaimBody): Promise<Result<ClaimDetail>> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  const unknown = await unknownReferences(db, body);
  if (unknown.length > 0) return fail({ kind: "invalid", errors: unknown, detail: unknownDetail(body) });
  const outcome = await storeClaim(db, newClaim(body), actor.actor);
  if (!outcome.created) {
    return fail(
      duplicateClaim(
        outcome.existingId,
        `This claim is already tracked as ${outcome.existingId} (same text, context, speaker and source).`,
      ),
    );
  }
  return readBack(db, outcome.id);
}

function unknownDetail(body: Pick<ClaimEditBody, "speaker" | "source">): string {
  const id = body.speaker?.id ?? body.source?.id;
  return `There is no ${body.speaker?.id !== undefined ? "speaker" : "source"} ${id}.`;
}

export async function readBack(db: Db, id: string): Promise<Result<ClaimDetail>> {
  const claim = await findClaim(db, id);
  return claim ? ok(claim) : notFound("claim", id);
}

export function changeFailed(outcome: Exclude<ChangeOutcome, { ok: true }>, id: string) {
  switch (outcome.reason) {
    case "not_found":
      return notFound("claim", id);
    case "stale":
      return fail({ kind: "stale", currentVersion: outcome.currentVersion });
    case "needs_evidence":
      return fail({
        kind: "invalid",
        detail: "A claim rated false or misleading needs at least one evidence item; add the evidence first.",
        errors: [{ path: "status", message: "needs at least one evidence item" }],
      });
    case "duplicate":
      return fail(
        duplicateClaim(
          outcome.existingId,
          `After this edit the claim would duplicate ${outcome.existingId} (same text, context, speaker and source).`,
        ),
      );
  }
}

/** Edits text, context, kind, tags, speaker or source of the claim at `version`. */
export async function editClaim(
  db: Db,
  actor: Principal,
  id: string,
  version: number,
  body: ClaimEditBody,
): Promise<Result<ClaimDetail>> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  const row = await getClaimRow(db, id);
  if (!row) return notFound("claim", id);
  if (row.version !== version) return fail({ kind: "stale", currentVersion: row.version });
  const unknown = await unknownReferences(db, body);
  if (unknown.length > 0) return fail({ kind: "invalid", errors: unknown, detail: unknownDetail(body) });
  const change = decideEdit(
    { ...row, speakerId: row.speaker.id, sourceId: row.source.id },
    {
      text: body.text,
      context: body.context,
      kind: body.kind,
      tags: body.tags,
      speaker: body.speaker && speakerRef(body.speaker),
      source: body.source && sourceRef(body.source),
    },
  );
  if (change === null) return readBack(db, id);
  const outcome = await changeClaim(db, { id, version }, change, actor.actor, new Date().toISOString());
  if (!outcome.ok) return changeFailed(outcome, id);
  return readBack(db, id);
}

export interface Reviewed {
  claim: ClaimDetail;
  /** False when the review named the status and attribution the claim already had. */
  changed: boolean;
}

/** Sets status and/or attribution with a rationale. Only what differs from the claim is a
 * change; the rules (a verdict needs a rationale, false and misleading need evidence) apply
 * to the change. */
export async function reviewClaim(
  db: Db,
  actor: Principal,
  id: string,
  version: number,
  body: ReviewBody,
): Promise<Result<Reviewed>> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  const current = await findClaim(db, id);
  if (!current) return notFound("claim", id);
  if (current.version !== version) return fail({ kind: "stale", currentVersion: current.version });
  if (body.status === undefined && body.attribution === undefined) return invalidReview(body, current);
  const at = new Date().toISOString();
  const change = decideReview(current, body, at);
  if (change === null) return ok({ claim: current, changed: false });
  // The rules apply to what changes: a status named again is no new verdict.
  const review = { status: change.set.status, attribution: change.set.attribution, rationale: body.rationale };
  if (reviewProblems(review, current.evidence.length).length > 0) return invalidReview(review, current);
  const outcome = await changeClaim(db, { id, version }, change, actor.actor, at);
  if (!outcome.ok) return changeFailed(outcome, id);
  const claim = await findClaim(db, id);
  return claim ? ok({ claim, changed: true }) : notFound("claim", id);
}

export interface ReviewedWithEvidence extends Reviewed {
  /** The evidence item the step added, when it gave one. */
  evidenceId: string | null;
}

/**
 * A review and a new evidence item in one step (the claim page's verdict form): the evidence counts
 * for the review's rules (a False verdict with its first evidence), and both land in one batch
 * under the claim's version, or neither does. Without evidence it is reviewClaim.
 */
export async function reviewWithEvidence(
  db: Db,
  actor: Principal,
  id: string,
  version: number,
  body: ReviewBody,
  evidence: EvidenceBody | null,
): Promise<Result<ReviewedWithEvidence>> {
  if (!evidence) {
    const reviewed = await reviewClaim(db, actor, id, version, body);
    return reviewed.ok ? ok({ ...reviewed.value, evidenceId: null }) : reviewed;
  }
  const denied = refused(actor, "review");
  if (denied) return denied;
  const current = await findClaim(db, id);
  if (!current) return notFound("claim", id);
  if (current.version !== version) return fail({ kind: "stale", currentVersion: current.version });
  if (evidence.speaker_id != null && !(await speakerExists(db, evidence.speaker_id))) {
    return fail({
      kind: "invalid",
      detail: `There is no speaker ${evidence.speaker_id}.`,
      errors: [{ path: "speaker_id", message: "no speaker with this id" }],
    });
  }
  const at = new Date().toISOString();
  const change = decideReview(current, body, at);
  if (change) {
    const review = { status: change.set.status, attribution: change.set.attribution, rationale: body.rationale };
    if (reviewProblems(review, current.evidence.length + 1).length > 0) return invalidReview(review, current, 1);
  }
  const item = {
    id: newId("evidence"),
    url: evidence.url ?? null,
    title: evidence.title?.trim() || null,
    note: evidence.note?.trim() || null,
    stance: evidence.stance,
    speakerId: evidence.speaker_id ?? null,
  };
  const outcome = await changeClaim(db, { id, version }, withNewEvidence(change, item), actor.actor, at);
  if (!outcome.ok) return changeFailed(outcome, id);
  const claim = await findClaim(db, id);
  return claim ? ok({ claim, changed: change !== null, evidenceId: item.id }) : notFound("claim", id);
}

function invalidReview(review: ReviewBody, current: ClaimDetail, adding = 0) {
  const errors = reviewProblems(review, current.evidence.length + adding);
  return fail({ kind: "invalid", errors, detail: errors.map((e) => e.message).join(" ") });
}

export async function claimHistory(db: Db, actor: Principal, id: string) {
  const denied = refused(actor, "read");
  if (denied) return denied;
  const events = await listEvents(db, id);
  if (events.length === 0 && !(await getClaimRow(db, id))) return notFound("claim", id);
  return ok(events);
}
