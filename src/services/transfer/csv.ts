// RFC 4180 CSV, both ways: quoted fields may hold commas, newlines and "" for a quote.

export interface CsvRecord {
  /** 1-based line of the file on which the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

/** Splits CSV text into records. An unterminated quote runs to the end of the text, as
 * spreadsheet programs read it; a record that then has the wrong field count is reported
 * by the caller against its starting line. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record (a trailing newline, or blank lines between rows).
    if (fields.length > 1 || fields[0] !== "") records.push({ line: start, fields });
    fields = [];
    field = "";
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else field += ch;
  }
  if (field !== "" || fields.length > 0) endRecord();
  return records;
}

// A cell that starts like a formula is run by spreadsheet programs when the export is opened
// (CSV injection): such cells go out behind an apostrophe, which the import takes off again.
// A value that itself starts with apostrophes before a formula start ("'=x", "'-5 degrees")
// gets one more, or the import would take off one of its own.
const GUARDED = /^'*[=+\-@\t\r]/;
// Quoted: what RFC 4180 says (a quote, comma or line break), and a semicolon, which spreadsheet
// programs set to semicolon-separated lists read as a separator: unquoted, "a;=cmd" would put a
// formula at the start of a cell of their own. (Tags are joined with semicolons.)
const NEEDS_QUOTES = /[",;\r\n]/;

function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  const safe = GUARDED.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A cell as the exporter meant it: without the apostrophe that guarded a formula-like start. */
export function unguardCell(value: string): string {
  return value.startsWith("'") && GUARDED.test(value.slice(1)) ? value.slice(1) : value;
}

/** One CSV record, CRLF-terminated as RFC 4180 says. */
export function csvRecord(values: readonly (string | null | undefined)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
