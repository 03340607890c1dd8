// What the API's bodies and the pages' forms may hold, once: zod validates input with these
// schemas at both doors, and the OpenAPI document describes them. Limits: claim text 5,000
// characters, rationales, contexts and evidence notes 10,000, the desk's internal notes 4,000,
// urls 2,048 (http/https only).
import { z } from "@hono/zod-openapi";
import type { FieldError } from "./errors";
import { sourceMatchKey } from "./normalise";
import { DEFAULT_PERIOD, PERIODS } from "./stats";
import { cleanText, wellFormed } from "./text";
import { isHttpUrl } from "./url";
import { ATTRIBUTIONS, CLAIM_KINDS, FLAGS, ROLES, SPEAKER_KINDS, STANCES, STATUSES } from "./vocabulary";
import { WEBHOOK_EVENTS } from "./webhooks";

export const LIMITS = {
  claimText: 5_000,
  note: 10_000,
  /** An internal note on a claim: a message to the desk, not an article (a claim page shows 20). */
  internalNote: 4_000,
  url: 2_048,
  name: 300,
  title: 1_000,
  tag: 64,
  tags: 50,
};
export const MAX_ARTICLE = 200_000;

/** Every text field: lone surrogates replaced and control characters (NUL and the like)
 * stripped (src/domain/text.ts), then trimmed. */
const text = () => z.string().overwrite(cleanText).trim();
const trimmed = (max: number) => text().min(1, "must not be empty").max(max, `at most ${max} characters`);
const optionalText = (max: number) => text().max(max, `at most ${max} characters`).nullish();

/** A url as the URL parser writes it: `http:example.com` and `HTTP://Example.com:80/a b` are
 * urls to the parser (and to browsers), stored as `http://example.com/` and
 * `http://example.com/a%20b`, the form every reader (and the database's CHECK) expects. */
const asHref = (value: string) => (isHttpUrl(value) ? new URL(value).href : value);

export const HttpUrl = z
  .string()
  .trim()
  .refine(isHttpUrl, "must be an absolute http:// or https:// url")
  .overwrite(asHref)
  // After the rewrite, which percent-encodes: the limit is the stored url's.
  .max(LIMITS.url, `at most ${LIMITS.url} characters`)
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

/** Flat fields (a form's tags box, a CSV cell) separate tags with commas or semicolons, so a
 * tag holds neither: what is exported can be imported back as the same tags. */
export const TAG_SEPARATORS = /[;,]/;

export const Tags = z
  .array(trimmed(LIMITS.tag).refine((tag) => !TAG_SEPARATORS.test(tag), "a tag may not contain a comma or a semicolon"))
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
export type SpeakerInput = z.infer<typeof SpeakerInput>;

export const SourceFields = {
  url: HttpUrl.nullish(),
  title: optionalText(LIMITS.title),
  publisher: optionalText(LIMITS.name),
  author: optionalText(LIMITS.name),
  published_at: DateOrDateTime.nullish(),
  text: z
    .string()
    .overwrite(wellFormed)
    .max(MAX_ARTICLE, "at most 200,000 characters")
    .nullish()
    .openapi({ description: "The article text, archived." }),
};

/** What identifies a source: its url; without one, its title, its publisher or both (with the
 * day published when given), compared after normalising (sourceMatchKey). */
export function identifiesSource(s: { url?: string | null; title?: string | null; publisher?: string | null }) {
  return Boolean(s.url) || sourceMatchKey(s) !== null;
}

export const SOURCE_IDENTITY =
  'A source with a `url` is found by its canonical url. Without one it is found by its `title` and `publisher` (either may be missing, not both: "told AFP" names the publisher alone) and the day of `published_at` when given, compared after normalising case, quotes, dashes and white space. A source not found is created.';

export const SourceInput = z
  .strictObject({ id: z.string().max(64).optional(), ...SourceFields })
  .refine(
    (s) =>
      s.id !== undefined ? Object.values({ ...s, id: undefined }).every((v) => v === undefined) : identifiesSource(s),
    { message: "give either the id of an existing source, or its url, title or publisher" },
  )
  .openapi("SourceRef", {
    description: `An existing source by \`id\`, or the fields to find or create it by. ${SOURCE_IDENTITY}`,
    example: { url: "https://www.afp.com/en/news/kunduz", publisher: "AFP" },
  });
export type SourceInput = z.infer<typeof SourceInput>;

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
export type ClaimEditBody = z.infer<typeof ClaimEditBody>;

export const ReviewBody = z
  .strictObject({
    status: z.enum(STATUSES).optional(),
    attribution: z.enum(ATTRIBUTIONS).optional(),
    rationale: optionalText(LIMITS.note),
  })
  .openapi("Review", { example: { status: "verified", rationale: "Confirmed by the US military's own statement." } });
export type ReviewBody = z.infer<typeof ReviewBody>;

export const EvidenceBody = z
  .strictObject({
    url: HttpUrl.nullish(),
    title: optionalText(LIMITS.title),
    note: optionalText(LIMITS.note),
    stance: z.enum(STANCES),
    // Not "": the service takes a missing speaker for none, and "" reached the foreign key (a 500).
    speaker_id: z
      .string()
      .min(1, "must not be empty")
      .max(64)
      .nullish()
      .openapi({ description: "Who confirmed or denied, if anyone." }),
  })
  .refine((e) => Boolean(e.url || e.note), { message: "give a url, or a note when there is no url", path: ["note"] })
  .openapi("NewEvidence");
export type EvidenceBody = z.infer<typeof EvidenceBody>;

export const RepeatBody = z
  .strictObject({
    repeat_of: z.string().min(1, "must not be empty").max(64).openapi({ description: "The earlier claim's id." }),
    carry_verdict: z
      .boolean()
      .optional()
      .openapi({ description: "Give this claim the earlier claim's verdict, with your rationale and its evidence." }),
    rationale: optionalText(LIMITS.note).openapi({
      description: "Why the verdict applies here; needed with carry_verdict. The stored rationale cites the original.",
    }),
  })
  .openapi("RepeatLink", {
    example: {
      repeat_of: "clm_01JNDX8Y3T6M5V0A7K2Q9R4B1C",
      carry_verdict: true,
      rationale: "The same figure, repeated word for word at a later briefing.",
    },
  });
export type RepeatBody = z.infer<typeof RepeatBody>;

export const FlagClearBody = z.strictObject({ note: trimmed(LIMITS.note) }).openapi("FlagClear");

/** What a reviewer asks of a claim's publication (each writes its event: published, signed_off, ...). */
export const PUBLICATION_STEPS = ["publish", "sign_off", "unpublish", "correct"] as const;
export type PublicationStep = (typeof PUBLICATION_STEPS)[number];
/** Steps that must say why: a correction's reason is shown on the public page. */
const NEEDS_REASON: readonly PublicationStep[] = ["unpublish", "correct"];

export const PublicationBody = z
  .strictObject({
    action: z.enum(PUBLICATION_STEPS).openapi({
      description:
        "`publish` a verdict (false and misleading need a sign-off first); `sign_off` a false or misleading verdict (by someone who wrote none of it since the last sign-off, nor through a token they minted: the two-person rule); `unpublish` (the public page answers 404); `correct` republishes the claim as it now stands, with the reason shown on the page.",
    }),
    reason: optionalText(LIMITS.note).openapi({
      description: "Why: needed to unpublish and to correct (a correction's reason is public).",
    }),
  })
  .refine((b) => !NEEDS_REASON.includes(b.action) || Boolean(b.reason), {
    message: "say why: a reason is needed to unpublish or correct",
    path: ["reason"],
  })
  .openapi("PublicationChange", {
    example: { action: "publish", reason: "Checked against the ministry's statement." },
  });
export type PublicationBody = z.infer<typeof PublicationBody>;

export const NewSpeakerBody = z
  .strictObject({ name: trimmed(LIMITS.name), role: optionalText(LIMITS.name), kind: z.enum(SPEAKER_KINDS).optional() })
  .openapi("NewSpeaker");
export type NewSpeakerBody = z.infer<typeof NewSpeakerBody>;

export const NewSourceBody = z
  .strictObject(SourceFields)
  .refine(identifiesSource, { message: "give a url, a title or a publisher", path: ["url"] })
  .openapi("NewSource", { description: `${SOURCE_IDENTITY} POST /sources answers 409 with the existing id.` });
export type NewSourceBody = z.infer<typeof NewSourceBody>;

export const NewTokenBody = z
  .strictObject({ name: trimmed(LIMITS.name), role: z.enum(ROLES) })
  .openapi("NewToken", { example: { name: "newsroom importer", role: "reviewer" } });

export const ExtractBody = z
  .strictObject({
    text: z
      .string()
      .overwrite(wellFormed)
      .min(1, "must not be empty")
      .max(MAX_ARTICLE, `at most ${MAX_ARTICLE} characters`)
      .openapi({ description: "The article text. Offsets in the answer index into this string." }),
    source: z
      .strictObject({
        url: SourceFields.url,
        title: SourceFields.title,
        publisher: SourceFields.publisher,
        published_at: SourceFields.published_at,
      })
      .optional()
      .openapi({ description: "Where the article was published; echoed back for the caller's convenience." }),
  })
  .openapi("ExtractRequest");

/** POST /worthiness: how many sentences one request scores, and how long each may be. */
export const MAX_WORTHINESS_TEXTS = 100;
export const MAX_WORTHINESS_TEXT = 2000;

export const WorthinessBody = z
  .strictObject({
    texts: z
      .array(
        z
          .string()
          .overwrite(wellFormed)
          .min(1, "must not be empty")
          .max(MAX_WORTHINESS_TEXT, `at most ${MAX_WORTHINESS_TEXT} characters`),
      )
      .min(1, "give at least one text")
      .max(MAX_WORTHINESS_TEXTS, `at most ${MAX_WORTHINESS_TEXTS} texts`)
      .openapi({ description: "The sentences to score, answered in the same order." }),
  })
  .openapi("WorthinessRequest", {
    example: { texts: ["Unemployment fell to 3.2 percent last year.", "Thank you all for coming tonight."] },
  });
export type WorthinessBody = z.infer<typeof WorthinessBody>;

/** The longest text the matcher takes: a post or a paragraph, not an article. */
export const MAX_MATCH_TEXT = 10_000;
export const MAX_MATCHES = 20;

export const MatchBody = z
  .strictObject({
    text: trimmed(MAX_MATCH_TEXT).openapi({
      description: "The claim to look for: a quote, a post (links and a trailing signature are ignored), a sentence.",
      example: "The insurgents carried out 43 attacks on checkpoints in Helmand on Tuesday.",
    }),
    limit: z
      .number()
      .int("must be a whole number")
      .min(1, "at least 1")
      .max(MAX_MATCHES, `at most ${MAX_MATCHES}`)
      .optional()
      .openapi({ description: "How many matches to answer (default 5).", example: 5 }),
    speaker: z
      .strictObject({
        id: z.string().min(1, "must not be empty").max(64).optional(),
        name: trimmed(LIMITS.name).optional(),
      })
      .refine((s) => (s.id === undefined) !== (s.name === undefined), {
        message: "give either the id of a stored speaker or a name",
      })
      .optional()
      .openapi({
        description: "Who said it: a claim by the same speaker ranks higher; another speaker is warned about.",
      }),
    stated_at: DateOrDateTime.optional().openapi({
      description: "When it was said: claims mentioning the same month rank higher.",
    }),
  })
  .openapi("MatchRequest");
export type MatchBody = z.infer<typeof MatchBody>;

/** An article as the /import page reads it before filing: its text, and where it was published
 * as far as the reviewer has said yet (each field checked, none required: a preview needs only
 * the text). */
export const ArticleDraft = z.strictObject({
  text: SourceFields.text.refine((t) => Boolean(t?.trim()), "paste the article's text"),
  source_url: SourceFields.url,
  source_title: SourceFields.title,
  source_publisher: SourceFields.publisher,
  source_published_at: SourceFields.published_at,
});
export type ArticleDraft = z.infer<typeof ArticleDraft> & { text: string };

/** An article to file (the /import page): with a link the import finds the source by its
 * canonical url; wire copy without one needs a title (the article is archived with its source,
 * so a publisher alone, shared by all its articles, will not do), and is found by its title,
 * publisher and date (identifiesSource). */
export const ArticleBody = ArticleDraft.refine((a) => identifiesSource({ url: a.source_url, title: a.source_title }), {
  message: "give the article's link, or its title when it has no link",
  path: ["source_url"],
});
export type ArticleBody = z.infer<typeof ArticleBody> & { text: string };

// ---- team workflow: assignment, notes, bulk actions, webhooks --------------------------------

/** Who to give a claim to: a name (a token's name or an Access email), or `me: true` for the
 * caller. */
export const AssignBody = z
  .strictObject({
    assignee: trimmed(LIMITS.name).optional().openapi({ description: "A token's name or an Access email." }),
    me: z.literal(true).optional().openapi({ description: "Assign the claim to the caller." }),
  })
  .refine((b) => (b.assignee === undefined) !== (b.me === undefined), {
    message: "give either assignee or me: true",
    path: ["assignee"],
  })
  .openapi("Assign", { example: { assignee: "wire desk" } });
export type AssignBody = z.infer<typeof AssignBody>;

export const NoteBody = z
  .strictObject({
    text: trimmed(LIMITS.internalNote).openapi({
      description: `Plain text, up to ${LIMITS.internalNote.toLocaleString("en")} characters, for the desk only; never exported or published.`,
    }),
  })
  .openapi("NewNote", { example: { text: "Called the ministry; they will answer tomorrow." } });
export type NoteBody = z.infer<typeof NoteBody>;

export const BULK_ACTIONS = ["assign", "unassign", "tag", "untag", "in_review"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
/** Claims one bulk request may change. */
export const BULK_MAX = 100;

const Tag = Tags.element;

export const BulkBody = z
  .strictObject({
    action: z.enum(BULK_ACTIONS).openapi({
      description: "assign (to `assignee`, or the caller with `me`), unassign, tag or untag (`tag`), in_review.",
    }),
    claims: z
      .array(
        z.strictObject({
          id: z.string().min(1, "must not be empty").max(64),
          version: z.number().int().min(1).max(999_999_999).openapi({ description: "The version you saw." }),
        }),
      )
      .min(1, "select at least one claim")
      .max(BULK_MAX, `at most ${BULK_MAX} claims at a time`),
    assignee: trimmed(LIMITS.name).optional(),
    me: z.literal(true).optional(),
    tag: Tag.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.action === "assign" && (b.assignee === undefined) === (b.me === undefined))
      ctx.addIssue({ code: "custom", path: ["assignee"], message: "give either assignee or me: true" });
    if ((b.action === "tag" || b.action === "untag") && b.tag === undefined)
      ctx.addIssue({ code: "custom", path: ["tag"], message: "name the tag" });
  })
  .openapi("BulkChange", {
    example: { action: "tag", tag: "election", claims: [{ id: "clm_01JNDX8Y3T6M5V0A7K2Q9R4B1C", version: 3 }] },
  });
export type BulkBody = z.infer<typeof BulkBody>;

const WebhookEvents = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1, "pick at least one event")
  .max(WEBHOOK_EVENTS.length * 2)
  .openapi({ example: ["claim.reviewed"] });

export const WebhookBody = z
  .strictObject({
    url: HttpUrl,
    events: WebhookEvents,
    description: optionalText(LIMITS.name),
  })
  .openapi("NewWebhook", { example: { url: "https://cms.example.org/hooks/claimdesk", events: ["claim.reviewed"] } });
export type WebhookBody = z.infer<typeof WebhookBody>;

export const WebhookEditBody = z
  .strictObject({
    url: HttpUrl.optional(),
    events: WebhookEvents.optional(),
    description: optionalText(LIMITS.name),
    enabled: z.boolean().optional().openapi({ description: "false disables the endpoint; true enables it again." }),
  })
  .openapi("WebhookEdit");
export type WebhookEditBody = z.infer<typeof WebhookEditBody>;

// ---- validation failures ------------------------------------------------------------------

/** A zod issue as a field error; unknown fields all read the same, at either door. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.join(".") || (issue.code === "unrecognized_keys" ? "" : "(body)"),
    message:
      issue.code === "unrecognized_keys"
        ? `unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`
        : issue.message,
  }));
}

/** The field errors as one line ("text: must not be empty; tags.0: ..."), e.g. an import row's problem. */
export function describeErrors(errors: FieldError[]): string {
  return errors.map((e) => (e.path && e.path !== "(body)" ? `${e.path}: ${e.message}` : e.message)).join("; ");
}

const inQuery = (name: string) => ({ param: { name, in: "query" as const } });

/** The claim list's filters: the API's GET /claims and the review queue read them with this one schema. */
export const ClaimFilters = z.object({
  status: z.enum(STATUSES).optional().openapi(inQuery("status")),
  attribution: z.enum(ATTRIBUTIONS).optional().openapi(inQuery("attribution")),
  speaker_id: z.string().max(64).optional().openapi(inQuery("speaker_id")),
  source_id: z.string().max(64).optional().openapi(inQuery("source_id")),
  tag: z.string().max(64).optional().openapi(inQuery("tag")),
  flag: z.enum(FLAGS).optional().openapi(inQuery("flag")),
  repeat_of: z
    .string()
    .max(64)
    .optional()
    .openapi({ ...inQuery("repeat_of"), description: "Only the claims linked as repeats of this claim." }),
  repeat: z
    .enum(["any", "checked"])
    .optional()
    .openapi({
      ...inQuery("repeat"),
      description: "Only repeats of another claim (`any`), or of a claim that has a verdict (`checked`).",
    }),
  assignee: z
    .string()
    .min(1)
    .max(300)
    .optional()
    .openapi({
      ...inQuery("assignee"),
      description: "Only the claims assigned to this person (a token's name or an Access email).",
    }),
  assigned: z
    .enum(["true", "false"])
    .optional()
    .openapi({ ...inQuery("assigned"), description: "`false`: only unassigned claims; `true`: only assigned ones." }),
  sort: z
    .enum(["worth"])
    .optional()
    .openapi({
      ...inQuery("sort"),
      description:
        "`worth`: most worth checking first (the claims' worthiness, unscored ones last); without it the list's own order. A search (q) is ordered by relevance.",
    }),
  q: z
    .string()
    .max(500)
    .optional()
    .openapi({
      ...inQuery("q"),
      description:
        "Full-text search over text, context and speaker name; every word must match. Ranked by relevance, or newest first when more than 1,000 claims match (see search_order).",
    }),
});
export type ClaimFilters = z.infer<typeof ClaimFilters>;

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

export function parseWith<T extends z.ZodType>(schema: T, input: unknown): Parsed<z.infer<T>> {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, data: result.data as z.infer<T> }
    : { ok: false, errors: fieldErrors(result.error) };
}

/** An object parsed by `schema` with the top-level fields it refuses left out (a link typed or
 * edited by hand still shows what it can), and the errors of those it left out. */
export function parseLeniently<T extends z.ZodObject>(
  schema: T,
  input: Record<string, unknown>,
): { data: z.infer<T>; errors: FieldError[] } {
  const first = parseWith(schema, input);
  if (first.ok) return { data: first.data, errors: [] };
  const refused = new Set(first.errors.map((e) => e.path.split(".")[0]));
  const kept = Object.fromEntries(Object.entries(input).filter(([key]) => !refused.has(key)));
  const second = parseWith(schema, kept);
  // Without the refused fields an object of optional fields always parses.
  return { data: second.ok ? second.data : ({} as z.infer<T>), errors: first.errors };
}

/** The desk's figures (GET /api/v1/stats and /dashboard): a period and the claim list's speaker
 * and tag filters; one schema for both doors. */
export const StatsFilters = z.object({
  period: z
    .enum(PERIODS)
    .default(DEFAULT_PERIOD)
    .openapi({ ...inQuery("period"), description: "The last 30, 90 or 365 days (today included), in weeks." }),
  speaker_id: z
    .string()
    .max(64)
    .optional()
    .openapi({ ...inQuery("speaker_id"), description: "One speaker's figures (wins over `tag`)." }),
  tag: z
    .string()
    .max(64)
    .optional()
    .openapi({ ...inQuery("tag"), description: "The figures of the claims with this tag." }),
});
export type StatsFilters = z.infer<typeof StatsFilters>;
