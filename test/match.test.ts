// The matcher's pure parts: preparing a post, each rerank signal, the reasons and warnings.
// Examples written for these tests (never from the evaluation data).
import { describe, expect, it } from "vitest";
import {
  type Candidate,
  type Corpus,
  learnAssociations,
  parseAssociations,
  porterStem,
  prepare,
  prepareQuery,
  rerank,
  STRONG_MATCH,
  splitCamel,
  stripNoise,
  WEIGHTS,
} from "../src/match";
import { formatAssociations } from "../src/match/associations";
import { ftsQuery, pickTerms } from "../src/match/query";

const corpus: Corpus = {
  size: 1000,
  docFreq: new Map([
    ["attack", 40],
    ["checkpoint", 5],
    ["harbour", 3],
  ]),
};

function candidate(text: string, more: Partial<Candidate> = {}): Candidate {
  return { id: text, text, context: null, speakerId: null, speakerName: null, statedAt: null, bm25: 1, ...more };
}

const only = (query: string, claim: string, more: Partial<Candidate> = {}, speaker?: string) =>
  rerank({ text: query, speakerName: speaker }, [candidate(claim, more)], corpus)[0];

describe("preparing a post", () => {
  it("splits hashtags and handles on camel case", () => {
    expect(splitCamel("FloodRelief2024")).toBe("Flood Relief 2024");
    expect(splitCamel("NASAMoonBase")).toBe("NASA Moon Base");
    const { words } = prepare("Help #FloodRelief now, says @MayorOfRivertown");
    expect(words).toEqual(expect.arrayContaining(["flood", "relief", "mayor", "rivertown"]));
    expect(words).not.toContain("floodrelief");
  });

  it("strips links (also glued to a word) and keeps the signature's name as a possible speaker, not its date as words", () => {
    const post =
      "The harbour bridge closes for a year #Bridgespic.twitter.com/abc123 https://t.co/xyz — Jo Bloggs (@jobloggs) March 3, 2021";
    const { text, signatureName, signatureDate } = stripNoise(post);
    expect(text).not.toMatch(/twitter|https|t\.co|jobloggs|2021/);
    expect(signatureName).toBe("Jo Bloggs");
    expect(signatureDate).toEqual({ year: 2021, month: 3 });
    const q = prepareQuery({ text: post });
    expect(q.speakerName).toBe("Jo Bloggs");
    expect(q.prepared.words).toEqual(["harbour", "bridge", "closes", "year", "bridges"]);
    expect(q.prepared.numbers).toEqual([]);
  });

  it("reads the signature as its pattern did: from the leftmost start, after any run of spaces", () => {
    // A short post is all name: the pattern matched from the text's start.
    expect(stripNoise("Biden is bad (@x)")).toEqual({ text: "", signatureName: "Biden is bad", signatureDate: null });
    expect(stripNoise("Read this - Jo Bloggs (@jobloggs)").signatureName).toBe("Read this - Jo Bloggs");
    // A name is at most 80 characters, of one line.
    expect(stripNoise(`${"x".repeat(90)} (@jb)`).signatureName).toBeNull();
    expect(stripNoise("The bridge closes\n—Jo Bloggs (@jobloggs) March 3, 2021")).toEqual({
      text: "The bridge closes",
      signatureName: "Jo Bloggs",
      signatureDate: { year: 2021, month: 3 },
    });
    // Read back from the handle (the pattern backtracked through such runs: 8 s for 1,000 spaces).
    const run = " \t\u00a0".repeat(3_000);
    expect(stripNoise(`The bridge closes${run}— Jo Bloggs (@jobloggs) March 3, 2021`)).toEqual({
      text: `The bridge closes${run.normalize("NFKC").slice(0, -1)}`,
      signatureName: "Jo Bloggs",
      signatureDate: { year: 2021, month: 3 },
    });
  });

  it("stems a word of any number of y's (the rule for y went back through all of them: the stack ran out)", () => {
    expect(["syzygy", "yyyy", "toy"].map(porterStem)).toEqual(["syzygi", "yyyi", "toi"]);
    expect(porterStem("y".repeat(50_000))).toBe(`${"y".repeat(49_999)}i`);
  });

  it("stems as the index's porter tokenizer does", () => {
    expect(["attacks", "attacked", "attacking"].map(porterStem)).toEqual(["attack", "attack", "attack"]);
    expect(porterStem("generalizations")).toBe("gener");
    expect(porterStem("2020")).toBe("2020");
  });

  it("finds numbers, names and negation", () => {
    const p = prepare("The council did not approve 1,200 new homes in Port Avery, Mayor Lin Ode said.");
    expect(p.numbers).toEqual(["1200"]);
    expect(p.names).toEqual(expect.arrayContaining(["port avery", "mayor lin ode"]));
    expect(p.negated).toBe(true);
    expect(prepare("The council didn't approve it").negated).toBe(true);
    expect(prepare("The council approved it").negated).toBe(false);
  });

  it("asks the index for the rarest words, each quoted, so FTS syntax in a post is only text", () => {
    const q = prepareQuery({ text: 'attack "checkpoint" OR harbour* NEAR(x)' });
    const words = pickTerms(q, corpus);
    expect(words.slice(0, 2)).toEqual(["harbour", "checkpoint"]);
    expect(ftsQuery(words)).toBe('"harbour" OR "checkpoint" OR "attack"');
    expect(ftsQuery(["**", '"'])).toBeNull();
  });
});

describe("the rerank's signals", () => {
  it("warns when the numbers differ (43 attacks vs 34 attacks) and gives the same numbers as a reason", () => {
    const differ = only("Rebels made 34 attacks on checkpoints", "Rebels made 43 attacks on checkpoints");
    expect(differ?.warnings).toContainEqual({ kind: "numbers_differ", query: ["34"], claim: ["43"] });
    const same = only("Rebels made 43 attacks on checkpoints", "Rebels made 43 attacks on checkpoints");
    expect(same?.warnings.map((w) => w.kind)).not.toContain("numbers_differ");
    expect(same?.reasons).toContainEqual({ kind: "same_numbers", numbers: ["43"] });
  });

  it("warns when one side says not and the other does not", () => {
    const r = only("The mayor did not close the harbour", "The mayor did close the harbour");
    expect(r?.warnings).toContainEqual({ kind: "negation_differs", negated: "query" });
    expect(only("The mayor never closed the harbour", "The mayor didn't close the harbour")?.warnings).toEqual([]);
  });

  it("names the same speaker as a reason and another speaker as a warning", () => {
    const same = only(
      "The harbour closes",
      "The harbour closes",
      { speakerId: "spk_1", speakerName: "Jo Bloggs" },
      "Jo Bloggs",
    );
    expect(same?.reasons).toContainEqual({ kind: "same_speaker" });
    const other = only("The harbour closes", "The harbour closes", { speakerName: "Ann Other" }, "Jo Bloggs");
    expect(other?.warnings).toContainEqual({ kind: "speaker_differs", query: "Jo Bloggs", claim: "Ann Other" });
    expect(only("The harbour closes", "The harbour closes", { speakerName: "Ann Other" })?.warnings).toEqual([]);
  });

  it("gives the shared words, phrases and names as reasons", () => {
    const r = only("Mayor Lin Ode closed the harbour bridge", "Lin Ode says the harbour bridge closed");
    expect(r?.reasons).toContainEqual({ kind: "shared_phrases", phrases: ["lin ode", "harbour bridge"] });
    expect(r?.reasons).toContainEqual({ kind: "same_names", names: ["lin ode"] });
    const words = r?.reasons.find((x) => x.kind === "shared_words");
    expect(words).toMatchObject({ words: expect.arrayContaining(["harbour", "bridge", "closed"]) });
  });

  it("ranks the paraphrase above a claim sharing one common word, scores in 0..1", () => {
    const ranked = rerank(
      { text: "Rebels attacked 43 checkpoints in the harbour district on Tuesday" },
      [
        candidate("Attack on a school reported", { bm25: 2 }),
        candidate("Rebels carried out 43 attacks on harbour checkpoints on Tuesday", { bm25: 1.5 }),
      ],
      corpus,
    );
    expect(ranked[0]?.candidate.text).toMatch(/^Rebels/);
    for (const r of ranked) expect(r.score).toBeGreaterThanOrEqual(0);
    for (const r of ranked) expect(r.score).toBeLessThanOrEqual(1);
    expect(ranked[0]?.score).toBeGreaterThan(ranked[1]?.score ?? 1);
  });

  it("counts synonyms as the same word (photo / picture)", () => {
    const r = only("This picture shows the harbour flooded", "A photo shows the harbour flooded");
    expect(r?.signals.claimCoverage).toBe(1);
  });

  it("counts a query word the claim lacks as related when a learned associate is there, and says so", () => {
    const table = parseAssociations("flood inund:0.5 water:0.25");
    expect(table.get("flood")?.get("inund")).toBe(0.5);
    const q = prepareQuery({ text: "Harbour flooding pictured" });
    const [related] = rerank(q, [candidate("The harbour was inundated")], corpus, WEIGHTS, table);
    expect(related?.signals.related).toBeGreaterThan(0);
    expect(related?.reasons).toContainEqual({ kind: "related_words", words: ["flooding ~ inundated"] });
    const [unrelated] = rerank(q, [candidate("The harbour was inundated")], corpus, WEIGHTS, new Map());
    expect(unrelated?.signals.related).toBe(0);
    expect(unrelated?.reasons.map((r) => r.kind)).not.toContain("related_words");
  });

  it("learns associations only from pairs seen with two different claims, and keeps stems, not text", () => {
    const pairs = [
      { query: ["pic", "harbour"], claim: ["photograph", "harbour"], claimId: "a" },
      { query: ["pic", "bridg"], claim: ["photograph", "bridg"], claimId: "b" },
      { query: ["nuke"], claim: ["bomb"], claimId: "c" },
      // Other pairs, so that "photograph" is not a word most matched claims hold.
      ...Array.from({ length: 20 }, (_, i) => ({ query: [`q${i}`], claim: [`c${i}`], claimId: `other${i}` })),
    ];
    const table = learnAssociations(pairs, { minClaims: 2 });
    expect(table.get("pic")?.get("photograph")).toBe(1);
    expect(table.has("nuke")).toBe(false);
    expect(formatAssociations(table)).toBe("pic photograph:1.00");
  });

  it("measures the query's coverage by the claim's own text and its rarest shared word", () => {
    const r = only("Rebels attacked harbour checkpoints", "Rebels attacked the harbour", {
      context: "Checkpoints under fire",
    });
    expect(r?.signals.textCoverage).toBeLessThan(r?.signals.queryCoverage ?? 0);
    expect(r?.signals.rarestShared).toBe(1);
    const common = only("Rebels attacked harbour checkpoints", "An attack");
    expect(common?.signals.rarestShared).toBeLessThan(1);
  });

  it("weighs a candidate's word the query lacks by a fixed IDF when its frequency was not read", () => {
    const withUnknown: Corpus = { ...corpus, unknownIdf: 1 };
    const q = "Rebels attacked harbour checkpoints";
    const claim = "Rebels attacked the harbour near the lighthouse";
    const rare = rerank({ text: q }, [candidate(claim)], corpus)[0]?.signals.claimCoverage ?? 0;
    const fixed = rerank({ text: q }, [candidate(claim)], withUnknown)[0]?.signals.claimCoverage ?? 0;
    expect(fixed).toBeGreaterThan(rare);
  });
});

describe("the score on a small desk", () => {
  // With few claims, the best candidate may be the only one, sharing one or two common words:
  // its bm25 is read against a full match's, so it does not look like a perfect hit.
  const small: Corpus = {
    size: 100,
    docFreq: new Map([
      ["attack", 30],
      ["strike", 20],
      ["defens", 2],
      ["disrupt", 1],
    ]),
  };
  // FTS5's bm25 of a claim holding "attacks" once: that word's idf.
  const attacksOnly = Math.log((100 - 30 + 0.5) / (30 + 0.5));

  it("keeps a candidate sharing only common words (and the speaker) below a possible match", () => {
    const [ranked] = rerank(
      { text: "This was a defensive strike to disrupt the attack", speakerName: "Sonny Leggett" },
      [
        candidate("Insurgents carried out 43 attacks on checkpoints in Helmand", {
          speakerName: "Sonny Leggett",
          bm25: attacksOnly,
        }),
      ],
      small,
    );
    expect(ranked?.signals.sameSpeaker).toBe(1);
    // The speaker counts once: the claim's words do not name them.
    expect(ranked?.signals.signatureName).toBe(0);
    expect(ranked?.score).toBeLessThan(0.5);
  });

  it("still finds a close paraphrase strong", () => {
    const [ranked] = rerank(
      { text: "Insurgents carried out 43 attacks on checkpoints in Helmand on Tuesday" },
      [candidate("insurgents had carried out 43 attacks on checkpoints in Helmand on Tuesday alone", { bm25: 20 })],
      small,
    );
    expect(ranked?.score).toBeGreaterThanOrEqual(STRONG_MATCH);
  });
});
