// The whole data model. Vocabularies come from src/domain/vocabulary.ts and become CHECK
// constraints here, so the database refuses what the domain does not know.
import { type SQL, sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import {
  ATTRIBUTIONS,
  CLAIM_KINDS,
  EVENT_ACTIONS,
  FLAGS,
  RECHECK_OUTCOMES,
  ROLES,
  SPEAKER_KINDS,
  STANCES,
  STATUSES,
  VERDICTS,
  WEBHOOK_DELIVERY_STATES,
} from "../domain/vocabulary";

/** `column IN ('a', 'b', …)` for a CHECK constraint. */
function oneOf(column: SQL | ReturnType<typeof text>, values: readonly string[]): SQL {
  return sql`${column} IN (${sql.raw(values.map((v) => `'${v}'`).join(", "))})`;
}

const timestamps = {
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
};

export const sources = sqliteTable(
  "sources",
  {
    id: text("id").primaryKey(),
    /** Canonical url (see domain/url.ts); optional, unique when set. */
    url: text("url"),
    title: text("title"),
    publisher: text("publisher"),
    author: text("author"),
    publishedAt: text("published_at"),
    /** The archived article text; the first archived version is never overwritten. */
    text: text("text"),
    contentHash: text("content_hash"),
    /** What the re-check job saw last, kept beside the archive for comparison. */
    latestText: text("latest_text"),
    latestContentHash: text("latest_content_hash"),
    latestFetchedAt: text("latest_fetched_at"),
    /** Without a url: normalised title + publisher (+ the day published), see domain/normalise.ts
     * sourceMatchKey; the same source named twice is found, not created again. Null with a url. */
    matchKey: text("match_key"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("sources_url_unique").on(t.url),
    uniqueIndex("sources_match_key_unique").on(t.matchKey),
    check("sources_url_http", sql`${t.url} IS NULL OR ${t.url} LIKE 'http://%' OR ${t.url} LIKE 'https://%'`),
    check("sources_named", sql`${t.url} IS NOT NULL OR ${t.title} IS NOT NULL OR ${t.publisher} IS NOT NULL`),
    check("sources_url_or_match_key", sql`${t.url} IS NULL OR ${t.matchKey} IS NULL`),
  ],
);

export const speakers = sqliteTable(
  "speakers",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    role: text("role"),
    kind: text("kind", { enum: SPEAKER_KINDS }).notNull().default("person"),
    /** normalised name + role: the same speaker named twice is found, not created again. */
    matchKey: text("match_key").notNull(),
    /** 16 random hex digits given by a trigger (drizzle/0014): the speaker's public page is named
     * by it, so the public never sees the internal id. */
    publicKey: text("public_key"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("speakers_match_key_unique").on(t.matchKey),
    uniqueIndex("speakers_public_key_unique").on(t.publicKey),
    check("speakers_kind", oneOf(t.kind, SPEAKER_KINDS)),
    check("speakers_name_present", sql`length(trim(${t.name})) > 0`),
  ],
);

export const claims = sqliteTable(
  "claims",
  {
    /** Internal row number: a stable key for the full-text index and for paging. Never exposed. */
    seq: integer("seq").primaryKey(),
    id: text("id").notNull(),
    text: text("text").notNull(),
    kind: text("kind", { enum: CLAIM_KINDS }).notNull().default("direct_quote"),
    speakerId: text("speaker_id")
      .notNull()
      .references(() => speakers.id),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id),
    context: text("context"),
    reportedVia: text("reported_via"),
    statedAt: text("stated_at"),
    status: text("status", { enum: STATUSES }).notNull().default("unverified"),
    attribution: text("attribution", { enum: ATTRIBUTIONS }).notNull().default("unchecked"),
    rationale: text("rationale"),
    /** When the current verdict was given; ages into `verdict_stale`. */
    verdictAt: text("verdict_at"),
    /** When the claim got its first verdict (kept by a trigger, drizzle/0014): the dashboard's
     * time from filing to first verdict. Never cleared, unlike verdict_at. */
    firstVerdictAt: text("first_verdict_at"),
    /** normalised text + normalised context: with speaker and source, what makes a duplicate. */
    dedupeKey: text("dedupe_key").notNull(),
    /** Kept in step with claim_flags by triggers; orders the review queue. */
    flagCount: integer("flag_count").notNull().default(0),
    /** 0 flagged, 1 unverified, 2 in review, 3 the rest: the review queue's order. */
    queueRank: integer("queue_rank").generatedAlwaysAs(
      sql`CASE WHEN flag_count > 0 THEN 0 WHEN status = 'unverified' THEN 1 WHEN status = 'in_review' THEN 2 ELSE 3 END`,
      { mode: "virtual" },
    ),
    /** Who on the desk has the claim: a token's name or an Access email (Principal.actor). */
    assignee: text("assignee"),
    /** The earlier claim this one repeats (the same assertion, checked before). */
    repeatOf: text("repeat_of").references((): AnySQLiteColumn => claims.id),
    recheckDueAt: text("recheck_due_at"),
    /** A re-check run holds the claim until then, so overlapping runs do not visit it twice. */
    recheckLeaseUntil: text("recheck_lease_until"),
    recheckFailures: integer("recheck_failures").notNull().default(0),
    version: integer("version").notNull().default(1),
    createdBy: text("created_by").notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("claims_id_unique").on(t.id),
    uniqueIndex("claims_duplicate_unique").on(t.dedupeKey, t.speakerId, t.sourceId),
    index("claims_status_idx").on(t.status, t.seq),
    index("claims_attribution_idx").on(t.attribution, t.seq),
    index("claims_speaker_idx").on(t.speakerId, t.seq),
    index("claims_source_idx").on(t.sourceId, t.seq),
    index("claims_queue_idx").on(t.queueRank, sql`${t.seq} DESC`),
    index("claims_recheck_due_idx").on(t.recheckDueAt),
    index("claims_repeat_of_idx").on(t.repeatOf, t.seq),
    index("claims_assignee_idx").on(t.assignee, t.seq),
    check("claims_kind", oneOf(t.kind, CLAIM_KINDS)),
    check("claims_status", oneOf(t.status, STATUSES)),
    check("claims_attribution", oneOf(t.attribution, ATTRIBUTIONS)),
    check("claims_text_present", sql`length(trim(${t.text})) > 0`),
    check(
      "claims_verdict_has_rationale",
      sql`${t.status} NOT IN (${sql.raw(VERDICTS.map((v) => `'${v}'`).join(", "))}) OR length(trim(coalesce(${t.rationale}, ''))) > 0`,
    ),
    check("claims_version_positive", sql`${t.version} >= 1`),
    check("claims_flag_count", sql`${t.flagCount} >= 0`),
  ],
);

export const claimTags = sqliteTable(
  "claim_tags",
  {
    claimId: text("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.claimId, t.tag] }),
    index("claim_tags_tag_idx").on(t.tag, t.claimId),
    check("claim_tags_tag_present", sql`length(trim(${t.tag})) > 0`),
  ],
);

export const claimFlags = sqliteTable(
  "claim_flags",
  {
    claimId: text("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    flag: text("flag", { enum: FLAGS }).notNull(),
    raisedAt: text("raised_at").notNull(),
    detail: text("detail"),
  },
  (t) => [
    primaryKey({ columns: [t.claimId, t.flag] }),
    index("claim_flags_flag_idx").on(t.flag, t.claimId),
    check("claim_flags_flag", oneOf(t.flag, FLAGS)),
  ],
);

export const evidence = sqliteTable(
  "evidence",
  {
    id: text("id").primaryKey(),
    claimId: text("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    url: text("url"),
    title: text("title"),
    note: text("note"),
    stance: text("stance", { enum: STANCES }).notNull(),
    /** Who confirmed or denied, when the evidence is a statement. */
    speakerId: text("speaker_id").references(() => speakers.id),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("evidence_claim_idx").on(t.claimId, t.createdAt),
    check("evidence_stance", oneOf(t.stance, STANCES)),
    check("evidence_url_or_note", sql`${t.url} IS NOT NULL OR length(trim(coalesce(${t.note}, ''))) > 0`),
    check("evidence_url_http", sql`${t.url} IS NULL OR ${t.url} LIKE 'http://%' OR ${t.url} LIKE 'https://%'`),
  ],
);

/** Append-only (triggers refuse UPDATE and DELETE): the history of every claim. */
export const claimEvents = sqliteTable(
  "claim_events",
  {
    id: text("id").primaryKey(),
    claimId: text("claim_id")
      .notNull()
      .references(() => claims.id),
    at: text("at").notNull(),
    actor: text("actor").notNull(),
    action: text("action", { enum: EVENT_ACTIONS }).notNull(),
    fromValue: text("from_value"),
    toValue: text("to_value"),
    note: text("note"),
    /** JSON: the details of the change (edited fields, the evidence item, …). */
    data: text("data"),
  },
  (t) => [
    index("claim_events_claim_idx").on(t.claimId, t.id),
    check("claim_events_action", oneOf(t.action, EVENT_ACTIONS)),
  ],
);

export const rechecks = sqliteTable(
  "rechecks",
  {
    id: text("id").primaryKey(),
    claimId: text("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    sourceId: text("source_id")
      .notNull()
      .references(() => sources.id),
    at: text("at").notNull(),
    outcome: text("outcome", { enum: RECHECK_OUTCOMES }).notNull(),
    httpStatus: integer("http_status"),
    contentHash: text("content_hash"),
    detail: text("detail"),
  },
  (t) => [
    index("rechecks_claim_idx").on(t.claimId, t.at),
    index("rechecks_outcome_idx").on(t.outcome, t.at),
    index("rechecks_at_idx").on(t.at),
    check("rechecks_outcome", oneOf(t.outcome, RECHECK_OUTCOMES)),
    check("rechecks_http_status", sql`${t.httpStatus} IS NULL OR ${t.httpStatus} BETWEEN 100 AND 599`),
  ],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /**
     * The name as a person's key (src/domain/actors.ts personKey): live tokens' keys are unique,
     * so two tokens never pass for one person. Null on tokens made before names had keys whose
     * name another token had already (drizzle/0012 reports them).
     */
    nameKey: text("name_key"),
    role: text("role", { enum: ROLES }).notNull(),
    /** The actor who minted it (a token's name, the ADMIN_TOKEN or an Access email): the
     * two-person rule counts a token as its minter too. Null on tokens made before this was kept. */
    createdBy: text("created_by"),
    /** SHA-256 of the token; the token itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull(),
    createdAt: text("created_at").notNull(),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_unique").on(t.tokenHash),
    uniqueIndex("api_tokens_live_name_unique").on(t.nameKey).where(sql`${t.revokedAt} IS NULL`),
    check("api_tokens_role", oneOf(t.role, ROLES)),
    check("api_tokens_hash_shape", sql`length(${t.tokenHash}) = 64`),
  ],
);

/** Answers kept for 24 hours per (caller, Idempotency-Key), replayed to retries. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    /** Null while the first request is still being answered. */
    status: integer("status"),
    headers: text("headers"),
    body: text("body"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index("idempotency_keys_created_idx").on(t.createdAt)],
);

/**
 * Review-interface sessions. The signed cookie names its row; a session is good while its row is
 * neither revoked (logout) nor expired. `principal_key` is the api_tokens id, or "admin-token".
 */
export const sessions = sqliteTable(
  "sessions",
  {
    /** 32 random bytes, base64url: the cookie carries it, signed with SESSION_SECRET. */
    id: text("id").primaryKey(),
    principalKey: text("principal_key").notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("sessions_expires_idx").on(t.expiresAt)],
);

// ---- publishing (src/services/publication.ts) ------------------------------------------------

/**
 * A claim's public fact-check, from its first sign-off or publication on. The public pages read
 * only `snapshot`: the public fields as they were published (or last republished by a
 * correction), so a verdict changed or an edit in progress never reaches them until a correction
 * republishes. `revision` is a desk-wide counter of publication changes (each change takes the
 * next number): the public pages' ETags and cache keys carry it.
 */
export const claimPublications = sqliteTable(
  "claim_publications",
  {
    claimId: text("claim_id")
      .primaryKey()
      .references(() => claims.id),
    /** Readable words of the claim plus its id, fixed at the first publication. */
    slug: text("slug").notNull(),
    published: integer("published", { mode: "boolean" }).notNull().default(false),
    /** The first publication: the fact-check's datePublished. */
    firstPublishedAt: text("first_published_at"),
    /** The latest publication or correction: its dateModified, a sitemap's lastmod. */
    republishedAt: text("republished_at"),
    unpublishedAt: text("unpublished_at"),
    /** JSON: the public fields as published (domain/publication.ts PublicClaim). */
    snapshot: text("snapshot"),
    /** Lowercased words of the snapshot that the public search looks in. */
    searchText: text("search_text"),
    /** The second reviewer's sign-off of a false or misleading verdict, valid for the claim at
     * `signed_off_version` only: any change after it needs a new sign-off. */
    signedOffBy: text("signed_off_by"),
    signedOffAt: text("signed_off_at"),
    signedOffVersion: integer("signed_off_version"),
    revision: integer("revision").notNull(),
    /** The public key (speakers.public_key) of the claim's speaker when its snapshot was taken
     * (kept by a trigger, drizzle/0014): the public speaker page lists what was published under them. */
    speakerKey: text("speaker_key"),
  },
  (t) => [
    uniqueIndex("claim_publications_slug_unique").on(t.slug),
    index("claim_publications_speaker_idx").on(t.speakerKey, t.published, t.firstPublishedAt),
    uniqueIndex("claim_publications_revision_unique").on(t.revision),
    index("claim_publications_listed_idx").on(t.published, t.firstPublishedAt, t.claimId),
    check("claim_publications_published_has_snapshot", sql`NOT ${t.published} OR ${t.snapshot} IS NOT NULL`),
  ],
);

/** The open corrections log of published fact-checks: shown, with its date and reason, on the page. */
export const claimCorrections = sqliteTable(
  "claim_corrections",
  {
    id: text("id").primaryKey(),
    claimId: text("claim_id")
      .notNull()
      .references(() => claims.id),
    at: text("at").notNull(),
    /** Who made it: kept for the desk, never shown in public. */
    actor: text("actor").notNull(),
    reason: text("reason").notNull(),
    /** JSON: what changed on the public page ([{field, from?, to?}]). */
    changes: text("changes").notNull(),
  },
  (t) => [
    index("claim_corrections_claim_idx").on(t.claimId, t.at),
    check("claim_corrections_reason_present", sql`length(trim(${t.reason})) > 0`),
  ],
);

// ---- team workflow: internal notes and outgoing webhooks -----------------------------------

/** Internal notes on a claim: plain text with author and time, shown to the desk only (never
 * exported, never on a public page). Not claim events, so the history stays what it was. */
export const claimNotes = sqliteTable(
  "claim_notes",
  {
    id: text("id").primaryKey(),
    claimId: text("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    author: text("author").notNull(),
    text: text("text").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    index("claim_notes_claim_idx").on(t.claimId, t.createdAt),
    check("claim_notes_text_present", sql`length(trim(${t.text})) > 0`),
  ],
);

/** Where admins want to be told what happened (Standard Webhooks). The secret signs every
 * delivery, so it is kept (shown to the admin once, at creation). */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    url: text("url").notNull(),
    description: text("description"),
    /** JSON array of the event types wanted (src/domain/webhooks.ts WEBHOOK_EVENTS). */
    events: text("events").notNull(),
    /** `whsec_` + base64 of 32 random bytes. */
    secret: text("secret").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    /** Since when every attempt has failed (null after a success). */
    failingSince: text("failing_since"),
    lastSuccessAt: text("last_success_at"),
    lastFailureAt: text("last_failure_at"),
    /** Set by the sender after a day of failures (or by an admin): nothing is sent while set. */
    disabledAt: text("disabled_at"),
    disabledReason: text("disabled_reason"),
  },
  (t) => [
    check("webhook_endpoints_url_http", sql`${t.url} LIKE 'http://%' OR ${t.url} LIKE 'https://%'`),
    check("webhook_endpoints_secret_shape", sql`${t.secret} LIKE 'whsec_%'`),
  ],
);

/** The outbox: one row per endpoint and event, written by a trigger on claim_events in the
 * statement that writes the event, so a change that did not commit has no delivery. */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    /** The `webhook-id` header (`msg_…`), the same on every attempt. */
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    claimId: text("claim_id").notNull(),
    /** The claim event that caused it. */
    eventId: text("event_id").notNull(),
    createdAt: text("created_at").notNull(),
    /** The body, fixed at the first attempt (the claim's view then), so retries send the same. */
    payload: text("payload"),
    state: text("state", { enum: WEBHOOK_DELIVERY_STATES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at"),
    /** A sender (the cron, the queue, the request that caused it) holds the row until then. */
    leaseUntil: text("lease_until"),
    deliveredAt: text("delivered_at"),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.state, t.nextAttemptAt),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
    index("webhook_deliveries_claim_idx").on(t.claimId, t.eventType, t.createdAt),
    check("webhook_deliveries_state", oneOf(t.state, WEBHOOK_DELIVERY_STATES)),
  ],
);

/** Every attempt to send a delivery: when, how long, the answer or the error. */
export const webhookAttempts = sqliteTable(
  "webhook_attempts",
  {
    id: text("id").primaryKey(),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    at: text("at").notNull(),
    durationMs: integer("duration_ms").notNull(),
    httpStatus: integer("http_status"),
    error: text("error"),
    ok: integer("ok", { mode: "boolean" }).notNull(),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.at)],
);
