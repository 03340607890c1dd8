// Idempotency keys called directly (src/services/idempotency.ts): who holds a key, when a retry
// may take it over, and what a retry is told. The HTTP side is test/api/idempotency.test.ts.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  claimKey,
  giveUpKey,
  keepAnswer,
  LEASE_MS,
  purgeIdempotencyKeys,
  type RequestKey,
  TTL_MS,
} from "../src/services/idempotency";

let n = 0;
const fresh = (requestHash = "a".repeat(64)): RequestKey => ({ scope: "service test", key: `key-${++n}`, requestHash });

/** Moves a key's start back, as if its request had begun `ms` ago. */
const age = (k: RequestKey, ms: number) =>
  env.DB.prepare("UPDATE idempotency_keys SET created_at = ? WHERE scope = ? AND key = ?")
    .bind(new Date(Date.now() - ms).toISOString(), k.scope, k.key)
    .run();

const taken = async (k: RequestKey) => {
  const claim = await claimKey(env.DB, k);
  if (claim.kind !== "taken") throw new Error(`expected to take ${k.key}, got ${claim.kind}`);
  return claim.lease;
};

describe("idempotency keys", () => {
  it("a new key is taken; the same request meanwhile is pending until the lease ends", async () => {
    const k = fresh();
    const lease = await taken(k);
    const again = await claimKey(env.DB, k);
    expect(again).toEqual({ kind: "pending", leaseEnds: lease.getTime() + LEASE_MS });
  });

  it("a different request with the key is told it was reused, pending or done", async () => {
    const k = fresh();
    const lease = await taken(k);
    expect(await claimKey(env.DB, { ...k, requestHash: "b".repeat(64) })).toEqual({ kind: "reused" });
    await keepAnswer(env.DB, k, lease, { status: 201, headers: { "content-type": "application/json" }, body: "{}" });
    expect(await claimKey(env.DB, { ...k, requestHash: "b".repeat(64) })).toEqual({ kind: "reused" });
  });

  it("a kept answer is what a retry gets, headers parsed", async () => {
    const k = fresh();
    const lease = await taken(k);
    const answer = { status: 201, headers: { location: "/api/v1/claims/clm_x" }, body: '{"id":"clm_x"}' };
    expect(await keepAnswer(env.DB, k, lease, answer)).toBe(true);
    expect(await claimKey(env.DB, k)).toEqual({ kind: "done", answer });
  });

  it("a released key is taken again at once; a lease that ended is taken over, and the old lease can no longer keep its answer", async () => {
    const released = fresh();
    await giveUpKey(env.DB, released, await taken(released));
    await taken(released);

    const dead = fresh();
    const oldLease = await taken(dead);
    await age(dead, LEASE_MS - 5_000);
    expect((await claimKey(env.DB, dead)).kind).toBe("pending");
    await age(dead, LEASE_MS + 1_000);
    await taken(dead);
    expect(await keepAnswer(env.DB, dead, oldLease, { status: 200, headers: {}, body: "late" })).toBe(false);
  });

  it("after TTL_MS a key is free for any request, and the purge deletes such keys and keeps the rest", async () => {
    const keep = (k: RequestKey, lease: Date) => keepAnswer(env.DB, k, lease, { status: 201, headers: {}, body: "{}" });
    const old = fresh();
    await keep(old, await taken(old));
    await age(old, TTL_MS + 1_000);
    await taken({ ...old, requestHash: "c".repeat(64) });

    const expired = fresh();
    await keep(expired, await taken(expired));
    await age(expired, TTL_MS + 1_000);
    const recent = fresh();
    await keep(recent, await taken(recent));
    expect(await purgeIdempotencyKeys(env.DB, new Date())).toBeGreaterThanOrEqual(1);
    const left = await env.DB.prepare("SELECT key FROM idempotency_keys WHERE scope = ? AND key IN (?, ?)")
      .bind(expired.scope, expired.key, recent.key)
      .all<{ key: string }>();
    expect(left.results.map((r) => r.key)).toEqual([recent.key]);
  });
});
