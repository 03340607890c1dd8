// Review-interface sessions (src/pages/session.ts): one row per login, revoked by logout.
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Db } from "../client";
import { apiTokens, sessions } from "../schema";

/** Records a new session and, in the same batch, forgets sessions that have expired. */
export async function createSession(
  db: Db,
  row: { id: string; principalKey: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db.batch([db.insert(sessions).values(row), db.delete(sessions).where(lt(sessions.expiresAt, row.createdAt))]);
}

/**
 * A live session (not revoked, not expired) with, for a token's session, whether its token is
 * still live: one lookup by primary key.
 */
export function findLiveSession(db: Db, id: string, now: string) {
  return db
    .select({
      principalKey: sessions.principalKey,
      tokenId: apiTokens.id,
      tokenRevokedAt: apiTokens.revokedAt,
    })
    .from(sessions)
    .leftJoin(apiTokens, eq(apiTokens.id, sessions.principalKey))
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .get();
}

export async function revokeSession(db: Db, id: string, at: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}
