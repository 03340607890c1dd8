// Who is using the review pages. After a token login: a signed, HttpOnly, Secure,
// SameSite=Strict cookie naming a row of the sessions table, checked on every request with one
// lookup: logout revokes the row (a copied cookie stops working with it), and a revoked token, or
// a changed ADMIN_TOKEN, ends its sessions. Where Cloudflare Access is configured, a valid
// Cf-Access-Jwt-Assertion signs the reviewer in by email instead.
import type { Context } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import type { Principal } from "../domain/permissions";
import { ROLES } from "../domain/vocabulary";
import type { AppEnv, Config } from "../env";
import { closeSession, openSession, sessionIsLive } from "../services/sessions";
import { verifyAccessJwt } from "./access-jwt";

const COOKIE = "claimdesk_session";
const SESSION_SECONDS = 12 * 60 * 60;

interface SessionPayload extends Principal {
  /** The sessions row. */
  sid: string;
  exp: number;
  /** For the admin token's sessions: which ADMIN_TOKEN it was (a changed one ends them). */
  admin?: string;
}

function secret(config: Config): string {
  if (!config.SESSION_SECRET)
    throw new Error("SESSION_SECRET is not set: run `npm start` once, or `wrangler secret put SESSION_SECRET`");
  return config.SESSION_SECRET;
}

/**
 * A fingerprint of the current ADMIN_TOKEN: HMAC-SHA-256 keyed with SESSION_SECRET, so the cookie
 * (readable by its holder: it is signed, not encrypted) gives nothing to test guesses of the token
 * against offline. The token itself never goes into the cookie.
 */
async function adminFingerprint(config: Config): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret(config)),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign(
    "HMAC",
    key,
    new TextEncoder().encode(`claimdesk admin session:${config.ADMIN_TOKEN ?? ""}`),
  );
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
}

function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export async function startSession(c: Context<AppEnv>, principal: Principal): Promise<void> {
  const now = Date.now();
  const payload: SessionPayload = {
    ...principal,
    sid: newSessionId(),
    exp: Math.floor(now / 1000) + SESSION_SECONDS,
  };
  if (principal.key === "admin-token") payload.admin = await adminFingerprint(c.get("config"));
  await openSession(c.get("db"), {
    id: payload.sid,
    principalKey: principal.key,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + SESSION_SECONDS * 1000).toISOString(),
  });
  await setSignedCookie(c, COOKIE, JSON.stringify(payload), secret(c.get("config")), {
    httpOnly: true,
    secure: true,
    sameSite: "Strict",
    path: "/",
    maxAge: SESSION_SECONDS,
  });
}

/** Logout: the session's row is revoked (a copy of the cookie is refused from now on), the cookie deleted. */
export async function endSession(c: Context<AppEnv>): Promise<void> {
  const payload = await signedPayload(c);
  if (payload) await closeSession(c.get("db"), payload.sid);
  deleteCookie(c, COOKIE, { path: "/", secure: true });
}

/** The cookie's payload when its signature is good and it has the expected shape. */
async function signedPayload(c: Context<AppEnv>): Promise<SessionPayload | null> {
  const raw = await getSignedCookie(c, secret(c.get("config")), COOKIE);
  if (!raw) return null;
  try {
    const payload = JSON.parse(raw) as SessionPayload;
    return typeof payload.sid === "string" && typeof payload.key === "string" ? payload : null;
  } catch {
    return null;
  }
}

async function fromCookie(c: Context<AppEnv>): Promise<Principal | null> {
  const payload = await signedPayload(c);
  if (!payload) return null;
  if (!(payload.exp > Date.now() / 1000) || !ROLES.includes(payload.role)) return null;
  // Sessions end with logout (the row revoked), with their expiry, and with their token: a revoked
  // API token, or an ADMIN_TOKEN that was changed or removed.
  if (payload.key === "admin-token") {
    const config = c.get("config");
    if (!config.ADMIN_TOKEN || payload.admin !== (await adminFingerprint(config))) return null;
  }
  if (!(await sessionIsLive(c.get("db"), payload.sid, payload.key))) return null;
  return { role: payload.role, actor: payload.actor, key: payload.key };
}

async function fromAccess(c: Context<AppEnv>): Promise<Principal | null> {
  const { ACCESS_TEAM_DOMAIN: team, ACCESS_AUD: aud, ACCESS_ROLE: role } = c.get("config");
  const assertion = c.req.header("cf-access-jwt-assertion");
  if (!team || !aud || !assertion) return null;
  const issuer = team.startsWith("https://") ? team : `https://${team}`;
  const payload = await verifyAccessJwt(assertion, {
    jwksUrl: `${issuer}/cdn-cgi/access/certs`,
    issuer,
    audience: aud,
  });
  const email = typeof payload?.email === "string" ? payload.email : null;
  if (!email) return null;
  return { role, actor: email, key: `access:${email}` };
}

/** The signed-in reviewer, or null. */
export async function currentPrincipal(c: Context<AppEnv>): Promise<Principal | null> {
  return (await fromCookie(c)) ?? (await fromAccess(c));
}
