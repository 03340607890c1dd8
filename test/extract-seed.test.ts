// The extractor over the seed article: the targets of issue 6.

import { describe, expect, it } from "vitest";
import { extractClaims } from "../src/extract";
import labels from "./fixtures/extract/article-2020-03-05-kunduz.claims.json";
import article from "./fixtures/extract/article-2020-03-05-kunduz.txt?raw";

const speakerName = (key: string) => labels.speakers.find((s) => s.key === key)?.name;

describe("seed article (AFP, Kunduz)", () => {
  const candidates = extractClaims(article);

  it("finds all 8 direct quotes with their exact span and speaker", () => {
    const quotes = candidates.filter((c) => c.kind === "direct_quote");
    const labelled = labels.claims.filter((c) => c.kind === "direct_quote");
    expect(quotes).toHaveLength(8);
    let from = 0;
    for (const label of labelled) {
      const start = article.indexOf(label.quote, from === 0 ? 0 : from);
      const found = quotes.find((c) => c.start === start && c.end === start + label.quote.length);
      expect(found, label.id).toBeDefined();
      expect(found?.speaker?.name, label.id).toBe(speakerName(label.speaker));
      from = label.quote === "very good" ? start + 1 : 0;
    }
  });

  it("attributes c07 and c08 through the pronoun to Sonny Leggett", () => {
    const c07 = candidates.find((c) => c.text.startsWith("This was a defensive strike"));
    const c08 = candidates.find((c) => c.text.startsWith("We call on the Taliban"));
    expect(c07?.speaker?.name).toBe("Sonny Leggett");
    expect(c07?.reasons).toContain('pronoun "he" resolved to Sonny Leggett');
    expect(c08?.speaker?.name).toBe("Sonny Leggett");
  });

  it("finds the statistics c09 and c10 with their numbers", () => {
    for (const id of ["c09", "c10"]) {
      const label = labels.claims.find((c) => c.id === id);
      const c = candidates.find((x) => x.kind === "statistic" && x.text === label?.quote);
      expect(c, id).toBeDefined();
      for (const n of label?.numbers ?? []) {
        expect(c?.numbers).toContainEqual(
          expect.objectContaining({ value: n.value, ...("qualifier" in n ? { qualifier: n.qualifier } : {}) }),
        );
      }
      expect(c?.speaker?.name).toBe(id === "c09" ? "Sonny Leggett" : "Afghanistan government officials");
    }
  });
});
