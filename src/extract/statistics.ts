// Reported speech that carries a number: "He said insurgents had carried out 43 attacks…",
// "…killed at least 20 Afghan soldiers…, officials said".

import type { ExtractedNumber } from "./types";

const QUALIFIERS =
  "at least|at most|about|around|approximately|roughly|nearly|almost|more than|over|less than|fewer than|under|up to|only|some|exceeded|closer to|close to";
const NUMBER_WORDS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
  dozen: 12,
  half: 0.5,
  quarter: 0.25,
};
// Fractions count what follows "of" ("a quarter of citizens").
const FRACTIONS = new Set(["half", "quarter"]);
// Casualty counts name their unit with the verb before them ("killing 107 or more and wounding 238").
const COUNTING_VERB = /^(?:kill|wound|injur|rescu|evacuat|arrest|displac)\w*$/i;
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };
const NUMBER = new RegExp(
  `(?:\\b(${QUALIFIERS})\\s+(?:a\\s+)?)?((?:US)?[$€£])?\\s?\\b(\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+(?:\\.\\d+)?|${Object.keys(NUMBER_WORDS).join("|")})(?:\\s+(thousand|million|billion))?(-fold|\\s*%|\\s+percent|\\s+per cent)?(?=((?:\\s+[\\w'’-]+){0,4}))`,
  "gi",
);
// Words that end a unit ("43 attacks on checkpoints" → "attacks").
const UNIT_STOP =
  /^(?:in|on|at|for|by|from|with|during|to|that|which|who|was|were|is|are|had|has|have|would|will|since|after|before|into|than|each|as|of|the|a|an)$/i;
const MONTHS = /^(?:january|february|march|april|may|june|july|august|september|october|november|december)$/i;

const SPACE = /\s/;
const isSpace = (c: string | undefined) => c !== undefined && SPACE.test(c);
// The words of a number's tail: tail.trim().split(/\s+/).filter(Boolean) in one array.
const WORDS = /\S+/g;
// Right after a number, a time or a date going on ("10:30", "5.11.2020"): sticky, tried where it stands.
const TIME_OR_DATE = /[:.]\d/y;

/** The last word before `at`: text.slice(0, at).trim().split(/\s+/).at(-1), without reading the whole clause again. */
function wordBefore(text: string, at: number): string {
  let end = at;
  while (end > 0 && isSpace(text[end - 1])) end--;
  let start = end;
  while (start > 0 && !isSpace(text[start - 1])) start--;
  return text.slice(start, end);
}

/** The numbers in a clause, skipping years, dates and times. */
export function findNumbers(clause: string): ExtractedNumber[] {
  const out: ExtractedNumber[] = [];
  // exec rather than matchAll, which copies the long pattern at every call.
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(clause); m; m = NUMBER.exec(clause)) {
    const [, qualifier, currency, digits = "", scale, percent, tail = ""] = m;
    const previousWord = wordBefore(clause, m.index);
    const isDigits = /\d/.test(digits);
    const value =
      (isDigits ? Number(digits.replace(/,/g, "")) : (NUMBER_WORDS[digits.toLowerCase()] ?? Number.NaN)) *
      (scale ? (SCALES[scale.toLowerCase()] ?? 1) : 1);
    if (!Number.isFinite(value)) continue;
    if (isDigits && /^(?:1[89]|20)\d\d$/.test(digits) && !percent) continue;
    TIME_OR_DATE.lastIndex = m.index + m[0].length;
    if (MONTHS.test(previousWord) || TIME_OR_DATE.test(clause)) continue;
    let tailWords: string[] = tail.match(WORDS) ?? [];
    // "107 or more": a qualifier after the number.
    const orMore = /^or$/i.test(tailWords[0] ?? "") && /^(?:more|above)$/i.test(tailWords[1] ?? "");
    if (orMore) tailWords = tailWords.slice(2);
    if (FRACTIONS.has(digits.toLowerCase()) && tailWords[0] === "of") tailWords = tailWords.slice(1);
    const unitWords: string[] = [];
    for (const w of tailWords) {
      if (UNIT_STOP.test(w) || MONTHS.test(w) || /^\d/.test(w) || (unitWords.length === 0 && /^(?:and|or)$/i.test(w)))
        break;
      unitWords.push(w);
    }
    if (/^(?:and|or)$/i.test(unitWords.at(-1) ?? "")) unitWords.pop();
    if (unitWords.length === 0 && !currency && !percent && COUNTING_VERB.test(previousWord))
      unitWords.push(previousWord);
    // No unit and no qualifier: nothing to build (tested before the unit is built).
    if (!currency && !percent && unitWords.length === 0 && !orMore && !qualifier) continue;
    const unit = [currency, percent?.trim() === "%" ? "%" : percent?.trim(), ...unitWords].filter(Boolean).join(" ");
    const written = orMore ? "at least" : qualifier?.toLowerCase();
    const q = written === "exceeded" ? "more than" : written;
    out.push({ value, ...(q ? { qualifier: q } : {}), unit });
  }
  return out;
}

export interface ReportedClause {
  start: number;
  end: number;
}

/** The reported clause of a sentence given where its cue and speaker phrase sit. */
export function reportedClause(
  sentence: string,
  offset: number,
  cueAt: number,
  cueEnd: number,
  speakerFirst: boolean,
): ReportedClause | null {
  let start: number;
  let end: number;
  if (speakerFirst) {
    // "X said (that) CLAUSE." — the clause follows the cue.
    const rest = sentence.slice(cueEnd);
    // "said in a statement that …", "told reporters on Tuesday that …": the words before "that" are about the saying.
    // So are "in a confidential report seen by Reuters that", "in a letter to shareholders that".
    const lead =
      /^\s*(?:,\s*)?(?:to\s+(?:the\s+)?(?:[A-Z][\w.&-]*\s+){1,4})?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\s+)?(?:in\s+(?:a|an|the|its|his|her|their)\s+(?:[\w'’-]+\s+){0,2}?(?:statement|report|letter|filing|interview|e-?mail|post|memo|speech|note|release|briefing)\s+(?:(?:seen|obtained|reviewed)\s+by\s+(?:the\s+)?(?:[A-Z][\w.&-]*\s+){1,3}|(?:to|with)\s+(?:[\w'’-]+\s+){1,3}?)?that\s+|(?:in|on|at|during|after|before|via|over)\s+(?:[\w'’-]+\s+){0,4}?that\s+|that\s+)?/.exec(
        rest,
      )?.[0].length ?? 0;
    start = cueEnd + lead;
    end = sentence.length;
  } else {
    // "CLAUSE, X said." / "CLAUSE, according to X." — the clause precedes the attribution.
    start = 0;
    end = cueAt;
  }
  const clause = sentence.slice(start, end);
  const lead = clause.length - clause.trimStart().length;
  // replace(/[\s,.;:]+$/, "") from the end: the pattern retried every character of a run of them.
  let cut = clause.length;
  while (cut > 0 && /[\s,.;:]/.test(clause[cut - 1] as string)) cut--;
  const trimmed = clause.slice(0, cut).trim();
  if (trimmed.split(/\s+/).length < 4) return null;
  return { start: offset + start + lead, end: offset + start + lead + trimmed.length };
}
