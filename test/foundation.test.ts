import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loadDemo } from "./demo";

describe("demo data", () => {
  it("loads 12 claims, 9 speakers and 1 source, and a second load adds nothing", async () => {
    const first = await loadDemo(env.DB);
    expect(first.created).toBe(12);
    const count = async (table: string) =>
      (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())?.n;
    expect(await count("claims")).toBe(12);
    expect(await count("speakers")).toBe(9);
    expect(await count("sources")).toBe(1);
    expect(await count("evidence")).toBe(2);
    const second = await loadDemo(env.DB);
    expect(second.created).toBe(0);
    for (const [table, n] of [
      ["claims", 12],
      ["speakers", 9],
      ["sources", 1],
      ["evidence", 2],
      ["claim_events", 14],
    ] as const) {
      expect(await count(table)).toBe(n);
    }
  });
});

describe("GET /healthz", () => {
  it("answers 200 when D1 answers", async () => {
    const res = await exports.default.fetch("http://claimdesk.test/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: "ok" });
  });
});
