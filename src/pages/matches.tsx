// "Checked before?" matches as reviewers read them: the score in words, why the matcher thinks
// it is the same claim, and what to look at twice (numbers, negation, speaker).

import { shorten } from "../domain/text";
import type { ClaimMatch, MatchReason, MatchWarning } from "../services/matching";
import { STATUS_LABELS, StatusBadge } from "./components";

const list = (items: string[]) => items.slice(0, 6).join(", ");

export function reasonText(r: MatchReason): string {
  switch (r.kind) {
    case "shared_words":
      return `shared words: ${list(r.words)}`;
    case "shared_phrases":
      return `shared phrases: ${list(r.phrases.map((p) => `“${p}”`))}`;
    case "same_numbers":
      return `same numbers: ${list(r.numbers)}`;
    case "same_names":
      return `same names: ${list(r.names)}`;
    case "same_speaker":
      return "same speaker";
    case "related_words":
      return `related words: ${list(r.words)}`;
  }
}

/** `here` is the text being matched (the claim on the page, the article's candidate). */
export function warningText(w: MatchWarning, here = "this claim"): string {
  switch (w.kind) {
    case "numbers_differ":
      return `numbers differ: ${list(w.query)} in ${here}, ${list(w.claim)} in the match`;
    case "negation_differs":
      return w.negated === "query" ? `${here} is negated, the match is not` : `the match is negated, ${here} is not`;
    case "speaker_differs":
      return `different speaker: ${w.query} here, ${w.claim} in the match`;
  }
}

/** How sure the matcher is, in words a reviewer can act on. */
export const strength = (m: Pick<ClaimMatch, "score" | "strong">) =>
  m.strong ? `likely the same claim (${m.score.toFixed(2)})` : `possible match (${m.score.toFixed(2)})`;

/** One match: the claim, its status, the score, the reasons and the warnings. */
export function MatchSummary({ match, here }: { match: ClaimMatch; here?: string }) {
  const c = match.claim;
  return (
    <>
      <a href={`/claims/${c.id}`}>“{shorten(c.text, 200)}”</a>{" "}
      <span class="muted">
        · {c.speaker.name} · <StatusBadge status={c.status} /> · {strength(match)}
      </span>
      {match.reasons.length > 0 && <p class="meta">{match.reasons.map(reasonText).join("; ")}</p>}
      {match.warnings.map((w) => (
        <p class="warning">Check: {warningText(w, here)}</p>
      ))}
      {c.rationale && c.status !== "unverified" && c.status !== "in_review" && (
        <p class="meta">
          {STATUS_LABELS[c.status]}: {shorten(c.rationale, 240)}
        </p>
      )}
    </>
  );
}
