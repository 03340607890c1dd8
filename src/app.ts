// createApp(): the middleware every request passes through, the error handling, and the
// mounted parts (API, pages). Tests and the Worker entry use the same factory.
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { createApi } from "./api";
import { health } from "./api/health/routes";
import { type AppEnv, configOf } from "./env";
import { sendAfterCommit } from "./jobs/webhooks";
import { d1Session } from "./middleware/d1-session";
import { handleError, handleNotFound, isApiPath } from "./middleware/errors";
import { createPages } from "./pages";
import { errorPage, pageNotFound } from "./pages/failures";

export function createApp() {
  const app = new Hono<AppEnv>();

  app.use(requestId());
  // The variables are parsed before anything else runs: a bad one fails every request loudly.
  app.use(async (c, next) => {
    c.set("config", configOf(c.env));
    await next();
  });
  app.use(d1Session);
  // Webhooks: a change that committed may have written deliveries (the outbox trigger); they go
  // out after the answer, from this request. What cannot go now, the cron sends.
  app.use(async (c, next) => {
    await next();
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.res.status >= 400) return;
    try {
      c.executionCtx.waitUntil(sendAfterCommit(c.env).catch((err) => console.error("webhooks after commit", err)));
    } catch {
      // No execution context (a direct app.request in a test): the cron sends them.
    }
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      referrerPolicy: "no-referrer",
      // The pages set their own CSP (with a script nonce); this default covers everything else.
      overwrite: false,
    }),
  );

  app.route("/", health);
  app.route("/", createApi());
  app.route("/", createPages());

  // Each door answers its own way: the API problem+json, a browser an HTML page in the desk's layout.
  const api = (c: { req: { path: string } }) => isApiPath(c.req.path);
  app.notFound((c) => (api(c) ? handleNotFound(c) : pageNotFound(c)));
  app.onError((err, c) => (api(c) ? handleError(err, c) : errorPage(err, c)));
  return app;
}
