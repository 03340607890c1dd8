// src/extract/speakers/cues.ts: finding the speech verbs and phrases of a text.
import { describe, expect, it } from "vitest";
import { cuesIn, cueText, PARTICIPLE_CUE } from "../../src/extract/speakers";

describe("cues", () => {
  it("finds speech verbs, and no passive or participle after an article", () => {
    const found = cuesIn("The clerk said it twice; she was told to wait for the reported figure.").map((m) => m[0]);
    expect(found[0]).toMatch(/^said/);
    expect(found.some((c) => c.startsWith("told"))).toBe(false);
    expect(found.some((c) => c.startsWith("reported"))).toBe(false);
  });

  it("reads a song's words as sung: 'sings' and 'sang' are cues", () => {
    expect(cuesIn("On the record, Milo Grant sings, and the band sang along.").map((m) => cueText(m[0]))).toEqual([
      "sings",
      "sang",
    ]);
  });

  it("reads 'went on' as a cue only when words follow it, not at a sentence's end", () => {
    expect(cuesIn("The court fight went on. Then she went on: the roads come first.").map((m) => m[0])).toEqual([
      "went on",
    ]);
    expect(cuesIn("The court fight went on.")).toEqual([]);
  });

  it("reads a cue as its verb, keeping a particle and the one told", () => {
    expect(cueText("fired back at")).toBe("fired back");
    expect(cueText("told the council.")).toBe("told the council");
    expect(cueText("According to")).toBe("according to");
  });

  it("knows a participle cue, whose subject opens the sentence", () => {
    expect(PARTICIPLE_CUE.test("writing in a letter")).toBe(true);
    expect(PARTICIPLE_CUE.test("wrote")).toBe(false);
  });

  it("takes no denied speech for a cue ('have not said why', 'declined to say', 'never said')", () => {
    expect(cuesIn("Officials have not said why the road closed.")).toEqual([]);
    expect(cuesIn("The mayor declined to say how much the fair cost.")).toEqual([]);
    expect(cuesIn("Dana Fox never said the bridge was safe.")).toEqual([]);
    expect(cuesIn("Dana Fox did not say it, but her deputy said it twice.").map((m) => cueText(m[0]))).toEqual([
      "said",
    ]);
  });

  it("takes a plural noun spelt like a cue for the noun ('Recent reports have revealed', 'claims of')", () => {
    expect(cuesIn("Recent reports have revealed a second leak at the plant.")).toEqual([]);
    expect(cuesIn("The claims of fraud were never proved.")).toEqual([]);
    expect(cuesIn("The Ledger reports that the plant leaked twice.").map((m) => cueText(m[0]))).toEqual(["reports"]);
  });
});
