// What the re-check use cases are told rather than read: batch size, intervals, fetch limits.
import type { Env } from "../../env";
import type { FetchLimits } from "./fetch-page";

export interface RecheckSettings {
  /** Claims a cron run leases at most. */
  batch: number;
  /** Days after which a verdict comes back for re-review (and claims without a url are revisited). */
  rereviewDays: number;
  /** How often claims without a verdict go back to their source; 0 = every run. */
  openIntervalHours: number;
  limits: FetchLimits;
}

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The settings from the Worker's variables, with their defaults. Only the entry points (the
 * jobs, the API and page handlers) call it; the use cases take its answer. */
export function recheckSettings(env: Env): RecheckSettings {
  return {
    batch: positiveInt(env.RECHECK_BATCH, 50),
    rereviewDays: positiveInt(env.REREVIEW_DAYS, 30),
    openIntervalHours: env.RECHECK_OPEN_HOURS === "0" ? 0 : positiveInt(env.RECHECK_OPEN_HOURS, 24),
    limits: {
      timeoutMs: positiveInt(env.RECHECK_TIMEOUT_MS, 10_000),
      maxBytes: 2 * 1024 * 1024,
      maxRedirects: 5,
      userAgent: `claimdesk-recheck/1.0 (+${env.ORG_URL})`,
      allowPrivate: env.RECHECK_ALLOW_PRIVATE === "true",
    },
  };
}
