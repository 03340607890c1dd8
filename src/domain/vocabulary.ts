// Every closed vocabulary of the domain, once. The schema's CHECK constraints, the API's
// validation and the pages' select boxes are all built from these lists.

export const CLAIM_KINDS = ["direct_quote", "paraphrase", "statistic"] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** Was it said, as quoted? */
export const ATTRIBUTIONS = ["unchecked", "confirmed", "paraphrased", "misattributed"] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

/** Is it true? */
export const STATUSES = ["unverified", "in_review", "verified", "misleading", "false", "unproven", "opinion"] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses that are a reviewer's judgement: they need a rationale. */
export const VERDICTS = ["verified", "misleading", "false", "unproven", "opinion"] as const satisfies readonly Status[];
/** Verdicts that also need at least one evidence item. */
export const VERDICTS_NEEDING_EVIDENCE = ["misleading", "false"] as const satisfies readonly Status[];

export const SPEAKER_KINDS = ["person", "organisation", "group", "anonymous"] as const;
export type SpeakerKind = (typeof SPEAKER_KINDS)[number];

export const STANCES = ["supports", "refutes", "context"] as const;
export type Stance = (typeof STANCES)[number];

export const FLAGS = ["quote_missing", "source_changed", "source_unreachable", "verdict_stale"] as const;
export type Flag = (typeof FLAGS)[number];

export const RECHECK_OUTCOMES = [
  "quote_present",
  "quote_missing",
  "source_changed",
  "unreachable",
  "unsupported",
  "no_url",
  "error",
] as const;
export type RecheckOutcome = (typeof RECHECK_OUTCOMES)[number];

// ---- publishing --------------------------------------------------------------------------
/** What a reviewer does to a claim's public fact-check; each is also a history event. */
export const PUBLICATION_ACTIONS = ["published", "signed_off", "unpublished", "corrected"] as const;
export type PublicationAction = (typeof PUBLICATION_ACTIONS)[number];
/** Verdicts published as fact-checks: those with a ClaimReview rating (an opinion is not a
 * checkable statement, so it has no fact-check). */
export const PUBLISHABLE = ["verified", "misleading", "false", "unproven"] as const satisfies readonly Status[];
/** Verdicts that need a second reviewer's sign-off before they are published (two-person rule). */
export const NEEDS_SIGN_OFF = ["misleading", "false"] as const satisfies readonly Status[];
// ---- end of publishing ---------------------------------------------------------------------

export const EVENT_ACTIONS = [
  "created",
  "edited",
  "status_changed",
  "attribution_changed",
  "evidence_added",
  "evidence_removed",
  "flag_raised",
  "flag_cleared",
  // A claim marked as a repeat of an earlier one, or no longer (repeat_of).
  "repeat_linked",
  "repeat_unlinked",
  // ---- publishing (src/services/publication.ts) ----
  ...PUBLICATION_ACTIONS,
  // Team workflow: a claim given to someone on the desk, or taken back (assignee).
  "assigned",
  "unassigned",
] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

export const ROLES = ["viewer", "reviewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isVerdict(status: Status): boolean {
  return (VERDICTS as readonly Status[]).includes(status);
}

export function needsEvidence(status: Status): boolean {
  return (VERDICTS_NEEDING_EVIDENCE as readonly Status[]).includes(status);
}

// ---- team workflow ----------------------------------------------------------------------

/** An outgoing webhook delivery: waiting (or retrying), sent, or given up (endpoint disabled). */
export const WEBHOOK_DELIVERY_STATES = ["pending", "delivered", "failed"] as const;
export type WebhookDeliveryState = (typeof WEBHOOK_DELIVERY_STATES)[number];
