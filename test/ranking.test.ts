// The importer's ranking and default ticks (src/domain/ranking.ts), shared by POST /extract and /import.
import { describe, expect, it } from "vitest";
import { isResolvedName, promise, rankOrder, ranks, TICK_CONFIDENCE, tickable } from "../src/domain/ranking";

describe("isResolvedName", () => {
  it.each([
    "Navdeep Bains",
    "Minister of Innovation Navdeep Bains",
    "Ursula von der Leyen",
    "Bashar al-Assad",
    "Conan O'Brien",
    "J. K. Rowling",
    "AFP",
    "Ministry of Defence",
    "Jean-Luc Mélenchon",
  ])("%s is a name", (name) => {
    expect(isResolvedName(name)).toBe(true);
  });

  it.each([
    "her statement",
    "his spokesman",
    "the report",
    "of Innovation",
    "a figure the police union",
    "The minister",
    "they",
    "He",
    "police",
    "city officials",
    "Smith said",
    "",
    "   ",
    null,
    undefined,
  ])("%s is not", (name) => {
    expect(isResolvedName(name)).toBe(false);
  });
});

describe("the ranking", () => {
  const c = (worthiness: number, confidence: number, start: number) => ({ worthiness, confidence, start });

  it("puts worth-checking, confidently attributed candidates first; earlier first among equals", () => {
    const list = [c(0.9, 0.4, 0), c(0.8, 0.9, 10), c(0.2, 0.95, 20), c(0.8, 0.9, 5)];
    expect(rankOrder(list)).toEqual([3, 1, 0, 2]);
    expect(ranks(list)).toEqual([3, 2, 4, 1]);
    expect(promise(list[1] as ReturnType<typeof c>)).toBeCloseTo(0.72);
  });

  it("ranks an empty list", () => {
    expect(ranks([])).toEqual([]);
  });
});

describe("tickable", () => {
  it("needs a resolved name and the documented confidence", () => {
    expect(tickable({ confidence: TICK_CONFIDENCE, speaker: { name: "Ana Ruiz" } })).toBe(true);
    expect(tickable({ confidence: 0.95, speaker: { name: "a figure the police union" } })).toBe(false);
    expect(tickable({ confidence: 0.49, speaker: { name: "Ana Ruiz" } })).toBe(false);
    expect(tickable({ confidence: 0.9, speaker: null })).toBe(false);
  });
});
