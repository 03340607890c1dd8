// /dashboard: the desk's figures drawn (src/services/stats.ts, the same as GET /api/v1/stats),
// each chart an <svg role="img"> with its numbers also in a table. The period, speaker and tag
// come from the query string through the API's schema; a refused value is left out and said.
import type { Context } from "hono";
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
        <section class="card" aria-labelledby="status-heading">
          <h2 id="status-heading">Claims by status now ({s.total})</h2>
          <StackedBar
            id="chart-status"
            title={`Claims by status now: ${STATUSES.map((st) => `${STATUS_LABELS[st]} ${s.by_status[st]}`).join(", ")}`}
            segments={STATUSES.map((st) => ({ label: STATUS_LABELS[st] ?? st, value: s.by_status[st] }))}
          />
          <table>
            <caption class="sr-only">Claims by status now</caption>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Claims</th>
              </tr>
            </thead>
            <tbody>
              {STATUSES.map((st) => (
                <tr>
                  <th scope="row">
                    <a href={`/review?status=${st}`}>{STATUS_LABELS[st]}</a>
                  </th>
                  <td>{s.by_status[st]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section class="card" aria-labelledby="open-heading">
          <h2 id="open-heading">Open claims ({s.open_now} now)</h2>
          <p class="muted">Unverified or in review at the end of each week, from the history.</p>
          <Line
            id="chart-open"
            title={`Open claims at the end of each week, from ${s.open_claims[0]?.open ?? 0} to ${s.open_claims.at(-1)?.open ?? 0}`}
            weeks={weeks}
            values={s.open_claims.map((o) => o.open)}
          />
          <table>
            <caption class="sr-only">Open claims at the end of each week</caption>
            <thead>
              <tr>
                <th scope="col">Week ending</th>
                <th scope="col">Open</th>
              </tr>
            </thead>
            <tbody>
              {s.open_claims.map((o) => (
                <tr>
                  <td>{weekLabel(o.week_end)}</td>
                  <td>{o.open}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section class="card" aria-labelledby="ttv-heading">
          <h2 id="ttv-heading">Time from filing to first verdict</h2>
          <p class="muted">Hours, for the claims given their first verdict each week: median and 90th percentile.</p>
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
          <table>
            <caption class="sr-only">Hours from filing to first verdict by week</caption>
            <thead>
              <tr>
                <th scope="col">Week of</th>
                <th scope="col">Verdicts</th>
                <th scope="col">Median</th>
                <th scope="col">90th pct.</th>
              </tr>
            </thead>
            <tbody>
              {s.time_to_first_verdict.map((t) => (
                <tr>
                  <td>{weekLabel(t.week_start)}</td>
                  <td>{t.verdicts}</td>
                  <td>{t.median_hours === null ? "–" : `${t.median_hours} h`}</td>
                  <td>{t.p90_hours === null ? "–" : `${t.p90_hours} h`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section class="card" aria-labelledby="reviewers-heading">
          <h2 id="reviewers-heading">Verdicts per reviewer</h2>
          <Columns
            id="chart-verdicts"
            title={`Verdicts per week by reviewer: ${s.verdicts_by_reviewer.map((r) => `${r.reviewer} ${r.total}`).join(", ") || "none"}`}
            weeks={weeks}
            series={reviewerSeries}
          />
          <table>
            <caption class="sr-only">Verdicts per week by reviewer</caption>
            <thead>
              <tr>
                <th scope="col">Week of</th>
                <th scope="col">Verdicts by reviewer</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((week, w) => (
                <tr>
                  <td>{weekLabel(week)}</td>
                  <td>
                    {breakdown(s.verdicts_by_reviewer.map((r) => ({ label: r.reviewer, n: r.per_week[w] ?? 0 })))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 id="assigned-heading">Open claims assigned now</h3>
          <Bars
            id="chart-assigned"
            title={`Open claims assigned per reviewer: ${s.assigned_open.map((a) => `${a.assignee} ${a.open}`).join(", ") || "none"}; unassigned ${s.unassigned_open}`}
            series={["Open claims"]}
            rows={[
              ...s.assigned_open.map((a) => ({ label: a.assignee, values: [a.open] })),
              { label: "Nobody (unassigned)", values: [s.unassigned_open] },
            ]}
          />
          <table>
            <caption class="sr-only">Open claims assigned per reviewer</caption>
            <thead>
              <tr>
                <th scope="col">Assigned to</th>
                <th scope="col">Open claims</th>
              </tr>
            </thead>
            <tbody>
              {s.assigned_open.map((a) => (
                <tr>
                  <td>
                    <a href={`/review?assignee=${encodeURIComponent(a.assignee)}`}>{a.assignee}</a>
                  </td>
                  <td>{a.open}</td>
                </tr>
              ))}
              <tr>
                <td>Nobody</td>
                <td>{s.unassigned_open}</td>
              </tr>
            </tbody>
          </table>
        </section>

        <section class="card" aria-labelledby="rechecks-heading">
          <h2 id="rechecks-heading">Re-checks of the sources</h2>
          <Columns
            id="chart-rechecks"
            title={`Re-check outcomes per week: ${outcomes.map((o) => `${OUTCOME_LABELS[o.outcome]} ${o.total}`).join(", ") || "none"}`}
            weeks={weeks}
            series={outcomes.map((o) => ({ label: OUTCOME_LABELS[o.outcome] ?? o.outcome, values: o.per_week }))}
          />
          <table>
            <caption class="sr-only">Re-check outcomes per week</caption>
            <thead>
              <tr>
                <th scope="col">Week of</th>
                <th scope="col">Outcomes</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((week, w) => (
                <tr>
                  <td>{weekLabel(week)}</td>
                  <td>
                    {breakdown(
                      s.rechecks.map((r) => ({ label: OUTCOME_LABELS[r.outcome] ?? r.outcome, n: r.per_week[w] ?? 0 })),
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
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
        </section>

        <section class="card" aria-labelledby="speakers-heading">
          <h2 id="speakers-heading">Speakers with most False and Misleading verdicts</h2>
          <Bars
            id="chart-speakers"
            title={`Speakers with most False and Misleading verdicts: ${s.top_speakers.map((t) => `${t.name} ${t.false} False, ${t.misleading} Misleading, ${t.repeats} repeats`).join("; ") || "none"}`}
            series={[STATUS_LABELS.false ?? "False", STATUS_LABELS.misleading ?? "Misleading"]}
            fills={[STATUS_FILL.false ?? 0, STATUS_FILL.misleading ?? 1]}
            rows={s.top_speakers.map((t) => ({
              label: t.name,
              values: [t.false, t.misleading],
              note: `${t.repeats} ${t.repeats === 1 ? "repeat" : "repeats"}`,
            }))}
          />
          <table>
            <caption class="sr-only">Speakers with most False and Misleading verdicts</caption>
            <thead>
              <tr>
                <th scope="col">Speaker</th>
                <th scope="col">{STATUS_LABELS.false}</th>
                <th scope="col">{STATUS_LABELS.misleading}</th>
                <th scope="col">Repeats</th>
              </tr>
            </thead>
            <tbody>
              {s.top_speakers.map((t) => (
                <tr>
                  <td>
                    <a href={`/speakers/${t.speaker_id}`}>{t.name}</a>
                  </td>
                  <td>{t.false}</td>
                  <td>{t.misleading}</td>
                  <td>{t.repeats}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <a href="/review?repeat=any&all=1">{s.repeats}</a> {s.repeats === 1 ? "claim is" : "claims are"} marked as
            repeating an earlier claim.
          </p>
        </section>
      </div>
    </Layout>,
  );
}
