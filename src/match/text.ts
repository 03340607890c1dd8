// Preparing a claim's text for matching: what is noise in a post (links, handles' "@", the
// signature a copied tweet ends with) goes, what carries the assertion stays, and every word
// becomes the stem the match index stores (porter.ts), so both sides compare alike.
import { porterStem } from "./porter";

export interface PreparedText {
  /** Content words in order (lower case, no stop words), as a reader would see them. */
  words: string[];
  /** The stem of each content word (same order, same length as `words`). */
  stems: string[];
  /** Adjacent content stems, "a b". */
  bigrams: Set<string>;
  /** Numerals, normalised ("1,200" → "1200", "4.50" → "4.5"). */
  numbers: string[];
  /** Capitalised word sequences (people, places, organisations), lower case. */
  names: string[];
  /** Says "not", "never", "no", "n't"… */
  negated: boolean;
  /** The name in a trailing "— Name (@handle) Month D, YYYY" signature: a possible speaker. */
  signatureName: string | null;
  /** The signature's date (when the post was made), or null. */
  signatureDate: MonthOfYear | null;
  /** The months and years the text mentions ("in August 2019", "Aug. 21, 2019", "2016"). */
  dates: MonthOfYear[];
}

/** A month of a year, or a year alone (month null). */
export interface MonthOfYear {
  year: number;
  month: number | null;
}

// Function words and the words every claim and post has; they match everything and say nothing.
const STOP_WORDS = new Set(
  (
    "a about above after again against all also am an and any are aren as at be because been before being below " +
    "between both but by can could couldn d did didn do does doesn doing don down during each few for from further " +
    "had hadn has hasn have haven having he her here hers herself him himself his how i if in into is isn it its " +
    "itself just ll m ma me more most mustn my myself needn now o of off on once only or other our ours ourselves " +
    "out over own re s same shan she should shouldn so some such t than that the their theirs them themselves then " +
    "there these they this those through to too under until up ve very was wasn we were weren what when where which " +
    "while who whom why will with won would wouldn y you your yours yourself yourselves via amp rt says said say " +
    "just like get got us"
  ).split(" "),
);

// Negation is kept apart from the stop words: it turns an assertion around.
const NEGATIONS = new Set(["not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot"]);
const NEGATED_CONTRACTION = /\b\w+n['’]t\b/i;

/** Splits camel case and letter/digit runs: "IranUsa" → "Iran Usa", "COVID19" → "COVID 19". */
export function splitCamel(word: string): string {
  return word
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2")
    .replace(/(\p{L})(\p{N})/gu, "$1 $2")
    .replace(/(\p{N})(\p{L})/gu, "$1 $2");
}

const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
const MONTH_NAMES = MONTHS.toLowerCase().split("|");
// "August 2019", "Aug. 21, 2019", "21 August 2019", or a year alone.
const DATE_MENTION = new RegExp(
  `\\b(?:(${MONTHS}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?)?((?:19|20)\\d\\d)\\b`,
  "giu",
);

/** The months and years a text mentions. */
export function datesIn(text: string): MonthOfYear[] {
  const out: MonthOfYear[] = [];
  for (const m of text.matchAll(DATE_MENTION)) {
    const month = m[1]
      ? MONTH_NAMES.findIndex((name) => name.startsWith(m[1]?.toLowerCase().slice(0, 3) ?? "")) + 1
      : 0;
    out.push({ year: Number(m[2]), month: month > 0 ? month : null });
  }
  return out;
}
// "— Name (@handle) January 6, 2020" at the end of a copied post (any dash, or none). One pattern,
// (?:^|\s)[—–-]?\s*([^—–()\n]{1,80}?)\s*\(@(\w{1,30})\)\s*(date)?\s*$, searched from the text's
// start, tried every way of sharing a run of spaces between its \s* and the name: 8 s for "a",
// 1,000 spaces and "b". It is read back from the handle instead (signatureAt), finding the same.
const SIGNATURE_TAIL = new RegExp(`^\\(@(\\w{1,30})\\)(?:\\s*((?:${MONTHS})\\s+\\d{1,2},\\s+\\d{4}))?\\s*$`, "u");
/** What the signature's name may not hold, and the dashes that may open the signature. */
const NOT_IN_NAME = "—–()\n";
const DASHES = "—–-";
const MAX_NAME = 80;
const SPACE = /\s/u;
const isSpace = (ch: string | undefined) => ch !== undefined && SPACE.test(ch);

/** The trailing signature: where it starts, its name as written and its date. The pattern above
 * matched at the leftmost start: the text's start or a space, then maybe a dash, then spaces and a
 * name of 1 to 80 characters without dashes, brackets or line breaks, then spaces and the handle.
 * Each step here reads a run once, so the work is linear in the text. */
function signatureAt(body: string): { index: number; name: string; date: string | undefined } | null {
  // No "(" follows the handle, and the name holds none: the handle is the text's last "(@".
  const open = body.lastIndexOf("(@");
  if (open < 0) return null;
  const tail = SIGNATURE_TAIL.exec(body.slice(open));
  if (!tail) return null;
  // The name's words end at `end`. A name may start anywhere from `from` on: the words must fit in 80
  // characters (code points) without a dash, bracket or line break, and only spaces may stand between `from` and them.
  let end = open;
  while (end > 0 && isSpace(body[end - 1])) end--;
  let from = end;
  for (let chars = 0; from > 0 && chars < MAX_NAME && !NOT_IN_NAME.includes(body[from - 1] as string); chars++)
    from -= from > 1 && (body.codePointAt(from - 2) as number) > 0xffff ? 2 : 1;
  while (from > 0 && isSpace(body[from - 1])) from--;
  // A name of spaces alone is one space that is not a line break: the last such before the handle.
  let last = open - 1;
  while (last >= end && body[last] === "\n") last--;
  const fits = (at: number) => at >= from && at <= last;
  const dashAt = (at: number) => DASHES.includes(body[at] as string);
  // The first start the pattern could use: the text's start, or a space (each then maybe a dash).
  for (let s = from > 2 ? from - 2 : 0; s <= last; s++) {
    const starts: number[] = [];
    if (s === 0) starts.push(...(dashAt(0) ? [1] : []), 0);
    if (isSpace(body[s])) starts.push(...(dashAt(s + 1) ? [s + 2] : []), s + 1);
    const at = starts.find(fits);
    if (at !== undefined) return { index: s, name: body.slice(at, open), date: tail[2] };
  }
  return null;
}
// Links, also glued to the word before them as copied posts have them ("#Dorianpic.twitter.com/…").
// A bare domain's name is one DNS label, at most 63 characters: unbounded, the search read on from
// every word start of a long "a-b-c-…" to its end, quadratic in its length.
const URL = /(?:https?:\/\/|www\.)\S+|pic\.twitter\.com\/\S+|\b[a-z0-9-]{1,63}\.(?:com|org|net|ly|co)\/\S*/giu;

/** The text without links and signature, handles and hashtags turned into words; and the
 * signature's name when there is one. */
export function stripNoise(text: string): {
  text: string;
  signatureName: string | null;
  signatureDate: MonthOfYear | null;
} {
  let body = text.normalize("NFKC").replace(URL, " ");
  let signatureName: string | null = null;
  let signatureDate: MonthOfYear | null = null;
  const signature = signatureAt(body);
  if (signature) {
    signatureName =
      signature.name
        .replace(/[^\p{L}\p{N}' .-]/gu, " ")
        .replace(/\s+/g, " ")
        .trim() || null;
    signatureDate = signature.date ? (datesIn(signature.date)[0] ?? null) : null;
    body = body.slice(0, signature.index);
  }
  // "@RealDonaldTrump" and "#IranUsa" say words: split them on case.
  body = body.replace(/[@#]([\p{L}\p{N}_]+)/gu, (_, tag: string) => ` ${splitCamel(tag.replace(/_/g, " "))} `);
  return { text: body, signatureName, signatureDate };
}

/** A word as the index's tokenizer sees it (unicode61, diacritics removed, lower case). */
function fold(word: string): string {
  if (/^[A-Za-z0-9]*$/.test(word)) return word.toLowerCase();
  return word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

interface Token {
  token: string;
  capital: boolean;
  sentenceStart: boolean;
  /** Punctuation stands between it and the word before ("Port Avery, Mayor…"). */
  afterBreak: boolean;
}

/** The index's tokens of a text, each with whether it began with a capital. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  let sentenceStart = true;
  let afterBreak = true;
  for (const m of text.matchAll(/[\p{L}\p{N}]+|[.!?:;"“”,()[\]—–]/gu)) {
    const raw = m[0];
    if (!/^[\p{L}\p{N}]/u.test(raw)) {
      if (/[.!?:;"“”]/.test(raw)) sentenceStart = true;
      afterBreak = true;
      continue;
    }
    out.push({ token: fold(raw), capital: /^\p{Lu}/u.test(raw), sentenceStart, afterBreak });
    sentenceStart = false;
    afterBreak = false;
  }
  return out;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

function normaliseNumber(raw: string): string {
  const plain = raw.replace(/,/g, "");
  const n = Number(plain);
  return Number.isFinite(n) ? String(n) : plain;
}

/** The words, stems, phrases, numbers, names and negation of a text (a query or a stored claim). */
export function prepare(input: string, options: { signature?: boolean } = {}): PreparedText {
  const { text, signatureName, signatureDate } =
    options.signature === false ? { text: input, signatureName: null, signatureDate: null } : stripNoise(input);
  const words: string[] = [];
  const stems: string[] = [];
  const names: string[] = [];
  let name: string[] = [];
  let nameOpensSentence = false;
  const endName = () => {
    // One capitalised word opening a sentence is just a sentence's first word.
    if (name.length > 1 || (name.length === 1 && !nameOpensSentence)) names.push(name.join(" "));
    name = [];
  };
  for (const t of tokens(text)) {
    const stop = STOP_WORDS.has(t.token) || NEGATIONS.has(t.token);
    // A capitalised word starts or continues a name unless it is a function word opening a sentence.
    if (t.afterBreak) endName();
    if (t.capital && !stop && !/^\p{N}/u.test(t.token)) {
      if (name.length === 0) nameOpensSentence = t.sentenceStart;
      name.push(t.token);
    } else endName();
    if (stop || t.token.length < 2) continue;
    words.push(t.token);
    stems.push(porterStem(t.token));
  }
  endName();
  const bigrams = new Set<string>();
  for (let i = 1; i < stems.length; i++) bigrams.add(`${stems[i - 1]} ${stems[i]}`);
  const numbers = [
    ...new Set(
      (text.match(/(?<![\p{L}\p{N}.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\p{L}\p{N}.])\d+(?:\.\d+)?/gu) ?? []).map(
        normaliseNumber,
      ),
    ),
  ];
  const lower = text.toLowerCase();
  const negated = NEGATED_CONTRACTION.test(text) || (lower.match(/[\p{L}]+/gu) ?? []).some((w) => NEGATIONS.has(w));
  return {
    words,
    stems,
    bigrams,
    numbers,
    names: [...new Set(names)],
    negated,
    signatureName,
    signatureDate,
    dates: datesIn(text),
  };
}
