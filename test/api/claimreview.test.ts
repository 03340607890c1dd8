import { describe, expect, it } from "vitest";
import { claimWithStatus } from "./claimreview-helpers";
import { api, attacksClaim, tokenFor } from "./helpers";

const ORG = { "@type": "Organization", name: "claimdesk", url: "https://claimdesk.example" };

describe("GET /claims/{id}/claimreview", () => {
  it("publishes a verified claim as a True ClaimReview", async () => {
    const id = await claimWithStatus("verified", {
      text: "verified claim for ClaimReview",
      stated_at: "2020-03-04",
      source: { ...attacksClaim.source, published_at: "2020-03-05" },
    });
    const res = await api("GET", `/claims/${id}/claimreview`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/ld+json; charset=utf-8");
    const claim = (await api("GET", `/claims/${id}`)).json;
    expect(res.json).toEqual({
      "@context": "https://schema.org",
      "@type": "ClaimReview",
      url: `https://claimdesk.example/claims/${id}`,
      claimReviewed: "verified claim for ClaimReview",
      itemReviewed: {
        "@type": "Claim",
        author: { "@type": "Person", name: "Sonny Leggett", jobTitle: "US Forces-Afghanistan spokesman" },
        appearance: {
          "@type": "CreativeWork",
          url: attacksClaim.source.url,
          headline: attacksClaim.source.title,
          publisher: { "@type": "Organization", name: "AFP" },
        },
        datePublished: "2020-03-04",
      },
      author: ORG,
      datePublished: claim.verdict_at,
      reviewRating: { "@type": "Rating", ratingValue: 5, bestRating: 5, worstRating: 1, alternateName: "True" },
      reviewBody: "Rated verified after reading the statement.",
    });
  });

  it.each([
    ["misleading", 3, "Misleading"],
    ["false", 1, "False"],
  ])("rates a %s claim %i (%s)", async (status, value, name) => {
    const id = await claimWithStatus(status, { text: `${status} claim for ClaimReview` });
    const res = await api("GET", `/claims/${id}/claimreview`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.reviewRating).toEqual({
      "@type": "Rating",
      ratingValue: value,
      bestRating: 5,
      worstRating: 1,
      alternateName: name,
    });
  });

  it("publishes unproven without a rating value, and an organisation speaker as an Organization", async () => {
    const id = await claimWithStatus("unproven", {
      text: "unproven claim for ClaimReview",
      speaker: { name: "Ministry of Defence", role: "press office", kind: "organisation" },
      source: { title: "A broadcast without a url", published_at: "2020-03-06" },
    });
    const res = await api("GET", `/claims/${id}/claimreview`);
    expect(res.json.reviewRating).toEqual({ "@type": "Rating", alternateName: "Unproven" });
    expect(res.json.itemReviewed).toEqual({
      "@type": "Claim",
      author: { "@type": "Organization", name: "Ministry of Defence", description: "press office" },
      appearance: { "@type": "CreativeWork", headline: "A broadcast without a url" },
      // No stated_at: the source's publication date stands in.
      datePublished: "2020-03-06",
    });
  });

  it.each([
    ["opinion", "opinion"],
    [null, "unverified"],
  ])("answers 404 for a claim that is %s", async (status, shown) => {
    const id = await claimWithStatus(status, { text: `${shown} claim without ClaimReview` });
    const res = await api("GET", `/claims/${id}/claimreview`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.json.detail).toContain(shown);
  });

  it("answers 404 for no such claim, and lets viewers read", async () => {
    expect((await api("GET", "/claims/clm_nope/claimreview")).status).toBe(404);
    const id = await claimWithStatus("verified", { text: "verified claim a viewer reads" });
    expect((await api("GET", `/claims/${id}/claimreview`, { token: await tokenFor("viewer") })).status).toBe(200);
    expect((await api("GET", `/claims/${id}/claimreview`, { token: null })).status).toBe(401);
  });
});
