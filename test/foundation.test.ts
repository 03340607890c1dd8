import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loadDemo } from "./demo";

describe("migrations", () => {
  it("build the whole model on an empty database: tables, search index, triggers", async () => {
    const { results } = await env.DB.prepare(
      "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')",
    ).all<{ type: string; name: string }>();
    const names = results.map((r) => `${r.type}:${r.name}`);
    for (const table of [
      "sources",
      "speakers",
      "claims",
      "evidence",
      "claim_events",
      "rechecks",
      "api_tokens",
      "claim_tags",
      "claim_flags",
      "idempotency_keys",
      "claims_fts",
      "claim_counts",
    ]) {
      expect(names).toContain(`table:${table}`);
    }
    for (const trigger of [
      "claims_fts_insert",
      "claims_fts_update",
      "claims_fts_delete",
      "claims_fts_speaker_rename",
      "claim_flags_count_insert",
      "claim_flags_count_delete",
      "claim_events_no_update",
      "claim_events_no_delete",
      "claim_counts_insert",
      "claim_counts_update",
      "claim_counts_delete",
      "claims_repeat_of_acyclic_update",
      "claims_repeat_of_acyclic_insert",
    ]) {
      expect(names).toContain(`trigger:${trigger}`);
    }
    const applied = await env.DB.prepare("SELECT count(*) AS n FROM d1_migrations").first<{ n: number }>();
    expect(applied?.n).toBe(env.TEST_MIGRATIONS.length);
  });
});

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
