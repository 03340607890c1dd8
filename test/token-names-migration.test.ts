// Migration 0012 (token names identify people): tokens made before it keep working, duplicates
// among them included, and the migration reports the duplicates; a new token cannot join them.
import { env, exports } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { sha256Hex } from "../src/domain/hash";
import { api } from "./api/helpers";

const T = "2026-01-01T00:00:00.000Z";
const migration = env.TEST_MIGRATIONS.find((m) => m.name.includes("token_identity"));
/** The statement that keys the names of tokens made before the migration. */
const backfill = migration?.queries.find((q) => q.includes("UPDATE"));

async function legacy(id: string, name: string, revoked = false) {
  await env.DB.prepare(
    "INSERT INTO api_tokens (id, name, role, token_hash, created_at, revoked_at) VALUES (?, ?, 'reviewer', ?, ?, ?)",
  )
    .bind(id, name, await sha256Hex(`secret-${id}`), T, revoked ? T : null)
    .run();
}

beforeEach(async () => {
  await env.DB.prepare("DELETE FROM sessions").run();
  await env.DB.prepare("DELETE FROM api_tokens").run();
});

describe("the token names migration", () => {
  it("keys the oldest live token of each name, leaves later duplicates working, and reports them", async () => {
    expect(backfill).toBeDefined();
    await legacy("tok_01", "Dana");
    await legacy("tok_02", "DANA ");
    await legacy("tok_03", "Sam");
    await legacy("tok_04", "dana", true);
    await env.DB.prepare(backfill ?? "").run();
    const { results: keys } = await env.DB.prepare("SELECT id, name_key FROM api_tokens ORDER BY id").all();
    expect(keys).toEqual([
      { id: "tok_01", name_key: "dana" },
      { id: "tok_02", name_key: null },
      { id: "tok_03", name_key: "sam" },
      { id: "tok_04", name_key: "dana" },
    ]);
    const { results: report } = await env.DB.prepare(
      "SELECT name_key, id FROM api_token_name_duplicates ORDER BY id",
    ).all();
    expect(report).toEqual([
      { name_key: "dana", id: "tok_01" },
      { name_key: "dana", id: "tok_02" },
    ]);
    // Both duplicates still sign in, and the token list marks them.
    for (const id of ["tok_01", "tok_02"]) {
      const res = await exports.default.fetch("http://claimdesk.test/api/v1/claims?limit=1", {
        headers: { authorization: `Bearer secret-${id}` },
      });
      expect(res.status).toBe(200);
    }
    const listed = (await api("GET", "/tokens")).json.data as { id: string; duplicate_name: boolean }[];
    expect(Object.fromEntries(listed.map((t) => [t.id, t.duplicate_name]))).toEqual({
      tok_01: true,
      tok_02: true,
      tok_03: false,
      tok_04: false,
    });
    // A new token may not take the name a third time.
    const again = await api("POST", "/tokens", { body: { name: "dana", role: "viewer" } });
    expect(again.status, again.text).toBe(409);
    expect(again.json.existing_id).toBe("tok_01");
  });
});
