// The dashboard's figures, read from the counters of the hand-written migration 0014
// (stat_counters, kept by triggers as claims change): a few rows per metric and day, never the
// claims themselves. See drizzle/0014_dashboard_stats.sql for what each metric counts.
import { and, eq, gt, gte, inArray, sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
import { claimPublications, speakers } from "../schema";

// Declared here, not in schema.ts, so that drizzle-kit never generates the table a second time.
const statCounters = sqliteTable("stat_counters", {
  scope: text("scope").notNull(),
  metric: text("metric").notNull(),
  day: text("day").notNull(),
  key: text("key").notNull(),
  n: integer("n").notNull(),
});

/** The whole desk, one speaker, or one tag: the scopes the counters are kept for. */
export type StatScope = { kind: "desk" } | { kind: "speaker"; id: string } | { kind: "tag"; tag: string };

const scopeKey = (scope: StatScope) =>
  scope.kind === "desk" ? "*" : scope.kind === "speaker" ? `s:${scope.id}` : `t:${scope.tag}`;

export type NowMetric = "status" | "assigned" | "repeats" | "flag";
export type DayMetric = "open" | "verdict" | "ttv" | "recheck";
export interface CounterRow {
  metric: string;
  day: string;
  key: string;
  n: number;
}

/** The counts as they stand now in a scope: a row per status, assignee, flag, and the repeats. */
export function currentCountsQuery(db: Db, scope: StatScope) {
  return db
    .select({ metric: statCounters.metric, day: statCounters.day, key: statCounters.key, n: statCounters.n })
    .from(statCounters)
    .where(
      and(
        eq(statCounters.scope, scopeKey(scope)),
        inArray(statCounters.metric, ["status", "assigned", "repeats", "flag"] satisfies NowMetric[]),
        eq(statCounters.day, ""),
        gt(statCounters.n, 0),
      ),
    );
}

/** The history in a scope from `fromDay` on (open claims also need the days after the period:
 * today's count less the changes since gives the count at the end of each earlier day). */
export function historyQuery(db: Db, scope: StatScope, fromDay: string) {
  return db
    .select({ metric: statCounters.metric, day: statCounters.day, key: statCounters.key, n: statCounters.n })
    .from(statCounters)
    .where(
      and(
        eq(statCounters.scope, scopeKey(scope)),
        inArray(statCounters.metric, ["open", "verdict", "ttv", "recheck"] satisfies DayMetric[]),
        gte(statCounters.day, fromDay),
      ),
    );
}

/** The speakers with the most false and misleading verdicts now: their status rows only, through
 * stat_counters_metric_idx (one row per speaker and verdict, never their claims). */
export function topSpeakersQuery(db: Db, limit: number) {
  const bad = sql<number>`sum(${statCounters.n})`;
  return db
    .select({ scope: statCounters.scope, n: bad })
    .from(statCounters)
    .where(
      and(
        eq(statCounters.metric, "status"),
        inArray(statCounters.key, ["false", "misleading"]),
        eq(statCounters.day, ""),
        gte(statCounters.scope, "s:"),
        sql`${statCounters.scope} < 's;'`,
      ),
    )
    .groupBy(statCounters.scope)
    .having(sql`${bad} > 0`)
    .orderBy(sql`${bad} DESC`, statCounters.scope)
    .limit(limit);
}

/** The status rows and repeats now of these speakers. */
export async function speakersCounts(db: Db, speakerIds: string[]): Promise<Map<string, CounterRow[]>> {
  const out = new Map<string, CounterRow[]>(speakerIds.map((id) => [id, []]));
  if (speakerIds.length === 0) return out;
  const rows = await db
    .select({
      scope: statCounters.scope,
      metric: statCounters.metric,
      day: statCounters.day,
      key: statCounters.key,
      n: statCounters.n,
    })
    .from(statCounters)
    .where(
      and(
        inArray(
          statCounters.scope,
          speakerIds.map((id) => `s:${id}`),
        ),
        inArray(statCounters.metric, ["status", "repeats"]),
        eq(statCounters.day, ""),
      ),
    )
    .all();
  for (const row of rows) out.get(row.scope.slice(2))?.push(row);
  return out;
}

export async function speakerNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: speakers.id, name: speakers.name })
    .from(speakers)
    .where(inArray(speakers.id, ids))
    .all();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Everything the scope's figures need, in one round trip. */
export async function readCounters(db: Db, scope: StatScope, fromDay: string, topLimit: number) {
  const [current, history, top] = await db.batch([
    currentCountsQuery(db, scope),
    historyQuery(db, scope, fromDay),
    topSpeakersQuery(db, topLimit),
  ]);
  return { current, history, top };
}

// ---- the public speaker page: published fact-checks under a speaker's public key -------------

/** The newest publications under this speaker (the public page is a 404 without any). */
export function publishedUnderQuery(db: Db, speakerKey: string, limit: number) {
  return db
    .select({ claimId: claimPublications.claimId })
    .from(claimPublications)
    .where(and(eq(claimPublications.speakerKey, speakerKey), eq(claimPublications.published, true)))
    .orderBy(sql`${claimPublications.firstPublishedAt} DESC`, sql`${claimPublications.claimId} DESC`)
    .limit(limit);
}

/** The speakers with something published, and their latest publication change (the sitemap). */
export async function publishedSpeakers(db: Db, limit: number) {
  return db
    .select({
      speakerKey: sql<string>`${claimPublications.speakerKey}`,
      lastmod: sql<string>`max(coalesce(${claimPublications.republishedAt}, ${claimPublications.firstPublishedAt}, ''))`,
    })
    .from(claimPublications)
    .where(and(eq(claimPublications.published, true), sql`${claimPublications.speakerKey} IS NOT NULL`))
    .groupBy(claimPublications.speakerKey)
    .limit(limit)
    .all();
}

/** The verdicts published under a speaker, counted (through claim_publications_speaker_idx). */
export async function publishedRatings(db: Db, speakerKey: string) {
  return db
    .select({
      status: sql<string>`json_extract(${claimPublications.snapshot}, '$.status')`,
      n: sql<number>`count(*)`,
    })
    .from(claimPublications)
    .where(and(eq(claimPublications.speakerKey, speakerKey), eq(claimPublications.published, true)))
    .groupBy(sql`1`)
    .all();
}
