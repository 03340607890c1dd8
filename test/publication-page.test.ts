// The claim page's publication panel, without JavaScript: a false verdict waits for a second
// reviewer's sign-off (its own reviewer is refused inline), is published, falls behind when the
// verdict changes, and is corrected with a public reason.
import { beforeAll, describe, expect, it } from "vitest";
import { getClaimRow } from "../src/db/queries/claims";
import { api } from "./api/helpers";
import { claimRated } from "./api/publication-helpers";
import { attrs, cookieFor, db, get, post, squash, texts } from "./pages-helpers";

let a: { cookie: string; token: string };
let b: { cookie: string; token: string };
let viewer: { cookie: string };

beforeAll(async () => {
  a = await cookieFor("reviewer", "page reviewer A");
  b = await cookieFor("reviewer", "page reviewer B");
  viewer = await cookieFor("viewer", "page viewer");
});

async function publicationForm(id: string, action: string, reason = "") {
  const row = await getClaimRow(db, id);
  return { version: String(row?.version), seen_at: row?.updatedAt ?? "", action, reason };
}

const panel = async (html: string) => (await texts(html, "section[aria-labelledby=publication-heading]")).map(squash);

describe("the publication panel", () => {
  it("takes a false verdict through sign-off, publishing and a correction", async () => {
    const id = await claimRated("false", a.token, { text: "the dam holds twice the water it did" });
    const start = await get(`/claims/${id}`, a.cookie);
    expect((await panel(start.html))[0]).toContain(
      "A False verdict needs a second reviewer’s sign-off before it is published: someone who wrote none of it since the last sign-off, and not with a token minted by one who did. Written by page reviewer A (the evidence, the verdict, the rationale).",
    );
    expect(await attrs(start.html, "form[action$=publication] button", "value")).toEqual(["sign_off", "publish"]);

    const self = await post(`/claims/${id}/publication`, await publicationForm(id, "sign_off"), a.cookie);
    expect(self.status).toBe(422);
    expect((await texts(self.html, "#action-error"))[0]).toBe(
      "you (page reviewer A) wrote the evidence, the verdict and the rationale since the last sign-off, so another reviewer must sign it off",
    );
    const early = await post(`/claims/${id}/publication`, await publicationForm(id, "publish"), a.cookie);
    expect(early.status).toBe(422);
    expect((await texts(early.html, "#action-error"))[0]).toBe("needs a second reviewer&#39;s sign-off first");

    const signed = await post(`/claims/${id}/publication`, await publicationForm(id, "sign_off", "Read it."), b.cookie);
    expect(signed.status).toBe(303);
    expect(signed.location).toBe(`/claims/${id}?done=signed_off`);
    const published = await post(`/claims/${id}/publication`, await publicationForm(id, "publish"), a.cookie);
    expect(published.status).toBe(303);
    const page = await get(published.location ?? "", a.cookie);
    expect(await texts(page.html, "[role=status]")).toEqual(["Published: the fact-check is public."]);
    const url = (await attrs(page.html, "section[aria-labelledby=publication-heading] a", "href"))[0] ?? "";
    expect(url).toMatch(/^\/fact-checks\/the-dam-holds-twice-the-water-it-did-clm_/);
    expect((await get(url)).status).toBe(200);

    // A new verdict: the public page keeps the old one, and the panel says so.
    const evidence = await api("POST", `/claims/${id}/evidence`, {
      body: { url: "https://evidence.example.org/dam", stance: "context" },
    });
    expect(evidence.status).toBe(201);
    const behind = await get(`/claims/${id}`, a.cookie);
    expect((await panel(behind.html))[0]).toContain(
      "The public page is behind: it shows the claim as it was published. Changed since: the evidence.",
    );
    const noReason = await post(`/claims/${id}/publication`, await publicationForm(id, "correct"), a.cookie);
    expect(noReason.status).toBe(422);
    expect((await texts(noReason.html, "#reason-error"))[0]).toContain("say why");
    expect(await attrs(noReason.html, "#publication-reason", "aria-invalid")).toEqual(["true"]);
    expect((await post(`/claims/${id}/publication`, await publicationForm(id, "sign_off"), b.cookie)).status).toBe(303);
    const corrected = await post(
      `/claims/${id}/publication`,
      await publicationForm(id, "correct", "Added the operator's figures."),
      a.cookie,
    );
    expect(corrected.status).toBe(303);
    expect((await get(url)).html).toContain("Added the operator&#39;s figures.");
    const final = await get(`/claims/${id}`, a.cookie);
    expect((await texts(final.html, ".timeline li")).map(squash)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^page reviewer B signed off the False verdict: “Read it\.”/),
        expect.stringMatching(/^page reviewer A published the fact-check \(False\)/),
        expect.stringMatching(/^page reviewer A published a correction: “Added the operator/),
      ]),
    );
    const after = await panel(final.html);
    expect(after[0]).toContain("page reviewer A: Added the operator&#39;s figures. (Revised: evidence)");
  });

  it("keeps the input when the claim changed meanwhile (409), and shows viewers the state without the form", async () => {
    const id = await claimRated("verified", a.token, { text: "the tunnel is the longest in the region" });
    const form = await publicationForm(id, "publish", "Ready.");
    expect(
      (await api("POST", `/claims/${id}/evidence`, { body: { url: "https://e.example/t", stance: "supports" } }))
        .status,
    ).toBe(201);
    const stale = await post(`/claims/${id}/publication`, form, a.cookie);
    expect(stale.status).toBe(409);
    expect(await texts(stale.html, "textarea#publication-reason")).toEqual(["Ready."]);
    const read = await get(`/claims/${id}`, viewer.cookie);
    expect((await panel(read.html))[0]).toContain("Not published.");
    expect(await attrs(read.html, "form[action$=publication]", "method")).toEqual([]);
    const refused = await post(`/claims/${id}/publication`, await publicationForm(id, "publish"), viewer.cookie);
    expect(refused.status).toBe(403);
  });
});
