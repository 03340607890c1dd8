// Bearer-token authentication for the API. ADMIN_TOKEN (a secret) is an admin; other tokens
// live in api_tokens as SHA-256 hashes. Which role may do what is src/domain/permissions.ts.
import type { MiddlewareHandler } from "hono";
import { createDb } from "../db/client";
import { findActiveToken, touchToken } from "../db/queries/tokens";
import { sha256Hex } from "../domain/hash";
import { allows, type Permission, type Principal, roleNeededFor } from "../domain/permissions";
import type { AppEnv } from "../env";
import { Problem } from "./problem";

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
    return { role: "admin", actor: "admin (ADMIN_TOKEN)", key: "admin-token" } satisfies Principal;
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

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const unauthorized = (detail: string) => new Problem({ status: 401, title: "Unauthorized", detail });
  if (!match?.[1]) {
    c.header("WWW-Authenticate", 'Bearer realm="claimdesk"');
    throw unauthorized("Send an API token as `Authorization: Bearer <token>`.");
  }
  const principal = await principalForSecret(c.env, match[1], executionContextOf(c));
  if (!principal) {
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
