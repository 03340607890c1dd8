// The desk's figures (src/services/stats.ts) against a database filled with known claims and a
// known history, read at a fixed clock; and the counters (drizzle/0014) against counting the claims.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../src/db/client";
import { currentCountsQuery, historyQuery, topSpeakersQuery } from "../src/db/queries/stats";
import type { Principal } from "../src/domain/permissions";
import { STATUSES } from "../src/domain/vocabulary";
import { deskStats } from "../src/services/stats";
import { api, attacksClaim, tokenFor } from "./api/helpers";

const db = createDb(env.DB);
const viewer: Principal = { role: "viewer", actor: "viewer", key: "viewer" };
const NOW = new Date("2026-06-30T12:00:00Z");
const VERDICT_RATIONALE = "checked";

const run = (sql: string, ...binds: unknown[]) => env.DB.prepare(sql).bind(...binds);

function claim(id: string, speaker: string, createdAt: string, extra: { assignee?: string; repeatOf?: string } = {}) {
  return run(
    `INSERT INTO claims (id, text, kind, speaker_id, source_id, status, dedupe_key, created_by, created_at, updated_at, assignee, repeat_of)
     VALUES (?, ?, 'statistic', ?, 'src_stats', 'unverified', ?, 'test', ?, ?, ?, ?)`,
    id,
    `claim ${id}`,
    speaker,
    `key ${id}`,
    createdAt,
    createdAt,
    extra.assignee ?? null,
    extra.repeatOf ?? null,
  );
}

let events = 0;
/** A status change as the services write it: the claim and its event, in one batch. */
function review(id: string, from: string, to: string, at: string, actor: string) {
  const verdict = !["unverified", "in_review"].includes(to);
  events += 1;
  return [
    run(
      "UPDATE claims SET status = ?, rationale = ?, verdict_at = ?, updated_at = ?, version = version + 1 WHERE id = ?",
      to,
      verdict ? VERDICT_RATIONALE : null,
      verdict ? at : null,
      at,
      id,
    ),
    run(
      `INSERT INTO claim_events (id, claim_id, at, actor, action, from_value, to_value)
       VALUES (?, ?, ?, ?, 'status_changed', ?, ?)`,
      `evt_stats${String(events).padStart(4, "0")}`,
      id,
      at,
      actor,
      from,
      to,
    ),
  ];
}

beforeAll(async () => {
  await env.DB.batch([
    run(
      "INSERT INTO speakers (id, name, match_key, created_at, updated_at) VALUES ('spk_a', 'Ann Able', 'ann', '2026-01-01', '2026-01-01'), ('spk_b', 'Bob Baker', 'bob', '2026-01-01', '2026-01-01')",
    ),
    run(
      "INSERT INTO sources (id, url, created_at, updated_at) VALUES ('src_stats', 'https://example.org/stats', '2026-01-01', '2026-01-01')",
    ),
    claim("c1", "spk_a", "2026-06-02T00:00:00.000Z"),
    claim("c2", "spk_a", "2026-06-03T00:00:00.000Z"),
    claim("c3", "spk_b", "2026-06-09T00:00:00.000Z"),
    claim("c4", "spk_b", "2026-06-20T00:00:00.000Z", { assignee: "eli" }),
    claim("c5", "spk_a", "2026-05-01T00:00:00.000Z", { assignee: "dana", repeatOf: "c1" }),
    claim("c6", "spk_b", "2026-06-10T00:00:00.000Z"),
    ...review("c1", "unverified", "false", "2026-06-02T10:00:00.000Z", "dana"), // 10 hours
    ...review("c2", "unverified", "misleading", "2026-06-04T00:00:00.000Z", "dana"), // 24 hours
    ...review("c6", "unverified", "false", "2026-06-10T05:30:00.000Z", "eli"), // 5 hours (and a half)
    ...review("c3", "unverified", "verified", "2026-06-16T00:00:00.000Z", "eli"), // 168 hours
    ...review("c4", "unverified", "in_review", "2026-06-21T00:00:00.000Z", "eli"),
    ...review("c6", "false", "unverified", "2026-06-25T00:00:00.000Z", "eli"), // reopened
    run("INSERT INTO claim_tags (claim_id, tag) VALUES ('c4', 'health'), ('c5', 'health')"),
    run(
      "INSERT INTO rechecks (id, claim_id, source_id, at, outcome) VALUES ('rck_1', 'c1', 'src_stats', '2026-06-15T01:00:00.000Z', 'quote_missing'), ('rck_2', 'c2', 'src_stats', '2026-06-29T01:00:00.000Z', 'quote_present')",
    ),
    run(
      "INSERT INTO claim_flags (claim_id, flag, raised_at) VALUES ('c3', 'verdict_stale', '2026-06-29T00:00:00.000Z')",
    ),
  ]);
});

async function figures(query: Partial<Parameters<typeof deskStats>[2]> = {}) {
  const result = await deskStats(db, viewer, { period: "30", now: NOW, ...query });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

describe("the desk's figures at a fixed clock", () => {
  it("cuts the period into weeks from its first day, the last ending today", async () => {
    const f = await figures();
    expect(f.period).toMatchObject({ days: 30, from: "2026-06-01", to: "2026-06-30" });
    expect(f.period.weeks.map((w) => `${w.start}..${w.end}`)).toEqual([
      "2026-06-01..2026-06-07",
      "2026-06-08..2026-06-14",
      "2026-06-15..2026-06-21",
      "2026-06-22..2026-06-28",
      "2026-06-29..2026-06-30",
    ]);
    expect((await figures({ period: "365" })).period.weeks).toHaveLength(53);
  });

  it("counts claims by status now, every status present", async () => {
    const f = await figures();
    expect(f.by_status).toEqual({
      unverified: 2,
      in_review: 1,
      verified: 1,
      misleading: 1,
      false: 1,
      unproven: 0,
      opinion: 0,
    });
    expect(f.total).toBe(6);
    expect(f.open_now).toBe(3);
  });

  it("reads the open claims at each week's end back from the history", async () => {
    const f = await figures();
    expect(f.open_claims.map((w) => w.open)).toEqual([1, 2, 2, 3, 3]);
  });

  it("gives the median and 90th percentile hours from filing to the first verdict, by week", async () => {
    const f = await figures();
    expect(f.time_to_first_verdict).toEqual([
      { week_start: "2026-06-01", verdicts: 2, median_hours: 10, p90_hours: 24 },
      { week_start: "2026-06-08", verdicts: 1, median_hours: 5, p90_hours: 5 },
      { week_start: "2026-06-15", verdicts: 1, median_hours: 168, p90_hours: 168 },
      { week_start: "2026-06-22", verdicts: 0, median_hours: null, p90_hours: null },
      { week_start: "2026-06-29", verdicts: 0, median_hours: null, p90_hours: null },
    ]);
  });

  it("counts verdicts per reviewer per week, and open claims per assignee", async () => {
    const f = await figures();
    expect(f.verdicts_by_reviewer).toEqual([
      { reviewer: "dana", total: 2, per_week: [2, 0, 0, 0, 0] },
      { reviewer: "eli", total: 2, per_week: [0, 1, 1, 0, 0] },
    ]);
    expect(f.assigned_open).toEqual([
      { assignee: "dana", open: 1 },
      { assignee: "eli", open: 1 },
    ]);
    expect(f.unassigned_open).toBe(1);
  });

  it("counts re-check outcomes by week, flags and verdicts due for re-review", async () => {
    const f = await figures();
    const byOutcome = Object.fromEntries(f.rechecks.map((r) => [r.outcome, r.per_week]));
    expect(byOutcome.quote_missing).toEqual([0, 0, 1, 0, 0]);
    expect(byOutcome.quote_present).toEqual([0, 0, 0, 0, 1]);
    expect(byOutcome.unreachable).toEqual([0, 0, 0, 0, 0]);
    expect(f.due_for_rereview).toBe(1);
    expect(f.flags.verdict_stale).toBe(1);
  });

  it("names the speakers with most false and misleading verdicts, with their repeats", async () => {
    const f = await figures();
    expect(f.repeats).toBe(1);
    expect(f.top_speakers).toEqual([{ speaker_id: "spk_a", name: "Ann Able", false: 1, misleading: 1, repeats: 1 }]);
  });

  it("a period ending earlier leaves out what came after it", async () => {
    const f = await figures({ now: new Date("2026-06-12T08:00:00Z") });
    // 2026-05-14 .. 2026-06-12: c6's first verdict (06-10) is inside, c3's (06-16) after.
    expect(f.verdicts_by_reviewer.map((r) => [r.reviewer, r.total])).toEqual([
      ["dana", 2],
      ["eli", 1],
    ]);
    expect(f.period.weeks.at(-1)).toEqual({ start: "2026-06-11", end: "2026-06-12" });
    // Open at 06-12: c5 (filed in May) and c3 (filed 06-09, verdict 06-16).
    expect(f.open_claims.at(-1)).toEqual({ week_end: "2026-06-12", open: 2 });
  });

  it("filters by speaker and by tag", async () => {
    const b = await figures({ speakerId: "spk_b" });
    expect(b.by_status).toMatchObject({ unverified: 1, in_review: 1, verified: 1, false: 0 });
    expect(b.open_claims.map((w) => w.open)).toEqual([0, 1, 1, 2, 2]);
    expect(b.verdicts_by_reviewer).toEqual([{ reviewer: "eli", total: 2, per_week: [0, 1, 1, 0, 0] }]);
    expect(b.top_speakers).toEqual([]);
    expect(b.filters).toEqual({ speaker_id: "spk_b", tag: null });
    const health = await figures({ tag: "health" });
    expect(health.by_status).toMatchObject({ unverified: 1, in_review: 1, verified: 0 });
    expect(health.assigned_open).toEqual([
      { assignee: "dana", open: 1 },
      { assignee: "eli", open: 1 },
    ]);
    expect(health.repeats).toBe(1);
    const nobody = await figures({ speakerId: "spk_nobody" });
    expect(nobody.total).toBe(0);
    expect(Object.keys(nobody.by_status)).toEqual([...STATUSES]);
  });
});

describe("GET /api/v1/stats", () => {
  it("answers any role the same figures, and a verdict given through the API counts under its giver", async () => {
    const reviewer = await tokenFor("reviewer", "Fiona Stats");
    const created = await api("POST", "/claims", { token: reviewer, body: attacksClaim });
    expect(created.status).toBe(201);
    const version = created.headers.get("etag") ?? "";
    const reviewed = await api("POST", `/claims/${created.json.id}/reviews`, {
      token: reviewer,
      headers: { "if-match": version },
      body: { status: "unproven", rationale: "No record either way." },
    });
    expect(reviewed.status).toBe(200);
    const viewerToken = await tokenFor("viewer");
    const res = await api("GET", "/stats?period=30", { token: viewerToken });
    expect(res.status).toBe(200);
    expect(res.json.by_status.unproven).toBe(1);
    expect(res.json.verdicts_by_reviewer.find((r: { reviewer: string }) => r.reviewer === "Fiona Stats")?.total).toBe(
      1,
    );
    expect(res.json.time_to_first_verdict.at(-1).verdicts).toBe(1);
    const tagged = await api("GET", "/stats?tag=afghanistan", { token: viewerToken });
    expect(tagged.json.by_status.unproven).toBe(1);
    expect(tagged.json.total).toBe(1);
  });

  it("refuses a period it does not know, and answers 401 without a token", async () => {
    const bad = await api("GET", "/stats?period=7");
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    expect((await api("GET", "/stats", { token: null })).status).toBe(401);
  });

  it("the counters agree with counting the claims, for the desk, each speaker and each tag", async () => {
    const count = async (sql: string) =>
      (await env.DB.prepare(sql).all<{ k: string; status: string; n: number }>()).results;
    const expectScope = async (
      rows: { k: string; status: string; n: number }[],
      of: (k: string) => Promise<Record<string, number>>,
    ) => {
      const wanted = new Map<string, Record<string, number>>();
      for (const r of rows) wanted.set(r.k, { ...wanted.get(r.k), [r.status]: r.n });
      for (const [k, tally] of wanted) {
        const got = await of(k);
        for (const s of STATUSES) expect([k, s, got[s]]).toEqual([k, s, tally[s] ?? 0]);
      }
    };
    await expectScope(
      await count("SELECT '*' AS k, status, count(*) AS n FROM claims GROUP BY status"),
      async () => (await figures()).by_status,
    );
    await expectScope(
      await count("SELECT speaker_id AS k, status, count(*) AS n FROM claims GROUP BY speaker_id, status"),
      async (k) => (await figures({ speakerId: k })).by_status,
    );
    await expectScope(
      await count(
        "SELECT t.tag AS k, c.status, count(*) AS n FROM claim_tags t JOIN claims c ON c.id = t.claim_id GROUP BY t.tag, c.status",
      ),
      async (k) => (await figures({ tag: k })).by_status,
    );
  });
});

describe("the figures' query plans", () => {
  const explain = async (query: { toSQL(): { sql: string; params: unknown[] } }) => {
    const { sql, params } = query.toSQL();
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    return results.map((r) => r.detail);
  };

  it.each([
    ["the counts now", () => currentCountsQuery(db, { kind: "speaker", id: "spk_a" })],
    ["the history", () => historyQuery(db, { kind: "tag", tag: "health" }, "2026-01-01")],
    ["the top speakers", () => topSpeakersQuery(db, 10)],
  ])("%s search an index of the counters, never the claims or a whole table", async (_name, query) => {
    const steps = await explain(query());
    expect(steps.join("\n")).not.toMatch(/\bclaims\b/);
    expect(
      steps.some((s) => s.startsWith("SEARCH stat_counters")),
      steps.join("\n"),
    ).toBe(true);
    for (const step of steps.filter((s) => /^(SCAN|SEARCH)/.test(s))) {
      expect(step, steps.join("\n")).toMatch(/^SEARCH stat_counters USING (PRIMARY KEY|(COVERING )?INDEX)/);
    }
  });
});
