// src/extract/speakers/names.ts: the capitalised runs of a phrase and the names read from them.
import { describe, expect, it } from "vitest";
import { capitalRuns, nameFromRun, surnameOf, wordCount } from "../../src/extract/speakers";

const run = (phrase: string) => capitalRuns(phrase).at(-1)?.run ?? [];

describe("names", () => {
  it("reads a place named by its kind as no person ('the Coral Sea'), a surname like 'Lake' still as one", () => {
    expect(nameFromRun(run("The Coral Sea"))).toMatchObject({ name: "Coral Sea", person: false });
    expect(nameFromRun(run("Orange County"))).toMatchObject({ person: false });
    expect(nameFromRun(run("Ricki Lake"))).toMatchObject({ name: "Ricki Lake", person: true });
  });

  it("keeps a title's 'of' phrase in the title, and the name after it whole", () => {
    expect(nameFromRun(run("Minister of Innovation Navdeep Bains"))).toEqual({
      name: "Navdeep Bains",
      title: "Minister of Innovation",
      person: true,
    });
  });

  it("reads no name from a title with its 'of' phrase alone", () => {
    expect(nameFromRun(run("the Minister of Innovation"))).toBeNull();
  });

  it("keeps an organisation's 'of' whole and a three-part name whole", () => {
    expect(nameFromRun(run("the Department of Fisheries"))).toMatchObject({
      name: "Department of Fisheries",
      person: false,
    });
    expect(nameFromRun(run("Anna Maria Lindqvist"))?.name).toBe("Anna Maria Lindqvist");
  });

  it("keeps 'and' inside a body's 'of' phrase, never between a title and a person", () => {
    expect(nameFromRun(run("according to the Office of Budget and Planning"))).toMatchObject({
      name: "Office of Budget and Planning",
      person: false,
    });
    expect(nameFromRun(run("the Department of Parks and Recreation"))?.name).toBe("Department of Parks and Recreation");
    expect(capitalRuns("Secretary of State Ada Voss and Dan Roe").map((r) => r.run.join(" "))).toEqual([
      "Secretary of State Ada Voss",
      "Dan Roe",
    ]);
    expect(capitalRuns("the Board of Trade and the mayor").map((r) => r.run.join(" "))).toEqual(["Board of Trade"]);
  });

  it("keeps a title's words between its title word and the name ('Chief Executive Officer Dana Whitfield')", () => {
    expect(nameFromRun(run("Chief Executive Officer Dana Whitfield"))).toEqual({
      name: "Dana Whitfield",
      title: "Chief Executive Officer",
      person: true,
    });
    expect(nameFromRun(run("Foreign Minister Abbas Araqchi"))?.title).toBe("Foreign Minister");
  });

  it("ends a run at a possessive and a comma", () => {
    const runs = capitalRuns("Talia Brook's aide, Omar Reyes");
    expect(runs.map((r) => r.run.join(" "))).toEqual(["Talia Brook", "Omar Reyes"]);
    expect(runs[0]?.possessive).toBe(true);
  });

  it("counts words and finds a surname without arrays", () => {
    expect(wordCount("  three  small words ")).toBe(3);
    expect(surnameOf("Omar Reyes")).toBe("Reyes");
  });
});
