// GET /api/v1/stats: the desk's figures as JSON, the same ones /dashboard draws (src/services/stats.ts).
import { createRoute, z } from "@hono/zod-openapi";
import { StatsFilters } from "../../domain/schemas";
import { FLAGS, RECHECK_OUTCOMES, STATUSES } from "../../domain/vocabulary";
import { requirePermission } from "../../middleware/auth";
import { deskStats } from "../../services/stats";
import { jsonResponse, problems, router } from "../openapi";
import { unwrap } from "../results";

const counts = (keys: readonly string[], description: string) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()]))).openapi({ description });
const perWeek = z.array(z.number().int()).openapi({ description: "One number per week of `period.weeks`." });

const Stats = z
  .object({
    period: z.object({
      days: z.number().int(),
      from: z.string().openapi({ description: "First day (UTC, YYYY-MM-DD)." }),
      to: z.string().openapi({ description: "Last day: today (UTC)." }),
      weeks: z
        .array(z.object({ start: z.string(), end: z.string() }))
        .openapi({ description: "The period in weeks from its first day; the last ends today." }),
    }),
    filters: z.object({ speaker_id: z.string().nullable(), tag: z.string().nullable() }),
    total: z.number().int(),
    by_status: counts(STATUSES, "Claims at each status now: every status, with 0 where there are none."),
    open_now: z.number().int().openapi({ description: "Claims unverified or in review now." }),
    open_claims: z
      .array(z.object({ week_end: z.string(), open: z.number().int() }))
      .openapi({ description: "Open claims at the end of each week, from the history." }),
    time_to_first_verdict: z
      .array(
        z.object({
          week_start: z.string(),
          verdicts: z.number().int(),
          median_hours: z.number().int().nullable(),
          p90_hours: z.number().int().nullable(),
        }),
      )
      .openapi({
        description:
          "Claims given their first verdict each week, and the whole hours from filing to it: median and 90th percentile (nearest rank; null in a week without one).",
      }),
    verdicts_by_reviewer: z
      .array(z.object({ reviewer: z.string(), total: z.number().int(), per_week: perWeek }))
      .openapi({ description: "Verdicts given in the period by who gave them, most first." }),
    assigned_open: z
      .array(z.object({ assignee: z.string(), open: z.number().int() }))
      .openapi({ description: "Open claims assigned to each person now, most first." }),
    unassigned_open: z.number().int(),
    rechecks: z
      .array(z.object({ outcome: z.enum(RECHECK_OUTCOMES), total: z.number().int(), per_week: perWeek }))
      .openapi({ description: "Re-check visits in the period by outcome (every outcome present)." }),
    flags: counts(FLAGS, "Claims carrying each flag now."),
    due_for_rereview: z
      .number()
      .int()
      .openapi({ description: "Verdicts older than their re-review interval (flag verdict_stale)." }),
    repeats: z.number().int().openapi({ description: "Claims marked as repeating an earlier claim." }),
    top_speakers: z
      .array(
        z.object({
          speaker_id: z.string(),
          name: z.string(),
          false: z.number().int(),
          misleading: z.number().int(),
          repeats: z.number().int(),
        }),
      )
      .openapi({
        description:
          "The 10 speakers with the most false and misleading verdicts now, with their repeats (with `speaker_id`: that speaker only; a `tag` does not narrow it).",
      }),
  })
  .openapi("Stats");

const get = createRoute({
  method: "get",
  path: "/stats",
  tags: ["stats"],
  summary: "The desk's figures: claims by status, open claims over time, time to verdict, workload, re-checks",
  description:
    "Read from counters the database keeps as claims change (never by counting the claims), so it costs the same at any size. `/dashboard` draws the same figures.",
  middleware: [requirePermission("read")],
  request: { query: StatsFilters },
  responses: { 200: jsonResponse(Stats, "The figures"), ...problems() },
});

export const stats = router().openapi(get, async (c) => {
  const query = c.req.valid("query");
  const figures = unwrap(
    await deskStats(c.get("db"), c.get("principal"), {
      period: query.period,
      speakerId: query.speaker_id,
      tag: query.tag,
    }),
  );
  return c.json(figures, 200);
});
