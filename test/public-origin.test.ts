// Public urls come from PUBLIC_ORIGIN, never from the request: a request that names another host
// (Host, X-Forwarded-Host) gets the configured origin in every absolute url of the public pages,
// the feeds, the sitemap and the ClaimReview (page, API, export), and shares their cached answers.
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN } from "./api/helpers";
import { publishedClaim } from "./api/publication-helpers";

const PUBLIC = env.PUBLIC_ORIGIN ?? "";
const EVIL = "http://evil.example";
const HOSTILE = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" };

/** A request as it reaches the Worker when a client (or a cache in front) names another host. */
async function hostile(path: string, headers: Record<string, string> = {}) {
  const res = await exports.default.fetch(`${EVIL}${path}`, { headers: { ...HOSTILE, ...headers } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const absoluteUrls = (text: string) => [...text.matchAll(/https?:\/\/[^\s"'<>\\]+/g)].map((m) => m[0]);
/** Every absolute url that points at us: on the public origin, never on the request's host. */
function expectOurUrlsOnPublicOrigin(text: string) {
  expect(text).not.toContain("evil.example");
  expect(text).not.toContain("//claimdesk.test");
  const ours = absoluteUrls(text).filter((u) => u.includes("/fact-checks"));
  expect(ours.length).toBeGreaterThan(0);
  for (const url of ours) expect(url.startsWith(`${PUBLIC}/fact-checks`), url).toBe(true);
}

let made: Awaited<ReturnType<typeof publishedClaim>>;

beforeAll(async () => {
  expect(PUBLIC).toBe("https://factchecks.claimdesk.test");
  made = await publishedClaim("false", { text: "the new tunnel cost nothing to build" });
});

describe("the public origin, whatever the request's Host", () => {
  it("is the fact-check page's canonical link, og:url and ClaimReview url", async () => {
    const res = await hostile(made.url);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<link rel="canonical" href="${PUBLIC}${made.url}"/>`);
    expect(res.text).toContain(`<meta property="og:url" content="${PUBLIC}${made.url}"/>`);
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(res.text)?.[1] ?? "null");
    expect(ld.url).toBe(`${PUBLIC}${made.url}`);
    expectOurUrlsOnPublicOrigin(res.text);
  });

  it("is the list's og:url", async () => {
    const res = await hostile("/fact-checks");
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<meta property="og:url" content="${PUBLIC}/fact-checks"/>`);
    expectOurUrlsOnPublicOrigin(res.text);
  });

  it("is every id and link of the Atom feed and the JSON Feed, and every loc of the sitemap", async () => {
    const atom = await hostile("/fact-checks/feed.atom");
    expect(atom.text).toContain(`<id>${PUBLIC}/fact-checks</id>`);
    expect(atom.text).toContain(`<id>${PUBLIC}${made.url}</id>`);
    expect(atom.text).toContain(`href="${PUBLIC}/fact-checks/feed.atom"`);
    expectOurUrlsOnPublicOrigin(atom.text);

    const json = JSON.parse((await hostile("/fact-checks/feed.json")).text);
    expect(json.home_page_url).toBe(`${PUBLIC}/fact-checks`);
    expect(json.feed_url).toBe(`${PUBLIC}/fact-checks/feed.json`);
    const item = json.items.find((i: { id: string }) => i.id.endsWith(made.url));
    expect(item).toMatchObject({ id: `${PUBLIC}${made.url}`, url: `${PUBLIC}${made.url}` });
    expectOurUrlsOnPublicOrigin(JSON.stringify(json));

    const map = await hostile("/sitemap.xml");
    expect(map.text).toContain(`<loc>${PUBLIC}/fact-checks</loc>`);
    expect(map.text).toContain(`<loc>${PUBLIC}${made.url}</loc>`);
    expectOurUrlsOnPublicOrigin(map.text);
  });

  it("is the url of the API's ClaimReview and of the export's claimreview format", async () => {
    const auth = { authorization: `Bearer ${ADMIN}` };
    const one = await hostile(`/api/v1/claims/${made.id}/claimreview`, auth);
    expect(one.status).toBe(200);
    expect(JSON.parse(one.text).url).toBe(`${PUBLIC}${made.url}`);
    const exported = await hostile("/api/v1/export?format=claimreview", auth);
    expect(exported.status).toBe(200);
    const reviews = JSON.parse(exported.text) as { url: string }[];
    expect(reviews.map((r) => r.url)).toContain(`${PUBLIC}${made.url}`);
    expectOurUrlsOnPublicOrigin(exported.text);
  });

  it("keys the cached answers by the public origin: what a hostile Host made is the answer everyone gets", async () => {
    const other = await publishedClaim("verified", { text: "the library opens at seven every morning" });
    const first = await hostile(other.url);
    expect(first.text).toContain("seven every morning");
    // Behind the service's back (same revision): only a cache hit still shows the old words.
    await env.DB.prepare(
      "UPDATE claim_publications SET snapshot = replace(snapshot, 'seven', 'nine') WHERE claim_id = ?",
    )
      .bind(other.id)
      .run();
    const ours = await exports.default.fetch(`http://claimdesk.test${other.url}`);
    expect(ours.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(await ours.text()).toBe(first.text);
  });
});
