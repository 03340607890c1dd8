// The public routes: no login, no session, no cookie; published fact-checks only, anything else
// a 404 that says nothing about whether a claim exists. A door of their own (src/doors/public.ts),
// with the pages' strict CSP (src/pages/headers.ts).
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { html } from "hono/html";
import type { Child } from "hono/jsx";
import { decodePublishedCursor, encodeCursor } from "../../domain/cursor";
import { claimIdOfSlug } from "../../domain/publication";
import { shorten } from "../../domain/text";
import type { AppEnv } from "../../env";
import { isSpeakerKey, publicSpeaker, publicSpeakerEntries } from "../../services/public-speakers";
import {
  type FactCheck,
  publicationRevision,
  publishedFactCheck,
  publishedFactChecks,
  reviewOfPublished,
  SITEMAP_MAX,
  sitemapEntries,
} from "../../services/publication";
import { cachedPublic } from "./cache";
import { atomFeed, FEED_SIZE, jsonFeed, sitemap } from "./feeds";
import { SpeakerPage, speakerJsonLd } from "./speaker";
import {
  FactCheckList,
  FactCheckPage,
  type Meta,
  PublicLayout,
  PublicNotFound,
  type Site,
  verdictLabel,
} from "./views";

const MAX_QUERY = 200;

function siteOf(c: Context<AppEnv>): Site {
  const config = c.get("config");
  return { origin: config.PUBLIC_ORIGIN, orgName: config.ORG_NAME, orgUrl: config.ORG_URL };
}

function page(site: Site, meta: Meta, body: Child): string {
  return html`<!doctype html>${(
    <PublicLayout site={site} meta={meta}>
      {body}
    </PublicLayout>
  )}`.toString();
}

const HTML = "text/html; charset=utf-8";

function notFoundPage(c: Context<AppEnv>) {
  const site = siteOf(c);
  const body = page(
    site,
    {
      title: "Not found",
      description: "There is no fact-check at this address.",
      path: "/fact-checks",
      type: "website",
      noindex: true,
    },
    <PublicNotFound />,
  );
  return c.html(body, 404);
}

function describe(check: FactCheck): string {
  const { claim } = check;
  return `${verdictLabel(claim.status)}. ${claim.speaker.name}: “${shorten(claim.text, 120)}”. ${shorten(claim.rationale ?? "", 200)}`;
}

async function listPage(c: Context<AppEnv>) {
  const site = siteOf(c);
  const rawQ = c.req.query("q") ?? "";
  const q = shorten(rawQ.trim(), MAX_QUERY, "");
  const rawCursor = c.req.query("cursor");
  const cursor = rawCursor === undefined ? undefined : decodePublishedCursor(rawCursor);
  if (cursor === null) {
    // A page link we did not make: the list from the start, saying so.
    const first = await publishedFactChecks(c.get("db"), { q });
    const body = page(
      site,
      {
        title: "Fact-checks",
        description: `Fact-checks by ${site.orgName}.`,
        path: "/fact-checks",
        type: "website",
        noindex: true,
      },
      <FactCheckList
        items={first.items}
        q={q}
        nextHref={null}
        firstPage={false}
        message="That page link is not one of ours; here are the newest fact-checks."
      />,
    );
    return c.html(body, 400);
  }
  const version = String(await publicationRevision(c.get("db")));
  return cachedPublic(
    c,
    version,
    async () => {
      const found = await publishedFactChecks(c.get("db"), { q, cursor });
      const params = (next: string) => `/fact-checks?${q ? `q=${encodeURIComponent(q)}&` : ""}cursor=${next}`;
      const body = page(
        site,
        {
          title: q ? `Fact-checks matching “${q}”` : "Fact-checks",
          description: `The latest fact-checks by ${site.orgName}: claims in the news, checked, with the evidence.`,
          path: "/fact-checks",
          type: "website",
          noindex: Boolean(q || cursor),
        },
        <FactCheckList
          items={found.items}
          q={q}
          nextHref={found.next && params(encodeCursor(found.next))}
          firstPage={!cursor}
        />,
      );
      return { body, contentType: HTML };
    },
    () => notFoundPage(c),
  );
}

async function factCheckPage(c: Context<AppEnv>, slug: string) {
  const id = claimIdOfSlug(slug);
  if (!id) return notFoundPage(c);
  const check = await publishedFactCheck(c.get("db"), id);
  if (!check) return notFoundPage(c);
  // The words in the address may be old or mistyped; the id decides, and the canonical address is one.
  if (slug !== check.slug) return c.redirect(check.path, 301);
  const site = siteOf(c);
  return cachedPublic(
    c,
    String(check.revision),
    async () => {
      const jsonLd =
        reviewOfPublished(
          check.claim,
          { path: check.path, first: check.first_published_at, last: check.republished_at },
          { org: { name: site.orgName, url: site.orgUrl }, origin: site.origin },
        ) ?? undefined;
      const meta: Meta = {
        title: `${verdictLabel(check.claim.status)}: “${shorten(check.claim.text, 90)}”`,
        description: describe(check),
        path: check.path,
        type: "article",
        jsonLd,
      };
      return { body: page(site, meta, <FactCheckPage check={check} />), contentType: HTML };
    },
    () => notFoundPage(c),
  );
}

async function feed(c: Context<AppEnv>, kind: "atom" | "json") {
  const version = String(await publicationRevision(c.get("db")));
  return cachedPublic(
    c,
    version,
    async () => {
      const { items } = await publishedFactChecks(c.get("db"), { limit: FEED_SIZE });
      return kind === "atom"
        ? { body: atomFeed(siteOf(c), items), contentType: "application/atom+xml; charset=utf-8" }
        : { body: jsonFeed(siteOf(c), items), contentType: "application/feed+json; charset=utf-8" };
    },
    () => notFoundPage(c),
  );
}

async function sitemapXml(c: Context<AppEnv>) {
  const version = String(await publicationRevision(c.get("db")));
  return cachedPublic(
    c,
    version,
    async () => {
      const [checks, speakers] = await Promise.all([
        sitemapEntries(c.get("db")),
        publicSpeakerEntries(c.get("db"), SITEMAP_MAX),
      ]);
      // At most SITEMAP_MAX urls in one sitemap: the fact-checks first.
      const entries = [...checks, ...speakers].slice(0, SITEMAP_MAX);
      const newest = entries.reduce<string | null>(
        (max, e) => (max === null || e.lastmod > max ? e.lastmod : max),
        null,
      );
      return { body: sitemap(siteOf(c), entries, newest), contentType: "application/xml; charset=utf-8" };
    },
    () => notFoundPage(c),
  );
}

/** A speaker's published fact-checks (a 404 while none is published), cached by the desk's
 * publication revision like the lists: any publication may add to it or take from it. */
async function speakerPage(c: Context<AppEnv>, key: string) {
  if (!isSpeakerKey(key)) return notFoundPage(c);
  const version = String(await publicationRevision(c.get("db")));
  const site = siteOf(c);
  return cachedPublic(
    c,
    version,
    async () => {
      const speaker = await publicSpeaker(c.get("db"), key);
      if (!speaker) return null;
      const meta: Meta = {
        title: `${speaker.name}: fact-checks`,
        description: `${site.orgName}'s fact-checks of ${speaker.name}: ${speaker.total} published.`,
        path: speaker.path,
        type: "website",
        jsonLd: speakerJsonLd(speaker, site),
      };
      return { body: page(site, meta, <SpeakerPage speaker={speaker} />), contentType: HTML };
    },
    () => notFoundPage(c),
  );
}

/** The public routes, each behind `htmlHeaders` (the pages' CSP) where it answers HTML. */
export function publicPages(htmlHeaders: MiddlewareHandler<AppEnv>) {
  const pub = new Hono<AppEnv>();
  pub.get("/fact-checks", htmlHeaders, (c) => listPage(c));
  pub.get("/fact-checks/feed.atom", (c) => feed(c, "atom"));
  pub.get("/fact-checks/feed.json", (c) => feed(c, "json"));
  pub.get("/fact-checks/speakers/:key", htmlHeaders, (c) => speakerPage(c, c.req.param("key")));
  pub.get("/fact-checks/:slug", htmlHeaders, (c) => factCheckPage(c, c.req.param("slug")));
  pub.get("/sitemap.xml", (c) => sitemapXml(c));
  return pub;
}
