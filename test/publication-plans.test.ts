// The public list, feeds and sitemap read published rows from an index, in its order: no scan of
// the publications table, no sort, however many fact-checks there are.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../src/db/client";
import { type PublishedQuery, publishedListQuery } from "../src/db/queries/publications";

async function plan(query: PublishedQuery): Promise<string[]> {
  const built = publishedListQuery(createDb(env.DB), query).toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${built.sql}`)
    .bind(...built.params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

describe("the public list's query plan", () => {
  it.each<[string, PublishedQuery]>([
    ["the first page", { words: [], limit: 20 }],
    ["a later page", { words: [], limit: 20, cursor: { at: "2026-11-30T10:00:00.000Z", id: "clm_X" } }],
    ["a search", { words: ["bridge", "monday"], limit: 20 }],
  ])("%s reads the listing index in order, without a sort", async (_, query) => {
    const steps = await plan(query);
    expect(steps.join("\n")).toMatch(
      /SEARCH claim_publications USING INDEX claim_publications_listed_idx \(published=\?/,
    );
    expect(steps.join("\n")).not.toMatch(/TEMP B-TREE|SCAN claim_publications/);
  });
});
