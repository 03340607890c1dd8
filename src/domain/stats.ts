// The dashboard's arithmetic, with no storage: the period and its weeks, open claims read back
// from today's count, percentiles of a histogram. src/services/stats.ts feeds it the counters.

export const PERIODS = ["30", "90", "365"] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = "90";

const DAY_MS = 86_400_000;

/** A UTC day as YYYY-MM-DD. */
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string) => Date.parse(`${day}T00:00:00Z`);
export const addDays = (day: string, days: number) => dayOf(msOf(day) + days * DAY_MS);

export interface Week {
  /** First day, YYYY-MM-DD (UTC). */
  start: string;
  /** Last day, included; the last week ends today and may be shorter than 7 days. */
  end: string;
}

/** The period's days (the last `days`, today included) cut into weeks from its first day on. */
export function periodWeeks(now: Date, days: number): { from: string; to: string; weeks: Week[] } {
  const to = dayOf(now.getTime());
  const from = addDays(to, -(days - 1));
  const weeks: Week[] = [];
  for (let start = from; start <= to; start = addDays(start, 7)) {
    // ISO days compare as strings: the week's seventh day, or today when that comes first.
    const [end = to] = [addDays(start, 6), to].sort();
    weeks.push({ start, end });
  }
  return { from, to, weeks };
}

/** The index of the week a day falls in, or -1 outside the period. */
export function weekIndex(weeks: Week[], day: string): number {
  const first = weeks[0];
  const last = weeks.at(-1);
  if (!first || !last || day < first.start || day > last.end) return -1;
  return Math.floor((msOf(day) - msOf(first.start)) / (7 * DAY_MS));
}

/** Open claims at the end of each week: the count now less every change after that week's end. */
export function openAtWeekEnds(openNow: number, deltas: { day: string; n: number }[], weeks: Week[]): number[] {
  return weeks.map((w) => openNow - deltas.filter((d) => d.day > w.end).reduce((sum, d) => sum + d.n, 0));
}

/** The nearest-rank percentile (0 < p <= 1) of values given as a histogram {value: count}; null when empty. */
export function histogramPercentile(histogram: Map<number, number>, p: number): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(value) ?? 0;
    if (seen >= rank) return value;
  }
  return null;
}
