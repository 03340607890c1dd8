// Idempotency-Key on POST: the first answer to a key is stored for 24 hours and replayed to
// retries of the same request, so a client that lost a response can retry without filing twice.
import type { MiddlewareHandler } from "hono";
import { sha256Hex } from "../domain/hash";
import type { AppEnv } from "../env";
import { Problem } from "./problem";

const TTL_MS = 24 * 60 * 60 * 1000;

export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header("idempotency-key");
  if (c.req.method !== "POST" || key === undefined) return next();
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new Problem({
      status: 400,
      title: "Bad request",
      detail: "Idempotency-Key must be 1 to 255 visible ASCII characters.",
      errors: [{ path: "Idempotency-Key", message: "invalid key" }],
    });
  }
  const db = c.env.DB;
  const scope = c.get("principal").key;
  const now = Date.now();
  const requestHash = await sha256Hex(`${c.req.method} ${new URL(c.req.url).pathname}\n${await c.req.text()}`);
  await db
    .prepare("DELETE FROM idempotency_keys WHERE created_at < ?")
    .bind(new Date(now - TTL_MS).toISOString())
    .run();
  const reserved = await db
    .prepare(
      "INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
    )
    .bind(scope, key, requestHash, new Date(now).toISOString())
    .run();
  if (reserved.meta.changes === 0) {
    const stored = await db
      .prepare("SELECT request_hash, status, headers, body FROM idempotency_keys WHERE scope = ? AND key = ?")
      .bind(scope, key)
      .first<{ request_hash: string; status: number | null; headers: string | null; body: string | null }>();
    if (stored && stored.request_hash !== requestHash) {
      throw new Problem({
        status: 422,
        title: "Idempotency key reused",
        detail: "This Idempotency-Key was used for a different request in the last 24 hours; use a new key.",
      });
    }
    if (!stored || stored.status === null) {
      throw new Problem({
        status: 409,
        title: "Request in progress",
        detail: "A request with this Idempotency-Key is still being processed; retry shortly.",
      });
    }
    const headers = new Headers(JSON.parse(stored.headers ?? "{}") as Record<string, string>);
    headers.set("Idempotent-Replayed", "true");
    return new Response(stored.body, { status: stored.status, headers });
  }
  try {
    await next();
  } catch (err) {
    // Nothing was stored for this key: the client may retry it.
    await db.prepare("DELETE FROM idempotency_keys WHERE scope = ? AND key = ?").bind(scope, key).run();
    throw err;
  }
  const res = c.res;
  const kept: Record<string, string> = {};
  for (const name of ["content-type", "location", "etag"]) {
    const value = res.headers.get(name);
    if (value) kept[name] = value;
  }
  await db
    .prepare("UPDATE idempotency_keys SET status = ?, headers = ?, body = ? WHERE scope = ? AND key = ?")
    .bind(res.status, JSON.stringify(kept), await res.clone().text(), scope, key)
    .run();
};
