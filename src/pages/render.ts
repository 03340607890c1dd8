import type { Context } from "hono";
import { html } from "hono/html";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Sends a page with its doctype. */
export function render(c: Context, page: Child, status: ContentfulStatusCode = 200) {
  return c.html(html`<!doctype html>${page}`, status);
}

/** Only same-site paths are followed after login, never another host. */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/)[\w\-./?=&%~+:@]*$/.test(next) && !next.startsWith("/\\") ? next : "/review";
}
