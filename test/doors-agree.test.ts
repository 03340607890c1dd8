// The API and the pages are two doors to the same use cases: for the same input they refuse
// (or accept) the same way, each in its own words, and a refusal writes nothing.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, attacksClaim, tokenFor } from "./api/helpers";
import { adminCookie, cookieFor, post, squash, texts } from "./pages-helpers";

let reviewerCookie: string;
let viewerCookie: string;
let viewerToken: string;

beforeAll(async () => {
  reviewerCookie = await adminCookie();
  const viewer = await cookieFor("viewer", "a viewer");
  viewerCookie = viewer.cookie;
  viewerToken = await tokenFor("viewer", "an API viewer");
});

/** A fresh claim of our own, and its version. */
async function freshClaim(text: string) {
  const res = await api("POST", "/claims", { body: { ...attacksClaim, text } });
  expect(res.status).toBe(201);
  return { id: res.json.id as string, version: res.json.version as number };
}

async function fingerprint() {
  const counts = await env.DB.batch(
    ["claims", "claim_events", "evidence", "claim_flags", "sources", "speakers"].map((t) =>
      env.DB.prepare(`SELECT '${t}' AS t, count(*) AS n FROM ${t}`),
    ),
  );
  const versions = await env.DB.prepare(
    "SELECT group_concat(id || ':' || version || ':' || status) AS v FROM claims",
  ).first();
  return JSON.stringify([counts.map((r) => r.results), versions]);
}

interface Case {
  name: string;
  setup: () => Promise<{ id: string; version: number }>;
  api: (claim: { id: string; version: number }) => Promise<{ status: number; json: { title?: string } }>;
  page: (claim: { id: string; version: number }) => Promise<{ status: number; html: string }>;
  apiStatus: number;
  pageStatus: number;
  /** What the page says, somewhere on it. */
  says: RegExp;
}

const cases: Case[] = [
  {
    name: "a stale version",
    setup: () => freshClaim("stale version case"),
    api: ({ id, version }) =>
      api("POST", `/claims/${id}/reviews`, {
        body: { status: "in_review" },
        headers: { "if-match": `"${version - 1 || 99}"` },
      }),
    page: ({ id, version }) =>
      post(
        `/claims/${id}/review`,
        { version: String(version + 5), status: "in_review", attribution: "unchecked" },
        reviewerCookie,
      ),
    apiStatus: 412,
    pageStatus: 409,
    says: /Someone else changed this claim/,
  },
  {
    name: "a duplicate",
    setup: () => freshClaim("duplicate case"),
    api: () => api("POST", "/claims", { body: { ...attacksClaim, text: "duplicate case" } }),
    page: () =>
      post(
        "/claims/new",
        {
          text: "duplicate case",
          kind: "statistic",
          speaker_name: attacksClaim.speaker.name,
          speaker_role: attacksClaim.speaker.role,
          source_url: attacksClaim.source.url,
          reported_via: "said",
          tags: "afghanistan",
        },
        reviewerCookie,
      ),
    apiStatus: 409,
    pageStatus: 409,
    says: /already tracked/,
  },
  {
    name: "a false verdict without evidence",
    setup: () => freshClaim("false without evidence case"),
    api: ({ id, version }) =>
      api("POST", `/claims/${id}/reviews`, {
        body: { status: "false", rationale: "The ministry's own figures say otherwise." },
        headers: { "if-match": `"${version}"` },
      }),
    page: ({ id, version }) =>
      post(
        `/claims/${id}/review`,
        {
          version: String(version),
          status: "false",
          attribution: "unchecked",
          rationale: "The ministry's own figures say otherwise.",
        },
        reviewerCookie,
      ),
    apiStatus: 422,
    pageStatus: 422,
    says: /needs at least one evidence item/,
  },
  {
    name: "clearing a flag that is not raised",
    setup: () => freshClaim("flag not raised case"),
    api: ({ id }) => api("POST", `/claims/${id}/flags/quote_missing/clear`, { body: { note: "checked by hand" } }),
    page: ({ id }) => post(`/claims/${id}/flags/quote_missing/clear`, { note: "checked by hand" }, reviewerCookie),
    apiStatus: 404,
    pageStatus: 404,
    says: /no flag quote_missing/,
  },
  {
    name: "a viewer's review",
    setup: () => freshClaim("viewer case"),
    api: ({ id, version }) =>
      api("POST", `/claims/${id}/reviews`, {
        token: viewerToken,
        body: { status: "in_review" },
        headers: { "if-match": `"${version}"` },
      }),
    page: ({ id, version }) =>
      post(
        `/claims/${id}/review`,
        { version: String(version), status: "in_review", attribution: "unchecked" },
        viewerCookie,
      ),
    apiStatus: 403,
    pageStatus: 403,
    says: /may read claims but not change them/,
  },
];

describe("the API and the pages agree", () => {
  it.each(cases)("on $name", async (c) => {
    const claim = await c.setup();
    const before = await fingerprint();
    const viaApi = await c.api(claim);
    expect(viaApi.status).toBe(c.apiStatus);
    expect(await fingerprint()).toBe(before);
    const viaPage = await c.page(claim);
    expect(viaPage.status).toBe(c.pageStatus);
    expect(squash((await texts(viaPage.html, "main")).join(" "))).toMatch(c.says);
    expect(await fingerprint()).toBe(before);
  });
});
