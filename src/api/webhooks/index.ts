// Outgoing webhooks over HTTP, admins only: endpoints (the secret in the creation answer only),
// their delivery log, redelivery.
import { createRoute, z } from "@hono/zod-openapi";
import { WebhookBody, WebhookEditBody } from "../../domain/schemas";
import { WEBHOOK_DELIVERY_STATES } from "../../domain/vocabulary";
import { WEBHOOK_EVENTS } from "../../domain/webhooks";
import { requirePermission } from "../../middleware/auth";
import { withholdFromRetries } from "../../middleware/idempotency";
import {
  createWebhook,
  editWebhook,
  redeliver,
  removeWebhook,
  webhookDetail,
  webhookList,
} from "../../services/webhooks";
import { IdParam, jsonBody, jsonResponse, problems, router } from "../openapi";
import { unwrap } from "../results";

const admin = [requirePermission("admin")];
const EndpointId = IdParam("id", "whk_01JNDX8Y3T6M5V0A7K2Q9R4B1C");

const Endpoint = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    enabled: z.boolean(),
    disabled_at: z.string().nullable(),
    disabled_reason: z.string().nullable().openapi({
      description: "Why it was disabled: by an admin, or after 24 hours in which every delivery failed.",
    }),
    failing_since: z
      .string()
      .nullable()
      .openapi({ description: "Since when every attempt has failed; null once one succeeds." }),
    last_success_at: z.string().nullable(),
    last_failure_at: z.string().nullable(),
    created_by: z.string(),
    created_at: z.string(),
  })
  .openapi("WebhookEndpoint");

const Delivery = z
  .object({
    id: z.string().openapi({ description: "The `webhook-id` header: the same on every attempt." }),
    event_type: z.string().openapi({ description: `One of ${WEBHOOK_EVENTS.join(", ")}.` }),
    claim_id: z.string(),
    state: z.enum(WEBHOOK_DELIVERY_STATES),
    attempts: z.number().int(),
    created_at: z.string(),
    next_attempt_at: z.string().nullable(),
    delivered_at: z.string().nullable(),
    attempt_log: z.array(
      z.object({
        at: z.string(),
        ok: z.boolean(),
        http_status: z.number().int().nullable(),
        duration_ms: z.number().int(),
        error: z.string().nullable(),
      }),
    ),
  })
  .openapi("WebhookDelivery");

const list = createRoute({
  method: "get",
  path: "/webhooks",
  tags: ["webhooks"],
  summary: "List webhook endpoints (never their secrets); disabled ones say why",
  middleware: admin,
  responses: { 200: jsonResponse(z.object({ data: z.array(Endpoint) }), "The endpoints"), ...problems() },
});

const create = createRoute({
  method: "post",
  path: "/webhooks",
  tags: ["webhooks"],
  summary: "Register an endpoint; its signing secret is in this answer only",
  description: `Events: ${WEBHOOK_EVENTS.join(", ")}. Deliveries follow the Standard Webhooks specification (webhook-id, webhook-timestamp, webhook-signature: v1 HMAC-SHA256 with the secret). The url must be a public http(s) address on the default port.`,
  middleware: admin,
  request: { body: jsonBody(WebhookBody) },
  responses: {
    201: jsonResponse(
      Endpoint.extend({
        secret: z.string().openapi({ description: "`whsec_…`: verify signatures with it. Shown once." }),
      }).openapi("WebhookEndpointCreated"),
      "Registered",
    ),
    ...problems(413, 415, 422),
  },
});

const detail = createRoute({
  method: "get",
  path: "/webhooks/{id}",
  tags: ["webhooks"],
  summary: "One endpoint with its latest 50 deliveries and every attempt of each",
  middleware: admin,
  request: { params: EndpointId },
  responses: {
    200: jsonResponse(
      Endpoint.extend({ deliveries: z.array(Delivery) }).openapi("WebhookEndpointDetail"),
      "The endpoint",
    ),
    ...problems(404),
  },
});

const edit = createRoute({
  method: "patch",
  path: "/webhooks/{id}",
  tags: ["webhooks"],
  summary: "Change the url, events or description; enable or disable",
  middleware: admin,
  request: { params: EndpointId, body: jsonBody(WebhookEditBody) },
  responses: { 200: jsonResponse(Endpoint, "The endpoint"), ...problems(404, 413, 415, 422) },
});

const remove = createRoute({
  method: "delete",
  path: "/webhooks/{id}",
  tags: ["webhooks"],
  summary: "Delete an endpoint and its delivery log",
  middleware: admin,
  request: { params: EndpointId },
  responses: { 204: { description: "Deleted" }, ...problems(404) },
});

const resend = createRoute({
  method: "post",
  path: "/webhooks/{id}/deliveries/{delivery_id}/redeliver",
  tags: ["webhooks"],
  summary: "Send a delivery again (same webhook-id and body, a new timestamp and signature)",
  middleware: admin,
  request: { params: EndpointId.extend(IdParam("delivery_id", "msg_5f3c0e2a9b7d4c1e8a6b2d9f0c3e7a1b").shape) },
  responses: {
    202: jsonResponse(z.object({ id: z.string() }), "Queued: it goes out right away, or with the next cron run"),
    ...problems(404, 409),
  },
});

export const webhooks = router()
  .openapi(list, async (c) => c.json({ data: unwrap(await webhookList(c.get("db"), c.get("principal"))) }, 200))
  .openapi(create, async (c) => {
    const made = unwrap(
      await createWebhook(c.get("db"), c.get("principal"), c.req.valid("json"), c.get("config").WEBHOOK_ALLOW_PRIVATE),
    );
    c.header("Cache-Control", "no-store");
    withholdFromRetries(c, {
      detail: `Already done: endpoint ${made.id} was registered by the first request with this Idempotency-Key; its secret was shown once, in that answer. Delete the endpoint and register it again if the secret was lost.`,
      extensions: { webhook_id: made.id },
    });
    return c.json(made, 201);
  })
  .openapi(detail, async (c) =>
    c.json(unwrap(await webhookDetail(c.get("db"), c.get("principal"), c.req.valid("param").id)), 200),
  )
  .openapi(edit, async (c) => {
    const allowPrivate = c.get("config").WEBHOOK_ALLOW_PRIVATE;
    const body = c.req.valid("json");
    return c.json(
      unwrap(await editWebhook(c.get("db"), c.get("principal"), c.req.valid("param").id, body, allowPrivate)),
      200,
    );
  })
  .openapi(remove, async (c) => {
    unwrap(await removeWebhook(c.get("db"), c.get("principal"), c.req.valid("param").id));
    return c.body(null, 204);
  })
  .openapi(resend, async (c) => {
    const { id, delivery_id } = c.req.valid("param");
    return c.json(unwrap(await redeliver(c.get("db"), c.get("principal"), id, delivery_id)), 202);
  });
