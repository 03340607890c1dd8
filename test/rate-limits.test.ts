// Rate limits on the Workers Rate Limiting binding (simulated by miniflare). These tests swap in
// the STRICT_ limiters of test/vitest.config.ts (3 a minute) and use client addresses of their
// own, so nothing here can trip another test file (whose limiters are generous).
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import type { Env } from "../src/env";
import { clientAddress } from "../src/middleware/rate-limit";
import { storeToken } from "./api/helpers";
import { ORIGIN, texts } from "./pages-helpers";

const strict: Partial<Env> = {
  AUTH_FAILURE_LIMITER: env.STRICT_AUTH_FAILURE_LIMITER,
  EXTRACT_LIMITER: env.STRICT_EXTRACT_LIMITER,
  RECHECK_LIMITER: env.STRICT_RECHECK_LIMITER,
  MATCH_LIMITER: env.STRICT_MATCH_LIMITER,
};
const LIMIT = 3;
const ARTICLE = { text: "“We will defend our partners,” he said." };

interface Call {
  ip?: string;
  token?: string;
  cookie?: string;
  form?: Record<string, string>;
  json?: unknown;
  ndjson?: string;
  vars?: Partial<Env>;
}

async function call(method: string, path: string, options: Call = {}) {
  const headers: Record<string, string> = {};
  if (options.ip) headers["cf-connecting-ip"] = options.ip;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined;
  if (options.form) {
    body = new URLSearchParams(options.form).toString();
    headers["content-type"] = "application/x-www-form-urlencoded";
    headers.origin = ORIGIN;
  } else if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["content-type"] = "application/json";
  } else if (options.ndjson !== undefined) {
    body = options.ndjson;
    headers["content-type"] = "application/x-ndjson";
  }
  const ctx = createExecutionContext();
  const res = await createApp().fetch(
    new Request(`${ORIGIN}${path}`, { method, headers, body, redirect: "manual" }),
    { ...env, ...strict, ...options.vars },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const login = (ip: string, token: string) => call("POST", "/login", { ip, form: { token, next: "/review" } });
const apiGet = (ip: string, token: string) => call("GET", "/api/v1/claims?limit=1", { ip, token });

/**
 * The simulated limiter counts in windows aligned to the wall clock's minute: a test that needs
 * LIMIT + 1 calls in one window starts well clear of the minute's end.
 */
async function freshWindow(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
}

let address = 0;
/** A client address no other test uses. */
const nextIp = () => `198.51.100.${++address}`;

let reviewerToken = "";
let otherToken = "";
let claimId = "";

beforeAll(async () => {
  reviewerToken = (await storeToken("reviewer", "Limited Reviewer")).token;
  otherToken = (await storeToken("reviewer", "Other Reviewer")).token;
  const made = await call("POST", "/api/v1/claims", {
    token: env.ADMIN_TOKEN,
    json: {
      text: "We will not be bound by the deal",
      kind: "direct_quote",
      speaker: { name: "Zabihullah Mujahid" },
      source: { title: "Wire copy without a link" },
    },
  });
  claimId = JSON.parse(made.text).id;
});

beforeEach(freshWindow, 70_000);

describe("failed logins, per client address", () => {
  it("answer 429 with Retry-After once over the budget, and refuse even the right token then", async () => {
    const ip = nextIp();
    for (let i = 0; i < LIMIT; i++) expect((await login(ip, "cd_wrong")).status).toBe(401);
    const refused = await login(ip, "cd_wrong");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(refused.headers.get("content-type")).toMatch(/^text\/html/);
    expect((await texts(refused.text, ".notice")).join(" ")).toMatch(/Too many failed logins from your address/);
    expect(refused.headers.get("set-cookie")).toBeNull();
    // Blocked: the right token is refused too, before it is checked.
    const right = await login(ip, env.ADMIN_TOKEN ?? "");
    expect(right.status).toBe(429);
    expect(right.headers.get("set-cookie")).toBeNull();
    // Another address is not affected.
    expect((await login(nextIp(), env.ADMIN_TOKEN ?? "")).status).toBe(303);
  });

  it("count only failures: logging in does not use up the budget", async () => {
    const ip = nextIp();
    for (let i = 0; i < LIMIT + 3; i++) expect((await login(ip, env.ADMIN_TOKEN ?? "")).status).toBe(303);
    for (let i = 0; i < LIMIT; i++) expect((await login(ip, "cd_wrong")).status).toBe(401);
    expect((await login(ip, "cd_wrong")).status).toBe(429);
  });

  it("count an IPv6 client by its /64", async () => {
    expect(clientAddress(new Request(ORIGIN, { headers: { "cf-connecting-ip": "2001:DB8:1:2::1" } }))).toBe(
      "2001:db8:1:2::/64",
    );
    expect(clientAddress(new Request(ORIGIN, { headers: { "cf-connecting-ip": "::ffff:192.0.2.7" } }))).toBe(
      "192.0.2.7",
    );
    expect(clientAddress(new Request(ORIGIN, { headers: { "cf-connecting-ip": "192.0.2.7" } }))).toBe("192.0.2.7");
    expect(clientAddress(new Request(ORIGIN))).toBe("local");
    const prefix = `2001:db8:${address++}:7`;
    for (let i = 0; i < LIMIT; i++) expect((await login(`${prefix}::${i + 1}`, "cd_wrong")).status).toBe(401);
    expect((await login(`${prefix}:ffff:1:2:3`, "cd_wrong")).status).toBe(429);
  });
});

describe("failed bearer tokens, per client address (one budget with the login form)", () => {
  it("answer 429 problem+json with Retry-After, then refuse a good token from that address", async () => {
    const ip = nextIp();
    for (let i = 0; i < LIMIT; i++) {
      const res = await apiGet(ip, "cd_not-a-token");
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/invalid_token/);
    }
    const refused = await apiGet(ip, "cd_not-a-token");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(JSON.parse(refused.text)).toMatchObject({ status: 429, type: "/problems/too-many-requests" });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await apiGet(ip, env.ADMIN_TOKEN ?? "")).status).toBe(429);
    expect((await apiGet(nextIp(), env.ADMIN_TOKEN ?? "")).status).toBe(200);
    // A request without any token is a plain 401: nothing was guessed.
    expect((await call("GET", "/api/v1/claims", { ip })).status).toBe(401);
  });

  it("do not count good tokens, and share the budget with failed logins", async () => {
    const ip = nextIp();
    for (let i = 0; i < LIMIT + 3; i++) expect((await apiGet(ip, reviewerToken)).status).toBe(200);
    expect((await login(ip, "cd_wrong")).status).toBe(401);
    expect((await apiGet(ip, "cd_wrong")).status).toBe(401);
    expect((await login(ip, "cd_wrong")).status).toBe(401);
    expect((await apiGet(ip, "cd_wrong")).status).toBe(429);
    expect((await login(ip, env.ADMIN_TOKEN ?? "")).status).toBe(429);
  });
});

describe("expensive actions, per token or reviewer", () => {
  it("POST /api/v1/extract: 429 problem+json with Retry-After over the budget, other tokens unaffected", async () => {
    const token = (await storeToken("reviewer", "Extractor")).token;
    for (let i = 0; i < LIMIT; i++)
      expect((await call("POST", "/api/v1/extract", { token, json: ARTICLE })).status).toBe(200);
    const refused = await call("POST", "/api/v1/extract", { token, json: ARTICLE });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(JSON.parse(refused.text).detail).toMatch(/Too many extractions/);
    expect((await call("POST", "/api/v1/extract", { token: otherToken, json: ARTICLE })).status).toBe(200);
  });

  it("the /import preview shares the extraction budget, with a 429 page", async () => {
    const token = (await storeToken("reviewer", "Importer")).token;
    const session = (await login(nextIp(), token)).headers.get("set-cookie")?.split(";")[0] ?? "";
    const form = { text: ARTICLE.text, source_title: "Wire copy" };
    for (let i = 0; i < LIMIT - 1; i++)
      expect((await call("POST", "/import/preview", { cookie: session, form })).status).toBe(200);
    expect((await call("POST", "/api/v1/extract", { token, json: ARTICLE })).status).toBe(200);
    const refused = await call("POST", "/import/preview", { cookie: session, form });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(await texts(refused.text, "h1")).toEqual(["Too many requests"]);
  });

  it("POST /api/v1/match: 429 problem+json with Retry-After over the budget, for a viewer too", async () => {
    const token = (await storeToken("viewer", "Matching Viewer")).token;
    const query = { text: "We will not be bound by the deal" };
    for (let i = 0; i < LIMIT; i++)
      expect((await call("POST", "/api/v1/match", { token, json: query })).status).toBe(200);
    const refused = await call("POST", "/api/v1/match", { token, json: query });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(JSON.parse(refused.text).detail).toMatch(/Too many matches/);
    // Its own budget: extraction and another token's matches are not spent.
    expect((await call("POST", "/api/v1/extract", { token: reviewerToken, json: ARTICLE })).status).toBe(200);
    expect((await call("POST", "/api/v1/match", { token: otherToken, json: query })).status).toBe(200);
  });

  it("an import asking for matches spends from the match budget; one without them spends nothing", async () => {
    const token = (await storeToken("reviewer", "Matching Importer")).token;
    let n = 0;
    const importing = (query: string) =>
      call("POST", `/api/v1/import${query}`, {
        token,
        ndjson: `${JSON.stringify({ text: `A rate-limited import, row ${++n}`, speaker: { name: "A" }, source: { title: "T" } })}\n`,
      });
    for (let i = 0; i < LIMIT + 2; i++) expect((await importing("")).status).toBe(200);
    for (let i = 0; i < LIMIT - 1; i++) expect((await importing("?match=true")).status).toBe(200);
    expect((await call("POST", "/api/v1/match", { token, json: { text: "rate-limited import" } })).status).toBe(200);
    const refused = await importing("?match=true");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(JSON.parse(refused.text).detail).toMatch(/Too many matches/);
    // Refused before it was read: nothing of it was filed.
    const filed = await env.DB.prepare("SELECT count(*) AS n FROM claims WHERE text = ?")
      .bind(`A rate-limited import, row ${n}`)
      .first<{ n: number }>();
    expect(filed?.n).toBe(0);
    expect((await importing("")).status).toBe(200);
  });

  it("re-check now, by the API and the claim page, shares one budget", async () => {
    const token = (await storeToken("reviewer", "Rechecker")).token;
    const session = (await login(nextIp(), token)).headers.get("set-cookie")?.split(";")[0] ?? "";
    for (let i = 0; i < LIMIT - 1; i++)
      expect((await call("POST", `/api/v1/claims/${claimId}/rechecks`, { token })).status).toBe(201);
    expect((await call("POST", `/claims/${claimId}/recheck`, { cookie: session, form: {} })).status).toBe(303);
    const api = await call("POST", `/api/v1/claims/${claimId}/rechecks`, { token });
    expect(api.status).toBe(429);
    expect(api.headers.get("retry-after")).toBe("60");
    expect(JSON.parse(api.text).detail).toMatch(/Too many re-checks/);
    const page = await call("POST", `/claims/${claimId}/recheck`, { cookie: session, form: {} });
    expect(page.status).toBe(429);
    expect(page.headers.get("retry-after")).toBe("60");
    expect(await texts(page.text, "h1")).toEqual(["Too many requests"]);
    // Another reviewer's budget is their own.
    expect((await call("POST", `/api/v1/claims/${claimId}/rechecks`, { token: otherToken })).status).toBe(201);
  });
});

describe("without the bindings (a deploy made before them)", () => {
  const none: Partial<Env> = {
    AUTH_FAILURE_LIMITER: undefined,
    EXTRACT_LIMITER: undefined,
    RECHECK_LIMITER: undefined,
    MATCH_LIMITER: undefined,
  };

  it("limits nothing", async () => {
    const ip = nextIp();
    for (let i = 0; i < LIMIT + 3; i++) {
      expect((await call("POST", "/login", { ip, form: { token: "cd_wrong" }, vars: none })).status).toBe(401);
      expect((await call("GET", "/api/v1/claims", { ip, token: "cd_wrong", vars: none })).status).toBe(401);
      expect(
        (await call("POST", "/api/v1/extract", { token: reviewerToken, json: { text: "x" }, vars: none })).status,
      ).toBe(200);
      expect(
        (await call("POST", "/api/v1/match", { token: reviewerToken, json: { text: "x" }, vars: none })).status,
      ).toBe(200);
    }
  });

  it("lets requests through when a limiter fails", async () => {
    const broken = {
      limit: async () => {
        throw new Error("limiter unavailable");
      },
    } as unknown as RateLimit;
    const vars = { AUTH_FAILURE_LIMITER: broken, EXTRACT_LIMITER: broken };
    expect((await call("POST", "/login", { ip: nextIp(), form: { token: "cd_wrong" }, vars })).status).toBe(401);
    expect((await call("POST", "/api/v1/extract", { token: reviewerToken, json: ARTICLE, vars })).status).toBe(200);
  });
});
