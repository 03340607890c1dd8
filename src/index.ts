// The Worker: HTTP requests go to the Hono app; the cron trigger runs the re-check job, whose
// visits the queue consumer does where RECHECK_QUEUE is configured.
import { createApp } from "./app";
import type { RecheckMessage } from "./domain/recheck";
import type { Env } from "./env";
import { handleRecheckQueue, runRecheckJob } from "./jobs/recheck";

const app = createApp();

export default {
  fetch: app.fetch,
  // Awaited, not waitUntil()ed: the cron's outcome (and `/__scheduled` locally) is the job's.
  async scheduled(controller, env) {
    await runRecheckJob(env, new Date(controller.scheduledTime));
  },
  async queue(batch, env) {
    await handleRecheckQueue(batch, env);
  },
} satisfies ExportedHandler<Env, RecheckMessage>;
