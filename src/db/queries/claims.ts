import { and, eq, type SQL, sql } from "drizzle-orm";
import { newId } from "../../domain/ids";
import { claimDedupeKey } from "../../domain/normalise";
import type { Attribution, ClaimKind, Flag, SpeakerKind, Status } from "../../domain/vocabulary";
import { type Db, runBatch } from "../client";
import { claims, claimTags } from "../schema";
import { insertEventWhere } from "./events";
import { type SourceInput, upsertSourceStatement } from "./sources";
import { type SpeakerInput, upsertSpeakerStatement } from "./speakers";

export interface NewClaim {
  text: string;
  kind?: ClaimKind;
  context?: string | null;
  reportedVia?: string | null;
  statedAt?: string | null;
  tags?: string[];
  /** An existing speaker's id, or the speaker to find or create. */
  speaker: { id: string } | SpeakerInput;
  source: { id: string } | SourceInput;
}

export type CreateOutcome = { created: true; id: string } | { created: false; existingId: string };

/** Everything one new claim writes, as statements for a single atomic batch: its speaker and
 * source (found or created), the claim, its tags and its `created` event. A duplicate claim
 * writes nothing but, at most, a speaker or source that the duplicate already proves exist. */
export async function createClaimStatements(db: Db, input: NewClaim, actor: string, at: string) {
  const id = newId("claim");
  const statements = [];
  let speakerId: SQL;
  if ("id" in input.speaker) speakerId = sql`${input.speaker.id}`;
  else {
    const speaker = upsertSpeakerStatement(db, input.speaker, at);
    statements.push(speaker.insert);
    speakerId = speaker.idExpr;
  }
  let sourceId: SQL;
  if ("id" in input.source) sourceId = sql`${input.source.id}`;
  else {
    const source = await upsertSourceStatement(db, input.source, at);
    statements.push(source.insert);
    sourceId = source.idExpr;
  }
  const dedupeKey = claimDedupeKey(input.text, input.context);
  statements.push(
    db
      .insert(claims)
      .values({
        id,
        text: input.text.trim(),
        kind: input.kind ?? "direct_quote",
        speakerId,
        sourceId,
        context: input.context?.trim() || null,
        reportedVia: input.reportedVia?.trim() || null,
        statedAt: input.statedAt ?? null,
        dedupeKey,
        // A new claim is visited by the next re-check run, which archives its source if needed.
        recheckDueAt: at,
        createdBy: actor,
        createdAt: at,
        updatedAt: at,
      })
      .onConflictDoNothing(),
  );
  const created = sql`EXISTS (SELECT 1 FROM claims WHERE id = ${id})`;
  const tags = [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))];
  if (tags.length > 0) {
    statements.push(
      db.insert(claimTags).select(sql`SELECT ${id}, value FROM json_each(${JSON.stringify(tags)}) WHERE ${created}`),
    );
  }
  statements.push(
    insertEventWhere(
      db,
      { claimId: id, at, actor, action: "created", to: "unverified", data: { text: input.text } },
      created,
    ),
  );
  // Read back in the same batch: the new id if it landed, else the duplicate it collided with.
  const outcome = db
    .select({ id: claims.id })
    .from(claims)
    .where(
      and(
        eq(claims.dedupeKey, dedupeKey),
        sql`${claims.speakerId} = ${speakerId}`,
        sql`${claims.sourceId} = ${sourceId}`,
      ),
    );
  return { id, statements, outcome };
}

/** Creates one claim atomically; answers whether it was new or a duplicate (and of which). */
export async function createClaim(
  db: Db,
  input: NewClaim,
  actor: string,
  at = new Date().toISOString(),
): Promise<CreateOutcome> {
  const { id, statements, outcome } = await createClaimStatements(db, input, actor, at);
  const results = await runBatch(db, [...statements, outcome]);
  const rows = results.at(-1) as { id: string }[];
  const landed = rows[0]?.id;
  if (landed === undefined) throw new Error("claim neither created nor found");
  return landed === id ? { created: true, id } : { created: false, existingId: landed };
}

// ---- reading ----------------------------------------------------------------------------

export interface ClaimFilters {
  status?: string;
  attribution?: string;
  speakerId?: string;
  sourceId?: string;
  tag?: string;
  flag?: string;
  /** An FTS5 query from toFtsQuery(): ranks results by relevance. */
  fts?: string | null;
  /** "newest" (the API's default) or "queue": flagged, then unverified, then in review, then the rest. */
  order?: "newest" | "queue";
  /** Only claims that still need work (queue ranks 0-2). */
  openOnly?: boolean;
  /** Only claims with at least one flag raised. */
  flaggedOnly?: boolean;
  limit: number;
  cursor?: ClaimCursor;
}

/** Newest-first pages are keyed by the last claim's seq, so inserts between pages neither
 * shift nor repeat rows; relevance-ranked pages (a search) go by offset. */
export type ClaimCursor = { seq: number } | { offset: number } | { rank: number; seq: number };

const CLAIM_COLUMNS = sql`
  c.seq, c.queue_rank, c.id, c.text, c.kind, c.context, c.reported_via, c.stated_at, c.status, c.attribution,
  c.rationale, c.verdict_at, c.recheck_due_at, c.version, c.created_by, c.created_at, c.updated_at,
  sp.id AS speaker_id, sp.name AS speaker_name, sp.role AS speaker_role, sp.kind AS speaker_kind,
  so.id AS source_id, so.url AS source_url, so.title AS source_title, so.publisher AS source_publisher,
  so.published_at AS source_published_at,
  (SELECT json_group_array(tag) FROM (SELECT tag FROM claim_tags WHERE claim_id = c.id ORDER BY tag)) AS tags,
  (SELECT json_group_array(json_object('flag', flag, 'raised_at', raised_at, 'detail', detail))
     FROM claim_flags WHERE claim_id = c.id) AS flags`;

export interface ClaimRow {
  seq: number;
  queue_rank: number;
  id: string;
  text: string;
  kind: ClaimKind;
  context: string | null;
  reported_via: string | null;
  stated_at: string | null;
  status: Status;
  attribution: Attribution;
  rationale: string | null;
  verdict_at: string | null;
  recheck_due_at: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  speaker_id: string;
  speaker_name: string;
  speaker_role: string | null;
  speaker_kind: SpeakerKind;
  source_id: string;
  source_url: string | null;
  source_title: string | null;
  source_publisher: string | null;
  source_published_at: string | null;
  tags: string;
  flags: string;
}

export function claimView(row: ClaimRow) {
  return {
    id: row.id,
    text: row.text,
    kind: row.kind,
    speaker: { id: row.speaker_id, name: row.speaker_name, role: row.speaker_role, kind: row.speaker_kind },
    source: {
      id: row.source_id,
      url: row.source_url,
      title: row.source_title,
      publisher: row.source_publisher,
      published_at: row.source_published_at,
    },
    context: row.context,
    reported_via: row.reported_via,
    stated_at: row.stated_at,
    tags: JSON.parse(row.tags) as string[],
    status: row.status,
    attribution: row.attribution,
    rationale: row.rationale,
    verdict_at: row.verdict_at,
    flags: JSON.parse(row.flags) as { flag: Flag; raised_at: string; detail: string | null }[],
    recheck_due_at: row.recheck_due_at,
    version: row.version,
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
export type ClaimView = ReturnType<typeof claimView>;

function filterConditions(f: Omit<ClaimFilters, "limit" | "cursor">): SQL[] {
  const where: SQL[] = [];
  if (f.status) where.push(sql`c.status = ${f.status}`);
  if (f.attribution) where.push(sql`c.attribution = ${f.attribution}`);
  if (f.speakerId) where.push(sql`c.speaker_id = ${f.speakerId}`);
  if (f.sourceId) where.push(sql`c.source_id = ${f.sourceId}`);
  if (f.tag) where.push(sql`c.id IN (SELECT claim_id FROM claim_tags WHERE tag = ${f.tag})`);
  if (f.flag) where.push(sql`c.id IN (SELECT claim_id FROM claim_flags WHERE flag = ${f.flag})`);
  if (f.openOnly) where.push(sql`c.queue_rank <= 2`);
  if (f.flaggedOnly) where.push(sql`c.queue_rank = 0`);
  return where;
}

/** The list query itself: exposed so a test can EXPLAIN every variant the API issues. */
export function claimListQuery(f: ClaimFilters): SQL {
  const where = filterConditions(f);
  let order: SQL;
  let from = sql`claims c`;
  if (f.fts) {
    from = sql`claims_fts JOIN claims c ON c.seq = claims_fts.rowid`;
    where.push(sql`claims_fts MATCH ${f.fts}`);
    order = sql`claims_fts.rank, c.seq DESC`;
  } else if (f.order === "queue") {
    order = sql`c.queue_rank, c.seq DESC`;
    if (f.cursor && "rank" in f.cursor) {
      where.push(
        sql`(c.queue_rank > ${f.cursor.rank} OR (c.queue_rank = ${f.cursor.rank} AND c.seq < ${f.cursor.seq}))`,
      );
    }
  } else {
    order = sql`c.seq DESC`;
    if (f.cursor && "seq" in f.cursor) where.push(sql`c.seq < ${f.cursor.seq}`);
  }
  const offset = f.cursor && "offset" in f.cursor ? f.cursor.offset : 0;
  return sql`
    SELECT ${CLAIM_COLUMNS}
    FROM ${from}
    JOIN speakers sp ON sp.id = c.speaker_id
    JOIN sources so ON so.id = c.source_id
    ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
    ORDER BY ${order}
    LIMIT ${f.limit + 1} OFFSET ${offset}`;
}

export async function listClaims(db: Db, f: ClaimFilters) {
  const rows = await db.all<ClaimRow>(claimListQuery(f));
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  let next: ClaimCursor | null = null;
  if (rows.length > f.limit && last) {
    const offset = f.cursor && "offset" in f.cursor ? f.cursor.offset : 0;
    if (f.fts) next = { offset: offset + f.limit };
    else if (f.order === "queue") next = { rank: last.queue_rank, seq: last.seq };
    else next = { seq: last.seq };
  }
  return { rows: page, next };
}

export async function getClaimRow(db: Db, id: string) {
  const rows = await db.all<ClaimRow>(sql`
    SELECT ${CLAIM_COLUMNS}
    FROM claims c JOIN speakers sp ON sp.id = c.speaker_id JOIN sources so ON so.id = c.source_id
    WHERE c.id = ${id}`);
  return rows[0];
}

/** Every claim, oldest first, a page at a time after the given seq: exports walk the whole
 * table this way (the primary key order) without holding more than one page. */
export async function claimsAfterSeq(db: Db, afterSeq: number, limit: number) {
  return db.all<ClaimRow>(sql`
    SELECT ${CLAIM_COLUMNS}
    FROM claims c JOIN speakers sp ON sp.id = c.speaker_id JOIN sources so ON so.id = c.source_id
    WHERE c.seq > ${afterSeq}
    ORDER BY c.seq
    LIMIT ${limit}`);
}

/** How many claims stand at each status, and how many are flagged: the queue's header. */
export async function statusCounts(db: Db) {
  const rows = await db.all<{ status: Status; n: number }>(
    sql`SELECT status, count(*) AS n FROM claims GROUP BY status`,
  );
  const flagged = await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM claims WHERE queue_rank = 0`);
  return {
    byStatus: Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<Status, number>>,
    flagged: flagged?.n ?? 0,
  };
}
