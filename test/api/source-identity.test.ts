// Issue 10: a source without a url is found again by its normalised title and publisher (and
// published date when given), and a publisher alone names a source ("told AFP").
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api } from "./helpers";

const count = async (sql: string, ...binds: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...binds)
      .first<{ n: number }>()
  )?.n;

const claim = (text: string, source: Record<string, unknown>) => ({
  text,
  speaker: { name: "Identity Speaker", role: "spokesman" },
  source,
});

const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join("\n");

describe("sources without a url", () => {
  it("finds a title-and-publisher source again: the same claim twice is a 409, not a second claim", async () => {
    const source = { title: "Evening bulletin", publisher: "Radio Example" };
    const first = await api("POST", "/claims", { body: claim("the bridge will reopen in May", source) });
    expect(first.status, first.text).toBe(201);
    const again = await api("POST", "/claims", { body: claim("the bridge will reopen in May", source) });
    expect(again.status, again.text).toBe(409);
    expect(again.json.existing_id).toBe(first.json.id);
    expect(await count("SELECT count(*) AS n FROM sources WHERE title = 'Evening bulletin'")).toBe(1);
  });

  it("normalises title and publisher as the rest of the domain does (case, quotes, dashes, spaces)", async () => {
    const first = await api("POST", "/claims", {
      body: claim("tariffs will rise", { title: "The ‘Big’ Interview — Part 1", publisher: "Example  TV" }),
    });
    expect(first.status).toBe(201);
    const other = await api("POST", "/claims", {
      body: claim("tariffs will fall", { title: "  the 'big' INTERVIEW - part 1", publisher: "example tv " }),
    });
    expect(other.status).toBe(201);
    expect(other.json.source.id).toBe(first.json.source.id);
    // The first spelling is the one kept.
    expect(other.json.source.title).toBe("The ‘Big’ Interview — Part 1");
  });

  it("tells sources apart by their published date when one is given", async () => {
    const monday = await api("POST", "/claims", {
      body: claim("a dated claim", { title: "Daily briefing", publisher: "Ministry", published_at: "2024-01-01" }),
    });
    const tuesday = await api("POST", "/claims", {
      body: claim("a dated claim", { title: "Daily briefing", publisher: "Ministry", published_at: "2024-01-02" }),
    });
    const undated = await api("POST", "/claims", {
      body: claim("a dated claim", { title: "Daily briefing", publisher: "Ministry" }),
    });
    expect([monday.status, tuesday.status, undated.status]).toEqual([201, 201, 201]);
    expect(new Set([monday.json.source.id, tuesday.json.source.id, undated.json.source.id]).size).toBe(3);
    const mondayAgain = await api("POST", "/claims", {
      body: claim("another dated claim", {
        title: "daily briefing",
        publisher: "MINISTRY",
        published_at: "2024-01-01",
      }),
    });
    expect(mondayAgain.json.source.id).toBe(monday.json.source.id);
  });

  it("accepts a source named by its publisher alone, and finds it again", async () => {
    const told = await api("POST", "/claims", {
      body: { ...claim("six police were killed", { publisher: "AFP" }), reported_via: "told AFP" },
    });
    expect(told.status, told.text).toBe(201);
    expect(told.json.source).toMatchObject({ url: null, title: null, publisher: "AFP" });
    const again = await api("POST", "/claims", {
      body: { ...claim("the checkpoint was attacked at night", { publisher: "afp" }), reported_via: "told AFP" },
    });
    expect(again.status).toBe(201);
    expect(again.json.source.id).toBe(told.json.source.id);
    const dup = await api("POST", "/claims", {
      body: { ...claim("six police were killed", { publisher: "AFP" }), reported_via: "told AFP" },
    });
    expect(dup.status).toBe(409);
  });

  it("still refuses a source with neither url, title nor publisher", async () => {
    const res = await api("POST", "/claims", { body: claim("nowhere", { author: "Someone" }) });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([
      { path: "source", message: "give either the id of an existing source, or its url, title or publisher" },
    ]);
    const blank = await api("POST", "/sources", { body: { title: " ", publisher: "" } });
    expect(blank.status).toBe(422);
  });

  it("keeps a url source apart from a url-less one with the same title and publisher", async () => {
    const linked = await api("POST", "/claims", {
      body: claim("a linked claim", { url: "https://identity.example.org/a", title: "Same title", publisher: "P" }),
    });
    const unlinked = await api("POST", "/claims", {
      body: claim("a linked claim", { title: "Same title", publisher: "P" }),
    });
    expect([linked.status, unlinked.status]).toEqual([201, 201]);
    expect(unlinked.json.source.id).not.toBe(linked.json.source.id);
    const second = await api("POST", "/claims", {
      body: claim("another linked claim", { url: "https://identity.example.org/a#x", title: "Other" }),
    });
    expect(second.json.source.id).toBe(linked.json.source.id);
  });

  it("POST /sources answers 409 with the existing id for a title-and-publisher duplicate", async () => {
    const made = await api("POST", "/sources", { body: { title: "Press conference", publisher: "Police" } });
    expect(made.status, made.text).toBe(201);
    const dup = await api("POST", "/sources", { body: { title: "PRESS conference", publisher: "police" } });
    expect(dup.status).toBe(409);
    expect(dup.json.existing_id).toBe(made.json.id);
    expect(dup.json.detail).toContain(made.json.id);
    const byPublisher = await api("POST", "/sources", { body: { publisher: "Reuters" } });
    expect(byPublisher.status, byPublisher.text).toBe(201);
    const again = await api("POST", "/sources", { body: { publisher: "REUTERS" } });
    expect(again.status).toBe(409);
    expect(again.json.existing_id).toBe(byPublisher.json.id);
  });

  it("imports the same title-only rows twice without creating anything the second time", async () => {
    const rows = [1, 2, 3].map((i) => claim(`title-only import row ${i}`, { title: "Wire copy", publisher: "Wire" }));
    const post = () =>
      api("POST", "/import", { body: ndjson(rows), headers: { "content-type": "application/x-ndjson" } });
    expect((await post()).json).toEqual({ created: 3, duplicates: 0, errors: [] });
    expect((await post()).json).toEqual({ created: 0, duplicates: 3, errors: [] });
    expect(await count("SELECT count(*) AS n FROM claims WHERE text LIKE 'title-only import row %'")).toBe(3);
    expect(await count("SELECT count(*) AS n FROM sources WHERE title = 'Wire copy'")).toBe(1);
  });
});
