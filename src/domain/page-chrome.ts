// Where an archived page's article begins and ends. A page's text (fetched by the re-check, or
// pasted) often carries the site's furniture around the article: "date 2020-03-05 Share:", "Jump to
// navigation", a tagline, the headline again, "Categories: …", "Retrieved from …". The source page
// shows the article from its first paragraph and folds the rest away (nothing is dropped from
// what is stored, so content hashes and offsets are untouched).

/** Words that mark a short line as furniture: sharing, navigation, accounts, ads, wiki footers. */
const FURNITURE =
  /\b(share|shares|shared|tweet|print|e-?mail|comments?|advertisement|sponsored|subscribe|newsletter|sign (in|up)|log ?in|skip to|jump to|navigation|menu|search|categor(y|ies)|retrieved from|last (edited|modified|updated)|cookies?|privacy policy|terms of (use|service)|all rights reserved|related (articles|stories)|read more|follow us|facebook|twitter|whatsapp|linkedin|reddit)\b/i;
const MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*";
const WEEKDAY = "(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*";
/** A dateline: dates, times and the words around them ("date", "updated", "Thursday, March 5, 2020"). */
const DATELINE = new RegExp(
  `^\\W*(?:(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}:\\d{2}|\\d{1,4}(?:st|nd|rd|th)?|${MONTH}|${WEEKDAY}|dated?|updated|published|posted|on|at|am|pm|utc|gmt)\\b\\W*)*$`,
  "i",
);
const WORD = /[\p{L}\p{N}]+/gu;
/** A line that reads as the article's prose: a full sentence of some length. */
const PROSE_WORDS = 12;
const SENTENCE_END = /[.!?…]["”’»)\]]*$/;
/** How far into the page the article's first paragraph is looked for. */
const LEAD_LINES = 12;
/** A line longer than this is never furniture. */
const FURNITURE_WORDS = 20;

const words = (line: string) => line.match(WORD)?.length ?? 0;

function isFurniture(line: string): boolean {
  const n = words(line);
  if (n === 0) return true;
  // Each token of the dateline ends at a word boundary, so a line is read once, not re-split.
  if (line.length <= 120 && DATELINE.test(line.trim())) return true;
  return n <= FURNITURE_WORDS && FURNITURE.test(line);
}

const isProse = (line: string) => words(line) >= PROSE_WORDS && SENTENCE_END.test(line.trim());

export interface ArticleParts {
  /** Furniture before the article (with a headline or tagline that came with it). */
  before: string;
  article: string;
  /** Furniture after it. */
  after: string;
}

/** The text split around its article. Text with no furniture comes back whole in `article`. */
export function splitPageChrome(text: string): ArticleParts {
  const lines = text.split("\n");
  const nonEmpty = lines.map((line, i) => [line, i] as const).filter(([line]) => line.trim() !== "");
  if (nonEmpty.length === 0) return { before: "", article: text, after: "" };
  // Start: past the leading furniture lines; or, when furniture is among the short lines before
  // the first paragraph of prose near the top (with the headline, a tagline, a byline), at that
  // paragraph.
  let first = nonEmpty.findIndex(([line]) => !isFurniture(line));
  const prose = nonEmpty.slice(0, LEAD_LINES).findIndex(([line]) => isProse(line));
  const lead = nonEmpty.slice(0, Math.max(0, prose));
  if (prose > first && lead.some(([line]) => isFurniture(line)) && lead.every(([line]) => !isProse(line)))
    first = prose;
  if (first < 0) return { before: "", article: text, after: "" };
  let last = nonEmpty.length - 1;
  while (last > first && isFurniture(nonEmpty[last]?.[0] ?? "")) last--;
  const startLine = nonEmpty[first]?.[1] ?? 0;
  const endLine = nonEmpty[last]?.[1] ?? lines.length - 1;
  return {
    before: lines.slice(0, startLine).join("\n").trim(),
    article: lines.slice(startLine, endLine + 1).join("\n"),
    after: lines
      .slice(endLine + 1)
      .join("\n")
      .trim(),
  };
}
