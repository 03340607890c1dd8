import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/** The database, or a D1 session on it (read replicas where Cloudflare has them): drizzle's D1
 * driver needs only `prepare` and `batch`, which both have. */
export function createDb(d1: D1Database | D1DatabaseSession) {
  return drizzle(d1 as D1Database, { schema });
}

export type Db = ReturnType<typeof createDb>;

/** A statement for a D1 batch. */
export type Statement = BatchItem<"sqlite">;

/** Runs `writes` and then `reads` as one atomic D1 batch, and answers the reads' results, each
 * typed as drizzle types it. The writes come as lists built row by row (drizzle types a list's
 * results as a list of unknowns), so a read goes after them and its result is read by name,
 * never by its position in the batch. A batch of a fixed shape calls `db.batch` itself. */
export async function runBatch<R extends Statement[]>(
  db: Db,
  writes: readonly Statement[],
  ...reads: R
): Promise<BatchResponse<R>> {
  const [first, ...rest] = [...writes, ...reads];
  if (first === undefined) throw new Error("runBatch: no statements");
  const results = await db.batch([first, ...rest]);
  // The reads' results are the batch's last ones, in the reads' order.
  return results.slice(writes.length) as BatchResponse<R>;
}
