// Where the speaker of a quote is written: after it (", X said", "said X, a …", a byline), before it
// ("X said:", "according to X", "Said X,"), or introducing it with a colon; and a sentence's cues read once.

import { cuesIn, cueText, SOURCE_FIRST, SUBJECT_THEN_CUE } from "./cues";
import { capitalRuns, type Mention, NOT_NAME, PREMODIFIERS, type Run, TITLES, wordCount } from "./names";
import { readSpeakerPhrase, subjectBefore } from "./phrase";

export interface Attribution {
  phrase: Mention | { pronoun: string };
  cue: string;
  /** Offset of the cue in the text the attribution was read from. */
  at: number;
}

// So is the last stop of an acronym ("the U.N. refugee agency").
const NAME_STOP =
  /\b(Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Prof|Rev|St|[A-Z])\.(?=\s?[A-Z])|\b(Jr|Sr)\.(?=,)|\b(Sen|Rep|Gov|Lt|Col|Sgt|Capt|Adm|Prof|(?<=\b[A-Z]\.)[A-Z])\.(?=\s[a-z])/g;
const HIDDEN_STOP = "\u2024";

// A subject after a quote does not open with a preposition or a conjunction ("about the vote, X said").
const NOT_SUBJECT_START =
  /^(?:about|for|in|on|at|to|from|with|by|of|as|over|under|after|before|during|into|than|if|because|while|when|since|and|but|or|so|unless|until)\b/;

const hideStop = (_: string, a: string | undefined, b: string | undefined, c: string | undefined) =>
  `${a ?? b ?? c}${HIDDEN_STOP}`;

/** readSpeakerPhrase of words read with their name stops hidden, the stops shown again. */
function readHidden(np: string, apposition: string | null): ReturnType<typeof readSpeakerPhrase> {
  return readSpeakerPhrase(np.replaceAll(HIDDEN_STOP, "."), apposition?.replaceAll(HIDDEN_STOP, ".") ?? null);
}

/** Attribution in the text right after a quote: ", said X, a …" · ", X said" · "— X" (pull quote). The
 * patterns stop a name at a full stop, so those inside a name are hidden from them (same length). */
export function attributionAfter(text: string, runsOn = false): Attribution | null {
  const after = text.replace(NAME_STOP, hideStop);
  const inverted =
    /^\s*(?:[,.]\s*)?(?:[-–—]+\s*)?(said|says|added|adds|wrote|writes|asked|asks|replied|replies|continued|continues|explained|explains|stated|states|noted|notes|concluded|insisted|insists|recalled|recalls|responded|remarked|countered|argued|argues|warned|warns|tweeted|joked|observed|cautioned|exclaimed|declared|declares|admitted|acknowledged|conceded|boasted|complained|predicted|quipped|offered|posted)\s+([^,.;:!?"“”]{1,100})(?:,\s*(?:\d{1,3},\s*)?(an?\s[^.;:!?"“”]{1,100}|the\s[^.;:!?"“”]{1,100}))?/.exec(
      after,
    );
  if (inverted?.[1] && inverted[2]) {
    const np = inverted[2].replace(/\s+(?:to|in|at|on|during|after|before|via|by)\s.*$/, "");
    const phrase = readHidden(np, inverted[3] ?? null);
    if (phrase) return { phrase, cue: inverted[1], at: inverted.index };
  }
  const according = /^\s*(?:,\s*)?(according to|in the words of)\s+([^,.;:!?"“”]{1,80})/.exec(after);
  if (according?.[1] && according[2]) {
    const phrase = readHidden(according[2], null);
    if (phrase) return { phrase, cue: according[1], at: according.index };
  }
  const head = SUBJECT_THEN_CUE.exec(after);
  if (head?.[1] && head[3] && !SOURCE_FIRST.test(head[3]) && !NOT_SUBJECT_START.test(head[1])) {
    const phrase = readHidden(head[1], head[2] ?? null);
    if (phrase) return { phrase, cue: cueText(head[3]), at: head.index };
  }
  return (runsOn ? mannerAfter(after) : null) ?? tailAfter(after);
}

// '"This will be a challenge" for Clinton, said Kunin.' · '… about the decision, Ann Lee said.': the quote's
// sentence goes on after it and ends with its attribution. Read from a comma, so a few tries per quote.
const TAIL_SAID_NAME =
  /,\s*(said|says|added|adds|wrote|writes|explained|noted|argued|warned|insisted)\s+((?:the\s+)?\p{Lu}[^,.;:!?"“”\n]{0,60}?)(?:,\s*([^;:!?"“”\n]{1,160}?))?[.!]?\s*$/u;
const TAIL_NAME_SAID =
  /,\s*((?:the\s+)?\p{Lu}[^,.;:!?"“”\n]{0,60}?)(?:,\s*([^;:!?"“”\n]{1,160}?),)?\s+(said|says|added|adds|wrote|writes|explained|noted|argued|warned|insisted)[.!]?\s*$/u;

// What either form needs (tested first: most sentences have neither, and the patterns try every comma).
const TAIL_CUE = /\b(?:said|says|added|adds|wrote|writes|explained|noted|argued|warned|insisted)\b/;

function tailAfter(after: string): Attribution | null {
  // Only a sentence that goes on with the writer's words, with no other quote before its end.
  if (/^\s*[.!?]|x{3}/.test(after) || !TAIL_CUE.test(after)) return null;
  const saidName = TAIL_SAID_NAME.exec(after);
  if (saidName?.[1] && saidName[2]) {
    const phrase = readHidden(saidName[2], saidName[3] ?? null);
    if (phrase && !("pronoun" in phrase)) return { phrase, cue: saidName[1], at: saidName.index };
  }
  const nameSaid = TAIL_NAME_SAID.exec(after);
  if (nameSaid?.[1] && nameSaid[3]) {
    const phrase = readHidden(nameSaid[1], nameSaid[2] ?? null);
    if (phrase && !("pronoun" in phrase)) return { phrase, cue: nameSaid[3], at: nameSaid.index };
  }
  return null;
}

// A name or a description opening with a determiner: the subject of a manner verb.
// On the quote's own line: after a line break a new sentence is no attribution ("The debate is scheduled").
const MANNER_SUBJECT = `(?=\\p{Lu}|(?:an?|the|one|another)\\s)[^,.;:!?"“”\\n]`;
// "Toomey fumed", "an angry Hollande retaliated", "X, the mayor, beamed" · "beamed X", "mused X, a host".
const MANNER_SUBJECT_VERB = new RegExp(
  `^[^\\S\\n]*(?:,[^\\S\\n]*)?(${MANNER_SUBJECT}{1,80}?)(?:,\\s*([^;:!?"“”]{1,160}?),)?\\s+([a-z]{3,}ed)\\b`,
  "u",
);
const MANNER_VERB_SUBJECT = new RegExp(
  `^[^\\S\\n]*(?:,[^\\S\\n]*)?([a-z]{3,}ed)\\s+(${MANNER_SUBJECT}{1,60})(?:,\\s*(an?\\s[^.;:!?"“”]{1,100}|the\\s[^.;:!?"“”]{1,100}))?`,
  "u",
);

/** A quote that runs on into its sentence (it closes with a comma, "!" or "?") and is followed by a
 * subject and a verb in the past tense is attributed to that subject whatever the verb: news copy's
 * verbs of manner (fumed, beamed, opined, retaliated …) are too many to list as cues. */
function mannerAfter(after: string): Attribution | null {
  const inverted = MANNER_VERB_SUBJECT.exec(after);
  if (inverted?.[1] && inverted[2]) {
    const np = inverted[2].replace(/\s+(?:to|in|at|on|during|after|before|via|by)\s.*$/, "");
    const phrase = readHidden(np, inverted[3] ?? null);
    if (phrase) return { phrase, cue: inverted[1], at: inverted.index };
  }
  const head = MANNER_SUBJECT_VERB.exec(after);
  // "is scheduled", "had planned": a passive or a perfect is no act of speaking.
  if (head?.[1] && head[3] && !/\b(?:is|was|are|were|be|been|has|have|had)$/i.test(head[1].trim())) {
    const phrase = readHidden(head[1], head[2] ?? null);
    if (phrase) return { phrase, cue: head[3], at: head.index };
  }
  return null;
}

/** A pull quote's byline: the quote, then only a name to the paragraph's end: after a dash with what
 * follows it ("— Michelle Marks, Philadelphia.", "-President Obama, tweeting after the speech."), without
 * one a name and maybe a title ("Anonymous blogger, "…"", but not "Watch the ad below:"). */
export function bylineAfter(toParagraphEnd: string): Attribution | null {
  const dashed = /^\s*[-–—]+\s*([A-Z][^.!?"“”,]{1,60})(?:,\s*["“]x*["”]|,[^"“”\n]{1,100})?\s*$/.exec(toParagraphEnd);
  const bare = dashed ? null : /^\s*([A-Z][^.!?"“”,:]{1,60})(?:,\s*["“]x*["”])?\s*$/.exec(toParagraphEnd);
  const name = dashed?.[1] ?? bare?.[1];
  if (name) {
    const phrase = readSpeakerPhrase(name, null);
    if (phrase) return { phrase, cue: "pull quote", at: (dashed ?? bare)?.index ?? 0 };
  }
  return null;
}

/** '"… are missing." Trump said.': a quote closed with a full stop, then a sentence that is only its attribution. */
export function saidSentenceAfter(toParagraphEnd: string): Attribution | null {
  const m =
    /^\s*((?:he|she|they)|(?:[A-Z][\p{L}.'’-]*\s+){1,4})\s*(said|says|added|adds|wrote|writes|tweeted|asked)\.(?:\s|$)/u.exec(
      toParagraphEnd,
    );
  if (!m?.[1] || !m[2]) return null;
  const phrase = readSpeakerPhrase(m[1].trim(), null);
  return phrase ? { phrase, cue: m[2], at: m.index } : null;
}

/** A quote introduced by a colon with no speech verb ("Mr. Christie gloated: …", "Pollster Ann Lee: …",
 * "She was blunt: …"): the speaker is the name the clause ends with, else its subject, the name or
 * pronoun that opens it. */
export function colonIntroduction(before: string): Attribution | null {
  const colon = /:\s*$/.exec(before);
  if (!colon) return null;
  const clause = before.slice(0, colon.index).replace(/x{3,}/g, " ");
  const runs = capitalRuns(clause);
  const last = runs.at(-1);
  const opensWith = (first: Run | undefined) =>
    first && !first.possessive && wordCount(first.before) <= 1 ? first : null;
  // The clause's subject, or that of its last part ("In city after city, Perez lobbies for …:").
  const opening = opensWith(runs[0]) ?? opensWith(capitalRuns(clause.slice(clause.lastIndexOf(",") + 1))[0]);
  // A name after a preposition is an object ("McConnell delivered a blunt message to Trump:").
  const object = last && /\b(?:to|at|for|with|against|about|on|from|by|toward|towards|into|over)$/i.test(last.before);
  const run = last && !last.modifier && !object ? last : opening;
  const read = run ? readSpeakerPhrase(run.run.join(" "), null) : null;
  // "Her message to voters: …" is hers.
  const pronoun = /^\W*(he|she|his|her)\b/i.exec(clause)?.[1]?.toLowerCase();
  const phrase =
    read ?? readSpeakerPhrase(pronoun === "his" ? "he" : pronoun === "her" ? "she" : (pronoun ?? ""), null);
  return phrase ? { phrase, cue: ":", at: 0 } : null;
}

const SEPARATOR = /[,;:]/g;

/** The first two fields of text.split(/[,;:]/) ("" for a missing one), without splitting the rest of
 * what may be a whole long sentence. */
function firstTwoFields(text: string): [string, string] {
  SEPARATOR.lastIndex = 0;
  if (!SEPARATOR.exec(text)) return [text, ""];
  const first = SEPARATOR.lastIndex - 1;
  const second = SEPARATOR.exec(text) ? SEPARATOR.lastIndex - 1 : text.length;
  return [text.slice(0, first), text.slice(first + 1, second)];
}

/** The speaker after a cue that puts it after ("according to X", "in the words of X"), in `before`: from
 * the cue to the first comma, semicolon or colon, or the name after that ("according to the coach, Ann Lee"). */
function sourceAfter(cue: string, at: number, before: string): Attribution | null {
  const [source, next] = firstTwoFields(cue.replace(SOURCE_FIRST, "") + before.slice(at + cue.length));
  const phrase = readSpeakerPhrase(source, null);
  // "in the words of the Crown prosecutor, Mark Tedeschi, …": the name after the description.
  const named = readSpeakerPhrase(next, null);
  const best =
    phrase && !("pronoun" in phrase) && !phrase.person && named && "person" in named && named.person
      ? { ...named, role: phrase.name }
      : phrase;
  return best ? { phrase: best, cue: (cue.match(SOURCE_FIRST)?.[0] ?? cue).toLowerCase(), at } : null;
}

/** Attribution earlier in the sentence: the last cue before the quote and its subject
 * ("X said:", "X told AFP that …", "according to X, …"). */
export function attributionBefore(before: string): Attribution | null {
  // The nearest cue first; an earlier one when the nearest has no subject of its own ("… and said it was").
  for (const m of cuesIn(before).reverse()) {
    const at = m.index;
    const cue = m[0];
    if (SOURCE_FIRST.test(cue)) {
      const found = sourceAfter(cue, at, before);
      if (found) return found;
      continue;
    }
    const phrase = subjectBefore(before.slice(0, at));
    if (phrase) return { phrase, cue: cueText(cue), at };
  }
  return null;
}

/** The subject that opens a sentence: a pronoun, or a name after nothing but a description ("Republican
 * candidate Ann Lee took …", not "In Iowa …"). A one-word name must be one `known` to the article. */
export function openingSubject(
  sentence: string,
  known: (word: string) => boolean,
): Mention | { pronoun: string } | null {
  const pronoun = /^\s*(he|she|they)\b/i.exec(sentence)?.[1];
  if (pronoun) return { pronoun: pronoun.toLowerCase() };
  for (const { run, before, possessive } of capitalRuns(sentence.slice(0, 100).replace(/x{3,}/g, " "))) {
    if (possessive || wordCount(before) > 3) return null;
    if (before.split(/\s+/).some((w) => NOT_NAME.has(w.toLowerCase()) || /[^\p{L}-]/u.test(w))) return null;
    // "Republican presidential candidate Donald Trump": a description in capitals before the name.
    if (run.length === 1 && (PREMODIFIERS.has(run[0]?.toLowerCase() ?? "") || TITLES.has(run[0]?.toLowerCase() ?? "")))
      continue;
    const phrase = readSpeakerPhrase(run.join(" "), null);
    if (!phrase || "pronoun" in phrase || !phrase.person) return null;
    return phrase.name.includes(" ") || known(phrase.name) ? phrase : null;
  }
  return null;
}

// "Said Comey, …", "Stated Stone: …", "Said Ann Lee, who grew up there, …", "…, explained Rosenberg, …", "But, said Solovey, …": the verb before
// its speaker, just before the quote (a sentence's start, a comma, "and"/"but"). The verb may be capitalised.
const INVERTED_BEFORE =
  /(?:^|[.!?,;:(—–]\s*|\b(?:and|but|so|yet)\s+)((?:[Ss]aid|[Ss]tated|[Aa]dded|[Ee]xplained|[Ww]rote|[Aa]sked|[Rr]eplied|[Cc]ontinued|[Nn]oted|[Dd]eclared|[Rr]ecalled|[Ii]nsisted|[Ww]arned|[Cc]oncluded|[Rr]esponded|[Aa]rgued|[Ss]ays|[Ww]rites|[Aa]dds))\s+((?:the\s+)?\p{Lu}[^,.;:!?"“”\n]{0,60}?)(?:,\s*((?:who|an?|the)\s[^.;:!?"“”\n]{1,100}?))?\s*[,:]\s*$/u;

/** The speaker of an inverted cue ending `before` (only the last 120 characters are read). */
export function invertedBefore(before: string): Attribution | null {
  const from = Math.max(0, before.length - 120);
  // The pattern tries every position of the tail; most quotes follow no comma or colon at all.
  if (!/[,:]\s*$/.test(before.slice(-8))) return null;
  const m = INVERTED_BEFORE.exec(before.slice(from));
  if (!m?.[1] || !m[2] || NOT_NAME.has((m[2].split(/\s+/)[0] as string).toLowerCase())) return null;
  // "Said Ann Lee, who grew up next door, …": the apposition is her role.
  const phrase = readSpeakerPhrase(m[2], m[3] ?? null);
  if (!phrase || "pronoun" in phrase || !/\p{Lu}/u.test(phrase.name)) return null;
  return { phrase, cue: m[1].toLowerCase(), at: from + m.index };
}

// "Hillary Clinton cracked, …", "Silverman interjected, …": a name and a verb in the past tense, then the quote.
const NAME_THEN_VERB_BEFORE =
  /(?:^|[,;:(—–-]\s*|\b(?:and|but|then|when)\s+)((?:the\s+)?\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})\s+(?:then\s+|also\s+|quickly\s+)?([a-z]{3,}ed)\s*,\s*$/u;

/** A name and any verb in the past tense right before the quote (verbs of manner are too many to list). */
export function mannerBefore(before: string): Attribution | null {
  const from = Math.max(0, before.length - 120);
  if (!/ed\s*,\s*$/.test(before.slice(-8))) return null;
  const m = NAME_THEN_VERB_BEFORE.exec(before.slice(from));
  if (!m?.[1] || !m[2] || /^(?:is|was|were|had|has)ed$/.test(m[2])) return null;
  if (NOT_NAME.has((m[1].split(/\s+/)[0] as string).toLowerCase())) return null;
  const phrase = readSpeakerPhrase(m[1], null);
  if (!phrase || "pronoun" in phrase || !("person" in phrase)) return null;
  const named = capitalRuns(m[1]).at(-1);
  if (!named || named.modifier) return null;
  return { phrase, cue: m[2], at: from + m.index };
}

/** How many later cues an unclosed source ("according to …" with no comma yet) is read up to. */
export const SOURCE_REACH = 4;

/** A text's cues, and attributionBefore() of the text up to the end of each, without reading the text
 * again for every cue: the subject before a cue is read once, and the source after "according to"
 * once two separators close it. Until then the source grows with the text read, so it is read again
 * for each later cue, but only for the next SOURCE_REACH: a source running on over more cues than that
 * without a comma names no one (and rereading it for every cue was cubic in a sentence's cues). */
export class CueReader {
  readonly cues: RegExpExecArray[];
  private readonly subjects = new Map<number, Mention | { pronoun: string } | null>();
  private readonly sources = new Map<number, Attribution | null>();
  private readonly closedAt = new Map<number, number>();
  /** before(i) for the cues read so far: a sentence's first attribution and its statistic ask for the same. */
  private readonly answers: (Attribution | null)[] = [];
  /** Subjects and sources read so far (for tests: each subject once, each source a bounded number of times). */
  reads = 0;

  constructor(private readonly text: string) {
    // The cues of text.slice(0, end of cue i) are the first i + 1 of these: a match never reaches past the next.
    this.cues = cuesIn(text);
  }

  /** attributionBefore(text.slice(0, end of cue i)). */
  before(i: number): Attribution | null {
    let found = this.answers[i];
    if (found === undefined) {
      found = this.read(i);
      this.answers[i] = found;
    }
    return found;
  }

  /** The first attribution of the text: before(i) of the first cue that has one. */
  first(): Attribution | null {
    for (let i = 0; i < this.cues.length; i++) {
      const found = this.before(i);
      if (found) return found;
    }
    return null;
  }

  private read(i: number): Attribution | null {
    const last = this.cues[i] as RegExpExecArray;
    const end = last.index + last[0].length;
    for (let j = i; j >= 0; j--) {
      const m = this.cues[j] as RegExpExecArray;
      const at = m.index;
      const cue = m[0];
      if (SOURCE_FIRST.test(cue)) {
        const found = this.source(j, end, i - j);
        if (found) return found;
        continue;
      }
      let phrase = this.subjects.get(j);
      if (phrase === undefined) {
        this.reads++;
        phrase = subjectBefore(this.text.slice(0, at));
        this.subjects.set(j, phrase);
      }
      if (phrase) return { phrase, cue: cueText(cue), at };
    }
    return null;
  }

  /** The source after cue j read up to `end`, `cuesAfter` cues later. */
  private source(j: number, end: number, cuesAfter: number): Attribution | null {
    const kept = this.sources.get(j);
    if (kept !== undefined) return kept;
    const closed = this.closed(j) < end;
    if (!closed && cuesAfter > SOURCE_REACH) return null;
    const m = this.cues[j] as RegExpExecArray;
    this.reads++;
    const found = sourceAfter(m[0], m.index, this.text.slice(0, end));
    if (closed) this.sources.set(j, found);
    return found;
  }

  /** Where the second separator after cue j is: from there on, its source and the name after it are fixed. */
  private closed(j: number): number {
    let at = this.closedAt.get(j);
    if (at === undefined) {
      const m = this.cues[j] as RegExpExecArray;
      const separators = /[,;:]/g;
      separators.lastIndex = m.index + m[0].length;
      separators.exec(this.text);
      at = separators.lastIndex > 0 && separators.exec(this.text) ? separators.lastIndex - 1 : Number.POSITIVE_INFINITY;
      this.closedAt.set(j, at);
    }
    return at;
  }
}

/** The first attribution in a sentence, for the timeline that resolves pronouns. */
export function firstAttribution(sentence: string, reader = new CueReader(sentence)): Attribution | null {
  // "Stated Stone:" closing a paragraph whose quote follows: an inverted cue, which the reader does not read.
  return reader.first() ?? invertedBefore(sentence.trimEnd());
}
