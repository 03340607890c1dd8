// The check-worthiness model (src/worthiness): its features, its weights table and its scores, on
// sentences written for these tests (the fitting data never enters the project).
import { describe, expect, it } from "vitest";
import { extractClaims } from "../src/extract";
import { CHAR_BUCKETS, charKeys, FEATURE_GROUPS, features, groupOf } from "../src/worthiness/features";
import {
  CHECK_WORTHY_THRESHOLD,
  formatWeights,
  logit,
  parseWeights,
  WORTHINESS_TEXT_LIMIT,
  worthiness,
} from "../src/worthiness/model";
import { WEIGHTS } from "../src/worthiness/weights";

describe("the features", () => {
  it("reads numbers, units, money and percentages", () => {
    const keys = features("The city spent $4.5 million on roads, 12 percent more than in 2019.");
    expect(keys).toEqual(
      expect.arrayContaining([
        "numbers.money",
        "numbers.scale",
        "numbers.precise",
        "numbers.percent",
        "numbers.unit",
        "numbers.year",
        "numbers.several",
        "w:<n>",
      ]),
    );
  });

  it("reads comparatives, changes and superlatives", () => {
    expect(features("Crime is lower than it was")).toContain("comparatives.er-than");
    expect(features("Wages rose and prices fell")).toContain("comparatives.change");
    expect(features("It is the biggest deficit")).toContain("comparatives.superlative");
  });

  it("reads capitalised names past the first word, not the pronoun I", () => {
    expect(features("Yesterday the Federal Reserve met")).toEqual(
      expect.arrayContaining(["entities.some", "entities.multiword"]),
    );
    expect(features("Then I left")).not.toContain("entities.some");
    expect(features("The NATO summit")).toContain("entities.acronym");
  });

  it("reads tense, hedges and questions", () => {
    expect(features("The bill was passed")).toContain("tense.past");
    expect(features("Exports have doubled")).toContain("tense.perfect");
    expect(features("We will win")).toEqual(expect.arrayContaining(["tense.future", "hedges.we"]));
    expect(features("I think you should go?")).toEqual(
      expect.arrayContaining(["hedges.i-think", "hedges.you", "tense.modal", "shape.question"]),
    );
  });

  it("gives word pairs with the sentence's start and end marks, each key once", () => {
    const keys = features("Taxes went up, taxes went up.");
    expect(keys).toEqual(expect.arrayContaining(["p:^_taxes", "p:taxes_went", "p:went_up", "p:up_$"]));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("reads pairs of part-of-speech-like tags: closed classes by lexicon, open ones by suffix", () => {
    expect(features("We were told that the budget increased")).toEqual(
      expect.arrayContaining(["t:^_PW", "t:PW_BED", "t:BED_W", "t:W_DT", "t:DT_DT", "t:DT_W", "t:W_VBD", "t:VBD_$"]),
    );
    expect(features("Yesterday Senator Smith proposed 12 new regulations?")).toEqual(
      expect.arrayContaining(["t:^_W", "t:W_NNP", "t:NNP_NNP", "t:NNP_VBD", "t:VBD_CD", "t:CD_W", "t:W_NN", "t:NN_?"]),
    );
    // A word that is also a name on Object.prototype is an ordinary word.
    expect(features("the constructor")).toContain("t:DT_W");
  });

  it("hashes each word's character 3- to 5-grams into the buckets, numbers alike", () => {
    const tax = charKeys("tax");
    // "<tax>": <ta, tax, ax>, <tax, tax>, <tax> (fewer only if two of them share a bucket).
    expect(tax.length).toBeGreaterThan(3);
    expect(tax.length).toBeLessThanOrEqual(6);
    for (const key of tax) {
      expect(key).toMatch(/^g:\d+$/);
      expect(Number(key.slice(2))).toBeLessThan(CHAR_BUCKETS);
    }
    expect(charKeys("TAX")).toEqual(tax);
    expect(charKeys("in 2019")).toEqual(charKeys("in 7"));
    expect(features("Tax")).toEqual(expect.arrayContaining(tax));
  });

  it("puts every key in one of the groups", () => {
    const keys = features("Since 2010 I have said that we'll cut taxes by $3 billion, more than Smith did?");
    for (const key of keys) expect(FEATURE_GROUPS).toContain(groupOf(key));
    expect(new Set(keys.map(groupOf))).toEqual(new Set(FEATURE_GROUPS));
  });

  it("is empty-safe", () => {
    expect(features("")).toEqual(["p:^_$", "t:^_$", "shape.len:tiny"]);
  });
});

describe("the weights table", () => {
  it("round-trips through its text form in hundredths, dropping zeros", () => {
    const table = formatWeights([
      ["w:tax", 0.4321],
      ["p:a_b", -1.2],
      ["numbers.money", 0.001],
    ]);
    expect(table).toBe("w:tax 43|p:a_b -120");
    expect([...parseWeights(table)]).toEqual([
      ["w:tax", 0.43],
      ["p:a_b", -1.2],
    ]);
  });

  it("adds the weights of the keys a sentence has to the bias", () => {
    const weights = new Map([
      ["w:tax", 1],
      ["numbers.money", 2],
    ]);
    expect(logit("tax of $5", weights, -0.5)).toBeCloseTo(2.5);
    expect(logit("nothing here", weights, -0.5)).toBeCloseTo(-0.5);
  });

  it("ships a fitted table: thousands of features, all of a known group", () => {
    const table = parseWeights(WEIGHTS);
    expect(table.size).toBeGreaterThan(1000);
    for (const key of table.keys()) expect(FEATURE_GROUPS).toContain(groupOf(key));
  });
});

describe("the score", () => {
  it("rates factual claims with figures above opinion, questions and small talk", () => {
    const claims = [
      "Unemployment fell from 7.8 percent to 4.1 percent over the last four years.",
      "The state cut $2 billion from its school budget in 2011.",
      "Our country has lost 60,000 factories since China joined the World Trade Organization.",
    ];
    const others = [
      "Thank you very much, it is good to be here tonight.",
      "What would you do about it?",
      "I think we should all be proud of our families.",
    ];
    for (const text of claims) expect(worthiness(text), text).toMatchObject({ check_worthy: true });
    for (const text of others) expect(worthiness(text), text).toMatchObject({ check_worthy: false });
    const lowest = Math.min(...claims.map((t) => worthiness(t).score));
    const highest = Math.max(...others.map((t) => worthiness(t).score));
    expect(lowest).toBeGreaterThan(highest);
  });

  it("answers a score in [0, 1] with three decimals, and check_worthy exactly at the threshold", () => {
    for (const text of ["", "?", "a".repeat(5000), "1 2 3 4 5 6 7 8 9", "Ünïcödé ✓ 𝒳"]) {
      const { score, check_worthy } = worthiness(text);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
      expect(Math.round(score * 1000) / 1000).toBe(score);
      expect(check_worthy).toBe(score >= CHECK_WORTHY_THRESHOLD);
    }
  });

  it("reads at most WORTHINESS_TEXT_LIMIT characters", () => {
    const head = "The deficit doubled to $1.4 trillion in 2009. ".repeat(50).slice(0, WORTHINESS_TEXT_LIMIT);
    expect(worthiness(`${head} and then some more words here`).score).toBe(worthiness(head).score);
  });

  it("takes well under a millisecond a sentence", () => {
    const sentence = "According to the treasury, the city borrowed 40 percent more in 2023 than in 2022.";
    worthiness(sentence);
    const started = performance.now();
    for (let i = 0; i < 1000; i++) worthiness(`${sentence} ${i}`);
    // A loose bound (a shared, busy test machine): Node measures about 10 µs a sentence
    // (npm run eval:worthiness prints it), workerd under test load a few hundred.
    expect((performance.now() - started) / 1000).toBeLessThan(2);
  });
});

describe("the extractor's use of it", () => {
  it("scores every candidate", () => {
    const article =
      'The mayor, Ana Ruiz, said "we cut the waiting time for permits by half since 2021." ' +
      "Police made 340 arrests last month, the commissioner said.";
    const candidates = extractClaims(article);
    expect(candidates.length).toBeGreaterThanOrEqual(2);
    for (const c of candidates) expect(c.worthiness).toBe(worthiness(c.text).score);
  });

  it("proposes attributed, check-worthy reported speech without quote marks as a paraphrase", () => {
    const article =
      "The city council met on Monday.\n\n" +
      "Unemployment in the city has fallen below the national average for the first time, according to the city treasurer.\n\n" +
      "Bus fares have gone up faster than wages over the past decade, transport director Omar Haddad said.";
    const found = extractClaims(article).filter((c) => c.kind === "paraphrase");
    expect(found).toMatchObject([
      {
        text: "Unemployment in the city has fallen below the national average for the first time",
        cue: "according to",
      },
      { text: "Bus fares have gone up faster than wages over the past decade", speaker: { name: "Omar Haddad" } },
    ]);
    for (const c of found) {
      expect(c.worthiness).toBeGreaterThanOrEqual(CHECK_WORTHY_THRESHOLD);
      expect(c.numbers).toBeUndefined();
      expect(article.slice(c.start, c.end)).toBe(c.text);
    }
  });

  it("does not propose attributed small talk or opinion", () => {
    const article =
      "The evening was lovely and everyone had fun, the host said. I think we should all be proud of our families, the mayor said.";
    expect(extractClaims(article).filter((c) => c.kind === "paraphrase")).toEqual([]);
  });
});
