// What every request passes through, whichever door serves it: the request id, the parsed
// variables, the request's D1 session, webhooks sent after a committed change, the default
// security headers, and the answers for an unknown path or a failure. A door is this shell
// around its own routes (src/doors/*.ts); createApp() (src/app.ts) is the shell around all of them.
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { type AppEnv, configOf } from "../env";
import { d1Session } from "../middleware/d1-session";
import { handleError, handleNotFound, isApiPath } from "../middleware/errors";

export function shellAround(...routes: Hono<AppEnv>[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(requestId());
  // The variables are parsed before anything else runs: a bad one fails every request loudly.
  app.use(async (c, next) => {
    c.set("config", configOf(c.env));
    await next();
  });
  app.use(d1Session);
  // Webhooks: a change that committed may have written deliveries (the outbox trigger); they go
  // out after the answer, from this request. What cannot go now, the cron sends. The sender is
  // loaded here, on the first change, not with a door that may never change anything.
  app.use(async (c, next) => {
    await next();
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.res.status >= 400) return;
    try {
      c.executionCtx.waitUntil(
        import("../jobs/webhooks")
          .then(({ sendAfterCommit }) => sendAfterCommit(c.env))
          .catch((err) => console.error("webhooks after commit", err)),
      );
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

  for (const door of routes) app.route("/", door);

  // Each door answers its own way: the API problem+json, a browser an HTML page in the desk's
  // layout (loaded on the first such answer, so the API's door never carries the pages' code).
  app.notFound((c) =>
    isApiPath(c.req.path) ? handleNotFound(c) : import("../pages/failures").then((m) => m.pageNotFound(c)),
  );
  app.onError((err, c) =>
    isApiPath(c.req.path) ? handleError(err, c) : import("../pages/failures").then((m) => m.errorPage(err, c)),
  );
  return app;
}
