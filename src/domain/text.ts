// One rule for control characters in what people type or import: NUL and the other C0/C1
// controls carry no meaning in a claim and break SQLite's length() (it stops at NUL), so
// they are dropped; tabs and line breaks stay.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export function withoutControlCharacters(value: string): string {
  return value.replace(CONTROL, "");
}
