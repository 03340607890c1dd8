import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}

export type Db = ReturnType<typeof createDb>;

/** Runs statements as one atomic D1 batch (drizzle wants a non-empty tuple type; we build lists). */
export async function runBatch(db: Db, statements: readonly unknown[]): Promise<readonly unknown[]> {
  return db.batch(statements as unknown as Parameters<Db["batch"]>[0]);
}
