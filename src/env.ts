import type { Principal } from "./domain/permissions";
import type { RecheckMessage } from "./domain/recheck";

// The Worker's bindings and variables (wrangler.toml [vars], secrets from `wrangler secret put`
// or .dev.vars). Vars arrive as strings; parse them where they are used.
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
  ORG_NAME: string;
  ORG_URL: string;
  RECHECK_BATCH: string;
  REREVIEW_DAYS: string;
  /** "true" lets the re-check job visit private addresses and ports (tests, local use). */
  RECHECK_ALLOW_PRIVATE?: string;
  /** How often claims without a verdict are re-checked, in hours (default 24; 0 = every run). */
  RECHECK_OPEN_HOURS?: string;
  /** The re-check's fetch timeout in milliseconds (default 10000). */
  RECHECK_TIMEOUT_MS?: string;
  /** Where configured, the cron queues re-checks and the queue consumer does the visits. */
  RECHECK_QUEUE?: Queue<RecheckMessage>;
  // Rate limits ([[ratelimits]] in wrangler.toml; src/middleware/rate-limit.ts). Absent in a
  // deploy made before they existed: then nothing is limited.
  /** Wrong credentials (login form, API bearer tokens) per client address. */
  AUTH_FAILURE_LIMITER?: RateLimit;
  /** Extraction (POST /api/v1/extract, the /import preview) per principal. */
  EXTRACT_LIMITER?: RateLimit;
  /** "Re-check now" (API and claim page) per principal. */
  RECHECK_LIMITER?: RateLimit;
}

/** Hono's type parameter for this app: bindings plus what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** Who is calling; set by the API's authentication. */
    principal: Principal;
  };
}
