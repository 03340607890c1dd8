// Claim events are written in the same D1 batch as the change they record: these helpers
// build the statement, they never run it on their own.
import { eq, type SQL, sql } from "drizzle-orm";
import { newId } from "../../domain/ids";
import type { EventAction } from "../../domain/vocabulary";
import type { Db } from "../client";
import { claimEvents } from "../schema";

export interface EventInput {
  claimId: string;
  at: string;
  actor: string;
  action: EventAction;
  from?: string | null;
  to?: string | null;
  note?: string | null;
  data?: unknown;
}

/** An INSERT of the event that only lands if `guard` (a SQL condition) holds when the batch
 * reaches it, e.g. "the claim was just created" or "the version bump took". */
export function insertEventWhere(db: Db, event: EventInput, guard: SQL) {
  const data = event.data === undefined ? null : JSON.stringify(event.data);
  return db.insert(claimEvents).select(sql`
    SELECT ${newId("event")}, ${event.claimId}, ${event.at}, ${event.actor}, ${event.action},
           ${event.from ?? null}, ${event.to ?? null}, ${event.note ?? null}, ${data}
    WHERE ${guard}`);
}

export async function listEvents(db: Db, claimId: string) {
  const rows = await db
    .select()
    .from(claimEvents)
    .where(eq(claimEvents.claimId, claimId))
    .orderBy(claimEvents.at, sql`${claimEvents}.rowid`);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    from: r.fromValue,
    to: r.toValue,
    note: r.note,
    data: r.data === null ? null : (JSON.parse(r.data) as unknown),
  }));
}
