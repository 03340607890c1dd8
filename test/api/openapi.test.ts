import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { api } from "./helpers";

describe("the OpenAPI document", () => {
  it("is public, OpenAPI 3.1 and declares the bearer scheme (test/node validates it)", async () => {
    const res = await api("GET", "/openapi.json", { token: null });
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe("3.1.0");
    expect(res.json.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("lists every route the app serves under /api/v1, with its problem responses", async () => {
    const doc = (await api("GET", "/openapi.json", { token: null })).json;
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} /api/v1${path.replace(/\{(\w+)\}/g, ":$1")}`),
      ),
    );
    const served = createApp()
      .routes.filter((r) => r.path.startsWith("/api/v1/") && r.method !== "ALL" && r.path !== "/api/v1/openapi.json")
      .map((r) => `${r.method} ${r.path}`);
    expect(served.length).toBeGreaterThan(15);
    for (const route of served) expect(documented, route).toContain(route);
    for (const ops of Object.values(
      doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>,
    )) {
      for (const op of Object.values(ops))
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["401", "403"]));
    }
  });

  it("is readable as a page at /api/docs", async () => {
    const { exports } = await import("cloudflare:workers");
    const res = await exports.default.fetch("http://claimdesk.test/api/docs");
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("/api/v1/claims/{id}/reviews");
    expect(page).not.toContain("[object Promise]");
  });
});
