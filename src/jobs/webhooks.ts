// The webhook sender's entry points. After a request that may have written deliveries, right
// away (waitUntil); from the cron, whatever is due (retries, and anything a request could not
// send); and the WEBHOOK_QUEUE consumer where that queue is bound. All three use one retry
// schedule (src/domain/webhooks.ts retryDelayMs), kept in the outbox row.
import { createDb } from "../db/client";
import type { WebhookMessage } from "../domain/webhooks";
import { configOf, type Env } from "../env";
import {
  anyDueNow,
  leaseForQueue,
  QUEUE_HOLD_MS,
  type SendSummary,
  sendDelivery,
  sendDue,
  webhookSettings,
} from "../services/webhooks";

/** Queue.sendBatch takes at most 100 messages. */
const SEND_BATCH = 100;

/** The use cases' database and settings (from the Worker's parsed variables). */
const depsOf = (env: Env) => ({ db: createDb(env.DB), settings: webhookSettings(configOf(env)) });

/** Sends (or, with WEBHOOK_QUEUE, queues) every delivery due now. */
export async function runWebhookJob(env: Env, now: Date): Promise<SendSummary & { queued: number }> {
  const deps = depsOf(env);
  const queue = env.WEBHOOK_QUEUE;
  if (queue) {
    const ids = await leaseForQueue(deps, now);
    for (let i = 0; i < ids.length; i += SEND_BATCH) {
      await queue.sendBatch(ids.slice(i, i + SEND_BATCH).map((webhookDeliveryId) => ({ body: { webhookDeliveryId } })));
    }
    return { sent: 0, delivered: 0, failed: 0, disabled: 0, queued: ids.length };
  }
  const summary = { ...(await sendDue(deps, now)), queued: 0 };
  if (summary.sent > 0) console.log(JSON.stringify({ job: "webhooks", at: now.toISOString(), ...summary }));
  return summary;
}

/** After a change has committed: the deliveries it wrote go out now, not at the next cron. */
export async function sendAfterCommit(env: Env): Promise<void> {
  const now = new Date();
  if (!(await anyDueNow(createDb(env.DB), now))) return;
  await runWebhookJob(env, now);
}

/** The WEBHOOK_QUEUE consumer: each message is one attempt; a failure is retried by the queue
 * after the schedule's delay (then dead-lettered after max_retries; the cron takes the delivery
 * back once the queue's hold on it ends). */
export async function handleWebhookQueue(batch: MessageBatch<WebhookMessage>, env: Env): Promise<void> {
  const deps = depsOf(env);
  for (const message of batch.messages) {
    const outcome = await sendDelivery(deps, message.body.webhookDeliveryId, new Date(), QUEUE_HOLD_MS);
    if (outcome.kind === "failed" && !outcome.disabled) {
      message.retry({ delaySeconds: Math.ceil(outcome.retryInMs / 1000) });
    } else message.ack();
  }
}
