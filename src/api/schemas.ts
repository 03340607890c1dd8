// The API's shapes, once: zod validates input with them and the OpenAPI document is built
// from them. Limits: claim text 5,000 characters, notes 10,000, urls 2,048 (http/https only).
import { z } from "@hono/zod-openapi";
import { isHttpUrl } from "../domain/url";
import {
  ATTRIBUTIONS,
  CLAIM_KINDS,
  FLAGS,
  RECHECK_OUTCOMES,
  ROLES,
  SPEAKER_KINDS,
  STANCES,
  STATUSES,
} from "../domain/vocabulary";

export const LIMITS = { claimText: 5_000, note: 10_000, url: 2_048, name: 300, title: 1_000, tag: 64, tags: 50 };

const trimmed = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `at most ${max} characters`).nullish();

export const HttpUrl = z
  .string()
  .trim()
  .max(LIMITS.url, `at most ${LIMITS.url} characters`)
  .refine(isHttpUrl, "must be an absolute http:// or https:// url")
  .openapi({ format: "uri", example: "https://www.example.com/news/article" });

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
/** A real date ("2020-02-31" is not), optionally with a time and zone. */
function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(time)) return false;
  const [y, m, d] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

export const DateOrDateTime = z
  .string()
  .trim()
  .refine(isCalendarDate, "must be a date (2020-03-05) or an ISO 8601 date-time")
  .openapi({ example: "2020-03-05" });

export const Tags = z
  .array(trimmed(LIMITS.tag))
  .max(LIMITS.tags, `at most ${LIMITS.tags} tags`)
  .openapi({ example: ["afghanistan"] });

export const SpeakerInput = z
  .strictObject({
    id: z.string().max(64).optional().openapi({ description: "An existing speaker; give either id or name." }),
    name: trimmed(LIMITS.name).optional(),
    role: optionalText(LIMITS.name),
    kind: z.enum(SPEAKER_KINDS).optional(),
  })
  .refine((s) => (s.id === undefined) !== (s.name === undefined), {
    message: "give either the id of an existing speaker or the name (and role) of the speaker",
  })
  .openapi("SpeakerRef", { example: { name: "Sonny Leggett", role: "US Forces-Afghanistan spokesman" } });

export const SourceFields = {
  url: HttpUrl.nullish(),
  title: optionalText(LIMITS.title),
  publisher: optionalText(LIMITS.name),
  author: optionalText(LIMITS.name),
  published_at: DateOrDateTime.nullish(),
  text: z
    .string()
    .max(200_000, "at most 200,000 characters")
    .nullish()
    .openapi({ description: "The article text, archived." }),
};

export const SourceInput = z
  .strictObject({ id: z.string().max(64).optional(), ...SourceFields })
  .refine(
    (s) =>
      s.id !== undefined
        ? Object.values({ ...s, id: undefined }).every((v) => v === undefined)
        : Boolean(s.url || s.title),
    { message: "give either the id of an existing source, or a url or title for the source" },
  )
  .openapi("SourceRef", { example: { url: "https://www.afp.com/en/news/kunduz", publisher: "AFP" } });

/** `speaker_id` / `source_id` at the top level are read as `speaker: {id}` / `source: {id}`,
 * the names the list filters use. */
function idsAsReferences(body: unknown): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const { speaker_id, source_id, ...rest } = body as Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest };
  // Both forms at once are left as they are, for the strict schema to refuse.
  if (speaker_id !== undefined)
    Object.assign(out, rest.speaker === undefined ? { speaker: { id: speaker_id } } : { speaker_id });
  if (source_id !== undefined)
    Object.assign(out, rest.source === undefined ? { source: { id: source_id } } : { source_id });
  return out;
}

const NewClaimShape = z
  .strictObject({
    text: trimmed(LIMITS.claimText).openapi({
      description: "The claim, verbatim.",
      example: "43 attacks on checkpoints",
    }),
    kind: z.enum(CLAIM_KINDS).optional(),
    speaker: SpeakerInput,
    source: SourceInput,
    context: optionalText(LIMITS.note),
    reported_via: optionalText(LIMITS.name).openapi({ example: "tweeted" }),
    stated_at: DateOrDateTime.nullish(),
    tags: Tags.optional(),
  })
  .openapi("NewClaim", {
    description: "`speaker_id` and `source_id` may be given instead of `speaker: {id}` and `source: {id}`.",
  });
export const NewClaimBody = z.preprocess(idsAsReferences, NewClaimShape);
export type NewClaimBody = z.infer<typeof NewClaimShape>;

export const ClaimEditBody = z.preprocess(
  idsAsReferences,
  z
    .strictObject({
      text: trimmed(LIMITS.claimText).optional(),
      context: optionalText(LIMITS.note),
      kind: z.enum(CLAIM_KINDS).optional(),
      tags: Tags.optional(),
      speaker: SpeakerInput.optional(),
      source: SourceInput.optional(),
    })
    .openapi("ClaimEdit"),
);

export const ReviewBody = z
  .strictObject({
    status: z.enum(STATUSES).optional(),
    attribution: z.enum(ATTRIBUTIONS).optional(),
    rationale: optionalText(LIMITS.note),
  })
  .openapi("Review", { example: { status: "verified", rationale: "Confirmed by the US military's own statement." } });

export const EvidenceBody = z
  .strictObject({
    url: HttpUrl.nullish(),
    title: optionalText(LIMITS.title),
    note: optionalText(LIMITS.note),
    stance: z.enum(STANCES),
    speaker_id: z.string().max(64).nullish().openapi({ description: "Who confirmed or denied, if anyone." }),
  })
  .refine((e) => Boolean(e.url || e.note), { message: "give a url, or a note when there is no url", path: ["note"] })
  .openapi("NewEvidence");

export const FlagClearBody = z.strictObject({ note: trimmed(LIMITS.note) }).openapi("FlagClear");

export const NewSpeakerBody = z
  .strictObject({ name: trimmed(LIMITS.name), role: optionalText(LIMITS.name), kind: z.enum(SPEAKER_KINDS).optional() })
  .openapi("NewSpeaker");

export const NewSourceBody = z
  .strictObject(SourceFields)
  .refine((s) => Boolean(s.url || s.title), { message: "give a url or a title", path: ["url"] })
  .openapi("NewSource");

export const NewTokenBody = z
  .strictObject({ name: trimmed(LIMITS.name), role: z.enum(ROLES) })
  .openapi("NewToken", { example: { name: "newsroom importer", role: "reviewer" } });

// ---- outputs ------------------------------------------------------------------------------

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem", { description: "RFC 9457 problem details (application/problem+json)." });

export const Speaker = z
  .object({ id: z.string(), name: z.string(), role: z.string().nullable(), kind: z.enum(SPEAKER_KINDS) })
  .openapi("Speaker");

export const SourceSummary = z
  .object({
    id: z.string(),
    url: z.string().nullable(),
    title: z.string().nullable(),
    publisher: z.string().nullable(),
    published_at: z.string().nullable(),
  })
  .openapi("SourceSummary");

export const Flag = z
  .object({ flag: z.enum(FLAGS), raised_at: z.string(), detail: z.string().nullable() })
  .openapi("Flag");

export const Evidence = z
  .object({
    id: z.string(),
    url: z.string().nullable(),
    title: z.string().nullable(),
    note: z.string().nullable(),
    stance: z.enum(STANCES),
    speaker: Speaker.nullable(),
    created_by: z.string(),
    created_at: z.string(),
  })
  .openapi("Evidence");

export const Claim = z
  .object({
    id: z.string().openapi({ example: "clm_01JNDX8Y3T6M5V0A7K2Q9R4B1C" }),
    text: z.string(),
    kind: z.enum(CLAIM_KINDS),
    speaker: Speaker,
    source: SourceSummary,
    context: z.string().nullable(),
    reported_via: z.string().nullable(),
    stated_at: z.string().nullable(),
    tags: z.array(z.string()),
    status: z.enum(STATUSES),
    attribution: z.enum(ATTRIBUTIONS),
    rationale: z.string().nullable(),
    verdict_at: z.string().nullable(),
    flags: z.array(Flag),
    recheck_due_at: z.string().nullable(),
    version: z.number().int(),
    created_by: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Claim");

export const ClaimDetail = Claim.extend({ evidence: z.array(Evidence) }).openapi("ClaimDetail");

export const ClaimEvent = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    note: z.string().nullable(),
    data: z.unknown().nullable(),
  })
  .openapi("ClaimEvent");

export const Recheck = z
  .object({
    id: z.string(),
    claim_id: z.string(),
    source_id: z.string(),
    at: z.string(),
    outcome: z.enum(RECHECK_OUTCOMES),
    http_status: z.number().int().nullable(),
    content_hash: z.string().nullable(),
    detail: z.string().nullable(),
  })
  .openapi("Recheck");

export const Token = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
  })
  .openapi("Token");

export const page = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable() }).openapi(name);

export const ListQuery = z.object({
  limit: z.coerce
    .number()
    .int("must be a whole number")
    .min(1, "at least 1")
    .max(100, "at most 100")
    .default(50)
    .openapi({ param: { name: "limit", in: "query" }, example: 50 }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .openapi({ param: { name: "cursor", in: "query" }, description: "next_cursor of the previous page" }),
});
