import { and, desc, eq, gt, inArray, lt, lte, or, type SQL, sql } from "drizzle-orm";
import { alias, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { ClaimCursor } from "../../domain/cursor";
import { newId } from "../../domain/ids";
import { claimDedupeKey } from "../../domain/normalise";
import { type Attribution, type ClaimKind, type Flag, STATUSES, type Status } from "../../domain/vocabulary";
import { type Db, runBatch } from "../client";
import { claimFlags, claims, claimTags, sources, speakers } from "../schema";
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
  status?: Status;
  attribution?: Attribution;
  speakerId?: string;
  sourceId?: string;
  tag?: string;
  flag?: Flag;
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

// Short aliases keep the query plans readable ("SCAN c USING INDEX ...") and the tests on them.
const c = alias(claims, "c");
const sp = alias(speakers, "sp");
const so = alias(sources, "so");
// The matching claims inside a search's subquery (its filters apply there), apart from `c`.
const m = alias(claims, "m");
type ClaimTable = typeof c | typeof m;

/** A claim as every reader sees it: its own columns, its speaker and source, tags and flags. */
const claimColumns = {
  seq: c.seq,
  queueRank: c.queueRank,
  id: c.id,
  text: c.text,
  kind: c.kind,
  context: c.context,
  reportedVia: c.reportedVia,
  statedAt: c.statedAt,
  status: c.status,
  attribution: c.attribution,
  rationale: c.rationale,
  verdictAt: c.verdictAt,
  recheckDueAt: c.recheckDueAt,
  version: c.version,
  createdBy: c.createdBy,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  speaker: { id: sp.id, name: sp.name, role: sp.role, kind: sp.kind },
  source: { id: so.id, url: so.url, title: so.title, publisher: so.publisher, publishedAt: so.publishedAt },
  // Correlated subqueries, because a claim's tags and flags are lists: one JSON array each.
  tags: sql<
    string[]
  >`(SELECT json_group_array(tag) FROM (SELECT tag FROM claim_tags WHERE claim_id = ${c.id} ORDER BY tag))`.mapWith(
    (v: string) => JSON.parse(v) as string[],
  ),
  flags: sql<ClaimFlag[]>`(SELECT json_group_array(json_object('flag', flag, 'raised_at', raised_at, 'detail', detail))
     FROM claim_flags WHERE claim_id = ${c.id})`.mapWith((v: string) => JSON.parse(v) as ClaimFlag[]),
};

export interface ClaimFlag {
  flag: Flag;
  raised_at: string;
  detail: string | null;
}

function selectClaims(db: Db) {
  return db
    .select(claimColumns)
    .from(c)
    .innerJoin(sp, eq(sp.id, c.speakerId))
    .innerJoin(so, eq(so.id, c.sourceId))
    .$dynamic();
}
export type ClaimRow = Awaited<ReturnType<ReturnType<typeof selectClaims>["all"]>>[number];

/** A claim as the API answers it (snake_case, the OpenAPI `Claim`). */
export function claimView(row: ClaimRow) {
  return {
    id: row.id,
    text: row.text,
    kind: row.kind,
    speaker: row.speaker,
    source: {
      id: row.source.id,
      url: row.source.url,
      title: row.source.title,
      publisher: row.source.publisher,
      published_at: row.source.publishedAt,
    },
    context: row.context,
    reported_via: row.reportedVia,
    stated_at: row.statedAt,
    tags: row.tags,
    status: row.status,
    attribution: row.attribution,
    rationale: row.rationale,
    verdict_at: row.verdictAt,
    flags: row.flags,
    recheck_due_at: row.recheckDueAt,
    version: row.version,
    created_by: row.createdBy,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}
export type ClaimView = ReturnType<typeof claimView>;

function filterConditions(db: Db, t: ClaimTable, f: Omit<ClaimFilters, "limit" | "cursor">): (SQL | undefined)[] {
  return [
    f.status ? eq(t.status, f.status) : undefined,
    f.attribution ? eq(t.attribution, f.attribution) : undefined,
    f.speakerId ? eq(t.speakerId, f.speakerId) : undefined,
    f.sourceId ? eq(t.sourceId, f.sourceId) : undefined,
    f.tag
      ? inArray(t.id, db.select({ id: claimTags.claimId }).from(claimTags).where(eq(claimTags.tag, f.tag)))
      : undefined,
    f.flag
      ? inArray(t.id, db.select({ id: claimFlags.claimId }).from(claimFlags).where(eq(claimFlags.flag, f.flag)))
      : undefined,
    f.openOnly ? lte(t.queueRank, 2) : undefined,
    f.flaggedOnly ? eq(t.queueRank, 0) : undefined,
  ];
}

/** How a search's results are ordered: by relevance (FTS5's bm25 rank), or newest first when
 * the words match more claims than can be ranked for one page (see RANKED_SEARCH_MAX). */
export type SearchOrder = "relevance" | "newest";

/** Ranking by relevance scores every match (bm25 reads each match's document sizes), so its cost
 * follows the matches, not the page: a word in every claim costs a score per claim. Up to this
 * many matches a search is ranked; beyond it, the matches are answered newest first, which FTS5
 * walks in rowid order and stops at the page. A reader who wants relevance adds words. */
export const RANKED_SEARCH_MAX = 1_000;

/** The page of a search: the claims' seq (and rank) from FTS5, filtered there when filters are
 * given, cut to the page before any speaker, source, tag or flag is read. */
function searchPage(db: Db, f: ClaimFilters & { fts: string }, order: SearchOrder, offset: number) {
  const filters = filterConditions(db, m, f).filter((w) => w !== undefined);
  // FTS5 is SQL's own: the MATCH, its rowid and rank have no drizzle form.
  // Names of their own: drizzle refers to a subquery's SQL fields by their bare alias.
  const fields = {
    seq: sql<number>`claims_fts.rowid`.as("hit_seq"),
    score: (order === "relevance" ? sql<number>`claims_fts.rank` : sql<number>`0`).as("hit_score"),
  };
  const base =
    filters.length === 0
      ? db.select(fields).from(sql`claims_fts`).$dynamic()
      : db.select(fields).from(sql`claims_fts`).innerJoin(m, sql`${m.seq} = claims_fts.rowid`).$dynamic();
  return base
    .where(and(sql`claims_fts MATCH ${f.fts}`, ...filters))
    .orderBy(
      ...(order === "relevance" ? [sql`claims_fts.rank`, sql`claims_fts.rowid DESC`] : [sql`claims_fts.rowid DESC`]),
    )
    .limit(f.limit + 1)
    .offset(offset)
    .as("hit");
}

/** The list query itself: exposed so a test can EXPLAIN every variant the API issues. A search
 * (`fts`) is ordered by `searchOrder` (relevance unless told). */
export function claimListQuery(db: Db, f: ClaimFilters & { searchOrder?: SearchOrder }) {
  const cursor = f.cursor;
  const offset = cursor && "offset" in cursor ? cursor.offset : 0;
  if (f.fts) {
    const hit = searchPage(db, { ...f, fts: f.fts }, f.searchOrder ?? "relevance", offset);
    return db
      .select(claimColumns)
      .from(hit)
      .innerJoin(c, eq(c.seq, hit.seq))
      .innerJoin(sp, eq(sp.id, c.speakerId))
      .innerJoin(so, eq(so.id, c.sourceId))
      .orderBy(sql`${hit.score}`, desc(c.seq));
  }
  const where = filterConditions(db, c, f);
  const query = selectClaims(db);
  if (f.order === "queue") {
    if (cursor && "rank" in cursor) {
      where.push(or(gt(c.queueRank, cursor.rank), and(eq(c.queueRank, cursor.rank), lt(c.seq, cursor.seq))));
    }
    query.orderBy(c.queueRank, desc(c.seq));
  } else {
    if (cursor && "seq" in cursor) where.push(lt(c.seq, cursor.seq));
    query.orderBy(desc(c.seq));
  }
  return query
    .where(and(...where))
    .limit(f.limit + 1)
    .offset(offset);
}

/** How many claims match a search, counted up to `cap` only (FTS5 stops there). */
export async function countMatches(db: Db, fts: string, cap: number): Promise<number> {
  // FTS5's MATCH has no drizzle form; the LIMIT inside keeps the count bounded.
  const row = await db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM (SELECT 1 FROM claims_fts WHERE claims_fts MATCH ${fts} LIMIT ${cap})`,
  );
  return row?.n ?? 0;
}

export async function listClaims(db: Db, f: ClaimFilters) {
  const searchOrder: SearchOrder | undefined = f.fts
    ? (await countMatches(db, f.fts, RANKED_SEARCH_MAX + 1)) > RANKED_SEARCH_MAX
      ? "newest"
      : "relevance"
    : undefined;
  const rows = await claimListQuery(db, { ...f, searchOrder }).all();
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  let next: ClaimCursor | null = null;
  if (rows.length > f.limit && last) {
    const offset = f.cursor && "offset" in f.cursor ? f.cursor.offset : 0;
    if (f.fts) next = { offset: offset + f.limit };
    else if (f.order === "queue") next = { rank: last.queueRank ?? 0, seq: last.seq };
    else next = { seq: last.seq };
  }
  return { rows: page, next, searchOrder };
}

export async function getClaimRow(db: Db, id: string): Promise<ClaimRow | undefined> {
  return selectClaims(db).where(eq(c.id, id)).get();
}

/** Every claim, oldest first, a page at a time after the given seq: exports walk the whole
 * table this way (the primary key order) without holding more than one page. */
export async function claimsAfterSeq(db: Db, afterSeq: number, limit: number): Promise<ClaimRow[]> {
  return selectClaims(db).where(gt(c.seq, afterSeq)).orderBy(c.seq).limit(limit).all();
}

// The counters of the hand-written migration 0005, kept by its triggers on claims. Declared here,
// not in schema.ts, so that drizzle-kit never generates the table a second time.
const claimCounts = sqliteTable("claim_counts", {
  status: text("status", { enum: STATUSES }).notNull(),
  flagged: integer("flagged").notNull(),
  n: integer("n").notNull(),
});

/** The counts query, for a test to EXPLAIN. */
export const statusCountsQuery = (db: Db) => db.select().from(claimCounts);

/** How many claims stand at each status, and how many are flagged: the queue's header. Read from
 * the counters (a row per status and flagged or not), never by counting the claims. */
export async function statusCounts(db: Db) {
  const rows = await statusCountsQuery(db);
  const byStatus: Partial<Record<Status, number>> = {};
  let flagged = 0;
  for (const row of rows) {
    byStatus[row.status] = (byStatus[row.status] ?? 0) + row.n;
    if (row.flagged) flagged += row.n;
  }
  return { byStatus, flagged };
}
