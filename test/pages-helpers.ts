// The review pages through the Worker's real fetch handler, as a browser without JavaScript
// uses them: a session cookie from the login form, form posts with the site's Origin, and
// pages read with HTMLRewriter.
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { createDb } from "../src/db/client";
import type { Role } from "../src/domain/vocabulary";
import { decodeEntities } from "../src/services/rechecks/html-text";
import { storeToken } from "./api/helpers";

export const ORIGIN = "http://claimdesk.test";
export const db = createDb(env.DB);

export interface PageResponse {
  status: number;
  location: string | null;
  headers: Headers;
  html: string;
}

export interface RequestOptions {
  cookie?: string;
  form?: Record<string, string>;
  origin?: string | null;
  headers?: Record<string, string>;
}

export async function request(method: string, path: string, options: RequestOptions = {}): Promise<PageResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  let body: URLSearchParams | undefined;
  if (options.form) {
    body = new URLSearchParams(options.form);
    headers["content-type"] = "application/x-www-form-urlencoded";
    const origin = options.origin === undefined ? ORIGIN : options.origin;
    if (origin !== null) headers.origin = origin;
  }
  const res = await exports.default.fetch(`${ORIGIN}${path}`, { method, headers, body, redirect: "manual" });
  return { status: res.status, location: res.headers.get("location"), headers: res.headers, html: await res.text() };
}

export const get = (path: string, cookie?: string, headers?: Record<string, string>) =>
  request("GET", path, { cookie, headers });
export const post = (path: string, form: Record<string, string>, cookie?: string, origin?: string | null) =>
  request("POST", path, { form, cookie, origin });

/** Logs in through the form; answers the session cookie ("name=value"). */
export async function login(token: string): Promise<string> {
  const res = await post("/login", { token, next: "/review" });
  expect(res.status).toBe(303);
  const setCookie = res.headers.get("set-cookie") ?? "";
  expect(setCookie).toMatch(/^claimdesk_session=/);
  return setCookie.split(";")[0] ?? "";
}

export const adminCookie = () => login(env.ADMIN_TOKEN ?? "");

export async function cookieFor(role: Role, name: string): Promise<{ cookie: string; token: string; id: string }> {
  const { token, row } = await storeToken(role, name);
  return { cookie: await login(token), token, id: row.id };
}

/** The text inside each element matching the selector, entities left as sent. */
export async function texts(html: string, selector: string): Promise<string[]> {
  const found: string[] = [];
  let depth = 0;
  await new HTMLRewriter()
    .on(selector, {
      element(el) {
        if (depth === 0) found.push("");
        depth++;
        el.onEndTag(() => {
          depth--;
        });
      },
      text(chunk) {
        if (depth > 0) found[found.length - 1] += chunk.text;
      },
    })
    .transform(new Response(html))
    .text();
  return found;
}

/** One attribute of every element matching the selector, entities decoded (null where it is missing). */
export async function attrs(html: string, selector: string, name: string): Promise<(string | null)[]> {
  const found: (string | null)[] = [];
  await new HTMLRewriter()
    .on(selector, {
      element(el) {
        const value = el.getAttribute(name);
        found.push(value === null ? null : decodeEntities(value));
      },
    })
    .transform(new Response(html))
    .text();
  return found;
}

/** Collapses whitespace, for comparing visible text. */
export const squash = (s: string | undefined) => (s ?? "").replace(/\s+/g, " ").trim();
