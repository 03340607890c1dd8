// /dashboard: the desk's figures drawn (src/services/stats.ts, the same as GET /api/v1/stats),
// each chart an <svg role="img"> with its numbers also in a table. The period, speaker and tag
// come from the query string through the API's schema; a refused value is left out and said.
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { describeErrors, parseLeniently, StatsFilters } from "../domain/schemas";
import { PERIODS } from "../domain/stats";
import { STATUSES } from "../domain/vocabulary";
import type { AppEnv } from "../env";
import { type DeskStats, deskStats } from "../services/stats";
import { Bars, Columns, Line, STATUS_FILL, StackedBar } from "./charts";
import { FLAG_LABELS, Layout, Notice, STATUS_LABELS } from "./components";
import { notAllowedPage } from "./failures";
import { render } from "./render";

/** The re-check outcomes as an editor reads them. */
export const OUTCOME_LABELS: Record<string, string> = {
  quote_present: "Quote still there",
  quote_missing: "Quote removed or changed",
  source_changed: "Source edited",
  unreachable: "Source gone (unreachable)",
  unsupported: "Unreadable content",
  no_url: "No url to visit",
  error: "Our error",
};

/** At most this many reviewers are drawn apart; the rest are one series. */
const REVIEWER_SERIES = 6;

const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const WEEK = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
/** "9 Sept 2026" for the period's ends. */
const dayLabel = (day: string) => DAY.format(Date.parse(`${day}T00:00:00Z`));
/** "9 Sept" in the weekly tables (the period above gives the years). */
const weekLabel = (day: string) => WEEK.format(Date.parse(`${day}T00:00:00Z`));

/** "dana 2 · eli 1", or "none". */
const breakdown = (parts: { label: string; n: number }[]) =>
  parts
    .filter((p) => p.n > 0)
    .map((p) => `${p.label} ${p.n}`)
    .join(" · ") || "none";

function Period({ stats, speakerId, tag }: { stats: DeskStats; speakerId?: string; tag?: string }) {
  return (
    <form method="get" action="/dashboard" class="card filters">
      <div>
        <label for="period">Period</label>
        <select id="period" name="period">
          {PERIODS.map((p) => (
            <option value={p} selected={String(stats.period.days) === p}>
              last {p} days
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="tag">Tag</label>
        <input type="text" id="tag" name="tag" value={tag ?? ""} maxlength={64} />
      </div>
      {speakerId && <input type="hidden" name="speaker_id" value={speakerId} />}
      <button type="submit">Show</button>
      <p class="muted">
        {dayLabel(stats.period.from)} to {dayLabel(stats.period.to)} (UTC), in weeks from the first day.{" "}
        {PERIODS.map((p, i) => (
          <>
            {i > 0 && " · "}
            <a
              href={`/dashboard?period=${p}${tag ? `&tag=${encodeURIComponent(tag)}` : ""}${speakerId ? `&speaker_id=${encodeURIComponent(speakerId)}` : ""}`}
              aria-current={String(stats.period.days) === p ? "page" : undefined}
            >
              {p} days
            </a>
          </>
        ))}
      </p>
    </form>
  );
}

/** A chart's figures as a table: a caption for screen readers, the column names, the rows. */
function Figures(props: { caption: string; head: string[]; rows: Child[][] }) {
  return (
    <table>
      <caption class="sr-only">{props.caption}</caption>
      <thead>
        <tr>
          {props.head.map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr>
            {row.map((cell) => (
              <td>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One card of the dashboard: its heading, a line saying what it counts, then its charts and tables. */
function Card(props: { id: string; heading: string; note?: string; children: Child }) {
  return (
    <section class="card" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.heading}</h2>
      {props.note && <p class="muted">{props.note}</p>}
      {props.children}
    </section>
  );
}

/** "name 2, other 1", or "none": a chart's name says its figures. */
const listed = (parts: [string, number][]) => parts.map(([k, n]) => `${k} ${n}`).join(", ") || "none";
const hours = (h: number | null) => (h === null ? "–" : `${h} h`);

export async function dashboardPage(c: Context<AppEnv>) {
  const q = c.req.query();
  const given = Object.fromEntries(
    Object.entries({ period: q.period, speaker_id: q.speaker_id?.trim(), tag: q.tag?.trim() }).filter(([, v]) => v),
  );
  const filters = parseLeniently(StatsFilters, given);
  const { period, speaker_id: speakerId, tag } = filters.data;
  const result = await deskStats(c.get("db"), c.get("principal"), { period: period ?? "90", speakerId, tag });
  if (!result.ok) return notAllowedPage(c);
  const s = result.value;
  const weeks = s.period.weeks.map((w) => w.start);
  const scope = s.filters.speaker_id
    ? `speaker ${s.top_speakers[0]?.name ?? s.filters.speaker_id}`
    : s.filters.tag
      ? `tag “${s.filters.tag}”`
      : "the whole desk";
  const reviewers = s.verdicts_by_reviewer.slice(0, REVIEWER_SERIES);
  const others = s.verdicts_by_reviewer.slice(REVIEWER_SERIES);
  const reviewerSeries = [
    ...reviewers.map((r) => ({ label: r.reviewer, values: r.per_week })),
    ...(others.length
      ? [
          {
            label: `${others.length} others`,
            values: weeks.map((_, w) => others.reduce((a, r) => a + (r.per_week[w] ?? 0), 0)),
          },
        ]
      : []),
  ];
  const outcomes = s.rechecks.filter((r) => r.total > 0);
  const outcome = (o: string) => OUTCOME_LABELS[o] ?? o;
  const status = (st: string) => STATUS_LABELS[st] ?? st;
  const perWeek = (series: { label: string; per_week: number[] }[]) =>
    weeks.map((week, w) => [
      weekLabel(week),
      breakdown(series.map((r) => ({ label: r.label, n: r.per_week[w] ?? 0 }))),
    ]);
  return render(
    c,
    <Layout title="Dashboard" principal={c.get("principal")} nonce={c.get("secureHeadersNonce")}>
      <h1>Dashboard</h1>
      <p class="muted">The desk's figures for {scope}. The same figures as JSON: GET /api/v1/stats.</p>
      {filters.errors.length > 0 && (
        <Notice kind="bad">Left out of the filters: {describeErrors(filters.errors)}.</Notice>
      )}
      <Period stats={s} speakerId={s.filters.speaker_id ?? undefined} tag={s.filters.tag ?? undefined} />
      <div class="charts">
        <Card id="status-heading" heading={`Claims by status now (${s.total})`}>
          <StackedBar
            id="chart-status"
            title={`Claims by status now: ${listed(STATUSES.map((st) => [status(st), s.by_status[st]]))}`}
            segments={STATUSES.map((st) => ({ label: status(st), value: s.by_status[st] }))}
          />
          <Figures
            caption="Claims by status now"
            head={["Status", "Claims"]}
            rows={STATUSES.map((st) => [<a href={`/review?status=${st}`}>{status(st)}</a>, s.by_status[st]])}
          />
        </Card>
        <Card
          id="open-heading"
          heading={`Open claims (${s.open_now} now)`}
          note="Unverified or in review at the end of each week, from the history."
        >
          <Line
            id="chart-open"
            title={`Open claims at the end of each week, from ${s.open_claims[0]?.open ?? 0} to ${s.open_claims.at(-1)?.open ?? 0}`}
            weeks={weeks}
            values={s.open_claims.map((o) => o.open)}
          />
          <Figures
            caption="Open claims at the end of each week"
            head={["Week ending", "Open"]}
            rows={s.open_claims.map((o) => [weekLabel(o.week_end), o.open])}
          />
        </Card>
        <Card
          id="ttv-heading"
          heading="Time from filing to first verdict"
          note="Hours, for the claims given their first verdict each week: median and 90th percentile."
        >
          <Columns
            id="chart-ttv"
            title="Hours from filing to first verdict by week: median and 90th percentile"
            weeks={weeks}
            grouped
            series={[
              { label: "Median", values: s.time_to_first_verdict.map((t) => t.median_hours ?? 0) },
              { label: "90th percentile", values: s.time_to_first_verdict.map((t) => t.p90_hours ?? 0) },
            ]}
          />
          <Figures
            caption="Hours from filing to first verdict by week"
            head={["Week of", "Verdicts", "Median", "90th pct."]}
            rows={s.time_to_first_verdict.map((t) => [
              weekLabel(t.week_start),
              t.verdicts,
              hours(t.median_hours),
              hours(t.p90_hours),
            ])}
          />
        </Card>
        <Card id="reviewers-heading" heading="Verdicts per reviewer">
          <Columns
            id="chart-verdicts"
            title={`Verdicts per week by reviewer: ${listed(s.verdicts_by_reviewer.map((r) => [r.reviewer, r.total]))}`}
            weeks={weeks}
            series={reviewerSeries}
          />
          <Figures
            caption="Verdicts per week by reviewer"
            head={["Week of", "Verdicts by reviewer"]}
            rows={perWeek(s.verdicts_by_reviewer.map((r) => ({ label: r.reviewer, per_week: r.per_week })))}
          />
          <h3>Open claims assigned now</h3>
          <Bars
            id="chart-assigned"
            title={`Open claims assigned per reviewer: ${listed(s.assigned_open.map((a) => [a.assignee, a.open]))}; unassigned ${s.unassigned_open}`}
            series={["Open claims"]}
            rows={[
              ...s.assigned_open.map((a) => ({ label: a.assignee, values: [a.open] })),
              { label: "Nobody (unassigned)", values: [s.unassigned_open] },
            ]}
          />
          <Figures
            caption="Open claims assigned per reviewer"
            head={["Assigned to", "Open claims"]}
            rows={[
              ...s.assigned_open.map((a) => [
                <a href={`/review?assignee=${encodeURIComponent(a.assignee)}`}>{a.assignee}</a>,
                a.open,
              ]),
              ["Nobody", s.unassigned_open],
            ]}
          />
        </Card>
        <Card id="rechecks-heading" heading="Re-checks of the sources">
          <Columns
            id="chart-rechecks"
            title={`Re-check outcomes per week: ${listed(outcomes.map((o) => [outcome(o.outcome), o.total]))}`}
            weeks={weeks}
            series={outcomes.map((o) => ({ label: outcome(o.outcome), values: o.per_week }))}
          />
          <Figures
            caption="Re-check outcomes per week"
            head={["Week of", "Outcomes"]}
            rows={perWeek(s.rechecks.map((r) => ({ label: outcome(r.outcome), per_week: r.per_week })))}
          />
          <h3>Flags now</h3>
          <ul>
            {Object.entries(s.flags).map(([flag, n]) => (
              <li>
                <a href={`/review?flag=${flag}`}>{FLAG_LABELS[flag] ?? flag}</a>: {n}
              </li>
            ))}
          </ul>
          <p>
            <strong>{s.due_for_rereview}</strong> {s.due_for_rereview === 1 ? "verdict is" : "verdicts are"} due for
            re-review.
          </p>
        </Card>
        <Card id="speakers-heading" heading="Speakers with most False and Misleading verdicts">
          <Bars
            id="chart-speakers"
            title={`Speakers with most False and Misleading verdicts: ${s.top_speakers.map((t) => `${t.name} ${t.false} False, ${t.misleading} Misleading, ${t.repeats} repeats`).join("; ") || "none"}`}
            series={[status("false"), status("misleading")]}
            fills={[STATUS_FILL.false ?? 0, STATUS_FILL.misleading ?? 1]}
            rows={s.top_speakers.map((t) => ({
              label: t.name,
              values: [t.false, t.misleading],
              note: `${t.repeats} ${t.repeats === 1 ? "repeat" : "repeats"}`,
            }))}
          />
          <Figures
            caption="Speakers with most False and Misleading verdicts"
            head={["Speaker", status("false"), status("misleading"), "Repeats"]}
            rows={s.top_speakers.map((t) => [
              <a href={`/speakers/${t.speaker_id}`}>{t.name}</a>,
              t.false,
              t.misleading,
              t.repeats,
            ])}
          />
          <p>
            <a href="/review?repeat=any&all=1">{s.repeats}</a> {s.repeats === 1 ? "claim is" : "claims are"} marked as
            repeating an earlier claim.
          </p>
        </Card>
      </div>
    </Layout>,
  );
}
