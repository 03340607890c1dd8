// The cron purges idempotency keys older than 24 hours (requests no longer delete them).
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { api } from "./helpers";

const HOUR = 60 * 60 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

async function keep(key: string, createdAt: string, status: number | null) {
  await env.DB.prepare(
    "INSERT INTO idempotency_keys (scope, key, request_hash, status, headers, body, created_at) VALUES ('admin-token', ?, ?, ?, ?, ?, ?)",
  )
    .bind(key, "0".repeat(64), status, status === null ? null : "{}", status === null ? null : "{}", createdAt)
    .run();
}

const keys = async () =>
  (await env.DB.prepare("SELECT key FROM idempotency_keys ORDER BY key").all<{ key: string }>()).results.map(
    (r) => r.key,
  );

describe("purging expired idempotency keys", () => {
  it("the scheduled handler deletes keys older than 24 hours, done or abandoned, and keeps the rest", async () => {
    await keep("old-done", ago(25 * HOUR), 201);
    await keep("old-abandoned", ago(30 * HOUR), null);
    await keep("recent-done", ago(23 * HOUR), 201);
    await keep("recent-running", ago(1000), null);
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "*/15 * * * *" }), env);
    expect(await keys()).toEqual(["recent-done", "recent-running"]);
  });

  it("a request does not delete other callers' expired keys", async () => {
    await keep("stale-other", ago(48 * HOUR), 201);
    const res = await api("POST", "/speakers", {
      body: { name: "Purge Test Speaker" },
      headers: { "idempotency-key": "purge-hot-path" },
    });
    expect(res.status, res.text).toBeLessThan(500);
    expect(await keys()).toContain("stale-other");
  });
});
