import { describe, expect, it } from "vitest";
import { api, tokenFor } from "./helpers";

type Results = { results: { score: number; check_worthy: boolean }[] };

describe("POST /worthiness", () => {
  it("scores each text in the order given, for any role", async () => {
    const texts = [
      "The city cut $2 billion from its school budget in 2011, the largest cut in its history.",
      "Thank you, it is lovely to be here.",
      "Unemployment fell from 7.8 percent to 4.1 percent over four years.",
    ];
    const res = await api("POST", "/worthiness", { body: { texts }, token: await tokenFor("viewer") });
    expect(res.status, res.text).toBe(200);
    const { results } = res.json as Results;
    expect(results).toHaveLength(3);
    expect(results.map((r) => r.check_worthy)).toEqual([true, false, true]);
    for (const r of results) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(r.check_worthy).toBe(r.score >= 0.5);
    }
    // The same text answers the same score, alone or among others.
    const alone = await api("POST", "/worthiness", { body: { texts: [texts[2]] } });
    expect((alone.json as Results).results[0]).toEqual(results[2]);
  });

  it("takes 1 to 100 texts of 1 to 2,000 characters, and nothing else", async () => {
    expect((await api("POST", "/worthiness", { body: { texts: Array(100).fill("Taxes rose.") } })).status).toBe(200);
    const cases: [unknown, string][] = [
      [{ texts: [] }, "texts"],
      [{ texts: Array(101).fill("x") }, "texts"],
      [{ texts: ["a".repeat(2001)] }, "texts.0"],
      [{ texts: ["ok", ""] }, "texts.1"],
      [{ texts: [42] }, "texts.0"],
      [{ texts: "one text" }, "texts"],
      [{ text: ["x"] }, ""],
      [{ texts: ["x"], model: "big" }, ""],
    ];
    for (const [body, path] of cases) {
      const res = await api("POST", "/worthiness", { body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      if (path) expect(res.json.errors[0].path).toBe(path);
    }
    expect((await api("POST", "/worthiness", { body: { texts: ["a".repeat(2000)] } })).status).toBe(200);
  });

  it("needs a token", async () => {
    expect((await api("POST", "/worthiness", { body: { texts: ["x"] }, token: null })).status).toBe(401);
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await api("GET", "/openapi.json")).json;
    expect(doc.paths["/worthiness"].post.requestBody).toBeDefined();
    expect(doc.components.schemas.Worthiness).toBeDefined();
  });
});

describe("POST /extract", () => {
  it("gives every candidate its worthiness, the score POST /worthiness gives its text", async () => {
    const text =
      'The mayor, Ana Ruiz, said "we cut the waiting time for permits by half since 2021." ' +
      "Bus fares have gone up faster than wages over the past decade, transport director Omar Haddad said.";
    const res = await api("POST", "/extract", { body: { text } });
    const { candidates } = res.json as { candidates: { text: string; kind: string; worthiness: number }[] };
    expect(candidates.map((c) => c.kind)).toEqual(["direct_quote", "paraphrase"]);
    const scored = await api("POST", "/worthiness", { body: { texts: candidates.map((c) => c.text) } });
    expect(candidates.map((c) => c.worthiness)).toEqual((scored.json as Results).results.map((r) => r.score));
  });
});

describe("stored claims and the list by worthiness", () => {
  const file = async (text: string) => {
    const res = await api("POST", "/claims", {
      body: { text, speaker: { name: "Ana Ruiz" }, source: { title: "City hall briefing" } },
    });
    expect(res.status, res.text).toBe(201);
    return res.json as { id: string; worthiness: number | null };
  };

  it("keeps each claim's score and lists the most worth checking first, page by page", async () => {
    const texts = [
      "Thank you all for coming.",
      "The city cut $2 billion from its school budget in 2011.",
      "I think we can do better.",
      "Unemployment fell from 7.8 percent to 4.1 percent over four years.",
    ];
    const filed = [];
    for (const text of texts) filed.push(await file(text));
    const scored = (await api("POST", "/worthiness", { body: { texts } })).json as Results;
    expect(filed.map((c) => c.worthiness)).toEqual(scored.results.map((r) => r.score));
    // Most worth checking first; equal scores (both claims with figures may round to 1) newest first.
    const expected = filed
      .map((c, i) => ({ ...c, i }))
      .sort((a, b) => (b.worthiness ?? -1) - (a.worthiness ?? -1) || b.i - a.i)
      .map((c) => c.id);
    const seen: string[] = [];
    let cursor = "";
    for (let page = 0; page < 3 && (page === 0 || cursor); page++) {
      const res = await api("GET", `/claims?sort=worth&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status, res.text).toBe(200);
      seen.push(...res.json.data.map((c: { id: string }) => c.id));
      cursor = res.json.next_cursor ?? "";
    }
    expect(seen).toEqual(expected);
    // A cursor of another order is refused.
    const newest = await api("GET", "/claims?limit=1");
    expect((await api("GET", `/claims?sort=worth&cursor=${newest.json.next_cursor}`)).status).toBe(400);
    expect((await api("GET", "/claims?sort=best")).status).toBe(400);
  });
});

describe("an edited claim", () => {
  it("is scored again when its words change", async () => {
    const made = await api("POST", "/claims", {
      body: { text: "Thank you all for coming.", speaker: { name: "Ana Ruiz" }, source: { title: "Town hall" } },
    });
    const edited = await api("PATCH", `/claims/${made.json.id}`, {
      body: { text: "The city cut $2 billion from its school budget in 2011." },
      headers: { "if-match": made.headers.get("etag") ?? "" },
    });
    expect(edited.status, edited.text).toBe(200);
    const scored = await api("POST", "/worthiness", {
      body: { texts: ["The city cut $2 billion from its school budget in 2011."] },
    });
    expect(edited.json.worthiness).toBe((scored.json as Results).results[0]?.score);
    expect(edited.json.worthiness).toBeGreaterThan(made.json.worthiness);
  });
});
