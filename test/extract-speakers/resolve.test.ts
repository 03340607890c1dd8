// src/extract/speakers/resolve.ts and the extractor's use of it: one test per speaker-resolution rule,
// each from a sentence written for it.
import { describe, expect, it } from "vitest";
import { type Candidate, extractClaims } from "../../src/extract";
import {
  definiteDescription,
  homesIn,
  NameRegistry,
  namesSomeone,
  personDescribed,
  personNamedAfter,
  possessiveSpeaker,
} from "../../src/extract/speakers";

const only = (text: string): Candidate => {
  const found = extractClaims(text).filter((c) => c.kind === "direct_quote");
  expect(found).toHaveLength(1);
  return found[0] as Candidate;
};

describe("resolve (pure)", () => {
  it("names someone only with a capital that is no function word", () => {
    expect(namesSomeone("Talia Brook")).toBe(true);
    expect(namesSomeone("her statement")).toBe(false);
    expect(namesSomeone("of Innovation")).toBe(false);
    expect(namesSomeone("He")).toBe(false);
    expect(namesSomeone("Another council source")).toBe(false);
    expect(namesSomeone("With Clinton")).toBe(false);
  });

  it("reads a possessive: words, or someone speaking for the owner", () => {
    expect(possessiveSpeaker("her statement")).toEqual({ pronoun: "she", noun: "statement", agent: false });
    expect(possessiveSpeaker("his campaign spokesman")).toEqual({ pronoun: "he", noun: "spokesman", agent: true });
    expect(possessiveSpeaker("the statement")).toBeNull();
  });

  it("reads a definite description by its role noun, not an indefinite one or a thing", () => {
    expect(definiteDescription("the Coastal senator")).toEqual({
      head: "senator",
      modifiers: ["coastal"],
      proper: ["coastal"],
    });
    expect(definiteDescription("a senator")).toBeNull();
    expect(definiteDescription("the report")).toBeNull();
  });

  it("gives a description the person last talked about in that role, or the only one its proper words fit", () => {
    const people = [
      { name: "Ann Lee", role: "Coastal senator" },
      { name: "Cy Dunn", role: "Sen." },
    ];
    expect(personDescribed({ head: "senator", modifiers: [], proper: [] }, people)?.name).toBe("Cy Dunn");
    // Capitalised words single out the one person they fit, though someone else spoke since.
    expect(personDescribed({ head: "senator", modifiers: ["coastal"], proper: ["coastal"] }, people)?.name).toBe(
      "Ann Lee",
    );
    expect(
      personDescribed({ head: "senator", modifiers: ["coastal"], proper: ["coastal"] }, [
        ...people,
        { name: "Di Roe", role: "Coastal senator" },
        { name: "Bo Chan", role: null },
      ]),
    ).toBeNull();
    expect(personDescribed({ head: "senator", modifiers: ["inland"], proper: ["inland"] }, people)).toBeNull();
    expect(personDescribed({ head: "governor", modifiers: [], proper: [] }, people)).toBeNull();
    // Someone else talked about since the senator: the text does not decide.
    expect(
      personDescribed({ head: "senator", modifiers: [], proper: [] }, [...people, { name: "Bo Chan", role: null }]),
    ).toBeNull();
  });
});

describe("speaker resolution in articles", () => {
  it("a pronoun goes to the person it stands for", () => {
    const c = only('Mayor Linda Park met the press on Friday. "The ferry will run all winter," she said.');
    expect(c.speaker?.name).toBe("Linda Park");
    expect(c.speaker_resolved).toBe(true);
  });

  it("the subject of a clause joined by 'but' is who a later 'he' stands for", () => {
    const found = extractClaims(
      'Senator Paul Okafor attacked Governor Dan Reyes on taxes. "He raised them twice," Okafor said. The moderators tried to move on, but Reyes would not let it go. "I cut them in my first year," he said.',
    ).filter((c) => c.kind === "direct_quote");
    expect(found.map((c) => c.speaker?.name)).toEqual(["Paul Okafor", "Dan Reyes"]);
    // A capitalised word after "but" that is no one named before changes nothing.
    const other = extractClaims(
      'Senator Paul Okafor spoke on taxes. The hall was full, but Tuesday brought rain. "We will cut them," he said.',
    ).filter((c) => c.kind === "direct_quote");
    expect(other.map((c) => c.speaker?.name)).toEqual(["Paul Okafor"]);
  });

  it("a question a speech verb has just introduced is its speaker's, not the next sentence's subject", () => {
    const asked = only('The panel met on Sunday. Host Nora Vance then asked, "Really?" The debate lasted an hour.');
    expect(asked.speaker?.name).toBe("Nora Vance");
    expect(asked.speaker_resolved).toBe(true);
    // With no cue before it, a name and a verb after the question still attribute it.
    const after = only('Nora Vance chaired the panel on Sunday. The mayor spoke. "Really?" Vance laughed.');
    expect(after.speaker?.name).toBe("Nora Vance");
  });

  it("a 'he' never stands for a place ('the Coral Sea'); 'X however said' keeps X as the subject", () => {
    const c = only(
      'Defence Minister Tom Ruiz visited the base. The Coral Sea has become a flashpoint for the fleet. Ruiz however said he would welcome talks. "We want calm waters," he said.',
    );
    expect(c.speaker?.name).toBe("Tom Ruiz");
  });

  it("a paragraph that is only a quote continues the reported speech of a joined clause before it", () => {
    const found = extractClaims(
      'The delegates cheered.\n\nCouncillor Rita Oduya used to back the mayor, but now said the plan had "the money and the people to work."\n\n"I think it can be done, but the hardest part is the bridge."\n\nThe hall emptied.',
    ).filter((c) => c.kind === "direct_quote");
    expect(found.map((c) => c.speaker?.name)).toEqual(["Rita Oduya", "Rita Oduya"]);
  });

  it("a lone quote after a paragraph about someone is guessed theirs, below 0.5 and never ticked", () => {
    const guessed = only(
      'The governor held a town hall in Hudson.\n\nChef Milo Grant, star of a cooking show, joined him on Monday.\n\nGrant praised the governor for his work after the flood.\n\n"We need someone who can bring people together."\n\nThe crowd cheered.',
    );
    expect(guessed.speaker?.name).toMatch(/Milo Grant$/);
    expect(guessed.confidence).toBeLessThan(0.5);
    // A name that does not open the sentence as its subject ("With Vale, …") is no such guess.
    const none = only(
      'Senator Ann Vale spoke.\n\nWith Vale, the party grows.\n\n"We need someone who can bring people together."\n\nThe crowd cheered.',
    );
    expect(none.speaker).toBeNull();
  });

  it("a 'she' used of one Fowler says nothing of another Fowler's gender", () => {
    const found = extractClaims(
      'Contractor Dan Reyes built the depot. Mayor Ann Fowler opened it. "It is done," she said. Tom Fowler stood beside her. "I was on the first bus," he said.',
    ).filter((c) => c.kind === "direct_quote");
    expect(found.map((c) => c.speaker?.name)).toEqual(["Ann Fowler", "Tom Fowler"]);
  });

  it("a one-word name read as a person's is the 'he' after it, not an earlier full name", () => {
    const c = only(
      'Mayor Linda Park opened the depot. Later Hargrove said the yard was full. "We ran out of room," he said.',
    );
    expect(c.speaker?.name).toBe("Hargrove");
  });

  it("a pronoun that could stand for someone else named before loses confidence; one the text decides does not", () => {
    const open = only('Tom Reyes spoke first. Dan Moss spoke next. "We disagree on the budget," he said.');
    expect(open.speaker?.name).toBe("Dan Moss");
    expect(open.confidence).toBe(0.8);
    expect(open.reasons).toContain("the pronoun could stand for someone else named before");
    const decided = only(
      'Ms. Lee spoke first. Ann Lee is the mayor. Dan Moss spoke next. "We disagree on the budget," he said.',
    );
    expect(decided.speaker?.name).toBe("Dan Moss");
    expect(decided.confidence).toBe(0.95);
  });

  it("a pronoun after a quote goes to the one its sentence already has speaking, not the first name in it", () => {
    const c = only('Asked about Tom Reyes, Megan Ferris said "I have not met him yet," she said.');
    expect(c.speaker?.name).toBe("Megan Ferris");
  });

  it("a quote opening a paragraph continues the last speaker, more surely when their quote ended the paragraph before", () => {
    const ended = extractClaims(
      'Tom Reyes opened the meeting. "The depot is full," he said.\n\n"We need a second yard by spring."',
    );
    expect(ended.map((c) => [c.speaker?.name, c.confidence])).toEqual([
      ["Tom Reyes", 0.95],
      ["Tom Reyes", 0.7],
    ]);
    const narrated = extractClaims(
      'Tom Reyes opened the meeting. "The depot is full," he said. The council then heard from residents about the noise.\n\n"We need a second yard by spring."',
    );
    expect(narrated.map((c) => [c.speaker?.name, c.confidence])).toEqual([
      ["Tom Reyes", 0.95],
      ["Tom Reyes", 0.6],
    ]);
  });

  it("'her statement' is the words of the one 'her' stands for", () => {
    const c = only('Mayor Linda Park met the press on Friday. "The ferry will run all winter," her statement said.');
    expect(c.speaker?.name).toBe("Linda Park");
    expect(c.speaker_resolved).toBe(true);
  });

  it("'his spokesman' is the spokesman the article names", () => {
    const c = only(
      'Senator Ray Otto missed the vote. His spokesman, Tim Lee, took questions. "He was in hospital," his spokesman said.',
    );
    expect(c.speaker?.name).toBe("Tim Lee");
  });

  it("an unnamed spokesman stays unresolved, under the possessor's name, below 0.5", () => {
    const c = only('Senator Ray Otto missed the vote. "He was in hospital," his spokesman said.');
    expect(c.speaker?.name).toBe("Ray Otto's spokesman");
    expect(c.speaker_resolved).toBe(false);
    expect(c.confidence).toBeLessThan(0.5);
  });

  it("'the minister' is the person last introduced with that title", () => {
    const c = only(
      'Minister Navdeep Bains toured the lab. "We will fund every lab in the country," the minister said.',
    );
    expect(c.speaker?.name).toBe("Navdeep Bains");
    expect(c.speaker_resolved).toBe(true);
  });

  it("a title with its 'of' phrase stays whole, the name after it is the speaker", () => {
    const c = only('"We will fund every lab," said Minister of Innovation Navdeep Bains.');
    expect(c.speaker).toEqual({ name: "Navdeep Bains", role: "Minister of Innovation" });
  });

  it("a description whose apposition is a name takes the name, the description its role", () => {
    const c = only('"We will fund every lab," the Minister of Innovation, Navdeep Bains, said.');
    expect(c.speaker).toMatchObject({ name: "Navdeep Bains", role: "the Minister of Innovation" });
  });

  it("a clause about the quote ('a figure the union disputes') does not name its speaker", () => {
    const c = only(
      'Park claimed "bus delays have fallen by 40 percent since I took office", a figure the drivers\' union said was wrong.',
    );
    expect(c.speaker?.name).toBe("Park");
  });

  it("a description no name is found for is marked unresolved and kept below 0.5", () => {
    const c = only('"The ferry will run all winter," the harbour report said.');
    expect(c.speaker?.name).toBe("the harbour report");
    expect(c.speaker_resolved).toBe(false);
    expect(c.confidence).toBeLessThan(0.5);
  });

  it("a quote with no speaker at all is unresolved, below 0.5", () => {
    const c = only('The ferry timetable changed. "All winter, every hour."');
    expect(c.speaker).toBeNull();
    expect(c.speaker_resolved).toBe(false);
    expect(c.confidence).toBeLessThan(0.5);
  });

  it("gives a pronoun no speaker fits to the person named before who has not spoken, below the confident", () => {
    const found = extractClaims(
      'Ida Moss met Tom Reyes at the depot. "We agree on the budget," she said. "Not quite," he replied.',
    ).filter((c) => c.kind === "direct_quote");
    expect(found.map((c) => c.speaker?.name)).toEqual(["Ida Moss", "Tom Reyes"]);
    expect(found[1]?.confidence).toBeLessThan(found[0]?.confidence as number);
  });

  it("gives words described by what they are in to their author ('a statement from the Department of Labor')", () => {
    const c = only('"The figures speak for themselves," according to a statement from the Department of Labor.');
    expect(c.speaker?.name).toBe("Department of Labor");
    expect(c.speaker_resolved).toBe(true);
    // Without an author named, the description stays as written, unresolved.
    const unnamed = only('"We regret it," the statement said.');
    expect(unnamed.speaker_resolved).toBe(false);
    expect(unnamed.confidence).toBeLessThan(0.5);
  });

  it("takes an unnamed official as the speaker past ', speaking on condition of anonymity,', unresolved", () => {
    const c = only('A senior official, speaking on condition of anonymity, said "the talks have collapsed for good".');
    expect(c.speaker?.name).toBe("A senior official");
    expect(c.speaker_resolved).toBe(false);
  });

  it("gives 'the ministry', 'the company' to the body of that kind named before; 'the government' stays as written", () => {
    expect(
      only('The Interior Ministry ordered an inquiry. "Forty people were detained," the ministry said.').speaker?.name,
    ).toBe("Interior Ministry");
    expect(only('Acme Corp. cut 300 jobs on Monday. "Sales fell by half," the company said.').speaker?.name).toBe(
      "Acme Corp",
    );
    const unnamed = only('Ida Moss met the board. "We will appeal," the company said.');
    expect(unnamed.speaker?.name).toBe("the company");
    expect(unnamed.speaker_resolved).toBe(false);
    expect(only('The UK Government met. "We will act," the government said.').speaker_resolved).toBe(false);
  });

  it("takes a sentence opening 'The city's finance director, Omar Reyes, disputed that' as about Reyes, for the 'he' after it", () => {
    const found = extractClaims(
      'Council member Dee Park said "the budget hides a hole". The city\'s finance director, Omar Reyes, disputed that. "There is no hole," he said.',
    ).filter((c) => c.kind === "direct_quote");
    expect(found.map((c) => c.speaker?.name)).toEqual(["Dee Park", "Omar Reyes"]);
    expect(found[1]?.speaker?.role).toBe("The city's finance director");
  });

  it("keeps the office known for a surname over a relative clause ('Odinga, who lost the election, said')", () => {
    const c = only(
      'Opposition leader Raila Odinga blamed the government. Odinga, who lost the 2022 election, said the crisis was "entirely man-made".',
    );
    expect(c.speaker).toEqual({ name: "Raila Odinga", role: "Opposition leader" });
  });

  it("reads 'the Ohio Republican' as a description: the person last talked about when their role says so", () => {
    const [, described] = extractClaims(
      '"We will not fund it," said Tessa Marlow, an Ohio Republican who chairs the budget committee. The Ohio Republican added that the plan was "dead on arrival".',
    );
    expect(described?.text).toBe("dead on arrival");
    expect(described?.speaker).toMatchObject({ name: "Tessa Marlow" });
    expect(described?.confidence).toBeGreaterThanOrEqual(0.5);
    // A role that does not say so: left unresolved, below 0.5, never a person named "Ohio Republican".
    const unsaid = only(
      'Senator Tessa Marlow voted no on Friday. The Ohio Republican said the plan was "dead on arrival".',
    );
    expect(unsaid.speaker?.name).toBe("The Ohio Republican");
    expect(unsaid.speaker_resolved).toBe(false);
    expect(unsaid.confidence).toBeLessThan(0.5);
  });

  it("gives a report's opening description the person named just after in that role ('its finance minister', 'a freshman senator')", () => {
    expect(definiteDescription("Norway's finance minister")).toEqual({
      head: "minister",
      modifiers: ["finance"],
      proper: ["norway"],
    });
    const text =
      "Norway will sell its 12 percent stake in the mine, its finance minister said on Monday.\n\n" +
      '"We see no future for coal in the fund," Finance Minister Elin Dahl told reporters in Oslo.';
    const registry = new NameRegistry(text);
    const described = definiteDescription("its finance minister");
    expect(described && personNamedAfter(described, registry.introducedAfter(0, 600))?.name).toBe("Elin Dahl");
    // A minister of something else, or one named too far on, is not the one meant.
    const other = definiteDescription("its trade minister");
    expect(other && personNamedAfter(other, registry.introducedAfter(0, 600))).toBeNull();
    expect(registry.introducedAfter(0, 20)).toEqual([]);

    // An indefinite description in the first paragraph too ("a freshman senator" is "Sen. Ada Voss"), but
    // not further on, where "a senator" is someone new.
    const lede = extractClaims(
      "A freshman senator says she was shouted at by a colleague at a security checkpoint on Tuesday.\n\n" +
        '"He stood inches from my face," Sen. Ada Voss said on Wednesday.\n\n' +
        "A senator said the checkpoint had 14 officers on duty that day. Sen. Ed Moy was there too.",
    ).filter((c) => c.kind !== "direct_quote");
    expect(lede.map((c) => c.speaker?.name)).toEqual(["Ada Voss", "A senator"]);
    const lead = extractClaims(text).find((c) => c.kind !== "direct_quote");
    expect(lead?.text).toBe("Norway will sell its 12 percent stake in the mine");
    expect(lead?.speaker).toEqual({ name: "Elin Dahl", role: "Finance Minister" });
    expect(lead?.reasons.join("; ")).toContain('"its finance minister" resolved to Elin Dahl, named just after');
  });

  it("gives a pronoun the relative a sentence is about ('Doyle's son, Kevin, left …': Kevin Doyle), not the parent", () => {
    const cases: [string, string[], string | null][] = [
      [
        '"The quotas are killing us," said Ruth Carney, 61.\n\nCarney\'s daughter, Aoife, moved to Galway last year. "I miss the harbour," she said.',
        ["Ruth Carney", "Aoife Carney"],
        "Carney's daughter",
      ],
      // An honorific before the owner; the relative's "Mr." later is him, not her.
      [
        '"We lost the shop," said Vera Holt, 70.\n\nMs. Holt\'s husband, Dan, ran the till for 40 years. "Nobody came any more," Mr. Holt said.',
        ["Vera Holt", "Dan Holt"],
        "Ms. Holt's husband",
      ],
      // "His daughter, Gina,": the pronoun's person owns the relative.
      [
        '"We lost the shop," says Sal Moretti, 74.\n\nHis daughter, Gina, runs its website. "Half our orders come online," she says.',
        ["Sal Moretti", "Gina Moretti"],
        "Sal Moretti's daughter",
      ],
      // A partner's surname is not assumed.
      [
        '"We lost the shop," said Vera Holt, 70.\n\nHer partner, Dan, ran the till. "Nobody came any more," he said.',
        ["Vera Holt", "Dan"],
        "Vera Holt's partner",
      ],
    ];
    for (const [text, names, role] of cases) {
      const found = extractClaims(text);
      expect(found.map((c) => c.speaker?.name)).toEqual(names);
      expect(found[1]?.speaker?.role).toBe(role);
    }
  });

  it("reads a politician's home and party by the name ('(R-S.C.)', 'of Florida') for a description later", () => {
    expect(homesIn("Sen. Tara Vance (R-S.C.) and Rep. Ed Moy of New Mexico, a Democrat.")).toEqual(
      new Map([
        ["Vance", "republican south carolina"],
        ["Moy", "new mexico"],
      ]),
    );
    const found = extractClaims(
      'Sen. Tara Vance (R-S.C.) called the bill "a disaster". "It will not pass," said Rep. Ed Moy. The South Carolina Republican added that she had "the votes to stop it".',
    );
    expect(found.map((c) => c.speaker?.name)).toEqual(["Tara Vance", "Ed Moy", "Tara Vance"]);
  });
});
