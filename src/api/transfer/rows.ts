// An import body, by Content-Type, as numbered rows: each either a valid POST /claims body
// (the same NewClaimBody schema) or the problem that makes it invalid.
import type { z } from "@hono/zod-openapi";
import { Problem } from "../../middleware/problem";
import { NewClaimBody } from "../schemas";
import { parseCsv, unguardCell } from "./csv";

export const MAX_IMPORT_ROWS = 10_000;
export const NDJSON_TYPES = ["application/x-ndjson", "application/ndjson"];

/** The import columns of a CSV, in export order; `tags` are separated by `;`. */
export const CSV_COLUMNS = [
  "text",
  "kind",
  "speaker_name",
  "speaker_role",
  "source_url",
  "source_title",
  "source_publisher",
  "source_published_at",
  "context",
  "reported_via",
  "stated_at",
  "tags",
] as const;
/** Written by the CSV export and ignored on import, so an export can be imported again. */
export const EXPORT_ONLY_COLUMNS = ["id", "status", "attribution", "rationale", "created_at"] as const;

export type ImportRow = { line: number; body: NewClaimBody } | { line: number; problem: string };

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const message =
        issue.code === "unrecognized_keys"
          ? `unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`
          : issue.message;
      const path = issue.path.join(".");
      return path ? `${path}: ${message}` : message;
    })
    .join("; ");
}

function validated(line: number, value: unknown): ImportRow {
  const result = NewClaimBody.safeParse(value);
  return result.success ? { line, body: result.data } : { line, problem: describe(result.error) };
}

function tooMany(count: number): Problem {
  return new Problem({
    status: 413,
    title: "Payload too large",
    detail: `An import takes at most ${MAX_IMPORT_ROWS.toLocaleString("en")} rows; this one has ${count.toLocaleString("en")}. Split it into several requests.`,
  });
}

function ndjsonRows(text: string): ImportRow[] {
  const lines = text.split("\n");
  const numbered = lines.map((raw, i) => ({ line: i + 1, raw: raw.trim() })).filter((l) => l.raw !== "");
  if (numbered.length > MAX_IMPORT_ROWS) throw tooMany(numbered.length);
  return numbered.map(({ line, raw }) => {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      return { line, problem: `not valid JSON: ${(err as Error).message}` };
    }
    return validated(line, value);
  });
}

function jsonArrayRows(text: string): ImportRow[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Problem({ status: 400, title: "Bad request", detail: `Malformed JSON: ${(err as Error).message}` });
  }
  if (!Array.isArray(value)) {
    throw new Problem({
      status: 422,
      title: "Validation failed",
      detail: "A JSON import is an array of claims, each shaped like a POST /claims body.",
      errors: [{ path: "(body)", message: "expected an array" }],
    });
  }
  if (value.length > MAX_IMPORT_ROWS) throw tooMany(value.length);
  return value.map((item, i) => validated(i + 1, item));
}

function csvRows(text: string): ImportRow[] {
  const [header, ...records] = parseCsv(text);
  if (!header) return [];
  if (records.length > MAX_IMPORT_ROWS) throw tooMany(records.length);
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const known = new Set<string>([...CSV_COLUMNS, ...EXPORT_ONLY_COLUMNS]);
  const errors = [
    ...names.filter((n) => !known.has(n)).map((n) => ({ path: n, message: "unknown column" })),
    ...names.filter((n, i) => names.indexOf(n) !== i).map((n) => ({ path: n, message: "column given twice" })),
    ...(names.includes("text") ? [] : [{ path: "text", message: "missing column" }]),
  ];
  if (errors.length > 0) {
    throw new Problem({
      status: 422,
      title: "Validation failed",
      detail: `The CSV header row must name columns among: ${CSV_COLUMNS.join(", ")}.`,
      errors,
    });
  }
  return records.map(({ line, fields }) => {
    if (fields.length !== names.length) {
      return { line, problem: `has ${fields.length} fields, the header has ${names.length}` };
    }
    const cell = (column: (typeof CSV_COLUMNS)[number]) => {
      const raw = fields[names.indexOf(column)];
      const value = raw === undefined ? undefined : unguardCell(raw).trim();
      return value ? value : undefined;
    };
    return validated(line, {
      text: cell("text"),
      kind: cell("kind"),
      speaker: { name: cell("speaker_name"), role: cell("speaker_role") },
      source: {
        url: cell("source_url"),
        title: cell("source_title"),
        publisher: cell("source_publisher"),
        published_at: cell("source_published_at"),
      },
      context: cell("context"),
      reported_via: cell("reported_via"),
      stated_at: cell("stated_at"),
      tags: cell("tags")
        ?.split(";")
        .map((t) => t.trim())
        .filter(Boolean),
    });
  });
}

/** The rows of an import body; 415 for a Content-Type it does not read. */
export function importRows(contentType: string | undefined, text: string): ImportRow[] {
  const essence = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (NDJSON_TYPES.includes(essence)) return ndjsonRows(text);
  if (essence === "application/json") return jsonArrayRows(text);
  if (essence === "text/csv") return csvRows(text);
  throw new Problem({
    status: 415,
    title: "Unsupported media type",
    detail: "Send the import as application/x-ndjson (or application/ndjson), application/json (an array) or text/csv.",
  });
}
