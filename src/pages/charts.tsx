// Server-rendered SVG charts: no script, nothing inline that the CSP refuses (presentation
// attributes only, the sizes in app.css). Each is an <svg role="img"> named by its <title>, and
// its figures are given again as a table beside it, so nothing is said by the picture alone.
// Series are told apart by pattern as well as colour (hatching, dots, solid), and carry their
// numbers as labels where there is room, so the charts read in greyscale.
import type { Child } from "hono/jsx";

const W = 400;
const FONT = 12;
const INK = "#1f2328";
const GRID = "#8c959f";

/** Fills that stay distinct in greyscale, each with its own texture. The first seven follow the
 * statuses' order (src/domain/vocabulary.ts STATUSES) in the badges' hues: unverified, in review,
 * verified, misleading, false, unproven, opinion; other series take them in turn. */
const FILLS: { bg: string; ink: string; mark: "none" | "hatch" | "dots" | "cross" | "vert" | "back" }[] = [
  { bg: "#0a3069", ink: "#0a3069", mark: "none" },
  { bg: "#ddf4ff", ink: "#0550ae", mark: "hatch" },
  { bg: "#dafbe1", ink: "#116329", mark: "vert" },
  { bg: "#ffd8b5", ink: "#953800", mark: "back" },
  { bg: "#ffebe9", ink: "#a40e26", mark: "cross" },
  { bg: "#fff8c5", ink: "#7d4e00", mark: "dots" },
  { bg: "#eaeef2", ink: "#424a53", mark: "none" },
  { bg: "#fbefff", ink: "#6639ba", mark: "hatch" },
];
/** The fill of each status, for charts that show only some of them. */
export const STATUS_FILL: Record<string, number> = {
  unverified: 0,
  in_review: 1,
  verified: 2,
  misleading: 3,
  false: 4,
  unproven: 5,
  opinion: 6,
};

const fillId = (chart: string, i: number) => `${chart}-f${i % FILLS.length}`;
export const fillOf = (chart: string, i: number) => `url(#${fillId(chart, i)})`;
/** Text drawn over a fill: white on the dark solid one, else the ink. */
const textOn = (i: number) => (i % FILLS.length === 0 ? "#ffffff" : INK);

function Patterns({ chart }: { chart: string }) {
  return (
    <defs>
      {FILLS.map((f, i) => (
        <pattern id={fillId(chart, i)} width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill={f.bg} />
          {f.mark === "hatch" && <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke={f.ink} stroke-width="1.5" />}
          {f.mark === "back" && <path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke={f.ink} stroke-width="1.5" />}
          {f.mark === "dots" && <circle cx="4" cy="4" r="1.6" fill={f.ink} />}
          {f.mark === "cross" && <path d="M0,4 h8 M4,0 v8" stroke={f.ink} stroke-width="1.2" />}
          {f.mark === "vert" && <path d="M2,0 v8 M6,0 v8" stroke={f.ink} stroke-width="1.2" />}
        </pattern>
      ))}
    </defs>
  );
}

function Frame(props: { id: string; title: string; height: number; children: Child }) {
  return (
    <svg
      role="img"
      aria-labelledby={`${props.id}-title`}
      viewBox={`0 0 ${W} ${props.height}`}
      class="chart"
      font-size={FONT}
      font-family="system-ui, sans-serif"
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      <Patterns chart={props.id} />
      {props.children}
    </svg>
  );
}

/** The legend as HTML under the chart: each series' swatch (the chart's own pattern, by its id)
 * and name. Hidden from screen readers: the table says the same with the numbers. */
function Legend({ chart, names, fills }: { chart: string; names: string[]; fills?: number[] }) {
  return (
    <ul class="legend" aria-hidden="true">
      {names.map((name, i) => (
        <li>
          <svg viewBox="0 0 16 16" class="swatch" role="presentation">
            <rect width="16" height="16" fill={fillOf(chart, fills?.[i] ?? i)} stroke={INK} stroke-width="1" />
          </svg>
          {name}
        </li>
      ))}
    </ul>
  );
}

export interface Segment {
  label: string;
  value: number;
  /** Which fill (a status's: STATUS_FILL); else the segment's place. */
  fill?: number;
}

/** One horizontal bar cut into segments (claims by status): each wide enough carries its number. */
export function StackedBar(props: { id: string; title: string; segments: Segment[] }) {
  const total = props.segments.reduce((a, s) => a + s.value, 0);
  const height = 44;
  let x = 0;
  return (
    <>
      <Frame id={props.id} title={props.title} height={height}>
        {total === 0 ? (
          <text x="0" y="26" fill={INK}>
            Nothing to count yet
          </text>
        ) : (
          props.segments.map((s, i) => {
            const f = s.fill ?? i;
            const w = (s.value / total) * W;
            const at = x;
            x += w;
            if (s.value === 0) return null;
            return (
              <g>
                <rect x={at} y="4" width={w} height="36" fill={fillOf(props.id, f)} stroke={INK} stroke-width="1" />
                {w >= 8 * String(s.value).length + 6 && (
                  <text
                    x={at + w / 2}
                    y="27"
                    text-anchor="middle"
                    fill={textOn(f)}
                    font-weight="bold"
                    paint-order="stroke"
                    stroke={f % FILLS.length === 0 ? "none" : "#ffffff"}
                    stroke-width="3"
                  >
                    {s.value}
                  </text>
                )}
              </g>
            );
          })
        )}
      </Frame>
      <Legend
        chart={props.id}
        names={props.segments.map((s) => s.label)}
        fills={props.segments.map((s, i) => s.fill ?? i)}
      />
    </>
  );
}

export interface Series {
  label: string;
  values: number[];
}

const short = (day: string) => {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${Number(day.slice(8, 10))} ${months[Number(day.slice(5, 7)) - 1] ?? ""}`;
};

/** A round top for the y axis: 1, 2, 5 times a power of ten. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * power >= max) return m * power;
  return 10 * power;
}

function Axes(props: { top: number; max: number; plotH: number; left: number; labels: string[]; unit?: string }) {
  const { top, max, plotH, left, labels } = props;
  const step = Math.max(1, Math.ceil(labels.length / 6));
  const colW = (W - left) / Math.max(1, labels.length);
  return (
    <g>
      {(max >= 2 ? [0, 0.5, 1] : [0, 1]).map((f) => (
        <g>
          <line
            x1={left}
            x2={W}
            y1={top + plotH * (1 - f)}
            y2={top + plotH * (1 - f)}
            stroke={GRID}
            stroke-width="0.5"
          />
          <text x={left - 4} y={top + plotH * (1 - f) + 4} text-anchor="end" fill={INK}>
            {Number.isInteger(max * f) ? max * f : (max * f).toFixed(1)}
          </text>
        </g>
      ))}
      {labels.map((label, i) =>
        i % step === 0 ? (
          <text
            x={Math.min(Math.max(left + colW * i + colW / 2, left + 18), W - 18)}
            y={top + plotH + 16}
            text-anchor="middle"
            fill={INK}
          >
            {label}
          </text>
        ) : null,
      )}
    </g>
  );
}

/** Columns per week, the series stacked (verdicts by reviewer, re-checks by outcome), or side by
 * side with `grouped` (median and 90th percentile). */
export function Columns(props: { id: string; title: string; weeks: string[]; series: Series[]; grouped?: boolean }) {
  const { weeks, series } = props;
  const top = 8;
  const plotH = 150;
  const left = 36;
  const height = top + plotH + 24;
  const totals = weeks.map((_, w) =>
    props.grouped
      ? Math.max(0, ...series.map((s) => s.values[w] ?? 0))
      : series.reduce((a, s) => a + (s.values[w] ?? 0), 0),
  );
  const max = niceMax(Math.max(0, ...totals));
  const colW = (W - left) / Math.max(1, weeks.length);
  const barW = Math.max(2, colW * 0.7);
  const y = (v: number) => (v / max) * plotH;
  return (
    <>
      <Frame id={props.id} title={props.title} height={height}>
        <Axes top={top} max={max} plotH={plotH} left={left} labels={weeks.map(short)} />
        {weeks.map((_, w) => {
          const x0 = left + colW * w + (colW - barW) / 2;
          let base = top + plotH;
          return (
            <g>
              {series.map((s, i) => {
                const v = s.values[w] ?? 0;
                if (v <= 0) return null;
                const h = y(v);
                if (props.grouped) {
                  const bw = barW / series.length;
                  return (
                    <rect
                      x={x0 + bw * i}
                      y={top + plotH - h}
                      width={bw}
                      height={h}
                      fill={fillOf(props.id, i)}
                      stroke={INK}
                      stroke-width="0.75"
                    />
                  );
                }
                base -= h;
                return (
                  <rect
                    x={x0}
                    y={base}
                    width={barW}
                    height={h}
                    fill={fillOf(props.id, i)}
                    stroke={INK}
                    stroke-width="0.75"
                  />
                );
              })}
              {!props.grouped && (totals[w] ?? 0) > 0 && weeks.length <= 14 && (
                <text x={x0 + barW / 2} y={base - 3} text-anchor="middle" fill={INK}>
                  {totals[w]}
                </text>
              )}
            </g>
          );
        })}
      </Frame>
      <Legend chart={props.id} names={series.map((s) => s.label)} />
    </>
  );
}

/** A line through one value per week (open claims), each point marked and the last labelled. */
export function Line(props: { id: string; title: string; weeks: string[]; values: number[] }) {
  const top = 16;
  const plotH = 140;
  const left = 36;
  const height = top + plotH + 24;
  const max = niceMax(Math.max(0, ...props.values));
  const colW = (W - left) / Math.max(1, props.weeks.length);
  const points = props.values.map((v, i) => [left + colW * i + colW / 2, top + plotH - (v / max) * plotH] as const);
  const last = points.at(-1);
  return (
    <Frame id={props.id} title={props.title} height={height}>
      <Axes top={top} max={max} plotH={plotH} left={left} labels={props.weeks.map(short)} />
      <polyline points={points.map(([x, y]) => `${x},${y}`).join(" ")} fill="none" stroke={INK} stroke-width="2" />
      {points.map(([x, y]) => (
        <circle cx={x} cy={y} r="3" fill="#ffffff" stroke={INK} stroke-width="1.5" />
      ))}
      {last && (
        <text x={Math.min(last[0], W - 4)} y={last[1] - 8} text-anchor="end" fill={INK} font-weight="bold">
          {props.values.at(-1)}
        </text>
      )}
    </Frame>
  );
}

export interface Row {
  label: string;
  values: number[];
  /** Said after the bar (a speaker's repeats). */
  note?: string;
}

/** One horizontal bar per row (open claims per assignee, speakers by false and misleading
 * verdicts), the values stacked, the label above the bar and the total after it. */
export function Bars(props: { id: string; title: string; rows: Row[]; series: string[]; fills?: number[] }) {
  const rowH = 40;
  const height = Math.max(1, props.rows.length) * rowH + 4;
  const totals = props.rows.map((r) => r.values.reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const barMax = W - 120;
  return (
    <>
      <Frame id={props.id} title={props.title} height={height}>
        {props.rows.length === 0 && (
          <text x="0" y="24" fill={INK}>
            None
          </text>
        )}
        {props.rows.map((row, r) => {
          const y0 = r * rowH;
          let x = 0;
          return (
            <g>
              <text x="0" y={y0 + 13} fill={INK}>
                {row.label.length > 48 ? `${row.label.slice(0, 47)}…` : row.label}
              </text>
              {row.values.map((v, i) => {
                if (v <= 0) return null;
                const w = (v / max) * barMax;
                const at = x;
                x += w;
                return (
                  <rect
                    x={at}
                    y={y0 + 18}
                    width={w}
                    height="16"
                    fill={fillOf(props.id, props.fills?.[i] ?? i)}
                    stroke={INK}
                    stroke-width="0.75"
                  />
                );
              })}
              <text x={x + 6} y={y0 + 31} fill={INK}>
                {totals[r]}
                {row.note ? ` · ${row.note}` : ""}
              </text>
            </g>
          );
        })}
      </Frame>
      {props.series.length > 1 && <Legend chart={props.id} names={props.series} fills={props.fills} />}
    </>
  );
}
