import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { sha256Hex } from "../../domain/hash";
import { newId } from "../../domain/ids";
import type { Role } from "../../domain/vocabulary";
import type { Db } from "../client";
import { isUniqueViolation } from "../errors";
import { apiTokens } from "../schema";

/** A new secret: 32 random bytes, base64url, with a prefix that makes leaked tokens greppable. */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `cd_${btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "")}`;
}

export interface NewToken {
  name: string;
  /** personKey(name): unique among live tokens. */
  nameKey: string;
  role: Role;
  /** Who minted it; null only for tokens a test or a script stores directly. */
  createdBy: string | null;
}

/** Stores a new token, or answers null when a live token has the same name key (checked in the
 * insert itself, and by the unique index when two requests race). */
export async function createToken(db: Db, input: NewToken, at = new Date().toISOString()) {
  const token = newSecret();
  const row = { id: newId("token"), ...input, tokenHash: await sha256Hex(token), createdAt: at };
  let inserted: unknown[];
  try {
    inserted = await db
      .insert(apiTokens)
      .select(
        sql`SELECT ${row.id}, ${row.name}, ${row.nameKey}, ${row.role}, ${row.createdBy}, ${row.tokenHash},
          ${row.createdAt}, NULL, NULL
          WHERE NOT EXISTS (SELECT 1 FROM ${apiTokens} WHERE ${apiTokens.nameKey} = ${row.nameKey} AND ${apiTokens.revokedAt} IS NULL)`,
      )
      .returning({ id: apiTokens.id });
  } catch (err) {
    if (isUniqueViolation(err, "api_tokens.name_key")) return null;
    throw err;
  }
  if (inserted.length === 0) return null;
  return { token, row: { ...row, lastUsedAt: null, revokedAt: null } };
}

/** The live token whose name has this key, if any. */
export function liveTokenNamed(db: Db, nameKey: string) {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.nameKey, nameKey), isNull(apiTokens.revokedAt)))
    .get();
}

/** Every token's name and minter, revoked ones too (history entries outlive tokens): what the
 * two-person rule reads to tell people apart. A desk has tens of tokens, not thousands. */
export function tokenMinters(db: Db) {
  return db.select({ id: apiTokens.id, name: apiTokens.name, createdBy: apiTokens.createdBy }).from(apiTokens).all();
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
    created_by: row.createdBy,
    created_at: row.createdAt,
    last_used_at: row.lastUsedAt,
    revoked_at: row.revokedAt,
  };
}
