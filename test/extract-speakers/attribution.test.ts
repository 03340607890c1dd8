// src/extract/speakers/attribution.ts: where a quote's speaker is written.
import { describe, expect, it } from "vitest";
import {
  attributionAfter,
  attributionBefore,
  bylineAfter,
  colonIntroduction,
  invertedBefore,
} from "../../src/extract/speakers";

describe("attributions", () => {
  it("reads ', said X' and ', X said' after a quote", () => {
    expect(attributionAfter(" said Omar Reyes, a councillor.")?.phrase).toMatchObject({ name: "Omar Reyes" });
    expect(attributionAfter(" the Minister of Innovation, Navdeep Bains, said.")?.phrase).toMatchObject({
      name: "Navdeep Bains",
    });
  });

  it("reads an inverted cue before the quote past the speaker's apposition ('Said Ida Morrow, who …, \"…\"')", () => {
    expect(invertedBefore("The museum opened. Said Ida Morrow, who grew up two doors away, ")?.phrase).toMatchObject({
      name: "Ida Morrow",
      role: "who grew up two doors away",
    });
    expect(invertedBefore("The museum opened. Said Ida Morrow, ")?.phrase).toMatchObject({ name: "Ida Morrow" });
  });

  it("gives no speaker to a cue inside a clause about the quote", () => {
    const found = attributionAfter(", a figure the bus drivers' union said was too low.", true);
    expect(found === null || !("name" in found.phrase) || !found.phrase.name.includes("figure")).toBe(true);
  });

  it("reads 'X said:' and 'according to X' before a quote", () => {
    expect(attributionBefore("Later Talia Brook said: ")?.phrase).toMatchObject({ name: "Talia Brook" });
    expect(attributionBefore("According to the harbour master, ")?.cue).toBe("according to");
  });

  it("reads a byline and a colon introduction", () => {
    expect(bylineAfter(" — Omar Reyes, Ward 4")?.phrase).toMatchObject({ name: "Omar Reyes" });
    expect(colonIntroduction("Talia Brook was blunt: ")?.phrase).toMatchObject({ name: "Talia Brook" });
  });
});
