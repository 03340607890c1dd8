// The extraction label sets: dev (test/fixtures/extract: the seed article and the Wikinews articles the
// extractor was tuned on) and held-out (test/fixtures/extract-heldout: Wikinews articles labelled blind).

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface LabelSpeaker {
  key: string;
  name: string;
  role: string | null;
}

export interface LabelClaim {
  id: string;
  kind: "direct_quote" | "statistic" | "paraphrase";
  speaker: string | null;
  quote: string;
  numbers?: { value: number; qualifier?: string; unit: string }[];
}

export interface LabelledArticle {
  name: string;
  text: string;
  speakers: LabelSpeaker[];
  claims: (LabelClaim & { start: number; end: number })[];
}

export const LABEL_SETS = {
  dev: path.resolve(import.meta.dirname, "../fixtures/extract"),
  heldout: path.resolve(import.meta.dirname, "../fixtures/extract-heldout"),
} as const;
export type LabelSetName = keyof typeof LABEL_SETS;
const QUOTE_MARK = /["\u201C\u201D\u201E\u201F]/;

/** Where each label sits in the text: the first unused occurrence, for direct quotes one that opens after a quote mark. */
export function locate(text: string, claims: LabelClaim[]): (LabelClaim & { start: number; end: number })[] {
  const used = new Set<number>();
  return claims.map((c) => {
    const hits: number[] = [];
    for (let i = text.indexOf(c.quote); i >= 0; i = text.indexOf(c.quote, i + 1)) if (!used.has(i)) hits.push(i);
    const preferred = c.kind === "direct_quote" ? hits.find((i) => QUOTE_MARK.test(text[i - 1] ?? "")) : undefined;
    const start = preferred ?? hits[0];
    if (start === undefined) throw new Error(`label ${c.id} not found in the text: ${c.quote.slice(0, 60)}`);
    used.add(start);
    return { ...c, start, end: start + c.quote.length };
  });
}

export function loadLabelSet(set: LabelSetName = "dev"): LabelledArticle[] {
  const dir = LABEL_SETS[set];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".claims.json"))
    .sort()
    .map((f) => {
      const fixture = JSON.parse(readFileSync(path.join(dir, f), "utf8"));
      const name = f.replace(/\.claims\.json$/, "");
      const text = readFileSync(path.join(dir, fixture.source?.text_file ?? `${name}.txt`), "utf8");
      return { name, text, speakers: fixture.speakers, claims: locate(text, fixture.claims) };
    });
}
