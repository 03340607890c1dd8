// Bearer-token authentication for the API. ADMIN_TOKEN (a secret) is an admin; other tokens
// live in api_tokens as SHA-256 hashes. Which role may do what is src/domain/permissions.ts.
import type { MiddlewareHandler } from "hono";
import { createDb } from "../db/client";
import { findActiveToken, touchToken } from "../db/queries/tokens";
import { ADMIN_TOKEN_ACTOR } from "../domain/actors";
import { sha256Hex } from "../domain/hash";
import { allows, type Permission, type Principal, roleNeededFor } from "../domain/permissions";
import type { AppEnv } from "../env";
import { Problem } from "./problem";
import { clientAddress, countFailure, failureGate, type Limited } from "./rate-limit";

/** Compares two secrets in constant time (of their hashes, so lengths leak nothing either). */
export async function secretsEqual(a: string, b: string): Promise<boolean> {
  const [ha, hb] = await Promise.all([sha256Hex(a), sha256Hex(b)]);
  const ea = new TextEncoder().encode(ha);
  const eb = new TextEncoder().encode(hb);
  return crypto.subtle.timingSafeEqual(ea, eb);
}

/** The principal a secret stands for, or null. Used by the API and by the login page. */
export async function principalForSecret(
  env: AppEnv["Bindings"],
  secret: string,
  ctx?: Pick<ExecutionContext, "waitUntil">,
) {
  if (env.ADMIN_TOKEN && (await secretsEqual(secret, env.ADMIN_TOKEN))) {
    return { role: "admin", actor: ADMIN_TOKEN_ACTOR, key: "admin-token" } satisfies Principal;
  }
  const db = createDb(env.DB);
  const token = await findActiveToken(db, secret);
  if (!token) return null;
  const touch = touchToken(db, token.id, new Date().toISOString()).run();
  if (ctx) ctx.waitUntil(touch);
  else await touch;
  return { role: token.role, actor: token.name, key: token.id } satisfies Principal;
}

/** The request's ExecutionContext, absent when the app is called directly (app.request in tests). */
function executionContextOf(c: { executionCtx: unknown }): Pick<ExecutionContext, "waitUntil"> | undefined {
  try {
    return c.executionCtx as ExecutionContext;
  } catch {
    return undefined;
  }
}

/** 429 for an address with too many wrong tokens; Retry-After says when to try again. */
function tooManyFailures(c: Parameters<MiddlewareHandler<AppEnv>>[0], limited: Limited): Problem {
  c.header("Retry-After", String(limited.retryAfter));
  return new Problem({
    status: 429,
    title: "Too many requests",
    detail: `Too many wrong tokens from your address; try again in ${limited.retryAfter} seconds.`,
  });
}

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const unauthorized = (detail: string) => new Problem({ status: 401, title: "Unauthorized", detail });
  if (!match?.[1]) {
    c.header("WWW-Authenticate", 'Bearer realm="claimdesk"');
    throw unauthorized("Send an API token as `Authorization: Bearer <token>`.");
  }
  // Wrong tokens are limited per address (src/middleware/rate-limit.ts): a blocked address is
  // refused before its token is looked at, and only a wrong token counts.
  const address = clientAddress(c.req.raw);
  const blocked = await failureGate(c.env, address);
  if (blocked) throw tooManyFailures(c, blocked);
  const principal = await principalForSecret(c.env, match[1], executionContextOf(c));
  if (!principal) {
    const limited = await countFailure(c.env, address);
    if (limited) throw tooManyFailures(c, limited);
    c.header("WWW-Authenticate", 'Bearer realm="claimdesk", error="invalid_token"');
    throw unauthorized("The token is unknown or has been revoked.");
  }
  c.set("principal", principal);
  await next();
};

export function requirePermission(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get("principal");
    if (!allows(principal.role, permission)) {
      throw new Problem({
        status: 403,
        title: "Forbidden",
        detail: `This needs the ${roleNeededFor(permission)} role; your token is a ${principal.role}.`,
      });
    }
    await next();
  };
}
