// The features of the check-worthiness model: what a sentence says about whether it is a factual
// claim the public would want checked. Each feature is a string key in a group; the model
// (./model.ts) adds up the weights of the keys it knows. The fitting script
// (test/eval/worthiness.ts) measures each group's worth by leaving it out on the folds. The
// "chars" group (hashed character n-grams) is fitted as a second model of its own and its weights
// scaled into the same table (issue 24, round 4); every other group is fitted together.
//
// Linear in the sentence's length: one pass to split it into tokens, then constant work per token.

/** The feature groups, in the order the fitting script reports them. */
export const FEATURE_GROUPS = [
  "words",
  "pairs",
  "numbers",
  "comparatives",
  "entities",
  "tense",
  "hedges",
  "shape",
  "tags",
  "chars",
] as const;
export type FeatureGroup = (typeof FEATURE_GROUPS)[number];

/**
 * Group of a key, from its prefix ("w:" words, "p:" pairs, "t:" tag pairs, "g:" character
 * n-grams, the others by name before the dot).
 */
export function groupOf(key: string): FeatureGroup {
  if (key.startsWith("w:")) return "words";
  if (key.startsWith("p:")) return "pairs";
  if (key.startsWith("t:")) return "tags";
  if (key.startsWith("g:")) return "chars";
  const group = key.slice(0, key.indexOf("."));
  return (FEATURE_GROUPS as readonly string[]).includes(group) ? (group as FeatureGroup) : "shape";
}

interface Token {
  /** Lower case; a number is "<n>". */
  norm: string;
  raw: string;
}

/** Words (with an inner apostrophe), numbers (with their separators), and the signs that matter. */
const TOKEN = /[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,/:]\d+)*|[$%?!€£]/g;

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0].replace(/’/g, "'");
    out.push({ raw, norm: /^\d/.test(raw) ? "<n>" : raw.toLowerCase() });
  }
  return out;
}

const SCALE = new Set(["hundred", "thousand", "million", "millions", "billion", "billions", "trillion", "trillions"]);
const UNIT = new Set([
  "percent",
  "per",
  "cent",
  "dollars",
  "dollar",
  "euros",
  "pounds",
  "people",
  "jobs",
  "years",
  "months",
  "days",
  "times",
  "miles",
  "acres",
  "tons",
  "barrels",
  "points",
  "americans",
]);
const NUMBER_WORD = new Set([
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "twelve",
  "fifteen",
  "twenty",
  "thirty",
  "forty",
  "fifty",
  "hundred",
  "half",
  "third",
  "quarter",
  "double",
  "twice",
  "triple",
]);
const COMPARATIVE = new Set(["more", "less", "fewer", "most", "least", "than", "lower", "higher", "greater", "larger"]);
const CHANGE = new Set([
  "increase",
  "increased",
  "increases",
  "decrease",
  "decreased",
  "rose",
  "risen",
  "fell",
  "fallen",
  "grew",
  "grown",
  "doubled",
  "tripled",
  "cut",
  "raised",
  "reduced",
  "lost",
  "gained",
  "created",
  "declined",
  "dropped",
]);
const PAST = new Set([
  "was",
  "were",
  "had",
  "did",
  "said",
  "voted",
  "passed",
  "signed",
  "went",
  "came",
  "made",
  "took",
]);
const PERFECT = new Set(["has", "have", "had"]);
const FUTURE = new Set(["will", "'ll", "gonna", "shall"]);
const MODAL = new Set(["would", "should", "could", "must", "might", "may", "ought", "can"]);
const HEDGE = new Set([
  "think",
  "believe",
  "feel",
  "hope",
  "want",
  "wish",
  "guess",
  "maybe",
  "perhaps",
  "probably",
  "opinion",
  "agree",
  "disagree",
  "understand",
  "know",
]);
const FIRST = new Set(["i", "i'm", "i've", "i'd", "i'll", "me", "my"]);
const WE = new Set(["we", "we're", "we've", "we'll", "our", "us"]);
const YOU = new Set(["you", "you're", "you've", "your"]);
const POLITE = new Set(["thank", "thanks", "please", "welcome", "congratulations", "okay", "yes", "well"]);

function lengthBucket(n: number): string {
  if (n <= 4) return "shape.len:tiny";
  if (n <= 9) return "shape.len:short";
  if (n <= 20) return "shape.len:mid";
  if (n <= 35) return "shape.len:long";
  return "shape.len:huge";
}

/**
 * The feature keys of a sentence (each once). Groups: words (w:), word pairs (p:, with sentence
 * start and end marks), numbers, comparatives, entities (capitalised words past the first),
 * tense, hedges (opinion and address), shape (length, question), tags (pairs of part-of-speech-like
 * classes, t:), chars (hashed character n-grams, g:).
 */
export function features(text: string): string[] {
  const toks = tokens(text);
  const keys = new Set<string>();
  let prevTag = "^";
  let numbers = 0;
  let capitals = 0;
  let prev = "^";
  let prevRaw = "";
  for (let i = 0; i < toks.length; i++) {
    const { norm, raw } = toks[i] as Token;
    keys.add(`w:${norm}`);
    keys.add(`p:${prev}_${norm}`);
    if (norm === "<n>") {
      numbers++;
      if (/^(1[89]|20)\d\d$/.test(raw)) keys.add("numbers.year");
      else keys.add("numbers.figure");
      if (raw.includes(".") || raw.includes(",")) keys.add("numbers.precise");
      const next = toks[i + 1]?.norm ?? "";
      if (SCALE.has(next)) keys.add("numbers.scale");
      if (UNIT.has(next) || next === "%") keys.add("numbers.unit");
      if (prev === "$" || prev === "€" || prev === "£") keys.add("numbers.money");
    } else if (NUMBER_WORD.has(norm)) {
      keys.add("numbers.word");
      if (SCALE.has(toks[i + 1]?.norm ?? "") || UNIT.has(toks[i + 1]?.norm ?? "")) keys.add("numbers.scale");
    }
    if (norm === "%" || norm === "percent") keys.add("numbers.percent");
    if (SCALE.has(norm)) keys.add("numbers.scale");
    if (COMPARATIVE.has(norm)) keys.add("comparatives.word");
    if (norm === "than") keys.add(prev.endsWith("er") ? "comparatives.er-than" : "comparatives.than");
    if (norm.length > 5 && norm.endsWith("est")) keys.add("comparatives.superlative");
    if (CHANGE.has(norm)) keys.add("comparatives.change");
    if (i > 0 && /^[A-Z]/.test(raw) && raw !== "I" && !/[.!?]$/.test(prevRaw)) {
      capitals++;
      if (/^[A-Z]{2,}$/.test(raw)) keys.add("entities.acronym");
      if (/^[A-Z]/.test(prevRaw) && i > 1) keys.add("entities.multiword");
    }
    if (PAST.has(norm) || (norm.length > 4 && norm.endsWith("ed"))) keys.add("tense.past");
    if (PERFECT.has(prev) && (norm === "been" || (norm.length > 4 && norm.endsWith("ed")))) keys.add("tense.perfect");
    if (FUTURE.has(norm) || (prev === "going" && norm === "to")) keys.add("tense.future");
    if (MODAL.has(norm)) keys.add("tense.modal");
    if (HEDGE.has(norm)) keys.add(FIRST.has(prev) || WE.has(prev) ? "hedges.i-think" : "hedges.word");
    if (FIRST.has(norm)) keys.add("hedges.first-person");
    if (WE.has(norm)) keys.add("hedges.we");
    if (YOU.has(norm)) keys.add("hedges.you");
    if (POLITE.has(norm) && i < 2) keys.add("hedges.small-talk");
    if (norm === "?") keys.add("shape.question");
    const tag = tagOf(norm, raw, i);
    keys.add(`t:${prevTag}_${tag}`);
    prevTag = tag;
    prev = norm;
    prevRaw = raw;
  }
  keys.add(`p:${prev}_$`);
  keys.add(`t:${prevTag}_$`);
  for (const key of charKeys(text)) keys.add(key);
  keys.add(lengthBucket(toks.length));
  if (numbers > 0) keys.add(numbers > 1 ? "numbers.several" : "numbers.one");
  if (capitals > 0) keys.add(capitals > 2 ? "entities.many" : "entities.some");
  return [...keys];
}

// Part-of-speech-like classes without a tagger's training data: a hand-written lexicon of the
// closed classes (with tense and person kept apart), suffix guesses for the open ones. The keys are
// pairs of tags with start and end marks (ClaimBuster's own SVM found part-of-speech features
// useful; tag triples and closed-class words mixed with tags scored lower on the folds).
const CLOSED = new Map<string, string>();
function closed(tag: string, words: string): void {
  for (const w of words.split(" ")) CLOSED.set(w, tag);
}
closed("DT", "the a an this that these those some any every each all both either neither another such");
closed(
  "IN",
  "of in on at by for with from into onto about over under between among through during before after since until against without within across toward towards per than like upon via around behind beyond",
);
closed("P1", "i me my mine myself i'm i've i'd i'll");
closed("PW", "we us our ours ourselves we're we've we'd we'll let's");
closed("P2", "you your yours yourself you're you've you'd you'll");
closed(
  "P3",
  "he him his himself she her hers herself it its itself they them their theirs themselves he's she's it's they're they've they'll he'll she'll they'd he'd she'd",
);
closed("MD", "would should could must might may can shall ought cannot can't couldn't wouldn't shouldn't");
closed("FUT", "will won't 'll gonna");
closed("BEP", "is are am be being isn't aren't");
closed("BED", "was were wasn't weren't");
closed("BEN", "been");
closed("HV", "have has haven't hasn't");
closed("HVD", "had hadn't");
closed("DO", "do does don't doesn't");
closed("DOD", "did didn't");
closed("CC", "and or but nor yet so");
closed("WH", "what who whom whose which when where why how whether");
closed("NEG", "not no never n't nothing nobody none");
closed("TO", "to");
closed("EX", "there here");
closed("SB", "if because although though while unless whereas");
closed("CD", "one two three four five six seven eight nine ten hundred thousand million billion trillion half");
closed("JJR", "more less fewer most least better worse best worst");
closed("SAY", "said say says think believe know want");
closed("UH", "yes well oh okay thank thanks please");

/** The tag of one token (norm: lower case, a number is "<n>"; raw: as written). */
function tagOf(norm: string, raw: string, i: number): string {
  if (norm === "<n>") return "CD";
  if (norm === "$" || norm === "€" || norm === "£") return "$";
  if (norm === "%" || norm === "percent") return "%";
  if (norm === "?" || norm === "!") return norm;
  const c = CLOSED.get(norm);
  if (c) return c;
  if (i > 0 && /^[A-Z]/.test(raw)) return "NNP";
  if (norm.length > 4 && norm.endsWith("ly")) return "RB";
  if (norm.length > 4 && norm.endsWith("ing")) return "VBG";
  if (norm.length > 3 && norm.endsWith("ed")) return "VBD";
  if (/(tion|sion|ment|ness|ity|ism|ance|ence|ship|age)s?$/.test(norm) && norm.length > 5) return "NN";
  if (/(ous|ive|al|ful|able|ible|ic|less|ary)$/.test(norm) && norm.length > 4) return "JJ";
  if (norm.length > 4 && norm.endsWith("est")) return "JJS";
  if (norm.length > 3 && /[^s]s$/.test(norm)) return "NNS";
  return "W";
}

/** How many buckets the character n-grams are hashed into (the fitted table weighs most of them). */
export const CHAR_BUCKETS = 4096;

/**
 * Hashed character n-grams ("g:" keys): every `shortest`- to `longest`-character run of each word
 * (lower case, with < and > marking its ends; any number is "0"), FNV-1a hashed into `buckets`.
 */
export function charKeys(text: string, buckets = CHAR_BUCKETS, shortest = 3, longest = 5): string[] {
  const out = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[a-z]+|\d+/g)) {
    const w = `<${/^\d/.test(m[0]) ? "0" : m[0]}>`;
    for (let n = shortest; n <= longest; n++)
      for (let i = 0; i + n <= w.length; i++) {
        let h = 2166136261;
        for (let j = i; j < i + n; j++) h = Math.imul(h ^ w.charCodeAt(j), 16777619);
        out.add(`g:${(h >>> 0) % buckets}`);
      }
  }
  return [...out];
}
