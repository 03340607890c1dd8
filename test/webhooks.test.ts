// Outgoing webhooks: the Standard Webhooks signature (the spec's own test vector, and a receiver
// here that verifies every delivery), the outbox written with the change and only with it,
// retries after a 500 and a timeout on one schedule, the endpoint disabled after a day of
// failures, redelivery, the queue consumer, and who may manage endpoints.
import { env } from "cloudflare:workers";
import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createDb } from "../src/db/client";
import type { Principal } from "../src/domain/permissions";
import { signWebhook, WEBHOOK_EVENT_ACTIONS, type WebhookMessage } from "../src/domain/webhooks";
import { handleWebhookQueue } from "../src/jobs/webhooks";
import { createClaim } from "../src/services/claims";
import { sendDue, type WebhookSettings } from "../src/services/webhooks";
import { api, attacksClaim, tokenFor } from "./api/helpers";

const HOOK = "https://hooks.example.org/claimdesk";
const web = setupServer();
const received: { headers: Headers; body: string }[] = [];
const db = createDb(env.DB);
const admin: Principal = { role: "admin", actor: "webhook test", key: "admin-token" };
const settings: WebhookSettings = { timeoutMs: 300, allowPrivate: false, batch: 50, userAgent: "test" };
const SECOND = 1000;
let n = 0;

beforeAll(() => web.listen({ onUnhandledRequest: "error" }));
afterEach(() => web.resetHandlers());
afterAll(() => web.close());
beforeEach(async () => {
  received.length = 0;
  // Each test registers its own endpoint; the others stop receiving.
  await env.DB.prepare("DELETE FROM webhook_endpoints").run();
});

/** Verifies a delivery as a receiver would, with its own HMAC, and answers its parsed body. */
async function verified(request: Request, secret: string) {
  const id = request.headers.get("webhook-id") ?? "";
  const timestamp = request.headers.get("webhook-timestamp") ?? "";
  const body = await request.text();
  const key = await crypto.subtle.importKey(
    "raw",
    Uint8Array.from(atob(secret.slice("whsec_".length)), (c) => c.charCodeAt(0)),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const signatures = (request.headers.get("webhook-signature") ?? "").split(" ");
  const good = await Promise.any(
    signatures.map(async (s) => {
      const [version, mac] = s.split(",");
      const bytes = Uint8Array.from(atob(mac ?? ""), (c) => c.charCodeAt(0));
      const ok =
        version === "v1" &&
        (await crypto.subtle.verify("HMAC", key, bytes, new TextEncoder().encode(`${id}.${timestamp}.${body}`)));
      if (!ok) throw new Error("bad signature");
      return true;
    }),
  ).catch(() => false);
  expect(good, "signature verifies").toBe(true);
  expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(24 * 3600 * 2);
  return JSON.parse(body) as {
    type: string;
    timestamp: string;
    data: { claim: { id: string; status: string; assignee: string | null } };
  };
}

async function register(events: string[], url = HOOK) {
  const res = await api("POST", "/webhooks", { body: { url, events, description: "CMS" } });
  expect(res.status).toBe(201);
  return res.json as { id: string; secret: string };
}

async function newClaim() {
  n += 1;
  const made = await createClaim(db, admin, { ...attacksClaim, text: `webhook claim ${n}`, kind: "statistic" });
  if (!made.ok) throw new Error("claim not created");
  return made.value;
}

const deliveries = async (endpointId: string) =>
  (
    await env.DB.prepare("SELECT * FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY created_at")
      .bind(endpointId)
      .all()
  ).results as { id: string; state: string; attempts: number; event_type: string; next_attempt_at: string | null }[];

const at = (ms: number) => new Date(Date.now() + ms);

describe("the signature", () => {
  it("matches the Standard Webhooks test vector", async () => {
    const signature = await signWebhook(
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "msg_p5jXN8AQM9LWM0D4loKWxJek",
      1614265330,
      '{"test": 2432232314}',
    );
    expect(signature).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("is verified by a receiver: a claim filed through the API is delivered right after it commits", async () => {
    const endpoint = await register(["claim.created", "claim.assigned"]);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    web.use(
      http.post(HOOK, async ({ request }) => {
        received.push({ headers: request.headers, body: await request.clone().text() });
        const body = await verified(request as unknown as Request, endpoint.secret);
        expect(body.type).toBe("claim.created");
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const res = await api("POST", "/claims", { body: { ...attacksClaim, text: "delivered right away" } });
    expect(res.status).toBe(201);
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 5000, interval: 50 });
    const body = JSON.parse(received[0]?.body ?? "{}");
    expect(body.data.claim).toMatchObject({ id: res.json.id, text: "delivered right away", status: "unverified" });
    expect(body.data.claim).not.toHaveProperty("notes");
    await vi.waitFor(async () => expect((await deliveries(endpoint.id))[0]?.state).toBe("delivered"));
    // The log says so, the secret is never shown again.
    const detail = await api("GET", `/webhooks/${endpoint.id}`);
    expect(detail.text).not.toContain(endpoint.secret);
    expect(detail.json.deliveries[0]).toMatchObject({ event_type: "claim.created", state: "delivered", attempts: 1 });
    expect(detail.json.deliveries[0].attempt_log[0]).toMatchObject({ ok: true, http_status: 204, error: null });
  });
});

describe("the outbox", () => {
  it("maps every history action the domain lists to its event type, once per change", async () => {
    const types = Object.keys(WEBHOOK_EVENT_ACTIONS);
    const endpoint = await register(types);
    const claim = await newClaim();
    const stamp = new Date().toISOString();
    for (const [type, actions] of Object.entries(WEBHOOK_EVENT_ACTIONS)) {
      for (const action of actions) {
        await env.DB.prepare("INSERT INTO claim_events (id, claim_id, at, actor, action) VALUES (?, ?, ?, 'test', ?)")
          .bind(`evt_${type}_${action}`, claim.id, `${stamp}-${type}`, action)
          .run();
      }
    }
    const got = await deliveries(endpoint.id);
    const created = got.filter((d) => d.event_type === "claim.created");
    // The claim's own `created` event plus the one inserted here.
    expect(created).toHaveLength(2);
    for (const type of types.filter((t) => t !== "claim.created")) {
      expect(
        got.filter((d) => d.event_type === type),
        type,
      ).toHaveLength(1);
    }
    // Actions no one subscribes to write nothing.
    const before = got.length;
    await env.DB.prepare(
      "INSERT INTO claim_events (id, claim_id, at, actor, action) VALUES ('evt_edit', ?, ?, 'test', 'edited')",
    )
      .bind(claim.id, stamp)
      .run();
    expect(await deliveries(endpoint.id)).toHaveLength(before);
  });

  it("writes nothing for a change that failed: stale, refused by a rule, or a duplicate", async () => {
    const endpoint = await register(["claim.created", "claim.reviewed", "claim.assigned"]);
    const claim = await newClaim();
    expect(await deliveries(endpoint.id)).toHaveLength(1);
    const stale = await api("POST", `/claims/${claim.id}/reviews`, {
      body: { status: "verified", rationale: "checked" },
      headers: { "if-match": `"${claim.version + 5}"` },
    });
    expect(stale.status).toBe(412);
    const needsEvidence = await api("POST", `/claims/${claim.id}/reviews`, {
      body: { status: "false", rationale: "wrong" },
      headers: { "if-match": `"${claim.version}"` },
    });
    expect(needsEvidence.status).toBe(422);
    const staleAssign = await api("PUT", `/claims/${claim.id}/assignee`, {
      body: { me: true },
      headers: { "if-match": `"${claim.version + 1}"` },
    });
    expect(staleAssign.status).toBe(412);
    const duplicate = await api("POST", "/claims", {
      body: { ...attacksClaim, text: `webhook claim ${n}`, kind: "statistic" },
    });
    expect(duplicate.status).toBe(409);
    expect(await deliveries(endpoint.id)).toHaveLength(1);
    // A review that changes status and attribution at once is one claim.reviewed.
    web.use(http.post(HOOK, () => new HttpResponse(null, { status: 200 })));
    const reviewed = await api("POST", `/claims/${claim.id}/reviews`, {
      body: { status: "verified", attribution: "confirmed", rationale: "checked" },
      headers: { "if-match": `"${claim.version}"` },
    });
    expect(reviewed.status).toBe(200);
    expect((await deliveries(endpoint.id)).map((d) => d.event_type)).toEqual(["claim.created", "claim.reviewed"]);
  });
});

describe("retries", () => {
  it("retries after a 500 on the schedule, with the same webhook-id and body", async () => {
    const endpoint = await register(["claim.created"]);
    let answer = 500;
    web.use(
      http.post(HOOK, async ({ request }) => {
        received.push({ headers: request.headers, body: await request.text() });
        return new HttpResponse("down", { status: answer });
      }),
    );
    await newClaim();
    const first = await sendDue({ db, settings }, at(SECOND));
    expect(first).toMatchObject({ sent: 1, delivered: 0, failed: 1 });
    const [waiting] = await deliveries(endpoint.id);
    expect(waiting).toMatchObject({ state: "pending", attempts: 1 });
    // Not before the first retry delay (30 s).
    expect(await sendDue({ db, settings }, at(20 * SECOND))).toMatchObject({ sent: 0 });
    answer = 200;
    expect(await sendDue({ db, settings }, at(32 * SECOND))).toMatchObject({ sent: 1, delivered: 1 });
    expect(received).toHaveLength(2);
    expect(received[1]?.headers.get("webhook-id")).toBe(received[0]?.headers.get("webhook-id"));
    expect(received[1]?.body).toBe(received[0]?.body);
    const detail = await api("GET", `/webhooks/${endpoint.id}`);
    expect(detail.json.failing_since).toBeNull();
    expect(detail.json.deliveries[0].attempt_log.map((a: { http_status: number }) => a.http_status)).toEqual([
      200, 500,
    ]);
    expect(detail.json.deliveries[0].attempt_log[1].error).toBe("HTTP 500");
  });

  it("retries after a timeout, and does not follow redirects", async () => {
    const endpoint = await register(["claim.created"]);
    let slow = true;
    web.use(
      http.post(HOOK, async () => {
        if (slow) await delay(2000);
        return new HttpResponse(null, { status: 200 });
      }),
      http.post(
        "https://hooks.example.org/moved",
        () => new HttpResponse(null, { status: 302, headers: { location: HOOK } }),
      ),
    );
    await newClaim();
    expect(await sendDue({ db, settings }, at(SECOND))).toMatchObject({ failed: 1 });
    const log = (await api("GET", `/webhooks/${endpoint.id}`)).json.deliveries[0].attempt_log;
    expect(log[0]).toMatchObject({ ok: false, http_status: null, error: "timed out after 300 ms" });
    slow = false;
    expect(await sendDue({ db, settings }, at(32 * SECOND))).toMatchObject({ delivered: 1 });

    const moved = await register(["claim.created"], "https://hooks.example.org/moved");
    await newClaim();
    expect(await sendDue({ db, settings }, at(SECOND))).toMatchObject({ failed: 1 });
    const movedLog = (await api("GET", `/webhooks/${moved.id}`)).json.deliveries[0].attempt_log;
    expect(movedLog[0]).toMatchObject({ http_status: 302, error: "HTTP 302: redirects are not followed" });
  });

  it("disables an endpoint that failed for a day, flags it to admins, and redelivers once enabled", async () => {
    const endpoint = await register(["claim.created"]);
    let answer = 503;
    web.use(http.post(HOOK, () => new HttpResponse(null, { status: answer })));
    await newClaim();
    await sendDue({ db, settings }, at(SECOND));
    let now = SECOND;
    // Retry after retry, up to a day later.
    for (let i = 0; i < 12; i++) {
      const [d] = await deliveries(endpoint.id);
      if (d?.state !== "pending") break;
      now = Math.max(now, Date.parse(d.next_attempt_at ?? "") - Date.now() + SECOND);
      await sendDue({ db, settings }, at(now));
    }
    const [given] = await deliveries(endpoint.id);
    expect(given?.state).toBe("failed");
    const listed = (await api("GET", "/webhooks")).json.data.find((e: { id: string }) => e.id === endpoint.id);
    expect(listed).toMatchObject({ enabled: false });
    expect(listed.disabled_reason).toContain("every delivery failed for 24 hours");
    expect(Date.parse(listed.disabled_at) - Date.parse(listed.failing_since)).toBeGreaterThanOrEqual(
      24 * 3600 * SECOND,
    );

    const refused = await api("POST", `/webhooks/${endpoint.id}/deliveries/${given?.id}/redeliver`);
    expect(refused.status).toBe(409);
    expect((await api("PATCH", `/webhooks/${endpoint.id}`, { body: { enabled: true } })).json.enabled).toBe(true);
    answer = 200;
    const again = await api("POST", `/webhooks/${endpoint.id}/deliveries/${given?.id}/redeliver`);
    expect(again.status).toBe(202);
    await vi.waitFor(async () => expect((await deliveries(endpoint.id))[0]?.state).toBe("delivered"), {
      timeout: 5000,
    });
  });

  it("the queue consumer acks a delivery sent and retries a failure after the schedule's delay", async () => {
    const endpoint = await register(["claim.created"]);
    let answer = 500;
    web.use(http.post(HOOK, () => new HttpResponse(null, { status: answer })));
    await newClaim();
    const [d] = await deliveries(endpoint.id);
    const message = () => ({ body: { webhookDeliveryId: d?.id ?? "" }, attempts: 1, ack: vi.fn(), retry: vi.fn() });
    const failing = message();
    await handleWebhookQueue({ messages: [failing] } as unknown as MessageBatch<WebhookMessage>, {
      ...env,
      WEBHOOK_TIMEOUT_MS: "300",
    });
    expect(failing.retry).toHaveBeenCalledWith({ delaySeconds: 30 });
    expect(failing.ack).not.toHaveBeenCalled();
    // The queue holds it: the cron leaves it alone meanwhile.
    expect(await sendDue({ db, settings }, at(60 * SECOND))).toMatchObject({ sent: 0 });
    answer = 200;
    const retried = message();
    await handleWebhookQueue({ messages: [retried] } as unknown as MessageBatch<WebhookMessage>, env);
    expect(retried.ack).toHaveBeenCalled();
    expect((await deliveries(endpoint.id))[0]).toMatchObject({ state: "delivered", attempts: 2 });
  });
});

describe("managing endpoints", () => {
  it("is for admins only", async () => {
    const reviewer = await tokenFor("reviewer", "hook reviewer");
    const viewer = await tokenFor("viewer", "hook viewer");
    for (const token of [reviewer, viewer]) {
      expect((await api("GET", "/webhooks", { token })).status).toBe(403);
      expect((await api("POST", "/webhooks", { token, body: { url: HOOK, events: ["claim.created"] } })).status).toBe(
        403,
      );
    }
  });

  it("refuses private addresses, unknown events and no events", async () => {
    for (const url of [
      "http://127.0.0.1/hook",
      "http://localhost/hook",
      "https://hooks.example.org:8443/x",
      "http://10.0.0.5/",
    ]) {
      const res = await api("POST", "/webhooks", { body: { url, events: ["claim.created"] } });
      expect(res.status, url).toBe(422);
      expect(res.json.errors[0].path).toBe("url");
    }
    expect((await api("POST", "/webhooks", { body: { url: HOOK, events: ["claim.deleted"] } })).status).toBe(422);
    expect((await api("POST", "/webhooks", { body: { url: HOOK, events: [] } })).status).toBe(422);
    const made = await register(["claim.flagged"]);
    expect((await api("PATCH", `/webhooks/${made.id}`, { body: { url: "http://192.168.1.1/" } })).status).toBe(422);
    expect((await api("DELETE", `/webhooks/${made.id}`)).status).toBe(204);
    expect((await api("GET", `/webhooks/${made.id}`)).status).toBe(404);
  });
});
