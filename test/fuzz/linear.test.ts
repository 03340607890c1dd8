// Linear time on any text (issue 20): every path that reads what people type, paste or import is
// fed runs of spaces, tabs, NBSPs and other Unicode spaces, punctuation and quote marks (straight,
// curly, single) of growing length between words, and must take about twice as long for twice
// the text. A pattern that backtracks takes four or eight times as long for each doubling (the
// matcher's signature pattern took 8 s for "a", 1,000 spaces and "b", and minutes for 4,000), so
// a case fails when doubling the text more than triples the time.
//
// Time here is performance.now(), which in workerd ticks in whole milliseconds: each size is timed
// by calling the path until MIN_ROUND_MS have passed (many calls for a fast path), the best of
// ROUNDS rounds taken in turns over the sizes (so that a busy moment of the machine slows them
// alike). The growth per doubling is read from all the sizes at once (the slope of log time
// against log size: one slow measurement, or the step a string makes when it outgrows the young
// heap, moves it little), and a growth over the limit is timed again, longer, before it fails.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toFtsQuery } from "../../src/db/queries/search";
import { claimDedupeKeys, normaliseQuote, normaliseText } from "../../src/domain/normalise";
import { slugFor } from "../../src/domain/publication";
import { canonicalUrl } from "../../src/domain/url";
import { extractClaims } from "../../src/extract";
import { type Corpus, ftsQuery, indexTerms, pickTerms, prepareQuery, rerank } from "../../src/match";
import { contextsOf } from "../../src/services/article-import";
import { decodeEntities, htmlToText } from "../../src/services/rechecks/html-text";
import { importRows } from "../../src/services/transfer/rows";
import { worthiness } from "../../src/worthiness/model";
import { fcParams, runsFor } from "./harness";

/** The run lengths, in characters: each twice the one before. */
const SIZES = [1_000, 2_000, 4_000, 8_000];
/** Doubling the run may take at most this many times as long. */
const MAX_GROWTH = 3;
const MIN_ROUND_MS = 15;
const ROUNDS = 3;
/** A call slower than this on at most 8,000 characters is broken whatever the growth (and the
 * larger sizes would take too long to time). */
const HOPELESS_MS = 1_000;

type Path = (text: string) => unknown;

/** Texts a few characters apart are taken in turn: a path that keeps what it computed for a text
 * (the stemmer keeps its stems) is timed on texts it has not seen, as a caller varying them would. */
const VARIANTS = 16;
let turn = 0;

/** Milliseconds per call in one round: calls repeated until MIN_ROUND_MS have passed. */
async function round(path: Path, variants: string[]): Promise<number> {
  const started = performance.now();
  let calls = 0;
  let elapsed = 0;
  do {
    await path(variants[turn++ % VARIANTS] as string);
    calls++;
    elapsed = performance.now() - started;
  } while (elapsed < MIN_ROUND_MS);
  return elapsed / calls;
}

/** The best time per call at each size over `rounds` turns, or where a call was hopeless. */
async function timesAt(path: Path, texts: string[][], rounds: number): Promise<number[] | string> {
  const best = texts.map(() => Number.POSITIVE_INFINITY);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < texts.length; k++) {
      const i = r % 2 === 0 ? k : texts.length - 1 - k;
      const ms = await round(path, texts[i] as string[]);
      if (ms > HOPELESS_MS) return `${ms.toFixed(0)} ms a call at ${SIZES[i]} characters`;
      best[i] = Math.min(best[i] as number, ms);
    }
  }
  return best;
}

/** How many times as long each doubling of the size takes: 2 to the slope of the least-squares
 * line through log2(time) against log2(size). */
function growthPerDoubling(times: number[]): number {
  const xs = SIZES.map(Math.log2);
  const ys = times.map(Math.log2);
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * ((ys[i] as number) - my);
    den += (x - mx) ** 2;
  });
  return 2 ** (num / den);
}

/** Why the path is not linear on these texts (timed twice before it counts), or null. */
async function superLinear(path: Path, textOf: (size: number) => string): Promise<string | null> {
  const texts = SIZES.map((size) => Array.from({ length: VARIANTS }, (_, v) => textOf(size - v)));
  let times = await timesAt(path, texts, ROUNDS);
  if (typeof times === "string") return times;
  if (growthPerDoubling(times) <= MAX_GROWTH) return null;
  times = await timesAt(path, texts, 2 * ROUNDS);
  if (typeof times === "string") return times;
  const growth = growthPerDoubling(times);
  if (growth <= MAX_GROWTH) return null;
  const shown = times.map((ms, i) => `${SIZES[i]}: ${ms.toFixed(3)}`).join(", ");
  return `×${growth.toFixed(1)} a doubling (ms a call at each size: ${shown})`;
}

// ---- the text ------------------------------------------------------------------------------

const SPACES = [" ", "\t", "\u00a0", "\u1680", "\u2000", "\u2003", "\u2007", "\u2009", "\u200a", "\u202f", "\u205f"];
const BREAKS = ["\n", "\r\n", "\u3000", "\u2028"];
const PUNCTUATION = [".", ",", ";", ":", "!", "?", "-", "--", "—", "–", "…", "(", ")", "/", "@", "#", "&", "*"];
const QUOTES = ['"', "'", "''", "“", "”", "‘", "’", "„", "«", "»", "`"];
/** Runs that once made a path super-linear: hyphenated letters (a bare link's name), y's (the
 * stemmer's consonant rule), quoted words (many quotes, one sentence), capitalised words (a name
 * of many words), and numbers and commas. */
const WORDISH = ["a-", "y", "“a” ", "'a' ", "“Yes,” he said, ", "Ab Cd Ef ", "1,"];

/** A run's repeating piece: one or a few of the characters above, or one of the word-ish pieces. */
const piece = fc.oneof(
  fc
    .array(fc.constantFrom(...SPACES, ...BREAKS, ...PUNCTUATION, ...QUOTES), { minLength: 1, maxLength: 3 })
    .map((chars) => chars.join("")),
  fc.constantFrom(...SPACES),
  fc.constantFrom(...QUOTES),
  fc.constantFrom(...WORDISH),
);

/** Where the run goes: between the words of a quote, a post with its signature, a statistic. */
const TEMPLATES: ((run: string) => string)[] = [
  (run) => `a${run}b`,
  (run) =>
    `Sonny Leggett said “insurgents carried out${run}43 attacks on checkpoints,” the spokesman added.${run}— Jo Bloggs (@jobloggs) March 3, 2021`,
  (run) => `“We will not be bound by the deal,”${run}Zabihullah Mujahid told AFP${run}on Tuesday.`,
  (run) => `Insurgents had carried out 43 attacks, ${run} the ministry said. ${run}`,
];

const textCase = fc.record({ piece, template: fc.constantFrom(...TEMPLATES) });
const textOf =
  ({ piece, template }: { piece: string; template: (run: string) => string }) =>
  (size: number) =>
    template(piece.repeat(Math.ceil(size / piece.length)).slice(0, size));

// ---- the paths -----------------------------------------------------------------------------

/** Every word the query asks for, known to the index: the query builder has them all to pick from. */
function queryWords(text: string): string | null {
  const query = prepareQuery({ text });
  const docFreq = new Map(indexTerms(query).map((t) => [t.stem, 1]));
  return ftsQuery(pickTerms(query, { size: 1000, docFreq }));
}

const CORPUS: Corpus = { size: 1000, docFreq: new Map(), unknownIdf: Math.log(100) };

/** The rerank of one stored claim whose text is the text, and whose context has its words in the
 * other order (so that a long name of the query is found in it only word by word). */
function rerankAgainst(text: string) {
  return rerank(
    { text, speakerName: "Sonny Leggett" },
    [
      {
        id: "clm_x",
        text: text.slice(0, 5_000),
        context: text.split(" ").reverse().join(" "),
        speakerId: null,
        speakerName: "Sonny Leggett",
        statedAt: "2021-03-03",
        bm25: 1,
      },
    ],
    CORPUS,
  );
}

/** What an article's preview reads: its candidates, their sentences and duplicate keys. */
function articleContexts(text: string) {
  const candidates = extractClaims(text);
  const contexts = contextsOf(text, candidates);
  return claimDedupeKeys(candidates.map((c, i) => ({ text: c.text, context: contexts[i] ?? null })));
}

const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;
const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

const PATHS: Record<string, Path> = {
  "match: the query's words (links, signature, handles, stems)": (text) => prepareQuery({ text }),
  "match: the index query built from them": queryWords,
  "match: the rerank of a claim holding the text": (text) => rerankAgainst(text),
  "extraction (POST /extract, the /import preview)": extractClaims,
  "the /import preview's sentences and duplicate keys": articleContexts,
  "check-worthiness (POST /worthiness, every candidate)": (text) => worthiness(text),
  "normaliseText and the duplicate key's quote": (text) => [normaliseText(text), normaliseQuote(text)],
  "slugFor (public pages)": (text) => slugFor("clm_01JNDX8Y3T6M5V0A7K2Q9R4B1C", text),
  "CSV import": (text) => importRows("csv", `text,context,speaker_name\r\n${csvCell(text)},${csvCell(text)},A\r\n`),
  "CSV import: the header row": (text) => importRows("csv", `text,${text}\r\nx\r\n`),
  "NDJSON import": (text) =>
    importRows(
      "ndjson",
      `${JSON.stringify({ text: text.slice(0, 5_000), context: text, speaker: { name: "A" }, source: { title: "T" } })}\n`,
    ),
  "search (q)": toFtsQuery,
  "the re-check's HTML to text": async (text) => [
    await htmlToText(new TextEncoder().encode(`<p>${escapeHtml(text)}</p><p>${text}</p>`), "text/html; charset=utf-8"),
    decodeEntities(text),
  ],
  // Once: its non-ASCII characters come out nine times as long.
  "url canonicalisation": (text) => canonicalUrl(`https://www.example.com/${text}/?utm_source=x#x`),
};

describe("every text path takes linear time on runs of spaces, punctuation and quote marks", () => {
  for (const [name, path] of Object.entries(PATHS)) {
    const runs = runsFor(0.004);
    it(
      name,
      async () => {
        await fc.assert(
          fc.asyncProperty(textCase, async (c) => {
            const failed = await superLinear(path, textOf(c));
            expect(failed, `${name}, a run of ${JSON.stringify(c.piece)}: ${JSON.stringify(textOf(c)(40))}`).toBeNull();
          }),
          fcParams(runs),
        );
      },
      30_000 + runs * 5_000,
    );
  }
});

// The runs that found a fault (issue 20), each on the path it was found on (between two letters,
// or twice in the post with its signature), every time the suite runs.
const FOUND: [path: string, piece: string, where: string, template: number][] = [
  ["match: the query's words (links, signature, handles, stems)", " ", "the signature's pattern (cubic)", 0],
  ["match: the query's words (links, signature, handles, stems)", "\t", "the signature's pattern (cubic)", 0],
  ["match: the query's words (links, signature, handles, stems)", "a-", "a bare link's pattern (quadratic)", 0],
  ["match: the query's words (links, signature, handles, stems)", "y", "the stemmer's rule for y (quadratic)", 0],
  ["match: the rerank of a claim holding the text", "Ab Cd Ef ", "the names' longest run (cubic)", 0],
  ["the /import preview's sentences and duplicate keys", "“Yes,” he said, ", "each sentence read per quote", 1],
  ["normaliseText and the duplicate key's quote", ".", "the quote's trailing punctuation (quadratic)", 0],
];

describe("the runs that were super-linear once", () => {
  for (const [name, piece, where, template] of FOUND) {
    it(`${name}: ${JSON.stringify(piece)}, ${where}`, async () => {
      const around = TEMPLATES[template] as (run: string) => string;
      expect(await superLinear(PATHS[name] as Path, textOf({ piece, template: around }))).toBeNull();
    }, 60_000);
  }

  it("CSV import: a header row of many columns, each named once (columns given twice: quadratic)", async () => {
    const header = (size: number) =>
      Array.from({ length: size / 5 }, (_, i) => `c${i}`)
        .join(",")
        .slice(0, size);
    expect(await superLinear(PATHS["CSV import: the header row"] as Path, header)).toBeNull();
  }, 60_000);
});
