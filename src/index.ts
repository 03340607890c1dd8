// The Worker: HTTP requests go to the Hono app; the cron trigger runs the re-check job.
import { createApp } from "./app";
import type { Env } from "./env";
import { runRecheckJob } from "./jobs/recheck";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runRecheckJob(env, new Date(controller.scheduledTime)));
  },
} satisfies ExportedHandler<Env>;
