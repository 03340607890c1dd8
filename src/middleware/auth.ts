// Bearer-token authentication for the API: the secret goes to the auth service
// (src/services/auth.ts), the answer becomes the request's principal or a 401/429 problem.
import type { MiddlewareHandler } from "hono";
import { allows, type Permission, roleNeededFor } from "../domain/permissions";
import type { AppEnv } from "../env";
import { principalForSecret } from "../services/auth";
import { Problem } from "./problem";
import { clientAddress, countFailure, failureGate, type Limited } from "./rate-limit";

/** The request's waitUntil, absent when the app is called directly (app.request in tests). */
function waitUntilOf(c: {
  executionCtx: Pick<ExecutionContext, "waitUntil">;
}): ((work: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (work) => ctx.waitUntil(work);
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
  const principal = await principalForSecret(c.get("db"), match[1], c.get("config"), { waitUntil: waitUntilOf(c) });
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
