// /dashboard, the desk speaker page's drawn record and the public speaker pages, through the
// Worker's real fetch handler (a Worker of its own: it renders cached public pages).
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, attacksClaim, tokenFor } from "./api/helpers";
import { act, claimRated, publishedClaim } from "./api/publication-helpers";
import { attrs, cookieFor, get, texts } from "./pages-helpers";

const PUBLIC = "https://factchecks.claimdesk.test";

async function speakerOf(claimId: string): Promise<string> {
  return (await api("GET", `/claims/${claimId}`)).json.speaker.id;
}

describe("/dashboard", () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = (await cookieFor("viewer", "Dash Viewer")).cookie;
    const reviewer = await tokenFor("reviewer", "Dash Reviewer");
    await claimRated("false", reviewer, { text: "the dashboard counts this false claim" });
    const open = await api("POST", "/claims", { body: { ...attacksClaim, text: "an open claim on the dashboard" } });
    expect(open.status).toBe(201);
  });

  it("draws every chart as a named svg image with its figures as text, for a viewer", async () => {
    const page = await get("/dashboard?period=30", cookie);
    expect(page.status).toBe(200);
    const labels = await attrs(page.html, "svg[role=img]", "aria-labelledby");
    expect(labels.length).toBeGreaterThanOrEqual(7);
    const titles = await texts(page.html, "svg[role=img] > title");
    expect(titles).toHaveLength(labels.length);
    for (const [i, id] of labels.entries())
      expect(id).toBe(`${(await attrs(page.html, "svg[role=img] > title", "id"))[i]}`);
    expect(titles[0]).toContain("False 1");
    expect(titles[0]).toContain("Unverified 1");
    // The figures again, as table cells: the status table says the same.
    const cells = await texts(page.html, "section[aria-labelledby=status-heading] tbody tr");
    expect(cells).toContain("False1");
    expect(cells).toContain("Unverified1");
    expect(await texts(page.html, "table")).not.toHaveLength(0);
    // Verdicts per reviewer, in words.
    expect((await texts(page.html, "section[aria-labelledby=reviewers-heading] tbody td")).join(" ")).toContain(
      "Dash Reviewer 1",
    );
    // Nothing the CSP would refuse: no style attributes, no inline script.
    expect(page.html).not.toMatch(/\sstyle=/);
    expect(page.html).not.toMatch(/<script(?![^>]*\ssrc=)/);
    // The header links to it.
    expect(await attrs(page.html, "nav[aria-label=Main] a", "href")).toContain("/dashboard");
  });

  it("takes the period from the query, and says what it left out of a bad one", async () => {
    const year = await get("/dashboard?period=365", cookie);
    expect(year.status).toBe(200);
    expect(await attrs(year.html, "a[aria-current=page]", "href")).toEqual(["/dashboard?period=365"]);
    const bad = await get("/dashboard?period=12&tag=%3Cb%3E", cookie);
    expect(bad.status).toBe(200);
    expect((await texts(bad.html, "[role=alert]")).join(" ")).toContain("period");
    expect(bad.html).not.toContain("<b>");
  });

  it("sends a visitor without a session to log in", async () => {
    const page = await get("/dashboard");
    expect(page.status).toBe(303);
    expect(page.location).toBe("/login?next=%2Fdashboard");
  });
});

describe("the desk's speaker page", () => {
  it("draws the track record as a stacked bar with the repeats beside it", async () => {
    const { cookie } = await cookieFor("viewer", "Record Viewer");
    const reviewer = await tokenFor("reviewer", "Record Reviewer");
    const id = await claimRated("misleading", reviewer, {
      text: "a misleading claim for the record",
      speaker: { name: "Rita Record" },
    });
    const page = await get(`/speakers/${await speakerOf(id)}`, cookie);
    expect(page.status).toBe(200);
    const titles = await texts(page.html, "svg[role=img] > title");
    expect(titles).toEqual([expect.stringContaining("Misleading 1")]);
    expect(await texts(page.html, ".record .repeats")).toEqual(["No claim linked as a repeat of an earlier one."]);
  });
});

describe("public speaker pages", () => {
  it("list the published fact-checks only, draw their ratings, and carry a Person and a canonical url", async () => {
    const published = await publishedClaim("false", {
      text: "a published false claim by Paula Public",
      speaker: { name: "Paula Public", role: "mayor" },
    });
    const speakerId = await speakerOf(published.id);
    // The public page is named by the speaker's public key, never by the internal id.
    const key = (
      await env.DB.prepare("SELECT public_key AS k FROM speakers WHERE id = ?").bind(speakerId).first<{ k: string }>()
    )?.k;
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    // A draft verdict of the same speaker, never published.
    const reviewer = await tokenFor("reviewer", "Draft Reviewer");
    await claimRated("verified", reviewer, {
      text: "an unpublished verdict by Paula Public",
      speaker: { name: "Paula Public", role: "mayor" },
    });
    const page = await get(`/fact-checks/speakers/${key}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toContain("public");
    expect(page.headers.get("etag")).toBeTruthy();
    expect(page.headers.get("set-cookie")).toBeNull();
    expect(page.html).toContain("a published false claim by Paula Public");
    expect(page.html).not.toContain("an unpublished verdict");
    expect(page.html).not.toContain(speakerId);
    expect(await texts(page.html, "svg[role=img] > title")).toEqual([
      expect.stringContaining("claims: True 0, Misleading 0, False 1, Unproven 0"),
    ]);
    expect(await texts(page.html, "section[aria-labelledby=ratings-heading] tbody tr")).toEqual([
      "True0",
      "Misleading0",
      "False1",
      "Unproven0",
    ]);
    expect(await attrs(page.html, "link[rel=canonical]", "href")).toEqual([`${PUBLIC}/fact-checks/speakers/${key}`]);
    const jsonLd = (await texts(page.html, "script[type='application/ld+json']")).map((t) => JSON.parse(t));
    expect(jsonLd).toEqual([
      {
        "@context": "https://schema.org",
        "@type": "Person",
        name: "Paula Public",
        jobTitle: "mayor",
        url: `${PUBLIC}/fact-checks/speakers/${key}`,
      },
    ]);
    // A repeat with its ETag is a 304.
    const again = await get(`/fact-checks/speakers/${key}`, undefined, {
      "if-none-match": page.headers.get("etag") ?? "",
    });
    expect(again.status).toBe(304);
    // The fact-check links to it, and the sitemap lists it.
    const [checkPath] = await attrs(page.html, "ol.factchecks a", "href");
    const check = await get(checkPath ?? "");
    expect(check.status).toBe(200);
    expect(await attrs(check.html, "dd a", "href")).toContain(`/fact-checks/speakers/${key}`);
    const sitemap = await get("/sitemap.xml");
    expect(sitemap.html).toContain(`<loc>${PUBLIC}/fact-checks/speakers/${key}</loc>`);

    // Unpublished, the page is gone.
    const gone = await act(published.id, published.people.a, "unpublish", "Withdrawn for review.");
    expect(gone.status, gone.text).toBe(200);
    expect((await get(`/fact-checks/speakers/${key}`)).status).toBe(404);
    expect((await get("/sitemap.xml")).html).not.toContain(`/fact-checks/speakers/${key}`);
  });

  it("answer 404 for a speaker with nothing published, or none at all", async () => {
    const filed = await api("POST", "/claims", {
      body: { ...attacksClaim, text: "filed, never checked", speaker: { name: "Nobody Published" } },
    });
    expect(filed.status).toBe(201);
    const key = (
      await env.DB.prepare("SELECT public_key AS k FROM speakers WHERE id = ?")
        .bind(filed.json.speaker.id)
        .first<{ k: string }>()
    )?.k;
    expect((await get(`/fact-checks/speakers/${key}`)).status).toBe(404);
    expect((await get(`/fact-checks/speakers/${filed.json.speaker.id}`)).status).toBe(404);
    expect((await get("/fact-checks/speakers/0123456789abcdef")).status).toBe(404);
    expect((await get("/fact-checks/speakers/spk_nope")).status).toBe(404);
    expect((await get(`/fact-checks/speakers/${"x".repeat(500)}`)).status).toBe(404);
    expect(env.PUBLIC_ORIGIN).toBe(PUBLIC);
  });
});
