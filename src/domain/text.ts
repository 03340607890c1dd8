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
