import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/** The database, or a D1 session on it (read replicas where Cloudflare has them): drizzle's D1
 * driver needs only `prepare` and `batch`, which both have. */
export function createDb(d1: D1Database | D1DatabaseSession) {
  return drizzle(d1 as D1Database, { schema });
}

export type Db = ReturnType<typeof createDb>;

/** Runs statements as one atomic D1 batch (drizzle wants a non-empty tuple type; we build lists). */
export async function runBatch(db: Db, statements: readonly unknown[]): Promise<readonly unknown[]> {
  return db.batch(statements as unknown as Parameters<Db["batch"]>[0]);
}

/** Whether a D1 error is a UNIQUE constraint on `table.column` (D1 reports it in the message
 * only; a partial index names its column like a plain one). */
export function isUniqueViolation(err: unknown, column: string): boolean {
  const message = err instanceof Error ? `${err.message} ${String(err.cause ?? "")}` : String(err);
  return message.includes(`UNIQUE constraint failed: ${column}`);
}
