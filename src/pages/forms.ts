// Form posts are checked by the API's own schemas and rules: the fields carry the API's names
// (the CSV import's flat names for speaker and source), and errors come back per field.
import type { z } from "@hono/zod-openapi";
import type { ZodType } from "zod";

export type FormValues = Record<string, string>;

export async function readForm(request: Request): Promise<FormValues> {
  const data = await request.formData();
  const values: FormValues = {};
  for (const [key, value] of data.entries()) if (typeof value === "string") values[key] = value;
  return values;
}

const blankToUndefined = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);

/** The form's flat names → the API body of POST /claims and PATCH /claims/{id}. */
export function claimBodyFromForm(form: FormValues, options: { partial: boolean }) {
  const speaker = blankToUndefined(form.speaker_name)
    ? {
        name: form.speaker_name,
        role: blankToUndefined(form.speaker_role) ?? null,
        kind: blankToUndefined(form.speaker_kind),
      }
    : options.partial
      ? undefined
      : {};
  const sourceFields = {
    url: blankToUndefined(form.source_url),
    title: blankToUndefined(form.source_title),
    publisher: blankToUndefined(form.source_publisher),
    published_at: blankToUndefined(form.source_published_at),
  };
  const hasSource = Object.values(sourceFields).some((v) => v !== undefined);
  return Object.fromEntries(
    Object.entries({
      text: form.text,
      kind: blankToUndefined(form.kind),
      context: options.partial ? (form.context ?? undefined) : blankToUndefined(form.context),
      reported_via: blankToUndefined(form.reported_via),
      stated_at: blankToUndefined(form.stated_at),
      tags:
        form.tags === undefined
          ? undefined
          : form.tags
              .split(/[;,]/)
              .map((t) => t.trim())
              .filter(Boolean),
      speaker,
      source: hasSource ? sourceFields : options.partial ? undefined : {},
    }).filter(([, v]) => v !== undefined),
  );
}

/** API error paths → the form's field names. */
const FIELD_NAMES: Record<string, string> = {
  "speaker.name": "speaker_name",
  "speaker.role": "speaker_role",
  "speaker.kind": "speaker_kind",
  speaker: "speaker_name",
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

/** Validates with an API schema; answers the data or the errors by form field. */
export function validate<T extends ZodType>(
  schema: T,
  body: unknown,
): { data: z.infer<T> } | { errors: Record<string, string> } {
  const result = schema.safeParse(body);
  if (result.success) return { data: result.data as z.infer<T> };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const name = fieldName(issue.path.join("."));
    errors[name] ??= issue.code === "unrecognized_keys" ? `unknown field: ${issue.keys.join(", ")}` : issue.message;
  }
  return { errors };
}
