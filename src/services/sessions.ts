// Review-interface sessions: a login opens one, logout ends it, and each request asks whether
// it is still live (not revoked, not expired, and its API token not revoked).
import type { Db } from "../db/client";
import { createSession, findLiveSession, revokeSession } from "../db/queries/sessions";

export async function openSession(
  db: Db,
  session: { id: string; principalKey: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await createSession(db, session);
}

export async function closeSession(db: Db, id: string, at = new Date().toISOString()): Promise<void> {
  await revokeSession(db, id, at);
}

/** Whether session `id` is live for `principalKey`: one lookup by primary key. */
export async function sessionIsLive(db: Db, id: string, principalKey: string, now = new Date().toISOString()) {
  const row = await findLiveSession(db, id, now);
  if (!row || row.principalKey !== principalKey) return false;
  // A token's session ends with its token; the ADMIN_TOKEN's with the secret (see the fingerprint).
  return principalKey === "admin-token" || (row.tokenId !== null && row.tokenRevokedAt === null);
}
