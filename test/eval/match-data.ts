// The claim-matching evaluation data (CLEF 2020 CheckThat! Task 2), read from ../shared beside
// the project and never copied into it; and the task's measures.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const DATA_DIR = path.resolve(import.meta.dirname, "../../../shared/data/claim-matching");

export interface VerifiedClaim {
  id: string;
  text: string;
  title: string;
}
export interface Query {
  id: string;
  text: string;
  matches: string[];
}

function ndjson<T>(file: string): T[] {
  return readFileSync(path.join(DATA_DIR, file), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

/** The data, or null (with the reason printed) when ../shared/data/claim-matching is missing. */
export function loadMatchingData(): { claims: VerifiedClaim[]; train: Query[]; dev: Query[] } | null {
  if (!existsSync(path.join(DATA_DIR, "verified-claims.ndjson"))) {
    console.log(`eval:match skipped: no evaluation data at ${DATA_DIR} (CLEF 2020 CheckThat! Task 2, see its README).`);
    return null;
  }
  return {
    claims: ndjson<VerifiedClaim>("verified-claims.ndjson"),
    train: ndjson<Query>("train.ndjson"),
    dev: ndjson<Query>("dev.ndjson"),
  };
}

/** AP@5 as the task defines it: precision at each rank <= 5 holding a match, over min(matches, 5). */
export function averagePrecisionAt5(ranked: string[], gold: string[]): number {
  const want = new Set(gold);
  let hits = 0;
  let sum = 0;
  ranked.slice(0, 5).forEach((id, i) => {
    if (want.has(id)) {
      hits++;
      sum += hits / (i + 1);
    }
  });
  return want.size === 0 ? 0 : sum / Math.min(want.size, 5);
}

export function reciprocalRank(ranked: string[], gold: string[]): number {
  const i = ranked.findIndex((id) => gold.includes(id));
  return i < 0 ? 0 : 1 / (i + 1);
}

export function recallAt5(ranked: string[], gold: string[]): number {
  const top = new Set(ranked.slice(0, 5));
  return gold.filter((id) => top.has(id)).length / gold.length;
}
