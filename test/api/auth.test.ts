// Every route × every kind of caller: none, a bad token, each role.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/domain/vocabulary";
import { api, attacksClaim, tokenFor } from "./helpers";

type Need = "read" | "review" | "admin";
const routes: [method: string, path: string, need: Need, body?: unknown][] = [
  ["GET", "/claims", "read"],
  ["POST", "/claims", "review", attacksClaim],
  ["GET", "/claims/{claim}", "read"],
  ["PATCH", "/claims/{claim}", "review", { context: "x" }],
  ["POST", "/claims/{claim}/reviews", "review", { status: "in_review" }],
  ["GET", "/claims/{claim}/history", "read"],
  ["POST", "/claims/{claim}/evidence", "review", { note: "n", stance: "context" }],
  ["DELETE", "/claims/{claim}/evidence/evd_nope", "review"],
  ["POST", "/claims/{claim}/rechecks", "review"],
  ["POST", "/claims/{claim}/flags/quote_missing/clear", "review", { note: "checked" }],
  ["GET", "/speakers", "read"],
  ["POST", "/speakers", "review", { name: "Zergai Ebadi" }],
  ["GET", "/speakers/{speaker}", "read"],
  ["GET", "/sources", "read"],
  ["POST", "/sources", "review", { url: "https://example.org/auth-table" }],
  ["GET", "/sources/{source}", "read"],
  ["GET", "/rechecks", "read"],
  ["POST", "/extract", "review", { text: "“We will defend our partners,” he said." }],
  ["GET", "/tokens", "admin"],
  ["POST", "/tokens", "admin", { name: "n", role: "viewer" }],
  ["DELETE", "/tokens/tok_nope", "admin"],
];

const ROLES: Role[] = ["viewer", "reviewer", "admin"];
const allowed = (role: Role, need: Need) => ROLES.indexOf(role) >= { read: 0, review: 1, admin: 2 }[need];

let ids: Record<string, string>;
let tokens: Record<Role, string>;

beforeAll(async () => {
  const created = await api("POST", "/claims", {
    body: { ...attacksClaim, source: { url: "https://example.org/auth" }, text: "auth table claim" },
  });
  ids = { claim: created.json.id, speaker: created.json.speaker.id, source: created.json.source.id };
  tokens = { viewer: await tokenFor("viewer"), reviewer: await tokenFor("reviewer"), admin: await tokenFor("admin") };
});

const fill = (path: string) => path.replace(/\{(\w+)\}/g, (_, k: string) => ids[k] ?? k);

describe.each(routes)("%s %s", (method, path, need, body) => {
  it("answers 401 problem+json without a token", async () => {
    const res = await api(method, fill(path), { token: null, body });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("answers 401 with an unknown token", async () => {
    expect((await api(method, fill(path), { token: "cd_not-a-real-token", body })).status).toBe(401);
  });

  it.each(ROLES)("as %s", async (role) => {
    const res = await api(method, fill(path), { token: tokens[role], body });
    if (allowed(role, need)) expect([401, 403]).not.toContain(res.status);
    else {
      expect(res.status).toBe(403);
      expect(res.json.detail).toContain(role);
    }
  });
});

describe("tokens", () => {
  it("are shown once, stored only as SHA-256, and stop working when revoked", async () => {
    const made = await api("POST", "/tokens", { body: { name: "wire desk", role: "reviewer" } });
    expect(made.status).toBe(201);
    const secret: string = made.json.token;
    expect(secret).toMatch(/^cd_/);
    const stored = await env.DB.prepare("SELECT token_hash FROM api_tokens WHERE id = ?")
      .bind(made.json.id)
      .first<{ token_hash: string }>();
    expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.token_hash).not.toContain(secret);
    const listed = await api("GET", "/tokens");
    expect(JSON.stringify(listed.json)).not.toContain(secret);

    expect((await api("GET", "/claims", { token: secret })).status).toBe(200);
    const after = await api("GET", "/tokens");
    expect(after.json.data.find((t: { id: string }) => t.id === made.json.id).last_used_at).not.toBeNull();

    expect((await api("DELETE", `/tokens/${made.json.id}`)).status).toBe(204);
    expect((await api("GET", "/claims", { token: secret })).status).toBe(401);
  });

  it("refuse a malformed Authorization header and a role outside the vocabulary", async () => {
    expect((await api("GET", "/claims", { token: null, headers: { authorization: "Basic abc" } })).status).toBe(401);
    const bad = await api("POST", "/tokens", { body: { name: "x", role: "owner" } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].path).toBe("role");
  });

  it("revoking an unknown token is a 404", async () => {
    expect((await api("DELETE", "/tokens/tok_nope")).status).toBe(404);
  });
});
