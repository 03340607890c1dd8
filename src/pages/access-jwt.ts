// Cloudflare Access's assertion (the Cf-Access-Jwt-Assertion header): a JWT signed RS256 with one
// of the team's keys, published at https://<team>/cdn-cgi/access/certs. Checked with WebCrypto
// instead of jose (7 KiB of the bundle's gzip for two functions), keeping the checks jose made
// here and pinning the algorithm:
// - alg RS256 only (no "none", no HMAC with a public key as secret), no `crit` header (no
//   extension this code would have to understand); the key: kty RSA, a 2048-bit modulus at least,
//   its alg (when given) RS256, its use (when given) "sig", its key_ops (when given) with "verify";
//   chosen by the token's kid, each match tried when there is no kid;
// - the claims as jose checks them (no clock tolerance, as it was used): exp required and in the
//   future, nbf (when given) not in the future, iat (when given) a number, iss the team's
//   origin, aud the application's tag or an array holding it;
// - the keys: fetched without following redirects, with a 5 s timeout, kept for 10 minutes; a
//   token whose kid is not among them (a rotated key) refetches them, at most once in 30 s.
// Any failure is a null: the request is simply not signed in by Access.

/** A key as published in a JWK Set; only what is read here. */
interface Jwk {
  kty?: unknown;
  kid?: unknown;
  alg?: unknown;
  use?: unknown;
  key_ops?: unknown;
  n?: unknown;
  e?: unknown;
}

interface KeySet {
  keys: Jwk[];
  fetchedAt: number;
  imported: Map<Jwk, Promise<CryptoKey>>;
}

export const JWKS_MAX_AGE_MS = 10 * 60_000;
export const JWKS_COOLDOWN_MS = 30_000;
const JWKS_TIMEOUT_MS = 5_000;
const RS256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

export interface AccessCheck {
  /** The JWK Set's url. */
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** For tests: the clock (ms) and the fetch the keys come through. */
  now?: () => number;
  fetch?: typeof fetch;
}

/** Fetched key sets by url, shared by the requests an isolate serves. */
const keySets = new Map<string, KeySet>();
const pending = new Map<string, Promise<KeySet>>();

function bytes(segment: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(segment) || segment.length % 4 === 1) return null;
  const binary = atob(segment.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function object(segment: string): Record<string, unknown> | null {
  const raw = bytes(segment);
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(raw));
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

async function fetchKeySet(check: AccessCheck, now: number): Promise<KeySet> {
  const response = await (check.fetch ?? fetch)(check.jwksUrl, {
    headers: { accept: "application/json" },
    redirect: "manual",
    signal: AbortSignal.timeout(JWKS_TIMEOUT_MS),
  });
  if (response.status !== 200) throw new Error(`JWKS answered ${response.status}`);
  const body = (await response.json()) as { keys?: unknown };
  if (!Array.isArray(body?.keys) || !body.keys.every((k) => k !== null && typeof k === "object"))
    throw new Error("JWKS malformed");
  return { keys: body.keys as Jwk[], fetchedAt: now, imported: new Map() };
}

/** The url's key set, refetched when older than `maxAge` ms (one fetch at a time per url). */
async function keySet(check: AccessCheck, now: number, maxAge: number): Promise<KeySet> {
  const known = keySets.get(check.jwksUrl);
  if (known && now - known.fetchedAt < maxAge) return known;
  let inFlight = pending.get(check.jwksUrl);
  if (!inFlight) {
    inFlight = fetchKeySet(check, now).finally(() => pending.delete(check.jwksUrl));
    pending.set(check.jwksUrl, inFlight);
  }
  const fresh = await inFlight;
  keySets.set(check.jwksUrl, fresh);
  return fresh;
}

function usable(jwk: Jwk, kid: unknown): boolean {
  const ops = jwk.key_ops;
  const modulus = typeof jwk.n === "string" ? bytes(jwk.n) : null;
  return (
    jwk.kty === "RSA" &&
    (kid === undefined || jwk.kid === kid) &&
    (jwk.alg === undefined || jwk.alg === "RS256") &&
    (jwk.use === undefined || jwk.use === "sig") &&
    (ops === undefined || (Array.isArray(ops) && ops.includes("verify"))) &&
    typeof jwk.e === "string" &&
    modulus !== null &&
    modulus.length - (modulus[0] === 0 ? 1 : 0) >= 256
  );
}

function imported(set: KeySet, jwk: Jwk): Promise<CryptoKey> {
  let key = set.imported.get(jwk);
  if (!key) {
    key = crypto.subtle.importKey("jwk", { kty: "RSA", n: jwk.n as string, e: jwk.e as string }, RS256, false, [
      "verify",
    ]);
    set.imported.set(jwk, key);
  }
  return key;
}

async function signedBy(set: KeySet, kid: unknown, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  for (const jwk of set.keys.filter((k) => usable(k, kid))) {
    try {
      if (await crypto.subtle.verify(RS256, await imported(set, jwk), signature, data)) return true;
    } catch {
      // A key WebCrypto refuses is skipped, as jose skips it among several matches.
    }
  }
  return false;
}

/** The assertion's claims when it is signed by one of the team's keys and meant for this
 * application now; otherwise null. */
export async function verifyAccessJwt(token: string, check: AccessCheck): Promise<Record<string, unknown> | null> {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = object(headerPart);
  const payload = object(payloadPart);
  const signature = bytes(signaturePart);
  if (!header || !payload || !signature || header.alg !== "RS256" || header.crit !== undefined) return null;
  const kid = header.kid;
  if (kid !== undefined && typeof kid !== "string") return null;

  const now = (check.now ?? Date.now)();
  const data = new TextEncoder().encode(`${headerPart}.${payloadPart}`);
  try {
    let set = await keySet(check, now, JWKS_MAX_AGE_MS);
    let verified = await signedBy(set, kid, signature, data);
    // A kid not among the keys: they may have been rotated since they were fetched.
    if (!verified && kid !== undefined && !set.keys.some((k) => usable(k, kid))) {
      set = await keySet(check, now, JWKS_COOLDOWN_MS);
      verified = await signedBy(set, kid, signature, data);
    }
    if (!verified) return null;
  } catch {
    return null;
  }

  const seconds = Math.floor(now / 1000);
  const { exp, nbf, iat, iss, aud } = payload;
  if (typeof exp !== "number" || !Number.isFinite(exp) || exp <= seconds) return null;
  if (nbf !== undefined && (typeof nbf !== "number" || !Number.isFinite(nbf) || nbf > seconds)) return null;
  if (iat !== undefined && (typeof iat !== "number" || !Number.isFinite(iat))) return null;
  if (iss !== check.issuer) return null;
  if (!(aud === check.audience || (Array.isArray(aud) && aud.includes(check.audience)))) return null;
  return payload;
}
