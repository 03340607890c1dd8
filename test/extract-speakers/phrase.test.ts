// src/extract/speakers/phrase.ts: the noun phrase that names a speaker.
import { describe, expect, it } from "vitest";
import { extractClaims } from "../../src/extract";
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

  it("reads what a person was there as for their role ('Witness Sarah Okonkwo'), a role's closing comma left out", () => {
    expect(readSpeakerPhrase("Witness Hana Ilic", null)).toMatchObject({
      name: "Hana Ilic",
      role: "Witness",
      person: true,
    });
    expect(readSpeakerPhrase("Resident Tom Abara", null)).toMatchObject({ name: "Tom Abara", role: "Resident" });
    expect(readSpeakerPhrase("the Greens' transport spokeswoman, Ula Berg", null)).toMatchObject({
      name: "Ula Berg",
      role: "Greens' transport spokeswoman",
    });
  });

  it("reads no role from a sentence's opening words before a preposition ('Walk into Sal Moretti's shop')", () => {
    expect(readSpeakerPhrase("Walk into Sal Moretti", null)).toEqual({ name: "Sal Moretti", role: null, person: true });
    expect(readSpeakerPhrase("Step inside Ana Ruiz", null)).toMatchObject({ name: "Ana Ruiz", role: null });
  });

  it("reads a pronoun, and a possessive description as written", () => {
    expect(readSpeakerPhrase("she", null)).toEqual({ pronoun: "she" });
    expect(readSpeakerPhrase("her statement", null)).toMatchObject({ name: "her statement", person: false });
  });

  it("reads no speaker from a conditional's opening word ('If states fail …' is no statement by 'If')", () => {
    expect(readSpeakerPhrase("If", null)).toBeNull();
    expect(readSpeakerPhrase("Unless", null)).toBeNull();
  });

  it("gives the quote after a conditional to the cue that names someone, not to 'If'", () => {
    const found = extractClaims(
      'The mayor toured the depot on Friday. If states cut the grant, the county will pay for the buses, Ilse Varga said. "We have the money set aside," she said.',
    ).filter((c) => c.kind === "direct_quote");
    expect(found.map((c) => c.speaker?.name)).toEqual(["Ilse Varga"]);
  });

  it("skips an adverb of manner or time between the subject and its cue", () => {
    expect(subjectBefore("Host Nora Vance then loudly ")).toMatchObject({ name: "Nora Vance", role: "Host" });
    expect(subjectBefore("Tom Ruiz however ")).toMatchObject({ name: "Tom Ruiz" });
    expect(subjectBefore("Harbor Foods on Thursday ")).toMatchObject({ name: "Harbor Foods" });
    expect(subjectBefore("Mayor Ida Brandt late Tuesday night also ")).toMatchObject({ name: "Ida Brandt" });
    // "the family said": a word ending in -ly that is no adverb stays the subject.
    expect(subjectBefore("the family ")).toMatchObject({ name: "the family" });
  });

  it("never takes the one spoken to for the speaker ('a source speaking to the Ledger')", () => {
    expect(readSpeakerPhrase("Council member Rita Oduya speaking to the Ledger", null)).toMatchObject({
      name: "Rita Oduya",
      role: "Council member",
      person: true,
    });
    // "Another …" opens a description, no name: it stays unresolved.
    expect(readSpeakerPhrase("Another council source talking with the Ledger", null)).toMatchObject({
      name: "Another council source",
      person: false,
    });
  });

  it("gives a clause joined by ', but now' the subject of the clause before it", () => {
    expect(subjectBefore("Councillor Rita Oduya used to back the mayor, but now ")).toMatchObject({
      name: "Rita Oduya",
      role: "Councillor",
    });
  });

  it("reads the comma inside a title's closing quote mark as the apposition's ('author of \"The Quiet Charter,\" put it')", () => {
    const c = extractClaims(
      'The court fight went on. As Ada Quist, professor of law at Dayton and author of "The Quiet Charter," put it, "Senators should remember that a compromise is possible."',
    ).filter((q) => q.kind === "direct_quote");
    expect(c.map((q) => q.speaker)).toEqual([{ name: "Ada Quist", role: null }]);
  });

  it("skips an apposition back to the name before a cue", () => {
    expect(subjectBefore("The budget is tight, Omar Reyes, a councillor for Ward 4,")).toMatchObject({
      name: "Omar Reyes",
      role: "a councillor for Ward 4",
    });
  });

  it("reads a plural noun or a quantifier opening a sentence as a description, not a name ('Estimates', 'Recent reports')", () => {
    for (const phrase of ["Estimates", "Recent reports", "Posts on the forum", "Officials"]) {
      const read = readSpeakerPhrase(phrase, null);
      expect(read && "person" in read && read.person, phrase).toBe(false);
    }
    const [statistic] = extractClaims("Estimates suggest 8,000 migrants are at sea in the region.");
    expect(statistic).toMatchObject({ kind: "statistic", speaker_resolved: false });
    expect(statistic?.confidence).toBeLessThan(0.5);
  });

  it("keeps the office before an honorific as the role ('Undersecretary for Education Mr. Toccafondi')", () => {
    expect(readSpeakerPhrase("Undersecretary for Education Mr. Toccafondi", null)).toMatchObject({
      name: "Toccafondi",
      role: "Undersecretary for Education",
    });
    expect(readSpeakerPhrase("Mr. Toccafondi", null)).toMatchObject({ name: "Toccafondi", role: null });
  });

  it("takes no number or clause before a name for its role ('In 2007, Paris left')", () => {
    const read = readSpeakerPhrase("In 2007, Ida Paris", null);
    expect(read).toMatchObject({ name: "Ida Paris", role: null });
  });

  it("keeps a short title's full stop in the role ('Gov. Kathy Hochul' is 'Gov.')", () => {
    expect(readSpeakerPhrase("Gov. Kathy Hochul", null)).toMatchObject({ name: "Kathy Hochul", role: "Gov." });
    expect(readSpeakerPhrase("Governor Kathy Hochul", null)).toMatchObject({ role: "Governor" });
  });

  it("prefers the office before a name to a relative clause after it, and reads a role past an age", () => {
    expect(subjectBefore("But council member Dee Park, who voted against the plan, ")).toMatchObject({
      name: "Dee Park",
      role: "council member",
    });
    expect(subjectBefore("Lena Ortiz, 67, a retired teacher, ")).toMatchObject({ role: "a retired teacher" });
    const [quote] = extractClaims('"My rent went up 40 percent," said Lena Ortiz, 67, a retired teacher.');
    expect(quote?.speaker).toEqual({ name: "Lena Ortiz", role: "a retired teacher" });
  });

  it("reads 'a report by the state auditor' as a source, not a clause about a noun", () => {
    const [c] = extractClaims("According to a report by the state auditor, the pension fund was 74 percent funded.");
    expect(c).toMatchObject({ kind: "statistic", speaker_resolved: false });
    expect(c?.speaker?.name).toMatch(/state auditor/);
  });

  it("takes no label before a name for its role ('Image: Mark Rathbun')", () => {
    expect(readSpeakerPhrase("Image: Ida Moss", null)).toMatchObject({ name: "Ida Moss", role: null });
  });

  it("keeps an organisation's 'of' whole ('Royal College of Nursing') and an owned description as role", () => {
    expect(readSpeakerPhrase("The Royal College of Nursing", null)).toMatchObject({
      name: "Royal College of Nursing",
      person: false,
    });
    expect(subjectBefore("Labour's shadow health secretary, Wes Streeting, ")).toMatchObject({
      name: "Wes Streeting",
      role: "Labour's shadow health secretary",
    });
  });

  it("keeps a surname's particle in the name ('Erik ten Hag'), and reads 'The Dutchman' as a description", () => {
    const [quote] = extractClaims(
      'The club kept manager Erik ten Hag. "We have 11 players injured," ten Hag told Sky Sports after the match.',
    );
    expect(quote?.speaker).toEqual({ name: "Erik ten Hag", role: null });
    const dutchman = readSpeakerPhrase("The Dutchman", null);
    expect(dutchman && "person" in dutchman && dutchman.person).toBe(false);
  });
});
