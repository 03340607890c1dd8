// Reads from D1's read replicas without reading the past: every request runs in a D1 session
// (withSession), anchored at the newest bookmark the caller has seen, so a replica answers
// only once it holds everything this caller wrote. API clients carry the bookmark in the
// `D1-Bookmark` header (sent back on every answer); reviewers' browsers in a cookie. The public
// fact-check pages read with the bookmark a reader sends but hand none out (they are cached).
import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createDb } from "../db/client";
import { isPublicPath } from "../domain/publication";
import type { AppEnv } from "../env";

export const BOOKMARK_HEADER = "D1-Bookmark";
const BOOKMARK_COOKIE = "claimdesk_bookmark";

// A bookmark is D1's own opaque token; anything unlike one is ignored rather than sent to D1.
const BOOKMARK = /^[A-Za-z0-9-]{1,128}$/;
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const d1Session: MiddlewareHandler<AppEnv> = async (c, next) => {
  const given = c.req.header(BOOKMARK_HEADER) ?? getCookie(c, BOOKMARK_COOKIE);
  const bookmark = given && BOOKMARK.test(given) ? given : undefined;
  // Without a bookmark, a write starts at the primary and a read may take any replica.
  const session = c.env.DB.withSession(
    bookmark ?? (WRITES.has(c.req.method) ? "first-primary" : "first-unconstrained"),
  );
  c.set("db", createDb(session));
  await next();
  const latest = session.getBookmark();
  // Public pages are the same for every reader and kept in caches: no per-reader state on them.
  if (!latest || isPublicPath(c.req.path)) return;
  c.res.headers.set(BOOKMARK_HEADER, latest);
  // The pages' browsers keep it in a cookie; only when it moved, so reads stay cacheable, and not
  // on a refusal (a failed login, a form sent back), which wrote nothing to catch up with.
  if (!c.req.path.startsWith("/api/") && latest !== bookmark && c.res.status < 400) {
    setCookie(c, BOOKMARK_COOKIE, latest, { path: "/", httpOnly: true, secure: true, sameSite: "Strict" });
  }
};
