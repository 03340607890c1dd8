// Outgoing webhooks in D1: endpoints, the outbox of deliveries (written by the trigger on
// claim_events, see drizzle/0009_team_workflow.sql), leases for senders, and the attempt log.
import { and, desc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { newId } from "../../domain/ids";
import type { Db } from "../client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "../schema";

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

export async function insertEndpoint(
  db: Db,
  input: { url: string; events: string[]; description: string | null; secret: string },
  actor: string,
  at: string,
): Promise<EndpointRow> {
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      id: newId("webhook"),
      url: input.url,
      events: JSON.stringify(input.events),
      description: input.description,
      secret: input.secret,
      createdBy: actor,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  if (!row) throw new Error("webhook endpoint not stored");
  return row;
}

export const listEndpoints = (db: Db) => db.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt));

export const getEndpoint = (db: Db, id: string) =>
  db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get();

export async function updateEndpoint(
  db: Db,
  id: string,
  set: Partial<Pick<EndpointRow, "url" | "events" | "description" | "disabledAt" | "disabledReason" | "failingSince">>,
  at: string,
): Promise<EndpointRow | undefined> {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ ...set, updatedAt: at })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  return row;
}

export async function deleteEndpoint(db: Db, id: string): Promise<boolean> {
  // The log goes with it (ON DELETE CASCADE, attempts through deliveries).
  const rows = await db
    .delete(webhookEndpoints)
    .where(eq(webhookEndpoints.id, id))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

/** An endpoint's latest deliveries, each with its attempts (newest first). */
export async function deliveriesOf(db: Db, endpointId: string, limit: number) {
  const deliveries = await db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
  const ids = deliveries.map((d) => d.id);
  const attempts = ids.length
    ? await db
        .select()
        .from(webhookAttempts)
        // One JSON parameter, not one per id: D1 binds at most 100.
        .where(inArray(webhookAttempts.deliveryId, sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`))
        .orderBy(desc(webhookAttempts.at), desc(webhookAttempts.id))
    : [];
  return deliveries.map((d) => ({ ...d, attemptLog: attempts.filter((a) => a.deliveryId === d.id) }));
}

export const getDelivery = (db: Db, id: string) =>
  db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).get();

/** Due deliveries (pending, due, not held by another sender), held until `leaseUntil`: answers their ids. */
export async function leaseDue(db: Db, now: string, leaseUntil: string, limit: number): Promise<string[]> {
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.state, "pending"),
        lte(webhookDeliveries.nextAttemptAt, now),
        or(isNull(webhookDeliveries.leaseUntil), lte(webhookDeliveries.leaseUntil, now)),
      ),
    )
    .orderBy(webhookDeliveries.nextAttemptAt)
    .limit(limit);
  const rows = await db
    .update(webhookDeliveries)
    .set({ leaseUntil: leaseUntil })
    .where(inArray(webhookDeliveries.id, due))
    .returning({ id: webhookDeliveries.id });
  return rows.map((r) => r.id);
}

/** Whether anything is waiting to be sent now (cheap: the due index). */
export async function anyDue(db: Db, now: string): Promise<boolean> {
  const row = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.state, "pending"), lte(webhookDeliveries.nextAttemptAt, now)))
    .limit(1)
    .get();
  return row !== undefined;
}

/** Fixes the body at the first attempt; answers the body stored (another sender's, if it won). */
export async function fixPayload(db: Db, id: string, payload: string): Promise<string> {
  await db
    .update(webhookDeliveries)
    .set({ payload })
    .where(and(eq(webhookDeliveries.id, id), isNull(webhookDeliveries.payload)));
  const row = await getDelivery(db, id);
  return row?.payload ?? payload;
}

export interface AttemptRecord {
  deliveryId: string;
  endpointId: string;
  at: string;
  durationMs: number;
  httpStatus: number | null;
  error: string | null;
  ok: boolean;
  /** After a failure: when to try again, and until when the sender keeps holding it. */
  nextAttemptAt?: string;
  leaseUntil?: string | null;
  /** After a failure: disable the endpoint if it has been failing since before this moment. */
  disableIfFailingSince?: string;
  disabledReason?: string;
}

/** The attempt, the delivery's new state and the endpoint's health, in one batch. Answers
 * whether the endpoint got disabled by it. */
export async function recordAttempt(db: Db, r: AttemptRecord): Promise<{ disabled: boolean }> {
  const attempt = db.insert(webhookAttempts).values({
    id: newId("attempt"),
    deliveryId: r.deliveryId,
    at: r.at,
    durationMs: r.durationMs,
    httpStatus: r.httpStatus,
    error: r.error,
    ok: r.ok,
  });
  if (r.ok) {
    await db.batch([
      attempt,
      db
        .update(webhookDeliveries)
        .set({
          state: "delivered",
          deliveredAt: r.at,
          attempts: sql`${webhookDeliveries.attempts} + 1`,
          leaseUntil: null,
          nextAttemptAt: null,
        })
        .where(eq(webhookDeliveries.id, r.deliveryId)),
      db
        .update(webhookEndpoints)
        .set({ lastSuccessAt: r.at, failingSince: null })
        .where(eq(webhookEndpoints.id, r.endpointId)),
    ]);
    return { disabled: false };
  }
  const failingTooLong = and(
    eq(webhookEndpoints.id, r.endpointId),
    isNull(webhookEndpoints.disabledAt),
    sql`${webhookEndpoints.failingSince} <= ${r.disableIfFailingSince ?? ""}`,
  );
  const [, , , disabled] = await db.batch([
    attempt,
    db
      .update(webhookDeliveries)
      .set({
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        nextAttemptAt: r.nextAttemptAt ?? r.at,
        leaseUntil: r.leaseUntil ?? null,
      })
      .where(eq(webhookDeliveries.id, r.deliveryId)),
    db
      .update(webhookEndpoints)
      .set({ lastFailureAt: r.at, failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${r.at})` })
      .where(eq(webhookEndpoints.id, r.endpointId)),
    db
      .update(webhookEndpoints)
      .set({ disabledAt: r.at, disabledReason: r.disabledReason ?? "failing" })
      .where(failingTooLong)
      .returning({ id: webhookEndpoints.id }),
    // A disabled endpoint's waiting deliveries are given up (an admin can redeliver them).
    db
      .update(webhookDeliveries)
      .set({ state: "failed", leaseUntil: null })
      .where(
        and(
          eq(webhookDeliveries.endpointId, r.endpointId),
          eq(webhookDeliveries.state, "pending"),
          sql`EXISTS (SELECT 1 FROM ${webhookEndpoints} WHERE ${webhookEndpoints.id} = ${r.endpointId} AND ${webhookEndpoints.disabledAt} IS NOT NULL)`,
        ),
      ),
  ]);
  return { disabled: disabled.length > 0 };
}

/** Releases a lease without an attempt (nothing to send: the delivery is done or its endpoint gone). */
export async function release(db: Db, id: string): Promise<void> {
  await db.update(webhookDeliveries).set({ leaseUntil: null }).where(eq(webhookDeliveries.id, id));
}

/** Sends the delivery again: pending, due now, same id and body. */
export async function requeue(db: Db, id: string, at: string): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ state: "pending", nextAttemptAt: at, leaseUntil: null, deliveredAt: null })
    .where(eq(webhookDeliveries.id, id))
    .returning();
  return row;
}
