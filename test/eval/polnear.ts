// PolNeAR direct quotes (../shared/data/polnear-quotes, outside the project: evaluation data that must
// never be copied in): loading, the study / blind split, and scoring. The split is by a hash of the
// article id, so it is the same on every run and machine: rules are studied on the study part only,
// and the blind part is only scored.

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Candidate, PARTIAL_QUOTE } from "../../src/extract";

export const POLNEAR_DIR = path.resolve(import.meta.dirname, "../../../shared/data/polnear-quotes");
const FILE = path.join(POLNEAR_DIR, "train.jsonl");
/** PolNeAR's own dev split: a blind set, scored once per round and never read for misses. */
const DEV_FILE = path.join(POLNEAR_DIR, "dev.jsonl");

export interface PolnearQuote {
  start: number;
  end: number;
  text: string;
  speaker_mention: string | null;
  cue: string | null;
  attribution: string;
  mark: string;
}

export interface PolnearArticle {
  id: string;
  publisher: string;
  text: string;
  quotes: PolnearQuote[];
}

export type PolnearPart = "study" | "blind" | "dev";

/** FNV-1a of the id: a third of the articles (hash mod 3 = 0) are blind. */
export function partOf(id: string): PolnearPart {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % 3 === 0 ? "blind" : "study";
}

/** The articles of one part, or null when the data is not there. */
export function loadPolnear(part: PolnearPart): PolnearArticle[] | null {
  const file = part === "dev" ? DEV_FILE : FILE;
  if (!existsSync(file)) return null;
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as PolnearArticle)
    .filter((a) => part === "dev" || partOf(a.id) === part);
}

/** The article as a British paper would print it, quoting with single marks (“ ” " become ‘ ’ '), to
 * score the extractor's reading of that style; the offsets stay. Its own single marks stay as they are
 * (apostrophes, and nested quotes that British copy would write with double marks: a harder text than
 * the real one). NYT texts quote with two apostrophes and are left out. */
export function inSingleMarks(article: PolnearArticle): PolnearArticle | null {
  if (article.text.includes("''")) return null;
  const swap: Record<string, string> = { "“": "‘", "”": "’", '"': "'" };
  return { ...article, text: article.text.replace(/["“”]/g, (m) => swap[m] as string) };
}

/** The gold spans as the extractor reports them: a quote over several paragraphs is one span (PolNeAR
 * has a row per paragraph, the non-final ones ending with their paragraph), so the rows of one
 * attribution with only a paragraph break and quote marks between them are joined. */
export function goldSpans(article: PolnearArticle): PolnearQuote[] {
  const rows = [...article.quotes].sort((a, b) => a.start - b.start);
  const out: PolnearQuote[] = [];
  for (const q of rows) {
    const prev = out.at(-1);
    const between = prev ? article.text.slice(prev.end, q.start) : "";
    if (prev && prev.attribution === q.attribution && /\n/.test(between) && /^[\s"“”']*$/.test(between)) {
      out[out.length - 1] = { ...prev, end: q.end, text: article.text.slice(prev.start, q.end) };
    } else out.push(q);
  }
  return out;
}

const PRONOUN = /^(?:he|she|it|they|i|we|him|her|them|who|which|that|you)$/i;
const IGNORED = new Set(
  "the a an mr mrs ms dr sen rep gov gen prof professor justice judge president senator governor former".split(" "),
);

/** The capitalised words of a mention's head (before a comma, "who", "of"): what names the speaker. */
function nameWords(mention: string): string[] {
  const head = mention.split(/,|\s(?:who|of|for|at|from)\s/)[0] ?? "";
  return head
    .replace(/['’]s\b/g, "")
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}-]/gu, ""))
    .filter((w) => /^\p{Lu}/u.test(w) && !IGNORED.has(w.toLowerCase()));
}

/** Whether the gold mention names someone (rather than being a pronoun or a bare description). */
export function isName(mention: string | null): boolean {
  return mention !== null && !PRONOUN.test(mention.trim()) && nameWords(mention).length > 0;
}

/** The extracted speaker agrees with a mention as written when the words of one name are among the
 * other's ("Trump" / "Mr. Trump" / "Donald J. Trump"): mentions are not resolved in the data. This is
 * the lenient check; the comma part of the mention that agrees is returned, or null. */
function agreeingPart(extracted: string | null, mention: string): string | null {
  if (extracted === null) return null;
  const got = new Set(nameWords(extracted).map((w) => w.toLowerCase()));
  // Each comma-separated part of the mention may be the name ("the LinkedIn chief executive, Jeff Weiner").
  for (const part of mention.split(",")) {
    const want = new Set(nameWords(part).map((w) => w.toLowerCase()));
    if (got.size === 0 || want.size === 0) continue;
    if ([...got].every((w) => want.has(w)) || [...want].every((w) => got.has(w))) return part;
  }
  return null;
}

export function agrees(extracted: string | null, mention: string): boolean {
  return agreeingPart(extracted, mention) !== null;
}

// Capitalised words before a surname that are no first names: sentence openers, titles, parties.
const NOT_FIRST_NAME = new Set(
  (
    "but and or when if as in on at for with said says told asked while after before then so because since " +
    "though although unlike like by from to of that this candidate nominee republican republicans democrat " +
    "democrats democratic gop rival vice first lady secretary speaker leader chairman rep sen gov pres sir"
  ).split(" "),
);

/** The first names written before `surname` in the article ("Donald Trump", "Donald J. Trump"), without
 * words that also appear in lower case there (a common word, not a name). */
function firstNamesIn(text: string, surname: string, lowerWords: Set<string>): Set<string> {
  const escaped = surname.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const out = new Set<string>();
  const pattern = `(?<![\\p{L}-])(\\p{Lu}[\\p{Ll}'’]+(?:-\\p{L}[\\p{Ll}'’]+)*)\\s+(?:\\p{Lu}\\.\\s+)?${escaped}\\b`;
  for (const m of text.matchAll(new RegExp(pattern, "gu"))) {
    const w = (m[1] as string).toLowerCase();
    if (!NOT_FIRST_NAME.has(w) && !IGNORED.has(w) && !lowerWords.has(w)) out.add(w);
  }
  return out;
}

const SUFFIX = /^(?:jr|sr|ii|iii|iv)\.?$/i;

/** The surname and the given name before it (initials skipped) of a name as written: the last
 * capitalised word of its head, and the capitalised word before it ("Sanders campaign manager Jeff
 * Weaver" → Weaver, Jeff; "Donald J. Trump" → Trump, Donald; "Mr. Trump" → Trump, none). */
function nameParts(mention: string): { surname: string; given: string | null } | null {
  const head = (mention.split(/,|\s(?:who|of|for|at|from)\s/)[0] ?? "").replace(/\([^)]*\)/g, " ");
  const words = head
    .replace(/['’]s\b/g, "")
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}.-]/gu, ""))
    .filter((w) => w && !SUFFIX.test(w));
  let i = words.length - 1;
  while (i >= 0 && !/^\p{Lu}/u.test(words[i] as string)) i--;
  if (i < 0) return null;
  const surname = (words[i] as string).replace(/\.$/, "").toLowerCase();
  i--;
  while (i >= 0 && /^\p{Lu}\.?$/u.test(words[i] as string)) i--;
  const before = words[i];
  const given =
    before && /^\p{Lu}\p{Ll}/u.test(before) && !IGNORED.has(before.toLowerCase().replace(/\.$/, ""))
      ? before.toLowerCase()
      : null;
  return { surname, given };
}

/** A name's given name as written, else the one given name the article writes before its surname;
 * undefined when the text does not decide it. */
function givenName(
  parts: { surname: string; given: string | null },
  text: string,
  lowerWords: Set<string>,
): string | undefined {
  if (parts.given) return parts.given;
  const surname = text.match(new RegExp(`\\b${parts.surname.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i"))?.[0];
  const names = surname ? firstNamesIn(text, surname, lowerWords) : new Set<string>();
  return names.size === 1 ? [...names][0] : undefined;
}

/** The strict check: agreement as above, the same surname, and the given names not different where
 * the text decides them ("Ivanka Trump" is not "Donald Trump"; "Trump" is whoever the article's only
 * Trump is; "Sanders" is not "Sanders campaign manager Jeff Weaver"). */
export function speakerVerdict(
  extracted: string | null,
  mention: string,
  text: string,
  lowerWords: Set<string>,
): { lenient: boolean; strict: boolean; decided: boolean } {
  if (agreeingPart(extracted, mention) === null) return { lenient: false, strict: false, decided: true };
  const got = nameParts(extracted as string);
  let undecided = false;
  for (const part of mention.split(",")) {
    if (agreeingPart(extracted, part) === null) continue;
    const want = nameParts(part);
    if (!got || !want) continue;
    // One word may be the first of the name: a family name written first ("Mr. Lou" for Lou Jiwei), or a
    // first name alone ("Tom" for Tom Ebeling).
    if (!want.given && want.surname === nameWords(extracted as string)[0]?.toLowerCase()) {
      return { lenient: true, strict: true, decided: true };
    }
    if (got.surname !== want.surname) continue;
    const a = givenName(got, text, lowerWords);
    const b = givenName(want, text, lowerWords);
    if (a === undefined || b === undefined) undecided = true;
    else if (a === b) return { lenient: true, strict: true, decided: true };
  }
  return { lenient: true, strict: undecided, decided: !undecided };
}

const GENDERED_PRONOUN = /^(?:he|him|she|her)$/i;
type Gender = "m" | "f";
const pronounGender = (mention: string): Gender => (/^(?:he|him)$/i.test(mention.trim()) ? "m" : "f");
const FEMALE_WORD =
  /\b(?:mrs|ms|miss|spokeswoman|chairwoman|congresswoman|businesswoman|actress|mother|wife|daughter|sister|queen|princess|first lady)\b/i;
const MALE_WORD = /\b(?:mr|spokesman|chairman|congressman|businessman|actor|father|husband|son|brother|king|prince)\b/i;

/** Gender by surname, as the study part's annotations show it plainly: a gendered-pronoun quote in the
 * same paragraph as the named quote just before it (nothing else is quoted between, so the pronoun is
 * that name's). A surname seen with both pronouns, neither three times as often as the other, is null. Learned from the study part only,
 * whatever part is scored. */
export type Genders = Map<string, Gender | null>;

const paragraphIndex = (text: string) => {
  const breaks = Array.from(text.matchAll(/\n\s*\n|\n/g), (m) => m.index);
  return (at: number) => {
    let n = 0;
    while (n < breaks.length && (breaks[n] as number) < at) n++;
    return n;
  };
};

export function learnGenders(articles: PolnearArticle[]): Genders {
  const learned: Genders = new Map();
  const counts = new Map<string, { m: number; f: number }>();
  for (const article of articles) {
    const labels = goldSpans(article);
    const paragraphOf = paragraphIndex(article.text);
    for (const [i, label] of labels.entries()) {
      const mention = label.speaker_mention?.trim() ?? "";
      const previous = labels[i - 1];
      if (!GENDERED_PRONOUN.test(mention) || !previous || !isName(previous.speaker_mention)) continue;
      if (paragraphOf(previous.start) !== paragraphOf(label.start)) continue;
      const surname = nameParts(previous.speaker_mention as string)?.surname;
      if (!surname) continue;
      const count = counts.get(surname) ?? { m: 0, f: 0 };
      count[pronounGender(mention)]++;
      counts.set(surname, count);
    }
  }
  // The gender used at least three times as often as the other (annotation slips happen), else unknown.
  for (const [surname, { m, f }] of counts) learned.set(surname, m >= 3 * f ? "m" : f >= 3 * m ? "f" : null);
  return learned;
}

/** A named mention's gender where the data makes it plain: an honorific or a gendered role in the
 * mention, else "Mr./Mrs./Ms. <surname>" in the article (only one of them), else the study part's. */
function nameGender(mention: string, text: string, genders: Genders): Gender | null {
  const head = mention.split(",")[0] ?? "";
  if (FEMALE_WORD.test(head)) return "f";
  if (MALE_WORD.test(head)) return "m";
  const surname = nameParts(mention)?.surname;
  if (!surname) return null;
  const escaped = surname.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const seen = new Set(
    Array.from(text.matchAll(new RegExp(`\\b(Mr|Mrs|Ms|Miss)\\.?\\s+${escaped}\\b`, "giu")), (m) =>
      /^mr$/i.test(m[1] as string) ? "m" : "f",
    ),
  );
  if (seen.size === 1) return [...seen][0] as Gender;
  return genders.get(surname) ?? null;
}

// Two capitalised words, the first no function word: someone's first and last name (or a place: counted
// all the same, so that fewer quotes are judged rather than some judged wrongly).
const FULL_NAME =
  /(?<![\p{L}.])(?!(?:The|A|An|In|On|At|But|And|For|As|If|When|While|After|Before|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|President|Former|Secretary|Speaker)\b)(\p{Lu}\p{Ll}+)\s+(\p{Lu}[\p{Ll}’'-]+)\b/gu;

/** The gold speaker of each quote whose mention is a gendered pronoun (he, she, him, her), where the data
 * leaves one candidate: among the people the annotators name as a source anywhere in the article (its
 * named mentions, by surname), those whose surname is written outside the gold quotes between the start
 * of the paragraph before and the quote, and whose gender (nameGender) is the pronoun's or not shown.
 * Exactly one such person, and no other first-and-last name written in that window: the pronoun's
 * speaker is that mention. Otherwise not judged (the article may mean someone it never names as a
 * source, or the data cannot tell which). Returns the
 * antecedent's mention by label index. */
export function pronounAntecedents(
  article: PolnearArticle,
  labels: PolnearQuote[],
  genders: Genders,
): Map<number, string> {
  const text = article.text;
  const out = new Map<number, string>();
  if (!labels.some((l) => GENDERED_PRONOUN.test(l.speaker_mention?.trim() ?? ""))) return out;
  // The gold quotes blanked (same length): a name inside a quote is no one being introduced.
  let blanked = text;
  for (const l of article.quotes)
    blanked = blanked.slice(0, l.start) + " ".repeat(l.end - l.start) + blanked.slice(l.end);
  const sources = new Map<string, string | null>();
  for (const l of labels) {
    // A description with capitals in it ("the Florida senator") names no one by a surname.
    if (!isName(l.speaker_mention) || /^\p{Ll}/u.test(l.speaker_mention?.trim() ?? "")) continue;
    const surname = nameParts(l.speaker_mention as string)?.surname;
    if (!surname || surname.length < 2) continue;
    // Two people of one surname (given names that differ): the surname cannot tell which.
    const given = nameParts(l.speaker_mention as string)?.given;
    const kept = sources.get(surname);
    const keptGiven = kept ? nameParts(kept)?.given : undefined;
    if (kept === undefined) sources.set(surname, l.speaker_mention as string);
    else if (kept && given && keptGiven && given !== keptGiven) sources.set(surname, null);
  }
  const paragraphStarts = [0, ...Array.from(text.matchAll(/\n\s*/g), (m) => m.index + m[0].length)];
  for (const [i, label] of labels.entries()) {
    const mention = label.speaker_mention?.trim() ?? "";
    if (!GENDERED_PRONOUN.test(mention)) continue;
    const want = pronounGender(mention);
    const starts = paragraphStarts.filter((at) => at <= label.start);
    const from = starts.at(-2) ?? 0;
    const window = blanked.slice(from, label.start);
    const found: string[] = [];
    for (const [surname, named] of sources) {
      if (named === null) {
        if (new RegExp(`\\b${surname}\\b`, "iu").test(window)) found.push("", "");
        continue;
      }
      const escaped = surname.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      if (!new RegExp(`\\b${escaped}\\b`, "iu").test(window)) continue;
      const gender = nameGender(named, text, genders);
      if (gender === null || gender === want) found.push(named);
    }
    if (found.length !== 1) continue;
    // Someone else written with a first and last name in the window may be the one meant (a person the
    // annotators never name as a source): then the data cannot tell, and the quote is not judged.
    const surname = nameParts(found[0] as string)?.surname;
    const others = Array.from(window.matchAll(FULL_NAME), (m) => m[2]?.toLowerCase()).filter(
      (last) => last !== surname,
    );
    if (others.length === 0) out.set(i, found[0] as string);
  }
  return out;
}

export interface PolnearScore {
  /** Partial quotes proposed, not scored. */
  partial: number;
  labels: number;
  predicted: number;
  exact: number;
  overlap: number;
  /** Strict speaker agreement (first names must not differ where the text decides them). */
  speakerRight: number;
  /** The lenient one: one name's words among the other's. */
  speakerLenient: number;
  /** Speakers that agree leniently whose first names the text does not decide (strict counts them right). */
  speakerUndecided: number;
  speakerJudged: number;
  /** Quotes whose gold mention is a gendered pronoun, judged against its antecedent (pronounAntecedents). */
  pronounJudged: number;
  pronounRight: number;
  /** Gendered-pronoun mentions the data leaves no single antecedent for (pronounAntecedents): not judged. */
  pronounUnresolved: number;
  /** Matched proposals whose speaker the extractor marks unresolved. */
  unresolved: number;
  /** Partial quotes that overlap a gold quote (scoring partials as proposals would make them matches). */
  partialMatching: number;
  /** Each proposed quote's confidence and whether it was right (overlaps a gold quote, speaker not wrong). */
  judged: { confidence: number; right: boolean; rightNamesOnly: boolean }[];
  misses: string[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

const snippet = (text: string, start: number, end: number) =>
  JSON.stringify(text.slice(Math.max(0, start - 60), Math.min(text.length, end + 40)).replace(/\s+/g, " "));

export function scorePolnear(
  article: PolnearArticle,
  candidates: Candidate[],
  genders: Genders = new Map(),
): PolnearScore {
  const labels = goldSpans(article);
  // PolNeAR's convention leaves partial quotes out ('said he was "looking forward to it"'); the
  // extractor proposes them too (the project's labels count them) and marks them, so they are not scored.
  const quotes = candidates.filter((c) => c.kind === "direct_quote");
  const predicted = quotes.filter((c) => !c.reasons.includes(PARTIAL_QUOTE));
  const s: PolnearScore = {
    partial: quotes.length - predicted.length,
    labels: labels.length,
    predicted: predicted.length,
    exact: 0,
    overlap: 0,
    speakerRight: 0,
    speakerLenient: 0,
    speakerUndecided: 0,
    speakerJudged: 0,
    pronounJudged: 0,
    pronounRight: 0,
    pronounUnresolved: 0,
    unresolved: 0,
    partialMatching: 0,
    judged: [],
    misses: [],
  };
  const lowerWords = new Set(article.text.match(/\b\p{Ll}[\p{Ll}'’-]*/gu) ?? []);
  const verdict = new Map<Candidate, boolean>();
  const namesOnly = new Map<Candidate, boolean>();
  const antecedents = pronounAntecedents(article, labels, genders);
  for (const [li, label] of labels.entries()) {
    const exact = predicted.find((p) => !verdict.has(p) && p.start === label.start && p.end === label.end);
    const match = exact ?? predicted.find((p) => !verdict.has(p) && overlaps(p, label));
    if (!match) {
      s.misses.push(`  missed: ${snippet(article.text, label.start, label.end)}`);
      continue;
    }
    s.overlap++;
    if (exact) s.exact++;
    let right = true;
    if (isName(label.speaker_mention)) {
      s.speakerJudged++;
      const v = speakerVerdict(match.speaker?.name ?? null, label.speaker_mention as string, article.text, lowerWords);
      right = v.strict;
      if (v.lenient) s.speakerLenient++;
      if (!v.decided) s.speakerUndecided++;
      if (right) s.speakerRight++;
      else
        s.misses.push(
          `  speaker: got ${match.speaker?.name ?? "null"}, want ${label.speaker_mention} (${match.confidence}): ${snippet(article.text, label.start, label.end)}`,
        );
    }
    namesOnly.set(match, right);
    if (match.speaker_resolved === false) s.unresolved++;
    const antecedent = antecedents.get(li);
    if (antecedent !== undefined) {
      s.pronounJudged++;
      const v = speakerVerdict(match.speaker?.name ?? null, antecedent, article.text, lowerWords);
      right = v.strict;
      if (right) s.pronounRight++;
      else
        s.misses.push(
          `  pronoun: got ${match.speaker?.name ?? "null"}, want ${antecedent} (${label.speaker_mention}, ${match.confidence}): ${snippet(article.text, label.start, label.end)}`,
        );
    } else if (GENDERED_PRONOUN.test(label.speaker_mention?.trim() ?? "")) s.pronounUnresolved++;
    verdict.set(match, right);
  }
  s.partialMatching = quotes.filter(
    (p) => p.reasons.includes(PARTIAL_QUOTE) && labels.some((label) => overlaps(p, label)),
  ).length;
  for (const p of predicted) {
    const right = verdict.get(p) ?? false;
    s.judged.push({ confidence: p.confidence, right, rightNamesOnly: namesOnly.get(p) ?? false });
    if (!verdict.has(p)) s.misses.push(`  extra (${p.confidence}): ${snippet(article.text, p.start, p.end)}`);
  }
  return s;
}

export function sumPolnear(scores: PolnearScore[]): PolnearScore {
  const total: PolnearScore = {
    partial: 0,
    labels: 0,
    predicted: 0,
    exact: 0,
    overlap: 0,
    speakerRight: 0,
    speakerLenient: 0,
    speakerUndecided: 0,
    speakerJudged: 0,
    pronounJudged: 0,
    pronounRight: 0,
    pronounUnresolved: 0,
    unresolved: 0,
    partialMatching: 0,
    judged: [],
    misses: [],
  };
  const counts = [
    "partial",
    "labels",
    "predicted",
    "exact",
    "overlap",
    "speakerRight",
    "speakerLenient",
    "speakerUndecided",
    "speakerJudged",
    "pronounJudged",
    "pronounRight",
    "pronounUnresolved",
    "unresolved",
    "partialMatching",
  ] as const;
  for (const s of scores) {
    for (const k of counts) total[k] += s[k];
    total.judged.push(...s.judged);
  }
  return total;
}

/** Confidence bins and the share of their candidates that were right. */
export function reliability(judged: PolnearScore["judged"]): string[] {
  const namesOnly = judged.filter((j) => j.confidence >= 0.5);
  const namesRight = namesOnly.filter((j) => j.rightNamesOnly).length;
  const edges = [0, 0.3, 0.5, 0.7, 0.8, 0.9, 1.01];
  const lines = ["| confidence | candidates | right | precision |", "| ---------- | ---------- | ----- | --------- |"];
  for (let i = 0; i + 1 < edges.length; i++) {
    const lo = edges[i] as number;
    const hi = edges[i + 1] as number;
    const bin = judged.filter((j) => j.confidence >= lo && j.confidence < hi);
    const right = bin.filter((j) => j.right).length;
    const label = `${lo.toFixed(1)}–${hi > 1 ? "1.0" : hi.toFixed(1)}`;
    lines.push(`| ${label} | ${bin.length} | ${right} | ${bin.length ? (right / bin.length).toFixed(2) : "-"} |`);
  }
  const above = judged.filter((j) => j.confidence >= 0.5);
  const aboveRight = above.filter((j) => j.right).length;
  lines.push(
    `| ≥ 0.5 | ${above.length} | ${aboveRight} | ${above.length ? (aboveRight / above.length).toFixed(3) : "-"} |`,
  );
  lines.push(
    `(right = overlaps a gold quote and the speaker is not judged wrong, names and pronouns judged; names only, as before: ≥ 0.5 ${namesRight}/${namesOnly.length} = ${namesOnly.length ? (namesRight / namesOnly.length).toFixed(3) : "-"})`,
  );
  return lines;
}
