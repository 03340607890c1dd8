// The auth service called directly (src/services/auth.ts): which principal a secret stands for,
// read in the database session it is given, and how often a token's use is marked.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../src/db/client";
import { ADMIN_TOKEN_ACTOR } from "../src/domain/actors";
import type { Principal } from "../src/domain/permissions";
import type { Role } from "../src/domain/vocabulary";
import { principalForSecret } from "../src/services/auth";
import { createToken, revokeToken } from "../src/services/tokens";

const db = createDb(env.DB);
const admin: Principal = { role: "admin", actor: "auth service test", key: "admin-token" };
const noAdminToken = {};
let n = 0;

async function mint(role: Role) {
  const made = await createToken(db, admin, { name: `auth service ${role} ${++n}`, role });
  if (!made.ok) throw new Error(JSON.stringify(made.error));
  return made.value;
}

const lastUsed = async (id: string) =>
  (await env.DB.prepare("SELECT last_used_at FROM api_tokens WHERE id = ?").bind(id).first<{ last_used_at: string }>())
    ?.last_used_at ?? null;

describe("principalForSecret", () => {
  it("finds a live token: its role, its name as the actor, its id as the key", async () => {
    const token = await mint("reviewer");
    expect(await principalForSecret(db, token.token, noAdminToken)).toEqual({
      role: "reviewer",
      actor: token.name,
      key: token.id,
    });
  });

  it("refuses a revoked token", async () => {
    const token = await mint("admin");
    expect(await principalForSecret(db, token.token, noAdminToken)).not.toBeNull();
    const revoked = await revokeToken(db, admin, token.id);
    expect(revoked.ok).toBe(true);
    expect(await principalForSecret(db, token.token, noAdminToken)).toBeNull();
  });

  it("answers null for an unknown secret, and for a token's hash or a near miss", async () => {
    const token = await mint("viewer");
    const hash = await env.DB.prepare("SELECT token_hash FROM api_tokens WHERE id = ?")
      .bind(token.id)
      .first<string>("token_hash");
    for (const secret of ["cd_not-a-real-token", "", hash ?? "", `${token.token} `, token.token.slice(0, -1)]) {
      expect(await principalForSecret(db, secret, noAdminToken)).toBeNull();
    }
  });

  it("takes the ADMIN_TOKEN of its settings as an admin, and nothing for it when none is set", async () => {
    const settings = { ADMIN_TOKEN: "the-admin-secret" };
    expect(await principalForSecret(db, "the-admin-secret", settings)).toEqual({
      role: "admin",
      actor: ADMIN_TOKEN_ACTOR,
      key: "admin-token",
    });
    expect(await principalForSecret(db, "the-admin-secret", noAdminToken)).toBeNull();
    expect(await principalForSecret(db, "the-admin-secret", { ADMIN_TOKEN: undefined })).toBeNull();
    expect(await principalForSecret(db, "the-admin-secre", settings)).toBeNull();
    expect(await principalForSecret(db, "the-admin-secret!", settings)).toBeNull();
    // A token still answers beside an ADMIN_TOKEN.
    const token = await mint("viewer");
    expect((await principalForSecret(db, token.token, settings))?.key).toBe(token.id);
  });

  it("marks a token's use at most once a minute", async () => {
    const token = await mint("reviewer");
    expect(await lastUsed(token.id)).toBeNull();
    const t0 = new Date("2030-01-01T10:00:00.000Z");
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
    await principalForSecret(db, token.token, noAdminToken, { now: t0 });
    expect(await lastUsed(token.id)).toBe(t0.toISOString());
    await principalForSecret(db, token.token, noAdminToken, { now: at(30) });
    await principalForSecret(db, token.token, noAdminToken, { now: at(59) });
    expect(await lastUsed(token.id)).toBe(t0.toISOString());
    await principalForSecret(db, token.token, noAdminToken, { now: at(61) });
    expect(await lastUsed(token.id)).toBe(at(61).toISOString());
  });

  it("hands the mark to waitUntil when given one, instead of waiting for it", async () => {
    const token = await mint("reviewer");
    const deferred: Promise<unknown>[] = [];
    const principal = await principalForSecret(db, token.token, noAdminToken, {
      waitUntil: (work) => deferred.push(work),
    });
    expect(principal?.key).toBe(token.id);
    expect(deferred).toHaveLength(1);
    await Promise.all(deferred);
    expect(await lastUsed(token.id)).not.toBeNull();
    // The ADMIN_TOKEN has no row to mark.
    await principalForSecret(
      db,
      "the-admin-secret",
      { ADMIN_TOKEN: "the-admin-secret" },
      {
        waitUntil: (work) => deferred.push(work),
      },
    );
    expect(deferred).toHaveLength(1);
  });

  it("reads and marks in the D1 session it is given (the request's), which then holds the write", async () => {
    const token = await mint("reviewer");
    const session = env.DB.withSession("first-primary");
    const principal = await principalForSecret(createDb(session), token.token, noAdminToken);
    expect(principal?.key).toBe(token.id);
    const bookmark = session.getBookmark();
    expect(bookmark).toMatch(/^[A-Za-z0-9-]+$/);
    // A session started at that bookmark sees the mark.
    const later = env.DB.withSession(bookmark ?? "first-primary");
    const row = await later.prepare("SELECT last_used_at FROM api_tokens WHERE id = ?").bind(token.id).first();
    expect(row?.last_used_at).not.toBeNull();
  });
});
