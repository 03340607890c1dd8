// Sending webhook deliveries after the change has committed: from the request that caused it
// (waitUntil), the cron, or the WEBHOOK_QUEUE consumer, all through sendDelivery. Each attempt
// is bounded (timeout, no redirects followed, only public addresses unless allowed), signed per
// Standard Webhooks, and logged; a failure is retried on one schedule (retryDelayMs), and an
// endpoint failing for a day is disabled.
import type { Db } from "../../db/client";
import {
  anyDue,
  fixPayload,
  getDelivery,
  getEndpoint,
  leaseDue,
  recordAttempt,
  release,
} from "../../db/queries/webhooks";
import { DISABLE_AFTER_MS, retryDelayMs, webhookBody, webhookHeaders } from "../../domain/webhooks";
import { findClaim } from "../claims";
import { refusal } from "../rechecks/address";
import type { WebhookSettings } from "./settings";

export interface SendDeps {
  db: Db;
  settings: WebhookSettings;
}

export type SendOutcome =
  | { kind: "delivered"; status: number }
  | { kind: "failed"; retryInMs: number; disabled: boolean; error: string }
  /** Nothing to send: delivered already, given up, or gone. */
  | { kind: "skipped" };

class Timeout extends Error {}

const iso = (ms: number) => new Date(ms).toISOString();

/** One attempt at one delivery. `holdRetryFor`: how long after the retry is due the caller keeps
 * holding it (the queue, which schedules the retry itself); otherwise the lease is released. */
export async function sendDelivery(deps: SendDeps, id: string, now: Date, holdRetryFor?: number): Promise<SendOutcome> {
  const { db, settings } = deps;
  const delivery = await getDelivery(db, id);
  if (delivery?.state !== "pending") return { kind: "skipped" };
  const endpoint = await getEndpoint(db, delivery.endpointId);
  if (!endpoint || endpoint.disabledAt !== null) {
    await release(db, id);
    return { kind: "skipped" };
  }
  const payload =
    delivery.payload ??
    (await fixPayload(
      db,
      id,
      webhookBody(delivery.eventType, delivery.createdAt, {
        claim: (await findClaim(db, delivery.claimId)) ?? { id: delivery.claimId },
      }),
    ));
  const started = Date.now();
  const attempt = await post(endpoint.url, id, payload, endpoint.secret, now, settings);
  const at = now.toISOString();
  const durationMs = Date.now() - started;
  if (attempt.ok) {
    await recordAttempt(db, {
      deliveryId: id,
      endpointId: endpoint.id,
      at,
      durationMs,
      httpStatus: attempt.status,
      error: null,
      ok: true,
    });
    return { kind: "delivered", status: attempt.status };
  }
  const retryInMs = retryDelayMs(delivery.attempts + 1);
  const next = now.getTime() + retryInMs;
  const { disabled } = await recordAttempt(db, {
    deliveryId: id,
    endpointId: endpoint.id,
    at,
    durationMs,
    httpStatus: attempt.status,
    error: attempt.error,
    ok: false,
    nextAttemptAt: iso(next),
    leaseUntil: holdRetryFor === undefined ? null : iso(next + holdRetryFor),
    disableIfFailingSince: iso(now.getTime() - DISABLE_AFTER_MS),
    disabledReason: `every delivery failed for 24 hours (last: ${attempt.error})`,
  });
  return { kind: "failed", retryInMs, disabled, error: attempt.error };
}

type Attempt = { ok: true; status: number } | { ok: false; status: number | null; error: string };

async function post(
  url: string,
  id: string,
  body: string,
  secret: string,
  now: Date,
  settings: WebhookSettings,
): Promise<Attempt> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, status: null, error: "not a url" };
  }
  const refused = refusal(target, settings.allowPrivate);
  if (refused) return { ok: false, status: null, error: `refused: ${refused}` };
  const headers = await webhookHeaders(secret, id, Math.floor(now.getTime() / 1000), body);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Timeout()), settings.timeoutMs);
  try {
    const res = await fetch(target, {
      method: "POST",
      body,
      headers: { ...headers, "user-agent": settings.userAgent },
      redirect: "manual",
      signal: controller.signal,
    });
    // The answer's body means nothing to us: not read, only its status.
    await res.body?.cancel();
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    if (res.status >= 300 && res.status < 400) {
      return { ok: false, status: res.status, error: `HTTP ${res.status}: redirects are not followed` };
    }
    return { ok: false, status: res.status, error: `HTTP ${res.status}` };
  } catch (err) {
    if (controller.signal.aborted)
      return { ok: false, status: null, error: `timed out after ${settings.timeoutMs} ms` };
    return { ok: false, status: null, error: `network error: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    clearTimeout(timer);
  }
}

export interface SendSummary {
  sent: number;
  delivered: number;
  failed: number;
  disabled: number;
}

/** Sends what is due now (up to settings.batch), a few at a time. */
export async function sendDue(deps: SendDeps, now: Date): Promise<SendSummary> {
  const ids = await leaseDue(
    deps.db,
    now.toISOString(),
    iso(now.getTime() + leaseMs(deps.settings)),
    deps.settings.batch,
  );
  const summary: SendSummary = { sent: ids.length, delivered: 0, failed: 0, disabled: 0 };
  const PARALLEL = 6;
  for (let i = 0; i < ids.length; i += PARALLEL) {
    const outcomes = await Promise.all(ids.slice(i, i + PARALLEL).map((id) => sendDelivery(deps, id, now)));
    for (const o of outcomes) {
      if (o.kind === "delivered") summary.delivered++;
      if (o.kind === "failed") summary.failed++;
      if (o.kind === "failed" && o.disabled) summary.disabled++;
    }
  }
  return summary;
}

/** Long enough for every attempt of a batch to finish, short enough that a crashed run's
 * deliveries go out with the next. */
export const leaseMs = (settings: WebhookSettings) => settings.timeoutMs * 2 + 60_000;

/** Leases what is due for the queue to send (the queue then holds each until its retry is due). */
export async function leaseForQueue(deps: SendDeps, now: Date): Promise<string[]> {
  return leaseDue(deps.db, now.toISOString(), iso(now.getTime() + QUEUE_HOLD_MS), deps.settings.batch * 10);
}

/** How long a delivery handed to the queue is left to it before the cron takes it back. */
export const QUEUE_HOLD_MS = 15 * 60_000;

/** Whether any delivery is waiting to go out now (one indexed read). */
export const anyDueNow = (db: Db, now: Date) => anyDue(db, now.toISOString());
