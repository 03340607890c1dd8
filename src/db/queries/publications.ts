// Publication state, corrections and the public lists. Changes are one atomic batch guarded by
// the claim's version (as claim-changes.ts): the publication row, the correction, the history
// event and the version bump land together or not at all.
import { and, desc, eq, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type { PublishedCursor } from "../../domain/cursor";
import { newId } from "../../domain/ids";
import type { CorrectionChange, PublicClaim } from "../../domain/publication";
import type { EventAction, PublicationAction } from "../../domain/vocabulary";
import { type Db, runBatch, type Statement } from "../client";
import { claimCorrections, claimEvents, claimPublications, claims, speakers } from "../schema";
import { insertEventWhere } from "./events";

/** `column IN (the ids)`, the list in one bound parameter (D1 allows a statement 100). */
const inList = (column: typeof claimPublications.claimId | typeof claimCorrections.claimId, ids: string[]) =>
  sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;

export type PublicationRow = typeof claimPublications.$inferSelect;

export async function getPublication(db: Db, claimId: string): Promise<PublicationRow | undefined> {
  return db.select().from(claimPublications).where(eq(claimPublications.claimId, claimId)).get();
}

export async function listCorrections(db: Db, claimIds: string[]) {
  if (claimIds.length === 0) return [];
  const rows = await db
    .select()
    .from(claimCorrections)
    .where(inList(claimCorrections.claimId, claimIds))
    .orderBy(claimCorrections.at, claimCorrections.id);
  return rows.map((r) => ({ ...r, changes: JSON.parse(r.changes) as CorrectionChange[] }));
}

/** Events that give a claim its verdict: their actor is the verdict's author (the two-person rule). */
const VERDICT_EVENTS: EventAction[] = ["status_changed"];

/** Who gave the claim its current status: the actor of the latest event that set it, or null. */
export async function verdictActor(db: Db, claimId: string, status: string): Promise<string | null> {
  const row = await db
    .select({ actor: claimEvents.actor })
    .from(claimEvents)
    .where(
      and(
        eq(claimEvents.claimId, claimId),
        inArray(claimEvents.action, VERDICT_EVENTS),
        eq(claimEvents.toValue, status),
      ),
    )
    .orderBy(desc(claimEvents.at), desc(sql`${claimEvents}.rowid`))
    .limit(1)
    .get();
  return row?.actor ?? null;
}

/** The claim's history since its latest sign-off (all of it when it has none), oldest first:
 * what the two-person rule reads for who wrote what (src/domain/two-person.ts). */
export async function eventsSinceSignOff(db: Db, claimId: string) {
  // rowid, not the id: ids made in the same millisecond are not in order, rows are.
  const lastSignOff = sql`coalesce((SELECT max(rowid) FROM ${claimEvents}
    WHERE ${claimEvents.claimId} = ${claimId} AND ${claimEvents.action} = 'signed_off'), 0)`;
  const rows = await db
    .select({ actor: claimEvents.actor, action: claimEvents.action, note: claimEvents.note, data: claimEvents.data })
    .from(claimEvents)
    .where(and(eq(claimEvents.claimId, claimId), sql`${claimEvents}.rowid > ${lastSignOff}`))
    .orderBy(sql`${claimEvents}.rowid`)
    .all();
  return rows.map((r) => ({ ...r, data: r.data === null ? null : (JSON.parse(r.data) as unknown) }));
}

/** The next desk-wide publication revision, read inside the statement that takes it. */
const NEXT_REVISION = sql`(SELECT coalesce(max(${claimPublications.revision}), 0) + 1 FROM ${claimPublications})`;

/** What a publication change sets on the claim's publication row. */
export interface PublicationSet {
  slug: string;
  published?: boolean;
  firstPublishedAt?: string | null;
  republishedAt?: string | null;
  unpublishedAt?: string | null;
  snapshot?: PublicClaim;
  searchText?: string;
  signedOffBy?: string | null;
  signedOffAt?: string | null;
  signedOffVersion?: number | null;
}

export interface PublicationChange {
  claimId: string;
  expectedVersion: number;
  /** Whether the claim has a publication row already (an UPDATE) or not (an INSERT). */
  exists: boolean;
  set: PublicationSet;
  event: { action: PublicationAction; from?: string | null; to?: string | null; note?: string | null; data?: unknown };
  correction?: { reason: string; changes: CorrectionChange[] };
}

export type PublicationOutcome = { ok: true; version: number } | { ok: false; currentVersion: number | null };

export async function applyPublication(
  db: Db,
  change: PublicationChange,
  actor: string,
  at: string,
): Promise<PublicationOutcome> {
  const guard = sql`EXISTS (SELECT 1 FROM ${claims} WHERE ${claims.id} = ${change.claimId} AND ${claims.version} = ${change.expectedVersion})`;
  const { snapshot, ...rest } = change.set;
  const values = {
    ...rest,
    ...(snapshot === undefined ? {} : { snapshot: JSON.stringify(snapshot) }),
  };
  const row = change.exists
    ? db
        .update(claimPublications)
        .set({ ...values, revision: NEXT_REVISION })
        .where(and(eq(claimPublications.claimId, change.claimId), guard))
    : db.insert(claimPublications).select(
        sql`SELECT ${change.claimId}, ${values.slug}, ${values.published ?? false}, ${values.firstPublishedAt ?? null},
            ${values.republishedAt ?? null}, ${values.unpublishedAt ?? null}, ${values.snapshot ?? null},
            ${values.searchText ?? null}, ${values.signedOffBy ?? null}, ${values.signedOffAt ?? null},
            ${values.signedOffVersion ?? null}, ${NEXT_REVISION},
            (SELECT ${speakers.publicKey} FROM ${claims} JOIN ${speakers} ON ${speakers.id} = ${claims.speakerId}
              WHERE ${claims.id} = ${change.claimId}) WHERE ${guard}`,
      );
  const writes: Statement[] = [
    row,
    insertEventWhere(db, { ...change.event, claimId: change.claimId, at, actor }, guard),
  ];
  if (change.correction) {
    writes.push(
      db.insert(claimCorrections).select(
        sql`SELECT ${newId("correction")}, ${change.claimId}, ${at}, ${actor}, ${change.correction.reason},
          ${JSON.stringify(change.correction.changes)} WHERE ${guard}`,
      ),
    );
  }
  // Last: the version bump, which the guards above read before it happens.
  const [updated] = await runBatch(
    db,
    writes,
    db
      .update(claims)
      .set({ version: sql`${claims.version} + 1`, updatedAt: at })
      .where(and(eq(claims.id, change.claimId), eq(claims.version, change.expectedVersion)))
      .returning({ version: claims.version }),
  );
  if (updated[0]) return { ok: true, version: updated[0].version };
  const current = await db.select({ version: claims.version }).from(claims).where(eq(claims.id, change.claimId)).get();
  return { ok: false, currentVersion: current?.version ?? null };
}

// ---- the public side: published rows only ---------------------------------------------------

const published = eq(claimPublications.published, true);

export interface PublishedRow {
  claimId: string;
  slug: string;
  firstPublishedAt: string;
  republishedAt: string;
  revision: number;
  snapshot: PublicClaim;
  /** The public key of the speaker the snapshot was taken under (their public page). */
  speakerKey: string | null;
}

const publishedColumns = {
  claimId: claimPublications.claimId,
  slug: claimPublications.slug,
  firstPublishedAt: claimPublications.firstPublishedAt,
  republishedAt: claimPublications.republishedAt,
  revision: claimPublications.revision,
  snapshot: claimPublications.snapshot,
  speakerKey: claimPublications.speakerKey,
};

function asPublished(row: {
  claimId: string;
  slug: string;
  firstPublishedAt: string | null;
  republishedAt: string | null;
  revision: number;
  snapshot: string | null;
  speakerKey: string | null;
}): PublishedRow {
  const firstPublishedAt = row.firstPublishedAt ?? "";
  return {
    ...row,
    firstPublishedAt,
    republishedAt: row.republishedAt ?? firstPublishedAt,
    snapshot: JSON.parse(row.snapshot ?? "null") as PublicClaim,
  };
}

export async function getPublished(db: Db, claimId: string): Promise<PublishedRow | undefined> {
  const row = await db
    .select(publishedColumns)
    .from(claimPublications)
    .where(and(eq(claimPublications.claimId, claimId), published))
    .get();
  return row && asPublished(row);
}

export interface PublishedQuery {
  words: string[];
  cursor?: PublishedCursor;
  limit: number;
}

/** The list query itself (newest first publication first, each of `words` in the public text):
 * exposed so a test can EXPLAIN it. A substring search over the published words: the public
 * searches what it can see, never an unpublished edit. */
export function publishedListQuery(db: Db, query: PublishedQuery) {
  const conditions: (SQL | undefined)[] = [published];
  for (const word of query.words) {
    conditions.push(sql`instr(${claimPublications.searchText}, ${word}) > 0`);
  }
  if (query.cursor) {
    const { at, id } = query.cursor;
    conditions.push(
      or(
        lt(claimPublications.firstPublishedAt, at),
        and(eq(claimPublications.firstPublishedAt, at), lt(claimPublications.claimId, id)),
      ),
    );
  }
  return db
    .select(publishedColumns)
    .from(claimPublications)
    .where(and(...conditions))
    .orderBy(desc(claimPublications.firstPublishedAt), desc(claimPublications.claimId))
    .limit(query.limit + 1);
}

/** A page of published fact-checks and the cursor of the next. */
export async function listPublished(
  db: Db,
  query: PublishedQuery,
): Promise<{ rows: PublishedRow[]; next: PublishedCursor | null }> {
  const rows = await publishedListQuery(db, query).all();
  const page = rows.slice(0, query.limit).map(asPublished);
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > query.limit && last ? { at: last.firstPublishedAt, id: last.claimId } : null,
  };
}

/** The latest publication change on the desk (0 before any): the public lists' version. */
export async function latestRevision(db: Db): Promise<number> {
  const row = await db
    .select({ revision: sql<number | null>`max(${claimPublications.revision})` })
    .from(claimPublications)
    .get();
  return row?.revision ?? 0;
}

/** Every published page with its last change, newest first, up to `limit`. */
export async function sitemapRows(db: Db, limit: number) {
  return db
    .select({
      slug: claimPublications.slug,
      lastmod: sql<string>`coalesce(${claimPublications.republishedAt}, ${claimPublications.firstPublishedAt}, '')`,
    })
    .from(claimPublications)
    .where(published)
    .orderBy(desc(claimPublications.firstPublishedAt))
    .limit(limit)
    .all();
}

/** The published rows of these claims (the export's ClaimReview format). */
export async function publishedOf(db: Db, claimIds: string[]): Promise<Map<string, PublishedRow>> {
  if (claimIds.length === 0) return new Map();
  const rows = await db
    .select(publishedColumns)
    .from(claimPublications)
    .where(and(inList(claimPublications.claimId, claimIds), published))
    .all();
  return new Map(rows.map((r) => [r.claimId, asPublished(r)]));
}
