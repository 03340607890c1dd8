import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../src/db/client";
import { type ClaimFilters, listClaims, RANKED_SEARCH_MAX } from "../src/db/queries/claims";
import { toFtsQuery } from "../src/db/queries/search";
import { api } from "./api/helpers";
import { loadDemo } from "./demo";

const db = createDb(env.DB);

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

/** The search as it was ranked before the page-first query: every match joined to its claim,
 * ordered by FTS5's rank (ties newest first), filtered in the same statement. The reference. */
async function referenceIds(q: string, where = "1 = 1", ...params: unknown[]) {
  const { results } = await env.DB.prepare(
    `SELECT c.id FROM claims_fts JOIN claims c ON c.seq = claims_fts.rowid
     WHERE claims_fts MATCH ? AND ${where} ORDER BY claims_fts.rank, c.seq DESC`,
  )
    .bind(toFtsQuery(q), ...params)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** Every page of a search through the list query, as the API walks them. */
async function pagedIds(q: string, filters: Omit<ClaimFilters, "limit" | "fts"> = {}, limit = 3) {
  const ids: string[] = [];
  const orders = new Set<string | undefined>();
  let cursor: ClaimFilters["cursor"];
  do {
    const page = await listClaims(db, { ...filters, fts: toFtsQuery(q), limit, cursor });
    ids.push(...page.rows.map((r) => r.id));
    orders.add(page.searchOrder);
    cursor = page.next ?? undefined;
  } while (cursor);
  return { ids, orders: [...orders] };
}

describe("search ranks the page inside FTS5, then reads only that page's claims", () => {
  const queries = ["43 attacks", "very good", "Leggett", "attacks", "police", "Taliban", "said", "the"];

  it.each(queries)("%s: the same claims in the same order as ranking every match", async (q) => {
    const expected = await referenceIds(q);
    const { ids, orders } = await pagedIds(q);
    expect(ids).toEqual(expected);
    expect(orders).toEqual(["relevance"]);
    const first = await listClaims(db, { fts: toFtsQuery(q), limit: 50 });
    expect(first.rows.map((r) => r.id)).toEqual(expected.slice(0, 50));
  });

  it("keeps filters correct inside the ranked page", async () => {
    const { id: speakerId } = (await env.DB.prepare("SELECT id FROM speakers WHERE name = 'Sonny Leggett'").first<{
      id: string;
    }>()) ?? { id: "" };
    const one = await env.DB.prepare("SELECT id FROM claims ORDER BY seq LIMIT 1").first<{ id: string }>();
    await env.DB.prepare("INSERT INTO claim_tags (claim_id, tag) VALUES (?, 'search-tag')").bind(one?.id).run();
    await env.DB.prepare(
      "INSERT INTO claim_flags (claim_id, flag, raised_at) VALUES (?, 'quote_missing', '2026-01-01')",
    )
      .bind(one?.id)
      .run();
    // Two claims that say "said" in their context get other statuses.
    await env.DB.prepare(
      `UPDATE claims SET status = CASE WHEN seq % 2 = 0 THEN 'verified' ELSE 'in_review' END, rationale = 'checked'
       WHERE seq IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH '"said"' ORDER BY rowid LIMIT 2)`,
    ).run();
    const cases: [string, Omit<ClaimFilters, "limit" | "fts">, string, unknown[]][] = [
      ["said", { status: "unverified" }, "c.status = ?", ["unverified"]],
      ["said", { status: "verified" }, "c.status = ?", ["verified"]],
      ["said", { status: "in_review" }, "c.status = ?", ["in_review"]],
      ["said", { speakerId }, "c.speaker_id = ?", [speakerId]],
      ["the", { attribution: "unchecked" }, "c.attribution = ?", ["unchecked"]],
      ["the", { tag: "search-tag" }, "c.id IN (SELECT claim_id FROM claim_tags WHERE tag = ?)", ["search-tag"]],
      [
        "the",
        { flag: "quote_missing" },
        "c.id IN (SELECT claim_id FROM claim_flags WHERE flag = ?)",
        ["quote_missing"],
      ],
      ["the", { flaggedOnly: true }, "c.flag_count > 0", []],
      ["the", { openOnly: true, order: "queue" }, "c.queue_rank <= 2", []],
    ];
    for (const [q, filters, where, params] of cases) {
      const expected = await referenceIds(q, where, ...params);
      expect(expected.length, `${q} ${where}`).toBeGreaterThan(0);
      expect((await pagedIds(q, filters)).ids, `${q} ${JSON.stringify(filters)}`).toEqual(expected);
    }
    expect((await pagedIds("Leggett", { speakerId })).ids).toEqual(await referenceIds("Leggett"));
  });
});

describe("a search that matches more claims than can be ranked", () => {
  // A word in RANKED_SEARCH_MAX + 20 claims, every fifth one in review.
  const n = RANKED_SEARCH_MAX + 20;
  beforeAll(async () => {
    const { speaker, source } = (await env.DB.prepare(
      "SELECT speaker_id AS speaker, source_id AS source FROM claims LIMIT 1",
    ).first<{ speaker: string; source: string }>()) ?? { speaker: "", source: "" };
    await env.DB.prepare(
      `INSERT INTO claims (id, text, speaker_id, source_id, status, dedupe_key, created_by, created_at, updated_at)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       SELECT 'clm_many' || i, 'zebrafish count ' || i || CASE WHEN i % 2 = 0 THEN ' zebrafish' ELSE '' END,
              ?, ?, CASE WHEN i % 5 = 0 THEN 'in_review' ELSE 'unverified' END, 'many ' || i, 'test', '2026-01-01', '2026-01-01'
       FROM n`,
    )
      .bind(n, speaker, source)
      .run();
  });

  const seqs = async (ids: string[]) => {
    const { results } = await env.DB.prepare("SELECT id, seq FROM claims WHERE id IN (SELECT value FROM json_each(?))")
      .bind(JSON.stringify(ids))
      .all<{ id: string; seq: number }>();
    const seq = new Map(results.map((r) => [r.id, r.seq]));
    return ids.map((id) => seq.get(id) ?? 0);
  };

  it("answers newest first, pages through every match once, and says so", async () => {
    const { ids, orders } = await pagedIds("zebrafish", {}, 100);
    expect(orders).toEqual(["newest"]);
    expect(ids).toHaveLength(n);
    expect(new Set(ids).size).toBe(n);
    const order = await seqs(ids);
    expect(order).toEqual([...order].sort((a, b) => b - a));
  });

  it("keeps filters correct, still newest first", async () => {
    const { ids, orders } = await pagedIds("zebrafish", { status: "in_review" }, 50);
    expect(orders).toEqual(["newest"]);
    const expected = await env.DB.prepare(
      "SELECT id FROM claims WHERE id LIKE 'clm_many%' AND status = 'in_review' ORDER BY seq DESC",
    ).all<{ id: string }>();
    expect(ids).toEqual(expected.results.map((r) => r.id));
  });

  it("still ranks a search whose words narrow the matches", async () => {
    const q = "zebrafish count 77";
    expect((await pagedIds(q)).ids).toEqual(await referenceIds(q));
    expect((await pagedIds(q)).orders).toEqual(["relevance"]);
  });

  it("tells API clients how the page is ordered", async () => {
    const many = await api("GET", "/claims?q=zebrafish&limit=5");
    expect(many.status).toBe(200);
    expect(many.json.search_order).toBe("newest");
    expect(many.json.data).toHaveLength(5);
    const few = await api("GET", "/claims?q=zebrafish%2077");
    expect(few.json.search_order).toBe("relevance");
    const plain = await api("GET", "/claims?limit=1");
    expect(plain.json).not.toHaveProperty("search_order");
  });
});
