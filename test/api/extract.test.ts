import { describe, expect, it } from "vitest";
import article from "../../src/db/demo/article-2020-03-05-kunduz.txt?raw";
import { api, tokenFor } from "./helpers";

describe("POST /extract", () => {
  it("proposes the seed article's claims with speakers and offsets into the text, storing nothing", async () => {
    const res = await api("POST", "/extract", { body: { text: article, source: { publisher: "AFP" } } });
    expect(res.status).toBe(200);
    const { candidates } = res.json as {
      candidates: { text: string; kind: string; start: number; end: number; speaker: { name: string } | null }[];
    };
    for (const c of candidates) expect(article.slice(c.start, c.end)).toBe(c.text);
    const attacks = candidates.find((c) => c.text.includes("43 attacks"));
    expect(attacks).toMatchObject({ kind: "statistic", speaker: { name: "Sonny Leggett" } });
    const defensive = candidates.find((c) => c.text.startsWith("This was a defensive strike"));
    expect(defensive?.speaker?.name).toBe("Sonny Leggett");
    expect(candidates.filter((c) => c.kind === "direct_quote").length).toBeGreaterThanOrEqual(8);
    expect(candidates.map((c) => c.start)).toEqual([...candidates.map((c) => c.start)].sort((a, b) => a - b));
    expect((await api("GET", "/claims?q=defensive")).json.data).toEqual([]);
  });

  it("says whether each speaker is resolved, and keeps an unresolved one below 0.5", async () => {
    const text =
      'Mayor Linda Park met the press. "The ferry will run all winter," her statement said.\n\n' +
      '"Fares will double," the harbour report said.';
    const res = await api("POST", "/extract", { body: { text } });
    expect(res.status).toBe(200);
    const { candidates } = res.json as {
      candidates: { speaker: { name: string } | null; speaker_resolved: boolean; confidence: number }[];
    };
    expect(candidates.map((c) => [c.speaker?.name, c.speaker_resolved])).toEqual([
      ["Linda Park", true],
      ["the harbour report", false],
    ]);
    expect(candidates[1]?.confidence).toBeLessThan(0.5);
  });

  it("refuses an article over 200,000 characters, an empty one and unknown fields", async () => {
    const long = await api("POST", "/extract", { body: { text: "a".repeat(200_001) } });
    expect(long.status).toBe(422);
    expect(long.json.errors[0].path).toBe("text");
    expect((await api("POST", "/extract", { body: { text: "" } })).status).toBe(422);
    expect((await api("POST", "/extract", { body: { text: "x", model: "gpt" } })).status).toBe(422);
  });

  it("is for reviewers", async () => {
    expect((await api("POST", "/extract", { body: { text: "x" }, token: await tokenFor("viewer") })).status).toBe(403);
  });
});
