// The rerank: given a query and the candidates the index found (with their BM25 scores), the
// signals that say "same assertion" (rare words shared both ways, shared phrases, numbers,
// names, the speaker) and those that say "careful" (numbers, negation or speaker differ),
// combined by weights fitted on training queries (test/eval/match.ts) into a score in 0..1.
import { type Associations, defaultAssociations } from "./associations";
import { RunIndex } from "./runs";
import { canonicalStem } from "./synonyms";
import { type MonthOfYear, type PreparedText, prepare } from "./text";

export interface MatchQuery {
  text: string;
  speakerId?: string;
  speakerName?: string;
  /** When it was said (YYYY-MM-DD…); a post's signature date stands in when absent. */
  statedAt?: string;
}

export interface Candidate {
  id: string;
  text: string;
  context: string | null;
  speakerId: string | null;
  speakerName: string | null;
  statedAt: string | null;
  /** FTS5 bm25 relevance, higher is better (the negated rank). */
  bm25: number;
}

/** How many claims the index holds and in how many of them each stem occurs. */
export interface Corpus {
  size: number;
  docFreq: ReadonlyMap<string, number>;
  /** The IDF of a stem docFreq does not hold (a candidate's word the query lacks, not looked up);
   * without it such a stem counts as the rarest. */
  unknownIdf?: number;
}

export type MatchReason =
  | { kind: "shared_words"; words: string[] }
  | { kind: "shared_phrases"; phrases: string[] }
  | { kind: "same_numbers"; numbers: string[] }
  | { kind: "same_names"; names: string[] }
  | { kind: "same_speaker" }
  /** Words fact-checks use for the query's ("pic" ~ "photograph"), learned from matched pairs. */
  | { kind: "related_words"; words: string[] };

export type MatchWarning =
  | { kind: "numbers_differ"; query: string[]; claim: string[] }
  | { kind: "negation_differs"; negated: "query" | "claim" }
  | { kind: "speaker_differs"; query: string; claim: string };

export interface Signals {
  bm25: number;
  queryCoverage: number;
  /** The query's words found in the claim's own text (not its context). */
  textCoverage: number;
  /** The rarest shared word's weight against the query's rarest word's. */
  rarestShared: number;
  /** The query's words the claim lacks but has a learned associate of (IDF-weighted share). */
  related: number;
  claimCoverage: number;
  contextCoverage: number;
  phrases: number;
  names: number;
  signatureName: number;
  sameNumbers: number;
  numbersDiffer: number;
  negationDiffers: number;
  sameSpeaker: number;
  speakerDiffers: number;
  sameTime: number;
  otherTime: number;
}

export type Weights = Signals & { bias: number };

/** Fitted on the training queries by coordinate ascent on MAP@5 (npm run eval:match:fit --
 * --ascent-only; 5-fold cross-validation on train 0.869). textCoverage and rarestShared were
 * tried and fitted to about 0. */
export const WEIGHTS: Weights = {
  bias: -4,
  bm25: 2.9,
  queryCoverage: 4.2,
  textCoverage: -0.1,
  rarestShared: 0,
  related: 2.5,
  claimCoverage: 0.75,
  contextCoverage: 2,
  phrases: 1.65,
  names: 0.2,
  signatureName: 1.35,
  sameNumbers: 0.8,
  numbersDiffer: 0.3,
  negationDiffers: -0.2,
  sameSpeaker: 1,
  speakerDiffers: -0.25,
  sameTime: 1.35,
  otherTime: -0.25,
};

/** A top match at or above this score was the right one at least 90% of the time on the
 * training queries (see test/eval/RESULTS.md for its precision on held-out queries). */
export const STRONG_MATCH = 0.7;

export interface PreparedQuery {
  prepared: PreparedText;
  speakerId?: string;
  speakerName?: string;
  /** The speaker's name (given, or from the post's signature) as words and as stems. */
  speakerWords: string[];
  speakerStems: string[];
  /** When the query's claim was made, as far as known. */
  when: MonthOfYear | null;
}

/** The month (or year) of an ISO date, or null. */
function monthOf(iso: string | null | undefined): MonthOfYear | null {
  const m = iso ? /^(\d{4})(?:-(\d{2}))?/.exec(iso) : null;
  return m ? { year: Number(m[1]), month: m[2] ? Number(m[2]) : null } : null;
}

export function prepareQuery(q: MatchQuery): PreparedQuery {
  const prepared = prepare(q.text);
  const speakerName = q.speakerName?.trim() || prepared.signatureName || undefined;
  const speaker = speakerName ? prepare(speakerName, { signature: false }) : undefined;
  return {
    prepared,
    speakerId: q.speakerId,
    speakerName,
    speakerWords: speaker?.words ?? [],
    speakerStems: speaker?.stems ?? [],
    when: monthOf(q.statedAt) ?? prepared.signatureDate,
  };
}

/** The service reads the query's words' frequencies only; a candidate's other words weigh as
 * if this share of the claims held them (corpus.unknownIdf = log(1 / share)). */
export const UNKNOWN_IDF_SHARE = 0.01;

/** Inverse document frequency, BM25's form (never negative). */
export function idf(corpus: Corpus, stem: string): number {
  const known = corpus.docFreq.get(stem);
  if (known === undefined && corpus.unknownIdf !== undefined) return corpus.unknownIdf;
  const df = known ?? 0;
  return Math.log(1 + (corpus.size - df + 0.5) / (df + 0.5));
}

/** The rarest weight of a synonym group's members (a canonical stem stands for them all). */
function weightOf(corpus: Corpus, stem: string): number {
  return idf(corpus, stem);
}

/** IDF-weighted share of `from`'s distinct stems that `into` holds (by synonym group). */
function coverage(corpus: Corpus, from: string[], into: Set<string>): { share: number; shared: string[] } {
  let total = 0;
  let found = 0;
  const shared: string[] = [];
  for (const stem of new Set(from)) {
    const w = weightOf(corpus, stem);
    total += w;
    if (into.has(canonicalStem(stem))) {
      found += w;
      shared.push(stem);
    }
  }
  return { share: total > 0 ? found / total : 0, shared };
}

const canonicalSet = (stems: Iterable<string>) => new Set([...stems].map(canonicalStem));

export interface Ranked {
  candidate: Candidate;
  score: number;
  signals: Signals;
  reasons: MatchReason[];
  warnings: MatchWarning[];
}

/** The share of a full match's bm25 that the bm25 signal is read against at least (see assess);
 * chosen on train by cross-validation among 0, 0.3 and 0.5. */
export const BM25_FULL_SHARE = 0.3;

/** About what FTS5's bm25 gives a claim of average length holding each of the query's words once
 * (its idf per word, clamped as FTS5 clamps it). */
export function fullMatchBm25(q: PreparedQuery, corpus: Corpus): number {
  let sum = 0;
  for (const stem of new Set(q.prepared.stems)) {
    const n = corpus.docFreq.get(stem) ?? 0;
    sum += Math.max(1e-6, Math.log((corpus.size - n + 0.5) / (n + 0.5)));
  }
  return sum;
}

/** The signals of one candidate for a query, and the reasons and warnings a reader sees. */
export function assess(
  q: PreparedQuery,
  c: Candidate,
  corpus: Corpus,
  bestBm25: number,
  associations: Associations = defaultAssociations(),
): Omit<Ranked, "score" | "candidate"> {
  const p = q.prepared;
  const bm25Scale = Math.max(bestBm25, BM25_FULL_SHARE * fullMatchBm25(q, corpus));
  const claim = prepare(c.text, { signature: false });
  const context = prepare(c.context ?? "", { signature: false });
  const speakerStems = c.speakerName ? prepare(c.speakerName, { signature: false }).stems : [];
  const claimAll = canonicalSet([...claim.stems, ...context.stems, ...speakerStems]);
  const queryAll = canonicalSet(p.stems);

  const queryCov = coverage(corpus, p.stems, claimAll);
  const claimCov = coverage(corpus, claim.stems, queryAll);
  const contextCov = coverage(corpus, context.stems, queryAll);
  const textCov = coverage(corpus, p.stems, canonicalSet(claim.stems));

  let rarestQuery = 0;
  let rarestShared = 0;
  for (const stem of new Set(p.stems)) {
    const w = weightOf(corpus, stem);
    rarestQuery = Math.max(rarestQuery, w);
    if (claimAll.has(canonicalStem(stem))) rarestShared = Math.max(rarestShared, w);
  }

  // A query word the claim lacks, where the claim has a word fact-checks use for it.
  let relatedFound = 0;
  let relatedTotal = 0;
  const relatedStems: [string, string][] = [];
  for (const stem of new Set(p.stems)) {
    const w = weightOf(corpus, stem);
    relatedTotal += w;
    if (claimAll.has(canonicalStem(stem))) continue;
    let best = 0;
    let bestStem = "";
    for (const [other, weight] of associations.get(stem) ?? [])
      if (weight > best && claimAll.has(other) && !queryAll.has(other)) {
        best = weight;
        bestStem = other;
      }
    if (best > 0) {
      relatedFound += w * best;
      relatedStems.push([stem, bestStem]);
    }
  }
  const related = relatedWords(p, claim, context, relatedStems);

  const claimBigrams = new Set([...claim.bigrams, ...context.bigrams]);
  const phrases = [...p.bigrams].filter((b) => claimBigrams.has(b));

  // A name is shared as far as its longest run of words the claim has ("Lin Ode" of "Mayor Lin Ode").
  // (Split as the names are: a word's letters may decompose to two words.)
  const nameWords = p.names.map((name) => name.split(" "));
  const claimRuns =
    p.names.length > 0
      ? new RunIndex(
          [...claim.words, ...context.words, ...speakerStems].join(" ").split(" "),
          new Set(nameWords.flat()),
        )
      : null;
  const names: string[] = [];
  let nameShare = 0;
  for (const name of nameWords) {
    const run = claimRuns?.longestRun(name) ?? [];
    if (run.length === 0) continue;
    names.push(run.join(" "));
    nameShare += run.length / name.length / p.names.length;
  }

  // The query's speaker named in the claim's words ("Omar advised Iran…"); the claim's own speaker
  // being the same is sameSpeaker, not counted twice.
  const claimWords = canonicalSet([...claim.stems, ...context.stems]);
  const signature =
    q.speakerStems.length > 0 ? q.speakerStems.filter((s) => claimWords.has(s)).length / q.speakerStems.length : 0;

  const claimNumbers = [...new Set([...claim.numbers, ...context.numbers])];
  const claimNumberSet = new Set(claimNumbers);
  const sameNumbers = p.numbers.filter((n) => claimNumberSet.has(n));
  const numbersDiffer = p.numbers.length > 0 && claimNumbers.length > 0 && sameNumbers.length === 0;

  const negationDiffers = p.negated !== claim.negated;

  const sameSpeaker =
    (q.speakerId !== undefined && q.speakerId === c.speakerId) ||
    (q.speakerName !== undefined &&
      c.speakerName !== null &&
      q.speakerStems.length > 0 &&
      q.speakerStems.join(" ") === speakerStems.join(" "));
  const speakerDiffers =
    (q.speakerId !== undefined || q.speakerName !== undefined) && c.speakerName !== null && !sameSpeaker;

  // A claim about the same month (or year) as the query's is likelier the same claim.
  const claimDates = [monthOf(c.statedAt), ...claim.dates, ...context.dates].filter((d) => d !== null);
  const when = q.when;
  const sameYear = when ? claimDates.filter((d) => d.year === when.year) : [];
  const sameMonth = sameYear.some((d) => d.month !== null && d.month === when?.month);
  const sameTime = sameMonth ? 1 : sameYear.length > 0 ? 0.5 : 0;
  const otherTime = when !== null && claimDates.length > 0 && sameYear.length === 0 ? 1 : 0;

  const signals: Signals = {
    // Against the best candidate's, as a ranking needs, but never against less than a share of a
    // full match's: on a small desk the best candidate may share one common word, and must not
    // read as a perfect hit.
    bm25: bm25Scale > 0 ? Math.min(1, c.bm25 / bm25Scale) : 0,
    queryCoverage: queryCov.share,
    textCoverage: textCov.share,
    rarestShared: rarestQuery > 0 ? rarestShared / rarestQuery : 0,
    related: relatedTotal > 0 ? relatedFound / relatedTotal : 0,
    claimCoverage: claimCov.share,
    contextCoverage: contextCov.share,
    phrases: Math.min(phrases.length, 4) / 4,
    names: nameShare,
    signatureName: signature,
    sameNumbers: sameNumbers.length > 0 ? 1 : 0,
    numbersDiffer: numbersDiffer ? 1 : 0,
    negationDiffers: negationDiffers ? 1 : 0,
    sameSpeaker: sameSpeaker ? 1 : 0,
    speakerDiffers: speakerDiffers ? 1 : 0,
    sameTime,
    otherTime,
  };

  const reasons: MatchReason[] = [];
  const sharedWords = wordsFor(p, queryCov.shared);
  if (sharedWords.length > 0) reasons.push({ kind: "shared_words", words: sharedWords });
  if (phrases.length > 0) reasons.push({ kind: "shared_phrases", phrases: phrasesFor(p, phrases) });
  if (sameNumbers.length > 0) reasons.push({ kind: "same_numbers", numbers: sameNumbers });
  if (names.length > 0) reasons.push({ kind: "same_names", names });
  if (sameSpeaker) reasons.push({ kind: "same_speaker" });
  if (related.length > 0) reasons.push({ kind: "related_words", words: related });

  const warnings: MatchWarning[] = [];
  if (numbersDiffer) warnings.push({ kind: "numbers_differ", query: p.numbers, claim: claimNumbers });
  if (negationDiffers) warnings.push({ kind: "negation_differs", negated: p.negated ? "query" : "claim" });
  if (speakerDiffers && c.speakerName !== null)
    warnings.push({ kind: "speaker_differs", query: q.speakerName ?? q.speakerId ?? "", claim: c.speakerName });
  return { signals, reasons, warnings };
}

/** Each stem's first word in a text: its own word for the stem. */
function firstWords(t: PreparedText): Map<string, string> {
  const out = new Map<string, string>();
  t.stems.forEach((stem, i) => {
    const word = t.words[i];
    if (word !== undefined && !out.has(stem)) out.set(stem, word);
  });
  return out;
}

/** "query word ~ claim word" for each pair of a query stem and the associated stem the claim has,
 * in the words each side uses (the claim's own text first, then its context). */
function relatedWords(
  p: PreparedText,
  claim: PreparedText,
  context: PreparedText,
  pairs: [string, string][],
): string[] {
  if (pairs.length === 0) return [];
  const query = firstWords(p);
  const own = firstWords(claim);
  const around = firstWords(context);
  return pairs.map(([stem, other]) => `${query.get(stem) ?? stem} ~ ${own.get(other) ?? around.get(other) ?? other}`);
}

/** The query's own words for shared stems, rarest first as the query has them. */
function wordsFor(p: PreparedText, stems: string[]): string[] {
  const wanted = new Set(stems);
  const out = new Set<string>();
  p.stems.forEach((stem, i) => {
    const word = p.words[i];
    if (word !== undefined && wanted.has(stem)) out.add(word);
  });
  return [...out];
}

function phrasesFor(p: PreparedText, bigrams: string[]): string[] {
  const wanted = new Set(bigrams);
  const out = new Set<string>();
  for (let i = 1; i < p.stems.length; i++)
    if (wanted.has(`${p.stems[i - 1]} ${p.stems[i]}`)) out.add(`${p.words[i - 1]} ${p.words[i]}`);
  return [...out];
}

/** The linear score of a candidate's signals (before squashing into 0..1). */
export function linear(signals: Signals, w: Weights = WEIGHTS): number {
  let sum = w.bias;
  for (const key of Object.keys(signals) as (keyof Signals)[]) sum += w[key] * signals[key];
  return sum;
}

const squash = (x: number) => 1 / (1 + Math.exp(-x));

/** The candidates best first, each with its score, reasons and warnings. */
export function rerank(
  query: MatchQuery | PreparedQuery,
  candidates: Candidate[],
  corpus: Corpus,
  w: Weights = WEIGHTS,
  associations: Associations = defaultAssociations(),
): Ranked[] {
  const q = "prepared" in query ? query : prepareQuery(query);
  const bestBm25 = Math.max(0, ...candidates.map((c) => c.bm25));
  return candidates
    .map((candidate) => {
      const assessed = assess(q, candidate, corpus, bestBm25, associations);
      return { candidate, score: squash(linear(assessed.signals, w)), ...assessed };
    })
    .sort((a, b) => b.score - a.score || b.candidate.bm25 - a.candidate.bm25);
}

/** The words to ask the index for: the query's content words and the speaker's name, each
 * stem once. */
export function indexTerms(q: PreparedQuery): { word: string; stem: string }[] {
  const seen = new Set<string>();
  const out: { word: string; stem: string }[] = [];
  const words = [...q.prepared.words, ...q.speakerWords];
  const stems = [...q.prepared.stems, ...q.speakerStems];
  words.forEach((word, i) => {
    const stem = stems[i] ?? word;
    if (seen.has(stem)) return;
    seen.add(stem);
    out.push({ word, stem });
  });
  return out;
}
