// The Worker: HTTP requests go to the Hono app; the cron trigger runs the re-check job, whose
// visits the queue consumer does where RECHECK_QUEUE is configured, and purges expired
// Idempotency-Key answers.
import { createApp } from "./app";
import type { RecheckMessage } from "./domain/recheck";
import type { Env } from "./env";
import { handleRecheckQueue, runRecheckJob } from "./jobs/recheck";
import { purgeIdempotencyKeys } from "./middleware/idempotency";

const app = createApp();

export default {
  fetch: app.fetch,
  // Awaited, not waitUntil()ed: the cron's outcome (and `/__scheduled` locally) is the job's.
  async scheduled(controller, env) {
    // Both run even if one fails; either failure fails the cron run.
    const now = new Date(controller.scheduledTime);
    await Promise.all([runRecheckJob(env, now), purgeIdempotencyKeys(env.DB, now)]);
  },
  async queue(batch, env) {
    await handleRecheckQueue(batch, env);
  },
} satisfies ExportedHandler<Env, RecheckMessage>;
