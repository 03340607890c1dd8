// Idempotency-Key on POST: a client that lost an answer retries with the same key and gets the
// first answer instead of filing twice. What a key goes through (src/services/idempotency.ts):
//
//   pending   the request that took the key holds it on a LEASE_MS lease; a retry meanwhile gets
//             409 with Retry-After. A request that dies leaves its lease to end, and a retry of the
//             same request then takes the key over and runs (a late answer of the dead one is not
//             kept over the newer one).
//   released  a 5xx, thrown or returned, deletes the key: nothing final happened, a retry runs again.
//   done      a final answer (status < 500) is kept for TTL_MS and replayed with its status,
//             Content-Type, Location and ETag, and `Idempotent-Replayed: true`. Up to
//             MAX_STORED_BYTES it is kept whole; above, as the route's compact form of it.
//   done, not replayable
//             an answer that must not be kept (Cache-Control: no-store, or the route withheld it,
//             as POST /tokens does for its secret), or a large one without a compact form: only
//             the status and what identifies the result are kept, and a retry gets 409 saying so.
//   expired   after TTL_MS the key is free again; the cron deletes expired rows (purgeIdempotencyKeys).
import type { Context, MiddlewareHandler } from "hono";
import { sha256Hex } from "../domain/hash";
import type { AppEnv } from "../env";
import { claimKey, giveUpKey, keepAnswer, type StoredAnswer } from "../services/idempotency";
import { Problem, type ProblemInit } from "./problem";

/**
 * The largest answer kept whole. D1 refuses rows over 2 MB (its "maximum string, BLOB or table
 * row size"); answers kept for retries are read on every retry and kept a day, so they are kept
 * far smaller: 64 KB holds any single-resource answer of this API many times over.
 */
export const MAX_STORED_BYTES = 64 * 1024;

/** The headers a replay keeps. */
const REPLAYED_HEADERS = ["content-type", "location", "etag"];

/** What a route tells this middleware about keeping its answer for retries. */
export interface RetryAnswer {
  /** The answer must not be kept (it carries a secret); a retry gets 409 with this detail. */
  withhold?: { detail: string; extensions?: Record<string, unknown> };
  /** A smaller stand-in for an answer over MAX_STORED_BYTES, kept instead of it; null for none. */
  compact?: (body: string) => string | null;
}

declare module "hono" {
  interface ContextVariableMap {
    /** Set by a route (withholdFromRetries, compactForRetries) for the idempotency middleware. */
    idempotentAnswer: RetryAnswer;
  }
}

/** Marks this request's answer as never to be kept (say in `detail` what was made, by id). */
export function withholdFromRetries(c: Context, withhold: NonNullable<RetryAnswer["withhold"]>): void {
  c.set("idempotentAnswer", { ...c.get("idempotentAnswer"), withhold });
}

/** Gives the compact form kept for retries if this request's answer is too large to keep whole. */
export function compactForRetries(c: Context, compact: NonNullable<RetryAnswer["compact"]>): void {
  c.set("idempotentAnswer", { ...c.get("idempotentAnswer"), compact });
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;

/** The body, or null when it is over `limit` bytes (read no further than that). */
async function readAtMost(res: Response, limit: number): Promise<string | null> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function compactOrNull(compact: (body: string) => string | null, text: string): string | null {
  try {
    return compact(text);
  } catch {
    return null;
  }
}

/** A kept answer that is not replayed: the status, and the problem a retry is answered with. */
function notReplayable(status: number, problem: ProblemInit): StoredAnswer {
  return { status, headers: { problem }, body: null };
}

/** What to keep for retries of the request that got `res`. */
async function answerToKeep(res: Response, route: RetryAnswer | undefined) {
  const made = res.headers.get("location");
  const madeWhat = made ? ` It made ${made}.` : "";
  if (route?.withhold) {
    return notReplayable(res.status, {
      status: 409,
      title: "Answer not replayable",
      detail: route.withhold.detail,
      extensions: { first_status: res.status, ...route.withhold.extensions },
    });
  }
  if (/(^|,)\s*no-store\b/i.test(res.headers.get("cache-control") ?? "")) {
    return notReplayable(res.status, {
      status: 409,
      title: "Answer not replayable",
      detail: `The first request with this Idempotency-Key completed with status ${res.status}; its answer was not kept because it must not be stored (Cache-Control: no-store), so it cannot be replayed. The request was not run again.${madeWhat}`,
      extensions: { first_status: res.status },
    });
  }
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = res.headers.get(name);
    if (value) headers[name] = value;
  }
  const compact = route?.compact;
  const text = compact ? await res.clone().text() : await readAtMost(res.clone(), MAX_STORED_BYTES);
  if (text !== null && byteLength(text) <= MAX_STORED_BYTES) return { status: res.status, headers, body: text };
  const small = text !== null && compact ? compactOrNull(compact, text) : null;
  if (small !== null && byteLength(small) <= MAX_STORED_BYTES) return { status: res.status, headers, body: small };
  return notReplayable(res.status, {
    status: 409,
    title: "Answer not replayable",
    detail: `The first request with this Idempotency-Key completed with status ${res.status}, but its answer is too large to replay (over ${MAX_STORED_BYTES / 1024} KB). The request was not run again.${madeWhat}`,
    extensions: { first_status: res.status },
  });
}

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
  // The query is part of the request: POST /import?match=true answers more than POST /import.
  const url = new URL(c.req.url);
  const requestHash = await sha256Hex(`${c.req.method} ${url.pathname}${url.search}\n${await c.req.text()}`);
  const k = { scope: c.get("principal").key, key, requestHash };
  const claim = await claimKey(db, k);
  if (claim.kind === "reused") {
    throw new Problem({
      status: 422,
      title: "Idempotency key reused",
      detail: "This Idempotency-Key was used for a different request in the last 24 hours; use a new key.",
    });
  }
  if (claim.kind === "pending") {
    c.header("Retry-After", String(Math.max(1, Math.ceil((claim.leaseEnds - Date.now()) / 1000))));
    throw new Problem({
      status: 409,
      title: "Request in progress",
      detail: "A request with this Idempotency-Key is still being processed; retry shortly.",
    });
  }
  if (claim.kind === "done") {
    const { answer } = claim;
    if (answer.body === null) throw new Problem((answer.headers as { problem: ProblemInit }).problem);
    const replay = new Headers(answer.headers as Record<string, string>);
    replay.set("Idempotent-Replayed", "true");
    return new Response(answer.body, { status: answer.status, headers: replay });
  }

  const { lease } = claim;
  try {
    await next();
  } catch (err) {
    // Where no error handler made an answer of it: nothing was kept, the client may retry.
    await giveUpKey(db, k, lease);
    throw err;
  }
  // A handler's error reaches here as the error handler's answer (a 500), not as a throw.
  if (c.res.status >= 500) {
    await giveUpKey(db, k, lease);
    return;
  }
  try {
    await keepAnswer(db, k, lease, await answerToKeep(c.res, c.get("idempotentAnswer")));
  } catch (err) {
    // The request itself succeeded: answer it. The key stays pending until its lease ends.
    console.error(JSON.stringify({ level: "error", requestId: c.get("requestId"), message: String(err) }));
  }
};
