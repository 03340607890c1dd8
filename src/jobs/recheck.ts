// The re-check's entry points: the cron (every 15 minutes, wrangler.toml) and the consumer of
// RECHECK_QUEUE. They read the settings, hand messages to and from the queue, and call the
// use cases in services/rechecks.
import { createDb } from "../db/client";
import type { RecheckMessage } from "../domain/recheck";
import { configOf, type Env } from "../env";
import { type RunSummary, recheckDueClaims, recheckQueued, recheckSettings } from "../services/rechecks";

/** Queue.sendBatch takes at most 100 messages. */
const SEND_BATCH = 100;

/** The use cases' database and settings (from the Worker's parsed variables). */
const depsOf = (env: Env) => ({ db: createDb(env.DB), settings: recheckSettings(configOf(env)) });

/** The cron: the due claims are queued when RECHECK_QUEUE is bound, visited here otherwise. */
export async function runRecheckJob(env: Env, now: Date): Promise<RunSummary> {
  const queue = env.RECHECK_QUEUE;
  const enqueue =
    queue &&
    (async (messages: RecheckMessage[]) => {
      for (let i = 0; i < messages.length; i += SEND_BATCH) {
        await queue.sendBatch(messages.slice(i, i + SEND_BATCH).map((body) => ({ body })));
      }
    });
  const summary = await recheckDueClaims(depsOf(env), now, enqueue);
  console.log(JSON.stringify({ job: "recheck", at: now.toISOString(), ...summary }));
  return summary;
}

/** The queue consumer: a message whose visit could not be written is retried (then
 * dead-lettered); the rest are acked. */
export async function handleRecheckQueue(batch: MessageBatch<RecheckMessage>, env: Env): Promise<void> {
  const retry = await recheckQueued(
    depsOf(env),
    batch.messages.map((m) => m.body),
    new Date(),
  );
  for (const message of batch.messages) {
    if (retry.has(message.body.claimId)) message.retry({ delaySeconds: 30 * message.attempts });
    else message.ack();
  }
}
