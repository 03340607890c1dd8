// Review sessions that end: logout revokes the session server-side (a copied cookie stops
// working), a changed ADMIN_TOKEN ends admin sessions, and the admin fingerprint in the cookie
// is an HMAC keyed with SESSION_SECRET, not a hash anyone can test token guesses against.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { serializeSigned } from "hono/utils/cookie";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { sha256Hex } from "../src/domain/hash";
import type { Env } from "../src/env";
import { adminCookie, cookieFor, get, login, ORIGIN, post } from "./pages-helpers";

/** The JSON payload of a session cookie ("claimdesk_session=<value>.<signature>", URL-encoded). */
function payloadOf(cookie: string): Record<string, unknown> {
  const value = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
  return JSON.parse(value.slice(0, value.lastIndexOf(".")));
}

const signed = async (payload: object) =>
  (await serializeSigned("claimdesk_session", JSON.stringify(payload), env.SESSION_SECRET ?? "")).split(";")[0] ?? "";

async function hmacHex(key: string, message: string): Promise<string> {
  const k = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(key),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", k, new TextEncoder().encode(message));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** GET through the app with other settings (a rotated ADMIN_TOKEN). */
async function getWith(vars: Partial<Env>, path: string, cookie: string) {
  const ctx = createExecutionContext();
  const res = await createApp().fetch(
    new Request(`${ORIGIN}${path}`, { headers: { cookie }, redirect: "manual" }),
    { ...env, ...vars },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { status: res.status, location: res.headers.get("location") };
}

describe("logout ends the session on the server", () => {
  it("refuses a copy of the cookie after logout", async () => {
    const cookie = await adminCookie();
    const copy = cookie;
    expect((await get("/review", cookie)).status).toBe(200);
    const out = await post("/logout", {}, cookie);
    expect(out.status).toBe(303);
    const res = await get("/review", copy);
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/login/);
  });

  it("ends only the session logged out of: another login of the same token goes on", async () => {
    const { cookie, token } = await cookieFor("reviewer", "Two Tabs");
    const other = await login(token);
    await post("/logout", {}, cookie);
    expect((await get("/review", cookie)).status).toBe(303);
    expect((await get("/review", other)).status).toBe(200);
  });

  it("keeps one row per login, revoked by logout", async () => {
    const cookie = await adminCookie();
    const { sid } = payloadOf(cookie) as { sid: string };
    expect(sid).toMatch(/^[\w-]{43}$/);
    const row = () =>
      env.DB.prepare("SELECT principal_key, created_at, expires_at, revoked_at FROM sessions WHERE id = ?")
        .bind(sid)
        .first<{ principal_key: string; created_at: string; expires_at: string; revoked_at: string | null }>();
    const before = await row();
    expect(before?.principal_key).toBe("admin-token");
    expect(Date.parse(before?.expires_at ?? "") - Date.parse(before?.created_at ?? "")).toBe(12 * 3600 * 1000);
    expect(before?.revoked_at).toBeNull();
    await post("/logout", {}, cookie);
    expect((await row())?.revoked_at).not.toBeNull();
  });

  it("refuses a well-signed cookie whose session row does not exist, is expired, or belongs to another principal", async () => {
    const cookie = await adminCookie();
    const payload = payloadOf(cookie);
    expect((await get("/review", await signed(payload))).status).toBe(200);
    const made = await signed({ ...payload, sid: "A".repeat(43) });
    expect((await get("/review", made)).status).toBe(303);
    // A token's live session row, claimed for the admin (or the other way round), is refused.
    const reviewer = payloadOf((await cookieFor("reviewer", "Row Owner")).cookie);
    expect((await get("/review", await signed({ ...payload, sid: reviewer.sid }))).status).toBe(303);
    expect((await get("/review", await signed({ ...reviewer, sid: payload.sid }))).status).toBe(303);
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE id = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), payload.sid)
      .run();
    expect((await get("/review", cookie)).status).toBe(303);
  });
});

describe("admin sessions and ADMIN_TOKEN", () => {
  it("keep an HMAC of ADMIN_TOKEN keyed with SESSION_SECRET, not a bare hash", async () => {
    const { admin } = payloadOf(await adminCookie()) as { admin: string };
    const token = env.ADMIN_TOKEN ?? "";
    expect(admin).toBe(await hmacHex(env.SESSION_SECRET ?? "", `claimdesk admin session:${token}`));
    for (const bare of [token, `claimdesk session:${token}`, `claimdesk admin session:${token}`]) {
      const hash = await sha256Hex(bare);
      expect(admin).not.toBe(hash);
      expect(admin).not.toContain(hash.slice(0, 32));
    }
  });

  it("end when ADMIN_TOKEN changes or is removed, live session row or not", async () => {
    const cookie = await adminCookie();
    expect((await getWith({}, "/review", cookie)).status).toBe(200);
    for (const vars of [{ ADMIN_TOKEN: "a-new-admin-token" }, { ADMIN_TOKEN: undefined }]) {
      const res = await getWith(vars, "/review", cookie);
      expect(res.status).toBe(303);
      expect(res.location).toMatch(/^\/login/);
    }
    // The old token's fingerprint under another SESSION_SECRET does not pass either.
    const payload = payloadOf(cookie);
    const other = await hmacHex("another secret", `claimdesk admin session:${env.ADMIN_TOKEN}`);
    expect((await get("/review", await signed({ ...payload, admin: other }))).status).toBe(303);
  });
});
