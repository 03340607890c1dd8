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

/** A date at a line's start: "Monday, May 18, 2015", "18 May 2015", "2020-03-05" (after "date"). */
const LEADING_DATE = new RegExp(
  `^\\W*(?:(?:dated?|published|posted|updated)\\s+)?(?:${WEEKDAY},?\\s+)?(?:(?<iso>\\d{4}-\\d{2}-\\d{2})|(?<m1>${MONTH})\\.?\\s+(?<d1>\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?<y1>\\d{4})|(?<d2>\\d{1,2})(?:st|nd|rd|th)?\\s+(?<m2>${MONTH})\\.?,?\\s+(?<y2>\\d{4}))\\b`,
  "i",
);
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
/** How many of the first lines are looked at for a headline and a date. */
const HEADING_LINES = 4;
/** A headline's words and length: more than a label, less than a paragraph. */
const HEADLINE_WORDS = { min: 3, max: 30 };
const HEADLINE_CHARS = 300;
/** A wire dateline naming its agency: "TEHRAN (Reuters) -", "LONDON, March 3 (AP) —". */
const WIRE_DATELINE = /^\p{Lu}[\p{Lu} .'’-]{1,40}(?:,[^()\n]{1,30})?\s*\((\p{Lu}[\p{L}&.'’ -]{0,30})\)\s*[-—–]/u;
/** "By Jane Doe, Associated Press": who wrote it, not what it is called. */
const BYLINE = /^by\s+\p{Lu}/iu;

/** The calendar day `y-m-d` as YYYY-MM-DD, or undefined when there is no such day. */
function isoDay(y: number, m: number, d: number): string | undefined {
  const day = new Date(Date.UTC(y, m - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return undefined;
  return day.toISOString().slice(0, 10);
}

function leadingDate(line: string): string | undefined {
  const g = LEADING_DATE.exec(line)?.groups;
  if (!g) return undefined;
  if (g.iso) return isoDay(Number(g.iso.slice(0, 4)), Number(g.iso.slice(5, 7)), Number(g.iso.slice(8, 10)));
  const month = MONTHS.indexOf((g.m1 ?? g.m2 ?? "").slice(0, 3).toLowerCase()) + 1;
  return month > 0 ? isoDay(Number(g.y1 ?? g.y2), month, Number(g.d1 ?? g.d2)) : undefined;
}

/** A pasted article's headline (its first line, when that reads as one: short, no full stop, not
 * furniture, with more text after it), the day of its dateline and the agency of a wire dateline among
 * the first lines: what the import form suggests for the source's title, date and publisher, for the
 * reviewer to check. */
export function headingOf(text: string): { title?: string; publishedAt?: string; publisher?: string } {
  const lines = text
    .split("\n", 200)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .slice(0, HEADING_LINES);
  const first = lines[0] ?? "";
  const n = words(first);
  const headline =
    lines.length > 1 &&
    n >= HEADLINE_WORDS.min &&
    n <= HEADLINE_WORDS.max &&
    first.length <= HEADLINE_CHARS &&
    !/[.,;:]$/.test(first) &&
    !isFurniture(first) &&
    !BYLINE.test(first) &&
    leadingDate(first) === undefined;
  const publishedAt = lines.map(leadingDate).find((day) => day !== undefined);
  const publisher = lines.map((line) => WIRE_DATELINE.exec(line)?.[1]?.trim()).find(Boolean);
  return {
    ...(headline ? { title: first } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    ...(publisher ? { publisher } : {}),
  };
}
