// Issue 10: an export imported back creates nothing new, in every format the import reads:
// NDJSON (the export's own lines), a JSON array of those lines, and the CSV export.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../demo";
import { claimWithStatus } from "./claimreview-helpers";
import { api } from "./helpers";

const claimCount = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM claims").first<{ n: number }>())?.n ?? 0;
const sourceCount = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM sources").first<{ n: number }>())?.n ?? 0;

const importAs = (body: string, contentType: string) =>
  api("POST", "/import", { body, headers: { "content-type": contentType } });
const exported = async (format: "ndjson" | "csv") => {
  const res = await api("GET", `/export?format=${format}`);
  expect(res.status).toBe(200);
  return res.text;
};

let total = 0;

beforeAll(async () => {
  expect((await loadDemo(env.DB)).created).toBe(12);
  const rows = [
    // Title-only, publisher-only and linked sources; tags; a speaker of another kind; a dated source.
    { text: "title-only round trip 1", speaker: { name: "Round Trip" }, source: { title: "Bulletin", publisher: "R" } },
    { text: "title-only round trip 2", speaker: { name: "Round Trip" }, source: { title: "Bulletin" }, tags: ["x"] },
    {
      text: "publisher-only round trip",
      speaker: { name: "Ministry of Examples", kind: "organisation" },
      source: { publisher: "AFP", published_at: "2020-03-05" },
      reported_via: "told AFP",
      context: "The ministry told AFP: publisher-only round trip.",
      stated_at: "2020-03-04",
    },
    { text: "linked round trip", speaker: { name: "Round Trip", role: "r" }, source: { url: "https://rt.example/a" } },
  ];
  const made = await importAs(rows.map((r) => JSON.stringify(r)).join("\n"), "application/x-ndjson");
  expect(made.json).toEqual({ created: 4, duplicates: 0, errors: [] });
  // A claim with a verdict, evidence and a rationale: the export carries them, the import ignores them.
  await claimWithStatus("verified", { text: "a round-tripped verdict", source: { title: "Verdicts", publisher: "V" } });
  total = await claimCount();
  expect(total).toBe(17);
});

describe("export, then import the file back", () => {
  it("NDJSON: every line is a duplicate", async () => {
    const file = await exported("ndjson");
    const sources = await sourceCount();
    const res = await importAs(file, "application/x-ndjson");
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ created: 0, duplicates: total, errors: [] });
    expect(await claimCount()).toBe(total);
    expect(await sourceCount()).toBe(sources);
  });

  it("a JSON array of the exported claims: every item is a duplicate", async () => {
    const file = await exported("ndjson");
    const items = file
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    const res = await api("POST", "/import", { body: items });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ created: 0, duplicates: total, errors: [] });
    expect(await claimCount()).toBe(total);
  });

  it("CSV: every record is a duplicate", async () => {
    const file = await exported("csv");
    const sources = await sourceCount();
    const res = await importAs(file, "text/csv");
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ created: 0, duplicates: total, errors: [] });
    expect(await claimCount()).toBe(total);
    expect(await sourceCount()).toBe(sources);
  });

  it("moves between deployments: speaker and source ids in the file are not looked up", async () => {
    const [line] = (await exported("ndjson")).split("\n");
    const row = JSON.parse(line ?? "{}");
    const moved = {
      ...row,
      id: "clm_01ARZ3NDEKTSV4RRFFQ69G5FAV",
      text: `${row.text} (moved)`,
      speaker: { ...row.speaker, id: "spk_01ARZ3NDEKTSV4RRFFQ69G5FAV" },
      source: { ...row.source, id: "src_01ARZ3NDEKTSV4RRFFQ69G5FAV" },
    };
    const res = await importAs(JSON.stringify(moved), "application/x-ndjson");
    expect(res.json).toEqual({ created: 1, duplicates: 0, errors: [] });
    const stored = await env.DB.prepare("SELECT speaker_id, source_id, status FROM claims WHERE text = ?")
      .bind(moved.text)
      .first();
    // Found by name and role, by title and publisher; the export's status is not imported.
    expect(stored).toEqual({ speaker_id: row.speaker.id, source_id: row.source.id, status: "unverified" });
  });

  it("still refuses unknown fields, in an ordinary row and in an export row", async () => {
    const [line] = (await exported("ndjson")).split("\n");
    const row = JSON.parse(line ?? "{}");
    const plain = { text: "an ordinary row", speaker: { name: "X" }, source: { title: "T" } };
    const res = await importAs(
      [
        { ...plain, status: "verified" },
        { ...plain, id: "my-own-id" },
        { ...row, text: "an export row with an extra field", surprise: 1 },
        { ...row, text: "an export row with an extra source field", source: { ...row.source, colour: "red" } },
      ]
        .map((r) => JSON.stringify(r))
        .join("\n"),
      "application/x-ndjson",
    );
    expect(res.json.created).toBe(0);
    expect(res.json.errors).toEqual([
      { line: 1, problem: "unknown field: status" },
      { line: 2, problem: "unknown field: id" },
      { line: 3, problem: "unknown field: surprise" },
      { line: 4, problem: "source: unknown field: colour" },
    ]);
  });
});
