// createApp(): the middleware every request passes through, the error handling, and the
// mounted parts (API, pages). Tests and the Worker entry use the same factory.
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { createApi } from "./api";
import { health } from "./api/health/routes";
import type { AppEnv } from "./env";
import { handleError, handleNotFound } from "./middleware/errors";
import { createPages } from "./pages";

export function createApp() {
  const app = new Hono<AppEnv>();

  app.use(requestId());
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

  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
