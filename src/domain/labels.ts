// The words people read for each value of a closed vocabulary, once: the desk, the public pages,
// the feeds, the ClaimReview rating's alternateName and any export that names a verdict all take
// them from here, so a verdict has one name everywhere ("True", never "Verified" on one page and
// "True" on the next). Machine formats (the API's JSON, CSV and NDJSON columns) keep the codes.
import type { Attribution, Flag, Stance, Status } from "./vocabulary";

/** The name of each status. `verified` reads "True": the public name of the verdict. */
export const STATUS_LABELS: Readonly<Record<Status, string>> = {
  unverified: "Unverified",
  in_review: "In review",
  verified: "True",
  misleading: "Misleading",
  false: "False",
  unproven: "Unproven",
  opinion: "Opinion",
};

/** The name of each attribution (was it said, as quoted?). */
export const ATTRIBUTION_LABELS: Readonly<Record<Attribution, string>> = {
  unchecked: "Attribution unchecked",
  confirmed: "Attribution confirmed",
  paraphrased: "Paraphrased",
  misattributed: "Misattributed",
};

/** What each attribution means, for a reader who does not know the desk's words. */
export const ATTRIBUTION_MEANINGS: Readonly<Record<Attribution, string>> = {
  unchecked: "not yet checked that it was said as quoted",
  confirmed: "said as quoted",
  paraphrased: "not these exact words",
  misattributed: "not said by this speaker",
};

export const STANCE_LABELS: Readonly<Record<Stance, string>> = {
  supports: "Supports",
  refutes: "Refutes",
  context: "Context",
};

export const FLAG_LABELS: Readonly<Record<Flag, string>> = {
  quote_missing: "Quote missing from source",
  source_changed: "Source changed",
  source_unreachable: "Source unreachable",
  verdict_stale: "Verdict due for re-review",
};

const lookup =
  <K extends string>(table: Readonly<Record<K, string>>) =>
  (value: string | null | undefined): string =>
    value == null ? "" : ((Object.hasOwn(table, value) ? table[value as K] : undefined) ?? value.replace(/_/g, " "));

/** A status's name; an unknown code (an old row, a typo in a query) is shown as it is, spaced. */
export const statusLabel = lookup(STATUS_LABELS);
export const attributionLabel = lookup(ATTRIBUTION_LABELS);
export const stanceLabel = lookup(STANCE_LABELS);
export const flagLabel = lookup(FLAG_LABELS);
