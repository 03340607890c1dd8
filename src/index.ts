// The Worker: HTTP requests go to the Hono app; the cron trigger runs the re-check job, whose
// visits the queue consumer does where RECHECK_QUEUE is configured, and purges expired
// Idempotency-Key answers, and sends the webhook deliveries that are due (WEBHOOK_QUEUE's
// consumer sends them where that queue is bound).
import { createApp } from "./app";
import type { RecheckMessage } from "./domain/recheck";
import { isWebhookMessage, type WebhookMessage } from "./domain/webhooks";
import type { Env } from "./env";
import { handleRecheckQueue, runRecheckJob } from "./jobs/recheck";
import { handleWebhookQueue, runWebhookJob } from "./jobs/webhooks";
import { purgeIdempotencyKeys } from "./services/idempotency";

const app = createApp();

export default {
  fetch: app.fetch,
  // Awaited, not waitUntil()ed: the cron's outcome (and `/__scheduled` locally) is the job's.
  async scheduled(controller, env) {
    // Both run even if one fails; either failure fails the cron run.
    const now = new Date(controller.scheduledTime);
    await Promise.all([runRecheckJob(env, now), purgeIdempotencyKeys(env.DB, now), runWebhookJob(env, now)]);
  },
  // One consumer for both queues; a batch comes from one queue, so its first message says which.
  async queue(batch, env) {
    if (isWebhookMessage(batch.messages[0]?.body)) await handleWebhookQueue(batch as MessageBatch<WebhookMessage>, env);
    else await handleRecheckQueue(batch as MessageBatch<RecheckMessage>, env);
  },
} satisfies ExportedHandler<Env, RecheckMessage | WebhookMessage>;
