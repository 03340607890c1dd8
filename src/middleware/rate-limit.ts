// Rate limits on the Workers Rate Limiting binding ([[ratelimits]] in wrangler.toml). Two uses:
//
//   failures  wrong credentials (the login form, API bearer tokens) per client address. Only
//             failures count: the limiter is asked after a failure, so signing in does not use up
//             the budget. A failure over the budget marks the address blocked for the period, and
//             a blocked address is refused BEFORE its credential is checked, so a right guess
//             during the block is refused like a wrong one (and costs no D1 lookup). The mark is
//             kept in the isolate and in the location's cache (the limiter's own scope is one
//             Cloudflare location; on workers.dev, where the Cache API does nothing, the isolate's
//             mark and the limiter's answer to each further failure remain).
//   spending  expensive actions (extraction, matching, re-check now) per principal: every call counts.
//
// Where a binding is absent (a deploy made before it existed) nothing is limited, and a limiter
// that fails lets the request through: a rate limit must never take the service down.
import type { Context, MiddlewareHandler } from "hono";
import type { Principal } from "../domain/permissions";
import type { AppEnv, Env } from "../env";
import { Problem } from "./problem";

export type LimiterName = "AUTH_FAILURE_LIMITER" | "EXTRACT_LIMITER" | "MATCH_LIMITER" | "RECHECK_LIMITER";

/** Each limiter's period in seconds, as in wrangler.toml (Retry-After and the block's length). */
export const LIMITER_PERIOD: Record<LimiterName, 10 | 60> = {
  AUTH_FAILURE_LIMITER: 60,
  EXTRACT_LIMITER: 60,
  MATCH_LIMITER: 60,
  RECHECK_LIMITER: 60,
};

/** A refusal: how long to wait, in whole seconds (for Retry-After). */
export interface Limited {
  retryAfter: number;
}

/**
 * The client's address, the key for failure limits: CF-Connecting-IP, which Cloudflare sets on
 * every request (clients cannot forge it there). An IPv6 address counts by its /64, the block one
 * subscriber gets. Without the header (tests, some local setups) every caller shares one key.
 */
export function clientAddress(request: Request): string {
  const ip = request.headers.get("cf-connecting-ip")?.trim().toLowerCase();
  if (!ip) return "local";
  if (!ip.includes(":")) return ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped?.[1]) return mapped[1];
  return `${ipv6Groups(ip).slice(0, 4).join(":")}::/64`;
}

/** The eight groups of an IPv6 address (`::` expanded; an embedded IPv4 tail kept as given). */
function ipv6Groups(ip: string): string[] {
  const [head = "", tail] = ip.split("::", 2);
  const left = head ? head.split(":") : [];
  if (tail === undefined) return left;
  const right = tail ? tail.split(":") : [];
  return [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
}

function binding(env: Env, name: LimiterName): RateLimit | undefined {
  return env[name];
}

/** Asks the limiter for one unit for this key; null when allowed (or not limited at all). */
async function take(env: Env, name: LimiterName, key: string): Promise<Limited | null> {
  const limiter = binding(env, name);
  if (!limiter) return null;
  try {
    const { success } = await limiter.limit({ key });
    return success ? null : { retryAfter: LIMITER_PERIOD[name] };
  } catch (err) {
    console.error(JSON.stringify({ level: "error", message: `rate limiter ${name} failed`, error: String(err) }));
    return null;
  }
}

// ---- failures ----

/** Blocked addresses in this isolate: key → until (ms since the epoch). */
const blockedHere = new Map<string, number>();
const BLOCK_CACHE = "https://rate-limit.claimdesk.invalid/blocked/";

function blockUrl(name: LimiterName, key: string): string {
  return `${BLOCK_CACHE}${name}/${encodeURIComponent(key)}`;
}

function cache(): Cache | undefined {
  return typeof caches === "undefined" ? undefined : caches.default;
}

function secondsLeft(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 1000));
}

async function blockedUntil(name: LimiterName, key: string, now: number): Promise<number | null> {
  const here = blockedHere.get(`${name} ${key}`);
  if (here !== undefined) {
    if (here > now) return here;
    blockedHere.delete(`${name} ${key}`);
  }
  try {
    const hit = await cache()?.match(blockUrl(name, key));
    const until = Number(hit?.headers.get("x-blocked-until"));
    if (until > now) {
      blockedHere.set(`${name} ${key}`, until);
      return until;
    }
  } catch {
    // no cache here: the isolate's mark and the limiter still hold
  }
  return null;
}

async function block(name: LimiterName, key: string, now: number): Promise<number> {
  const seconds = LIMITER_PERIOD[name];
  const until = now + seconds * 1000;
  // Keep the map small: an address flood must not grow it without end.
  if (blockedHere.size > 10_000) blockedHere.clear();
  blockedHere.set(`${name} ${key}`, until);
  try {
    await cache()?.put(
      blockUrl(name, key),
      new Response(null, { headers: { "Cache-Control": `max-age=${seconds}`, "X-Blocked-Until": String(until) } }),
    );
  } catch {
    // as above
  }
  return until;
}

/** Before checking a credential: is this address refused for now (too many failures)? */
export async function failureGate(env: Env, address: string): Promise<Limited | null> {
  if (!binding(env, "AUTH_FAILURE_LIMITER")) return null;
  const now = Date.now();
  const until = await blockedUntil("AUTH_FAILURE_LIMITER", address, now);
  return until === null ? null : { retryAfter: secondsLeft(until, now) };
}

/** After a wrong credential: counts it; over the budget, blocks the address and answers how long. */
export async function countFailure(env: Env, address: string): Promise<Limited | null> {
  if (!(await take(env, "AUTH_FAILURE_LIMITER", `addr:${address}`))) return null;
  const now = Date.now();
  return { retryAfter: secondsLeft(await block("AUTH_FAILURE_LIMITER", address, now), now) };
}

// ---- spending ----

/** One unit of an expensive action for this principal; a refusal when over its budget. */
export function spend(env: Env, name: Exclude<LimiterName, "AUTH_FAILURE_LIMITER">, principal: Principal) {
  return take(env, name, `principal:${principal.key}`);
}

/** Sets Retry-After on the answer being built. */
export function retryAfter(c: Context, limited: Limited): void {
  c.header("Retry-After", String(limited.retryAfter));
}

const SPENDING: Record<Exclude<LimiterName, "AUTH_FAILURE_LIMITER">, string> = {
  EXTRACT_LIMITER: "extractions",
  MATCH_LIMITER: "matches",
  RECHECK_LIMITER: "re-checks",
};

/** For an API route (after authentication and its permission): 429 problem+json over the budget.
 * With `when`, only the requests it picks spend (an import asking for matches). */
export function spendingLimit(
  name: Exclude<LimiterName, "AUTH_FAILURE_LIMITER">,
  when: (c: Context<AppEnv>) => boolean = () => true,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limited = when(c) ? await spend(c.env, name, c.get("principal")) : null;
    if (limited) {
      retryAfter(c, limited);
      throw new Problem({
        status: 429,
        title: "Too many requests",
        detail: `Too many ${SPENDING[name]} for this token; try again in ${limited.retryAfter} seconds.`,
      });
    }
    await next();
  };
}
