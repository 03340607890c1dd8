// Idempotency keys: who holds a key, for how long, and what is kept for retries. The HTTP side
// (what an answer keeps, what a retry is answered) is src/middleware/idempotency.ts; the rows are
// src/db/queries/idempotency.ts. Keys are read and written on the database itself (its primary),
// not in a request's D1 session, so a retry sees the first request's key wherever it lands.
import { purgeKeys, readKey, releaseKey, type StoredAnswer, storeAnswer, takeKey } from "../db/queries/idempotency";

export type { StoredAnswer };

/** How long answers are kept for retries. */
export const TTL_MS = 24 * 60 * 60 * 1000;

/**
 * How long a request holds its key before a retry may take it over. Longer than a live request
 * runs here (Workers stop a request's CPU at 30 s by default and D1 a query at 30 s; the slowest
 * route, a 10,000-row import, takes seconds), so a request still pending after a minute has almost
 * certainly died; and short enough that a client retrying after a lost connection is not kept
 * waiting long. Should a slow request be overtaken anyway, its late answer is not kept, and the
 * routes that file things (claims, import) find the first run's rows as duplicates.
 */
export const LEASE_MS = 60_000;

/** A request's key: a caller (scope), the Idempotency-Key, and a hash of the request. */
export interface RequestKey {
  scope: string;
  key: string;
  requestHash: string;
}

/** What taking a key came to. */
export type KeyClaim =
  /** This request holds the key on the lease that began at `lease`: run it. */
  | { kind: "taken"; lease: Date }
  /** A different request used the key within TTL_MS. */
  | { kind: "reused" }
  /** The same request holds it and is still running; its lease ends at `leaseEnds` (ms). */
  | { kind: "pending"; leaseEnds: number }
  /** The same request completed: its kept answer. */
  | { kind: "done"; answer: StoredAnswer };

/** Takes the key for this request, or says who has it and what they answered. */
export async function claimKey(db: D1Database, k: RequestKey): Promise<KeyClaim> {
  const take = (at: Date) => takeKey(db, k, at, new Date(at.getTime() - LEASE_MS), new Date(at.getTime() - TTL_MS));
  let lease = new Date();
  let taken = await take(lease);
  // Released between the two queries (its request failed): try once more.
  let stored = taken ? null : await readKey(db, k.scope, k.key);
  if (!taken && !stored) {
    lease = new Date();
    taken = await take(lease);
    if (!taken) stored = await readKey(db, k.scope, k.key);
  }
  if (taken) return { kind: "taken", lease };
  if (stored && stored.request_hash !== k.requestHash) return { kind: "reused" };
  if (!stored || stored.status === null) {
    return { kind: "pending", leaseEnds: stored ? Date.parse(stored.created_at) + LEASE_MS : lease.getTime() };
  }
  const headers = JSON.parse(stored.headers ?? "{}") as Record<string, unknown>;
  return { kind: "done", answer: { status: stored.status, headers, body: stored.body } };
}

/** Gives the key up (the request failed: a retry runs again), if `lease` still holds it. */
export function giveUpKey(db: D1Database, k: RequestKey, lease: Date): Promise<void> {
  return releaseKey(db, k.scope, k.key, lease);
}

/** Keeps the request's answer for retries, if `lease` still holds the key. False when it was lost. */
export function keepAnswer(db: D1Database, k: RequestKey, lease: Date, answer: StoredAnswer): Promise<boolean> {
  return storeAnswer(db, k.scope, k.key, lease, answer);
}

/** For the cron: deletes keys older than TTL_MS (requests do not; they ignore expired keys). */
export function purgeIdempotencyKeys(db: D1Database, now: Date): Promise<number> {
  return purgeKeys(db, new Date(now.getTime() - TTL_MS));
}
