// Who said it: the cue around a quote or a reported statement, the noun phrase that names the
// speaker, and the resolution of pronouns and bare surnames to names introduced earlier.

/** Speech verbs (and phrases) that attribute words to someone. */
const CUE_VERBS =
  "said|says|say|saying|told|tells|tell|telling|tweeted|tweets|wrote|writes|writing|stated|states|stating|added|adds|" +
  "replied|continued|explained|noted|notes|asserted|concluded|claimed|claims|insisted|warned|argued|reasoned|" +
  "announced|reported|reports|reporting|recalled|commented|declared|described|characterized|characterised|dubbed|" +
  "called|reads|recommending|recommended|promising|promised|cited|confirmed|estimated|estimates|found|suggest|suggests|" +
  "admitted|admits|acknowledged|conceded|" +
  // Verbs of answering, asking and manner: news copy varies "said" a great deal.
  "asked|asks|responded|responds|answered|retorted|countered|replied|remarked|joked|quipped|exclaimed|exhorted|" +
  "barked|snapped|shot back|fired back|went on|pointed out|observed|predicted|boasted|complained|lamented|vowed|" +
  "urged|cautioned|emphasized|stressed|maintained|testified|posted|shouted|yelled|mused|recounted|recalls|" +
  "affirms|affirmed|contended|contends|agreed|put it|puts it|write|continues|continuing|explaining|" +
  "elaborated|tweeting|chanted|chanting|echoing|echoed|mouthing|jeered|" +
  // The present tense of features and columns ("Coan argues that …").
  "argues|insists|warns|predicts|concludes|complains|acknowledges|asserts|elaborates";

/** The phrases as one alternation factored by their letters ("sa(?:id|y(?:s|ing)?)|…"): the same
 * matches, but each position of the text tries the letters once rather than every phrase in turn. */
function factored(phrases: string[]): string {
  const byFirst = new Map<string, string[]>();
  let ends = false;
  for (const p of phrases) {
    if (p === "") ends = true;
    else byFirst.set(p[0] as string, [...(byFirst.get(p[0] as string) ?? []), p.slice(1)]);
  }
  const branches = [...byFirst].map(([first, rests]) => first + factored(rests));
  if (branches.length === 0) return "";
  if (branches.length === 1 && !ends) return branches[0] as string;
  return `(?:${branches.join("|")})${ends ? "?" : ""}`;
}

const CUE_PHRASES = factored([
  ...new Set([
    "according to",
    // Sentence-initial ("According to Woodward, …").
    "According to",
    "in the words of",
    "In the words of",
    "quoting",
    "issued a statement",
    ...CUE_VERBS.split("|"),
  ]),
]);
const CUE_SOURCE = `\\b${CUE_PHRASES}\\b(?:\\s+(?:the\\s+)?(?:[A-Z][\\w.&-]*(?:\\s+[A-Z][\\w.&-]*){0,3}|reporters|journalists|the press|the court|the police|police))?`;
const CUE = new RegExp(CUE_SOURCE, "g");
// ", X said" / ", X, a spokesman for Y, said" right after a quote; the apposition may have commas of its
// own (", Ann Lee, 67, a nurse in Dayton, Ohio, said"). The subject starts at the first word:
// letting it start with the spaces before (a subject of spaces only reads as no one anyway) made the
// pattern try every way of sharing a run of spaces, cubic in its length.
const SUBJECT_THEN_CUE = new RegExp(
  `^\\s*(?:[,.]\\s*)?(?=[^,.;:!?"“”\\s])([^,.;:!?"“”]{1,80}?)(?:,\\s*([^;:!?"“”]{1,160}?),)?\\s+(?:(?:has|have|had|also|later)\\s+)*(${CUE_SOURCE})`,
);

// "has been told to", "a device called": passive and participle uses attribute nothing.
// So does a participle after an article ("an estimated cost", "the reported figure").
const PASSIVE_BEFORE = /\b(?:been|was|were|is|are|be|a|an|the)\s+$/i;

/** The cues in a text. CUE runs with exec: matchAll's copy of so long a pattern cost more than the
 * search of a short sentence (and nothing runs CUE inside the loop, so callers can still nest). */
export function cuesIn(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  CUE.lastIndex = 0;
  for (let m = CUE.exec(text); m; m = CUE.exec(text)) {
    if (!PASSIVE_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) out.push(m);
  }
  return out;
}
const SPACE = /\s/;
const isSpace = (c: string | undefined) => c !== undefined && SPACE.test(c);

/** `text` without the characters of `chars` at its end: replace(/[…]+$/, "") in one pass from the end
 * (the pattern retries from every character of a long run that does not reach the end). */
export function trimEndOf(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1] as string)) end--;
  return text.slice(0, end);
}

// Cues that put the speaker after them ("according to X", "in the words of X").
const SOURCE_FIRST = /^(?:[Aa]ccording to|[Ii]n the words of|quoting)/;
const TELL = /^(?:told|tells|tell|telling)\b/;

const PRONOUNS = new Set(["he", "she", "it", "they", "we", "i"]);
const TITLES = new Set(
  (
    "mr mrs ms dr prof professor president ambassador senator sen rep governor gov minister secretary " +
    "capt maj adm cmdr lt col sgt cpl " +
    "administrator chairman chairwoman director ceo spokesman spokeswoman spokesperson judge general gen. colonel mayor sir " +
    "lord king queen pope prime shadow home foreign deputy chief undersecretary senior coach qc sc mp " +
    // Roles written capitalised before a name, mostly at a sentence's start ("Economist Paul Krugman").
    "chancellor commissioner inspector detective sergeant captain bishop archbishop rabbi imam reverend rev pastor " +
    "justice councillor congressman congresswoman representative premier sheikh prince princess emir speaker " +
    "economist analyst author actor actress singer lawyer attorney historian scientist researcher activist " +
    "journalist reporter photographer artist writer founder candidate striker midfielder defender goalkeeper " +
    "comedian columnist commentator strategist pollster correspondent editor host anchor producer entrepreneur " +
    "billionaire filmmaker novelist poet musician rapper"
  ).split(" "),
);
// Capitalised words that start sentences or name times, not people.
const NOT_NAME = new Set(
  (
    "the a an on in at as by for from of to and but or after before during since while when this that these those " +
    "according allegedly however also yesterday today monday tuesday wednesday thursday friday saturday sunday " +
    // Words that open sentences and clauses ("Though Kaine said", "Does Rubio care?").
    "though although even both does did overall first like unlike still yet instead meanwhile " +
    "alongside amid despite among against without within across behind beyond upon toward towards later earlier " +
    "so because neither nor either ever never whether several " +
    "january february march april may june july august september october november december " +
    "he she it they we i his her its their our one"
  ).split(" "),
);
// Abbreviations that end with a full stop inside a name ("Mr. Tedeschi"), unlike a sentence's last word.
const ABBREVIATIONS = new Set(
  "Mr Ms Mrs Dr St Jr Sr Gen Col Sgt Lt Capt Maj Adm Cmdr Cpl Rep Sen Gov Prof Rev".split(" "),
);
const INVERTED_CUE_WORDS = new Set(
  "Said Says Stated Added Adds Asked Wrote Writes Explained Replied Continued Noted Declared Recalled Insisted Warned Concluded Responded Argued".split(
    " ",
  ),
);
const PARTICLES = new Set(["de", "De", "del", "van", "von", "bin", "al", "da", "di", "Di", "le", "la", "du"]);
const ORG_WORDS =
  /\b(?:agency|ministry|office|council|department|herald|times|news|post|press|mail|guardian|organi[sz]ation|company|corporation|university|church|government|police|army|court|commission|committee|association|institute|foundation|bank|party|world|reuters|afp|museum|center|centre|authority|board|service|network)\b/i;
// Capitalised words that describe a person before the name ("Democrat Nancy Pelosi"), not a first name.
const PREMODIFIERS = new Set(
  (
    "democrat republican labour conservative liberal tory green socialist communist independent " +
    "american british australian canadian chinese french german indian iranian israeli japanese korean russian " +
    "afghan pakistani saudi swedish spanish italian mexican brazilian turkish ukrainian syrian iraqi egyptian " +
    "palestinian english scottish irish welsh dutch polish greek"
  ).split(" "),
);

export interface Mention {
  name: string;
  role: string | null;
  person: boolean;
}

/** Capitalised runs in a phrase, with the words before each run. */
interface Run {
  run: string[];
  /** The (up to eight) words before the run. */
  before: string;
  /** Words follow the run: it modifies a common noun ("Afghanistan government officials"). */
  modifier: boolean;
  possessive: boolean;
}

/** A token without its surrounding marks and closing full stops, keeping an initial's own ("K."):
 * raw.replace(/^[("'‘“]+|[)"'’”,;:]+$/g, "").replace(/(?<!\b[A-Z])\.+$/, ""), in one pass from each end. */
function tokenWord(raw: string): string {
  let start = 0;
  while (start < raw.length && `("'‘“`.includes(raw[start] as string)) start++;
  let end = raw.length;
  while (end > start && `)"'’”,;:`.includes(raw[end - 1] as string)) end--;
  let stop = end;
  while (stop > start && raw.charCodeAt(stop - 1) === FULL_STOP) stop--;
  const dots = end - stop;
  if (dots === 0) return raw.slice(start, end);
  const initial =
    stop - 1 >= start &&
    /[A-Z]/.test(raw[stop - 1] as string) &&
    !(stop - 2 >= start && /\w/.test(raw[stop - 2] as string));
  if (!initial) return raw.slice(start, stop);
  return dots >= 2 ? raw.slice(start, stop + 1) : raw.slice(start, end);
}

/** Whether a UTF-16 code unit is one that \s matches (white space or a line break). */
function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0x2000) return c === 0xa0 || c === 0x1680;
  return c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const NON_SPACE = /\S/g;

/** The offset of the first character at or after `at` that is not a space. One space is the rule and
 * is read here; a longer run is left to a regex search, faster per character. */
function skipSpaces(text: string, at: number): number {
  if (at + 1 < text.length && isSpaceCode(text.charCodeAt(at)) && isSpaceCode(text.charCodeAt(at + 1))) {
    NON_SPACE.lastIndex = at + 2;
    return NON_SPACE.test(text) ? NON_SPACE.lastIndex - 1 : text.length;
  }
  return at < text.length && isSpaceCode(text.charCodeAt(at)) ? at + 1 : at;
}

/** The offset just after the word (non-space characters) starting at `at`. */
function wordEnd(text: string, at: number): number {
  while (at < text.length && !isSpaceCode(text.charCodeAt(at))) at++;
  return at;
}

/** s.split(/\s+/).length, without the array: one more than its runs of spaces. */
function splitCount(s: string): number {
  let count = 1;
  for (let at = 0; at < s.length; at = wordEnd(s, at)) {
    if (isSpaceCode(s.charCodeAt(at))) {
      count++;
      at = skipSpaces(s, at);
    }
  }
  return count;
}

/** The number of words (runs of non-spaces) in a text: s.split(/\s+/).filter(Boolean).length, without the array. */
export function wordCount(s: string): number {
  let count = 0;
  for (let at = skipSpaces(s, 0); at < s.length; at = skipSpaces(s, wordEnd(s, at))) count++;
  return count;
}

const code = (c: string) => c.charCodeAt(0);
const FULL_STOP = code(".");
const HYPHEN = code("-");
const LETTER_S = code("s");
// The first letters of the Arabic articles al-, el-, ad-, bin-, ibn-, abu-.
const ARTICLE_INITIALS = new Set([..."abei"].map(code));
const APOSTROPHES = new Set([code("'"), code("’")]);
const isApostrophe = (c: number) => APOSTROPHES.has(c);
const isCapital = (c: number) => c >= 65 && c <= 90;
// "al-Amr", "bin-Salman": an Arabic surname keeps its lowercase article.
const ARABIC_ARTICLE = /^(?:al|el|ad|bin|ibn|abu)-[A-Z]/;
const RUN_BREAK = /[:;,]$/;
const SENTENCE_END = /[.!?]["”]?$/;

export function capitalRuns(phrase: string): Run[] {
  const runs: Run[] = [];
  eachCapitalRun(phrase, (r) => runs.push(r));
  return runs;
}

/** Hands a finished run to `visit`, without the particles it ends with; whether there was one to hand. */
function finishRun(
  run: string[],
  before: string,
  modifier: boolean,
  possessive: boolean,
  visit: (run: Run) => void,
): boolean {
  while (run.length > 0 && PARTICLES.has(run[run.length - 1] as string)) run.pop();
  // "Said Comey," "Stated Stone:": an inverted cue opening the sentence is no first name (a given name
  // Said is kept before two more names).
  if (run.length === 2 && INVERTED_CUE_WORDS.has(run[0] as string)) run.shift();
  if (run.length === 0) return false;
  visit({ run, before, modifier, possessive });
  return true;
}

/** Whether the word at phrase.slice(start, end) may start a run: its first letter after opening marks is
 * a capital, or it may be an Arabic article's ("al-Amr": a, b, e or i, and a hyphen third or fourth).
 * Most words do not, and are read no further. */
function mayStartRun(phrase: string, start: number, end: number): boolean {
  while (start < end && `("'‘“`.includes(phrase[start] as string)) start++;
  if (start === end) return false;
  const c = phrase.charCodeAt(start);
  return (
    isCapital(c) ||
    (ARTICLE_INITIALS.has(c) && (phrase.charCodeAt(start + 2) === HYPHEN || phrase.charCodeAt(start + 3) === HYPHEN))
  );
}

/** The capitalised runs of a phrase, handed to `visit` one at a time as its words are read: the
 * registry reads every run of an article, and an array of every word of a long sentence made the
 * garbage collector's work per word grow with the sentence. The words (/\S+/g) are read by offset,
 * and tested by character, for this reads every word of an article more than once. Without
 * `withBefore` (the registry, which reads no roles), a run's `before` is left empty. */
export function eachCapitalRun(phrase: string, visit: (run: Run) => void, withBefore = true): void {
  // Where the (up to eight) words before the current one start and end, a ring of pairs: enough for a
  // run's role, and linear; the words are cut out only for a run's role.
  const recent: number[] = [];
  let read = 0;
  let run: string[] = [];
  let before = "";
  let at = skipSpaces(phrase, 0);
  while (at < phrase.length) {
    const start = at;
    const end = wordEnd(phrase, at);
    at = skipSpaces(phrase, end);
    if (run.length > 0 || mayStartRun(phrase, start, end)) {
      const raw = phrase.slice(start, end);
      const more = at < phrase.length;
      // Initials keep their last full stop ("K.C. Maurer").
      const token = tokenWord(raw);
      // A possessive's "'s" or "'" (/['’]s?$/) is no part of the word.
      const last = token.charCodeAt(token.length - 1);
      const suffix = isApostrophe(last)
        ? 1
        : last === LETTER_S && isApostrophe(token.charCodeAt(token.length - 2))
          ? 2
          : 0;
      const possessive =
        suffix > 0 || (raw.charCodeAt(raw.length - 1) === LETTER_S && isApostrophe(raw.charCodeAt(raw.length - 2)));
      const word = suffix > 0 ? token.slice(0, token.length - suffix) : token;
      const capital = (isCapital(word.charCodeAt(0)) || ARABIC_ARTICLE.test(word)) && !NOT_NAME.has(word.toLowerCase());
      // "of" joins capitalised words into one name: "Department of Agriculture", "Museum of Flight".
      const joiner =
        word === "of" &&
        isCapital(phrase.charCodeAt(at)) &&
        !NOT_NAME.has(phrase.slice(at, wordEnd(phrase, at)).toLowerCase());
      if (capital || (run.length > 0 && (PARTICLES.has(word) || joiner))) {
        if (run.length === 0 && withBefore) before = recentWords(phrase, recent, read);
        run.push(word);
        // "… Kendrick Moxon. Rathbun wrote": a full stop after a word (not an initial or "Mr.") ends the run.
        // So does a colon or semicolon ("Image: Mark Rathbun").
        // A comma too: "Cruz, Rubio take off the gloves" names two people.
        const fullStop =
          RUN_BREAK.test(raw) ||
          (SENTENCE_END.test(raw) && word.length > 1 && !word.includes(".") && !ABBREVIATIONS.has(word));
        // Words follow the run (it modifies a common noun) unless this was the last word.
        if ((possessive || fullStop) && finishRun(run, before, more, possessive, visit)) run = [];
      } else if (run.length > 0 && finishRun(run, before, true, false, visit)) run = [];
    }
    const slot = (read++ % 8) * 2;
    recent[slot] = start;
    recent[slot + 1] = end;
  }
  finishRun(run, before, false, false, visit);
}

/** The last (up to eight) of the `read` words whose offsets the ring `recent` holds, joined by spaces. */
function recentWords(phrase: string, recent: number[], read: number): string {
  const words: string[] = [];
  for (let k = Math.max(0, read - 8); k < read; k++) {
    const slot = (k % 8) * 2;
    words.push(phrase.slice(recent[slot], recent[slot + 1]));
  }
  return words.join(" ");
}

/** A name from a capitalised run: organisations whole, people as their last two names, or three
 * when the run is a three-part name ("Marc Lamont Hill", "Claudio De Vincenti"), titles going to the role. */
function nameFromRun(run: string[]): { name: string; title: string | null; person: boolean } | null {
  let lastTitle = -1;
  // The last word of a longer run is a surname even if it is a title word ("Julie Bishop", "Peter Singer").
  for (let i = 0; i < run.length; i++) {
    if (TITLES.has((run[i] as string).toLowerCase()) && (i < run.length - 1 || i === 0)) lastTitle = i;
  }
  const title = lastTitle >= 0 ? run.slice(0, lastTitle + 1).join(" ") : null;
  const rest = run.slice(lastTitle + 1);
  if (rest.length === 0) return null;
  if (ORG_WORDS.test(rest.at(-1) as string) || / of |\.[a-z]{2,}$/.test(rest.join(" "))) {
    return { name: rest.join(" "), title, person: false };
  }
  const third = rest.at(-3) ?? "";
  const threeParts =
    rest.length === 3 &&
    !PREMODIFIERS.has(third.toLowerCase()) &&
    !/^[A-Z]{2,}$|-/.test(third) &&
    !ORG_WORDS.test(third);
  const take = rest.length >= 3 && (PARTICLES.has(rest.at(-2) as string) || threeParts) ? 3 : 2;
  const name = rest.slice(-take).join(" ");
  return { name, title, person: !/^[A-Z]{2,}$/.test(name) };
}

const LEADING_LINKS =
  /^(?:(?:and|but|while|as|with|after|when|although|though|so|then|yet|that|which|who|also)(?:\s+|$))+/i;
// Where a speaker's noun phrase ends and its description begins ("Matthew Ingram of The Globe and Mail").
const HEAD_END = /\s(?:of|for|from|at|who|(?:seen|quoted|cited|obtained|published) by)\s/;
// A verb ending the subject of a longer clause ("Sunak defended the record whilst …").
const CLAUSE_VERB = /^(?:[a-z]+ed|is|was|are|were|has|had|have|will|would|can|could)$/;
const LAST_CONJUNCT = /\s(?:and|but|while|as|when)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4})$/u;
// "… grew so heated that New Jersey Gov. Chris Christie (said)": a subordinate clause's own subject.
const LAST_SUBORDINATE =
  /\s(?:that|because|after|before|until|since|if|where|although|though)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4})$/u;
const DETERMINER = /^(?:a|an|the|one|another|some|two|three|his|her|its|their|our|this|that)$/i;
const DETERMINER_ONLY = /^(?:the|a|an|his|her|its|their)?$/i;

/** The description right before a name ("US Forces-Afghanistan spokesman Sonny Leggett"), up to a function word or verb. */
function roleWords(before: string): string[] {
  const out: string[] = [];
  for (const w of before.split(/\s+/).filter(Boolean).reverse()) {
    const lower = w.toLowerCase();
    if (out.length >= 5 || NOT_NAME.has(lower) || /(?:ed|ing)$|["“”]|x{3}/.test(lower)) break;
    out.unshift(w);
  }
  return out;
}

/** Reads a noun phrase that names a speaker: a name (with role), a pronoun or a common noun phrase. */
export function readSpeakerPhrase(raw: string, apposition: string | null): Mention | { pronoun: string } | null {
  let phrase = raw
    .replace(/["“”]|x{3,}/g, " ")
    .trim()
    .replace(LEADING_LINKS, "");
  phrase = trimEndOf(phrase, ".!?").trim();
  // "Ms. Sherry smiled and (said)", "Mrs. Clinton shook her head and (said)": the name that opens the clause.
  const compound = /^(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})\s+[a-z][^,;:]*\s(?:and|but)$/u.exec(phrase);
  if (compound?.[1] && !NOT_NAME.has((compound[1].split(/\s+/)[0] as string).toLowerCase())) phrase = compound[1];
  // "a woman asked for a photo and Clinton (said)": a clause before, then the subject of the cue's own.
  const conjoined = LAST_CONJUNCT.exec(phrase);
  if (
    conjoined?.[1] &&
    phrase
      .slice(0, conjoined.index)
      .split(/\s+/)
      .some((w) => CLAUSE_VERB.test(w))
  ) {
    phrase = conjoined[1];
  }
  const subordinate = LAST_SUBORDINATE.exec(phrase);
  if (subordinate?.[1] && !NOT_NAME.has((subordinate[1].split(/\s+/)[0] as string).toLowerCase())) {
    phrase = subordinate[1];
  }
  let role = apposition?.trim() || null;
  const head = HEAD_END.exec(phrase);
  if (head && head.index > 0) {
    const runs = capitalRuns(phrase.slice(0, head.index));
    const named = runs.at(-1);
    const endsWithPerson = named && !named.modifier && nameFromRun(named.run)?.person;
    // A relative clause ("… member who supports Trump") never holds the speaker.
    if (endsWithPerson || runs.length === 0 || head[0] === " who ") {
      role ??= phrase.slice(head.index + 1);
      phrase = phrase.slice(0, head.index);
    }
  }
  const words = phrase.split(/\s+/);
  if (words.length > 4) {
    // Not a participle after a determiner: "one unaligned strategist", "a retired nurse".
    const verbAt = words.findIndex((w, i) => i > 0 && CLAUSE_VERB.test(w) && !DETERMINER.test(words[i - 1] as string));
    if (verbAt > 0) phrase = words.slice(0, verbAt).join(" ");
  }
  if (!phrase) return null;
  // Pronouns are short: a long phrase is not lower-cased to find out.
  const lower = phrase.length <= 4 ? phrase.toLowerCase() : "";
  if (PRONOUNS.has(lower)) return { pronoun: lower };
  // A run starts at a capital: without one (a long source of lower-case words) there is none to read.
  const last = /[A-Z]/.test(phrase) ? capitalRuns(phrase).at(-1) : undefined;
  if (last && (!last.modifier || last.possessive)) {
    const named = nameFromRun(last.run);
    if (named) {
      // An honorific ("Mr.") says how to address the person, not what they do.
      const title = named.title && !HONORIFIC.test(named.title) ? [named.title] : [];
      const premodifier = [...roleWords(last.before), ...title].join(" ");
      const fromPremodifier = premodifier && !DETERMINER_ONLY.test(premodifier) ? premodifier : null;
      return { name: named.name, role: role ?? fromPremodifier, person: named.person };
    }
  }
  if (splitCount(phrase) > 7) return null;
  // A predicate is not a subject: "went on to (say)", "issued a statement Tuesday (saying)".
  if (PREDICATE.test(phrase)) return null;
  return { name: phrase, role, person: false };
}

// Not a noun phrase: it opens with a verb, an adverb or a preposition ("put it in his memo", "loudly",
// "in what officials"), or ends with a verb or a function word ("a woman asked", "went on to").
const PREDICATE =
  /^(?:[a-z]+(?:ed|ly)|said|says|put|puts|told|tells|in|of|for|at|on|with|by|as|from|into|about|because|so|if|now|then|here|there|again|too|also|still|later|soon|today)\b|\b(?:to|and|but|or|that|of|the|a|an|said|says|told|asked|added|wrote|replied|noted|explained)$/;
const HONORIFIC = /^(?:mr|mrs|ms|miss)\.?$/i;

const AUXILIARY = /^(?:has|have|had|also|later|then|further|would|will|once)$/i;

/** "X has also" → "X": pre.replace(/(?:\s+(?:has|…|once))+\s*$/i, ""), word by word from the end
 * (the pattern tried every space of a long run again). */
function withoutTrailingAuxiliaries(pre: string): string {
  let end = pre.length;
  while (end > 0 && isSpace(pre[end - 1])) end--;
  let cut = pre.length + 1;
  for (;;) {
    let start = end;
    while (start > 0 && !isSpace(pre[start - 1])) start--;
    if (start === 0 || start === end || !AUXILIARY.test(pre.slice(start, end))) break;
    end = start;
    while (end > 0 && isSpace(pre[end - 1])) end--;
    cut = end;
  }
  return cut > pre.length ? pre : pre.slice(0, cut);
}

const ADVERBIAL = /^(?:in|during|speaking|writing|when|while|via|through)\b/i;

/** The speaker before a cue: the end of the clause, skipping an apposition (", a member of …,"). */
export function subjectBefore(pre: string): Mention | { pronoun: string } | null {
  const text = withoutTrailingAuxiliaries(pre);
  const segments = text.split(/[,;:()[\]]|\s[-–—]+\s/);
  while (segments.length > 0 && !(segments.at(-1) as string).trim()) segments.pop();
  const last = (segments.at(-1) ?? "").trim();
  const previous = (segments.at(-2) ?? "").trim();
  const endsWithComma = /,\s*$/.test(text);
  const previousRuns = capitalRuns(previous);
  const previousRun = previousRuns.at(-1);
  const nameBefore = previousRun !== undefined && !previousRun.modifier;
  const looksAppositive = /^(?:a|an|the|of|from|for|\d+)\b/i.test(last) || !/[A-Z]/.test(last) || nameBefore;
  // "X, in remarks to Y, said": a phrase about the speaking, not a description of the speaker.
  if (endsWithComma && previousRuns.length > 0 && ADVERBIAL.test(last)) return readSpeakerPhrase(previous, null);
  // "X, curator at the University of Arkansas, Fayetteville, said": a description holding a comma of its own.
  if (endsWithComma && /^(?:[a-z]|(?:a|an|the)\s)/.test(previous) && /^[A-Z]/.test(last)) {
    const name = (segments.at(-3) ?? "").trim();
    const nameRun = capitalRuns(name).at(-1);
    const named = nameRun && !nameRun.modifier ? readSpeakerPhrase(name, `${previous}, ${last}`) : null;
    if (named && "person" in named && named.person) return named;
  }
  // "J.J. Goldberg, editor at large of The Forward, an influential paper, wrote": descriptions back to the name.
  if (endsWithComma && DESCRIPTION_START.test(previous)) {
    const named = nameBeforeDescriptions(segments);
    if (named) return named;
  }
  if (endsWithComma && previousRuns.length > 0 && looksAppositive) return readSpeakerPhrase(previous, last);
  // "Anthony Anton, president and CEO of the association stated": the apposition's closing comma left out.
  if (!endsWithComma && nameBefore && DESCRIPTION_START.test(last) && /\s(?:of|at|for)\s/.test(last)) {
    const person = readSpeakerPhrase(previous, last);
    if (person && "person" in person && person.person) return person;
  }
  const named = readSpeakerPhrase(last, null);
  // "the shadow health secretary, Victoria Atkins, said": the description before the name is the role.
  const description = previous.replace(LEADING_LINKS, "");
  if (endsWithComma && named && "person" in named && named.person && !named.role && ROLE_BEFORE.test(description)) {
    return { ...named, role: description };
  }
  return named;
}

const ROLE_BEFORE = /^(?:the|a|an|his|her|its|their)\s+(?:\S+\s+){0,5}\S+$/i;

const DESCRIPTION_START = /^(?:[a-z]|(?:a|an|the)\s|\d)/;

/** The person named before a run of descriptions (each opening in lower case, with an article or a
 * number), three at most, with the descriptions as the role. */
function nameBeforeDescriptions(segments: string[]): Mention | null {
  for (let k = segments.length - 2; k >= Math.max(0, segments.length - 4); k--) {
    const segment = (segments[k] as string).trim();
    if (DESCRIPTION_START.test(segment) || !segment) continue;
    const run = capitalRuns(segment).at(-1);
    if (!run || run.modifier) return null;
    const role = segments
      .slice(k + 1)
      .map((d) => d.trim())
      .filter(Boolean)
      .join(", ");
    const named = readSpeakerPhrase(segment, role);
    return named && "person" in named && named.person ? named : null;
  }
  return null;
}

export interface Attribution {
  phrase: Mention | { pronoun: string };
  cue: string;
  /** Offset of the cue in the text the attribution was read from. */
  at: number;
}

function cueText(cue: string): string {
  const normal = cue.replace(/\s+/g, " ");
  // "told the Commons." at a sentence's end: the full stop is not the cue's.
  if (TELL.test(normal)) return normal.replace(/^telling/, "told").replace(/(?<![A-Z])\.$/, "");
  if (SOURCE_FIRST.test(normal)) return normal.replace(/^A/, "a").replace(/^I/, "i");
  // "went on", "fired back": the particle is part of the verb.
  return /^(?:went on|shot back|fired back|pointed out|put it)\b/.exec(normal)?.[0] ?? (normal.split(" ")[0] as string);
}

// The full stop of an honorific or an initial before a name ("Mr. Rhodes", "James B. Cunningham").
// "Carl Mott Jr., the treasurer, said": a suffix's stop before the comma of an apposition is hidden too.
// A title's stop before any word ("former Pennsylvania Gov. and DNC Chairman Ed Rendell") is no sentence end either.
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
    /^\s*(?:[,.]\s*)?(?:[-–—]+\s*)?(said|says|added|adds|wrote|writes|asked|asks|replied|replies|continued|continues|explained|explains|stated|states|noted|notes|concluded|insisted|insists|recalled|recalls|responded|remarked|countered|argued|argues|warned|warns|tweeted|joked|observed|cautioned|exclaimed|declared|declares|admitted|acknowledged|conceded|boasted|complained|predicted|quipped|offered|posted)\s+([^,.;:!?"“”]{1,100})(?:,\s*(an?\s[^.;:!?"“”]{1,100}|the\s[^.;:!?"“”]{1,100}))?/.exec(
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

/** A participle cue ("…, saying", "…, writing:"): its subject is the one that opens the sentence. */
export const PARTICIPLE_CUE =
  /^(?:saying|telling|told|writing|adding|explaining|noting|arguing|declaring|asking|insisting|warning|tweeting|stating|recalling|promising)\b/;

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

// "Said Comey, …", "Stated Stone: …", "…, explained Rosenberg, …", "But, said Solovey, …": the verb before
// its speaker, just before the quote (a sentence's start, a comma, "and"/"but"). The verb may be capitalised.
const INVERTED_BEFORE =
  /(?:^|[.!?,;:(—–]\s*|\b(?:and|but|so|yet)\s+)((?:[Ss]aid|[Ss]tated|[Aa]dded|[Ee]xplained|[Ww]rote|[Aa]sked|[Rr]eplied|[Cc]ontinued|[Nn]oted|[Dd]eclared|[Rr]ecalled|[Ii]nsisted|[Ww]arned|[Cc]oncluded|[Rr]esponded|[Aa]rgued|[Ss]ays|[Ww]rites|[Aa]dds))\s+((?:the\s+)?\p{Lu}[^,.;:!?"“”\n]{0,60}?)\s*[,:]\s*$/u;

/** The speaker of an inverted cue ending `before` (only the last 120 characters are read). */
export function invertedBefore(before: string): Attribution | null {
  const from = Math.max(0, before.length - 120);
  // The pattern tries every position of the tail; most quotes follow no comma or colon at all.
  if (!/[,:]\s*$/.test(before.slice(-8))) return null;
  const m = INVERTED_BEFORE.exec(before.slice(from));
  if (!m?.[1] || !m[2] || NOT_NAME.has((m[2].split(/\s+/)[0] as string).toLowerCase())) return null;
  const phrase = readSpeakerPhrase(m[2], null);
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

/** Two rows of the edit-distance table, reused from call to call. */
let rows = [new Int32Array(64), new Int32Array(64)] as const;

/** Whether `a` and `b` are at most `limit` edits apart (Levenshtein distance), in O(limit × length):
 * only the diagonal band the limit allows is computed, and the work stops at the first row beyond it. */
export function withinEdits(a: string, b: string, limit: number): boolean {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return false;
  const over = limit + 1;
  if (rows[0].length < m + 2) rows = [new Int32Array(2 * m + 2), new Int32Array(2 * m + 2)];
  let [previous, current] = rows;
  for (let j = 0; j <= Math.min(m, limit); j++) previous[j] = j;
  previous[Math.min(m, limit) + 1] = over;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - limit);
    const hi = Math.min(m, i + limit);
    // Left of the band: column 0 (i deletions) or a cell the limit rules out.
    current[lo - 1] = lo === 1 ? Math.min(i, over) : over;
    let best = current[lo - 1] as number;
    for (let j = lo; j <= hi; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
        over,
      );
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > limit) return false;
    // Right of the band, as the next row reads it.
    current[hi + 1] = over;
    [previous, current] = [current, previous];
  }
  return (previous[m] as number) <= limit;
}

interface Known {
  name: string;
  role: string | null;
  at: number;
  /** Order of introduction: the later of two people with the same name wins. */
  order: number;
}

/** The people filed under one key (a surname, a first name), for "the one introduced last before an offset".
 * A person stays on the list only while no one added later was introduced at or before them, so the
 * offsets rise along it and a bisection finds the answer. */
class Introductions {
  /** Made with its first person: most keys have one, and a list made empty reserved room for many. */
  private readonly list: Known[];

  constructor(first: Known) {
    this.list = [first];
  }

  add(k: Known): void {
    while (this.list.length > 0 && (this.list.at(-1) as Known).at >= k.at) this.list.pop();
    this.list.push(k);
  }

  /** The last one added. */
  last(): Known | undefined {
    return this.list.at(-1);
  }

  /** The last one added among those introduced at or before `at`. */
  lastBefore(at: number): Known | undefined {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.list[mid] as Known).at <= at) lo = mid + 1;
      else hi = mid;
    }
    return this.list[lo - 1];
  }
}

// Misspelt surnames: one letter off from five letters ("Water" for Waters), two from six.
const FUZZY_MIN_LENGTH = 5;
const editsAllowed = (word: string) => (word.length >= 6 ? 2 : 1);
/** Surnames kept under one key of the fuzzy index, the most recently filed: this bounds the
 * candidates (and edit-distance comparisons) of a lookup whatever the number of names. */
export const FUZZY_KEEP = 4;
/** How many words' close surnames are kept at most, before the answers kept start again. */
const CLOSE_KEPT = 256;

/** Where the `part`-th of `parts` near-equal pieces of a string of `length` characters starts. */
const pieceStart = (length: number, part: number, parts: number) => Math.floor((part * length) / parts);

/** A key for a piece of a surname: a hash of the scheme (pieces), the surname's length, the piece's
 * number and its letters. Two pieces may share a key; the comparison that follows sorts them out. */
function pieceKey(parts: number, length: number, part: number, text: string, start: number, end: number): number {
  let h = Math.imul(2166136261 ^ parts, 16777619);
  h = Math.imul(h ^ length, 16777619);
  h = Math.imul(h ^ part, 16777619);
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h & 0x3fffffff;
}

interface Filed {
  surname: string;
  letters: number;
  /** The last lookup that compared it: a surname filed under several pieces is compared once. */
  seen: number;
}

/** The classes of a word's characters (char code mod 32) as bits: a cheap lower bound on edits. */
function letterClasses(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) bits |= 1 << (word.charCodeAt(i) & 31);
  return bits;
}

function bitCount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Lower-case surnames by their pieces, for finding those within one or two edits of a word without
 * comparing it with every surname. Split into limit + 1 pieces, a surname within `limit` edits of the
 * word keeps one piece intact, found in the word where the letters inserted and deleted before it
 * move it: the first piece only later, the last only nearer the end. */
class SurnameIndex {
  private readonly byPiece = new Map<number, Filed[]>();
  /** Changes whenever a surname is filed, so that answers kept for a word are known to be current. */
  version = 0;
  /** Filed surnames looked at so far (for tests: a lookup looks at a bounded number). */
  looked = 0;
  private lookups = 0;

  add(surname: string): void {
    this.version++;
    const entry = { surname, letters: letterClasses(surname), seen: 0 };
    const length = surname.length;
    for (const parts of [2, 3]) {
      for (let part = 0; part < parts; part++) {
        const start = pieceStart(length, part, parts);
        const key = pieceKey(parts, length, part, surname, start, pieceStart(length, part + 1, parts));
        const filed = this.byPiece.get(key);
        if (!filed) this.byPiece.set(key, [entry]);
        else {
          filed.push(entry);
          if (filed.length > FUZZY_KEEP) filed.shift();
        }
      }
    }
  }

  /** The surnames within `limit` (1 or 2) edits of `word`, in the order first found: a bounded set is
   * compared, without those whose letters already differ too much (each edit adds or removes at most
   * two classes), each once (marked with the lookup, rather than gathered in a set to compare after). */
  within(word: string, limit: number): string[] {
    const found: string[] = [];
    const stamp = ++this.lookups;
    const letters = letterClasses(word);
    const parts = limit + 1;
    for (let length = Math.max(1, word.length - limit); length <= word.length + limit; length++) {
      // At most this many letters inserted into the surname to make the word, and deleted from it.
      const inserted = Math.floor((limit + word.length - length) / 2);
      const deleted = Math.floor((limit - word.length + length) / 2);
      for (let part = 0; part < parts; part++) {
        const start = pieceStart(length, part, parts);
        const size = pieceStart(length, part + 1, parts) - start;
        // Only insertions move the first piece (right) and the end of the last one (left).
        const from = part === 0 ? 0 : part === parts - 1 ? word.length - size - inserted : start - deleted;
        const to = part === 0 ? inserted : part === parts - 1 ? word.length - size : start + inserted;
        for (let at = Math.max(0, from); at <= Math.min(word.length - size, to); at++) {
          const filed = this.byPiece.get(pieceKey(parts, length, part, word, at, at + size));
          if (!filed) continue;
          this.looked += filed.length;
          for (const f of filed) {
            if (f.seen === stamp || bitCount(f.letters ^ letters) > 2 * limit) continue;
            f.seen = stamp;
            if (withinEdits(f.surname, word, limit)) found.push(f.surname);
          }
        }
      }
    }
    return found;
  }
}

/** Files a person under a key of one of the registry's indexes. */
function file(index: Map<string, Introductions>, key: string, k: Known): void {
  const filed = index.get(key);
  if (filed) filed.add(k);
  else index.set(key, new Introductions(k));
}

/** A name's last word: name.split(" ").at(-1), without the array. */
export const surnameOf = (name: string) => name.slice(name.lastIndexOf(" ") + 1);
/** A name's first word: name.split(" ")[0]. */
const firstNameOf = (name: string) => {
  const space = name.indexOf(" ");
  return space < 0 ? name : name.slice(0, space);
};

/** The people an article names with first and last name, in order, for resolving "Amiri said": indexed
 * by surname, first name and pieces of the surname, so a lookup does not grow with their number. */
export class NameRegistry {
  private readonly byName = new Map<string, Known>();
  private readonly bySurname = new Map<string, Introductions>();
  private readonly byFirstName = new Map<string, Introductions>();
  private readonly byLowerSurname = new Map<string, Introductions>();
  /** The piece index, built at the first misspelt surname (most articles have none). */
  private surnames: SurnameIndex | null = null;
  /** Lower-case surnames in the order they were filed. */
  private readonly lowerSurnames: string[] = [];
  private readonly close = new Map<string, { version: number; surnames: string[] }>();
  private firstAt = Number.POSITIVE_INFINITY;
  /** Surnames compared so far (by their letters, then by edit distance): for tests, a lookup compares a
   * bounded number of them whatever the number of names. */
  get comparisons(): number {
    return this.surnames?.looked ?? 0;
  }

  constructor(masked: string) {
    // One visitor for all the article's segments, not one made for each.
    let at = 0;
    const visit = ({ run }: Run) => {
      // A run of one word names no one with a first and last name.
      if (run.length < 2) return;
      const named = nameFromRun(run);
      if (named?.person && named.name.includes(" ") && !this.byName.has(named.name)) {
        this.add(named.name, named.title, at);
      }
    };
    for (const m of masked.matchAll(/[^,;:()\n]+/g)) {
      at = m.index;
      eachCapitalRun(m[0], visit, false);
    }
  }

  private add(name: string, role: string | null, at: number): void {
    const k: Known = { name, role, at, order: this.byName.size };
    this.byName.set(name, k);
    this.firstAt = Math.min(this.firstAt, at);
    const surname = surnameOf(name);
    file(this.bySurname, surname, k);
    file(this.byFirstName, firstNameOf(name), k);
    const lower = surname.toLowerCase();
    if (!this.byLowerSurname.has(lower)) {
      this.lowerSurnames.push(lower);
      this.surnames?.add(lower);
    }
    file(this.byLowerSurname, lower, k);
  }

  remember(name: string, role: string | null, at: number): void {
    const found = this.byName.get(name);
    if (found) found.role ??= role;
    else if (name.includes(" ")) this.add(name, role, at);
  }

  /** A one-word name to the full name introduced before `at` (surname, first name, or a misspelt surname);
   * the latest such person, or, when no one was introduced before `at`, the latest in the article. */
  resolve(word: string, at: number): Known | null {
    const byLast = this.latest(this.bySurname.get(word), at);
    if (byLast) return byLast;
    const byFirst = this.latest(this.byFirstName.get(word), at);
    if (byFirst) return byFirst;
    if (word.length < FUZZY_MIN_LENGTH) return null;
    let best: Known | null = null;
    for (const surname of this.closeSurnames(word)) {
      const k = this.latest(this.byLowerSurname.get(surname), at);
      if (k && (!best || k.order > best.order)) best = k;
    }
    return best;
  }

  /** The person of a list introduced last before `at`, or the last of all when no one was introduced before `at`. */
  private latest(filed: Introductions | undefined, at: number): Known | undefined {
    return this.firstAt <= at ? filed?.lastBefore(at) : filed?.last();
  }

  /** The known lower-case surnames close enough to a word to be its misspelling, kept per word. */
  private closeSurnames(word: string): string[] {
    const lower = word.toLowerCase();
    const allowed = editsAllowed(word);
    const key = `${allowed}|${lower}`;
    if (!this.surnames) {
      this.surnames = new SurnameIndex();
      for (const surname of this.lowerSurnames) this.surnames.add(surname);
    }
    const kept = this.close.get(key);
    if (kept?.version === this.surnames.version) return kept.surnames;
    const surnames = this.surnames.within(lower, allowed);
    // A word is looked up again soon after (resolved, then remembered): the answers for every word of a
    // long text, kept to its end, made its collection slower.
    if (this.close.size >= CLOSE_KEPT) this.close.clear();
    this.close.set(key, { version: this.surnames.version, surnames });
    return surnames;
  }
}

/** Whether a speaker's name names someone: it opens with a capital (a person, "the White House" read as
 * "White House", an agency), not a description in lower case ("her statement", "officials"), a pronoun or
 * a function word. */
export function namesSomeone(name: string): boolean {
  const first = firstNameOf(name.trim());
  return /^\p{Lu}/u.test(first) && !NOT_NAME.has(first.toLowerCase());
}
