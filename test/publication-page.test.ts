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

/** The publication step as the claim page posts it: to the claim's own address. */
async function publicationForm(id: string, action: string, reason = "", confirm = "") {
  const row = await getClaimRow(db, id);
  const form = { intent: "publication", version: String(row?.version), seen_at: row?.updatedAt ?? "", action, reason };
  return confirm ? { ...form, confirm } : form;
}

const panel = async (html: string) => (await texts(html, "section[aria-labelledby=publication-heading]")).map(squash);

describe("the publication panel", () => {
  it("takes a false verdict through sign-off, publishing and a correction", async () => {
    const id = await claimRated("false", a.token, { text: "the dam holds twice the water it did" });
    const start = await get(`/claims/${id}`, a.cookie);
    expect((await panel(start.html))[0]).toContain(
      "A False verdict needs a second reviewer’s sign-off before it is published: someone who wrote none of it since the last sign-off, and not with a token minted by one who did. Written by page reviewer A (the evidence, the verdict, the rationale).",
    );
    expect(await attrs(start.html, "#publication form input[name=action]", "value")).toEqual(["sign_off", "publish"]);
    // Publish shows, disabled, with the reason; no Reason box where none is needed.
    expect(await texts(start.html, "#publication button[disabled]")).toEqual(["Publish"]);
    expect(squash((await texts(start.html, "#why-publish"))[0])).toBe(
      "Publish needs a second reviewer’s sign-off of the False verdict first.",
    );
    expect(await attrs(start.html, "#publication textarea", "name")).toEqual([]);

    const self = await post(`/claims/${id}`, await publicationForm(id, "sign_off"), a.cookie);
    expect(self.status).toBe(422);
    expect((await texts(self.html, "#action-error"))[0]).toBe(
      "you (page reviewer A) wrote the evidence, the verdict and the rationale since the last sign-off, so another reviewer must sign it off",
    );
    const early = await post(`/claims/${id}`, await publicationForm(id, "publish"), a.cookie);
    expect(early.status).toBe(422);
    expect((await texts(early.html, "#action-error"))[0]).toBe("needs a second reviewer&#39;s sign-off first");

    const signed = await post(`/claims/${id}`, await publicationForm(id, "sign_off", "Read it."), b.cookie);
    expect(signed.status).toBe(303);
    expect(signed.location).toBe(`/claims/${id}?done=signed_off`);
    // A False verdict: the first post asks for a confirmation that names it and warns that the
    // attribution is unchecked; nothing is published yet, and the address is the claim's.
    const asked = await post(`/claims/${id}`, await publicationForm(id, "publish"), a.cookie);
    expect(asked.status).toBe(200);
    expect(squash((await texts(asked.html, "#confirm-heading"))[0])).toBe("Publish with the verdict False?");
    expect(squash((await texts(asked.html, ".confirm .warning"))[0])).toContain("The attribution is still unchecked");
    expect(await attrs(asked.html, ".confirm form", "action")).toEqual([`/claims/${id}#publication`]);
    expect(await attrs(asked.html, ".confirm input[name=confirm]", "value")).toEqual(["1"]);
    expect(await texts(asked.html, ".confirm button")).toEqual(["Yes, publish as False"]);
    expect((await get(`/claims/${id}`, a.cookie)).html).toContain("Not published.");
    const published = await post(`/claims/${id}`, await publicationForm(id, "publish", "", "1"), a.cookie);
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
    // A correction and unpublishing are the steps with a Reason box.
    expect(await attrs(behind.html, "#publication textarea", "id")).toEqual(["correct-reason", "unpublish-reason"]);
    const noReason = await post(`/claims/${id}`, await publicationForm(id, "correct"), a.cookie);
    expect(noReason.status).toBe(422);
    expect((await texts(noReason.html, "#reason-error"))[0]).toContain("say why");
    expect(await attrs(noReason.html, "#correct-reason", "aria-invalid")).toEqual(["true"]);
    expect((await post(`/claims/${id}`, await publicationForm(id, "sign_off"), b.cookie)).status).toBe(303);
    const confirmCorrection = await post(
      `/claims/${id}`,
      await publicationForm(id, "correct", "Added the operator's figures."),
      a.cookie,
    );
    expect(confirmCorrection.status).toBe(200);
    expect(await attrs(confirmCorrection.html, ".confirm input[name=reason]", "value")).toEqual([
      "Added the operator's figures.",
    ]);
    const corrected = await post(
      `/claims/${id}`,
      await publicationForm(id, "correct", "Added the operator's figures.", "1"),
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
    const stale = await post(`/claims/${id}`, form, a.cookie);
    expect(stale.status).toBe(409);
    expect(squash((await texts(stale.html, "[role=alert]"))[0])).toContain("Someone else changed this claim");
    // Publishing asks no reason: the panel offers none to keep.
    expect(await attrs(stale.html, "#publication textarea", "id")).toEqual([]);
    const read = await get(`/claims/${id}`, viewer.cookie);
    expect((await panel(read.html))[0]).toContain("Not published.");
    expect(await attrs(read.html, "#publication form", "method")).toEqual([]);
    expect(await texts(read.html, "#publication button")).toEqual([]);
    const refused = await post(`/claims/${id}`, await publicationForm(id, "publish"), viewer.cookie);
    expect(refused.status).toBe(403);
  });
});
