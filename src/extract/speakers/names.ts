// Finding names: the capitalised runs of a phrase, the words that are titles, roles or no names at all,
// and a person's or organisation's name read from a run.

const SPACE = /\s/;
export const isSpace = (c: string | undefined) => c !== undefined && SPACE.test(c);

/** `text` without the characters of `chars` at its end: replace(/[…]+$/, "") in one pass from the end
 * (the pattern retries from every character of a long run that does not reach the end). */
export function trimEndOf(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1] as string)) end--;
  return text.slice(0, end);
}

export const PRONOUNS = new Set(["he", "she", "it", "they", "we", "i"]);
export const TITLES = new Set(
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
    "billionaire filmmaker novelist poet musician rapper " +
    // People in a local story, named by what they were there as ("Witness Sarah Okonkwo").
    "witness eyewitness resident shopkeeper shopper commuter passenger survivor neighbour neighbor bystander"
  ).split(" "),
);
// Capitalised words that start sentences or name times, not people.
export const NOT_NAME = new Set(
  (
    "the a an on in at as by for from of to with and but or after before during since while when this that these those " +
    "according allegedly however also yesterday today monday tuesday wednesday thursday friday saturday sunday " +
    // Words that open sentences and clauses ("Though Kaine said", "Does Rubio care?").
    "though although even both does did overall first like unlike still yet instead meanwhile " +
    "alongside amid despite among against without within across behind beyond upon toward towards later earlier " +
    "into onto inside outside through throughout above below under between " +
    "so because neither nor either ever never whether several another " +
    "january february march april may june july august september october november december " +
    "he she it they we i his her its their our one " +
    // Plural nouns and quantifiers that open a sentence as a source described, never named ("Estimates
    // suggest", "Recent reports have revealed", "Officials said").
    "estimates reports surveys polls figures statistics sources officials critics experts analysts observers " +
    "witnesses residents researchers scientists posts recent many some most others economists lawmakers " +
    "legislators investigators prosecutors doctors activists protesters voters supporters opponents diplomats " +
    // Nationals named by their country ("The Dutchman, who signed …, insisted"): a description, not a name.
    "dutchman dutchwoman frenchman frenchwoman englishman englishwoman irishman scotsman welshman spaniard briton"
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
export const PARTICLES = new Set([
  "de",
  "De",
  "del",
  "van",
  "von",
  "bin",
  "al",
  "da",
  "di",
  "Di",
  "le",
  "la",
  "du",
  "ten",
  "ter",
  "den",
  "der",
]);
const ORG_WORDS =
  /\b(?:agency|ministry|office|council|department|herald|times|news|post|press|mail|guardian|organi[sz]ation|company|corporation|university|church|government|police|army|court|commission|committee|association|institute|foundation|bank|party|world|reuters|afp|museum|center|centre|authority|board|service|network|college|school|academy|society|union|federation|trust|fund|league|alliance|coalition|chamber|bureau|administration|parliament|assembly|senate|congress|hospital|clinic|laboratory)\b/i;
// Places named by their kind ("the South China Sea", "Orange County"): no one, never a "he" or "she". Words
// that are surnames too often ("Lake", "Bay", "Hall", "Park", "Street") are left out.
const PLACE_WORDS = /^(?:sea|river|gulf|straits?|islands?|valley|mountains|peninsula|canal|airport|county|avenue)$/i;
// Capitalised words that describe a person before the name ("Democrat Nancy Pelosi"), not a first name.
export const PREMODIFIERS = new Set(
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
export interface Run {
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
export function splitCount(s: string): number {
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

/** Whether a run so far is a body's name with an "of" phrase of one or two words ("Office of Management"). */
function bodyOfPhrase(run: string[]): boolean {
  const of = run.lastIndexOf("of");
  return of >= 1 && run.length - of <= 3 && ORG_WORDS.test(run[of - 1] as string) && !run.includes("and");
}

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
      // So does "and" inside a body's "of" phrase: "Office of Management and Budget", "Department of Health
      // and Human Services" (a body's kind before "of", at most two words after it).
      const nextCapital =
        isCapital(phrase.charCodeAt(at)) && !NOT_NAME.has(phrase.slice(at, wordEnd(phrase, at)).toLowerCase());
      const joiner = nextCapital && (word === "of" || (word === "and" && bodyOfPhrase(run)));
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

// A short title keeps its full stop, which reading the run's words took off ("Gov. Kathy Hochul": "Gov.").
const SHORT_TITLE = /\b(?:Sen|Rep|Gov|Gen|Lt|Col|Capt|Maj|Adm|Cmdr|Sgt|Cpl|Prof|Dr|Rev|Pres|Sec)$/;
const withStop = (title: string) => (SHORT_TITLE.test(title) ? `${title}.` : title);

/** A name from a capitalised run: organisations whole, people as their last two names, or three
 * when the run is a three-part name ("Marc Lamont Hill", "Claudio De Vincenti"), titles going to the role. */
export function nameFromRun(run: string[]): { name: string; title: string | null; person: boolean } | null {
  let lastTitle = -1;
  // The last word of a longer run is a surname even if it is a title word ("Julie Bishop", "Peter Singer").
  for (let i = 0; i < run.length; i++) {
    if (TITLES.has((run[i] as string).toLowerCase()) && (i < run.length - 1 || i === 0)) lastTitle = i;
  }
  // "Minister of Innovation Navdeep Bains", "Secretary of Homeland Security Jeh Johnson": a title's "of"
  // phrase is part of the title; the name is the last two words after it, and with no more than two
  // words after "of" there is no name ("the Minister of Innovation").
  if (lastTitle >= 0 && run[lastTitle + 1] === "of") {
    if (run.length - (lastTitle + 2) <= 2) return null;
    lastTitle = run.length - 3;
  }
  const title = lastTitle >= 0 ? withStop(run.slice(0, lastTitle + 1).join(" ")) : null;
  const rest = run.slice(lastTitle + 1);
  if (rest.length === 0) return null;
  if (
    ORG_WORDS.test(rest.at(-1) as string) ||
    PLACE_WORDS.test(rest.at(-1) as string) ||
    / of |\.[a-z]{2,}$/.test(rest.join(" "))
  ) {
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
  // "Chief Executive Officer Dana Whitfield": the words between a title word and the name are the title's.
  const fullTitle = lastTitle >= 0 && rest.length > take ? withStop(run.slice(0, run.length - take).join(" ")) : title;
  return { name, title: fullTitle, person: !/^[A-Z]{2,}$/.test(name) };
}

/** A name's last word: name.split(" ").at(-1), without the array. */
export const surnameOf = (name: string) => name.slice(name.lastIndexOf(" ") + 1);
/** A name's first word: name.split(" ")[0]. */
export const firstNameOf = (name: string) => {
  const space = name.indexOf(" ");
  return space < 0 ? name : name.slice(0, space);
};
