// Article structure: paragraphs, the headline, end matter, and sentence boundaries.

export interface Paragraph {
  start: number;
  end: number;
}

/** Blocks separated by blank lines (or single line breaks when the text has no blank lines). */
export function paragraphs(text: string): Paragraph[] {
  const separator = /\n[ \t]*\n/.test(text) ? /\n[ \t]*(?:\n[ \t]*)+/g : /\n+/g;
  const out: Paragraph[] = [];
  let from = 0;
  const push = (start: number, end: number) => {
    while (start < end && /\s/.test(text[start] ?? "")) start++;
    while (end > start && /\s/.test(text[end - 1] ?? "")) end--;
    if (end > start) out.push({ start, end });
  };
  for (const m of text.matchAll(separator)) {
    push(from, m.index);
    from = m.index + m[0].length;
  }
  push(from, text.length);
  return out;
}

// Lists of sources, references and categories close a news article: their quoted titles are not quotes.
// The heading stands alone on its line: "Sources come in from the fringe" is a sentence.
const END_MATTER =
  /^(?:(?:sources|references|external links|related news|see also)[ \t]*:?[ \t]*(?:\n|$)|categories:)/i;

/** A headline: a short first line without closing punctuation. Headlines repeat the body in
 * their own style ('single quotes'), so they are skipped rather than extracted twice. */
export function isHeadline(text: string, p: Paragraph, index: number): boolean {
  const line = text.slice(p.start, p.end);
  return index === 0 && line.length < 200 && !line.includes("\n") && !/[.!?:"”]$/.test(line);
}

/** The paragraphs that carry the article's body: from the first to before any end matter. */
export function bodyParagraphs(text: string): Paragraph[] {
  const all = paragraphs(text);
  const out: Paragraph[] = [];
  for (const [i, p] of all.entries()) {
    if (END_MATTER.test(text.slice(p.start, p.end))) break;
    if (!isHeadline(text, p, i)) out.push(p);
  }
  return out;
}

const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "st",
  "prof",
  "gen",
  "sen",
  "rep",
  "gov",
  "lt",
  "col",
  "capt",
  "maj",
  "adm",
  "cmdr",
  "cpl",
  "rev",
  "sgt",
  "no",
  "vs",
  "jr",
  "sr",
  "inc",
  "co",
  "corp",
  "ltd",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
]);

/** Whether the full stop at `i` ends a sentence rather than an abbreviation or an initial ("U.S.", "L. Ron"). */
function endsSentence(masked: string, i: number): boolean {
  let w = i;
  while (w > 0 && /[A-Za-z]/.test(masked[w - 1] ?? "")) w--;
  const word = masked.slice(w, i);
  if (masked[i] !== ".") return true;
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  if (/^[A-Z]$/.test(word)) return false;
  return !(masked[w - 1] === "." && word.length === 1);
}

/** The sentence starts in each paragraph of `masked` (quote contents already masked out), the first at
 * the paragraph's start. One pass over the text: searching from each paragraph's start, the search for
 * the sentence end after its last one ran on to the next end anywhere in the text (to its end when
 * paragraphs have no full stops), quadratic in the number of paragraphs. A sentence end never reaches
 * over the next paragraph's start (the spaces it takes stop at the first word), so the ends found
 * are the same. */
export function sentenceStarts(masked: string, paras: Paragraph[]): number[][] {
  const out = paras.map((p) => [p.start]);
  const re = /[.!?]["”“]?\s+(?=["“”]|\(?[A-Z0-9])/g;
  re.lastIndex = paras[0]?.start ?? 0;
  let k = 0;
  for (let m = re.exec(masked); m; m = re.exec(masked)) {
    while (k < paras.length && m.index >= (paras[k] as Paragraph).end) k++;
    if (k === paras.length) break;
    if (m.index >= (paras[k] as Paragraph).start && endsSentence(masked, m.index)) {
      (out[k] as number[]).push(m.index + m[0].length);
    }
  }
  return out;
}
