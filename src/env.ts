import { z } from "zod";
import type { Db } from "./db/client";
import type { Principal } from "./domain/permissions";
import type { RecheckMessage } from "./domain/recheck";
import { ROLES } from "./domain/vocabulary";
import type { WebhookMessage } from "./domain/webhooks";

// The Worker's bindings and variables (wrangler.toml [vars], secrets from `wrangler secret put`
// or .dev.vars). Variables arrive as strings: configOf() parses them once, by one schema, and a
// bad value stops the Worker with the variable's name rather than falling back silently.
export interface Env {
  DB: D1Database;
  /** An admin credential for a fresh deployment to make its first tokens. */
  ADMIN_TOKEN?: string;
  /** Signs review-interface session cookies. */
  SESSION_SECRET?: string;
  /** Cloudflare Access: the team domain (`myteam.cloudflareaccess.com`) and application AUD tag.
   * When both are set, a valid Cf-Access-Jwt-Assertion signs a reviewer in by email. */
  ACCESS_TEAM_DOMAIN?: string;
  ACCESS_AUD?: string;
  /** The role Access users get: viewer, reviewer (default) or admin. */
  ACCESS_ROLE?: string;
  ORG_NAME?: string;
  ORG_URL?: string;
  /** Where readers reach the public pages (`https://factchecks.example.org`): every absolute url
   * the Worker writes (canonical links, feeds, sitemap, ClaimReview) is on it, never on the
   * request's Host. Unset, the local server's address. */
  PUBLIC_ORIGIN?: string;
  RECHECK_BATCH?: string;
  REREVIEW_DAYS?: string;
  /** "true" lets the re-check job visit private addresses and ports (tests, local use). */
  RECHECK_ALLOW_PRIVATE?: string;
  /** How often claims without a verdict are re-checked, in hours (default 24; 0 = every run). */
  RECHECK_OPEN_HOURS?: string;
  /** The re-check's fetch timeout in milliseconds (default 10000). */
  RECHECK_TIMEOUT_MS?: string;
  /** Where configured, webhook deliveries go through this queue (src/jobs/webhooks.ts). */
  WEBHOOK_QUEUE?: Queue<WebhookMessage>;
  /** "true" lets webhook endpoints be private addresses and ports (tests, local use). */
  WEBHOOK_ALLOW_PRIVATE?: string;
  /** A webhook call's timeout in milliseconds (default 10000). */
  WEBHOOK_TIMEOUT_MS?: string;
  /** Webhook deliveries one cron run sends (default 50). */
  WEBHOOK_BATCH?: string;
  /** Where configured, the cron queues re-checks and the queue consumer does the visits. */
  RECHECK_QUEUE?: Queue<RecheckMessage>;
  // Rate limits ([[ratelimits]] in wrangler.toml; src/middleware/rate-limit.ts). Absent in a
  // deploy made before they existed: then nothing is limited.
  /** Wrong credentials (login form, API bearer tokens) per client address. */
  AUTH_FAILURE_LIMITER?: RateLimit;
  /** Extraction (POST /api/v1/extract, the /import preview) per principal. */
  EXTRACT_LIMITER?: RateLimit;
  /** Matching (POST /api/v1/match, POST /api/v1/import?match=true) per principal. */
  MATCH_LIMITER?: RateLimit;
  /** "Re-check now" (API and claim page) per principal. */
  RECHECK_LIMITER?: RateLimit;
}

// An empty variable is an unset one (`wrangler secret put` of nothing, an empty .dev.vars line).
const unsetIfEmpty = (v: unknown) => (v === "" ? undefined : v);
const secret = z.preprocess(unsetIfEmpty, z.string().optional());
const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .preprocess(
      unsetIfEmpty,
      z
        .string()
        .regex(/^\d+$/, "must be a whole number")
        .transform(Number)
        .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
        .optional(),
    )
    .transform((n) => n ?? fallback);
const flag = z.preprocess(
  unsetIfEmpty,
  z
    .enum(["true", "false"], "must be true or false")
    .default("false")
    .transform((v) => v === "true"),
);

/** Where `npm start` serves (src/cli/start.ts, which passes its own PORT's address). */
export const LOCAL_ORIGIN = "http://127.0.0.1:8787";

/** An absolute http(s) origin, nothing after it but an optional "/"; answered as the URL
 * parser writes origins (lower-case host, no default port, no trailing slash). */
const origin = z.preprocess(
  unsetIfEmpty,
  z
    .string()
    .default(LOCAL_ORIGIN)
    .transform((value, ctx) => {
      let url: URL | null = null;
      try {
        url = new URL(value);
      } catch {
        // not a url at all: refused below
      }
      if (url && (url.protocol === "http:" || url.protocol === "https:") && url.href === `${url.origin}/`) {
        return url.origin;
      }
      ctx.addIssue({ code: "custom", message: "must be an http(s) origin without a path, like https://news.example" });
      return z.NEVER;
    }),
);

const ConfigSchema = z.object({
  ADMIN_TOKEN: secret,
  SESSION_SECRET: secret,
  ACCESS_TEAM_DOMAIN: secret,
  ACCESS_AUD: secret,
  ACCESS_ROLE: z.preprocess(unsetIfEmpty, z.enum(ROLES, `must be one of ${ROLES.join(", ")}`).default("reviewer")),
  ORG_NAME: z.preprocess(unsetIfEmpty, z.string().max(200).default("claimdesk")),
  ORG_URL: z.preprocess(
    unsetIfEmpty,
    z.url({ protocol: /^https?$/, error: "must be an http(s) url" }).default("https://claimdesk.example"),
  ),
  PUBLIC_ORIGIN: origin,
  RECHECK_BATCH: wholeNumber(1, 1000, 50),
  REREVIEW_DAYS: wholeNumber(1, 3650, 30),
  RECHECK_OPEN_HOURS: wholeNumber(0, 24 * 365, 24),
  RECHECK_TIMEOUT_MS: wholeNumber(100, 60_000, 10_000),
  RECHECK_ALLOW_PRIVATE: flag,
  WEBHOOK_ALLOW_PRIVATE: flag,
  WEBHOOK_TIMEOUT_MS: wholeNumber(100, 30_000, 10_000),
  WEBHOOK_BATCH: wholeNumber(1, 500, 50),
});
export type Config = z.infer<typeof ConfigSchema>;

/** A variable with a value the Worker cannot run with. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`claimdesk is misconfigured: ${problems.map((p) => `${p.variable} ${p.message}`).join("; ")}`);
    this.name = "ConfigError";
  }
}

const parsed = new WeakMap<object, Config>();

/** The Worker's variables, parsed once per environment object. Throws ConfigError. */
export function configOf(env: Env): Config {
  const known = parsed.get(env);
  if (known) return known;
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => ({ variable: String(i.path[0]), message: i.message })));
  }
  parsed.set(env, result.data);
  return result.data;
}

/** Hono's type parameter for this app: bindings plus what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** Who is calling; set by the API's authentication. */
    principal: Principal;
    config: Config;
    /** The database, in this request's D1 session (src/middleware/d1-session.ts). */
    db: Db;
  };
}
