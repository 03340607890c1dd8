// Form posts are checked by the same schemas and rules as the API: the fields carry the API's
// names (the flat names for speaker and source), and errors come back per field.
import type { z } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import type { FieldError } from "../domain/errors";
import { parseWith } from "../domain/schemas";

export type FormValues = Record<string, string>;
/** Error messages by form field name. */
export type FieldErrors = Record<string, string>;

/** The posted form, every value of every field; a body no browser would send answers 400. */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    // Only a forged post is unreadable (a browser always sends a form it can read back).
    throw new HTTPException(400, { message: "The form could not be read: send it as a browser does." });
  }
}

/** The posted form, the last value of each field (text fields; files are ignored). */
export async function readForm(request: Request): Promise<FormValues> {
  const values: FormValues = {};
  for (const [key, value] of (await readFormData(request)).entries())
    if (typeof value === "string") values[key] = value;
  return values;
}

/** Every text value of a repeated field (checkboxes of the same name). */
export const allValues = (data: FormData, name: string): string[] =>
  data.getAll(name).filter((v): v is string => typeof v === "string");

/** API paths → the form's field names. */
const FIELD_NAMES: Record<string, string> = {
  "speaker.id": "speaker_name",
  "speaker.name": "speaker_name",
  "speaker.role": "speaker_role",
  "speaker.kind": "speaker_kind",
  speaker: "speaker_name",
  "source.id": "source_url",
  "source.url": "source_url",
  "source.title": "source_title",
  "source.publisher": "source_publisher",
  "source.published_at": "source_published_at",
  source: "source_url",
};

export function fieldName(path: string): string {
  if (FIELD_NAMES[path]) return FIELD_NAMES[path];
  return path.split(".")[0] || "form";
}

/** Field errors (API paths) by form field, the first message for each field. */
export function formErrors(errors: FieldError[]): FieldErrors {
  const byField: FieldErrors = {};
  for (const e of errors) byField[fieldName(e.path)] ??= e.message;
  return byField;
}

/** Validates with a shared schema; answers the data or the errors by form field. */
export function validate<T extends z.ZodType>(
  schema: T,
  body: unknown,
): { data: z.infer<T> } | { errors: FieldErrors } {
  const parsed = parseWith(schema, body);
  return parsed.ok ? { data: parsed.data } : { errors: formErrors(parsed.errors) };
}
