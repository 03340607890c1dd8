// What the re-check use cases are told rather than read: batch size, intervals, fetch limits.
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

/** The parsed variables (src/env.ts's Config) the re-check is set by. */
export interface RecheckVariables {
  RECHECK_BATCH: number;
  REREVIEW_DAYS: number;
  RECHECK_OPEN_HOURS: number;
  RECHECK_TIMEOUT_MS: number;
  RECHECK_ALLOW_PRIVATE: boolean;
  ORG_URL: string;
}

/** The settings from the Worker's parsed variables. Only the entry points (the jobs, the API
 * and page handlers) call it, with their parsed config; the use cases take its answer. */
export function recheckSettings(config: RecheckVariables): RecheckSettings {
  return {
    batch: config.RECHECK_BATCH,
    rereviewDays: config.REREVIEW_DAYS,
    openIntervalHours: config.RECHECK_OPEN_HOURS,
    limits: {
      timeoutMs: config.RECHECK_TIMEOUT_MS,
      maxBytes: 2 * 1024 * 1024,
      maxRedirects: 5,
      userAgent: `claimdesk-recheck/1.0 (+${config.ORG_URL})`,
      allowPrivate: config.RECHECK_ALLOW_PRIVATE,
    },
  };
}
