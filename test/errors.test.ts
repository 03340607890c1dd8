import { env, exports } from "cloudflare:workers";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";

describe("the API's errors are problem+json", () => {
  it("for an unknown route", async () => {
    const res = await exports.default.fetch("http://claimdesk.test/api/no/such/thing");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toEqual({
      type: "/problems/not-found",
      title: "Not found",
      status: 404,
      detail: "Nothing is served at GET /api/no/such/thing.",
      instance: "/api/no/such/thing",
    });
  });

  it("for an unexpected exception, without leaking the stack", async () => {
    const app = createApp();
    app.get("/api/boom", () => {
      throw new Error("secret internals at db/queries/claims.ts:42");
    });
    const res = await app.request("/api/boom", {}, env);
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = await res.json<Record<string, unknown>>();
    expect(body).toMatchObject({ type: "/problems/internal-error", status: 500, title: "Internal error" });
    expect(JSON.stringify(body)).not.toMatch(/secret internals|claims\.ts/);
    expect(body.request_id).toBe(res.headers.get("x-request-id"));
  });

  it("carries the security headers", async () => {
    const res = await exports.default.fetch("http://claimdesk.test/healthz");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });
});

describe("a browser's errors are HTML pages in the desk's layout", () => {
  it("for an unknown path: a 404 page under the pages' CSP, no problem+json", async () => {
    const res = await exports.default.fetch("http://claimdesk.test/no/such/page");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain("script-src");
    const html = await res.text();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<link rel="stylesheet" href="/assets/app.css"/>');
    expect(html).toContain("<h1>Not found</h1>");
    expect(html).toContain("Nothing is served at GET /no/such/page.");
  });

  it("for an unexpected exception: a 500 page with the request id, without the stack", async () => {
    const app = createApp();
    app.get("/boom", () => {
      throw new Error("secret internals at db/queries/claims.ts:42");
    });
    const res = await app.request("/boom", {}, env);
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).not.toMatch(/secret internals|claims\.ts/);
    expect(html).toContain(`Quote request id ${res.headers.get("x-request-id")}`);
  });

  it("for a refused form body: the HTTPException's status and words as a page", async () => {
    const app = createApp();
    app.post("/refused", () => {
      throw new HTTPException(400, { message: "The form could not be read: send it as a browser does." });
    });
    const res = await app.request("/refused", { method: "POST" }, env);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain("The form could not be read: send it as a browser does.");
  });
});

describe("GET /healthz", () => {
  it("answers 503 problem+json when D1 fails", async () => {
    const down = { prepare: () => ({ first: () => Promise.reject(new Error("D1 down")) }), getBookmark: () => null };
    const broken = { ...env, DB: { ...down, withSession: () => down } };
    const res = await createApp().request("/healthz", {}, broken);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ title: "Database unreachable", status: 503 });
  });
});
