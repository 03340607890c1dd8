// Flat fields (a form's inputs, a CSV row's cells) as a claim body: one mapping for both, so
// the same words make the same claim whichever door they come through. And the export's own
// rows as a claim body, so that an export imports again.
import { idPattern } from "./ids";
import { TAG_SEPARATORS } from "./schemas";

export type FlatFields = Partial<Record<string, string>>;

/** The flat names, in CSV order; `tags` are separated by commas or semicolons. */
export const FLAT_CLAIM_FIELDS = [
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

const given = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);

export function splitTags(value: string): string[] {
  return value
    .split(TAG_SEPARATORS)
    .map((t) => t.trim())
    .filter(Boolean);
}

/** The POST /claims body (`partial: false`) or PATCH body (`partial: true`: blank speaker and
 * source fields keep the claim's own, a blank context clears it) that flat fields describe. */
export function claimBodyFromFlat(fields: FlatFields, options: { partial: boolean }): Record<string, unknown> {
  const speaker = given(fields.speaker_name)
    ? { name: fields.speaker_name, role: given(fields.speaker_role) ?? null, kind: given(fields.speaker_kind) }
    : options.partial
      ? undefined
      : {};
  const source = {
    url: given(fields.source_url),
    title: given(fields.source_title),
    publisher: given(fields.source_publisher),
    published_at: given(fields.source_published_at),
  };
  const hasSource = Object.values(source).some((v) => v !== undefined);
  const body: Record<string, unknown> = {
    text: fields.text,
    kind: given(fields.kind),
    context: options.partial ? fields.context : given(fields.context),
    reported_via: given(fields.reported_via),
    stated_at: given(fields.stated_at),
    tags: fields.tags === undefined ? undefined : splitTags(fields.tags),
    speaker,
    source: hasSource ? source : options.partial ? undefined : {},
  };
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

// ---- the export's own rows ------------------------------------------------------------------

/** What a claim in the NDJSON export (the API's Claim view) holds besides a POST /claims body's
 * fields: its state and bookkeeping, which an import does not take over (a new claim starts
 * unverified, with its own id and history). */
export const EXPORT_ONLY_FIELDS = [
  "id",
  "status",
  "attribution",
  "rationale",
  "verdict_at",
  // A link to another claim of this deployment: its id means nothing elsewhere.
  "repeat_of",
  // Who on this desk has it: workflow, not part of the claim.
  "assignee",
  // Scored again from the words when the claim is filed.
  "worthiness",
  "flags",
  "recheck_due_at",
  "version",
  "created_by",
  "created_at",
  "updated_at",
] as const;

const CLAIM_ID = idPattern("claim");
const ignored = new Set<string>(EXPORT_ONLY_FIELDS);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A claim as the export wrote it: an object whose `id` is a claim id (`clm_…`). */
export function isExportRow(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && typeof value.id === "string" && CLAIM_ID.test(value.id);
}

/** An export row as a POST /claims body: the export-only fields dropped, the speaker and source
 * taken by their fields (name, role, kind; url, title, publisher, published_at), not by the ids
 * of another deployment. Any other field is kept, for the body's schema to refuse. */
export function claimBodyFromExport(row: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (ignored.has(key)) continue;
    if ((key === "speaker" || key === "source") && isRecord(value)) {
      const { id: _id, ...fields } = value;
      body[key] = fields;
    } else body[key] = value;
  }
  return body;
}
