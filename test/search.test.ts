import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { toFtsQuery } from "../src/db/queries/search";
import { loadDemo } from "./demo";

async function search(q: string) {
  const fts = toFtsQuery(q);
  if (fts === null) return [];
  const { results } = await env.DB.prepare(
    "SELECT c.text FROM claims_fts JOIN claims c ON c.seq = claims_fts.rowid WHERE claims_fts MATCH ? ORDER BY rank",
  )
    .bind(fts)
    .all<{ text: string }>();
  return results.map((r) => r.text);
}

beforeAll(async () => {
  await loadDemo(env.DB);
});

describe("full-text search over the demo claims", () => {
  it('finds "43 attacks"', async () => {
    expect(await search("43 attacks")).toEqual([
      "insurgents had carried out 43 attacks on checkpoints in Helmand on Tuesday alone",
    ]);
  });

  it('finds both "very good" quotes, and the longer quote that contains the words', async () => {
    const hits = await search("very good");
    expect(hits.filter((t) => t === "very good")).toHaveLength(2);
    expect(hits.some((t) => t.startsWith("The relationship is very good"))).toBe(true);
  });

  it("searches the speaker's name and the context too", async () => {
    expect(await search("Leggett")).toHaveLength(4);
    expect(await search("Uruzgan")).toEqual(["Unfortunately, six police were killed and seven wounded."]);
  });

  it("treats FTS syntax in the input as plain words", async () => {
    for (const q of ['"', "NEAR(", "attacks OR", "*", "-checkpoints", "col:umn"]) {
      await expect(search(q)).resolves.toBeInstanceOf(Array);
    }
    expect(toFtsQuery("  ...  ")).toBeNull();
  });
});
