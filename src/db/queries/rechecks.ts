import { and, desc, eq, gte, lt, or, type SQL, sql } from "drizzle-orm";
import type { RecheckCursor } from "../../domain/cursor";
import type { RecheckOutcome } from "../../domain/vocabulary";
import type { Db } from "../client";
import { rechecks } from "../schema";

export type RecheckRow = typeof rechecks.$inferSelect;

/** The recheck row, for a batch: it lands only when `guard` holds (e.g. "the run still holds
 * the claim's lease"), so a run that lost its claim records nothing. */
export function insertRecheckWhere(db: Db, row: RecheckRow, guard: SQL) {
  return db.insert(rechecks).select(sql`
    SELECT ${row.id}, ${row.claimId}, ${row.sourceId}, ${row.at}, ${row.outcome},
           ${row.httpStatus}, ${row.contentHash}, ${row.detail}
    WHERE ${guard}`);
}

export async function getRecheck(db: Db, id: string): Promise<RecheckRow | null> {
  return (await db.select().from(rechecks).where(eq(rechecks.id, id)).get()) ?? null;
}

/** The claim's most recent visit, or null. */
export async function latestRecheck(db: Db, claimId: string): Promise<RecheckRow | null> {
  const row = await db
    .select()
    .from(rechecks)
    .where(eq(rechecks.claimId, claimId))
    .orderBy(desc(rechecks.at), desc(rechecks.id))
    .limit(1)
    .get();
  return row ?? null;
}

export interface RecheckFilter {
  outcome?: RecheckOutcome;
  claimId?: string;
  /** ISO timestamp: visits at or after it. */
  since?: string;
  limit: number;
  /** The previous page's `nextCursor`. */
  cursor?: RecheckCursor;
}

/** Visits, newest first, a page at a time. */
export async function listRechecks(
  db: Db,
  filter: RecheckFilter,
): Promise<{ data: RecheckRow[]; nextCursor: RecheckCursor | null }> {
  const conditions: SQL[] = [];
  if (filter.outcome) conditions.push(eq(rechecks.outcome, filter.outcome));
  if (filter.claimId) conditions.push(eq(rechecks.claimId, filter.claimId));
  if (filter.since) conditions.push(gte(rechecks.at, filter.since));
  const { cursor } = filter;
  if (cursor) {
    const before = or(lt(rechecks.at, cursor.at), and(eq(rechecks.at, cursor.at), lt(rechecks.id, cursor.id)));
    if (before) conditions.push(before);
  }
  const rows = await db
    .select()
    .from(rechecks)
    .where(and(...conditions))
    .orderBy(desc(rechecks.at), desc(rechecks.id))
    .limit(filter.limit + 1);
  const data = rows.slice(0, filter.limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > filter.limit && last ? { at: last.at, id: last.id } : null };
}
