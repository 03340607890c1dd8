// Claim extraction: from an article's text to candidate claims (direct quotes and reported
// statements with numbers), each with its speaker, cue, offsets and a confidence with reasons.
// Rule-based and linear in the text's length, so it runs inside the Worker's CPU budget.

import { worthiness } from "../worthiness/model";
import { DOUBLE_QUOTE, findQuotes, maskQuotes, type QuoteSpan, quoteText } from "./quotes";
import { asDoubleQuotes } from "./single-quotes";
import {
  type Attribution,
  attributionAfter,
  attributionBefore,
  authorOfWords,
  bodyKind,
  bylineAfter,
  CueReader,
  capitalRuns,
  colonIntroduction,
  cuesIn,
  definiteDescription,
  firstAttribution,
  homesIn,
  indefiniteDescription,
  invertedBefore,
  lastBodyIn,
  type Mention,
  mannerBefore,
  NameRegistry,
  NOT_NAME,
  namesSomeone,
  openingSubject,
  PARTICIPLE_CUE,
  personDescribed,
  personNamedAfter,
  possessiveSpeaker,
  readSpeakerPhrase,
  SUBJECT_THEN_CUE,
  saidSentenceAfter,
  surnameOf,
  wordCount,
} from "./speakers";
import { findNumbers, reportedClause } from "./statistics";
import { bodyParagraphs, type Paragraph, sentenceStarts } from "./text";
import type { Candidate, ExtractedSpeaker } from "./types";

/** A candidate before its worthiness is scored (extractClaims scores them all at the end). */
type Proposal = Omit<Candidate, "worthiness">;

export type { Candidate, CandidateKind, ExtractedNumber, ExtractedSpeaker } from "./types";

interface Sentence {
  start: number;
  end: number;
  paragraph: number;
}

// Quoted names and titles are not quotes: a robot 'named "Robogee"', 'the website "Insurgency Wiki"'.
const NAMING_CUE =
  /(?:\b(?:named|called|titled|entitled|labell?ed|known as|as|word|words|term|website|site)|['’]s)\s*,?\s*$/i;

// Verbs whose object may be a whole quote with no comma before it ('shouting "she wins"', 'tweeted "Thank you"').
const QUOTE_OBJECT_VERBS = new Set(
  (
    "said says say saying wrote writes writing tweeted tweets tweeting posted asked asks added declared stated " +
    "replied yelled shouted shouting chanted chanting chants read reads reading echoing echoed mouthing mouthed " +
    "jeered exclaimed"
  ).split(" "),
);
// ... and pairs ending with the quote's object: 'told reporters "…"', 'chants of "…"'.
const TOLD = /^told$/i;
const NOUN_OF = /^(?:chants|cries|shouts|calls)$/i;
/** How far back a quote's lead is read. */
const LEAD = 30;

/** The word of `text` ending at `end` (after spaces), within `from`: [start, end] offsets. */
function wordBefore(text: string, from: number, end: number): [number, number] {
  let e = end;
  while (e > from && /\s/.test(text[e - 1] as string)) e--;
  let b = e;
  while (b > from && /[\p{L}\p{N}]/u.test(text[b - 1] as string)) b--;
  return [b, e];
}

/** Whether a speech verb whose object is the quote opening at `at` ends text.slice(at - LEAD, at): read
 * word by word from the mark (a pattern anchored at the end was tried from every character of the lead). */
function quoteObjectVerbBefore(text: string, at: number): boolean {
  const from = Math.max(0, at - LEAD);
  const [b1, e1] = wordBefore(text, from, at);
  if (b1 === e1) return false;
  const last = text.slice(b1, e1);
  if (QUOTE_OBJECT_VERBS.has(last.toLowerCase())) return true;
  const [b0, e0] = wordBefore(text, from, b1);
  if (b0 === e0 || e0 === b1) return false;
  const previous = text.slice(b0, e0);
  return TOLD.test(previous) || (NOUN_OF.test(previous) && /^of$/i.test(last));
}

/** The reason that marks a partial quote: verbatim words, but within the writer's sentence. */
export const PARTIAL_QUOTE = "partial quote, inside reported speech";

/** A quote run into its sentence's grammar ('he was "looking forward to it"', 'called it "a disaster"')
 * is a partial quote, part of reported speech rather than a direct quote: its opening mark follows a
 * word that is not a speech verb nor the end of a heading in capitals (`opening`: the quote's first letter). */
function isPartialQuote(text: string, at: number, opening: string): boolean {
  let e = at;
  while (e > Math.max(0, at - LEAD) && /\s/.test(text[e - 1] as string)) e--;
  // A new line, or a sentence closed inside brackets ("(He was not.) "…"), starts afresh.
  if (text.slice(e, at).includes("\n") || /[.!?]\)$/.test(text.slice(Math.max(0, e - 2), e))) return false;
  return (
    /[\p{L}\p{N}%’')\]]/u.test(text[e - 1] ?? "") &&
    e > at - LEAD &&
    !quoteObjectVerbBefore(text, at) &&
    !(CAPITALS_HEADING.test(text.slice(Math.max(0, e - 40), e)) && /^\p{Lu}/u.test(opening))
  );
}

// Two words in capitals at the end: a heading ("PEACE TALKS RESUME"), not one acronym ("the FBI"). A
// news digest's item is such a heading with no stop, then its quote as a sentence of its own
// ('WORLD MARKETS FALL "Stocks fell on Monday …"'): the quote does not continue the heading.
const CAPITALS_HEADING = /(?:^|[\s.:])\p{Lu}[\p{Lu}\p{N}’'-]+[\s,:]+\p{Lu}[\p{Lu}\p{N}’'-]+$/u;

// ', he said' · ' Mr. Rubio said' · ', said Ann Lee': a speaker and a speech verb right after a quote.
const SAID_RIGHT_AFTER =
  /^\s*,?\s*(?:(?:he|she|they|I|we|(?:the\s+)?\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})\s+)?(?:said|says|added|adds|asked|told|tells|wrote|writes|tweeted|recalled|explained|continued|replied|insisted)\b/u;

/** Title Case without closing punctuation: a title ("Anon declares war on Church of Scientology").
 * A sentence's first word is capitalised anyway, so it says nothing: '"Everything. Everything is on
 * the table," Carson said' is speech. */
function looksLikeTitle(words: string): boolean {
  if (/[.!?]["'’]?$/.test(words.trim())) return false;
  const long = words
    .split(/(?:^|[.!?]\s+)\S+/)
    .join(" ")
    .split(/\s+/)
    .filter((w) => w.replace(/\W/g, "").length >= 4);
  const capitalised = long.filter((w) => /^[A-Z0-9]/.test(w)).length;
  return capitalised >= 2 && capitalised / long.length >= 0.6;
}

/** A speech verb in the text; "called"/"dubbed" only with a subject ("has called it", not "a device called"). */
function hasCue(s: string): boolean {
  return cuesIn(s).some((m) => !/^(?:called|dubbed)/.test(m[0]) || endsWithSubject(s, m.index));
}

const SUBJECT_PRONOUN = /(?:^|\W)(?:has|have|had|he|she|it|they)$/;

/** Whether s.slice(0, end) ends with a subject and spaces: /(?:\b(?:has|…|they)|[A-Z]\w*,?)\s+$/, read
 * from the end (the pattern tried every capital of a long word again). */
function endsWithSubject(s: string, end: number): boolean {
  let word = end;
  while (word > 0 && /\s/.test(s[word - 1] as string)) word--;
  if (word === end) return false;
  if (SUBJECT_PRONOUN.test(s.slice(Math.max(0, word - 5), word))) return true;
  if (s[word - 1] === ",") word--;
  for (let i = word - 1; i >= 0 && /\w/.test(s[i] as string); i--) if (/[A-Z]/.test(s[i] as string)) return true;
  return false;
}

/** Whether s.slice(from, to) ends with a comma or colon and maybe spaces (/[,:]\s*$/), read from the end. */
function endsWithCommaOrColon(s: string, from: number, to: number): boolean {
  let end = to;
  while (end > from && /\s/.test(s[end - 1] as string)) end--;
  return end > from && /[,:]/.test(s[end - 1] as string);
}

/** Why a pull quote is not proposed as a claim of its own. */
export const REPEATED_QUOTE = "repeats a quote found elsewhere in the article (a pull quote)";

/** The words of a text in lower case, for comparing quotes whatever their punctuation. */
const wordsKey = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** A pull quote repeats words quoted in the body, whole or one of their sentences: the one with the
 * better attribution stays the claim, the others take its speaker, say so and drop below 0.5 (not
 * pre-ticked, so it is not filed twice). Linear: each quote and each of its sentences is keyed once. */
function markRepeats(candidates: Proposal[]): void {
  const quotes = candidates.filter((c) => c.kind === "direct_quote" && wordCount(c.text) >= 5);
  const bySentence = new Map<string, Proposal>();
  const better = (a: Proposal | undefined, b: Proposal) => (a && a.confidence >= b.confidence ? a : b);
  for (const c of quotes) {
    for (const part of c.text.split(/(?<=[.!?])\s+/)) {
      const key = wordsKey(part);
      if (wordCount(key) >= 5) bySentence.set(key, better(bySentence.get(key), c));
    }
  }
  for (const c of quotes) {
    const original = bySentence.get(wordsKey(c.text));
    if (!original || original === c || original.confidence < c.confidence) continue;
    c.speaker = original.speaker;
    c.cue = original.cue;
    c.confidence = Math.min(c.confidence, 0.3);
    c.reasons.push(REPEATED_QUOTE);
  }
}

/** The most an attribution to no one, or to a description no name was found for, is trusted: below the
 * 0.5 at which the import page ticks a candidate. */
export const UNRESOLVED_CONFIDENCE = 0.45;
const PARENTHETICAL_CUE =
  /^([^,;:"“”]{3,80}?),\s+(said|says|added|adds|noted|notes|explained|argued|argues|wrote|writes)\s+((?:the\s+)?\p{Lu}[\p{L}.'’ -]{0,60}?),\s+(?=\p{Ll})/u;
const PHRASE_START =
  /^(?:[a-z]+ing|to|at|in|on|for|with|of|by|from|via|about|regarding|over|under|into|onto|through|during|after|before|since|until|against|among|between|without)\b/;
const FINITE_VERB =
  /\b(?:is|are|was|were|am|has|have|had|will|would|can|could|should|shall|may|might|must|does|did|[a-z]+n['’]t|[a-z]{2,}ed)\b/i;
const ATTRIBUTION_IN_COMMAS =
  /^(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|in\s+a\s+statement))?\s*,\s+(?!that\b|["“”]|x{3})/;
const between = (n: number, low: number, high: number) => n >= low && n <= high;
const SPEECH_VERB = /^[a-z]+(?:\s+(?:on|back|out|it|a\s+statement))?/i;
const TOLD_CUE = /^(?:told|tells|telling|assured|reminded|informed|warned)\b/;
// "told analysts on a conference call that": where they were told may follow.
const TOLD_WHOM =
  /^\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?(?:[\w'’-]+\s+){0,3}?(?:(?:on|in|at|during)\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,2}?(?:call|interview|briefing|meeting|conference|hearing|session)\s+)?(?=that\s)/;
// A sentence that opens with a description of someone and their name between commas.
const APPOSED_SUBJECT =
  /^\s*((?:the|a|an|its|his|her|their|\p{Lu}[\p{L}.'’-]*['’]s?)\s[^,;:"“”]{1,60}?),\s*(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3}),/iu;
// "Doyle's son, Kevin," "Ms. Kovach's husband, Ron," "Her husband, Mark Lee,": a relative introduced by a
// first name (or a full one).
const RELATIVE_SUBJECT =
  /^\s*((?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?(?:\p{Lu}[\p{L}.'’-]*\s+){0,2}\p{Lu}[\p{L}.'’-]*['’]s?|[Hh]is|[Hh]er|[Tt]heir)\s+(son|daughter|wife|husband|brother|sister|mother|father|partner|widow|widower|niece|nephew|grandson|granddaughter|girlfriend|boyfriend|fiancée?),\s*(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2}),/u;
// Relatives whose first name alone is given with the family's surname understood ("Doyle's son, Kevin").
const SHARES_SURNAME =
  /^(?:son|daughter|wife|husband|brother|sister|mother|father|widow|widower|grandson|granddaughter)$/;
/** How far back (characters) "the ministry" looks for the ministry it stands for. */
const BODY_REACH = 1500;
/** How many of the people named last before a pronoun are looked at when no speaker fits its gender. */
const MENTIONED_PEOPLE = 3;
/** How far after a description ("its foreign minister said") the person it stands for may be named: a
 * report's first paragraphs. */
const NAMED_AFTER_REACH = 600;
const LEDE_WORDS = 12;
/** A paragraph of an interview's transcript that opens with who speaks ("Stiell: …", "Simon Stiell: …"). */
const ANSWER_LABEL = /^\s*(\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,2}):\s+/u;
const GUESSED_FROM_SUBJECT = "no cue: the person the paragraph before is about (a guess)";
export const UNRESOLVED_SPEAKER = "speaker unresolved: a description or no one, not a name in the article";

/** Whether the speaker is someone the article names, and, when not, the confidence kept below 0.5. */
function settleResolution(c: Proposal, unresolved: WeakSet<ExtractedSpeaker>): void {
  c.speaker_resolved = c.speaker !== null && namesSomeone(c.speaker.name) && !unresolved.has(c.speaker);
  if (c.speaker_resolved) return;
  if (c.confidence > UNRESOLVED_CONFIDENCE) c.confidence = UNRESOLVED_CONFIDENCE;
  if (c.speaker) c.reasons.push(UNRESOLVED_SPEAKER);
}

// A speech verb and "that" opening reported speech ("said that", "told the president that").
const REPORTED_THAT =
  /\b(?:said|says|told|tells|added|adds|argued|argues|noted|insisted|warned|explained|wrote|writes|saying|telling|adding)\s+(?:[\w’'-]+\s+){0,3}?that\b/;

// A statistic's trailing attribution: "CLAUSE, X said." (sticky, tried at one place) · "CLAUSE(,) according to X."
const TRAILING_CUE =
  /,(?:\s*(?=[^,;:"“”\s])|(?=\s\s))([^,;:"“”]{1,80}?)\s+(?:(?:has|have|also)\s+)?(said|says|say|stated|reported|announced|confirmed|claimed|estimated|show|shows|showed|found)\b[^,;:"“”]{0,60}$/y;
// Verbs that in news copy take a thing more often than a statement ("conceded a penalty", "announced a
// plan"); "admitted", "found" and "reported" mostly take a statement, with or without "that".
const OBJECT_CUE =
  /^(?:conceded|announced|confirmed|cited|promised|promising|recommended|recommending|posted|urged|vowed|observed|recalled|recalls|recounted|described|characteri[sz]ed)\b/;
// What a thing, not a clause, starts with: "conceded a penalty" (but "admitted she was", "announced on Friday that").
const OBJECT_START = /^\s+(?:a|an|the|his|her|its|their|our|my|your|this|these|those|some|several|no)\s/i;
// A subject of capitalised words only ("Emeritus Professor John Burrows"), not a clause.
const NAME_ONLY = /^(?:\p{Lu}[\p{L}.'’-]*\s*){1,5}$/u;
const RELATIVE_END = /\b(?:which|that|who|whom|where|when)\s*$/i;
const JOINED_SUBJECT = /^(?:but|and|yet|while|whereas|although|though)\s/i;
// (Its source may be followed by a remark on the clause: "…, according to Opta, their worst start since 1989.")
const TRAILING_SOURCE = /(?:,\s*|(?<!\s)\s+)(according to)\s+([^,;:"“”]{1,80})(?:,\s+[a-z][^;:"“”]{0,120})?$/;

const STOPS = new Set([",", ";", ":", '"', "“", "”"].map((c) => c.charCodeAt(0)));

/** The offset of the last separator or quote mark of s (/[,;:"“”]/), or -1. */
function lastStop(s: string): number {
  let at = s.length - 1;
  while (at >= 0 && !STOPS.has(s.charCodeAt(at))) at--;
  return at;
}

const PARTY_TAG = /\([DRI](?:-[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)?\)/g;

type Gender = "m" | "f";
const HONORIFIC_NAME = /\b(Mr|Mrs|Ms|Miss)\.?\s+([A-Z][\w'’-]+)/g;
const FEMALE_ROLE =
  /\b(?:spokeswoman|chairwoman|congresswoman|businesswoman|actress|mother|wife|daughter|sister|queen|princess)\b/i;
const MALE_ROLE = /\b(?:spokesman|chairman|congressman|businessman|actor|father|husband|son|brother|king|prince)\b/i;
/** What a pronoun resolved among several people it could stand for costs in confidence. */
const PRONOUN_GUESS = 0.15;
/** How many people back a pronoun looks for one of its gender. */
const RECENT_PEOPLE = 6;
// ", but Reyes would …", "; Reyes said nothing": a joined clause's subject, a name before a lower-case verb.
const CLAUSE_SUBJECT =
  /(?:[,;]\s+(?:but|and|yet|so|while|though|although)|;)\s+((?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2})\s+(?=[a-z])/gu;

// How far from a quote its attribution is looked for, and the longest sentence read for one:
// both bound the work per quote, so that noise without punctuation stays linear.
const WINDOW = 400;
const MAX_SENTENCE = 1500;

interface PreviousQuote {
  paragraph: number;
  /** Where the quote closes (after its mark). */
  end: number;
  speaker: ExtractedSpeaker | null;
  cue: string | null;
}

class Extraction {
  private readonly paras: Paragraph[];
  private readonly quotes: QuoteSpan[];
  private readonly masked: string;
  private readonly sentences: Sentence[] = [];
  private readonly registry: NameRegistry;
  /** Where the report's first paragraph ends. */
  private readonly ledeEnd: number;
  /** Where each politician named is from, and their party, by surname ("the Florida senator"). */
  private readonly homes: Map<string, string>;
  /** Who the article was last talking about, for "he said" and "it added". */
  private lastPerson: ExtractedSpeaker | null = null;
  private lastOther: ExtractedSpeaker | null = null;
  /** Speakers written as a description that no name was found for ("Ray Otto's spokesman"). */
  readonly unresolved = new WeakSet<ExtractedSpeaker>();
  /** Whether the last pronoun resolved was a guess among several people it could stand for. */
  private guessed = false;
  /** Speakers named by one word the text reads as a person's ("Bob said"), unknown to the registry. */
  private readonly oneWordPeople = new WeakSet<ExtractedSpeaker>();
  /** The people last talked about, latest last, for a "she" when the last one is known to be a man. */
  private recentPeople: ExtractedSpeaker[] = [];
  /** Gender by surname, where the text makes it plain: an honorific, a gendered role, a pronoun used of them. */
  private readonly genders = new Map<string, Gender>();
  /** The full names talked about, by surname. */
  private readonly fullNames = new Map<string, Set<string>>();
  /** The first attributions of the sentences last read, by index modulo 8: quotes look back three
   * sentences at most, and keeping those of every sentence of a long text made its collection slower. */
  private readonly attributions: { si: number; found: Attribution | null }[] = [];
  private reader: { si: number; cues: CueReader } | null = null;

  /** The article as read: its quote marks as double marks (see single-quotes.ts). Claims quote `original`. */
  private readonly text: string;

  constructor(private readonly original: string) {
    const text = asDoubleQuotes(original) ?? original;
    this.text = text;
    this.paras = bodyParagraphs(text);
    // The report's first paragraph: the first of some length (not a dateline or a standfirst's line).
    this.ledeEnd = this.paras.find((p) => wordCount(text.slice(p.start, p.end)) >= LEDE_WORDS)?.end ?? 0;
    this.quotes = findQuotes(text, this.paras);
    // A party tag after a name ("Sen. Chris Murphy (D-Conn.) said") is no part of the name: blanked
    // (same length) so that the name and its cue meet.
    this.masked = maskQuotes(text, this.quotes).replace(PARTY_TAG, (tag) => " ".repeat(tag.length));
    this.registry = new NameRegistry(this.masked);
    this.homes = homesIn(text);
    // One pass over the article: a person's gender holds for the whole of it.
    for (const m of this.masked.matchAll(HONORIFIC_NAME)) {
      this.genders.set(m[2] as string, /^mr$/i.test(m[1] as string) ? "m" : "f");
    }
    const starts = sentenceStarts(this.masked, this.paras);
    for (const [pi, p] of this.paras.entries()) {
      const inParagraph = starts[pi] as number[];
      for (const [k, s] of inParagraph.entries())
        this.sentences.push({ start: s, end: inParagraph[k + 1] ?? p.end, paragraph: pi });
    }
  }

  run(): Proposal[] {
    const out: Proposal[] = [];
    let qi = 0;
    let previousQuote: PreviousQuote | null = null;
    for (const [si, sentence] of this.sentences.entries()) {
      let attributed: ExtractedSpeaker | null = null;
      while (qi < this.quotes.length && (this.quotes[qi] as QuoteSpan).outerStart < sentence.end) {
        const q = this.quotes[qi++] as QuoteSpan;
        if (this.isMention(q, sentence)) continue;
        const candidate = this.quoteCandidate(q, sentence, si, previousQuote);
        if (
          isPartialQuote(this.masked, q.outerStart, this.text.slice(q.start, q.start + 1)) ||
          this.continuesWritersClause(q, sentence)
        ) {
          candidate.reasons.push(PARTIAL_QUOTE);
        }
        out.push(candidate);
        previousQuote = { paragraph: q.lastParagraph, end: q.outerEnd, speaker: candidate.speaker, cue: candidate.cue };
        attributed = candidate.speaker ?? attributed;
      }
      const answer = attributed ? null : this.answerCandidate(sentence);
      const statistic = answer ? null : this.statisticCandidate(sentence, si);
      if (answer) out.push(answer);
      if (statistic) out.push(statistic);
      // At the sentence's end: a name it introduces counts ("But the secretary, Ann Lee, said …").
      this.remember(attributed ?? statistic?.speaker ?? this.subjectOf(sentence, si), sentence.end);
    }
    markRepeats(out);
    for (const c of out) settleResolution(c, this.unresolved);
    return out.sort((a, b) => a.start - b.start);
  }

  /** A check-worthy sentence of an interview's answer, the paragraph after a question labelled with who
   * gives it ("Stiell: Rich countries promised $100 billion a year …"): their words, verbatim, without
   * quote marks. */
  private answerCandidate(sentence: Sentence): Proposal | null {
    const para = this.paras[sentence.paragraph] as Paragraph;
    if (sentence.start >= para.end) return null;
    const label = ANSWER_LABEL.exec(this.masked.slice(para.start, para.start + 60));
    // An answer follows a question: a headline ("Sanders: Clinton Email Story Has Moved") or a tally
    // ("Clinton: 1,769.") does not.
    if (!label?.[1] || !/\?["”]?\s*$/.test(this.masked.slice(Math.max(0, para.start - 300), para.start))) return null;
    const phrase = readSpeakerPhrase(label[1], null);
    if (!phrase || "pronoun" in phrase || !phrase.person) return null;
    const known = this.registry.resolve(surnameOf(phrase.name), sentence.start);
    if (!known && !phrase.name.includes(" ")) return null;
    const start = Math.max(sentence.start, para.start + label[0].length);
    let end = Math.min(sentence.end, para.end);
    while (end > start && /\s/.test(this.original[end - 1] as string)) end--;
    const text = this.original.slice(start, end);
    if (!text || !worthiness(text).check_worthy) return null;
    const speaker = known ? { name: known.name, role: known.role } : { name: phrase.name, role: phrase.role };
    return {
      text,
      kind: "direct_quote",
      start,
      end,
      speaker,
      speaker_resolved: false,
      cue: "answered",
      confidence: 0.8,
      reasons: [`an interview's answer, labelled "${label[1]}:"`],
    };
  }

  /** 'In his career, "there were many"': the quote goes on with a sentence the writer began (it opens
   * in lower case after a comma), and what the comma closes attributes nothing, so it is a partial
   * quote; after 'he said,' or 'in her words,' it goes on with the speaker's own sentence. */
  private continuesWritersClause(q: QuoteSpan, sentence: Sentence): boolean {
    if (!/^\p{Ll}/u.test(this.text.slice(q.start, q.start + 1))) return false;
    let comma = q.outerStart;
    while (comma > sentence.start && /\s/.test(this.masked[comma - 1] as string)) comma--;
    if (this.masked[comma - 1] !== ",") return false;
    const before = this.masked.slice(Math.max(sentence.start, comma - 1 - WINDOW), comma - 1);
    const clause = before.slice(Math.max(...[",", ";", ":", "(", "—"].map((c) => before.lastIndexOf(c))) + 1);
    // 'Bolton said that whatever voters do, "they should not …"': the quote goes on with reported speech.
    if (REPORTED_THAT.test(clause)) return true;
    return !hasCue(clause) && !/\bin\s+\S+\s+words\s*$/i.test(clause);
  }

  private isMention(q: QuoteSpan, sentence: Sentence): boolean {
    const words = this.text.slice(q.start, q.end);
    const lead = this.text.slice(Math.max(0, q.outerStart - 30), q.outerStart);
    if (/:\s*$/.test(lead)) return false;
    const count = wordCount(words);
    if ((looksLikeTitle(words) && !this.saidRightAfter(q)) || (NAMING_CUE.test(lead) && count <= 5)) return true;
    // A few words after a preposition are a term ('stored in "approved security cabinets"'), speech or not nearby.
    if (
      count <= 3 &&
      /\b(?:in|on|of|for|into|with|by|about|from)\s*$/i.test(lead) &&
      !quoteObjectVerbBefore(this.text, q.outerStart)
    )
      return true;
    // A short quote with no speech verb nearby is a term or a scare quote ("parole" status). Nearby runs
    // to the end of the sentence after a question, which closes its sentence before '"Why?" she asked'.
    if (count > 3) return false;
    // A sentence of its own in quote marks is speech however short ('he said. "Very good."').
    if (q.outerStart === sentence.start && /^\p{Lu}/u.test(words) && /[.!?,]$/.test(words)) return false;
    const from = Math.max(sentence.start, q.outerStart - WINDOW);
    let to = Math.max(sentence.end, q.outerEnd);
    if (/[?!]/.test(this.text[q.end - 1] ?? "")) {
      let next = q.outerEnd;
      while (next < q.outerEnd + WINDOW && /\s/.test(this.masked[next] ?? "")) next++;
      to = Math.max(to, this.sentenceAt(next).end);
    }
    return !hasCue(this.masked.slice(from, Math.min(to, q.outerEnd + WINDOW)));
  }

  /** '"Like Oakland. Or Ferguson," Trump said': capitalised words that run on into "X said" are speech,
   * whatever their capitals (a title is not followed by its speaker). */
  private saidRightAfter(q: QuoteSpan): boolean {
    if (!/[,!?]$/.test(this.text.slice(q.start, q.end))) return false;
    return SAID_RIGHT_AFTER.test(this.masked.slice(q.outerEnd, q.outerEnd + 80));
  }

  private sentenceAt(offset: number): Sentence {
    let lo = 0;
    let hi = this.sentences.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.sentences[mid] as Sentence).start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.sentences[lo] as Sentence;
  }

  private quoteCandidate(q: QuoteSpan, sentence: Sentence, si: number, previous: PreviousQuote | null): Proposal {
    const last = this.sentenceAt(Math.max(q.outerStart, q.outerEnd - 1));
    const para = this.paras[q.lastParagraph] as Paragraph;
    const before = this.masked.slice(Math.max(sentence.start, q.outerStart - WINDOW), q.outerStart);
    // A question or exclamation closes its sentence before its attribution ('"Why?" Ortiz asked.'):
    // the sentence after it is read too.
    const closesSentence = /[?!]/.test(this.text[q.end - 1] ?? "");
    const afterEnd = closesSentence
      ? this.sentenceAt(Math.min(last.end, para.end - 1)).end
      : last.end > q.outerEnd
        ? last.end
        : para.end;
    const after = this.masked.slice(q.outerEnd, Math.min(afterEnd, q.outerEnd + WINDOW));
    const toParagraphEnd = this.masked.slice(q.outerEnd, Math.min(para.end, q.outerEnd + WINDOW));
    const reasons: string[] = [];
    let confidence = 0.9;
    let speaker: ExtractedSpeaker | null = null;
    let cue: string | null = null;

    // A quote closing with a comma, "!" or "?" (or followed by a comma) runs on into its sentence.
    const runsOn = /[,!?]\s*$/.test(this.text.slice(q.start, q.end)) || /^\s*,/.test(after);
    let afterQuote = attributionAfter(after, runsOn);
    // 'Lee then asked, "Really?" The hall emptied.': a question or exclamation a speech verb has just
    // introduced is theirs; a verb of manner in the sentence after it (no speech verb) is that sentence's own.
    if (afterQuote && closesSentence && /[,:]\s*$/.test(before) && cuesIn(afterQuote.cue).length === 0) {
      const lead = attributionBefore(before);
      if (lead && before.length - lead.at <= 30) afterQuote = null;
    }
    const beforeQuote = afterQuote
      ? null
      : this.participleSubject(invertedBefore(before) ?? attributionBefore(before), before);
    const colon = afterQuote || beforeQuote ? null : (colonIntroduction(before) ?? mannerBefore(before));
    const byline = afterQuote || beforeQuote || colon ? null : bylineAfter(toParagraphEnd);
    const found = afterQuote ?? beforeQuote ?? colon ?? byline ?? saidSentenceAfter(toParagraphEnd);
    if (found) {
      // A pronoun may refer to a person named earlier in its own sentence, before the pronoun.
      const beforePronoun = beforeQuote ? before.slice(0, beforeQuote.at) : before;
      speaker = this.resolve(found, q.outerStart, beforePronoun, reasons);
      const guessed = this.guessed;
      cue = found.cue;
      // Where the cue stands: right after the quote (", X said") is the newspaper's own form; before it
      // the cue may introduce something else; a bare name after a pull quote is the weakest.
      const where = afterQuote
        ? "after the quote"
        : beforeQuote
          ? "before the quote"
          : colon
            ? "named before a colon"
            : byline
              ? "as a byline"
              : "in the sentence after the quote";
      confidence = afterQuote ? 0.95 : beforeQuote ? 0.85 : 0.8;
      if (speaker && guessed) {
        confidence -= PRONOUN_GUESS;
        reasons.push("the pronoun could stand for someone else named before");
      }
      reasons.unshift(`attributed in its sentence ("${found.cue}", ${where})`);
    }
    if (!speaker) {
      const inherited = this.inherit(q, sentence, si, previous);
      if (inherited) {
        speaker = inherited.speaker;
        cue = inherited.cue;
        confidence = inherited.confidence;
        reasons.push(inherited.reason);
      }
    }
    if (!speaker) {
      confidence = 0.2;
      reasons.push("no speaker found");
    }
    // A cue before the quote with a phrase and no name ("a woman asked … and Clinton said, …") often
    // belongs to someone else; ", said a senior adviser" right after it does not.
    if (speaker && beforeQuote && !/\p{Lu}/u.test(speaker.name)) {
      confidence -= 0.2;
      reasons.push("speaker is a description, not a name");
    }
    const words = wordCount(this.text.slice(q.start, q.end));
    if (words <= 3) {
      confidence -= 0.1;
      reasons.push("short fragment");
    }
    if (!q.closed) reasons.push("no closing quote mark: ends with its paragraph");
    if (q.continuations.length > 0) reasons.push(`runs over ${q.continuations.length + 1} paragraphs`);
    return {
      text: quoteText(this.original, q),
      kind: "direct_quote",
      start: q.start,
      end: q.end,
      speaker,
      speaker_resolved: false,
      cue,
      confidence: Math.round(confidence * 100) / 100,
      reasons,
    };
  }

  /** "Trump took to Twitter, writing: …": a participle's subject opens the sentence, whatever stands between. */
  private participleSubject(found: Attribution | null, before: string): Attribution | null {
    // With no subject found at all, the last cue may still be a participle ("X appears in a clip, saying").
    const cue =
      found ??
      cuesIn(before)
        .map((m) => ({ cue: m[0].split(/\s/)[0] as string, at: m.index ?? 0 }))
        .at(-1);
    if (!cue || !PARTICIPLE_CUE.test(cue.cue)) return found;
    const phrase = openingSubject(
      before.slice(0, cue.at),
      (word) => this.registry.resolve(word, 0) !== null || this.midSentenceWords().has(word),
    );
    return phrase ? { phrase, cue: cue.cue, at: cue.at } : found;
  }

  /** Capitalised words written within a sentence somewhere in the article: names, not a sentence's
   * opening adverb ("Later, …"). One pass, on first use. */
  private midSentence: Set<string> | null = null;
  private midSentenceWords(): Set<string> {
    this.midSentence ??= new Set(
      Array.from(this.masked.matchAll(/(?<=[a-z,;][^\S\n]+)\p{Lu}[\p{L}'’-]+/gu), (m) => m[0].replace(/['’]s?$/, "")),
    );
    return this.midSentence;
  }

  /** A quote without its own attribution continues the speaker before it: in the same
   * sentence or paragraph, the previous sentence's speaker, or, when it opens a paragraph,
   * the previous paragraph's last quote or its closing "X said:". */
  private inherit(
    q: QuoteSpan,
    sentence: Sentence,
    si: number,
    previous: PreviousQuote | null,
  ): { speaker: ExtractedSpeaker; cue: string | null; reason: string; confidence: number } | null {
    if (previous?.speaker && previous.paragraph === sentence.paragraph) {
      return {
        speaker: previous.speaker,
        cue: previous.cue,
        reason: "continues the previous quote in its paragraph",
        confidence: 0.9,
      };
    }
    const prior = this.sentences[si - 1];
    if (!prior) return null;
    const opensParagraph = (this.paras[sentence.paragraph] as Paragraph).start === q.outerStart;
    if (prior.paragraph !== sentence.paragraph && endsWithCommaOrColon(this.masked, prior.start, prior.end)) {
      const found = this.attributionOf(si - 1);
      const speaker = found && this.resolve(found, prior.start, "", []);
      if (found && speaker) {
        return { speaker, cue: found.cue, reason: "speaker named in the sentence before", confidence: 0.75 };
      }
    }
    // 'Schoen argued in a column that superdelegates may reconsider.' then a paragraph that is only a quote:
    // the words of the one whose reported speech closes the paragraph before (which has no quote of its own).
    let last = si - 1;
    while (last > 0 && !this.sentenceText(this.sentences[last] as Sentence).trim()) last--;
    const closing = this.sentences[last] as Sentence;
    if (
      opensParagraph &&
      closing.paragraph === sentence.paragraph - 1 &&
      previous?.paragraph !== closing.paragraph &&
      !this.paragraphAttributes(q, sentence)
    ) {
      const found = this.attributionOf(last);
      const speaker = found && this.resolve(found, closing.start, "", []);
      if (found && speaker) {
        return { speaker, cue: found.cue, reason: "speaker of the reported speech just before", confidence: 0.6 };
      }
      // 'Valdez praised the plan.' then a paragraph that is only a quote: likely the words of the person the
      // paragraph before is about, but no cue says so: a guess, kept below 0.5.
      if (!found) {
        const about = this.subjectOf(closing, last);
        // The person opens that sentence as its subject ("Valdez praised …", not "With Valdez, …").
        const opening = /^\s*(?:\p{Lu}[\p{L}.'’-]*\s+){0,4}?(\p{Lu}[\p{L}'’-]+)\s+[a-z]/u.exec(
          this.sentenceText(closing),
        );
        if (
          about &&
          opening?.[1] === surnameOf(about.name) &&
          namesSomeone(about.name) &&
          this.registry.resolve(surnameOf(about.name), closing.start)
        ) {
          return { speaker: about, cue: null, reason: GUESSED_FROM_SUBJECT, confidence: 0.45 };
        }
      }
    }
    // Within its paragraph, the nearest earlier sentence that attributes (a question to the speaker may sit between).
    for (let k = si - 1; k >= Math.max(0, si - 3); k--) {
      const earlier = this.sentences[k] as Sentence;
      if (earlier.paragraph !== sentence.paragraph) break;
      const found = this.attributionOf(k);
      const speaker = found && this.resolve(found, earlier.start, "", []);
      if (found && speaker) {
        return { speaker, cue: found.cue, reason: "speaker named earlier in its paragraph", confidence: 0.55 };
      }
    }
    // Two paragraphs back at most: a picture caption may sit between the parts of a statement.
    if (opensParagraph && previous?.speaker && previous.paragraph >= sentence.paragraph - 2) {
      // Each paragraph between makes it likelier that someone else speaks.
      const distance = sentence.paragraph - previous.paragraph;
      // The paragraph before ends with that quote (and its attribution): the speaker goes on.
      const closing = this.masked.slice(previous.end, (this.paras[previous.paragraph] as Paragraph).end);
      const endsWithQuote = distance === 1 && wordCount(closing) <= 6;
      return {
        speaker: previous.speaker,
        cue: previous.cue,
        reason: `continues the quote ${distance} paragraph${distance > 1 ? "s" : ""} before${endsWithQuote ? ", which ends it" : ""}`,
        confidence: distance > 1 ? 0.45 : endsWithQuote ? 0.7 : 0.6,
      };
    }
    return null;
  }

  /** Whether the rest of the quote's paragraph attributes something (then the quote is likelier someone else's). */
  private paragraphAttributes(q: QuoteSpan, sentence: Sentence): boolean {
    const para = this.paras[sentence.paragraph] as Paragraph;
    return hasCue(this.masked.slice(q.outerEnd, Math.min(para.end, q.outerEnd + WINDOW)));
  }

  /** A phrase to a speaker: pronouns to the person (or body) last talked about, bare surnames to the full name. */
  private resolve(found: Attribution, at: number, sentenceBefore: string, reasons: string[]): ExtractedSpeaker | null {
    const phrase = found.phrase;
    this.guessed = false;
    if ("pronoun" in phrase) {
      const p = phrase.pronoun;
      let target: ExtractedSpeaker | null;
      if (p === "it") target = this.lastOther;
      else if (p === "they") target = this.lastOther ?? this.lastPerson;
      else {
        const gender = p === "she" ? "f" : p === "he" ? "m" : null;
        target = this.personIn(sentenceBefore, at, gender) ?? this.personFor(gender, at);
      }
      if (target) reasons.push(`pronoun "${p}" resolved to ${target.name}`);
      return target;
    }
    return this.named(phrase, at, reasons, sentenceBefore);
  }

  /** The person last talked about whose gender does not rule out the pronoun's; a pronoun used of
   * someone whose gender was not known makes it known. */
  private personFor(gender: Gender | null, at: number): ExtractedSpeaker | null {
    if (gender === null) return this.lastPerson;
    for (let i = this.recentPeople.length - 1; i >= 0; i--) {
      const person = this.recentPeople[i] as ExtractedSpeaker;
      const known = this.genderOf(person);
      if (known === gender) return person;
      if (known === null) {
        // A guess when someone before them could be meant too (their gender the pronoun's or not known).
        this.guessed = this.recentPeople.slice(0, i).some((p) => (this.genderOf(p) ?? gender) === gender);
        // Kept under the full name when two people share the surname ("Bill" and "Hillary Clinton").
        this.genders.set(this.sharesSurname(person) ? person.name : surnameOf(person.name), gender);
        return person;
      }
    }
    // No speaker of the pronoun's gender: someone named lately who has not spoken ("Merkel met Macron.
    // … she said. … he replied"), or else the last person, against what the text says of them.
    this.guessed = this.lastPerson !== null;
    for (const named of this.registry.introducedBefore(at, MENTIONED_PEOPLE)) {
      const person = { name: named.name, role: named.role };
      if (this.recentPeople.some((p) => p.name === person.name)) continue;
      const known = this.genderOf(person);
      if (known !== null && known !== gender) continue;
      this.guessed = true;
      if (known === null) this.genders.set(this.sharesSurname(person) ? person.name : surnameOf(person.name), gender);
      return person;
    }
    return this.lastPerson;
  }

  private genderOf(person: ExtractedSpeaker): Gender | null {
    const own = this.genders.get(person.name);
    if (own) return own;
    // A surname's gender ("Mrs. Clinton", a pronoun used of "Clinton") says nothing of one of two who share it.
    const known = this.sharesSurname(person) ? undefined : this.genders.get(surnameOf(person.name));
    if (known) return known;
    if (person.role && FEMALE_ROLE.test(person.role)) return "f";
    if (person.role && MALE_ROLE.test(person.role)) return "m";
    return null;
  }

  private named(m: Mention, at: number, reasons: string[], sentenceBefore = ""): ExtractedSpeaker {
    if (!m.person && !namesSomeone(m.name)) return this.described(m, at, reasons, sentenceBefore);
    if (m.person && !m.name.includes(" ")) {
      const full = this.registry.resolve(m.name, at);
      if (full) {
        reasons.push(`"${m.name}" resolved to ${full.name}`);
        // "Mr Key": an honorific is no role; the one known for the full name is better.
        const honorific = m.role !== null && /^(?:mr|mrs|ms|miss)\.?$/i.test(m.role);
        // "Odinga, who lost the 2022 election": the office known for him says more than the relative clause.
        const relative = m.role !== null && /^(?:who|whose|which)\s/i.test(m.role) && full.role !== null;
        return { name: full.name, role: (honorific || relative ? null : m.role) ?? full.role };
      }
    }
    if (m.person) this.registry.remember(m.name, m.role, at);
    const speaker = { name: m.name, role: m.role };
    // "Bob said", "Wilcox said": a one-word name read as a person's is one, for the "he" after it, though
    // the article never gives a first name.
    if (m.person && !m.name.includes(" ") && namesSomeone(m.name)) this.oneWordPeople.add(speaker);
    return speaker;
  }

  /** A speaker written as a description: a possessive ("her statement") is the words of the one its
   * pronoun stands for, and someone speaking for them ("his spokesman") is the one the article names in
   * that role, else marked unresolved under the possessor's name; a definite description ("the
   * minister") is the person last talked about whose role it names. Anything else stays as written,
   * unresolved. */
  private described(m: Mention, at: number, reasons: string[], sentenceBefore = ""): ExtractedSpeaker {
    const author = authorOfWords(m.name, m.role);
    const written = author ? readSpeakerPhrase(author, null) : null;
    if (written && "name" in written && namesSomeone(written.name)) {
      reasons.push(`"${m.name} ${m.role}" read as ${written.name}'s words`);
      return this.named(written, at, reasons);
    }
    const possessive = possessiveSpeaker(m.name);
    if (possessive) {
      const agent = possessive.agent ? definiteDescription(`the ${possessive.noun}`) : null;
      const named = agent && personDescribed(agent, this.recentPeople, this.homes);
      if (named) {
        reasons.push(`"${m.name}" resolved to ${named.name}`);
        return named;
      }
      const owner = this.resolve({ phrase: { pronoun: possessive.pronoun }, cue: "", at }, at, "", []);
      if (owner && !possessive.agent) {
        reasons.push(`"${m.name}" resolved to ${owner.name}, whose words they are`);
        return owner;
      }
      if (owner) {
        const speaker = { name: `${owner.name}'s ${possessive.noun}`, role: null };
        this.unresolved.add(speaker);
        reasons.push(`"${m.name}" speaks for ${owner.name}, but is not named`);
        return speaker;
      }
    }
    const description = definiteDescription(m.name);
    const person = description && personDescribed(description, this.recentPeople, this.homes);
    if (person) {
      reasons.push(`"${m.name}" resolved to ${person.name}`);
      return { name: person.name, role: person.role ?? m.name };
    }
    // Named only after: a definite description anywhere, an indefinite one in the report's first paragraph.
    const ahead = description ?? (at < this.ledeEnd ? indefiniteDescription(m.name) : null);
    const namedAfter = ahead && personNamedAfter(ahead, this.registry.introducedAfter(at, NAMED_AFTER_REACH));
    if (namedAfter) {
      this.guessed = true;
      reasons.push(`"${m.name}" resolved to ${namedAfter.name}, named just after in that role`);
      return { name: namedAfter.name, role: namedAfter.role ?? m.name };
    }
    const kind = bodyKind(m.name);
    // Named before, or earlier in the same sentence ("Tesla Inc. delivered …, the company said").
    const body =
      kind &&
      (lastBodyIn(sentenceBefore, kind) ?? lastBodyIn(this.masked.slice(Math.max(0, at - BODY_REACH), at), kind));
    if (body) {
      reasons.push(`"${m.name}" resolved to ${body}`);
      return { name: body, role: m.role };
    }
    return { name: m.name, role: m.role };
  }

  /** The first person named in a sentence before its pronoun ("Thomas' sister pleaded …, but he replied"). */
  private personIn(sentenceBefore: string, at: number, gender: Gender | null): ExtractedSpeaker | null {
    // 'Asked about Lee, Moss said "…," she said': the one the sentence already has speaking.
    const speaking = sentenceBefore ? attributionBefore(sentenceBefore) : null;
    if (speaking && !("pronoun" in speaking.phrase) && speaking.phrase.person) {
      const full = this.registry.resolve(surnameOf(speaking.phrase.name), at);
      const person = { name: full?.name ?? speaking.phrase.name, role: full?.role ?? speaking.phrase.role };
      if (!gender || (this.genderOf(person) ?? gender) === gender) return person;
    }
    for (const { run } of capitalRuns(sentenceBefore.replace(/x{2,}/g, " "))) {
      const phrase = readSpeakerPhrase(run.join(" "), null);
      if (phrase && !("pronoun" in phrase) && phrase.person) {
        const full = this.registry.resolve(phrase.name, at);
        if (!full && !phrase.name.includes(" ")) continue;
        const person = { name: full?.name ?? phrase.name, role: full?.role ?? null };
        // Not someone the text makes of the other gender ("Ms. Lee" for a "he").
        if (gender && (this.genderOf(person) ?? gender) !== gender) continue;
        return person;
      }
    }
    return null;
  }

  /** Whom a sentence is about, for later pronouns: its speaker, or a person who opens it. */
  private subjectOf(sentence: Sentence, si: number): ExtractedSpeaker | null {
    const s = this.sentenceText(sentence);
    const found = this.attributionOf(si);
    if (found && !("pronoun" in found.phrase)) return this.named(found.phrase, sentence.start, []);
    // "Doyle's son, Kevin, left …": the relative named after the owner is whom the sentence is about.
    const relative = RELATIVE_SUBJECT.exec(s);
    if (relative?.[1] && relative[2] && relative[3] && !NOT_NAME.has(relative[3].toLowerCase())) {
      // "His daughter, Gina,": his is the person the pronoun stands for.
      const pronoun = { his: "he", her: "she", their: "they" }[relative[1].toLowerCase()];
      const possessor = pronoun
        ? this.resolve({ phrase: { pronoun }, cue: "", at: sentence.start }, sentence.start, "", [])
        : null;
      const owner = possessor ? `${possessor.name}'s` : relative[1];
      // A first name alone takes the family's surname, as the report's "Mr. Kovach" later does.
      const family = owner.includes(" ") || /['’]s?$/.test(owner) ? surnameOf(owner.replace(/['’]s?$/, "")) : "";
      const name =
        !relative[3].includes(" ") && family && SHARES_SURNAME.test(relative[2])
          ? `${relative[3]} ${family}`
          : relative[3];
      return this.named({ name, role: `${owner} ${relative[2]}`, person: true }, sentence.start, []);
    }
    // A person named within the sentence's first few words ("Army spokesman Sonny Leggett gave …").
    for (const { run, before } of capitalRuns(s.slice(0, 80))) {
      if (wordCount(before) > 3) break;
      // With the words before it: "Kremlin spokesman Dmitry Peskov declined …" gives his role too.
      const phrase = readSpeakerPhrase(`${before} ${run.join(" ")}`.trim(), null);
      // A one-word name counts only if it is a known surname ("Several scenarios were …" is no one).
      const person = phrase && !("pronoun" in phrase) && phrase.person ? phrase : null;
      if (person && (person.name.includes(" ") || this.registry.resolve(person.name, sentence.start))) {
        return this.named(person, sentence.start, []);
      }
    }
    // "The city's finance director, Omar Reyes, disputed that": a description, then the name in commas.
    const apposed = APPOSED_SUBJECT.exec(s);
    if (apposed?.[1] && apposed[2]) {
      const phrase = readSpeakerPhrase(apposed[2], null);
      if (phrase && !("pronoun" in phrase) && phrase.person && phrase.name.includes(" ")) {
        return this.named({ ...phrase, role: phrase.role ?? apposed[1].trim() }, sentence.start, []);
      }
    }
    // "The moderators moved on, but Reyes would not let it go": the subject of a clause joined on, a
    // person already named, is who the sentence ends up about.
    let joined: RegExpExecArray | null = null;
    CLAUSE_SUBJECT.lastIndex = 0;
    for (let m = CLAUSE_SUBJECT.exec(s); m; m = CLAUSE_SUBJECT.exec(s)) joined = m;
    if (joined?.[1] && namesSomeone(joined[1])) {
      const phrase = readSpeakerPhrase(joined[1], null);
      const person = phrase && !("pronoun" in phrase) && phrase.person ? phrase : null;
      if (person && this.registry.resolve(surnameOf(person.name), sentence.start)) {
        return this.named(person, sentence.start, []);
      }
    }
    return null;
  }

  /** Whether someone else with this person's surname and another full name has been talked about. */
  private sharesSurname(person: ExtractedSpeaker): boolean {
    const names = this.fullNames.get(surnameOf(person.name));
    return names !== undefined && (names.size > 1 || (person.name.includes(" ") && !names.has(person.name)));
  }

  /** People (names the registry knows) are what "he"/"she" refer to; bodies and groups what "it"/"they" do. */
  private remember(speaker: ExtractedSpeaker | null, at: number): void {
    if (!speaker) return;
    const known = this.registry.resolve(surnameOf(speaker.name), at);
    if ((known && (known.name === speaker.name || !speaker.name.includes(" "))) || this.oneWordPeople.has(speaker)) {
      this.lastPerson = speaker;
      if (speaker.name.includes(" ")) {
        const surname = surnameOf(speaker.name);
        this.fullNames.set(surname, (this.fullNames.get(surname) ?? new Set<string>()).add(speaker.name));
      }
      this.recentPeople = this.recentPeople.filter((p) => p.name !== speaker.name);
      this.recentPeople.push(speaker);
      if (this.recentPeople.length > RECENT_PEOPLE) this.recentPeople.shift();
    } else this.lastOther = speaker;
  }

  /** A sentence's first attribution, read once however many quotes look back at it. */
  private attributionOf(si: number): Attribution | null {
    const kept = this.attributions[si % 8];
    if (kept?.si === si) return kept.found;
    const found = firstAttribution(this.sentenceText(this.sentences[si] as Sentence), this.cueReader(si));
    this.attributions[si % 8] = { si, found };
    return found;
  }

  /** The cues of the sentence last asked for: its statistic and its first attribution read the same
   * ones, and each cue's attribution once. (Its text is not trimmed as the statistic's is, which changes
   * no cue: a cue never ends with spaces, nor do the separators that close a source.) */
  private cueReader(si: number): CueReader {
    if (this.reader?.si !== si) {
      this.reader = { si, cues: new CueReader(this.sentenceText(this.sentences[si] as Sentence)) };
    }
    return this.reader.cues;
  }

  /** A sentence's masked text; a "sentence" longer than any prose sentence is not read for attributions. */
  private sentenceText(sentence: Sentence): string {
    return sentence.end - sentence.start > MAX_SENTENCE ? "" : this.masked.slice(sentence.start, sentence.end);
  }

  private statisticCandidate(sentence: Sentence, si: number): Proposal | null {
    const s = this.sentenceText(sentence).trimEnd();
    // "CLAUSE, X said." / "CLAUSE(,) according to X." The subject starts at its first word (or is spaces
    // only, which reads as no one but still stops the other patterns), and spaces before "according to"
    // are read from the first: each way of sharing a run of spaces was tried again, quadratic in its length.
    // Nothing after the comma of "CLAUSE, X said" is a separator or a quote mark, so it can only be the
    // last of them: the pattern is tried there (sticky) rather than from every comma of the sentence.
    TRAILING_CUE.lastIndex = lastStop(s);
    let trailing = TRAILING_CUE.exec(s) ?? (s.includes("according to") ? TRAILING_SOURCE.exec(s) : null);
    // "…, but Ambassador Doe says there were concerns": a second clause with its own subject says its words
    // after the cue, not before.
    if (trailing && JOINED_SUBJECT.test(trailing[1] ?? "")) trailing = null;
    // "… migrants which, according to AFP, the UN has criticised": the source sits inside a relative clause.
    if (trailing?.[1] === "according to" && RELATIVE_END.test(s.slice(0, trailing.index))) trailing = null;
    // "show" ends the sentence as a verb ("…, NHS figures show."); "a laser light show and music" is a noun.
    if (trailing?.[2] === "show" && !/\bshow[.!?\s]*$/.test(trailing[0])) trailing = null;
    // "According to X, CLAUSE." or, with no comma, "According to the Saudi Interior Ministry over 345 …".
    let leading =
      /^According to\s+([^,;:"“”]{1,80}?),\s*/.exec(s) ??
      /^According to\s+((?:the\s+)?[A-Z][\w.&'’-]*(?:\s+(?:of\s+)?[A-Z][\w.&'’-]*)*)\s+(?=[a-z0-9])/.exec(s);
    // "According to the Herald, Professor John Burrows, the panel's chairman, said CLAUSE": the one who said
    // it is Burrows, as the Herald reports; the cue after him is read below.
    if (leading && NAME_ONLY.test(SUBJECT_THEN_CUE.exec(s.slice(leading[0].length))?.[1] ?? "")) leading = null;
    let clause: { start: number; end: number } | null = null;
    let found: Attribution | null = null;
    // The cue takes a thing, not a statement ("conceded a penalty", "announced a plan"): no paraphrase.
    let objectOnly = false;
    if (leading) {
      let clauseAt = leading[0].length;
      let phrase = readSpeakerPhrase(leading[1] ?? "", null);
      // "According to the team's coach, Alireza Mehraban, …": the name after the description.
      const apposed = /^((?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w.'’-]*),\s*/.exec(s.slice(clauseAt));
      const named = apposed?.[1] ? readSpeakerPhrase(apposed[1], null) : null;
      if (apposed && named && "person" in named && named.person) {
        phrase = { ...named, role: leading[1] ?? null };
        clauseAt += apposed[0].length;
      }
      if (phrase) found = { phrase, cue: "according to", at: 0 };
      clause = reportedClause(s, sentence.start, 0, clauseAt, true);
    } else if (PARENTHETICAL_CUE.test(s)) {
      // "Institutional recipients, said Mauer, are required to …": the speaker in commas inside the
      // clause, which is proposed whole (the candidate's words are the article's, in one stretch).
      const m = PARENTHETICAL_CUE.exec(s) as RegExpExecArray;
      const phrase = readSpeakerPhrase(m[3] ?? "", null);
      if (phrase) found = { phrase, cue: m[2] as string, at: (m[1] as string).length };
      clause = reportedClause(s, sentence.start, s.length, s.length, false);
    } else if (trailing) {
      const according = trailing[1] === "according to";
      const phrase = readSpeakerPhrase((according ? trailing[2] : trailing[1]) ?? "", null);
      if (phrase) found = { phrase, cue: according ? "according to" : (trailing[2] as string), at: trailing.index };
      clause = reportedClause(s, sentence.start, trailing.index, trailing.index, false);
    } else {
      const reader = this.cueReader(si);
      for (const [i, m] of reader.cues.entries()) {
        const cueEnd = m.index + m[0].length;
        const attribution = reader.before(i);
        if (attribution && !/^(?:according to|in the words of|called|dubbed|described)/i.test(m[0])) {
          found = attribution;
          // "told parliament that …", "assured the board that …": the one told is not part of the clause.
          const told = TOLD_CUE.test(m[0]) ? TOLD_WHOM.exec(s.slice(cueEnd)) : null;
          // The capitals a cue's match takes after "said" ("said New Zealand's flag …", "said Tuesday") open
          // the clause: only the one told ("told AFP") is not part of it.
          const verbEnd = TOLD_CUE.test(m[0]) ? cueEnd : m.index + (SPEECH_VERB.exec(m[0])?.[0].length ?? m[0].length);
          // "CLAUSE, the company said on Tuesday, well below estimates": an attribution in commas whose
          // cue ends at a comma, after the clause it attributes.
          const comma = s.lastIndexOf(",", m.index);
          const inCommas =
            comma > 0 &&
            between(wordCount(s.slice(comma + 1, m.index)), 1, 6) &&
            ATTRIBUTION_IN_COMMAS.test(s.slice(verbEnd));
          clause =
            (inCommas ? reportedClause(s, sentence.start, comma, comma, false) : null) ??
            reportedClause(s, sentence.start, m.index, verbEnd + (told?.[0].length ?? 0), true);
          objectOnly = OBJECT_CUE.test(m[0]) && OBJECT_START.test(s.slice(cueEnd));
          break;
        }
      }
    }
    if (!found || !clause) return null;
    // A dateline ("KUNDUZ - ", "NAIROBI, March 3 (Reuters) - ") is not part of the claim. (Written so that
    // capitals and spaces are taken one way only: "[A-Z]{3,}[A-Z ,]*\s+" backtracked through every split.)
    const dateline =
      /^[A-Z]{3}(?:[A-Z ,]*[A-Z,])?(?:\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?:\s+\([A-Za-z .&]{1,30}\))?\s+[-–—]+\s+/.exec(
        this.text.slice(clause.start, clause.end),
      );
    if (dateline) clause.start += dateline[0].length;
    const numbers = findNumbers(this.masked.slice(clause.start, clause.end));
    // Without a number, an attributed clause is proposed as a paraphrase when it is worth checking
    // ("Unemployment stands at record lows, according to the city treasurer"), never when quoted.
    const quoted = DOUBLE_QUOTE.test(this.text.slice(clause.start, clause.end));
    const worth = numbers.length === 0 && !quoted ? worthiness(this.original.slice(clause.start, clause.end)) : null;
    if (numbers.length === 0 && (!worth?.check_worthy || objectOnly)) return null;
    // What opens with a preposition, "to" or an -ing form and has no finite verb is a phrase, not a
    // statement ("tweeted support using his @POTUS account"; but "in 1998, she was tasked with …" is one).
    const words = this.original.slice(clause.start, clause.end);
    if (worth && PHRASE_START.test(words) && !FINITE_VERB.test(words)) return null;
    const reasons = [
      worth
        ? `reported speech ("${found.cue}") worth checking (${worth.score})`
        : `reported speech ("${found.cue}") with a number`,
    ];
    // The sentence up to its attribution: the clause itself when it comes first ("CLAUSE, the company said").
    const before = this.masked.slice(
      sentence.start,
      sentence.start + Math.max(found.at, clause.start - sentence.start),
    );
    const speaker = this.resolve(found, sentence.start, before, reasons);
    // Part of the clause is already a direct quote: the statistic may duplicate it.
    if (quoted) reasons.push("contains a direct quote");
    if (!speaker) reasons.push("no speaker found");
    return {
      text: this.original.slice(clause.start, clause.end),
      kind: worth ? "paraphrase" : "statistic",
      start: clause.start,
      end: clause.end,
      speaker,
      speaker_resolved: false,
      cue: found.cue,
      confidence: speaker ? (quoted ? 0.6 : worth ? 0.65 : 0.7) : 0.4,
      reasons,
      ...(worth ? {} : { numbers }),
    };
  }
}

/** Proposes the claims in an article, in the order they appear. */
export function extractClaims(text: string): Candidate[] {
  // Every candidate carries how worth checking its words are (src/worthiness), scored once here.
  return new Extraction(text).run().map((c) => ({ ...c, worthiness: worthiness(c.text).score }));
}
