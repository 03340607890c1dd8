import { describe, expect, it } from "vitest";
import { api, attacksClaim } from "./helpers";

describe("speakers", () => {
  it("adds a speaker, refuses a duplicate with its id, and shows the track record by status", async () => {
    const made = await api("POST", "/speakers", {
      body: { name: "Zergai Ebadi", role: "Spokesman for the Uruzgan governor" },
    });
    expect(made.status).toBe(201);
    const dup = await api("POST", "/speakers", {
      body: { name: "zergai ebadi", role: "Spokesman for the Uruzgan governor" },
    });
    expect(dup.status).toBe(409);
    expect(dup.json.existing_id).toBe(made.json.id);
    const claim = await api("POST", "/claims", {
      body: {
        ...attacksClaim,
        text: "Unfortunately, six police were killed and seven wounded.",
        speaker: { id: made.json.id },
      },
    });
    await api("POST", `/claims/${claim.json.id}/reviews`, {
      body: { status: "unproven", rationale: "No independent count." },
      headers: { "if-match": '"1"' },
    });
    const got = await api("GET", `/speakers/${made.json.id}`);
    expect(got.status).toBe(200);
    expect(got.json.tally).toMatchObject({ unproven: 1, verified: 0, unverified: 0 });
    expect(got.json.claims.map((c: { id: string }) => c.id)).toEqual([claim.json.id]);
    const listed = await api("GET", "/speakers?name=Ebadi");
    expect(listed.json.data.map((s: { id: string }) => s.id)).toContain(made.json.id);
    expect((await api("GET", "/speakers/spk_nope")).status).toBe(404);
    expect((await api("POST", "/speakers", { body: { name: "X", kind: "robot" } })).status).toBe(422);
  });
});

describe("sources", () => {
  it("adds a source by canonical url, refuses a duplicate, and lists its claims", async () => {
    const made = await api("POST", "/sources", {
      body: { url: "HTTPS://Example.org/kunduz/?utm_medium=x", title: "Kunduz" },
    });
    expect(made.status).toBe(201);
    expect(made.json.url).toBe("https://example.org/kunduz");
    const dup = await api("POST", "/sources", { body: { url: "https://example.org/kunduz#comments" } });
    expect(dup.status).toBe(409);
    expect(dup.json.existing_id).toBe(made.json.id);
    const claim = await api("POST", "/claims", {
      body: { ...attacksClaim, text: "a claim in Kunduz", source: { id: made.json.id } },
    });
    const got = await api("GET", `/sources/${made.json.id}`);
    expect(got.json.claims.map((c: { id: string }) => c.id)).toEqual([claim.json.id]);
    expect((await api("POST", "/sources", { body: { author: "Jane Doe" } })).status).toBe(422);
    expect((await api("GET", "/sources/src_nope")).status).toBe(404);
  });

  it("pages the lists with next_cursor", async () => {
    for (let i = 0; i < 3; i++) await api("POST", "/sources", { body: { url: `https://example.org/page/${i}` } });
    const first = await api("GET", "/sources?limit=2");
    expect(first.json.data).toHaveLength(2);
    const second = await api("GET", `/sources?limit=2&cursor=${first.json.next_cursor}`);
    const ids = [...first.json.data, ...second.json.data].map((s: { id: string }) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
