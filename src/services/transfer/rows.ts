// An import body, in its format, as numbered rows: each either a valid POST /claims body
// (the same NewClaimBody schema) or the problem that makes it invalid. The export's own rows
// (NDJSON lines, CSV records with the extra columns) are read as the claim bodies they hold.
import { claimBodyFromExport, claimBodyFromFlat, FLAT_CLAIM_FIELDS, isExportRow } from "../../domain/claim-fields";
import { describeErrors, NewClaimBody, parseWith } from "../../domain/schemas";
import { fail, ok, type Result } from "../result";
import { parseCsv, unguardCell } from "./csv";

export const MAX_IMPORT_ROWS = 10_000;
export type ImportFormat = "ndjson" | "json" | "csv";

/** The import columns of a CSV, in export order; `tags` are separated by `;`. */
export const CSV_COLUMNS = FLAT_CLAIM_FIELDS;
/** Written by the CSV export and ignored on import, so an export can be imported again. */
export const EXPORT_ONLY_COLUMNS = ["id", "status", "attribution", "rationale", "created_at"] as const;

export type ImportRow = { line: number; body: NewClaimBody } | { line: number; problem: string };

function validated(line: number, value: unknown): ImportRow {
  const parsed = parseWith(NewClaimBody, value);
  return parsed.ok ? { line, body: parsed.data } : { line, problem: describeErrors(parsed.errors) };
}

/** A JSON row (an NDJSON line, a JSON array's item): a claim body, or a claim as exported. */
function jsonRow(line: number, value: unknown): ImportRow {
  return validated(line, isExportRow(value) ? claimBodyFromExport(value) : value);
}

function tooMany(count: number) {
  return fail({
    kind: "too_large",
    detail: `An import takes at most ${MAX_IMPORT_ROWS.toLocaleString("en")} rows; this one has ${count.toLocaleString("en")}. Split it into several requests.`,
  });
}

function ndjsonRows(text: string): Result<ImportRow[]> {
  const lines = text.split("\n");
  const numbered = lines.map((raw, i) => ({ line: i + 1, raw: raw.trim() })).filter((l) => l.raw !== "");
  if (numbered.length > MAX_IMPORT_ROWS) return tooMany(numbered.length);
  return ok(
    numbered.map(({ line, raw }) => {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (err) {
        return { line, problem: `not valid JSON: ${(err as Error).message}` };
      }
      return jsonRow(line, value);
    }),
  );
}

function jsonArrayRows(text: string): Result<ImportRow[]> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return fail({ kind: "malformed", detail: `Malformed JSON: ${(err as Error).message}` });
  }
  if (!Array.isArray(value)) {
    return fail({
      kind: "invalid",
      detail: "A JSON import is an array of claims, each shaped like a POST /claims body.",
      errors: [{ path: "(body)", message: "expected an array" }],
    });
  }
  if (value.length > MAX_IMPORT_ROWS) return tooMany(value.length);
  return ok(value.map((item, i) => jsonRow(i + 1, item)));
}

function csvRows(text: string): Result<ImportRow[]> {
  const [header, ...records] = parseCsv(text);
  if (!header) return ok([]);
  if (records.length > MAX_IMPORT_ROWS) return tooMany(records.length);
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const known = new Set<string>([...CSV_COLUMNS, ...EXPORT_ONLY_COLUMNS]);
  // Each name after its first (one set: names.indexOf(n) !== i compared every pair of a header row
  // of many columns, quadratic in their number).
  const seen = new Set<string>();
  const repeated = names.filter((n) => seen.has(n) || !seen.add(n));
  const errors = [
    ...names.filter((n) => !known.has(n)).map((n) => ({ path: n, message: "unknown column" })),
    ...repeated.map((n) => ({ path: n, message: "column given twice" })),
    ...(names.includes("text") ? [] : [{ path: "text", message: "missing column" }]),
  ];
  if (errors.length > 0) {
    return fail({
      kind: "invalid",
      detail: `The CSV header row must name columns among: ${CSV_COLUMNS.join(", ")}.`,
      errors,
    });
  }
  return ok(
    records.map(({ line, fields }) => {
      if (fields.length !== names.length) {
        return { line, problem: `has ${fields.length} fields, the header has ${names.length}` };
      }
      const cells: Record<string, string> = {};
      for (const [i, name] of names.entries()) cells[name] = unguardCell(fields[i] ?? "").trim();
      return validated(line, claimBodyFromFlat(cells, { partial: false }));
    }),
  );
}

/** The rows of an import body in the given format. */
export function importRows(format: ImportFormat, text: string): Result<ImportRow[]> {
  switch (format) {
    case "ndjson":
      return ndjsonRows(text);
    case "json":
      return jsonArrayRows(text);
    case "csv":
      return csvRows(text);
  }
}
