// Webhook endpoints, for admins: register (the secret is shown once), list, change, enable or
// disable, delete, read the delivery log, redeliver. Urls pass the re-check's address guard.
import type { Db } from "../../db/client";
import {
  deleteEndpoint,
  deliveriesOf,
  type EndpointRow,
  getDelivery,
  getEndpoint,
  insertEndpoint,
  listEndpoints,
  requeue,
  updateEndpoint,
} from "../../db/queries/webhooks";
import type { Principal } from "../../domain/permissions";
import type { WebhookBody, WebhookEditBody } from "../../domain/schemas";
import { newWebhookSecret, type WebhookEvent } from "../../domain/webhooks";
import { refused } from "../access";
import { refusal } from "../rechecks/address";
import { fail, notFound, ok, type Result } from "../result";

export {
  anyDueNow,
  leaseForQueue,
  QUEUE_HOLD_MS,
  type SendDeps,
  type SendSummary,
  sendDelivery,
  sendDue,
} from "./send";
export { type WebhookSettings, webhookSettings } from "./settings";

/** An endpoint as admins see it: never its secret (shown once, at creation). */
export function endpointView(row: EndpointRow) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.events) as WebhookEvent[],
    enabled: row.disabledAt === null,
    disabled_at: row.disabledAt,
    disabled_reason: row.disabledReason,
    failing_since: row.failingSince,
    last_success_at: row.lastSuccessAt,
    last_failure_at: row.lastFailureAt,
    created_by: row.createdBy,
    created_at: row.createdAt,
  };
}
export type EndpointView = ReturnType<typeof endpointView>;

const DELIVERIES_SHOWN = 50;

function deliveryView(d: Awaited<ReturnType<typeof deliveriesOf>>[number]) {
  return {
    id: d.id,
    event_type: d.eventType,
    claim_id: d.claimId,
    state: d.state,
    attempts: d.attempts,
    created_at: d.createdAt,
    next_attempt_at: d.state === "pending" ? d.nextAttemptAt : null,
    delivered_at: d.deliveredAt,
    attempt_log: d.attemptLog.map((a) => ({
      at: a.at,
      ok: a.ok,
      http_status: a.httpStatus,
      duration_ms: a.durationMs,
      error: a.error,
    })),
  };
}
export type DeliveryView = ReturnType<typeof deliveryView>;

/** Why the url may not be an endpoint (private addresses, unless the local setting allows them). */
function urlRefused(url: string, allowPrivate: boolean) {
  const why = refusal(new URL(url), allowPrivate);
  return why
    ? fail({
        kind: "invalid",
        detail: `This url cannot receive webhooks: ${why}. Endpoints must be public http(s) addresses on the default port.`,
        errors: [{ path: "url", message: `refused: ${why}` }],
      })
    : null;
}

export async function webhookList(db: Db, actor: Principal): Promise<Result<EndpointView[]>> {
  const denied = refused(actor, "admin");
  if (denied) return denied;
  return ok((await listEndpoints(db)).map(endpointView));
}

export async function createWebhook(
  db: Db,
  actor: Principal,
  body: WebhookBody,
  allowPrivate: boolean,
): Promise<Result<EndpointView & { secret: string }>> {
  const denied = refused(actor, "admin");
  if (denied) return denied;
  const bad = urlRefused(body.url, allowPrivate);
  if (bad) return bad;
  const secret = newWebhookSecret();
  const row = await insertEndpoint(
    db,
    { url: body.url, events: [...new Set(body.events)], description: body.description ?? null, secret },
    actor.actor,
    new Date().toISOString(),
  );
  return ok({ ...endpointView(row), secret });
}

export async function webhookDetail(
  db: Db,
  actor: Principal,
  id: string,
): Promise<Result<EndpointView & { deliveries: DeliveryView[] }>> {
  const denied = refused(actor, "admin");
  if (denied) return denied;
  const row = await getEndpoint(db, id);
  if (!row) return notFound("webhook endpoint", id);
  const deliveries = await deliveriesOf(db, id, DELIVERIES_SHOWN);
  return ok({ ...endpointView(row), deliveries: deliveries.map(deliveryView) });
}

export async function editWebhook(
  db: Db,
  actor: Principal,
  id: string,
  body: WebhookEditBody,
  allowPrivate: boolean,
): Promise<Result<EndpointView>> {
  const denied = refused(actor, "admin");
  if (denied) return denied;
  if (body.url !== undefined) {
    const bad = urlRefused(body.url, allowPrivate);
    if (bad) return bad;
  }
  const current = await getEndpoint(db, id);
  if (!current) return notFound("webhook endpoint", id);
  const at = new Date().toISOString();
  const enabling = body.enabled === true && current.disabledAt !== null;
  const disabling = body.enabled === false && current.disabledAt === null;
  const row = await updateEndpoint(
    db,
    id,
    {
      ...(body.url !== undefined ? { url: body.url } : {}),
      ...(body.events !== undefined ? { events: JSON.stringify([...new Set(body.events)]) } : {}),
      ...(body.description !== undefined ? { description: body.description ?? null } : {}),
      // Enabled again: a fresh start, its failures forgotten.
      ...(enabling ? { disabledAt: null, disabledReason: null, failingSince: null } : {}),
      ...(disabling ? { disabledAt: at, disabledReason: `disabled by ${actor.actor}` } : {}),
    },
    at,
  );
  return row ? ok(endpointView(row)) : notFound("webhook endpoint", id);
}

export async function removeWebhook(db: Db, actor: Principal, id: string): Promise<Result<{ id: string }>> {
  const denied = refused(actor, "admin");
  if (denied) return denied;
  return (await deleteEndpoint(db, id)) ? ok({ id }) : notFound("webhook endpoint", id);
}

/** Sends a delivery again (same id and body), as soon as the sender runs. */
export async function redeliver(
  db: Db,
  actor: Principal,
  endpointId: string,
  deliveryId: string,
): Promise<Result<{ id: string }>> {
  const denied = refused(actor, "admin");
  if (denied) return denied;
  const endpoint = await getEndpoint(db, endpointId);
  const delivery = await getDelivery(db, deliveryId);
  if (!endpoint || !delivery || delivery.endpointId !== endpointId) return notFound("delivery", deliveryId);
  if (endpoint.disabledAt !== null) {
    return fail({
      kind: "conflict",
      title: "Endpoint disabled",
      detail: "This endpoint is disabled: enable it first, then redeliver.",
    });
  }
  await requeue(db, deliveryId, new Date().toISOString());
  return ok({ id: deliveryId });
}
