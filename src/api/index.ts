// The JSON API v1: authentication, size limits and idempotency around every resource's
// routes, and the OpenAPI 3.1 document generated from the same zod schemas.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../env";
import { authenticate } from "../middleware/auth";
import { idempotency } from "../middleware/idempotency";
import { Problem } from "../middleware/problem";
import { claims } from "./claims";
import { team } from "./claims/team";
import { docs, type OpenAPIDocument } from "./docs";
import { extraction } from "./extract";
import { matching } from "./match";
import { router } from "./openapi";
import { publication } from "./publication";
import { rechecks } from "./rechecks";
import { sources } from "./sources";
import { speakers } from "./speakers";
import { stats } from "./stats";
import { tokens } from "./tokens";
import { transfer } from "./transfer";
import { MAX_IMPORT_BYTES } from "./transfer/routes";
import { webhooks } from "./webhooks";

export const MAX_BODY_BYTES = 1024 * 1024;

function documented() {
  const api = router();
  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "An API token (`POST /api/v1/tokens`), or the ADMIN_TOKEN secret.",
  });
  api.route("/", claims);
  api.route("/", publication);
  api.route("/", team);
  api.route("/", transfer);
  api.route("/", speakers);
  api.route("/", stats);
  api.route("/", sources);
  api.route("/", rechecks);
  api.route("/", tokens);
  api.route("/", extraction);
  api.route("/", matching);
  api.route("/", webhooks);
  return api;
}

export function createApi() {
  const api = documented();
  // Built on the first request for it, not with the app: generating it (and the /api/docs page
  // from it) took half of a cold start's CPU, and most requests never ask for it.
  let document: OpenAPIDocument | undefined;
  const openAPIDocument = () =>
    (document ??= api.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: "claimdesk API",
        version: "1.0.0",
        description:
          "Claims quoted in the news, who said them, where they were reported, and how far they are verified. Errors are RFC 9457 problem details.",
      },
      servers: [{ url: "/api/v1" }],
      security: [{ bearer: [] }],
    }));

  const v1 = new Hono<AppEnv>();
  v1.get("/openapi.json", (c) => c.json(openAPIDocument()));
  const sizeCap = (maxSize: number, limit: string) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new Problem({
          status: 413,
          title: "Payload too large",
          detail: `Request bodies are limited to ${limit}.`,
        });
      },
    });
  const bodyCap = sizeCap(MAX_BODY_BYTES, "1 MB");
  // A 10,000-row import does not fit in 1 MB; only /import gets the larger cap.
  const importCap = sizeCap(MAX_IMPORT_BYTES, "16 MB for an import");
  v1.use((c, next) => (c.req.path === "/api/v1/import" ? importCap : bodyCap)(c, next));
  v1.use(authenticate);
  v1.use(idempotency);
  v1.route("/", api);

  const root = new Hono<AppEnv>();
  root.route("/api/v1", v1);
  // GET /api/docs, and its stylesheet /assets/docs.css.
  root.route("/", docs(openAPIDocument));
  return root;
}
