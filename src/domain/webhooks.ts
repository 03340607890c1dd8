// Outgoing webhooks, the pure part: which claim events other systems can subscribe to, the
// Standard Webhooks signature (https://www.standardwebhooks.com), and the retry schedule.
import type { EventAction } from "./vocabulary";

/** Every event type an endpoint may subscribe to, and the history actions that cause it. The
 * outbox trigger (drizzle/0009_team_workflow.sql) maps actions to types the same way; the
 * test "every mapped action writes its delivery" holds the two together. Publishing adds
 * `claim.published` here and in the trigger. */
export const WEBHOOK_EVENT_ACTIONS = {
  "claim.created": ["created"],
  "claim.reviewed": ["status_changed", "attribution_changed"],
  "claim.flagged": ["flag_raised"],
  "claim.assigned": ["assigned"],
  "claim.published": ["published", "corrected"],
} as const satisfies Record<string, readonly EventAction[]>;

export type WebhookEvent = keyof typeof WEBHOOK_EVENT_ACTIONS;
export const WEBHOOK_EVENTS = Object.keys(WEBHOOK_EVENT_ACTIONS) as [WebhookEvent, ...WebhookEvent[]];

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEvent, string> = {
  "claim.created": "a claim was filed (by hand, the API or an import)",
  "claim.reviewed": "a claim's status or attribution changed",
  "claim.flagged": "the re-check raised a flag on a claim",
  "claim.assigned": "a claim was assigned to someone",
  "claim.published": "a fact-check was published, or republished with a correction",
};

const SECRET_PREFIX = "whsec_";

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

/** A new signing secret: `whsec_` and 32 random bytes in base64, as the spec writes them. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(32)));
}

/** `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, keyed with the secret's bytes. */
export async function signWebhook(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    fromBase64(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${id}.${timestamp}.${body}`));
  return `v1,${toBase64(new Uint8Array(mac))}`;
}

/** The three headers of one attempt. */
export async function webhookHeaders(secret: string, id: string, timestamp: number, body: string) {
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": await signWebhook(secret, id, timestamp, body),
  };
}

/** Wait after the n-th failed attempt (1-based): 30 s, 2 min, 8 min, 32 min, ~2 h, then every
 * 6 hours; the endpoint is disabled once it has failed for DISABLE_AFTER_MS. */
export function retryDelayMs(failedAttempts: number): number {
  const base = 30_000 * 4 ** Math.max(0, failedAttempts - 1);
  return Math.min(base, RETRY_CAP_MS);
}
export const RETRY_CAP_MS = 6 * 60 * 60 * 1000;
export const DISABLE_AFTER_MS = 24 * 60 * 60 * 1000;

/** The body every delivery carries (the spec's recommended envelope). */
export function webhookBody(type: WebhookEvent | string, at: string, data: unknown): string {
  return JSON.stringify({ type, timestamp: at, data });
}

/** What WEBHOOK_QUEUE carries: a delivery to send now (the outbox row holds the rest). */
export interface WebhookMessage {
  webhookDeliveryId: string;
}

export function isWebhookMessage(body: unknown): body is WebhookMessage {
  return typeof body === "object" && body !== null && typeof (body as WebhookMessage).webhookDeliveryId === "string";
}
