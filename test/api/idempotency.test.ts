// Idempotency-Key: what is kept for a retry, for how long, and what a retry is answered.
// Real routes through the Worker's fetch handler, and a small app built the way the API is
// (the middleware in a mounted sub-app, the app's onError at the top) for routes that fail,
// hang or answer large on demand.
import { env } from "cloudflare:workers";
import { type Context, Hono } from "hono";
import { requestId } from "hono/request-id";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../src/env";
import { handleError } from "../../src/middleware/errors";
import { compactForRetries, idempotency } from "../../src/middleware/idempotency";
import { api, attacksClaim } from "./helpers";

let n = 0;
const unique = (label: string) => `${label}-${++n}-${Math.random().toString(36).slice(2, 8)}`;
const freshClaim = () => ({ ...attacksClaim, text: `${attacksClaim.text} (${unique("idem")})` });

const keyRow = (key: string) =>
  env.DB.prepare("SELECT * FROM idempotency_keys WHERE key = ?")
    .bind(key)
    .first<{ status: number | null; headers: string | null; body: string | null; created_at: string }>();

/** Moves a key's start back in time, as if its request had begun `ms` ago. */
const age = (key: string, ms: number) =>
  env.DB.prepare("UPDATE idempotency_keys SET created_at = ? WHERE key = ?")
    .bind(new Date(Date.now() - ms).toISOString(), key)
    .run();

type Handler = (c: Context<AppEnv>) => Response | Promise<Response>;

/** An app shaped like the real one, with one POST route whose answer the test decides. */
function harness(handler: Handler) {
  const v1 = new Hono<AppEnv>();
  v1.use(async (c, next) => {
    c.set("principal", { role: "admin", actor: "test", key: "harness" });
    await next();
  });
  v1.use(idempotency);
  v1.post("/thing", handler);
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.route("/api/v1", v1);
  app.onError(handleError);
  return async (key: string, body: unknown = { a: 1 }) => {
    const res = await app.request(
      "http://claimdesk.test/api/v1/thing",
      {
        method: "POST",
        headers: { "idempotency-key": key, "content-type": "application/json" },
        body: JSON.stringify(body),
      },
      env,
    );
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {}
    // biome-ignore lint/suspicious/noExplicitAny: tests read answers of every shape
    return { status: res.status, headers: res.headers, text, json: json as any };
  };
}

describe("server errors are not kept", () => {
  it("a handler that throws answers 500 once; the retry runs again and its answer is the one kept", async () => {
    const key = unique("thrown");
    const body = freshClaim();
    await env.DB.exec(
      "CREATE TRIGGER idem_test_fail BEFORE INSERT ON claims BEGIN SELECT RAISE(ABORT, 'disk on fire'); END",
    );
    let first: Awaited<ReturnType<typeof api>>;
    try {
      first = await api("POST", "/claims", { body, headers: { "idempotency-key": key } });
    } finally {
      await env.DB.exec("DROP TRIGGER idem_test_fail");
    }
    expect(first.status).toBe(500);
    expect(first.headers.get("content-type")).toBe("application/problem+json");
    expect(await keyRow(key)).toBeNull();

    const retry = await api("POST", "/claims", { body, headers: { "idempotency-key": key } });
    expect(retry.status, retry.text).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    const again = await api("POST", "/claims", { body, headers: { "idempotency-key": key } });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json.id).toBe(retry.json.id);
  });

  it("a 5xx the handler returns releases the key too", async () => {
    let runs = 0;
    const call = harness((c) => (++runs === 1 ? c.json({ down: true }, 503) : c.json({ runs }, 201)));
    const key = unique("returned");
    expect((await call(key)).status).toBe(503);
    expect(await keyRow(key)).toBeNull();
    const retry = await call(key);
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual({ runs: 2 });
    expect((await call(key)).json).toEqual({ runs: 2 });
    expect(runs).toBe(2);
  });

  it("a 5xx kept before this rule (by an earlier version) is not replayed either", async () => {
    let runs = 0;
    const call = harness((c) => c.json({ run: ++runs }, 201));
    const key = unique("legacy");
    await call(key);
    await env.DB.prepare("UPDATE idempotency_keys SET status = 500 WHERE key = ?").bind(key).run();
    const retry = await call(key);
    expect(retry.json).toEqual({ run: 2 });
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
  });

  it("a 4xx is a final answer and is replayed", async () => {
    let runs = 0;
    const call = harness((c) => {
      runs++;
      return c.json({ problem: "no" }, 404);
    });
    const key = unique("four");
    expect((await call(key)).status).toBe(404);
    const retry = await call(key);
    expect(retry.status).toBe(404);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(runs).toBe(1);
  });
});

describe("a key in progress holds a lease, not a lock", () => {
  it("answers 409 with Retry-After while the first request runs, lets a retry take over when the lease ends, and keeps the newer answer", async () => {
    let release: (() => void) | undefined;
    let runs = 0;
    const call = harness(async (c) => {
      const run = ++runs;
      if (run === 1) await new Promise<void>((resolve) => (release = resolve));
      return c.json({ run }, 201);
    });
    const key = unique("lease");
    const first = call(key);
    while (!release) await new Promise((r) => setTimeout(r, 5));

    const busy = await call(key);
    expect(busy.status).toBe(409);
    expect(busy.headers.get("content-type")).toBe("application/problem+json");
    expect(busy.json.title).toBe("Request in progress");
    const wait = Number(busy.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);

    // The first request is now silent for longer than its lease (as one that died would be).
    await age(key, 61_000);
    const takeover = await call(key);
    expect(takeover.status).toBe(201);
    expect(takeover.json).toEqual({ run: 2 });

    // The first request finishes late: its answer reaches its client, but the key keeps the newer one.
    release?.();
    expect((await first).json).toEqual({ run: 1 });
    const replay = await call(key);
    expect(replay.json).toEqual({ run: 2 });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(runs).toBe(2);
  });

  it("a lease taken over is not taken over again by a request with a different body", async () => {
    const call = harness((c) => c.json({ ok: true }, 201));
    const key = unique("lease-body");
    expect((await call(key, { a: 1 })).status).toBe(201);
    await env.DB.prepare("UPDATE idempotency_keys SET status = NULL, headers = NULL, body = NULL WHERE key = ?")
      .bind(key)
      .run();
    await age(key, 61_000);
    expect((await call(key, { a: 2 })).status).toBe(422);
  });

  it("two concurrent first requests run the handler once", async () => {
    let runs = 0;
    const call = harness(async (c) => {
      runs++;
      await new Promise((r) => setTimeout(r, 20));
      return c.json({ runs }, 201);
    });
    const key = unique("race");
    const answers = await Promise.all([call(key), call(key), call(key)]);
    expect(runs).toBe(1);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const a of answers) expect([201, 409]).toContain(a.status);
  });

  it("two concurrent POST /claims with one key file one claim", async () => {
    const key = unique("race-claims");
    const body = freshClaim();
    const answers = await Promise.all([
      api("POST", "/claims", { body, headers: { "idempotency-key": key } }),
      api("POST", "/claims", { body, headers: { "idempotency-key": key } }),
    ]);
    for (const a of answers) expect([201, 409]).toContain(a.status);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM claims WHERE text = ?")
      .bind(body.text)
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
  });
});

describe("answers with secrets are never kept", () => {
  it("POST /tokens: the secret is shown once, never stored, and a retry names the token made", async () => {
    const key = unique("token");
    const name = unique("desk bot");
    const first = await api("POST", "/tokens", { body: { name, role: "viewer" }, headers: { "idempotency-key": key } });
    expect(first.status).toBe(201);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const secret: string = first.json.token;
    expect(secret).toMatch(/^cd_/);

    const row = await keyRow(key);
    expect(row?.status).not.toBeNull();
    expect(JSON.stringify(row)).not.toContain(secret);

    const retry = await api("POST", "/tokens", { body: { name, role: "viewer" }, headers: { "idempotency-key": key } });
    expect(retry.status).toBe(409);
    expect(retry.headers.get("content-type")).toBe("application/problem+json");
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    expect(retry.text).not.toContain(secret);
    expect(retry.json.detail).toContain(`token ${first.json.id} was made by the first request`);
    expect(retry.json.detail).toContain("shown once");
    expect(retry.json.token_id).toBe(first.json.id);

    const made = await env.DB.prepare("SELECT count(*) AS n FROM api_tokens WHERE name = ?")
      .bind(name)
      .first<{ n: number }>();
    expect(made?.n).toBe(1);
  });

  it("any answer marked Cache-Control: no-store is not kept; the retry learns what was made", async () => {
    let runs = 0;
    const call = harness((c) => {
      runs++;
      return c.json({ secret: "s3cret" }, 201, { "cache-control": "no-store", location: "/api/v1/things/1" });
    });
    const key = unique("no-store");
    expect((await call(key)).json).toEqual({ secret: "s3cret" });
    expect(JSON.stringify(await keyRow(key))).not.toContain("s3cret");
    const retry = await call(key);
    expect(retry.status).toBe(409);
    expect(retry.json.detail).toContain("/api/v1/things/1");
    expect(retry.text).not.toContain("s3cret");
    expect(runs).toBe(1);
  });
});

describe("kept answers are capped at 64 KB", () => {
  it("an import with thousands of errors is kept as its counts and a digest of its errors", async () => {
    const key = unique("import");
    const good = JSON.stringify({ ...freshClaim(), tags: ["bulk"] });
    const bad = Array.from({ length: 3000 }, (_, i) => `{"text": "broken row ${i}"`);
    const body = [good, ...bad].join("\n");
    const send = () =>
      api("POST", "/import", { body, headers: { "idempotency-key": key, "content-type": "application/x-ndjson" } });
    const first = await send();
    expect(first.status, first.text).toBe(200);
    expect(first.json.created).toBe(1);
    expect(first.json.errors).toHaveLength(3000);
    expect(first.text.length).toBeGreaterThan(64 * 1024);

    const row = await keyRow(key);
    expect(new TextEncoder().encode(row?.body ?? "").length).toBeLessThanOrEqual(64 * 1024);

    const retry = await send();
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.headers.get("content-type")).toMatch(/^application\/json/);
    expect(retry.json.created).toBe(1);
    expect(retry.json.duplicates).toBe(0);
    expect(retry.json.errors).toEqual(first.json.errors.slice(0, retry.json.errors.length));
    expect(retry.json.errors.length).toBeGreaterThan(0);
    expect(retry.json.errors_total).toBe(3000);
    expect(retry.json.errors_not_shown).toBe(3000 - retry.json.errors.length);
    expect(retry.json.note).toMatch(/full list .* original answer/);
  });

  it("a route can give its own compact form for a large answer", async () => {
    const call = harness((c) => {
      compactForRetries(c, (text) =>
        JSON.stringify({ items: (JSON.parse(text) as { items: unknown[] }).items.length }),
      );
      return c.json({ items: Array.from({ length: 20_000 }, (_, i) => i) }, 200);
    });
    const key = unique("compact");
    expect((await call(key)).json.items).toHaveLength(20_000);
    const retry = await call(key);
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual({ items: 20_000 });
  });

  it("a large answer without a compact form is not kept; the retry says it completed and is too large to replay", async () => {
    let runs = 0;
    const big = "x".repeat(70 * 1024);
    const call = harness((c) => {
      runs++;
      return c.json({ big }, 201, { location: "/api/v1/things/2" });
    });
    const key = unique("too-large");
    expect((await call(key)).json.big).toBe(big);
    expect((await keyRow(key))?.body?.length ?? 0).toBeLessThan(4096);
    const retry = await call(key);
    expect(retry.status).toBe(409);
    expect(retry.headers.get("content-type")).toBe("application/problem+json");
    expect(retry.json.detail).toMatch(/completed/);
    expect(retry.json.detail).toMatch(/too large to replay/);
    expect(retry.json.detail).toContain("/api/v1/things/2");
    expect(runs).toBe(1);
  });
});

describe("replays", () => {
  it("keep the status, Content-Type, Location and ETag, and say they are replays", async () => {
    const call = harness((c) =>
      c.body(JSON.stringify({ id: "x1" }), 201, {
        "content-type": "application/vnd.test+json",
        location: "/api/v1/things/x1",
        etag: '"7"',
        "x-other": "not kept",
      }),
    );
    const key = unique("headers");
    const first = await call(key);
    const retry = await call(key);
    expect(retry.status).toBe(201);
    expect(retry.text).toBe(first.text);
    for (const name of ["content-type", "location", "etag"])
      expect(retry.headers.get(name)).toBe(first.headers.get(name));
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
  });

  it("a key reused with a different body answers 422", async () => {
    const call = harness((c) => c.json({ ok: true }, 201));
    const key = unique("reuse");
    expect((await call(key, { a: 1 })).status).toBe(201);
    const reused = await call(key, { a: 2 });
    expect(reused.status).toBe(422);
    expect(reused.headers.get("content-type")).toBe("application/problem+json");
  });

  it("a kept answer older than 24 hours is not replayed, even before the cron purges it", async () => {
    let runs = 0;
    const call = harness((c) => c.json({ run: ++runs }, 201));
    const key = unique("old");
    await call(key);
    await age(key, 24 * 60 * 60 * 1000 + 1000);
    const later = await call(key);
    expect(later.json).toEqual({ run: 2 });
    expect(later.headers.get("idempotent-replayed")).toBeNull();
  });
});
