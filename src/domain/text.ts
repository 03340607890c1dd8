// One rule for control characters in what people type or import: NUL and the other C0/C1
// controls carry no meaning in a claim and break SQLite's length() (it stops at NUL), so
// they are dropped; tabs and line breaks stay.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export function withoutControlCharacters(value: string): string {
  return value.replace(CONTROL, "");
}

// A lone surrogate (half of a UTF-16 pair, which JSON's "\ud800" escape can carry) is no
// character: D1 stores it as three bytes that read back as three U+FFFD, so "a\ud800b" came
// back as "a���b". It becomes one U+FFFD, as String.prototype.toWellFormed() does; the length
// stays the same, so offsets into an article are unchanged.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function wellFormed(value: string): string {
  return value.replace(LONE_SURROGATE, "\ufffd");
}

/** Text as it is stored: well-formed, without control characters (untrimmed). */
export function cleanText(value: string): string {
  return withoutControlCharacters(wellFormed(value));
}

// Shortening: text is cut between grapheme clusters (what a reader sees as one character), never
// inside a surrogate pair (a page or feed would carry the half as U+FFFD), an emoji sequence, a
// flag or a letter and its accents.
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: "grapheme" });
/** Units read past the cut: whether a cluster goes on at a position depends on the code point
 * there (two units at most) and on what precedes it, never on what follows. */
const LOOKAHEAD = 8;

/**
 * `text` in at most `max` UTF-16 units: whole when it fits; else its first whole clusters that
 * leave room for `mark`, white space before the mark dropped, then `mark` ("…" unless said;
 * "" to bound input). Only the first `max` units or so are read, however long the text.
 */
export function shorten(text: string, max: number, mark = "…"): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - mark.length);
  let cut = 0;
  for (const { index } of GRAPHEMES.segment(text.slice(0, room + LOOKAHEAD))) {
    if (index > room) break;
    cut = index;
  }
  return `${text.slice(0, cut).trimEnd()}${mark}`;
}
