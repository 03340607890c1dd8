// The claim lists must stay fast at 100,000 claims: no query the API issues may scan the
// whole claims table. SQLite says how it runs each one; we read its plan.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import {
  type ClaimFilters,
  claimListQuery,
  type SearchOrder,
  statusCounts,
  statusCountsQuery,
} from "../../src/db/queries/claims";
import { FLAGS, STATUSES, type Status } from "../../src/domain/vocabulary";
import { loadDemo } from "../demo";

interface Step {
  id: number;
  parent: number;
  detail: string;
}

async function planSteps(filters: ClaimFilters & { searchOrder?: SearchOrder }): Promise<Step[]> {
  const query = claimListQuery(createDb(env.DB), filters).toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
    .bind(...query.params)
    .all<Step>();
  return results;
}

async function plan(filters: ClaimFilters & { searchOrder?: SearchOrder }): Promise<string[]> {
  return (await planSteps(filters)).map((r) => r.detail);
}

/** The steps under the first step whose detail matches, and the rest. */
function split(steps: Step[], root: RegExp): { inside: string[]; outside: string[] } {
  const top = steps.find((s) => root.test(s.detail));
  if (!top) throw new Error(`no ${root} in the plan:\n${steps.map((s) => s.detail).join("\n")}`);
  const ids = new Set([top.id]);
  for (const s of steps) if (ids.has(s.parent)) ids.add(s.id);
  return {
    inside: steps.filter((s) => s.id !== top.id && ids.has(s.id)).map((s) => s.detail),
    outside: steps.filter((s) => !ids.has(s.id)).map((s) => s.detail),
  };
}

const variants: [string, ClaimFilters & { searchOrder?: SearchOrder }][] = [
  ["next page", { limit: 50, cursor: { seq: 1000 } }],
  ["by status", { limit: 50, status: "unverified" }],
  ["by attribution", { limit: 50, attribution: "confirmed" }],
  ["by speaker", { limit: 50, speakerId: "spk_x" }],
  ["by source", { limit: 50, sourceId: "src_x" }],
  ["by tag", { limit: 50, tag: "afghanistan" }],
  ["by flag", { limit: 50, flag: "quote_missing" }],
  ["full text", { limit: 50, fts: '"43" "attacks"' }],
  ["full text and status", { limit: 50, fts: '"attacks"', status: "verified" }],
  ["full text, newest first", { limit: 50, fts: '"attacks"', searchOrder: "newest" }],
  ["full text and tag, newest first", { limit: 50, fts: '"attacks"', tag: "x", searchOrder: "newest" }],
  ["review queue, next page", { limit: 50, order: "queue", openOnly: true, cursor: { rank: 1, seq: 500 } }],
  ["flagged claims only", { limit: 50, order: "queue", flaggedOnly: true }],
  ["review queue by tag", { limit: 50, order: "queue", tag: "afghanistan" }],
  ["most worth checking, next page", { limit: 50, order: "worth", cursor: { worth: 0.5, seq: 500 } }],
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
    ["most worth checking", { limit: 50, order: "worth" }],
  ] as [string, ClaimFilters][])(
    "the unfiltered first page of %s walks an index in order and stops at the limit",
    async (_name, filters) => {
      const steps = await plan(filters);
      expect(steps.join("\n")).not.toMatch(/TEMP B-TREE/);
    },
  );
});

describe("search query plans", () => {
  const searches: [string, ClaimFilters & { searchOrder: SearchOrder }][] = [];
  for (const searchOrder of ["relevance", "newest"] as const) {
    searches.push(
      [`${searchOrder}, no filters`, { limit: 50, fts: '"attacks"', searchOrder }],
      [`${searchOrder}, second page`, { limit: 50, fts: '"attacks"', searchOrder, cursor: { offset: 50 } }],
      [`${searchOrder}, status`, { limit: 50, fts: '"attacks"', searchOrder, status: "false" }],
      [`${searchOrder}, speaker and tag`, { limit: 50, fts: '"a" "b"', searchOrder, speakerId: "spk_x", tag: "t" }],
      [
        `${searchOrder}, flag, flagged only`,
        { limit: 25, fts: '"a"', searchOrder, flag: "quote_missing", flaggedOnly: true },
      ],
      [`${searchOrder}, the queue's filters`, { limit: 25, fts: '"a"', searchOrder, order: "queue", openOnly: true }],
    );
  }

  it.each(searches)(
    "%s: the page is cut inside FTS5 before any speaker, source, tag list or flag list is read",
    async (_name, filters) => {
      const steps = await planSteps(filters);
      const { inside, outside } = split(steps, /^(CO-ROUTINE|MATERIALIZE) hit$/);
      const all = steps.map((s) => s.detail).join("\n");
      // Inside: FTS5, and the matching claims only to filter them (m), by key or by an index.
      expect(
        inside.some((s) => /^SCAN claims_fts VIRTUAL TABLE/.test(s)),
        all,
      ).toBe(true);
      for (const step of inside) {
        expect(step, all).not.toMatch(/\b(c|sp|so)\b|speakers|sources|json/);
        expect(step, all).not.toMatch(/^SCAN m\b/);
        expect(step, all).not.toMatch(/claim_(tags|flags) USING .*autoindex/); // per-claim lists
      }
      // Outside: the page's rows, each claim by its key, then its speaker, source, tags, flags.
      expect(outside[0], all).toBe("SCAN hit");
      expect(outside, all).toContain("SEARCH c USING INTEGER PRIMARY KEY (rowid=?)");
      expect(
        outside.filter((s) => /^SCAN (?!hit$|\(subquery)/.test(s)),
        all,
      ).toEqual([]);
    },
  );

  it.each([
    ["a tag", { tag: "t" }],
    ["a flag", { flag: "quote_missing" }],
  ] as const)("newest first with %s only: a match that fails it costs no read of its claim", async (_name, extra) => {
    const { inside } = split(
      await planSteps({ limit: 50, fts: '"attacks"', searchOrder: "newest", ...extra }),
      /^(CO-ROUTINE|MATERIALIZE) hit$/,
    );
    expect(
      inside.filter((s) => /\bm\b/.test(s)),
      inside.join("\n"),
    ).toEqual([]);
  });

  it.each(searches.filter(([, f]) => f.searchOrder === "newest"))(
    "%s: walks FTS5 newest first and stops at the page (no sort of the matches)",
    async (_name, filters) => {
      const { inside } = split(await planSteps(filters), /^(CO-ROUTINE|MATERIALIZE) hit$/);
      expect(inside.join("\n")).not.toMatch(/TEMP B-TREE/);
    },
  );
});

describe("the review queue's status counts", () => {
  it("read the counters kept by triggers, never the claims", async () => {
    const query = statusCountsQuery(createDb(env.DB)).toSQL();
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
      .bind(...query.params)
      .all<Step>();
    const steps = results.map((r) => r.detail);
    expect(steps).toEqual(["SCAN claim_counts"]);
  });

  it("agree with counting the claims after any mix of inserts, reviews, flags and deletes", async () => {
    const db = createDb(env.DB);
    await loadDemo(env.DB);
    const { speaker, source } = (await env.DB.prepare(
      "SELECT speaker_id AS speaker, source_id AS source FROM claims LIMIT 1",
    ).first<{ speaker: string; source: string }>()) ?? { speaker: "", source: "" };
    let made = 0;
    const op = fc.oneof(
      fc.record({ kind: fc.constant("insert" as const), status: fc.constantFrom(...STATUSES) }),
      fc.record({ kind: fc.constant("review" as const), pick: fc.nat(), status: fc.constantFrom(...STATUSES) }),
      fc.record({ kind: fc.constant("raise" as const), pick: fc.nat(), flag: fc.constantFrom(...FLAGS) }),
      fc.record({ kind: fc.constant("clear" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
    );
    const picked = async (pick: number) =>
      (
        await env.DB.prepare("SELECT id FROM claims ORDER BY seq LIMIT 1 OFFSET ? % (SELECT count(*) FROM claims)")
          .bind(pick)
          .first<{ id: string }>()
      )?.id ?? "";
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === "insert") {
            made++;
            await env.DB.prepare(
              `INSERT INTO claims (id, text, speaker_id, source_id, status, rationale, dedupe_key, created_by, created_at, updated_at)
               VALUES (?, 'counted claim', ?, ?, ?, 'r', ?, 'test', '2026-01-01', '2026-01-01')`,
            )
              .bind(`clm_count${made}`, speaker, source, o.status, `count ${made}`)
              .run();
          } else if (o.kind === "review") {
            await env.DB.prepare("UPDATE claims SET status = ?, rationale = 'r' WHERE id = ?")
              .bind(o.status, await picked(o.pick))
              .run();
          } else if (o.kind === "raise") {
            await env.DB.prepare(
              "INSERT OR IGNORE INTO claim_flags (claim_id, flag, raised_at) VALUES (?, ?, '2026-01-01')",
            )
              .bind(await picked(o.pick), o.flag)
              .run();
          } else if (o.kind === "clear") {
            await env.DB.prepare(
              "DELETE FROM claim_flags WHERE rowid = (SELECT rowid FROM claim_flags WHERE claim_id = ? LIMIT 1)",
            )
              .bind(await picked(o.pick))
              .run();
          } else {
            const id = await picked(o.pick);
            await env.DB.batch([
              env.DB.prepare("DELETE FROM evidence WHERE claim_id = ?").bind(id),
              env.DB.prepare(
                "DELETE FROM claims WHERE id = ? AND NOT EXISTS (SELECT 1 FROM claim_events WHERE claim_id = ?)",
              ).bind(id, id),
            ]);
          }
        }
        const { results } = await env.DB.prepare("SELECT status, count(*) AS n FROM claims GROUP BY status").all<{
          status: Status;
          n: number;
        }>();
        const flagged = await env.DB.prepare("SELECT count(*) AS n FROM claims WHERE flag_count > 0").first<{
          n: number;
        }>();
        const counted = await statusCounts(db);
        const nonZero = Object.fromEntries(Object.entries(counted.byStatus).filter(([, n]) => n !== 0));
        expect(nonZero).toEqual(Object.fromEntries(results.map((r) => [r.status, r.n])));
        expect(counted.flagged).toBe(flagged?.n);
      }),
      { numRuns: 15 },
    );
  }, 60_000);
});
