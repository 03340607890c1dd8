// The Porter stemmer (M. F. Porter, 1980), as SQLite's FTS5 `porter` tokenizer applies it: the
// rerank compares words by the same stems the match index stores, so a word's document
// frequency can be read from the index's vocabulary under the stem computed here.

const VOWEL = /[aeiou]/;

// A y is a consonant at the word's start and after a vowel, else a vowel ("toy", "syzygy"). Asked
// letter by letter, that went back through a whole run of y's each time: quadratic in the run, and
// deep enough in a long "yyyy…" to overflow the stack. Each function here reads the word once.

/** Whether the letter `ch` at `i` is a consonant, the letter before being one or not. */
const consonant = (ch: string, i: number, afterConsonant: boolean) =>
  ch === "y" ? i === 0 || !afterConsonant : !VOWEL.test(ch);

function isConsonant(word: string, i: number): boolean {
  const ch = word[i];
  if (ch === undefined) return false;
  if (ch !== "y") return !VOWEL.test(ch);
  // The run of y's this one ends: its first is a consonant at the start or after a vowel; they alternate.
  let j = i;
  while (j > 0 && word[j - 1] === "y") j--;
  const first = j === 0 || VOWEL.test(word[j - 1] as string);
  return (i - j) % 2 === 0 ? first : !first;
}

/** m: the number of vowel-consonant sequences in the stem. */
function measure(stem: string): number {
  let m = 0;
  let previous = false;
  for (let i = 0; i < stem.length; i++) {
    const c = consonant(stem[i] as string, i, previous);
    if (c && i > 0 && !previous) m++;
    previous = c;
  }
  return m;
}

function hasVowel(stem: string): boolean {
  let previous = false;
  for (let i = 0; i < stem.length; i++) {
    previous = consonant(stem[i] as string, i, previous);
    if (!previous) return true;
  }
  return false;
}

function endsDoubleConsonant(word: string): boolean {
  const n = word.length;
  return n >= 2 && word[n - 1] === word[n - 2] && isConsonant(word, n - 1);
}

/** *o: the stem ends consonant-vowel-consonant, the last not w, x or y. */
function endsCvc(word: string): boolean {
  const n = word.length;
  if (n < 3) return false;
  const last = word[n - 1] ?? "";
  return isConsonant(word, n - 3) && !isConsonant(word, n - 2) && isConsonant(word, n - 1) && !/[wxy]/.test(last);
}

/** Replaces the first listed suffix the word ends with, when the stem before it has m > min. */
function replaceSuffix(word: string, rules: [string, string][], min: number): string {
  for (const [suffix, replacement] of rules) {
    if (word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length);
      return measure(stem) > min ? stem + replacement : word;
    }
  }
  return word;
}

const STEP2: [string, string][] = [
  ["ational", "ate"],
  ["tional", "tion"],
  ["enci", "ence"],
  ["anci", "ance"],
  ["izer", "ize"],
  ["bli", "ble"],
  ["alli", "al"],
  ["entli", "ent"],
  ["eli", "e"],
  ["ousli", "ous"],
  ["ization", "ize"],
  ["ation", "ate"],
  ["ator", "ate"],
  ["alism", "al"],
  ["iveness", "ive"],
  ["fulness", "ful"],
  ["ousness", "ous"],
  ["aliti", "al"],
  ["iviti", "ive"],
  ["biliti", "ble"],
  ["logi", "log"],
];
const STEP3: [string, string][] = [
  ["icate", "ic"],
  ["ative", ""],
  ["alize", "al"],
  ["iciti", "ic"],
  ["ical", "ic"],
  ["ful", ""],
  ["ness", ""],
];
const STEP4 = [
  "al",
  "ance",
  "ence",
  "er",
  "ic",
  "able",
  "ible",
  "ant",
  "ement",
  "ment",
  "ent",
  "ion",
  "ou",
  "ism",
  "ate",
  "iti",
  "ous",
  "ive",
  "ize",
];

// Longest suffix first within each step, as the algorithm's table is read.
const byLength = <T extends [string, string] | string>(list: T[]) =>
  [...list].sort((a, b) => (typeof b === "string" ? b : b[0]).length - (typeof a === "string" ? a : a[0]).length);
const STEP2_SORTED = byLength(STEP2);
const STEP3_SORTED = byLength(STEP3);
const STEP4_SORTED = byLength(STEP4);

/** The Porter stem of a lower-case ASCII word; other words (digits, accents) come back as given. */
// Stems already computed in this isolate (a match stems some thousand words, most of them seen
// before): bounded, emptied when full.
const STEMS = new Map<string, string>();
const STEM_CACHE = 20_000;

export function porterStem(input: string): string {
  if (input.length <= 2 || !/^[a-z]+$/.test(input)) return input;
  const known = STEMS.get(input);
  if (known !== undefined) return known;
  if (STEMS.size >= STEM_CACHE) STEMS.clear();
  const stem = stemWord(input);
  STEMS.set(input, stem);
  return stem;
}

function stemWord(input: string): string {
  let w = input;
  // Step 1a
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ies")) w = w.slice(0, -2);
  else if (w.endsWith("ss")) {
    // unchanged
  } else if (w.endsWith("s")) w = w.slice(0, -1);
  // Step 1b
  let extra = false;
  if (w.endsWith("eed")) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
  } else if (w.endsWith("ed") && hasVowel(w.slice(0, -2))) {
    w = w.slice(0, -2);
    extra = true;
  } else if (w.endsWith("ing") && hasVowel(w.slice(0, -3))) {
    w = w.slice(0, -3);
    extra = true;
  }
  if (extra) {
    if (w.endsWith("at") || w.endsWith("bl") || w.endsWith("iz")) w += "e";
    else if (endsDoubleConsonant(w) && !/[lsz]$/.test(w)) w = w.slice(0, -1);
    else if (measure(w) === 1 && endsCvc(w)) w += "e";
  }
  // Step 1c
  if (w.endsWith("y") && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
  // Steps 2 and 3
  w = replaceSuffix(w, STEP2_SORTED, 0);
  w = replaceSuffix(w, STEP3_SORTED, 0);
  // Step 4
  for (const suffix of STEP4_SORTED) {
    if (!w.endsWith(suffix)) continue;
    const stem = w.slice(0, -suffix.length);
    if (measure(stem) > 1 && (suffix !== "ion" || /[st]$/.test(stem))) w = stem;
    break;
  }
  // Step 5a
  if (w.endsWith("e")) {
    const stem = w.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !endsCvc(stem))) w = stem;
  }
  // Step 5b
  if (measure(w) > 1 && endsDoubleConsonant(w) && w.endsWith("l")) w = w.slice(0, -1);
  return w;
}
