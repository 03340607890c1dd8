// idempotency_keys, one row per (caller, Idempotency-Key). A row is either
//   pending: status IS NULL; a request holds the key on a lease that began at created_at;
//   done:    the first answer's status; for a replayable answer, the headers a replay keeps (JSON)
//            and the body; for one that is not replayed, body NULL and headers {"problem": ...},
//            the problem a retry is answered with.
// Raw SQL: the reservation is one upsert whose WHERE decides, atomically, who holds the key.

export interface KeyRow {
  request_hash: string;
  status: number | null;
  headers: string | null;
  body: string | null;
  created_at: string;
}

export interface StoredAnswer {
  status: number;
  headers: Record<string, unknown>;
  body: string | null;
}

/**
 * Takes the key for a request: a new key, a key older than the time answers are kept, or, for
 * the same request, a key whose lease has ended (its request died) or that holds a 5xx (kept by
 * an earlier version of the middleware). True when taken; the
 * request then holds the key on a lease identified by `at`. Two requests racing for one key
 * cannot both take it: SQLite applies the upserts one after the other, and the second finds
 * the first's fresh lease.
 */
export async function takeKey(
  db: D1Database,
  k: { scope: string; key: string; requestHash: string },
  at: Date,
  leaseEndedBefore: Date,
  expiredBefore: Date,
): Promise<boolean> {
  const taken = await db
    .prepare(
      `INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (scope, key) DO UPDATE SET
         request_hash = excluded.request_hash, status = NULL, headers = NULL, body = NULL,
         created_at = excluded.created_at
       WHERE idempotency_keys.created_at < ?5
          OR (idempotency_keys.request_hash = excluded.request_hash
              AND ((idempotency_keys.status IS NULL AND idempotency_keys.created_at < ?6)
                   OR idempotency_keys.status >= 500))`,
    )
    .bind(k.scope, k.key, k.requestHash, at.toISOString(), expiredBefore.toISOString(), leaseEndedBefore.toISOString())
    .run();
  return taken.meta.changes > 0;
}

export function readKey(db: D1Database, scope: string, key: string) {
  return db
    .prepare("SELECT request_hash, status, headers, body, created_at FROM idempotency_keys WHERE scope = ? AND key = ?")
    .bind(scope, key)
    .first<KeyRow>();
}

/** Records the answer, if the lease that began at `leaseAt` is still held. False when it was lost. */
export async function storeAnswer(
  db: D1Database,
  scope: string,
  key: string,
  leaseAt: Date,
  answer: StoredAnswer,
): Promise<boolean> {
  const stored = await db
    .prepare(
      "UPDATE idempotency_keys SET status = ?, headers = ?, body = ? WHERE scope = ? AND key = ? AND status IS NULL AND created_at = ?",
    )
    .bind(answer.status, JSON.stringify(answer.headers), answer.body, scope, key, leaseAt.toISOString())
    .run();
  return stored.meta.changes > 0;
}

/** Gives the key up (the request failed), if the lease that began at `leaseAt` is still held. */
export async function releaseKey(db: D1Database, scope: string, key: string, leaseAt: Date): Promise<void> {
  await db
    .prepare("DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND status IS NULL AND created_at = ?")
    .bind(scope, key, leaseAt.toISOString())
    .run();
}

/** Rows per DELETE, and DELETEs per purge: a purge costs at most PURGE_ROUNDS queries. */
const PURGE_CHUNK = 1000;
const PURGE_ROUNDS = 10;

/**
 * Deletes keys that began before `before`, oldest first, in chunks (on the created_at index),
 * so one cron run's work is bounded; what is left is deleted by the next run. Returns how many.
 */
export async function purgeKeys(db: D1Database, before: Date): Promise<number> {
  let purged = 0;
  for (let round = 0; round < PURGE_ROUNDS; round++) {
    const result = await db
      .prepare(
        "DELETE FROM idempotency_keys WHERE rowid IN (SELECT rowid FROM idempotency_keys WHERE created_at < ? ORDER BY created_at LIMIT ?)",
      )
      .bind(before.toISOString(), PURGE_CHUNK)
      .run();
    purged += result.meta.changes;
    if (result.meta.changes < PURGE_CHUNK) break;
  }
  return purged;
}
