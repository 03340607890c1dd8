// The check-worthiness score: a logistic regression over ./features.ts, its weights fitted offline
// (npm run eval:worthiness:fit writes ./weights.ts). Fitted with the two classes weighted equally,
// so the score reads as the chance a sentence is check-worthy when the two are equally common; the
// bias is then moved to where the balanced F1 at CHECK_WORTHY_THRESHOLD (0.5, the API's decision)
// is best on inner folds of the training data. No outside service; microseconds a sentence.
import { features } from "./features";
import { BIAS, WEIGHTS } from "./weights";

/** A score at or above this is `check_worthy` (the API's decision; the evaluation's F1 is measured here). */
export const CHECK_WORTHY_THRESHOLD = 0.5;

/** The longest text scored: past it, the first this many characters are scored. */
export const WORTHINESS_TEXT_LIMIT = 2000;

/** Parses the generated table "key weight|key weight|…" (weights in hundredths). */
export function parseWeights(table: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const entry of table.split("|")) {
    const space = entry.lastIndexOf(" ");
    if (space > 0) map.set(entry.slice(0, space), Number(entry.slice(space + 1)) / 100);
  }
  return map;
}

/** Writes the table parseWeights reads (the fitting script's output format). */
export function formatWeights(weights: Iterable<[string, number]>): string {
  const parts: string[] = [];
  for (const [key, w] of weights) {
    const hundredths = Math.round(w * 100);
    if (hundredths !== 0 && !key.includes("|")) parts.push(`${key} ${hundredths}`);
  }
  return parts.join("|");
}

let table: Map<string, number> | null = null;

/** The logit of a sentence under the given weights. */
export function logit(text: string, weights: ReadonlyMap<string, number>, bias: number): number {
  let z = bias;
  for (const key of features(text.slice(0, WORTHINESS_TEXT_LIMIT))) z += weights.get(key) ?? 0;
  return z;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export interface Worthiness {
  /** In [0, 1], rounded to three decimals. */
  score: number;
  check_worthy: boolean;
}

/** How worth checking a sentence is: a factual claim the public would want checked scores high. */
export function worthiness(text: string): Worthiness {
  table ??= parseWeights(WEIGHTS);
  const score = Math.round(sigmoid(logit(text, table, BIAS)) * 1000) / 1000;
  return { score, check_worthy: score >= CHECK_WORTHY_THRESHOLD };
}
