// src/extract/speakers/attribution.ts: where a quote's speaker is written.
import { describe, expect, it } from "vitest";
import { attributionAfter, attributionBefore, bylineAfter, colonIntroduction } from "../../src/extract/speakers";

describe("attributions", () => {
  it("reads ', said X' and ', X said' after a quote", () => {
    expect(attributionAfter(" said Omar Reyes, a councillor.")?.phrase).toMatchObject({ name: "Omar Reyes" });
    expect(attributionAfter(" the Minister of Innovation, Navdeep Bains, said.")?.phrase).toMatchObject({
      name: "Navdeep Bains",
    });
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
