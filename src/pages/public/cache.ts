// Caching the public pages. Every answer carries `Cache-Control: public, max-age=60,
// s-maxage=300` and a strong ETag (a hash of the exact bytes), and a matching If-None-Match gets
// a 304. Inside the Worker, rendered answers are kept in the Cache API (caches.default, per
// Cloudflare location) under a key that carries the publication revision they were rendered at:
// a publication, a correction or an unpublication moves the revision, so the next request looks
// up a new key and renders afresh, at once, with nothing to purge; old keys age out (s-maxage).
import type { Context } from "hono";
import { sha256Hex } from "../../domain/hash";
import type { AppEnv } from "../../env";

/** Browsers keep a public page a minute, shared caches five (see the README, "Publishing"). */
export const PUBLIC_CACHE_CONTROL = "public, max-age=60, s-maxage=300";

export interface Rendered {
  body: string;
  contentType: string;
}

function executionContext(c: Context<AppEnv>): Pick<ExecutionContext, "waitUntil"> | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

const cacheOf = () => (typeof caches === "undefined" ? undefined : (caches as unknown as { default: Cache }).default);

/** The key a version of this page is kept under: its path and query on the public origin (the
 * request's Host changes nothing in the answer, so it has no say in the key either) plus the
 * version and the settings the pages print, so a changed ORG_NAME is never served from an old
 * entry. */
function cacheKey(c: Context<AppEnv>, version: string): Request {
  const requested = new URL(c.req.url);
  const config = c.get("config");
  const url = new URL(`${requested.pathname}${requested.search}`, config.PUBLIC_ORIGIN);
  url.searchParams.set("__v", version);
  url.searchParams.set("__org", `${config.ORG_NAME}|${config.ORG_URL}`);
  return new Request(url.toString(), { method: "GET" });
}

/** Whether If-None-Match names this ETag (a list, `*`, weak forms compare by their value). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

function answer(c: Context<AppEnv>, body: string, headers: Headers): Response {
  const etag = headers.get("etag") ?? "";
  if (matchesEtag(c.req.header("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers: { ETag: etag, "Cache-Control": PUBLIC_CACHE_CONTROL } });
  }
  return new Response(body, { status: 200, headers });
}

/**
 * A public answer at `version`: from the Cache API when this version was rendered here before,
 * else rendered (and kept). `render` answers null for "not found", which is never cached.
 */
export async function cachedPublic(
  c: Context<AppEnv>,
  version: string,
  render: () => Promise<Rendered | null>,
  notFound: () => Response | Promise<Response>,
): Promise<Response> {
  const cache = cacheOf();
  const key = cacheKey(c, version);
  const hit = await cache?.match(key);
  if (hit) {
    // A cached response's headers cannot be changed: copy them for the middleware after us.
    return answer(c, await hit.text(), new Headers(hit.headers));
  }
  const rendered = await render();
  if (!rendered) return notFound();
  const etag = `"${(await sha256Hex(rendered.body)).slice(0, 32)}"`;
  const headers = new Headers({
    "Content-Type": rendered.contentType,
    "Cache-Control": PUBLIC_CACHE_CONTROL,
    ETag: etag,
  });
  if (cache) {
    const put = cache.put(key, new Response(rendered.body, { headers })).catch(() => undefined);
    const ctx = executionContext(c);
    if (ctx) ctx.waitUntil(put);
    else await put;
  }
  return answer(c, rendered.body, headers);
}
