import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";

describe("errors are problem+json", () => {
  it("for an unknown route", async () => {
    const res = await exports.default.fetch("http://claimdesk.test/no/such/page");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toEqual({
      type: "/problems/not-found",
      title: "Not found",
      status: 404,
      detail: "Nothing is served at GET /no/such/page.",
      instance: "/no/such/page",
    });
  });

  it("for an unexpected exception, without leaking the stack", async () => {
    const app = createApp();
    app.get("/boom", () => {
      throw new Error("secret internals at db/queries/claims.ts:42");
    });
    const res = await app.request("/boom", {}, env);
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

describe("GET /healthz", () => {
  it("answers 503 problem+json when D1 fails", async () => {
    const down = { prepare: () => ({ first: () => Promise.reject(new Error("D1 down")) }), getBookmark: () => null };
    const broken = { ...env, DB: { ...down, withSession: () => down } };
    const res = await createApp().request("/healthz", {}, broken);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ title: "Database unreachable", status: 503 });
  });
});
