// POST /claims/{id}/publication: publish, the two-person rule, unpublish, corrections, If-Match,
// the history; and the ClaimReview export that holds published fact-checks only.
import { describe, expect, it } from "vitest";
import { api, tokenFor } from "./helpers";
import { act, claimRated, etagOf, publishedClaim, review, reviewers } from "./publication-helpers";

describe("publishing a verdict", () => {
  it("publishes a verified claim at once, with its page and the history event", async () => {
    const { a, nameA } = await reviewers();
    const id = await claimRated("verified", a, { text: "verified claim to publish" });
    const before = await api("GET", `/claims/${id}/publication`);
    expect(before.status, before.text).toBe(200);
    expect(before.json).toMatchObject({ published: false, url: null, sign_off: { needed: false } });
    const res = await act(id, a, "publish", "Checked twice.");
    expect(res.status, res.text).toBe(200);
    expect(res.json.published).toBe(true);
    expect(res.json.url).toMatch(new RegExp(`^/fact-checks/verified-claim-to-publish-${id.toLowerCase()}$`));
    expect(res.json.first_published_at).toBe(res.json.republished_at);
    expect(res.headers.get("etag")).toBe(`"${res.json.version}"`);
    const history = (await api("GET", `/claims/${id}/history`)).json.data;
    expect(history.at(-1)).toMatchObject({ action: "published", actor: nameA, to: "verified", note: "Checked twice." });
    // Publishing twice is a conflict, not a second event.
    const again = await act(id, a, "publish");
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toBe("application/problem+json");
  });

  it("refuses what is not a verdict, and an opinion", async () => {
    const { a } = await reviewers();
    for (const status of ["in_review", "opinion"]) {
      const id = await claimRated(status, a, { text: `an ${status} claim is not published` });
      const res = await act(id, a, "publish");
      expect(res.status, res.text).toBe(422);
      expect(res.json.errors).toEqual([{ path: "action", message: expect.stringContaining("only a verdict") }]);
    }
  });

  it("needs If-Match like every claim change: 428 without, 412 when stale; a viewer gets 403", async () => {
    const { a } = await reviewers();
    const id = await claimRated("unproven", a, { text: "unproven claim with preconditions" });
    const bare = await api("POST", `/claims/${id}/publication`, { token: a, body: { action: "publish" } });
    expect(bare.status).toBe(428);
    const stale = await api("POST", `/claims/${id}/publication`, {
      token: a,
      body: { action: "publish" },
      headers: { "if-match": '"1"' },
    });
    expect(stale.status).toBe(412);
    const viewer = await api("POST", `/claims/${id}/publication`, {
      token: await tokenFor("viewer"),
      body: { action: "publish" },
      headers: { "if-match": await etagOf(id) },
    });
    expect(viewer.status).toBe(403);
    expect((await api("GET", `/claims/${id}/publication`)).json.published).toBe(false);
    expect((await api("GET", "/claims/clm_nope/publication")).status).toBe(404);
  });

  it("refuses a claim without the date it was made (ClaimReview needs it)", async () => {
    const { a } = await reviewers();
    const id = await claimRated("verified", a, { text: "an undated verified claim", stated_at: null });
    const res = await act(id, a, "publish");
    expect(res.status, res.text).toBe(422);
    expect(res.json.errors).toEqual([
      { path: "stated_at", message: expect.stringContaining("date the claim was made") },
    ]);
  });

  it("refuses unknown actions and a missing reason where one is needed, as 422", async () => {
    const { a } = await reviewers();
    const id = await claimRated("verified", a, { text: "verified claim with bad bodies" });
    const unknown = await api("POST", `/claims/${id}/publication`, {
      token: a,
      body: { action: "retract" },
      headers: { "if-match": await etagOf(id) },
    });
    expect(unknown.status).toBe(422);
    expect((await act(id, a, "publish")).status).toBe(200);
    const noReason = await act(id, a, "unpublish");
    expect(noReason.status).toBe(422);
    expect(noReason.json.errors).toEqual([{ path: "reason", message: expect.stringContaining("say why") }]);
  });
});

describe("the two-person rule", () => {
  it.each(["false", "misleading"])(
    "a %s verdict: its own reviewer may neither publish nor sign it off (422, saying why); another reviewer signs it off",
    async (status) => {
      const { a, b, nameA, nameB } = await reviewers();
      const id = await claimRated(status, a, { text: `${status} claim under the two-person rule` });
      const unsigned = await act(id, a, "publish");
      expect(unsigned.status, unsigned.text).toBe(422);
      expect(unsigned.json.detail).toContain("two-person rule");
      expect(unsigned.json.detail).toContain(`someone other than ${nameA}`);
      const self = await act(id, a, "sign_off");
      expect(self.status, self.text).toBe(422);
      expect(self.json.detail).toBe(
        `The two-person rule: you (${nameA}) wrote the evidence, the verdict and the rationale since the last sign-off, so another reviewer must sign it off.`,
      );
      const state = await api("GET", `/claims/${id}/publication`);
      expect(state.json).toMatchObject({ verdict_by: nameA, sign_off: { needed: true, by: null, current: false } });

      const signed = await act(id, b, "sign_off", "Evidence read.");
      expect(signed.status, signed.text).toBe(200);
      expect(signed.json.sign_off).toMatchObject({ needed: true, by: nameB, current: true });
      expect((await act(id, b, "sign_off")).status).toBe(409);
      const published = await act(id, a, "publish");
      expect(published.status, published.text).toBe(200);
      // Publishing changed the claim's version, not the claim: the sign-off still holds.
      expect(published.json.sign_off).toMatchObject({ by: nameB, current: true });
      const actions = (await api("GET", `/claims/${id}/history`)).json.data.map(
        (e: { action: string; actor: string }) => `${e.action} ${e.actor}`,
      );
      expect(actions.slice(-3)).toEqual([`status_changed ${nameA}`, `signed_off ${nameB}`, `published ${nameA}`]);
    },
  );

  it("a sign-off holds for the claim as signed off: a change after it needs a new one", async () => {
    const { a, b } = await reviewers();
    const id = await claimRated("false", a, { text: "false claim changed after its sign-off" });
    expect((await act(id, b, "sign_off")).status).toBe(200);
    const evidence = await api("POST", `/claims/${id}/evidence`, {
      token: a,
      body: { url: "https://evidence.example.org/another", stance: "refutes" },
    });
    expect(evidence.status).toBe(201);
    const res = await act(id, a, "publish");
    expect(res.status).toBe(422);
    expect(res.json.detail).toContain("signed off an earlier version");
    expect((await act(id, b, "sign_off")).status).toBe(200);
    expect((await act(id, a, "publish")).status).toBe(200);
  });

  it("a verified verdict needs no sign-off, and cannot have one", async () => {
    const { a, b } = await reviewers();
    const id = await claimRated("verified", a, { text: "verified claim needs no sign-off" });
    const res = await act(id, b, "sign_off");
    expect(res.status).toBe(422);
    expect(res.json.detail).toContain("only false and misleading verdicts");
  });
});

describe("after publishing", () => {
  it("keeps the published version when the verdict changes, says the page is behind, and republishes by a correction", async () => {
    const { id, people } = await publishedClaim("verified", { text: "verified claim later found false" });
    await review(id, people.a, "false", "The ministry's figure was 34.");
    const behind = (await api("GET", `/claims/${id}/publication`)).json;
    expect(behind).toMatchObject({ published: true, behind: true });
    expect(behind.behind_in).toEqual(["verdict", "rationale"]);
    // publish is not how a changed fact-check goes out again; correct is, with the sign-off the verdict needs.
    expect((await act(id, people.a, "publish")).status).toBe(409);
    const noReason = await act(id, people.a, "correct");
    expect(noReason.status).toBe(422);
    const unsigned = await act(id, people.a, "correct", "The figure was 34, not 43.");
    expect(unsigned.status).toBe(422);
    expect(unsigned.json.detail).toContain("two-person rule");
    expect((await act(id, people.b, "sign_off")).status).toBe(200);
    const corrected = await act(id, people.a, "correct", "The figure was 34, not 43.");
    expect(corrected.status, corrected.text).toBe(200);
    expect(corrected.json).toMatchObject({ behind: false, published: true });
    expect(corrected.json.corrections).toEqual([
      {
        at: corrected.json.republished_at,
        actor: people.nameA,
        reason: "The figure was 34, not 43.",
        changes: [{ field: "verdict", from: "True", to: "False" }, { field: "rationale" }],
      },
    ]);
    expect(corrected.json.republished_at > corrected.json.first_published_at).toBe(true);
    const nothing = await act(id, people.a, "correct", "Again.");
    expect(nothing.status).toBe(422);
    expect(nothing.json.detail).toContain("Nothing to correct");
  });

  it("republishes a false fact-check taken down and unchanged on its standing sign-off", async () => {
    const { id, people } = await publishedClaim("false", { text: "false claim taken down and put back" });
    expect((await act(id, people.a, "unpublish", "Checking a complaint.")).status).toBe(200);
    const back = await act(id, people.a, "publish", "The complaint did not hold.");
    expect(back.status, back.text).toBe(200);
    expect(back.json.sign_off.current).toBe(true);
  });

  it("unpublishes with a reason, and republishes the same version without a correction", async () => {
    const { id, people } = await publishedClaim("unproven", { text: "unproven claim taken down" });
    const down = await act(id, people.b, "unpublish", "Legal asked for a review.");
    expect(down.status, down.text).toBe(200);
    expect(down.json).toMatchObject({ published: false, unpublished_at: expect.any(String) });
    expect((await act(id, people.b, "unpublish", "Again")).status).toBe(409);
    const history = (await api("GET", `/claims/${id}/history`)).json.data;
    expect(history.at(-1)).toMatchObject({ action: "unpublished", note: "Legal asked for a review." });
    const up = await act(id, people.b, "publish");
    expect(up.status, up.text).toBe(200);
    expect(up.json.url).toBe(down.json.url);
  });
});

describe("the ClaimReview export", () => {
  it("holds the published fact-checks only, at their public page; all verdicts for an admin who asks", async () => {
    const { id, url } = await publishedClaim("misleading", { text: "misleading claim in the export" });
    const { a } = await reviewers();
    const unpublished = await claimRated("verified", a, { text: "verified claim never published, not exported" });
    const published = await api("GET", "/export?format=claimreview");
    expect(published.status).toBe(200);
    const reviews = published.json as { url: string; claimReviewed: string }[];
    expect(reviews.map((r) => r.claimReviewed)).toContain("misleading claim in the export");
    expect(reviews.map((r) => r.claimReviewed)).not.toContain("verified claim never published, not exported");
    expect(reviews.find((r) => r.claimReviewed === "misleading claim in the export")?.url).toBe(
      `https://factchecks.claimdesk.test${url}`,
    );
    const all = await api("GET", "/export?format=claimreview&include=all");
    expect(all.status).toBe(200);
    expect((all.json as { claimReviewed: string }[]).map((r) => r.claimReviewed)).toContain(
      "verified claim never published, not exported",
    );
    const reviewer = await api("GET", "/export?format=claimreview&include=all", { token: a });
    expect(reviewer.status).toBe(403);
    expect((await api("GET", "/export?format=claimreview", { token: a })).status).toBe(200);
    expect((await api("GET", `/claims/${id}/claimreview`)).json.url).toBe(`https://factchecks.claimdesk.test${url}`);
    expect((await api("GET", `/claims/${unpublished}/claimreview`)).status).toBe(200);
  });
});
