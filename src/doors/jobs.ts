// The cron trigger and the queue consumer, loaded on their first run: the re-check job, whose
// visits the queue consumer does where RECHECK_QUEUE is configured, the purge of expired
// Idempotency-Key answers, and the webhook deliveries that are due (WEBHOOK_QUEUE's consumer
// sends them where that queue is bound).
import type { RecheckMessage } from "../domain/recheck";
import { isWebhookMessage, type WebhookMessage } from "../domain/webhooks";
import type { Env } from "../env";
import { handleRecheckQueue, runRecheckJob } from "../jobs/recheck";
import { handleWebhookQueue, runWebhookJob } from "../jobs/webhooks";
import { purgeIdempotencyKeys } from "../services/idempotency";

export async function scheduled(controller: ScheduledController, env: Env): Promise<void> {
  // Both run even if one fails; either failure fails the cron run.
  const now = new Date(controller.scheduledTime);
  await Promise.all([runRecheckJob(env, now), purgeIdempotencyKeys(env.DB, now), runWebhookJob(env, now)]);
}

// One consumer for both queues; a batch comes from one queue, so its first message says which.
export async function queue(batch: MessageBatch<RecheckMessage | WebhookMessage>, env: Env): Promise<void> {
  if (isWebhookMessage(batch.messages[0]?.body)) await handleWebhookQueue(batch as MessageBatch<WebhookMessage>, env);
  else await handleRecheckQueue(batch as MessageBatch<RecheckMessage>, env);
}
