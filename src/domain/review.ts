// The rules of a verdict, once: what a review needs, what it changes, and what carrying a verdict
// over from a repeated claim is. The API, the review pages and the store all ask this module.
import type { ChangeEvent, ClaimChange, ClaimValues, EvidenceCopy } from "./claim-changes";
import type { FieldError } from "./errors";
import { newId } from "./ids";
import { type Attribution, isVerdict, needsEvidence, type Status } from "./vocabulary";

export interface ReviewInput {
  status?: Status;
  attribution?: Attribution;
  rationale?: string | null;
}

/** What is wrong with a review of a claim that has `evidenceCount` evidence items; [] when fine. */
export function reviewProblems(input: ReviewInput, evidenceCount: number): FieldError[] {
  const problems: FieldError[] = [];
  if (input.status === undefined && input.attribution === undefined) {
    problems.push({ path: "status", message: "Give a status, an attribution, or both." });
  }
  const rationale = input.rationale?.trim() ?? "";
  if (input.status && isVerdict(input.status) && rationale === "") {
    problems.push({ path: "rationale", message: `A verdict (${input.status}) needs a rationale: say why.` });
  }
  if (input.status && needsEvidence(input.status) && evidenceCount === 0) {
    problems.push({
      path: "status",
      message: `A claim rated ${input.status} needs at least one evidence item; add the evidence first.`,
    });
  }
  return problems;
}

/** When a claim set to `status` at `at` got its verdict: then, or never for a status that is no
 * verdict. */
export const verdictAt = (status: Status, at: string): string | null => (isVerdict(status) ? at : null);

/** The review as a change at `at`: only what differs from the claim changes; status and
 * attribution each write their own event, with the rationale as its note; a new status that needs
 * evidence needs it when the change lands. Null when the review names what the claim already is. */
export function decideReview(
  current: { status: Status; attribution: Attribution },
  review: ReviewInput,
  at: string,
): ClaimChange | null {
  const rationale = review.rationale?.trim() || null;
  const set: ClaimValues = {};
  const events: ChangeEvent[] = [];
  if (review.status !== undefined && review.status !== current.status) {
    set.status = review.status;
    set.verdictAt = verdictAt(review.status, at);
    events.push({ action: "status_changed", from: current.status, to: review.status, note: rationale });
  }
  if (review.attribution !== undefined && review.attribution !== current.attribution) {
    set.attribution = review.attribution;
    events.push({ action: "attribution_changed", from: current.attribution, to: review.attribution, note: rationale });
  }
  if (events.length === 0) return null;
  if (rationale !== null) set.rationale = rationale;
  return { set, events, requireEvidence: set.status !== undefined && needsEvidence(set.status) };
}

/** A review that adds an evidence item in the same step (the claim page's verdict form): the item
 * is written first and its `evidence_added` event leads, so a verdict that needs evidence finds it
 * as the change lands; the whole lands under the claim's version, or nothing does. With no change
 * of status or attribution it is the evidence alone. */
export function withNewEvidence(change: ClaimChange | null, item: EvidenceCopy): ClaimChange {
  const added: ChangeEvent = {
    action: "evidence_added",
    to: item.stance,
    data: { evidence_id: item.id, url: item.url, title: item.title, note: item.note, stance: item.stance },
  };
  const base = change ?? { set: {}, events: [], requireEvidence: false };
  return { ...base, evidence: [...(base.evidence ?? []), item], events: [added, ...base.events] };
}

// ---- carrying a verdict over ---------------------------------------------------------------------

/** A verdict carried over from the claim a claim repeats: its status, the reviewer's rationale
 * (citing the original) and the original's evidence, to copy. */
export interface CarriedVerdict {
  status: Status;
  rationale: string;
  evidence: Omit<EvidenceCopy, "id">[];
}

/** The verdict of `original` as the repeat takes it over: the reviewer's words, then where it came
 * from (the original's id, verdict, date and rationale). */
export function carriedVerdict(
  original: {
    id: string;
    status: Status;
    verdictAt: string | null;
    rationale: string | null;
    evidence: Omit<EvidenceCopy, "id">[];
  },
  rationale: string,
): CarriedVerdict {
  const when = original.verdictAt ? `, ${original.verdictAt.slice(0, 10)}` : "";
  return {
    status: original.status,
    rationale:
      `${rationale}\n\nVerdict carried over from ${original.id} (${original.status}${when}): ${original.rationale ?? ""}`.trim(),
    evidence: original.evidence,
  };
}

/** The claim linked as a repeat of `repeatOf` (a `repeat_linked` event) and, with a carried
 * verdict, given it: its own `status_changed` event naming where it came from, the original's
 * evidence copied (new ids), and the evidence the verdict needs asked for as it lands. Null when
 * the claim already repeats `repeatOf` and carries nothing. */
export function decideRepeatLink(
  current: { status: Status; repeatOf: string | null },
  repeatOf: string,
  carried: CarriedVerdict | undefined,
  at: string,
): ClaimChange | null {
  const set: ClaimValues = { repeatOf };
  const events: ChangeEvent[] = [];
  if (repeatOf !== current.repeatOf) {
    events.push({ action: "repeat_linked", from: current.repeatOf, to: repeatOf });
  }
  const copies = (carried?.evidence ?? []).map((e) => ({ ...e, id: newId("evidence") }));
  if (carried) {
    set.status = carried.status;
    set.verdictAt = verdictAt(carried.status, at);
    set.rationale = carried.rationale;
    events.push({
      action: "status_changed",
      from: current.status,
      to: carried.status,
      note: carried.rationale,
      data: { carried_from: repeatOf, evidence_copied: copies.map((e) => e.id) },
    });
  }
  if (events.length === 0) return null;
  return {
    set,
    evidence: copies,
    events,
    requireEvidence: carried !== undefined && needsEvidence(carried.status),
  };
}
