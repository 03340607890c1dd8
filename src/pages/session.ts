// Who is using the review pages. After a token login: a signed, HttpOnly, Secure,
// SameSite=Strict cookie with an expiry, re-checked against the token on every request (a
// revoked token, or a changed ADMIN_TOKEN, ends its sessions). Where Cloudflare Access is configured, a valid
// Cf-Access-Jwt-Assertion signs the reviewer in by email instead.
import type { Context } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { sha256Hex } from "../domain/hash";
import type { Principal } from "../domain/permissions";
import { ROLES } from "../domain/vocabulary";
import { type AppEnv, configOf, type Env } from "../env";
import { tokenStillWorks } from "../services/tokens";

const COOKIE = "claimdesk_session";
const SESSION_SECONDS = 12 * 60 * 60;

interface SessionPayload extends Principal {
  exp: number;
  /** For the admin token's sessions: which ADMIN_TOKEN it was (a changed one ends them). */
  admin?: string;
}

/** A fingerprint of the current ADMIN_TOKEN; the token itself never goes into the cookie. */
async function adminFingerprint(env: Env): Promise<string> {
  return (await sha256Hex(`claimdesk session:${env.ADMIN_TOKEN ?? ""}`)).slice(0, 32);
}

function secret(env: Env): string {
  if (!env.SESSION_SECRET)
    throw new Error("SESSION_SECRET is not set: run `npm start` once, or `wrangler secret put SESSION_SECRET`");
  return env.SESSION_SECRET;
}

export async function startSession(c: Context<AppEnv>, principal: Principal): Promise<void> {
  const payload: SessionPayload = { ...principal, exp: Math.floor(Date.now() / 1000) + SESSION_SECONDS };
  if (principal.key === "admin-token") payload.admin = await adminFingerprint(c.env);
  await setSignedCookie(c, COOKIE, JSON.stringify(payload), secret(c.env), {
    httpOnly: true,
    secure: true,
    sameSite: "Strict",
    path: "/",
    maxAge: SESSION_SECONDS,
  });
}

export function endSession(c: Context<AppEnv>): void {
  deleteCookie(c, COOKIE, { path: "/", secure: true });
}

async function fromCookie(c: Context<AppEnv>): Promise<Principal | null> {
  const raw = await getSignedCookie(c, secret(c.env), COOKIE);
  if (!raw) return null;
  let payload: SessionPayload;
  try {
    payload = JSON.parse(raw) as SessionPayload;
  } catch {
    return null;
  }
  if (!(payload.exp > Date.now() / 1000) || !ROLES.includes(payload.role)) return null;
  // Sessions end with their token: a revoked API token, or an ADMIN_TOKEN that was changed or removed.
  if (payload.key === "admin-token") {
    if (!c.env.ADMIN_TOKEN || payload.admin !== (await adminFingerprint(c.env))) return null;
  } else if (!(await tokenStillWorks(c.get("db"), payload.key))) return null;
  return { role: payload.role, actor: payload.actor, key: payload.key };
}

const jwksByTeam = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

async function fromAccess(c: Context<AppEnv>): Promise<Principal | null> {
  const { ACCESS_TEAM_DOMAIN: team, ACCESS_AUD: aud } = c.env;
  const assertion = c.req.header("cf-access-jwt-assertion");
  if (!team || !aud || !assertion) return null;
  const issuer = team.startsWith("https://") ? team : `https://${team}`;
  let jwks = jwksByTeam.get(issuer);
  if (!jwks) {
    jwks = createRemoteJWKSet(new URL(`${issuer}/cdn-cgi/access/certs`));
    jwksByTeam.set(issuer, jwks);
  }
  try {
    const { payload } = await jwtVerify(assertion, jwks, { issuer, audience: aud });
    const email = typeof payload.email === "string" ? payload.email : null;
    if (!email) return null;
    return { role: configOf(c.env).ACCESS_ROLE, actor: email, key: `access:${email}` };
  } catch {
    return null;
  }
}

/** The signed-in reviewer, or null. */
export async function currentPrincipal(c: Context<AppEnv>): Promise<Principal | null> {
  return (await fromCookie(c)) ?? (await fromAccess(c));
}
