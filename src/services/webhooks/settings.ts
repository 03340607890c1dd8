// What the webhook sender is told rather than reads: its timeout, whether private addresses
// may be called (local use and tests), how many deliveries one run sends.
import { configOf, type Env } from "../../env";

export interface WebhookSettings {
  timeoutMs: number;
  allowPrivate: boolean;
  /** Deliveries one cron run (or one after-commit send) takes at most. */
  batch: number;
  userAgent: string;
}

export function webhookSettings(env: Env): WebhookSettings {
  const config = configOf(env);
  return {
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
    batch: config.WEBHOOK_BATCH,
    userAgent: `claimdesk-webhooks/1.0 (+${config.ORG_URL})`,
  };
}
