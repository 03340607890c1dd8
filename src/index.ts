// The Worker. A cold start evaluates this module and hono's path helper, nothing else: each door
// (src/doors) is loaded on its first request, the jobs on the first cron run or queue batch. So a
// health check does not build the API's schemas, a reader of the public pages does not load the
// review interface, and no request pays for the cron's code. Which door serves a path is
// src/doors/paths.ts.
import type { Hono } from "hono";
import { getPath } from "hono/utils/url";
import type { RecheckMessage } from "./domain/recheck";
import type { WebhookMessage } from "./domain/webhooks";
import { type Door, doorOf } from "./doors/paths";
import type { AppEnv, Env } from "./env";

const DOORS: Record<Door, () => Promise<{ default: Hono<AppEnv> }>> = {
  health: () => import("./doors/health"),
  api: () => import("./doors/api"),
  public: () => import("./doors/public"),
  assets: () => import("./doors/assets"),
  pages: () => import("./doors/pages"),
};

export default {
  async fetch(request, env, ctx) {
    // A module is evaluated once: after the first request, this import is a resolved promise.
    const { default: app } = await DOORS[doorOf(getPath(request))]();
    return app.fetch(request, env, ctx);
  },
  // Awaited, not waitUntil()ed: the cron's outcome (and `/__scheduled` locally) is the job's.
  async scheduled(controller, env) {
    const { scheduled } = await import("./doors/jobs");
    await scheduled(controller, env);
  },
  async queue(batch, env) {
    const { queue } = await import("./doors/jobs");
    await queue(batch, env);
  },
} satisfies ExportedHandler<Env, RecheckMessage | WebhookMessage>;
