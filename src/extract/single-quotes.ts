// British style: many papers (the BBC, the Guardian, most of the UK, Ireland and Australia) quote with
// single marks ('We will not back down,' she said) and nest with double ones. The rest of the extractor
// reads double marks, so an article in that style is read through a copy of the same length in which
// the two kinds trade places; offsets stay those of the article.

// What may stand before an opening mark: the text's start, a space or a bracket, a dash or a slash.
const OPENS_AFTER = /[\s([{—–/-]/;

/** A single mark that may open a quote: at a word's start, before a word. Not "'90s", "'em", "rock 'n' roll". */
function opensAt(text: string, i: number): boolean {
  // Most single marks are apostrophes inside words: one character says so.
  if (i > 0 && !OPENS_AFTER.test(text[i - 1] as string)) return false;
  const after = text.slice(i + 1, i + 5);
  return /^[\p{L}\p{N}"“…[]/u.test(after) && !/^(?:\d0s|em\b|n['’]|tis\b|cause\b)/i.test(after);
}

/** A single mark that may close the quote open before it: after a word or punctuation, before no letter.
 * "the students’ union" is a possessive (an s, a space, a lower-case word), not the end of a quote. */
function closesAt(text: string, i: number): boolean {
  const before = text[i - 1] ?? " ";
  const after = text[i + 1] ?? "";
  if (/\s/.test(before) || /[\p{L}\p{N}]/u.test(after)) return false;
  return !(/s/i.test(before) && /^\s\p{Ll}/u.test(text.slice(i + 1, i + 3)));
}

const SWAP: Record<string, string> = { "‘": "“", "’": "”", "'": '"', "“": "‘", "”": "’", '"': "'" };

/** The pairs of single marks that quote, paragraph by paragraph: [opening, closing or -1] offsets. A quote
 * left open at its paragraph's end stays unclosed (the next paragraph may continue it). */
function singleQuotePairs(text: string): [number, number][] {
  const pairs: [number, number][] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") {
      if (open >= 0) pairs.push([open, -1]);
      open = -1;
    } else if (c === "‘" || c === "'" || c === "’") {
      if (open < 0) {
        if (c !== "’" && opensAt(text, i)) open = i;
      } else if (c !== "‘" && closesAt(text, i)) {
        pairs.push([open, i]);
        open = -1;
      }
    }
  }
  if (open >= 0) pairs.push([open, -1]);
  return pairs;
}

const DOUBLE_MARKS = /["“”]|''/g;

/** Whether `text` has more than `limit` double marks (counted up to one past the limit). */
function moreDoubleMarks(text: string, limit: number): boolean {
  DOUBLE_MARKS.lastIndex = 0;
  let count = 0;
  while (DOUBLE_MARKS.exec(text)) if (++count > limit) return true;
  return false;
}

/** A copy of `text` in which quoting single marks and double marks trade places, when the article
 * quotes with single marks (closed single quotes, and at most one double quote for every two of them);
 * null when it does not. */
export function asDoubleQuotes(text: string): string | null {
  if (!/['‘]/.test(text)) return null;
  const pairs = singleQuotePairs(text);
  let closed = 0;
  for (const [, end] of pairs) if (end >= 0) closed++;
  if (closed === 0 || moreDoubleMarks(text, closed)) return null;
  const chars = text.split("");
  // Double marks first (they become nested single quotes), then the quoting single marks.
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === '"' || c === "“" || c === "”") chars[i] = SWAP[c] as string;
  }
  for (const [start, end] of pairs) {
    chars[start] = SWAP[text[start] as string] as string;
    if (end >= 0) chars[end] = SWAP[text[end] as string] as string;
  }
  return chars.join("");
}
