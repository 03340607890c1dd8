// src/extract/speakers/registry.ts: the people an article introduces, for a bare or misspelt surname.
import { describe, expect, it } from "vitest";
import { NameRegistry, withinEdits } from "../../src/extract/speakers";

describe("name registry", () => {
  const text = "Talia Brook opened the fair. Later Omar Reyes spoke, then Dina Brook.";

  it("resolves a surname to the person of that name introduced last before it", () => {
    const registry = new NameRegistry(text);
    expect(registry.resolve("Brook", 30)?.name).toBe("Talia Brook");
    expect(registry.resolve("Brook", text.length)?.name).toBe("Dina Brook");
  });

  it("resolves a first name, and a surname misspelt by one letter", () => {
    const registry = new NameRegistry(text);
    expect(registry.resolve("Omar", text.length)?.name).toBe("Omar Reyes");
    expect(new NameRegistry("Marisa Hollings spoke.").resolve("Holling", 30)?.name).toBe("Marisa Hollings");
  });

  it("measures edits within a band", () => {
    expect(withinEdits("hollings", "holling", 1)).toBe(true);
    expect(withinEdits("reyes", "brook", 2)).toBe(false);
  });
});
