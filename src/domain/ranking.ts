// Which proposed claims an importer shows first and ticks by default: one rule for the API
// (POST /extract's `rank`) and the /import page, so the two agree.

/** A speaker's confidence at least this (the extractor keeps an unresolved speaker below it) is
 * confident enough to tick a candidate by default. */
export const TICK_CONFIDENCE = 0.5;

// Words that make a phrase a pronoun, a possessive or a description rather than a name.
const NOT_NAME_START = new Set(
  (
    "a an the this that these those his her hers its their theirs our my your he she it they we you i " +
    "one someone somebody anyone nobody some many several both each every another other such of to in on at by for from " +
    "with and or but as according said says"
  ).split(" "),
);
// Small words a name may hold between capitalised ones ("Ministry of Defence", "Ursula von der Leyen").
const NAME_PARTICLES = new Set(
  "of the and for de da del della di du la le van von der den ter bin ibn al el y e dos das".split(" "),
);
// A capitalised name word: "Bains", "O'Neill", "Jean-Luc", "J.", "McCain", "AFP", "al-Assad".
const NAME_WORD = /^(?:\p{Lu}[\p{L}'’.-]*|(?:al|el|ad|bin)-\p{Lu}[\p{L}'’.-]*)$/u;

/**
 * Whether a speaker is a resolved name: capitalised name words (with the small particles names
 * hold between them), not a pronoun, a possessive or a description ("her statement", "the
 * report", "a figure the police union") and not a fragment cut from one ("of Innovation").
 * Until the extractor says itself whether it resolved a speaker, this is the only place that decides.
 */
export function isResolvedName(name: string | null | undefined): boolean {
  const words = (name ?? "").trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 8) return false;
  const first = words[0] as string;
  const last = words.at(-1) as string;
  if (NOT_NAME_START.has(first.toLowerCase()) || !NAME_WORD.test(first) || !NAME_WORD.test(last)) return false;
  return words.every((w) => NAME_WORD.test(w) || NAME_PARTICLES.has(w.toLowerCase()));
}

export interface Rankable {
  /** How worth checking the words are, in [0, 1]. */
  worthiness: number;
  /** The extractor's confidence in the candidate and its speaker, in [0, 1]. */
  confidence: number;
  /** Where it stands in the article: earlier first among equals. */
  start: number;
}

/** How promising a candidate is: worth checking and confidently attributed, both needed. */
export function promise(c: Rankable): number {
  return c.worthiness * c.confidence;
}

/** The candidates' indices, most promising first (ties: earlier in the article first). */
export function rankOrder(candidates: readonly Rankable[]): number[] {
  return candidates
    .map((c, i) => ({ i, p: promise(c), start: c.start }))
    .sort((a, b) => b.p - a.p || a.start - b.start || a.i - b.i)
    .map((x) => x.i);
}

/** Each candidate's rank (1 = most promising), in the candidates' own order. */
export function ranks(candidates: readonly Rankable[]): number[] {
  const out = new Array<number>(candidates.length);
  rankOrder(candidates).forEach((index, position) => {
    out[index] = position + 1;
  });
  return out;
}

/** Whether a candidate is ticked by default: its speaker a resolved name, confidently. The extractor says
 * whether it resolved the speaker to someone the article names (`speaker_resolved`); the name's own shape
 * is checked too, as a reviewer may have typed it. */
export function tickable(c: {
  confidence: number;
  speaker: { name: string } | null;
  speaker_resolved?: boolean;
}): boolean {
  return c.confidence >= TICK_CONFIDENCE && c.speaker_resolved !== false && isResolvedName(c.speaker?.name);
}
