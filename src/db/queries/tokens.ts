import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { sha256Hex } from "../../domain/hash";
import { newId } from "../../domain/ids";
import type { Role } from "../../domain/vocabulary";
import type { Db } from "../client";
import { apiTokens } from "../schema";

/** A new secret: 32 random bytes, base64url, with a prefix that makes leaked tokens greppable. */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `cd_${btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "")}`;
}

export async function createToken(db: Db, name: string, role: Role, at = new Date().toISOString()) {
  const token = newSecret();
  const row = { id: newId("token"), name: name.trim(), role, tokenHash: await sha256Hex(token), createdAt: at };
  await db.insert(apiTokens).values(row);
  return { token, row: { ...row, lastUsedAt: null, revokedAt: null } };
}

/** The live token with this secret, if any (revoked tokens are not found). */
export async function findActiveToken(db: Db, secret: string) {
  const hash = await sha256Hex(secret);
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt)))
    .get();
}

/** Marks use at most once a minute per token, so reads do not each cost a write. */
export function touchToken(db: Db, id: string, at: string) {
  const minuteAgo = new Date(Date.parse(at) - 60_000).toISOString();
  return db
    .update(apiTokens)
    .set({ lastUsedAt: at })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, minuteAgo))));
}

export function listTokens(db: Db) {
  return db.select().from(apiTokens).orderBy(desc(apiTokens.id)).all();
}

export async function revokeToken(db: Db, id: string, at = new Date().toISOString()) {
  const result = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  return result[0] ?? (await db.select().from(apiTokens).where(eq(apiTokens.id, id)).get());
}

export function tokenView(row: typeof apiTokens.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    created_at: row.createdAt,
    last_used_at: row.lastUsedAt,
    revoked_at: row.revokedAt,
  };
}
