// Who a secret stands for: the ADMIN_TOKEN secret is an admin; other tokens live in api_tokens as
// SHA-256 hashes. Both doors that take a secret call this: the API's bearer tokens
// (src/middleware/auth.ts) and the login page. Which role may do what is src/domain/permissions.ts.
import type { Db } from "../db/client";
import { findActiveToken, touchToken } from "../db/queries/tokens";
import { ADMIN_TOKEN_ACTOR } from "../domain/actors";
import { sha256Hex } from "../domain/hash";
import type { Principal } from "../domain/permissions";

/** What authentication is told: the ADMIN_TOKEN secret, when one is set (the parsed config has it). */
export interface AuthSettings {
  ADMIN_TOKEN?: string | undefined;
}

/** Compares two secrets in constant time (of their hashes, so lengths leak nothing either). */
async function secretsEqual(a: string, b: string): Promise<boolean> {
  const [ha, hb] = await Promise.all([sha256Hex(a), sha256Hex(b)]);
  return crypto.subtle.timingSafeEqual(new TextEncoder().encode(ha), new TextEncoder().encode(hb));
}

/**
 * The principal a secret stands for, or null for an unknown or revoked token. Reads in `db`, the
 * request's D1 session. A token's use is marked (at most once a minute, touchToken) after the
 * answer when `waitUntil` is given, before it otherwise.
 */
export async function principalForSecret(
  db: Db,
  secret: string,
  settings: AuthSettings,
  options: { waitUntil?: ((work: Promise<unknown>) => void) | undefined; now?: Date } = {},
): Promise<Principal | null> {
  if (settings.ADMIN_TOKEN && (await secretsEqual(secret, settings.ADMIN_TOKEN))) {
    return { role: "admin", actor: ADMIN_TOKEN_ACTOR, key: "admin-token" };
  }
  const token = await findActiveToken(db, secret);
  if (!token) return null;
  const touch = touchToken(db, token.id, (options.now ?? new Date()).toISOString()).run();
  if (options.waitUntil) options.waitUntil(touch);
  else await touch;
  return { role: token.role, actor: token.name, key: token.id };
}
