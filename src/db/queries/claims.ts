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
import { type NewClaimFields, type NewClaimRow, newClaimRow } from "../../domain/new-claim";
import { type Attribution, type Flag, STATUSES, type Status, VERDICTS } from "../../domain/vocabulary";
import { type Db, runBatch, type Statement } from "../client";
import { claimEvents, claimFlags, claims, claimTags, sources, speakers } from "../schema";
import { type SourceInput, upsertSourceStatement } from "./sources";
import { type SpeakerInput, upsertSpeakerStatement } from "./speakers";

/** A claim to file: its own fields (their rules are domain/new-claim.ts's) and its speaker and
 * source, each an existing one's id or the fields to find or create it by. */
export interface NewClaim extends NewClaimFields {
  speaker: { id: string } | SpeakerInput;
  source: { id: string } | SourceInput;
}

export type CreateOutcome = { created: true; id: string } | { created: false; existingId: string };

const byId = (ref: object): ref is { id: string } => "id" in ref;

/** Claims' speakers and sources as SQL that yields each id within the batch, with the
 * find-or-create statements that go first: one per distinct speaker or source, however many
 * claims name it (two name the same one when their ids resolve by the same SQL). A speaker or
 * source object shared by many claims is resolved once (an article's text is hashed once). */
function referenceResolver(db: Db, at: string) {
  const upserts = new Map<string, Statement>();
  const resolved = new Map<object, SQL>();
  const idOf = async <F extends object>(
    ref: { id: string } | F,
    upsert: (fields: F) => Promise<{ insert: Statement; idExpr: SQL }> | { insert: Statement; idExpr: SQL },
  ): Promise<SQL> => {
    if (byId(ref)) return sql`${ref.id}`;
    const known = resolved.get(ref);
    if (known) return known;
    const { insert, idExpr } = await upsert(ref);
    const key = sameSql(idExpr);
    if (!upserts.has(key)) upserts.set(key, insert);
    resolved.set(ref, idExpr);
    return idExpr;
  };
  return {
    speakerId: (ref: NewClaim["speaker"]) =>
      idOf(ref, (fields: SpeakerInput) => upsertSpeakerStatement(db, fields, at)),
    sourceId: (ref: NewClaim["source"]) => idOf(ref, (fields: SourceInput) => upsertSourceStatement(db, fields, at)),
    upserts: () => [...upserts.values()],
  };
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

const dialect = new SQLiteSyncDialect();
/** A claims INSERT's own parameters: actor, at, at, the rows, and the columns' defaults. */
const OWN_PARAMS = 4 + Object.values(getTableColumns(claims)).filter((c) => c.default !== undefined).length;
/** A key equal for two SQL expressions exactly when they are the same text with the same values. */
const sameSql = (expr: SQL) => JSON.stringify(dialect.sqlToQuery(expr));

type Planned = { id: string; row: NewClaimRow; speakerId: SQL; sourceId: SQL };

/** The claims' rows in as few INSERTs as D1's parameter limit allows: the rows travel as one JSON
 * parameter, and each distinct speaker or source id expression is bound once per statement. Each
 * row does nothing when it duplicates a stored claim (or an earlier row). */
function insertClaims(db: Db, planned: Planned[], actor: string, at: string): Statement[] {
  const statements: Statement[] = [];
  let group: Record<string, unknown>[] = [];
  // Each distinct id expression by its SQL text and parameters, with its place in the CASE.
  let speakerIds = new Map<string, { expr: SQL; n: number }>();
  let sourceIds = new Map<string, { expr: SQL; n: number }>();
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
    const field = (name: string) => sql`r.value ->> ${sql.raw(`'$.${name}'`)}`;
    const select = insertSelectList(claims, {
      id: field("id"),
      text: field("text"),
      kind: field("kind"),
      speakerId: pick("speaker", speakerIds),
      sourceId: pick("source", sourceIds),
      context: field("context"),
      reportedVia: field("reportedVia"),
      statedAt: field("statedAt"),
      worthiness: field("worthiness"),
      dedupeKey: field("dedupeKey"),
      recheckDueAt: field("recheckDueAt"),
      createdBy: sql`${actor}`,
      createdAt: sql`${at}`,
      updatedAt: sql`${at}`,
    });
    statements.push(
      db
        .insert(claims)
        .select(sql`SELECT ${select} FROM json_each(${JSON.stringify(group)}) AS r WHERE true`)
        .onConflictDoNothing(),
    );
    group = [];
    speakerIds = new Map();
    sourceIds = new Map();
    params = 0;
  };
  for (const { id, row, speakerId, sourceId } of planned) {
    const speakerKey = sameSql(speakerId);
    const sourceKey = sameSql(sourceId);
    const cost = () =>
      (speakerIds.has(speakerKey) ? 0 : dialect.sqlToQuery(speakerId).params.length) +
      (sourceIds.has(sourceKey) ? 0 : dialect.sqlToQuery(sourceId).params.length);
    if (params + cost() + OWN_PARAMS > MAX_PARAMS) flush();
    params += cost();
    if (!speakerIds.has(speakerKey)) speakerIds.set(speakerKey, { expr: speakerId, n: speakerIds.size });
    if (!sourceIds.has(sourceKey)) sourceIds.set(sourceKey, { expr: sourceId, n: sourceIds.size });
    group.push({
      id,
      text: row.text,
      kind: row.kind,
      speaker: speakerIds.get(speakerKey)?.n,
      source: sourceIds.get(sourceKey)?.n,
      context: row.context,
      reportedVia: row.reportedVia,
      statedAt: row.statedAt,
      worthiness: row.worthiness,
      dedupeKey: row.dedupeKey,
      recheckDueAt: row.recheckDueAt,
    });
  }
  flush();
  return statements;
}

/** The tags and `created` events of new claims, in two statements however many claims there are:
 * each lands only where its claim did (a duplicate's new id never does). */
function tagsAndEvents(db: Db, planned: Planned[], actor: string, at: string): Statement[] {
  const tags = planned.flatMap(({ id, row }) => row.tags.map((tag) => [id, tag]));
  const events = planned.map(({ id, row }) => [
    newId("event"),
    id,
    row.event.action,
    row.event.to,
    JSON.stringify(row.event.data),
  ]);
  // json_each carries a list in one bound parameter: D1 allows a statement at most 100.
  const event = insertSelectList(claimEvents, {
    id: sql`e.value ->> 0`,
    claimId: sql`e.value ->> 1`,
    at: sql`${at}`,
    actor: sql`${actor}`,
    action: sql`e.value ->> 2`,
    toValue: sql`e.value ->> 3`,
    data: sql`e.value ->> 4`,
  });
  const statements: Statement[] = [];
  if (tags.length > 0) {
    statements.push(
      db.insert(claimTags).select(sql`
        SELECT t.value ->> 0, t.value ->> 1 FROM json_each(${JSON.stringify(tags)}) AS t
        WHERE EXISTS (SELECT 1 FROM claims WHERE id = t.value ->> 0)`),
    );
  }
  statements.push(
    db.insert(claimEvents).select(sql`SELECT ${event} FROM json_each(${JSON.stringify(events)}) AS e
      WHERE EXISTS (SELECT 1 FROM claims WHERE id = e.value ->> 1)`),
  );
  return statements;
}

/** Everything new claims write, for one atomic batch, whichever door files them (the API, the
 * bulk import, the article import, the demo data): each distinct speaker and source found or
 * created once, the claims (domain/new-claim.ts's rows) in a few INSERTs, their tags and their
 * `created` events. A claim that duplicates a stored one (or an earlier one of `inputs`) writes
 * nothing. Answers each input's new id, in order, and reads for the end of the batch. */
export async function newClaimsStatements(db: Db, inputs: readonly NewClaim[], actor: string, at: string) {
  const references = referenceResolver(db, at);
  const planned: Planned[] = [];
  for (const input of inputs) {
    planned.push({
      id: newId("claim"),
      row: newClaimRow(input, at),
      speakerId: await references.speakerId(input.speaker),
      sourceId: await references.sourceId(input.source),
    });
  }
  const ids = planned.map((p) => p.id);
  return {
    ids,
    statements: [
      ...references.upserts(),
      ...insertClaims(db, planned, actor, at),
      ...tagsAndEvents(db, planned, actor, at),
    ],
    /** The new ids that landed (the others met a duplicate). */
    landed: db
      .select({ id: claims.id })
      .from(claims)
      .where(sql`${claims.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`),
    /** The stored claim that the i-th input is: itself when it landed, else the duplicate it met. */
    storedAs: (i: number) => {
      const p = planned[i];
      if (!p) throw new RangeError(`no claim ${i} among ${planned.length}`);
      return db
        .select({ id: claims.id, sourceId: claims.sourceId })
        .from(claims)
        .where(
          and(
            eq(claims.dedupeKey, p.row.dedupeKey),
            sql`${claims.speakerId} = ${p.speakerId}`,
            sql`${claims.sourceId} = ${p.sourceId}`,
          ),
        );
    },
  };
}

/** Creates one claim atomically; answers whether it was new or a duplicate (and of which). */
export async function createClaim(
  db: Db,
  input: NewClaim,
  actor: string,
  at = new Date().toISOString(),
): Promise<CreateOutcome> {
  const { ids, statements, storedAs } = await newClaimsStatements(db, [input], actor, at);
  const [stored] = await runBatch(db, statements, storedAs(0));
  const id = stored[0]?.id;
  if (id === undefined) throw new Error("claim neither created nor found");
  return id === ids[0] ? { created: true, id } : { created: false, existingId: id };
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
  order?: "newest" | "queue" | "worth";
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
  worthiness: c.worthiness,
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
    worthiness: row.worthiness,
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
  if (f.order === "worth") {
    // coalesce(worthiness, -1): claims_worthiness_idx's expression, so the index gives the order.
    const worth = sql<number>`coalesce(${c.worthiness}, -1)`;
    if (cursor && "worth" in cursor) {
      where.push(sql`(${worth} < ${cursor.worth} OR (${worth} = ${cursor.worth} AND ${c.seq} < ${cursor.seq}))`);
    }
    query.orderBy(sql`${worth} DESC`, desc(c.seq));
  } else if (f.order === "queue") {
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
    else if (f.order === "worth") next = { worth: last.worthiness ?? -1, seq: last.seq };
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
