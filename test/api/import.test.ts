import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, attacksClaim, tokenFor } from "./helpers";

const count = async (sql: string, ...binds: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...binds)
      .first<{ n: number }>()
  )?.n;

const row = (i: number, extra: Record<string, unknown> = {}) => ({
  text: `import row ${i} said the figure was ${i}`,
  speaker: { name: "Import Speaker", role: "spokesman" },
  source: { url: "https://news.example.org/import/1", title: "Import article" },
  ...extra,
});

const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join("\n");
const post = (body: string, contentType: string, token?: string | null) =>
  api("POST", "/import", { body, headers: { "content-type": contentType }, token });

describe("POST /import", () => {
  it("imports NDJSON (both media types) and reports what it created", async () => {
    const res = await post(ndjson([row(1), row(2)]), "application/x-ndjson");
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ created: 2, duplicates: 0, errors: [] });
    const again = await post(`${JSON.stringify(row(3))}\r\n`, "application/ndjson; charset=utf-8");
    expect(again.json).toEqual({ created: 1, duplicates: 0, errors: [] });
    const list = await api("GET", "/claims?q=import+row");
    expect(list.json.data).toHaveLength(3);
    // One speaker and one source were found or created for all three rows, each with its event.
    expect(await count("SELECT count(DISTINCT speaker_id) AS n FROM claims WHERE text LIKE 'import row %'")).toBe(1);
    expect(await count("SELECT count(DISTINCT source_id) AS n FROM claims WHERE text LIKE 'import row %'")).toBe(1);
    expect(
      await count(
        "SELECT count(*) AS n FROM claim_events e JOIN claims c ON c.id = e.claim_id WHERE c.text LIKE 'import row %' AND e.action = 'created'",
      ),
    ).toBe(3);
  });

  it("imports a JSON array, with tags and the importer as actor", async () => {
    const reviewer = await tokenFor("reviewer", "newsroom importer");
    const res = await api("POST", "/import", { body: [row(10, { tags: ["a", "b"] }), attacksClaim], token: reviewer });
    expect(res.json).toEqual({ created: 2, duplicates: 0, errors: [] });
    const tagged = await api("GET", "/claims?tag=b");
    expect(tagged.json.data.map((c: { text: string }) => c.text)).toEqual([row(10).text]);
    expect(tagged.json.data[0].created_by).toBe("newsroom importer");
  });

  it("imports CSV with quoted commas, quotes and newlines, and reports CSV line numbers", async () => {
    const csv = [
      "text,kind,speaker_name,speaker_role,source_url,source_title,source_publisher,source_published_at,context,reported_via,stated_at,tags",
      '"We will, he said, ""never"" leave",direct_quote,Ann Example,"Minister, Defence",https://csv.example.org/a,A title,CSV Times,2020-03-05,"line one',
      'line two",told reporters,2020-03-04,defence; politics ',
      "a statistic of 43 attacks,statistic,,,https://csv.example.org/b,,,,,,,",
      "",
      "an opinion,,Bob Example,,,Only a title,,,,,,",
    ].join("\r\n");
    const res = await post(csv, "text/csv");
    expect(res.status, res.text).toBe(200);
    expect(res.json.created).toBe(2);
    expect(res.json.errors).toEqual([{ line: 4, problem: expect.stringContaining("speaker") }]);
    const quoted = (await api("GET", "/claims?tag=politics")).json.data[0];
    expect(quoted).toMatchObject({
      text: 'We will, he said, "never" leave',
      kind: "direct_quote",
      speaker: { name: "Ann Example", role: "Minister, Defence" },
      source: {
        url: "https://csv.example.org/a",
        title: "A title",
        publisher: "CSV Times",
        published_at: "2020-03-05",
      },
      context: "line one\r\nline two",
      reported_via: "told reporters",
      stated_at: "2020-03-04",
      tags: ["defence", "politics"],
    });
  });

  it("lands good rows and reports each bad one by its line", async () => {
    const lines = [
      JSON.stringify(row(20)),
      "{not json",
      JSON.stringify(row(21, { colour: "red" })),
      "",
      JSON.stringify({ text: "no speaker here", source: { title: "t" } }),
      JSON.stringify(row(22, { text: "x".repeat(5_001) })),
      JSON.stringify(row(23, { source: { url: "ftp://example.org/file" } })),
      JSON.stringify(row(24)),
      "[1, 2]",
    ];
    const res = await post(lines.join("\n"), "application/x-ndjson");
    expect(res.status, res.text).toBe(200);
    expect(res.json.created).toBe(2);
    expect(res.json.duplicates).toBe(0);
    expect(res.json.errors).toEqual([
      { line: 2, problem: expect.stringContaining("not valid JSON") },
      { line: 3, problem: "unknown field: colour" },
      { line: 5, problem: expect.stringMatching(/^speaker: /) },
      { line: 6, problem: "text: at most 5000 characters" },
      { line: 7, problem: "source.url: must be an absolute http:// or https:// url" },
      { line: 9, problem: expect.stringContaining("expected object") },
    ]);
    expect(await count("SELECT count(*) AS n FROM claims WHERE text IN (?, ?)", row(20).text, row(24).text)).toBe(2);
  });

  it("numbers JSON array rows from 1", async () => {
    const res = await api("POST", "/import", { body: [row(30), { text: "" }, row(31)] });
    expect(res.json.created).toBe(2);
    expect(res.json.errors.map((e: { line: number }) => e.line)).toEqual([2]);
  });

  it("stores 1,000 rows across many batches", async () => {
    const rows = Array.from({ length: 1_000 }, (_, i) =>
      row(1_000 + i, { source: { url: `https://bulk.example.org/${i % 37}` }, tags: [`bulk${i % 3}`] }),
    );
    const res = await post(ndjson(rows), "application/x-ndjson");
    expect(res.json).toEqual({ created: 1_000, duplicates: 0, errors: [] });
    expect(await count("SELECT count(*) AS n FROM claims WHERE text LIKE 'import row 1___ %'")).toBe(1_000);
    expect(await count("SELECT count(*) AS n FROM sources WHERE url LIKE 'https://bulk.example.org/%'")).toBe(37);
    expect(await count("SELECT count(*) AS n FROM claim_tags WHERE tag LIKE 'bulk%'")).toBe(1_000);
  });

  it("counts duplicates within the file and against existing claims", async () => {
    expect((await api("POST", "/claims", { body: row(40) })).status).toBe(201);
    const res = await post(ndjson([row(40), row(41), row(41), row(42)]), "application/x-ndjson");
    expect(res.json).toEqual({ created: 2, duplicates: 2, errors: [] });
    expect(await count("SELECT count(*) AS n FROM claims WHERE text = ?", row(41).text)).toBe(1);
  });

  it("reports a row the database refuses and leaves nothing of it behind", async () => {
    const bad = row(51, { speaker: { id: "spk_nope" }, source: { url: "https://orphan.example.org/x" } });
    const res = await post(ndjson([row(50), bad, row(52)]), "application/x-ndjson");
    expect(res.status, res.text).toBe(200);
    expect(res.json.created).toBe(2);
    expect(res.json.errors).toEqual([{ line: 2, problem: "no speaker or source with the id spk_nope" }]);
    expect(await count("SELECT count(*) AS n FROM sources WHERE url = 'https://orphan.example.org/x'")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM claims WHERE text = ?", bad.text)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM claim_events WHERE data LIKE ?", `%${bad.text}%`)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM claims WHERE text IN (?, ?)", row(50).text, row(52).text)).toBe(2);
  });

  it("refuses what it cannot read as a whole", async () => {
    const unsupported = await post("text,kind", "text/plain");
    expect(unsupported.status).toBe(415);
    expect(unsupported.headers.get("content-type")).toBe("application/problem+json");

    const notArray = await api("POST", "/import", { body: { text: "one claim, not an array" } });
    expect(notArray.status).toBe(422);
    const malformed = await post("[{", "application/json");
    expect(malformed.status).toBe(400);

    const badHeader = await post("text,speaker,colour\na,b,c", "text/csv");
    expect(badHeader.status).toBe(422);
    expect(badHeader.json.errors).toEqual([
      { path: "speaker", message: "unknown column" },
      { path: "colour", message: "unknown column" },
    ]);
  });

  it("takes at most 10,000 rows per request", async () => {
    const before = await count("SELECT count(*) AS n FROM claims");
    const rows = Array.from({ length: 10_001 }, (_, i) => JSON.stringify(row(100_000 + i)));
    const res = await post(rows.join("\n"), "application/x-ndjson");
    expect(res.status).toBe(413);
    expect(res.json.detail).toContain("at most 10,000 rows");
    expect(await count("SELECT count(*) AS n FROM claims")).toBe(before);
  });

  it("accepts bodies over 1 MB on /import only, up to 16 MB", async () => {
    const big = ndjson(Array.from({ length: 3 }, (_, i) => row(60 + i, { context: "c".repeat(9_000) })));
    const padded = `${big}\n${" ".repeat(1_100_000)}\n`;
    expect((await post(padded, "application/x-ndjson")).json.created).toBe(3);
    const elsewhere = await api("POST", "/claims", { body: `${JSON.stringify(row(70))}${" ".repeat(1_100_000)}` });
    expect(elsewhere.status).toBe(413);
    const tooBig = await post(" ".repeat(16 * 1024 * 1024 + 1), "application/x-ndjson");
    expect(tooBig.status).toBe(413);
  });

  it("needs the reviewer role", async () => {
    const viewer = await tokenFor("viewer");
    expect((await post(ndjson([row(80)]), "application/x-ndjson", viewer)).status).toBe(403);
    expect((await post(ndjson([row(80)]), "application/x-ndjson", null)).status).toBe(401);
  });

  it("is documented, with the row schema the body refers to", async () => {
    const doc = (await api("GET", "/openapi.json", { token: null })).json;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/import", "/export", "/claims/{id}/claimreview"]));
    expect(doc.paths["/import"].post.requestBody.content["application/json"].schema.items).toEqual({
      anyOf: [{ $ref: "#/components/schemas/NewClaim" }, { $ref: "#/components/schemas/Claim" }],
    });
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["NewClaim", "Claim", "ClaimReview"]));
    expect(doc.paths["/import"].post.description).toContain("Without one it is found by its `title` and `publisher`");
  });
});
