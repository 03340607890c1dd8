// The claim lists must stay fast at 100,000 claims: no query the API issues may scan the
// whole claims table. SQLite says how it runs each one; we read its plan.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { type ClaimFilters, claimListQuery } from "../../src/db/queries/claims";

async function plan(filters: ClaimFilters): Promise<string[]> {
  const query = claimListQuery(createDb(env.DB), filters).toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
    .bind(...query.params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

const variants: [string, ClaimFilters][] = [
  ["next page", { limit: 50, cursor: { seq: 1000 } }],
  ["by status", { limit: 50, status: "unverified" }],
  ["by attribution", { limit: 50, attribution: "confirmed" }],
  ["by speaker", { limit: 50, speakerId: "spk_x" }],
  ["by source", { limit: 50, sourceId: "src_x" }],
  ["by tag", { limit: 50, tag: "afghanistan" }],
  ["by flag", { limit: 50, flag: "quote_missing" }],
  ["full text", { limit: 50, fts: '"43" "attacks"' }],
  ["full text and status", { limit: 50, fts: '"attacks"', status: "verified" }],
  ["review queue, next page", { limit: 50, order: "queue", openOnly: true, cursor: { rank: 1, seq: 500 } }],
  ["flagged claims only", { limit: 50, order: "queue", flaggedOnly: true }],
  ["review queue by tag", { limit: 50, order: "queue", tag: "afghanistan" }],
  ["status and speaker, next page", { limit: 50, status: "false", speakerId: "spk_x", cursor: { seq: 10 } }],
];

describe("claim list query plans", () => {
  it.each(variants)("%s does not scan claims", async (_name, filters) => {
    const steps = await plan(filters);
    const fullScans = steps.filter((s) => /^SCAN c\b/.test(s) && !/USING (COVERING )?INDEX/.test(s));
    expect(fullScans, steps.join("\n")).toEqual([]);
  });

  it.each([
    ["newest first", { limit: 50 }],
    ["the review queue", { limit: 50, order: "queue" }],
  ] as [string, ClaimFilters][])(
    "the unfiltered first page of %s walks an index in order and stops at the limit",
    async (_name, filters) => {
      const steps = await plan(filters);
      expect(steps.join("\n")).not.toMatch(/TEMP B-TREE/);
    },
  );
});
