// The queue's pieces around the list: the status counts drawn as one bar chart (server-rendered
// SVG bars sized by attributes, so nothing inline breaks the CSP; the numbers are text), and the
// empty states that say what to do next.
import type { Status } from "../domain/vocabulary";
import { STATUSES } from "../domain/vocabulary";
import { STATUS_LABELS } from "./components";

export function StatusChart(props: {
  counts: Partial<Record<Status, number>>;
  flagged: number;
  current: Status | undefined;
}) {
  const values = STATUSES.map((s) => props.counts[s] ?? 0);
  const max = Math.max(1, ...values);
  const total = values.reduce((a, b) => a + b, 0);
  return (
    <figure class="card chart counts" aria-labelledby="chart-title">
      <figcaption id="chart-title">
        Claims by status ({total} in all){" "}
        <a href="/review?flagged=1&all=1" class="badge flag">
          ⚑ Flagged: {props.flagged}
        </a>
      </figcaption>
      <ul class="bars">
        {STATUSES.map((s, i) => {
          const n = values[i] ?? 0;
          // A count above zero gets at least a sliver, so it never reads as none.
          const width = n === 0 ? 0 : Math.max(1, Math.round((n / max) * 1000) / 10);
          return (
            <li>
              <a
                href={`/review?status=${s}`}
                class={`bar-label status-${s}`}
                aria-current={s === props.current ? "true" : undefined}
              >
                {STATUS_LABELS[s]}
                <span class="sr-only">:</span>
              </a>
              <svg
                class={`bar status-${s}`}
                viewBox="0 0 100 10"
                preserveAspectRatio="none"
                aria-hidden="true"
                focusable="false"
              >
                <rect width={String(width)} height="10" />
              </svg>{" "}
              <span class="bar-n">{n}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

/** What an empty list means, and what to do next. */
export function EmptyQueue({ narrowed, canReview }: { narrowed: boolean; canReview: boolean }) {
  if (narrowed)
    return (
      <div class="card empty">
        <p>
          <strong>No claims match.</strong> Try other words, tick “Include reviewed” under More filters, or{" "}
          <a href="/review">clear the filters</a>.
        </p>
      </div>
    );
  return (
    <div class="card empty">
      <p>
        <strong>Nothing is waiting for review.</strong> Every claim has a verdict.
      </p>
      <p>
        {canReview ? (
          <>
            Next: <a href="/import">import an article</a> to find claims in it, <a href="/claims/new">file a claim</a>{" "}
            by hand, or <a href="/review?all=1">look through the reviewed claims</a>.
          </>
        ) : (
          <>
            <a href="/review?all=1">Look through the reviewed claims</a>, or ask a reviewer to file new ones.
          </>
        )}
      </p>
    </div>
  );
}
