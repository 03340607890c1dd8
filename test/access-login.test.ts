// Signing in through Cloudflare Access, end to end: the Worker fetches the team's keys (msw
// stands in for https://<team>/cdn-cgi/access/certs) and lets a request with a valid
// Cf-Access-Jwt-Assertion into the review pages as its email, with ACCESS_ROLE's role.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Env } from "../src/env";
import worker from "../src/index";
import { makeKey, sign } from "./access-helpers";

const TEAM = "desk.cloudflareaccess.com";
const AUD = "9c1d5e";
const web = setupServer();
let certs = 0;
const key = makeKey("live");

beforeAll(async () => {
  const { jwk } = await key;
  web.use(
    http.get(`https://${TEAM}/cdn-cgi/access/certs`, () => {
      certs++;
      return HttpResponse.json({ keys: [jwk] });
    }),
  );
  web.listen({ onUnhandledRequest: "error" });
});
afterAll(() => web.close());

async function review(assertion: string | null, vars: Partial<Env> = {}): Promise<Response> {
  const headers = assertion ? { "cf-access-jwt-assertion": assertion } : undefined;
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request("http://claimdesk.test/review", { headers, redirect: "manual" }),
    { ...env, ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD, ACCESS_ROLE: "viewer", ...vars } as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

const now = () => Math.floor(Date.now() / 1000);
const claims = (extra: Record<string, unknown> = {}) => ({
  aud: [AUD],
  email: "ana@desk.example",
  exp: now() + 300,
  iat: now() - 5,
  iss: `https://${TEAM}`,
  ...extra,
});

describe("Cloudflare Access sign-in", () => {
  it("lets a valid assertion in as its email, fetching the team's keys once", async () => {
    const token = await sign(await key, claims());
    const first = await review(token);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("ana@desk.example");
    expect((await review(token)).status).toBe(200);
    expect(certs).toBe(1);
  });

  it("sends an expired, foreign, unsigned or email-less assertion to the login page", async () => {
    const k = await key;
    const other = await makeKey("live");
    for (const [why, token] of [
      ["expired", await sign(k, claims({ exp: now() - 1 }))],
      ["another application", await sign(k, claims({ aud: ["0ff1ce"] }))],
      ["another team", await sign(k, claims({ iss: "https://other.cloudflareaccess.com" }))],
      ["another key", await sign(other, claims())],
      ["no email", await sign(k, claims({ email: undefined }))],
      ["not a token", "a.b.c"],
    ]) {
      const response = await review(token as string);
      expect(response.status, why as string).toBe(303);
      expect(response.headers.get("location"), why as string).toMatch(/^\/login/);
    }
  });

  it("ignores the header where Access is not configured", async () => {
    const token = await sign(await key, claims());
    expect((await review(token, { ACCESS_AUD: undefined })).status).toBe(303);
  });
});
