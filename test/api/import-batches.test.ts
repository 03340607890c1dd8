// The import stores many rows per batch (speakers and sources found or created once, the claims in
// a few statements): what lands must be exactly what row-by-row storing would have left.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api } from "./helpers";

const count = async (sql: string, ...binds: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...binds)
      .first<{ n: number }>()
  )?.n;

describe("POST /import in batches", () => {
  it("lands 2,500 rows over many speakers and sources, each with its tags and event; refused rows leave nothing", async () => {
    const bad = new Set([7, 999, 1000, 1001, 2400]);
    const rows = Array.from({ length: 2_500 }, (_, i) => {
      const j = i % 2_450; // the last 50 rows repeat the first 50
      const base = {
        text: `batched row ${j} says ${j}`,
        speaker: { name: `Batch Speaker ${j % 130}`, role: j % 2 === 0 ? "spokesman" : null },
        source: { url: `https://batch.example.org/${j % 170}`, title: `Batch ${j % 170}` },
        tags: [`batch${j % 4}`, "batched"],
      };
      if (bad.has(i))
        return {
          ...base,
          text: `refused row ${i}`,
          speaker: { id: "spk_none" },
          source: { url: `https://orphan.example.org/${i}` },
        };
      return base;
    });
    // The repeats of refused rows are new rows, not duplicates.
    const repeatsOfBad = [...bad].filter((i) => i < 50).length;
    const res = await api("POST", "/import", {
      body: rows.map((r) => JSON.stringify(r)).join("\n"),
      headers: { "content-type": "application/x-ndjson" },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.errors).toEqual(
      [...bad].map((i) => ({ line: i + 1, problem: "no speaker or source with the id spk_none" })),
    );
    expect(res.json.duplicates).toBe(50 - repeatsOfBad);
    expect(res.json.created).toBe(2_500 - bad.size - (50 - repeatsOfBad));

    const created = res.json.created as number;
    expect(await count("SELECT count(*) AS n FROM claims WHERE text LIKE 'batched row %'")).toBe(created);
    expect(
      await count(
        "SELECT count(*) AS n FROM claim_events e JOIN claims c ON c.id = e.claim_id WHERE c.text LIKE 'batched row %' AND e.action = 'created'",
      ),
    ).toBe(created);
    expect(await count("SELECT count(*) AS n FROM claim_tags WHERE tag = 'batched'")).toBe(created);
    expect(await count("SELECT count(*) AS n FROM claim_tags WHERE tag LIKE 'batch_'")).toBe(created);
    expect(await count("SELECT count(*) AS n FROM speakers WHERE name LIKE 'Batch Speaker %'")).toBe(130);
    expect(await count("SELECT count(*) AS n FROM sources WHERE url LIKE 'https://batch.example.org/%'")).toBe(170);
    expect(await count("SELECT count(*) AS n FROM sources WHERE url LIKE 'https://orphan.example.org/%'")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM claims WHERE text LIKE 'refused row %'")).toBe(0);
    // Each claim has the speaker and source its row named.
    const wrong = await count(
      `SELECT count(*) AS n FROM claims c JOIN speakers sp ON sp.id = c.speaker_id JOIN sources so ON so.id = c.source_id
       WHERE c.text LIKE 'batched row %'
         AND (sp.name <> 'Batch Speaker ' || (CAST(substr(c.text, 13) AS INTEGER) % 130)
              OR so.url <> 'https://batch.example.org/' || (CAST(substr(c.text, 13) AS INTEGER) % 170))`,
    );
    expect(wrong).toBe(0);
    // The counters of the review queue followed.
    expect(await count("SELECT sum(n) AS n FROM claim_counts")).toBe(await count("SELECT count(*) AS n FROM claims"));
  }, 60_000);
});
