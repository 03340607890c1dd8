// The machine-readable side of the public pages: an Atom feed (RFC 4287) and a JSON Feed 1.1 of
// the latest fact-checks, and the sitemap (sitemaps.org 0.9) of every published page.
import type { FactCheck } from "../../services/publication";
import type { Site } from "./views";
import { describeChanges, verdictLabel } from "./views";

/** Fact-checks in a feed: the latest by first publication. */
export const FEED_SIZE = 50;

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
/** Text for XML; characters XML 1.0 cannot carry at all (controls, stray surrogates) are dropped. */
export function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "")
    .replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch] ?? ch);
}

const title = (check: FactCheck) => `${verdictLabel(check.claim.status)}: “${check.claim.text}”`;

function summary(check: FactCheck): string {
  const { claim } = check;
  return `${claim.speaker.name}${claim.speaker.role ? `, ${claim.speaker.role}` : ""}. ${claim.rationale ?? ""}`.trim();
}

/** An entry's HTML: the verdict, its reasons and any corrections (shown in feed readers). */
function contentHtml(check: FactCheck): string {
  const { claim } = check;
  const html = (s: string) => xml(s);
  const corrections = check.corrections
    .map((c) => `<li>${html(c.at.slice(0, 10))}: ${html(c.reason)} (${html(describeChanges(c.changes))})</li>`)
    .join("");
  return [
    `<p><strong>Verdict: ${html(verdictLabel(claim.status))}</strong></p>`,
    `<blockquote>${html(claim.text)}</blockquote>`,
    `<p>${html(summary(check))}</p>`,
    corrections ? `<p><strong>Corrections</strong></p><ul>${corrections}</ul>` : "",
  ].join("");
}

const EPOCH = "1970-01-01T00:00:00.000Z";
const latest = (checks: FactCheck[]) =>
  checks
    .map((c) => c.republished_at)
    .sort()
    .at(-1) ?? EPOCH;

export function atomFeed(site: Site, checks: FactCheck[]): string {
  const home = `${site.origin}/fact-checks`;
  const entries = checks.map((check) => {
    const url = `${site.origin}${check.path}`;
    const corrected = check.corrections.map((c) => `Correction, ${c.at.slice(0, 10)}: ${c.reason}`).join(" ");
    return `  <entry>
    <id>${xml(url)}</id>
    <title type="text">${xml(title(check))}</title>
    <link rel="alternate" type="text/html" href="${xml(url)}"/>
    <published>${xml(check.first_published_at)}</published>
    <updated>${xml(check.republished_at)}</updated>
    <summary type="text">${xml([summary(check), corrected].filter(Boolean).join(" "))}</summary>
    <content type="html">${xml(contentHtml(check))}</content>
    <category term="${xml(verdictLabel(check.claim.status))}"/>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>${xml(home)}</id>
  <title type="text">${xml(`${site.orgName} fact-checks`)}</title>
  <link rel="self" type="application/atom+xml" href="${xml(`${home}/feed.atom`)}"/>
  <link rel="alternate" type="text/html" href="${xml(home)}"/>
  <updated>${xml(latest(checks))}</updated>
  <author><name>${xml(site.orgName)}</name><uri>${xml(site.orgUrl)}</uri></author>
${entries.join("\n")}
</feed>
`;
}

export function jsonFeed(site: Site, checks: FactCheck[]): string {
  const home = `${site.origin}/fact-checks`;
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: `${site.orgName} fact-checks`,
    home_page_url: home,
    feed_url: `${home}/feed.json`,
    description: `The latest fact-checks published by ${site.orgName}.`,
    language: "en",
    authors: [{ name: site.orgName, url: site.orgUrl }],
    items: checks.map((check) => ({
      id: `${site.origin}${check.path}`,
      url: `${site.origin}${check.path}`,
      title: title(check),
      content_html: contentHtml(check),
      summary: summary(check),
      date_published: check.first_published_at,
      date_modified: check.republished_at,
      tags: [verdictLabel(check.claim.status)],
      // JSON Feed extensions are objects under a key that starts with "_".
      _claimdesk: {
        verdict: verdictLabel(check.claim.status),
        corrections: check.corrections.map((c) => ({
          date: c.at,
          reason: c.reason,
          changes: describeChanges(c.changes),
        })),
      },
    })),
  });
}

export function sitemap(site: Site, entries: { path: string; lastmod: string }[], listLastmod: string | null) {
  const url = (loc: string, lastmod: string | null) =>
    `  <url><loc>${xml(`${site.origin}${loc}`)}</loc>${lastmod ? `<lastmod>${xml(lastmod)}</lastmod>` : ""}</url>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${[url("/fact-checks", listLastmod), ...entries.map((e) => url(e.path, e.lastmod))].join("\n")}
</urlset>
`;
}
