// POST /import?match=true: each good row is matched against the claims already stored before
// the import files it, and the answer says which rows were checked before.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../demo";
import { api } from "./helpers";

beforeAll(async () => {
  await loadDemo(env.DB);
});

const ATTACKS = "insurgents had carried out 43 attacks on checkpoints in Helmand on Tuesday alone";

const row = (text: string, n: number) =>
  JSON.stringify({ text, speaker: { name: `Import Speaker ${n}` }, source: { publisher: "Import Wire" } });

async function importNdjson(lines: string[], query = "", headers: Record<string, string> = {}) {
  return api("POST", `/import${query}`, {
    body: `${lines.join("\n")}\n`,
    headers: { "content-type": "application/x-ndjson", ...headers },
  });
}

const count = async () => (await env.DB.prepare("SELECT count(*) AS n FROM claims").first<{ n: number }>())?.n ?? 0;

describe("POST /import?match=true", () => {
  it("reports, by line, the rows that match claims already stored, then files them all", async () => {
    const before = await count();
    const res = await importNdjson(
      [
        row("Insurgents carried out 43 attacks on checkpoints in Helmand on Tuesday", 1),
        row("Zebra crossings in Oslo will be painted purple next spring", 2),
        "{not json",
      ],
      "?match=true",
    );
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ created: 2, duplicates: 0, errors: [{ line: 3 }] });
    expect(res.json.matches.map((m: { line: number }) => m.line)).toEqual([1]);
    const first = res.json.matches[0].matches[0];
    expect(first.claim.text).toBe(ATTACKS);
    expect(first.claim.status).toBe("unverified");
    expect(first.score).toBeGreaterThanOrEqual(0.5);
    expect(first.reasons.map((r: { kind: string }) => r.kind)).toContain("same_numbers");
    // Matched against what was there before: the row does not match its own new claim.
    expect(
      res.json.matches[0].matches.map((m: { claim: { source: { publisher: string } } }) => m.claim.source.publisher),
    ).not.toContain("Import Wire");
    expect(await count()).toBe(before + 2);
  });

  it("answers as before without match=true", async () => {
    const res = await importNdjson([row("A bridge across the fjord opens in 2031", 3)]);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ created: 1, duplicates: 0, errors: [] });
  });

  it("refuses more than 500 good rows with match=true (413), filing none", async () => {
    const before = await count();
    const lines = Array.from({ length: 501 }, (_, i) => row(`Row number ${i} of a large matched import`, 10 + i));
    const res = await importNdjson(lines, "?match=true");
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    expect(res.json.detail).toMatch(/at most 500 rows/);
    expect(await count()).toBe(before);
  });

  it("refuses a bad match value, and keeps Idempotency-Key replays to the same query", async () => {
    expect((await importNdjson([row("x", 4)], "?match=yes")).status).toBe(400);
    const lines = [row("The tram line reaches the harbour in 2027", 5)];
    const key = { "idempotency-key": "import-match-key-1" };
    const first = await importNdjson(lines, "", key);
    expect(first.status).toBe(200);
    const other = await importNdjson(lines, "?match=true", key);
    expect(other.status).toBe(422);
  });
});
