import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/services/transfer/csv";
import { claimWithStatus } from "./claimreview-helpers";
import { api, tokenFor } from "./helpers";

const tricky = {
  text: 'He said "we will, never" leave',
  kind: "direct_quote",
  speaker: { name: "Ann Example", role: "Minister, Defence" },
  source: { url: "https://export.example.org/tricky", title: "Title, with comma", published_at: "2020-03-05" },
  context: "first line\nsecond line",
  reported_via: "told reporters",
  stated_at: "2020-03-04",
  tags: ["defence", "politics"],
};

let total = 0;
let verified = "";
let opinion = "";

beforeAll(async () => {
  // More claims than one export page (500), so the stream walks several keyset pages.
  const rows = Array.from({ length: 1_234 }, (_, i) => ({
    text: `exported claim number ${i}`,
    speaker: { name: "Export Speaker" },
    source: { url: `https://export.example.org/${i % 10}` },
  }));
  const imported = await api("POST", "/import", {
    body: rows.map((r) => JSON.stringify(r)).join("\n"),
    headers: { "content-type": "application/x-ndjson" },
  });
  expect(imported.json.created).toBe(1_234);
  expect((await api("POST", "/claims", { body: tricky })).status).toBe(201);
  verified = await claimWithStatus("verified", { text: "an exported verified claim" });
  opinion = await claimWithStatus("opinion", { text: "an exported opinion" });
  total = (await env.DB.prepare("SELECT count(*) AS n FROM claims").first<{ n: number }>())?.n ?? 0;
});

const download = (format: string, token?: string | null) => api("GET", `/export?format=${format}`, { token });

describe("GET /export", () => {
  it("streams every claim as NDJSON, oldest first", async () => {
    const res = await download("ndjson", await tokenFor("viewer"));
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="claimdesk-\d{4}-\d{2}-\d{2}\.ndjson"$/,
    );
    const lines = res.text.trimEnd().split("\n");
    expect(lines).toHaveLength(total);
    const claims = lines.map((line) => JSON.parse(line));
    expect(new Set(claims.map((c) => c.id)).size).toBe(total);
    expect(claims[0].text).toBe("exported claim number 0");
    expect(claims[1_233].text).toBe("exported claim number 1233");
    const one = (await api("GET", `/claims/${verified}`)).json;
    const { evidence: _evidence, repeat_of_claim: _of, repeats: _repeats, repeat_count: _count, ...asListed } = one;
    expect(claims.find((c) => c.id === verified)).toEqual(asListed);
  });

  it("writes CSV that parses back and imports again as duplicates", async () => {
    const res = await download("csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(res.headers.get("content-disposition")).toMatch(/filename="claimdesk-.*\.csv"$/);
    const [header, ...records] = parseCsv(res.text);
    expect(header?.fields).toEqual([
      "text",
      "kind",
      "speaker_name",
      "speaker_role",
      "source_url",
      "source_title",
      "source_publisher",
      "source_published_at",
      "context",
      "reported_via",
      "stated_at",
      "tags",
      "id",
      "status",
      "attribution",
      "rationale",
      "created_at",
    ]);
    expect(records).toHaveLength(total);
    const row = records.find((r) => r.fields[0] === tricky.text)?.fields;
    expect(row?.slice(0, 14)).toEqual([
      tricky.text,
      "direct_quote",
      "Ann Example",
      "Minister, Defence",
      tricky.source.url,
      "Title, with comma",
      "",
      "2020-03-05",
      "first line\nsecond line",
      "told reporters",
      "2020-03-04",
      "defence;politics",
      expect.stringMatching(/^clm_/),
      "unverified",
    ]);
    expect(records.find((r) => r.fields[12] === verified)?.fields[13]).toBe("verified");

    const again = await api("POST", "/import", { body: res.text, headers: { "content-type": "text/csv" } });
    expect(again.json).toEqual({ created: 0, duplicates: total, errors: [] });
  });

  it("exports the claims with a publishable verdict as a ClaimReview array when an admin asks for all", async () => {
    // The default holds published fact-checks only (test/api/publication.test.ts); none is here.
    expect(JSON.parse((await download("claimreview")).text)).toEqual([]);
    const res = await api("GET", "/export?format=claimreview&include=all");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/ld+json; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/filename="claimdesk-.*\.jsonld"$/);
    const reviews = JSON.parse(res.text);
    expect(reviews).toHaveLength(1);
    const single = await api("GET", `/claims/${verified}/claimreview`);
    expect(reviews[0]).toEqual(single.json);
    expect(reviews.some((r: { url: string }) => r.url.endsWith(opinion))).toBe(false);
  });

  it("answers 400 for a missing or unknown format, and 401 without a token", async () => {
    for (const path of ["/export", "/export?format=xml"]) {
      const res = await api("GET", path);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    expect((await download("ndjson", null)).status).toBe(401);
  });
});

describe("CSV export against spreadsheet formulas", () => {
  it("guards cells that start like a formula, and the import takes the guard off again", async () => {
    const body = {
      text: '=HYPERLINK("http://evil.example","click")',
      speaker: { name: "@someone", role: "-1 account" },
      source: { url: "https://example.org/formula", title: "+ breaking" },
    };
    const made = await api("POST", "/claims", { body });
    expect(made.status).toBe(201);
    const res = await download("csv");
    const row = parseCsv(res.text).find((r) => r.fields.includes(made.json.id));
    expect(row?.fields).toEqual(
      expect.arrayContaining([
        '\'=HYPERLINK("http://evil.example","click")',
        "'@someone",
        "'-1 account",
        "'+ breaking",
      ]),
    );
    for (const field of row?.fields ?? []) expect(field).not.toMatch(/^[=+\-@]/);
    const header = parseCsv(res.text)[0]?.fields.join(",") ?? "";
    const again = await api("POST", "/import", {
      body: `${header}\r\n${res.text.split("\r\n").find((l) => l.includes(made.json.id))}\r\n`,
      headers: { "content-type": "text/csv" },
    });
    expect(again.json).toMatchObject({ created: 0, duplicates: 1, errors: [] });
  });

  it("quotes every cell holding a semicolon, so no formula hides after one", async () => {
    const body = {
      text: "costs rose; =1+1 said the minister",
      speaker: { name: "Semi Colon", role: "a;=cmd|' /C calc'!A0" },
      source: { url: "https://example.org/semicolon", title: "one; two" },
      tags: ["=sum(a1)", "plain"],
    };
    const made = await api("POST", "/claims", { body });
    expect(made.status, made.text).toBe(201);
    const res = await download("csv");
    const line = res.text.split("\r\n").find((l) => l.includes(made.json.id)) ?? "";
    expect(line).toContain('"costs rose; =1+1 said the minister"');
    expect(line).toContain(`"a;=cmd|' /C calc'!A0"`);
    expect(line).toContain('"one; two"');
    expect(line).toContain(`"'=sum(a1);plain"`);
    expect(parseCsv(line)[0]?.fields.slice(0, 4)).toEqual([body.text, "direct_quote", "Semi Colon", body.speaker.role]);
  });
});
