// The pasted article with the candidates marked: a <mark> around each candidate's offsets
// (its words escaped by JSX like all text), led by the candidate's number as a link to it.
import type { Child } from "hono/jsx";

export interface Highlight {
  start: number;
  end: number;
  number: number;
}

interface Span extends Highlight {
  /** The first piece of a candidate carries its anchor; later pieces come from overlaps. */
  first: boolean;
  children: Span[];
}

/** Candidates as nested spans: one inside another (a quote in a reported statement) nests,
 * and a partial overlap is cut at the outer span's end and continues after it. */
function nest(marks: Highlight[]): Span[] {
  const queue: Span[] = marks.map((m) => ({ ...m, first: true, children: [] }));
  const order = (a: Span, b: Span) => a.start - b.start || b.end - a.end;
  queue.sort(order);
  const roots: Span[] = [];
  const open: Span[] = [];
  for (let i = 0; i < queue.length; i++) {
    const span = queue[i] as Span;
    while (open.length && (open.at(-1) as Span).end <= span.start) open.pop();
    const parent = open.at(-1);
    if (parent && span.end > parent.end) {
      const rest: Span = { ...span, start: parent.end, first: false, children: [] };
      span.end = parent.end;
      let at = i + 1;
      while (at < queue.length && order(queue[at] as Span, rest) <= 0) at++;
      queue.splice(at, 0, rest);
    }
    (parent ? parent.children : roots).push(span);
    open.push(span);
  }
  return roots;
}

/** The article with every candidate in a <mark> (text escaped by JSX), each led by its number. */
function highlighted(text: string, spans: Span[], from: number, to: number): Child[] {
  const parts: Child[] = [];
  let at = from;
  for (const span of spans) {
    parts.push(text.slice(at, span.start));
    if (span.first) {
      parts.push(
        <sup>
          <a href={`#candidate-${span.number}`}>{span.number}</a>
        </sup>,
      );
    }
    parts.push(
      <mark id={span.first ? `mark-${span.number}` : undefined}>
        {highlighted(text, span.children, span.start, span.end)}
      </mark>,
    );
    at = span.end;
  }
  parts.push(text.slice(at, to));
  return parts;
}

export function HighlightedArticle({ text, spans }: { text: string; spans: Highlight[] }) {
  return <>{highlighted(text, nest(spans), 0, text.length)}</>;
}
