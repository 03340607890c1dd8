import { normaliseText } from "../../domain/normalise";

/** A reader's search words as a safe FTS5 query: every word quoted (so FTS syntax in the
 * input is just text) and all of them required. "43 attacks" finds claims with both words.
 * Answers null when the input has no words at all. */
export function toFtsQuery(input: string): string | null {
  const words = normaliseText(input).match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"`).join(" ");
}
