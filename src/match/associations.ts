// Learned word associations: which claim stems the fact-checks use where a post says something
// else ("pic" → "photograph", "nuke" → "bomb"). Learned from matched pairs of the training queries
// (test/eval/match-fit.ts --write-associations) and stored as stems and weights only, never text.
// A query stem the claim lacks counts, at its association's weight, as found when the claim has an
// associated stem the query lacks.
import { ASSOCIATION_TABLE } from "./associations.generated";

/** query stem → (claim stem → weight in 0..1). */
export type Associations = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** Parses the compact form: one line per query stem, "stem other:weight other:weight…". */
export function parseAssociations(table: string): Associations {
  const out = new Map<string, Map<string, number>>();
  for (const line of table.split("\n")) {
    const [stem, ...pairs] = line.trim().split(" ");
    if (!stem || pairs.length === 0) continue;
    const to = new Map<string, number>();
    for (const pair of pairs) {
      const [other, weight] = pair.split(":");
      if (other && weight) to.set(other, Number(weight));
    }
    out.set(stem, to);
  }
  return out;
}

/** The compact form of a table (the generator's output). */
export function formatAssociations(table: Associations): string {
  return [...table]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([stem, to]) => [stem, ...[...to].map(([other, w]) => `${other}:${w.toFixed(2)}`)].join(" "))
    .join("\n");
}

let parsed: Associations | null = null;
/** The shipped table, parsed on first use. */
export function defaultAssociations(): Associations {
  parsed ??= parseAssociations(ASSOCIATION_TABLE);
  return parsed;
}

export interface TrainingPair {
  /** The post's content stems. */
  query: string[];
  /** The matched claim's stems (text and context). */
  claim: string[];
  /** The matched claim's id: an association must hold for two different claims. */
  claimId: string;
}

/** Learns the table from matched pairs: for a query stem t the claim lacks and a claim stem s the
 * query lacks, the share of t's such pairs that hold s, kept when the pair is seen with at least
 * `minClaims` different claims and s is not a stem most matched claims hold anyway. */
export function learnAssociations(
  pairs: TrainingPair[],
  options: { minClaims?: number; minWeight?: number; maxPerStem?: number } = {},
): Associations {
  const minClaims = options.minClaims ?? 2;
  const minWeight = options.minWeight ?? 0.1;
  const maxPerStem = options.maxPerStem ?? 8;
  const missing = new Map<string, number>();
  const together = new Map<string, Map<string, Set<string>>>();
  const claimShare = new Map<string, number>();
  for (const p of pairs) {
    const q = new Set(p.query);
    const c = new Set(p.claim);
    for (const s of c) claimShare.set(s, (claimShare.get(s) ?? 0) + 1 / pairs.length);
    for (const t of q) {
      if (c.has(t)) continue;
      missing.set(t, (missing.get(t) ?? 0) + 1);
      const to = together.get(t) ?? new Map<string, Set<string>>();
      together.set(t, to);
      for (const s of c) {
        if (q.has(s)) continue;
        const ids = to.get(s) ?? new Set<string>();
        to.set(s, ids);
        ids.add(p.claimId);
      }
    }
  }
  const out = new Map<string, Map<string, number>>();
  for (const [t, to] of together) {
    const n = missing.get(t) ?? 1;
    const kept = [...to]
      .filter(([s, ids]) => ids.size >= minClaims && (claimShare.get(s) ?? 0) < 0.1)
      .map(([s, ids]) => [s, ids.size / n] as const)
      .filter(([, w]) => w >= minWeight)
      .sort((a, b) => b[1] - a[1])
      .slice(0, maxPerStem);
    if (kept.length > 0) out.set(t, new Map(kept.map(([s, w]) => [s, Math.round(w * 100) / 100])));
  }
  return out;
}
