// Direct quotes: spans between double quote marks, paired by position rather than by glyph
// (copy often has a curly opening mark where the closing one belongs), per paragraph, with
// the newspaper convention for quotes that run over several paragraphs.

import type { Paragraph } from "./text";

export interface QuoteSpan {
  /** Offsets of the words, without the marks. */
  start: number;
  end: number;
  /** Offsets of the opening mark and just after the closing mark (or the paragraph end). */
  outerStart: number;
  outerEnd: number;
  /** Paragraph indexes the quote opens and closes in. */
  firstParagraph: number;
  lastParagraph: number;
  /** Offsets of the continuation marks that open the later paragraphs of a multi-paragraph quote. */
  continuations: number[];
  closed: boolean;
}

// A single quote is never a quote mark here: it is an apostrophe (it's, the '90s) or a nested quote.
// Two in a row are a double quote mark, as some archives write it (''Like this,'' he said).
// Of three, a nested single quote and then the double mark (us?''' said): the last two.
export const DOUBLE_QUOTE = /["\u201C\u201D\u201E\u201F]|''(?!')/;
// The marks DOUBLE_QUOTE finds, a run of apostrophes read whole (its mark is its last two): the
// lookahead was tried at every apostrophe of a long run.
const MARKS = /["\u201C\u201D\u201E\u201F]|'{2,}/g;

/** The length of the quote mark at `at`: 2 for two apostrophes, else 1. */
const markLength = (text: string, at: number) => (text.startsWith("''", at) ? 2 : 1);

function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start] ?? "")) start++;
  while (end > start && /\s/.test(text[end - 1] ?? "")) end--;
  return [start, end];
}

/** A mark that can only close: right after a word or punctuation and followed by a space, punctuation or the end. */
function closesSomething(text: string, at: number): boolean {
  const after = text[at + markLength(text, at)] ?? "";
  return /[\p{L}\p{N}.,;:!?)\]…]/u.test(text[at - 1] ?? "") && /^(?:$|[\s.,;:!?)\]])/.test(after);
}

// Markup left in the text (an embedded tweet's '<tweet id="7" author="@x">'): its attribute values are no quotes.
const TAG = /<\/?[a-z][\w-]*(?:\s[^<>]*)?>/gi;

/** The offsets of the quote marks of a paragraph, outside markup tags. */
function quoteMarks(paragraph: string): number[] {
  // exec rather than matchAll, which copies the pattern at every paragraph.
  const tags: [number, number][] = [];
  TAG.lastIndex = 0;
  for (let m = TAG.exec(paragraph); m; m = TAG.exec(paragraph)) tags.push([m.index, m.index + m[0].length]);
  const out: number[] = [];
  let t = 0;
  MARKS.lastIndex = 0;
  for (let m = MARKS.exec(paragraph); m; m = MARKS.exec(paragraph)) {
    const at = m.index + m[0].length - (m[0].length > 1 ? 2 : 1);
    while (t < tags.length && (tags[t] as [number, number])[1] <= at) t++;
    const tag = tags[t];
    if (!tag || at < tag[0]) out.push(at);
  }
  return out;
}

export function findQuotes(text: string, paras: Paragraph[]): QuoteSpan[] {
  const quotes: QuoteSpan[] = [];
  let open: Omit<QuoteSpan, "start" | "end" | "outerEnd" | "lastParagraph" | "closed"> | null = null;

  const close = (endOfWords: number, outerEnd: number, lastParagraph: number, closed: boolean) => {
    if (!open) return;
    const [start, end] = trimSpan(text, open.outerStart + markLength(text, open.outerStart), endOfWords);
    if (end > start) quotes.push({ ...open, start, end, outerEnd, lastParagraph, closed });
    open = null;
  };

  for (const [pi, p] of paras.entries()) {
    const marks = quoteMarks(text.slice(p.start, p.end)).map((at) => p.start + at);
    let k = 0;
    // An unclosed quote from the previous paragraph goes on if this paragraph opens with a mark,
    // or if its first mark can only close (the copy dropped the continuation mark): one quote
    // from the first opening mark to that closing mark, like any multi-paragraph quote.
    if (open && marks[0] === p.start) {
      open.continuations.push(p.start);
      k = 1;
    } else if (open && marks[0] !== undefined && closesSomething(text, marks[0])) {
      close(marks[0], marks[0] + markLength(text, marks[0]), pi, true);
      k = 1;
    } else if (open) {
      const prev = paras[pi - 1] as Paragraph;
      close(prev.end, prev.end, pi - 1, false);
    }
    for (; k < marks.length; k++) {
      const at = marks[k] as number;
      const next = marks[k + 1];
      if (open) close(at, at + markLength(text, at), pi, true);
      else if (!closesSomething(text, at)) open = { outerStart: at, firstParagraph: pi, continuations: [] };
      else if (/[,:]/.test(text[at - 1] ?? "") && next !== undefined && closesSomething(text, next)) {
        // 'said," [Warhol] liked …".': the opening mark slipped onto the comma before the words.
        open = { outerStart: at, firstParagraph: pi, continuations: [] };
      }
      // Any other closing mark with nothing open is stray: skipping it keeps the pairs that follow right.
    }
  }
  const last = paras[paras.length - 1];
  if (open && last) close(last.end, last.end, paras.length - 1, false);
  return quotes;
}

/** The quote's words as a claim text: continuation marks dropped, paragraph breaks kept. */
export function quoteText(text: string, q: QuoteSpan): string {
  let out = "";
  let from = q.start;
  for (const c of q.continuations) {
    out += `${text.slice(from, c).trimEnd()}\n\n`;
    from = c + markLength(text, c);
  }
  return out + text.slice(from, q.end);
}

// replaceAll("''", '" '), a run of pairs at a time rather than a replacement per pair.
const APOSTROPHE_PAIRS = /(?:'')+/g;
const asQuoteMarks = (pairs: string) => '" '.repeat(pairs.length / 2);

/** text.replace(/[^\n]/g, "x"), line by line rather than a replacement per character. */
function xOut(text: string): string {
  return text
    .split("\n")
    .map((line) => "x".repeat(line.length))
    .join("\n");
}

/** The text with every quote's words replaced by "x" (keeping its final punctuation and line
 * breaks), so that sentence splitting and attribution never look inside a quote; a mark of two
 * apostrophes becomes '" ', so that the rules see one kind of straight mark. */
export function maskQuotes(text: string, quotes: QuoteSpan[]): string {
  const parts: string[] = [];
  let from = 0;
  // Most texts have no two apostrophes in a row, and no stretch of them is searched for any.
  const pairs = text.includes("''");
  const between = (to: number) =>
    parts.push(pairs ? text.slice(from, to).replace(APOSTROPHE_PAIRS, asQuoteMarks) : text.slice(from, to));
  for (const q of quotes) {
    between(q.start);
    const inner = text.slice(q.start, q.end);
    const last = inner.at(-1) ?? "";
    const keep = /[.!?,]/.test(last) ? last : "";
    parts.push(xOut(inner.slice(0, inner.length - keep.length)) + keep);
    from = q.end;
  }
  between(text.length);
  return parts.join("");
}
