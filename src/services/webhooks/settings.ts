// What the webhook sender is told rather than reads: its timeout, whether private addresses
// may be called (local use and tests), how many deliveries one run sends.

export interface WebhookSettings {
  timeoutMs: number;
  allowPrivate: boolean;
  /** Deliveries one cron run (or one after-commit send) takes at most. */
  batch: number;
  userAgent: string;
}

/** The parsed variables (src/env.ts's Config) the sender is set by. */
export interface WebhookVariables {
  WEBHOOK_TIMEOUT_MS: number;
  WEBHOOK_ALLOW_PRIVATE: boolean;
  WEBHOOK_BATCH: number;
  ORG_URL: string;
}

/** The settings from the Worker's parsed variables, which the entry points pass. */
export function webhookSettings(config: WebhookVariables): WebhookSettings {
  return {
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
    batch: config.WEBHOOK_BATCH,
    userAgent: `claimdesk-webhooks/1.0 (+${config.ORG_URL})`,
  };
}
