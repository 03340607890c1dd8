// The public fact-check pages, feeds and sitemap, as a reader with no login sees them: published
// fact-checks only (everything else a 404 that gives nothing away), ClaimReview JSON-LD with
// every field Google asks for, Atom and JSON Feed 1.1, corrections on the page and in the feeds,
// ETag/304 and a change visible at once, and nothing a reviewer keeps to the desk.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { slugFor } from "../src/domain/publication";
import { publishedFactChecks } from "../src/services/publication";
import { api } from "./api/helpers";
import { act, claimRated, publishedClaim, review, reviewers } from "./api/publication-helpers";
import { attrs, db, get } from "./pages-helpers";

const SECRET_TAG = "desk-only-tag";
const SECRET_FLAG = "flag detail only the desk sees";
const SECRET_PUBLISH_NOTE = "publish note only the desk sees";

/** A minimal XML well-formedness check: tags nest and close, text has no stray `<` or `&`. */
function expectWellFormedXml(xml: string) {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  const tokens = body.split(/(<[^>]*>)/);
  for (const token of tokens) {
    if (token.startsWith("<")) {
      const close = /^<\/([\w:.-]+)\s*>$/.exec(token);
      const open = /^<([\w:.-]+)(\s+[\w:.-]+="[^"<]*")*\s*(\/?)>$/.exec(token);
      if (close) expect(stack.pop(), `closing ${token}`).toBe(close[1]);
      else if (open) {
        if (!open[3]) stack.push(open[1] as string);
      } else throw new Error(`not a tag: ${token}`);
    } else {
      expect(token, "text holds a raw < or a bare &").not.toMatch(/<|&(?!(amp|lt|gt|quot|apos);)/);
    }
  }
  expect(stack).toEqual([]);
}

/** Every element `name` in the XML, with its inner text. */
const elements = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, "g"))].map((m) => m[1] ?? "");

function jsonLdOf(html: string) {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  expect(match, "the page has a JSON-LD block").not.toBeNull();
  return JSON.parse(match?.[1] ?? "null");
}

let verified: Awaited<ReturnType<typeof publishedClaim>>;
let falseOne: Awaited<ReturnType<typeof publishedClaim>>;
let withdrawn: Awaited<ReturnType<typeof publishedClaim>>;
let neverId: string;
let neverText: string;

beforeAll(async () => {
  verified = await publishedClaim("verified", {
    text: "the bridge reopened to traffic on Monday",
    tags: [SECRET_TAG],
    stated_at: "2020-03-04",
    context: "Officials said the bridge reopened to traffic on Monday, after repairs.",
  });
  falseOne = await publishedClaim("false", { text: "unemployment fell to zero last year" });
  withdrawn = await publishedClaim("unproven", { text: "the stadium was built in six weeks" });
  expect((await act(withdrawn.id, withdrawn.people.a, "unpublish", "Pending a legal review.")).status).toBe(200);
  const { a } = await reviewers();
  neverText = "the river has never flooded in living memory";
  neverId = await claimRated("verified", a, { text: neverText });
  // Desk-only data on a published claim: a flag with its detail.
  await env.DB.prepare("INSERT INTO claim_flags (claim_id, flag, raised_at, detail) VALUES (?, 'source_changed', ?, ?)")
    .bind(verified.id, new Date().toISOString(), SECRET_FLAG)
    .run();
});

describe("only published fact-checks are public", () => {
  it("answers 404, the same page, for a claim never published, one unpublished, and no claim at all", async () => {
    const never = await get(`/fact-checks/${slugFor(neverId, neverText)}`);
    const gone = await get(withdrawn.url);
    const wrongSlugGone = await get(`/fact-checks/whatever-${withdrawn.id.toLowerCase()}`);
    const nothing = await get("/fact-checks/nothing-here-clm_01JNDX8Y3T6M5V0A7K2Q9R4B1C");
    for (const res of [
      never,
      gone,
      wrongSlugGone,
      nothing,
      await get("/fact-checks/nope"),
      await get("/fact-checks/clm_x"),
    ]) {
      expect(res.status).toBe(404);
      expect(res.location).toBeNull();
      expect(res.html).toBe(nothing.html);
    }
  });

  it("lists, feeds and maps the published ones only", async () => {
    const list = await get("/fact-checks");
    const atom = await get("/fact-checks/feed.atom");
    const json = await get("/fact-checks/feed.json");
    const map = await get("/sitemap.xml");
    for (const res of [list, atom, json, map]) {
      expect(res.status).toBe(200);
      expect(res.html).not.toContain(neverId);
      expect(res.html).not.toContain(withdrawn.id.toLowerCase());
      expect(res.html).not.toContain("never flooded");
      expect(res.html).not.toContain("stadium was built");
    }
    expect(list.html).toContain("the bridge reopened to traffic on Monday");
    expect(list.html).toContain("unemployment fell to zero last year");
    expect(elements(map.html, "loc")).toEqual(
      expect.arrayContaining([
        `https://factchecks.claimdesk.test${verified.url}`,
        `https://factchecks.claimdesk.test${falseOne.url}`,
      ]),
    );
  });

  it("redirects a wrong slug with the right id to the canonical address (301)", async () => {
    const res = await get(`/fact-checks/old-words-${verified.id.toLowerCase()}`);
    expect(res.status).toBe(301);
    expect(res.location).toBe(verified.url);
    expect((await get(`/fact-checks/${verified.id}`)).location).toBe(verified.url);
  });

  it("needs no login, sets no cookie and keeps the strict CSP, also for a reader with a bookmark", async () => {
    const res = await get(verified.url, undefined, { cookie: "claimdesk_bookmark=abc" });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(res.headers.get("d1-bookmark")).toBeNull();
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'nonce-");
    expect(res.html).toMatch(/^<!doctype html><html lang="en">/);
    expect(res.html).toContain("<main");
    expect(res.html).toContain("<footer");
  });
});

describe("a fact-check page", () => {
  it("shows the claim, who said it, where and when, the verdict, its reasons and evidence, and its dates", async () => {
    const res = await get(verified.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = res.html;
    expect(html).toContain("“the bridge reopened to traffic on Monday”");
    expect(html).toContain("Sonny Leggett");
    expect(html).toContain("US Forces-Afghanistan spokesman");
    expect(html).toContain("2020-03-04");
    expect(html).toContain('href="https://www.example.com/afp/2020/03/05/kunduz"');
    expect(html).toContain("Rated verified on the record.");
    expect(html).toContain('href="https://evidence.example.org/statement"');
    expect(html).toContain(">True</span>");
    expect(html).toContain(`<link rel="canonical" href="https://factchecks.claimdesk.test${verified.url}"/>`);
    expect(html).toContain('<meta property="og:type" content="article"/>');
    expect(html).toContain(`<meta property="og:url" content="https://factchecks.claimdesk.test${verified.url}"/>`);
    expect(html).toContain('<meta name="twitter:card" content="summary"/>');
  });

  it.each([
    ["verified", 5, "True"],
    ["misleading", 3, "Misleading"],
    ["false", 1, "False"],
    ["unproven", undefined, "Unproven"],
  ])("carries ClaimReview JSON-LD with every required field for a %s verdict", async (status, value, name) => {
    const made = await publishedClaim(status, { text: `a ${status} claim with its JSON-LD` });
    const ld = jsonLdOf((await get(made.url)).html);
    expect(ld["@context"]).toBe("https://schema.org");
    expect(ld["@type"]).toBe("ClaimReview");
    expect(ld.claimReviewed).toBe(`a ${status} claim with its JSON-LD`);
    expect(ld.url).toBe(`https://factchecks.claimdesk.test${made.url}`);
    expect(ld.author).toEqual({ "@type": "Organization", name: "claimdesk", url: "https://claimdesk.example" });
    expect(Date.parse(ld.datePublished)).not.toBeNaN();
    expect(ld.reviewRating["@type"]).toBe("Rating");
    expect(ld.reviewRating.alternateName).toBe(name);
    if (value === undefined) expect(ld.reviewRating.ratingValue).toBeUndefined();
    else expect(ld.reviewRating).toMatchObject({ ratingValue: value, bestRating: 5, worstRating: 1 });
    expect(ld.itemReviewed["@type"]).toBe("Claim");
    expect(ld.itemReviewed.author).toMatchObject({ "@type": "Person", name: "Sonny Leggett" });
    expect(ld.itemReviewed.appearance).toMatchObject({
      "@type": "CreativeWork",
      url: "https://www.example.com/afp/2020/03/05/kunduz",
    });
    expect(ld.itemReviewed).toHaveProperty("datePublished");
  });

  it("escapes the claim's words in the JSON-LD block, which still parses", async () => {
    const text = "</script><script>alert(1)</script> & more";
    const made = await publishedClaim("verified", { text });
    const html = (await get(made.url)).html;
    expect(html).not.toContain("<script>alert(1)");
    expect(jsonLdOf(html).claimReviewed).toBe(text);
  });
});

describe("feeds and sitemap", () => {
  it("is an Atom feed: well-formed, feed id, title, updated, author, self link; entries with id, title, link, dates", async () => {
    const res = await get("/fact-checks/feed.atom");
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expectWellFormedXml(res.html);
    expect(res.html).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    const feed = res.html.replace(/<entry>[\s\S]*<\/entry>/, "");
    expect(elements(feed, "id")).toEqual(["https://factchecks.claimdesk.test/fact-checks"]);
    expect(elements(feed, "title")).toEqual(["claimdesk fact-checks"]);
    expect(elements(feed, "updated")[0]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(feed).toContain(
      '<link rel="self" type="application/atom+xml" href="https://factchecks.claimdesk.test/fact-checks/feed.atom"/>',
    );
    const entries = elements(res.html, "entry");
    expect(entries.length).toBeGreaterThanOrEqual(2);
    for (const entry of entries) {
      expect(elements(entry, "id")[0]).toMatch(/^https:\/\/factchecks\.claimdesk\.test\/fact-checks\/.+-clm_/);
      expect(elements(entry, "title")[0]).toBeTruthy();
      expect(elements(entry, "updated")[0]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(elements(entry, "published")[0]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(entry).toMatch(
        /<link rel="alternate" type="text\/html" href="https:\/\/factchecks\.claimdesk\.test\/fact-checks\/[^"]+"\/>/,
      );
    }
  });

  it("is a JSON Feed 1.1: version, title, urls; items with id, url, content and dates", async () => {
    const res = await get("/fact-checks/feed.json");
    expect(res.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
    const feed = JSON.parse(res.html);
    expect(feed).toMatchObject({
      version: "https://jsonfeed.org/version/1.1",
      title: "claimdesk fact-checks",
      home_page_url: "https://factchecks.claimdesk.test/fact-checks",
      feed_url: "https://factchecks.claimdesk.test/fact-checks/feed.json",
      authors: [{ name: "claimdesk", url: "https://claimdesk.example" }],
    });
    expect(feed.items.length).toBeGreaterThanOrEqual(2);
    for (const item of feed.items) {
      expect(typeof item.id).toBe("string");
      expect(item.url).toBe(item.id);
      expect(typeof item.content_html).toBe("string");
      expect(Date.parse(item.date_published)).not.toBeNaN();
      expect(Date.parse(item.date_modified)).not.toBeNaN();
      for (const key of Object.keys(item)) {
        expect(
          ["id", "url", "title", "content_html", "summary", "date_published", "date_modified", "tags"].includes(key) ||
            key.startsWith("_"),
          key,
        ).toBe(true);
      }
    }
  });

  it("maps every published page with its lastmod", async () => {
    const res = await get("/sitemap.xml");
    expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    expectWellFormedXml(res.html);
    expect(res.html).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    for (const url of elements(res.html, "url").slice(1)) {
      expect(elements(url, "lastmod")[0]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
  });
});

describe("corrections and caching", () => {
  it("answers 304 to a repeat request with the ETag, and a correction shows at once on the page and in the feeds", async () => {
    const made = await publishedClaim("verified", { text: "the port handled a record tonnage in May" });
    const first = await get(made.url);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=60, s-maxage=300");
    const repeat = await get(made.url, undefined, { "if-none-match": etag });
    expect(repeat.status).toBe(304);
    expect(repeat.html).toBe("");
    expect(repeat.headers.get("etag")).toBe(etag);
    const atomBefore = await get("/fact-checks/feed.atom");
    const atomEtag = atomBefore.headers.get("etag") ?? "";
    expect((await get("/fact-checks/feed.atom", undefined, { "if-none-match": atomEtag })).status).toBe(304);
    expect(
      (await get("/fact-checks", undefined, { "if-none-match": (await get("/fact-checks")).headers.get("etag") ?? "" }))
        .status,
    ).toBe(304);

    // The verdict changes: the public page keeps the published one until a correction.
    await review(made.id, made.people.a, "misleading", "May's record was for containers only.");
    expect((await get(made.url, undefined, { "if-none-match": etag })).status).toBe(304);
    expect((await get(made.url)).html).not.toContain("containers only");
    expect((await act(made.id, made.people.b, "sign_off")).status).toBe(200);
    const corrected = await act(made.id, made.people.a, "correct", "The record was for containers only.");
    expect(corrected.status, corrected.text).toBe(200);

    const after = await get(made.url, undefined, { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(after.html).toContain("The record was for containers only.");
    expect(after.html).toContain("Verdict changed from True to Misleading");
    expect(after.html).toContain(">Misleading</span>");
    expect(after.html).toContain("Updated");
    expect(jsonLdOf(after.html).dateModified).toBe(corrected.json.republished_at);
    const atom = await get("/fact-checks/feed.atom", undefined, { "if-none-match": atomEtag });
    expect(atom.status).toBe(200);
    expect(atom.html).toContain("The record was for containers only.");
    const json = JSON.parse((await get("/fact-checks/feed.json")).html);
    const item = json.items.find((i: { url: string }) => i.url.endsWith(made.url));
    expect(item.date_modified).toBe(corrected.json.republished_at);
    expect(item._claimdesk.corrections[0].reason).toBe("The record was for containers only.");

    // Unpublished: gone at once from the page, the list and the feeds.
    expect((await act(made.id, made.people.a, "unpublish", "Under review again.")).status).toBe(200);
    expect((await get(made.url)).status).toBe(404);
    expect((await get("/fact-checks")).html).not.toContain("record tonnage");
    expect((await get("/fact-checks/feed.json")).html).not.toContain("record tonnage");
  });
});

describe("the Cache API", () => {
  it("serves a page rendered at this revision from the cache, and renders afresh when the revision moves", async () => {
    const made = await publishedClaim("verified", { text: "the ferry crossing takes forty minutes" });
    expect((await get(made.url)).html).toContain("forty minutes");
    // Behind the service's back (same revision): the cache answers, so the old words stay.
    const snapshot = await env.DB.prepare("SELECT snapshot FROM claim_publications WHERE claim_id = ?")
      .bind(made.id)
      .first<{ snapshot: string }>();
    const changed = (snapshot?.snapshot ?? "").replace("forty minutes", "four hours");
    await env.DB.prepare("UPDATE claim_publications SET snapshot = ? WHERE claim_id = ?").bind(changed, made.id).run();
    expect((await get(made.url)).html).toContain("forty minutes");
    // A publication change moves the revision: the next answer is rendered from the database.
    const evidence = await api("POST", `/claims/${made.id}/evidence`, {
      body: { url: "https://ferry.example.org/timetable", title: "Ferry timetable", stance: "supports" },
    });
    expect(evidence.status).toBe(201);
    expect((await act(made.id, made.people.a, "correct", "Added the timetable.")).status).toBe(200);
    const fresh = await get(made.url);
    expect(fresh.html).toContain("Added the timetable.");
    expect(fresh.html).toContain("Ferry timetable");
  });
});

describe("nothing a reviewer keeps to the desk", () => {
  it("appears in any public answer: token names, actors, internal notes, flags, tags, other ids", async () => {
    const paths = [
      "/fact-checks",
      verified.url,
      falseOne.url,
      "/fact-checks/feed.atom",
      "/fact-checks/feed.json",
      "/sitemap.xml",
      "/fact-checks?q=bridge",
    ];
    // The speaker's public page, linked from the fact-check.
    const speakerPages = (await attrs((await get(verified.url)).html, "a", "href")).filter((h) =>
      h?.startsWith("/fact-checks/speakers/"),
    );
    expect(speakerPages).toHaveLength(1);
    paths.push(speakerPages[0] ?? "");
    const claim = (await api("GET", `/claims/${verified.id}`)).json;
    const forbidden = [
      verified.people.nameA,
      verified.people.nameB,
      falseOne.people.nameA,
      falseOne.people.nameB,
      "reviewer A",
      "reviewer B",
      "ADMIN_TOKEN",
      "admin (",
      env.ADMIN_TOKEN ?? "never",
      SECRET_TAG,
      SECRET_FLAG,
      "source_changed",
      "Read the evidence.",
      SECRET_PUBLISH_NOTE,
      claim.speaker.id,
      claim.source.id,
      claim.evidence[0].id,
      "created_by",
      "recheck",
    ];
    for (const path of paths) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      for (const word of forbidden) expect(res.html, `${path} shows ${word}`).not.toContain(word);
    }
  });
});

describe("the list", () => {
  it("searches the published words, and a bad page link is a 400 with the newest fact-checks", async () => {
    const found = await get("/fact-checks?q=BRIDGE%20reopened");
    expect(found.html).toContain("the bridge reopened to traffic on Monday");
    expect(found.html).not.toContain("unemployment fell");
    const none = await get("/fact-checks?q=never%20flooded");
    expect(none.html).toContain("No fact-check matches these words.");
    const bad = await get("/fact-checks?cursor=garbage");
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("That page link is not one of ours");
  });

  it("pages newest first by cursor, without repeats", async () => {
    const seen: string[] = [];
    let cursor: { at: string; id: string } | undefined;
    do {
      const page = await publishedFactChecks(db, { limit: 2, cursor });
      seen.push(...page.items.map((i) => i.first_published_at + i.id));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect([...seen].sort().reverse()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
