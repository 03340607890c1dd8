// Cloudflare Access's assertion checked with WebCrypto (src/pages/access-jwt.ts): real RS256
// tokens signed here with keys made here, the team's key set served by a counting fetch.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AccessCheck, JWKS_COOLDOWN_MS, JWKS_MAX_AGE_MS, verifyAccessJwt } from "../src/pages/access-jwt";
import { b64url, encodeJson, makeKey, sign } from "./access-helpers";

const ISSUER = "https://desk.cloudflareaccess.com";
const AUD = "3b7f0c1e9a";
const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);

const claims = (extra: Record<string, unknown> = {}) => ({
  aud: [AUD],
  email: "ana@desk.example",
  exp: T0 / 1000 + 300,
  iat: T0 / 1000 - 10,
  nbf: T0 / 1000 - 10,
  iss: ISSUER,
  sub: "0f1e",
  ...extra,
});

let sets = 0;
/** A check against its own key-set url (the fetched sets are kept per url), serving `served()`. */
function team(served: () => Response | { keys: unknown[] }, clock = { now: T0 }) {
  const fetched: string[] = [];
  const check: AccessCheck = {
    jwksUrl: `${ISSUER}/cdn-cgi/access/certs?set=${++sets}`,
    issuer: ISSUER,
    audience: AUD,
    now: () => clock.now,
    fetch: (async (url: string, init?: RequestInit) => {
      fetched.push(`${url} ${init?.redirect}`);
      const answer = served();
      return answer instanceof Response ? answer : Response.json(answer);
    }) as typeof fetch,
  };
  return { check, fetched, clock };
}

const keys = Promise.all([makeKey("k1"), makeKey("k2"), makeKey("k3")]);

describe("Cloudflare Access assertions", () => {
  it("accepts a token signed by the team's key for this application, and fetches the keys once", async () => {
    const [k1, k2] = await keys;
    const { check, fetched } = team(() => ({ keys: [k2.jwk, k1.jwk] }));
    expect(await verifyAccessJwt(await sign(k1, claims()), check)).toMatchObject({ email: "ana@desk.example" });
    expect(await verifyAccessJwt(await sign(k2, claims({ aud: AUD })), check)).not.toBeNull();
    expect(fetched).toEqual([`${check.jwksUrl} manual`]);
  });

  it("refuses a token whose payload, header or signature was changed", async () => {
    const [k1] = await keys;
    const { check } = team(() => ({ keys: [k1.jwk] }));
    const token = await sign(k1, claims());
    const [h, p, s] = token.split(".") as [string, string, string];
    const otherPayload = encodeJson(claims({ email: "mallory@desk.example" }));
    expect(await verifyAccessJwt(`${h}.${otherPayload}.${s}`, check)).toBeNull();
    expect(await verifyAccessJwt(`${encodeJson({ alg: "RS256", kid: "k1" })}.${p}.${s}`, check)).toBeNull();
    const flipped = `${s.slice(0, 10)}${s[10] === "A" ? "B" : "A"}${s.slice(11)}`;
    expect(await verifyAccessJwt(`${h}.${p}.${flipped}`, check)).toBeNull();
    for (const broken of ["", "a.b", `${h}.${p}`, `${h}.${p}.${s}.x`, `${h}.${p}.${s}!`, `x${h}.${p}.${s}`])
      expect(await verifyAccessJwt(broken, check), broken).toBeNull();
  });

  it("refuses a token signed by another key under the team's kid", async () => {
    const [k1, , k3] = await keys;
    const { check } = team(() => ({ keys: [k1.jwk] }));
    expect(await verifyAccessJwt(await sign({ ...k3, kid: "k1" }, claims()), check)).toBeNull();
  });

  it("pins RS256: no alg none, no HMAC keyed with the public key, no crit extension", async () => {
    const [k1] = await keys;
    const { check } = team(() => ({ keys: [k1.jwk] }));
    const payload = encodeJson(claims());
    expect(await verifyAccessJwt(`${encodeJson({ alg: "none", kid: "k1" })}.${payload}.`, check)).toBeNull();
    const hmacKey = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(JSON.stringify(k1.jwk)),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const input = `${encodeJson({ alg: "HS256", kid: "k1" })}.${payload}`;
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", hmacKey, new TextEncoder().encode(input)));
    expect(await verifyAccessJwt(`${input}.${b64url(mac)}`, check)).toBeNull();
    expect(await verifyAccessJwt(await sign(k1, claims(), { crit: ["exp"] }), check)).toBeNull();
    expect(await verifyAccessJwt(await sign(k1, claims(), { kid: 7 }), check)).toBeNull();
  });

  it("checks exp, nbf, iat, iss and aud", async () => {
    const [k1] = await keys;
    const { check } = team(() => ({ keys: [k1.jwk] }));
    const refused = {
      expired: claims({ exp: T0 / 1000 - 1 }),
      "expiring this second": claims({ exp: T0 / 1000 }),
      "without exp": claims({ exp: undefined }),
      "exp not a number": claims({ exp: String(T0 / 1000 + 300) }),
      "not yet valid": claims({ nbf: T0 / 1000 + 60 }),
      "iat not a number": claims({ iat: "yesterday" }),
      "another issuer": claims({ iss: "https://other.cloudflareaccess.com" }),
      "without issuer": claims({ iss: undefined }),
      "another application": claims({ aud: ["0000"] }),
      "without audience": claims({ aud: undefined }),
      "audience as a prefix": claims({ aud: AUD.slice(0, 4) }),
    };
    for (const [why, payload] of Object.entries(refused))
      expect(await verifyAccessJwt(await sign(k1, payload), check), why).toBeNull();
    expect(await verifyAccessJwt(await sign(k1, claims({ aud: ["0000", AUD], nbf: T0 / 1000 })), check)).not.toBeNull();
  });

  it("takes the keys only from a 200 answer, not following redirects, and skips keys it must not use", async () => {
    const [k1] = await keys;
    const token = await sign(k1, claims());
    const moved = team(() => new Response(null, { status: 302, headers: { location: "https://evil.example/certs" } }));
    expect(await verifyAccessJwt(token, moved.check)).toBeNull();
    expect(moved.fetched).toEqual([`${moved.check.jwksUrl} manual`]);
    expect(await verifyAccessJwt(token, team(() => new Response("{", { status: 200 })).check)).toBeNull();
    expect(await verifyAccessJwt(token, team(() => ({ keys: "k1" }) as never).check)).toBeNull();
    for (const jwk of [
      { ...k1.jwk, alg: "RS512" },
      { ...k1.jwk, use: "enc" },
      { ...k1.jwk, key_ops: ["encrypt"] },
      { ...k1.jwk, kty: "EC" },
    ])
      expect(await verifyAccessJwt(token, team(() => ({ keys: [jwk] })).check), JSON.stringify(jwk)).toBeNull();
    const small = await makeKey("k1", 1024);
    const weak = team(() => ({ keys: [small.jwk] }));
    expect(await verifyAccessJwt(await sign(small, claims()), weak.check)).toBeNull();
  });

  it("refetches the keys for an unknown kid (a rotation), at most once per cooldown, and after their max age", async () => {
    const [k1, k2, k3] = await keys;
    let served = [k1.jwk];
    const { check, fetched, clock } = team(() => ({ keys: served }));
    expect(await verifyAccessJwt(await sign(k1, claims()), check)).not.toBeNull();
    // Rotated within the cooldown: the token for the new key waits for the next fetch.
    served = [k1.jwk, k2.jwk];
    expect(await verifyAccessJwt(await sign(k2, claims()), check)).toBeNull();
    expect(fetched).toHaveLength(1);
    clock.now += JWKS_COOLDOWN_MS;
    expect(await verifyAccessJwt(await sign(k2, claims({ exp: clock.now / 1000 + 300 })), check)).not.toBeNull();
    expect(fetched).toHaveLength(2);
    // An unknown kid again within the cooldown: no fetch.
    expect(await verifyAccessJwt(await sign(k3, claims({ exp: clock.now / 1000 + 300 })), check)).toBeNull();
    expect(fetched).toHaveLength(2);
    // Known kids are served from the cache until its max age, then fetched again: k1 is gone.
    served = [k2.jwk];
    const later = (ms: number) => claims({ exp: (clock.now + ms) / 1000 + 300 });
    clock.now += JWKS_MAX_AGE_MS - 1000;
    expect(await verifyAccessJwt(await sign(k1, later(0)), check)).not.toBeNull();
    expect(fetched).toHaveLength(2);
    clock.now += 1000;
    expect(await verifyAccessJwt(await sign(k1, later(0)), check)).toBeNull();
    expect(await verifyAccessJwt(await sign(k2, later(0)), check)).not.toBeNull();
    expect(fetched).toHaveLength(3);
  });

  it("answers null to hostile tokens, never throwing, within the cooldown's one fetch", async () => {
    const [k1] = await keys;
    const { check, fetched } = team(() => ({ keys: [k1.jwk] }));
    const valid = (await sign(k1, claims())).split(".") as [string, string, string];
    const segment = fc.oneof(
      fc.string(),
      fc.constantFrom(...valid),
      fc.jsonValue().map(encodeJson),
      fc
        .record({ alg: fc.constantFrom("RS256", "none", "HS256"), kid: fc.oneof(fc.string(), fc.integer()) })
        .map(encodeJson),
    );
    const token = fc.oneof(
      fc.string(),
      fc.tuple(segment, segment, segment).map((parts) => parts.join(".")),
    );
    await fc.assert(
      fc.asyncProperty(token, async (t) => {
        fc.pre(t !== valid.join("."));
        expect(await verifyAccessJwt(t, check)).toBeNull();
      }),
      { numRuns: 300 },
    );
    expect(fetched.length).toBeLessThanOrEqual(1);
  });

  it("tries each usable key when the token names none", async () => {
    const [k1, k2] = await keys;
    const { check } = team(() => ({ keys: [k1.jwk, k2.jwk] }));
    expect(await verifyAccessJwt(await sign(k2, claims(), { kid: undefined }), check)).not.toBeNull();
  });
});
