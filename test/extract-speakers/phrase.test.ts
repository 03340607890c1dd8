// src/extract/speakers/phrase.ts: the noun phrase that names a speaker.
import { describe, expect, it } from "vitest";
import { readSpeakerPhrase, subjectBefore } from "../../src/extract/speakers";

describe("speaker phrases", () => {
  it("takes the name from an apposition after a description", () => {
    expect(readSpeakerPhrase("the Minister of Innovation", "Navdeep Bains")).toMatchObject({
      name: "Navdeep Bains",
      role: "the Minister of Innovation",
      person: true,
    });
  });

  it("reads no speaker from a clause about a noun without 'that' (a reduced relative)", () => {
    expect(readSpeakerPhrase("a figure the bus drivers' union", null)).toBeNull();
    // A preposition's determiner is no such clause: "the head", of the union.
    expect(readSpeakerPhrase("the head of the union", null)).toMatchObject({ name: "the head", role: "of the union" });
  });

  it("reads a pronoun, and a possessive description as written", () => {
    expect(readSpeakerPhrase("she", null)).toEqual({ pronoun: "she" });
    expect(readSpeakerPhrase("her statement", null)).toMatchObject({ name: "her statement", person: false });
  });

  it("skips an apposition back to the name before a cue", () => {
    expect(subjectBefore("The budget is tight, Omar Reyes, a councillor for Ward 4,")).toMatchObject({
      name: "Omar Reyes",
      role: "a councillor for Ward 4",
    });
  });
});
