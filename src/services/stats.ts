// The desk's figures: one use case for the dashboard page, GET /api/v1/stats and the speakers'
// track records. Read from the counters the database keeps (src/db/queries/stats.ts), so the
// cost does not grow with the number of claims; the doors only translate the result.
import type { Db } from "../db/client";
import { readCounters, type StatScope, speakerNames, speakersCounts } from "../db/queries/stats";
import type { Principal } from "../domain/permissions";
import { histogramPercentile, openAtWeekEnds, type Period, periodWeeks, type Week, weekIndex } from "../domain/stats";
import { FLAGS, type Flag, RECHECK_OUTCOMES, type RecheckOutcome, STATUSES, type Status } from "../domain/vocabulary";
import { refused } from "./access";
import { ok, type Result } from "./result";

export const OPEN_STATUSES: readonly Status[] = ["unverified", "in_review"];
/** How many speakers the "most false and misleading" list names. */
export const TOP_SPEAKERS = 10;

export interface StatsQuery {
  period: Period;
  speakerId?: string;
  tag?: string;
  /** The clock: tests pass a fixed one. */
  now?: Date;
}

export interface TopSpeaker {
  speaker_id: string;
  name: string;
  false: number;
  misleading: number;
  repeats: number;
}

export interface DeskStats {
  period: { days: number; from: string; to: string; weeks: Week[] };
  filters: { speaker_id: string | null; tag: string | null };
  total: number;
  by_status: Record<Status, number>;
  open_now: number;
  /** Open claims (unverified or in review) at the end of each week. */
  open_claims: { week_end: string; open: number }[];
  /** Claims given their first verdict each week, and the hours from filing to it. */
  time_to_first_verdict: {
    week_start: string;
    verdicts: number;
    median_hours: number | null;
    p90_hours: number | null;
  }[];
  /** Verdicts given, by who gave them, each week (most first). */
  verdicts_by_reviewer: { reviewer: string; total: number; per_week: number[] }[];
  /** Open claims each person has now (most first), and those nobody has. */
  assigned_open: { assignee: string; open: number }[];
  unassigned_open: number;
  /** Re-check visits each week, by outcome (every outcome present). */
  rechecks: { outcome: RecheckOutcome; total: number; per_week: number[] }[];
  flags: Record<Flag, number>;
  /** Verdicts older than their re-review interval (flagged verdict_stale). */
  due_for_rereview: number;
  /** Claims marked as repeating an earlier claim. */
  repeats: number;
  /** The speakers with the most false and misleading verdicts (the desk's, or the one filtered by). */
  top_speakers: TopSpeaker[];
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function scopeOf(query: StatsQuery): StatScope {
  if (query.speakerId) return { kind: "speaker", id: query.speakerId };
  if (query.tag) return { kind: "tag", tag: query.tag };
  return { kind: "desk" };
}

function topSpeaker(id: string, name: string, rows: { metric: string; key: string; n: number }[]): TopSpeaker {
  const get = (metric: string, key: string) => rows.find((r) => r.metric === metric && r.key === key)?.n ?? 0;
  return {
    speaker_id: id,
    name,
    false: get("status", "false"),
    misleading: get("status", "misleading"),
    repeats: get("repeats", ""),
  };
}

/** The figures for a period (30, 90 or 365 days to `now`), the whole desk's or one speaker's or
 * one tag's (a speaker filter wins over a tag: the counters are kept per speaker and per tag). */
export async function deskStats(db: Db, actor: Principal, query: StatsQuery): Promise<Result<DeskStats>> {
  const denied = refused(actor, "read");
  if (denied) return denied;
  const now = query.now ?? new Date();
  const days = Number(query.period);
  const { from, to, weeks } = periodWeeks(now, days);
  const scope = scopeOf(query);
  const { current, history, top } = await readCounters(db, scope, from, TOP_SPEAKERS);

  const byStatus = zeros(STATUSES);
  const flags = zeros(FLAGS);
  const assigned = new Map<string, number>();
  let repeats = 0;
  for (const row of current) {
    if (row.metric === "status" && row.key in byStatus) byStatus[row.key as Status] += row.n;
    else if (row.metric === "flag" && row.key in flags) flags[row.key as Flag] += row.n;
    else if (row.metric === "assigned") assigned.set(row.key, (assigned.get(row.key) ?? 0) + row.n);
    else if (row.metric === "repeats") repeats += row.n;
  }
  const openNow = OPEN_STATUSES.reduce((sum, s) => sum + byStatus[s], 0);

  const openDeltas: { day: string; n: number }[] = [];
  const reviewers = new Map<string, number[]>();
  const outcomes = new Map<RecheckOutcome, number[]>(RECHECK_OUTCOMES.map((o) => [o, weeks.map(() => 0)]));
  const ttv = weeks.map(() => new Map<number, number>());
  for (const row of history) {
    if (row.metric === "open") {
      openDeltas.push({ day: row.day, n: row.n });
      continue;
    }
    const w = weekIndex(weeks, row.day);
    if (w < 0 || row.n === 0) continue;
    if (row.metric === "verdict") {
      const perWeek = reviewers.get(row.key) ?? weeks.map(() => 0);
      perWeek[w] = (perWeek[w] ?? 0) + row.n;
      reviewers.set(row.key, perWeek);
    } else if (row.metric === "recheck") {
      const perWeek = outcomes.get(row.key as RecheckOutcome);
      if (perWeek) perWeek[w] = (perWeek[w] ?? 0) + row.n;
    } else if (row.metric === "ttv") {
      const hours = Number(row.key);
      const histogram = ttv[w];
      if (histogram && Number.isFinite(hours)) histogram.set(hours, (histogram.get(hours) ?? 0) + row.n);
    }
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const openWeekly = openAtWeekEnds(openNow, openDeltas, weeks);

  let topSpeakers: TopSpeaker[];
  if (scope.kind === "speaker") {
    const names = await speakerNames(db, [scope.id]);
    const rows = current.filter((r) => r.metric === "status" || r.metric === "repeats");
    const one = topSpeaker(scope.id, names.get(scope.id) ?? scope.id, rows);
    topSpeakers = one.false + one.misleading > 0 ? [one] : [];
  } else {
    const ids = top.map((t) => t.scope.slice(2));
    const [names, counts] = await Promise.all([speakerNames(db, ids), speakersCounts(db, ids)]);
    topSpeakers = ids.map((id) => topSpeaker(id, names.get(id) ?? id, counts.get(id) ?? []));
  }

  const assignedOpen = [...assigned.entries()]
    .filter(([, n]) => n > 0)
    .map(([assignee, open]) => ({ assignee, open }))
    .sort((a, b) => b.open - a.open || a.assignee.localeCompare(b.assignee));
  return ok({
    period: { days, from, to, weeks },
    filters: { speaker_id: query.speakerId ?? null, tag: query.speakerId ? null : (query.tag ?? null) },
    total: sum(Object.values(byStatus)),
    by_status: byStatus,
    open_now: openNow,
    open_claims: weeks.map((w, i) => ({ week_end: w.end, open: openWeekly[i] ?? 0 })),
    time_to_first_verdict: weeks.map((w, i) => {
      const histogram = ttv[i] ?? new Map<number, number>();
      return {
        week_start: w.start,
        verdicts: sum([...histogram.values()]),
        median_hours: histogramPercentile(histogram, 0.5),
        p90_hours: histogramPercentile(histogram, 0.9),
      };
    }),
    verdicts_by_reviewer: [...reviewers.entries()]
      .map(([reviewer, perWeek]) => ({ reviewer, total: sum(perWeek), per_week: perWeek }))
      .sort((a, b) => b.total - a.total || a.reviewer.localeCompare(b.reviewer)),
    assigned_open: assignedOpen,
    unassigned_open: Math.max(0, openNow - sum(assignedOpen.map((a) => a.open))),
    rechecks: [...outcomes.entries()].map(([outcome, perWeek]) => ({
      outcome,
      total: sum(perWeek),
      per_week: perWeek,
    })),
    flags,
    due_for_rereview: flags.verdict_stale,
    repeats,
    top_speakers: topSpeakers,
  });
}

/** A speaker's track record from the counters: claims by status and their repeats. */
export async function speakerTally(db: Db, speakerId: string) {
  const counts = (await speakersCounts(db, [speakerId])).get(speakerId) ?? [];
  const tally = zeros(STATUSES);
  let repeats = 0;
  for (const row of counts) {
    if (row.metric === "status" && row.key in tally) tally[row.key as Status] += row.n;
    if (row.metric === "repeats") repeats += row.n;
  }
  return { tally, repeats };
}
