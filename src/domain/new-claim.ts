// A new claim as it is stored, decided once for every door that files claims (the API, the
// bulk import, the article import, the demo data): its words trimmed, the default kind, its tags
// cleaned, the key that finds its duplicates, its first re-check and its `created` event.
import { claimDedupeKey } from "./normalise";
import type { ClaimKind, EventAction, Status } from "./vocabulary";

/** A claim's own fields as a door gives them (its speaker and source aside). */
export interface NewClaimFields {
  text: string;
  kind?: ClaimKind;
  context?: string | null;
  reportedVia?: string | null;
  statedAt?: string | null;
  tags?: string[];
  /** How worth checking the words are (src/worthiness, scored by the service that files it). */
  worthiness?: number | null;
}

/** Tags as stored: trimmed, none empty, each once, sorted. */
export function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))].sort();
}

/** The row a new claim writes, its tags and its `created` event, filed at `at`. */
export function newClaimRow(input: NewClaimFields, at: string) {
  return {
    text: input.text.trim(),
    kind: input.kind ?? ("direct_quote" satisfies ClaimKind),
    context: input.context?.trim() || null,
    reportedVia: input.reportedVia?.trim() || null,
    statedAt: input.statedAt ?? null,
    worthiness: input.worthiness ?? null,
    dedupeKey: claimDedupeKey(input.text, input.context),
    // A new claim is visited by the next re-check run, which archives its source if needed.
    recheckDueAt: at,
    tags: cleanTags(input.tags ?? []),
    event: {
      action: "created" satisfies EventAction,
      to: "unverified" satisfies Status,
      data: { text: input.text },
    },
  };
}
export type NewClaimRow = ReturnType<typeof newClaimRow>;
