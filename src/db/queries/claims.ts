import {
  and,
  desc,
  eq,
  getTableColumns,
  gt,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { alias, integer, SQLiteSyncDialect, type SQLiteTable, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { ClaimCursor } from "../../domain/cursor";
import { newId } from "../../domain/ids";
import { claimDedupeKey } from "../../domain/normalise";
import {
  type Attribution,
  type ClaimKind,
  type EventAction,
  type Flag,
  STATUSES,
  type Status,
  VERDICTS,
} from "../../domain/vocabulary";
import { type Db, runBatch } from "../client";
import { claimEvents, claimFlags, claims, claimTags, sources, speakers } from "../schema";
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

/** Where a new claim's speaker and source come from: SQL that yields each id within the batch,
 * and the find-or-create statements that must run before (none for a reference by id). */
export async function claimReferences(db: Db, input: Pick<NewClaim, "speaker" | "source">, at: string) {
  // Statements for a batch (runBatch takes them as they come).
  const upserts: { speaker?: unknown; source?: unknown } = {};
  let speakerId: SQL;
  if ("id" in input.speaker) speakerId = sql`${input.speaker.id}`;
  else {
    const speaker = upsertSpeakerStatement(db, input.speaker, at);
    upserts.speaker = speaker.insert;
    speakerId = speaker.idExpr;
  }
  let sourceId: SQL;
  if ("id" in input.source) sourceId = sql`${input.source.id}`;
  else {
    const source = await upsertSourceStatement(db, input.source, at);
    upserts.source = source.insert;
    sourceId = source.idExpr;
  }
  return { speakerId, sourceId, upserts };
}

/** The INSERT of a new claim's own row, which does nothing when it duplicates a stored claim. */
export function insertClaimStatement(
  db: Db,
  input: NewClaim,
  refs: { speakerId: SQL; sourceId: SQL },
  actor: string,
  at: string,
) {
  const id = newId("claim");
  const dedupeKey = claimDedupeKey(input.text, input.context);
  const insert = db
    .insert(claims)
    .values({
      id,
      text: input.text.trim(),
      kind: input.kind ?? "direct_quote",
      speakerId: refs.speakerId,
      sourceId: refs.sourceId,
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
    .onConflictDoNothing();
  return { id, dedupeKey, insert };
}

/** A table's insertable columns, in drizzle's order (the column list it writes for an INSERT ...
 * SELECT), each from `given` or else its default (or NULL): the SELECT list, whatever columns the
 * table grows. */
function insertSelectList<T extends SQLiteTable>(table: T, given: Partial<Record<keyof T["$inferInsert"], SQL>>): SQL {
  const list = Object.entries(getTableColumns(table))
    .filter(([, column]) => column.generated === undefined)
    .map(([key, column]) => {
      const value = given[key as keyof typeof given];
      if (value) return value;
      return column.default === undefined ? sql`NULL` : sql`${column.default}`;
    });
  return sql.join(list, sql`, `);
}

/** Bound parameters one statement may use: D1 allows 100; the rest is headroom. */
const MAX_PARAMS = 90;

/** New claims' rows in as few INSERTs as D1's parameter limit allows: the rows travel as one JSON
 * parameter, and each distinct speaker or source id expression is bound once per statement. Each
 * row does nothing when it duplicates a stored claim (or an earlier row), as insertClaimStatement. */
export function insertClaimsStatements(
  db: Db,
  rows: { input: NewClaim; refs: { speakerId: SQL; sourceId: SQL } }[],
  actor: string,
  at: string,
) {
  const made: { id: string }[] = [];
  const statements: unknown[] = [];
  let group: Record<string, unknown>[] = [];
  // Each distinct id expression by its SQL text and parameters, with its place in the CASE.
  let speakers = new Map<string, { expr: SQL; n: number }>();
  let sources = new Map<string, { expr: SQL; n: number }>();
  let params = 0;
  const flush = () => {
    if (group.length === 0) return;
    const pick = (column: "speaker" | "source", refs: Map<string, { expr: SQL; n: number }>) =>
      sql`CASE r.value ->> ${sql.raw(`'$.${column}'`)} ${sql.join(
        [...refs.values()].map(({ expr, n }) => sql`WHEN ${sql.raw(String(n))} THEN ${expr}`),
        sql` `,
      )} END`;
    // json_each turns the one JSON parameter into rows: a multi-row VALUES would bind every
    // value (D1 allows 100 parameters). WHERE true lets SQLite parse the ON CONFLICT.
    const rowsJson = JSON.stringify(group);
    const field = (name: string) => sql`r.value ->> ${sql.raw(`'$.${name}'`)}`;
    const select = insertSelectList(claims, {
      id: field("id"),
      text: field("text"),
      kind: field("kind"),
      speakerId: pick("speaker", speakers),
      sourceId: pick("source", sources),
      context: field("context"),
      reportedVia: field("reportedVia"),
      statedAt: field("statedAt"),
      dedupeKey: field("dedupeKey"),
      // A new claim is visited by the next re-check run, as insertClaimStatement's.
      recheckDueAt: sql`${at}`,
      createdBy: sql`${actor}`,
      createdAt: sql`${at}`,
      updatedAt: sql`${at}`,
    });
    statements.push(
      db.insert(claims).select(sql`SELECT ${select} FROM json_each(${rowsJson}) AS r WHERE true`).onConflictDoNothing(),
    );
    group = [];
    speakers = new Map();
    sources = new Map();
    params = 0;
  };
  for (const { input, refs } of rows) {
    const speakerKey = sameSql(refs.speakerId);
    const sourceKey = sameSql(refs.sourceId);
    const cost = () =>
      (speakers.has(speakerKey) ? 0 : dialect.sqlToQuery(refs.speakerId).params.length) +
      (sources.has(sourceKey) ? 0 : dialect.sqlToQuery(refs.sourceId).params.length);
    // The statement's own parameters: at, actor, at, at, the rows, and the columns' defaults.
    if (params + cost() + OWN_PARAMS > MAX_PARAMS) flush();
    params += cost();
    if (!speakers.has(speakerKey)) speakers.set(speakerKey, { expr: refs.speakerId, n: speakers.size });
    if (!sources.has(sourceKey)) sources.set(sourceKey, { expr: refs.sourceId, n: sources.size });
    const id = newId("claim");
    const dedupeKey = claimDedupeKey(input.text, input.context);
    made.push({ id });
    group.push({
      id,
      text: input.text.trim(),
      kind: input.kind ?? "direct_quote",
      speaker: speakers.get(speakerKey)?.n,
      source: sources.get(sourceKey)?.n,
      context: input.context?.trim() || null,
      reportedVia: input.reportedVia?.trim() || null,
      statedAt: input.statedAt ?? null,
      dedupeKey,
    });
  }
  flush();
  return { made, statements };
}

const dialect = new SQLiteSyncDialect();
const OWN_PARAMS = 5 + Object.values(getTableColumns(claims)).filter((c) => c.default !== undefined).length;
/** A key equal for two SQL expressions exactly when they are the same text with the same values. */
export const sameSql = (expr: SQL) => JSON.stringify(dialect.sqlToQuery(expr));

const claimTagList = (tags: string[] | undefined) => [...new Set((tags ?? []).map((t) => t.trim()).filter(Boolean))];

/** The tags and `created` events of new claims, in two statements however many claims there are:
 * each lands only where its claim did (a duplicate's new id never does). */
export function newClaimsTagsAndEvents(
  db: Db,
  created: { id: string; text: string; tags?: string[] }[],
  actor: string,
  at: string,
) {
  const tags = created.flatMap((claim) => claimTagList(claim.tags).map((tag) => [claim.id, tag]));
  const events = created.map((claim) => [newId("event"), claim.id, JSON.stringify({ text: claim.text })]);
  // json_each carries a list in one bound parameter: D1 allows a statement at most 100.
  const event = insertSelectList(claimEvents, {
    id: sql`e.value ->> 0`,
    claimId: sql`e.value ->> 1`,
    at: sql`${at}`,
    actor: sql`${actor}`,
    action: sql`${"created" satisfies EventAction}`,
    toValue: sql`${"unverified" satisfies Status}`,
    data: sql`e.value ->> 2`,
  });
  const statements: unknown[] = [
    db.insert(claimEvents).select(sql`SELECT ${event} FROM json_each(${JSON.stringify(events)}) AS e
      WHERE EXISTS (SELECT 1 FROM claims WHERE id = e.value ->> 1)`),
  ];
  if (tags.length > 0) {
    statements.unshift(
      db.insert(claimTags).select(sql`
        SELECT t.value ->> 0, t.value ->> 1 FROM json_each(${JSON.stringify(tags)}) AS t
        WHERE EXISTS (SELECT 1 FROM claims WHERE id = t.value ->> 0)`),
    );
  }
  return statements;
}

/** Everything one new claim writes, as statements for a single atomic batch: its speaker and
 * source (found or created), the claim, its tags and its `created` event. A duplicate claim
 * writes nothing but, at most, a speaker or source that the duplicate already proves exist. */
export async function createClaimStatements(db: Db, input: NewClaim, actor: string, at: string) {
  const refs = await claimReferences(db, input, at);
  const { id, dedupeKey, insert } = insertClaimStatement(db, input, refs, actor, at);
  const statements: unknown[] = [...Object.values(refs.upserts), insert];
  const created = sql`EXISTS (SELECT 1 FROM claims WHERE id = ${id})`;
  const tags = claimTagList(input.tags);
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
        sql`${claims.speakerId} = ${refs.speakerId}`,
        sql`${claims.sourceId} = ${refs.sourceId}`,
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
  /** Only the repeats of this claim. */
  repeatOf?: string;
  /** Only repeats of another claim ("any"), or of a claim that has a verdict ("checked"). */
  repeat?: "any" | "checked";
  /** Only the claims assigned to this person (Principal.actor). */
  assignee?: string;
  /** Only claims with (true) or without (false) an assignee. */
  assigned?: boolean;
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
  repeatOf: c.repeatOf,
  assignee: c.assignee,
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
    repeat_of: row.repeatOf,
    assignee: row.assignee,
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
    f.repeatOf ? eq(t.repeatOf, f.repeatOf) : undefined,
    f.repeat === "any" ? isNotNull(t.repeatOf) : undefined,
    f.repeat === "checked"
      ? sql`EXISTS (SELECT 1 FROM ${claims} WHERE ${claims.id} = ${t.repeatOf} AND ${inArray(claims.status, VERDICTS)})`
      : undefined,
    f.assignee !== undefined ? eq(t.assignee, f.assignee) : undefined,
    f.assigned === true ? isNotNull(t.assignee) : f.assigned === false ? isNull(t.assignee) : undefined,
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
  // Tags and flags are matched on the FTS rowid (a claim's seq), so a match that fails them costs
  // no read of its claim; the unary + keeps FTS5 from turning the list into a lookup per value.
  const { tag, flag, ...rest } = f;
  const bySeq = (list: SQL) => sql`+claims_fts.rowid IN ${list}`;
  const filters = [
    tag
      ? bySeq(sql`(SELECT ${claims.seq} FROM ${claimTags} JOIN ${claims} ON ${claims.id} = ${claimTags.claimId}
          WHERE ${claimTags.tag} = ${tag})`)
      : undefined,
    flag
      ? bySeq(sql`(SELECT ${claims.seq} FROM ${claimFlags} JOIN ${claims} ON ${claims.id} = ${claimFlags.claimId}
          WHERE ${claimFlags.flag} = ${flag})`)
      : undefined,
  ].filter((w) => w !== undefined);
  const onClaims = filterConditions(db, m, rest).filter((w) => w !== undefined);
  // FTS5 is SQL's own: the MATCH, its rowid and rank have no drizzle form.
  // Names of their own: drizzle refers to a subquery's SQL fields by their bare alias.
  const fields = {
    seq: sql<number>`claims_fts.rowid`.as("hit_seq"),
    score: (order === "relevance" ? sql<number>`claims_fts.rank` : sql<number>`0`).as("hit_score"),
  };
  const base =
    onClaims.length === 0
      ? db.select(fields).from(sql`claims_fts`).$dynamic()
      : db.select(fields).from(sql`claims_fts`).innerJoin(m, sql`${m.seq} = claims_fts.rowid`).$dynamic();
  return base
    .where(and(sql`claims_fts MATCH ${f.fts}`, ...filters, ...onClaims))
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

/** Another claim as a claim's page and detail name it: a repeat, or the claim it repeats. */
export function repeatSummary(row: ClaimRow) {
  return {
    id: row.id,
    text: row.text,
    speaker: { id: row.speaker.id, name: row.speaker.name },
    status: row.status,
    verdict_at: row.verdictAt,
    created_at: row.createdAt,
  };
}
export type RepeatSummary = ReturnType<typeof repeatSummary>;

/** How many claims repeat this one (claims_repeat_of_idx answers it). */
export async function countRepeats(db: Db, id: string): Promise<number> {
  return db.$count(claims, eq(claims.repeatOf, id));
}

export async function getClaimRow(db: Db, id: string): Promise<ClaimRow | undefined> {
  return selectClaims(db).where(eq(c.id, id)).get();
}

/** The claims with these ids (at most a page of them), in no particular order. */
export async function getClaimRows(db: Db, ids: string[]): Promise<ClaimRow[]> {
  return ids.length === 0 ? [] : selectClaims(db).where(inArray(c.id, ids)).all();
}

/** `column IN (the values)`, the list in one bound parameter (D1 allows a statement 100). */
const inList = (column: typeof claims.id | typeof claims.dedupeKey, values: string[]) =>
  sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;

/** Which of these ids name a claim: a batch's read-back of the new claims that landed (a new id
 * missing from it collided with a claim already there). */
export function claimsWithIds(db: Db, ids: string[]) {
  return db.select({ id: claims.id }).from(claims).where(inList(claims.id, ids));
}

/** The claims of one source (by its canonical url, or by its match key when it has none) whose
 * dedupe key is among `keys`, oldest first. */
export function sourceClaimsWithKeys(db: Db, source: { url: string } | { matchKey: string }, keys: string[]) {
  return db
    .select({ id: claims.id, dedupeKey: claims.dedupeKey })
    .from(claims)
    .innerJoin(sources, eq(sources.id, claims.sourceId))
    .where(
      and(
        "url" in source ? eq(sources.url, source.url) : eq(sources.matchKey, source.matchKey),
        inList(claims.dedupeKey, keys),
      ),
    )
    .orderBy(claims.seq)
    .all();
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
