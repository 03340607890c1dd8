// The two-person rule in full (issue 20): whoever wrote any part of what is published since the
// last sign-off (verdict, attribution, rationale, evidence, the claim's words) cannot sign it off,
// nor can a token minted by them or the one who minted theirs; and token names identify people.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN, api } from "./helpers";
import { act, claimRated, etagOf, reviewers } from "./publication-helpers";

/** A token minted through the API by `minter` (the admin token unless given). */
async function mint(name: string, role = "reviewer", minter = ADMIN) {
  const res = await api("POST", "/tokens", { token: minter, body: { name, role } });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; token: string; name: string; created_by: string | null };
}

async function reviewAs(id: string, token: string, body: Record<string, unknown>) {
  const res = await api("POST", `/claims/${id}/reviews`, { token, body, headers: { "if-match": await etagOf(id) } });
  expect(res.status, res.text).toBe(200);
}

describe("the two-person rule covers everything published", () => {
  it("refuses B's sign-off after B's attribution-only review rewrote the rationale", async () => {
    const { a, b, nameB } = await reviewers();
    const id = await claimRated("false", a, { text: "the bridge cost three times its budget" });
    await reviewAs(id, b, { attribution: "confirmed", rationale: "B's own words replace A's." });
    const signed = await act(id, b, "sign_off");
    expect(signed.status, signed.text).toBe(422);
    expect(signed.json.detail).toBe(
      `The two-person rule: you (${nameB}) wrote the attribution and the rationale since the last sign-off, so another reviewer must sign it off.`,
    );
    expect(signed.json.errors).toEqual([{ path: "action", message: expect.stringContaining("you (") }]);
    const state = (await api("GET", `/claims/${id}/publication`)).json;
    expect(state.sign_off).toMatchObject({ by: null, current: false });
    expect(state.sign_off.written_by.map((w: { actor: string }) => w.actor)).toContain(nameB);
    expect((await act(id, b, "publish")).status).toBe(422);
  });

  it("refuses B's sign-off after B swapped the evidence (added B's, removed A's)", async () => {
    const { a, b } = await reviewers();
    const id = await claimRated("misleading", a, { text: "the port handles half the country's trade" });
    const added = await api("POST", `/claims/${id}/evidence`, {
      token: b,
      body: { url: "https://evidence.example.org/b", stance: "refutes" },
    });
    expect(added.status, added.text).toBe(201);
    const detail = (await api("GET", `/claims/${id}`)).json;
    const first = detail.evidence.find((e: { url: string }) => e.url !== "https://evidence.example.org/b");
    const removed = await api("DELETE", `/claims/${id}/evidence/${first.id}`, { token: b });
    expect(removed.status, removed.text).toBe(204);
    const signed = await act(id, b, "sign_off");
    expect(signed.status, signed.text).toBe(422);
    expect(signed.json.detail).toContain("wrote the evidence since the last sign-off");
  });

  it("refuses the sign-off of whoever edited the claim's words, and of nobody who only tagged it", async () => {
    const { a, b } = await reviewers();
    const id = await claimRated("false", a, { text: "the mine employs ten thousand people" });
    const tagged = await api("PATCH", `/claims/${id}`, {
      token: b,
      body: { tags: ["economy"] },
      headers: { "if-match": await etagOf(id) },
    });
    expect(tagged.status, tagged.text).toBe(200);
    const reworded = await api("PATCH", `/claims/${id}`, {
      token: b,
      body: { text: "the mine employs twenty thousand people" },
      headers: { "if-match": await etagOf(id) },
    });
    expect(reworded.status, reworded.text).toBe(200);
    const signed = await act(id, b, "sign_off");
    expect(signed.status).toBe(422);
    expect(signed.json.detail).toContain("wrote the claim's text since the last sign-off");
    expect(signed.json.detail).not.toContain("tags");
  });

  it("after a sign-off, counts only what was written since: a new writer needs someone else", async () => {
    const { a, b, nameA } = await reviewers();
    const c = await mint(`reviewer C ${crypto.randomUUID()}`);
    const id = await claimRated("false", a, { text: "the reservoir is at a record low" });
    expect((await act(id, b, "sign_off")).status).toBe(200);
    // B rewrites the rationale after signing off: the sign-off lapses and B cannot renew it.
    await reviewAs(id, b, { attribution: "confirmed", rationale: "Rewritten by B after the sign-off." });
    expect((await act(id, a, "publish")).status).toBe(422);
    expect((await act(id, b, "sign_off")).status).toBe(422);
    // A wrote nothing since the last sign-off, so A may approve B's change; so may C.
    const byA = await act(id, a, "sign_off");
    expect(byA.status, byA.text).toBe(200);
    expect(byA.json.sign_off).toMatchObject({ by: nameA, current: true, written_by: [] });
    expect((await act(id, c.token, "publish")).status).toBe(200);
  });
});

describe("a token counts as whoever minted it", () => {
  it("refuses an admin who rates a claim, mints a reviewer token and signs off with it", async () => {
    const id = await claimRated("misleading", ADMIN, { text: "the metro carries a million riders a day" });
    const sock = await mint(`sock puppet ${crypto.randomUUID()}`);
    expect(sock.created_by).toBe("admin (ADMIN_TOKEN)");
    const signed = await act(id, sock.token, "sign_off");
    expect(signed.status, signed.text).toBe(422);
    expect(signed.json.detail).toBe(
      "The two-person rule: your token was minted by admin (ADMIN_TOKEN), who wrote the evidence, the verdict and the rationale since the last sign-off, so it counts as admin (ADMIN_TOKEN): another reviewer must sign it off.",
    );
  });

  it("refuses the minter's sign-off of what its token wrote, through any number of mintings", async () => {
    const deputy = await mint(`deputy admin ${crypto.randomUUID()}`, "admin");
    const rater = await mint(`rater ${crypto.randomUUID()}`, "reviewer", deputy.token);
    expect(rater.created_by).toBe(deputy.name);
    const id = await claimRated("false", rater.token, { text: "the airport will open next spring" });
    for (const signer of [deputy.token, ADMIN]) {
      const signed = await act(id, signer, "sign_off");
      expect(signed.status, signed.text).toBe(422);
      expect(signed.json.detail).toContain("uses a token you");
    }
    // A sibling token (minted by the same admin, used by another person) is someone else.
    const editor = await mint(`standards editor ${crypto.randomUUID()}`, "reviewer", deputy.token);
    expect((await act(id, editor.token, "sign_off")).status).toBe(200);
  });
});

describe("token names identify one person", () => {
  it("refuses a name that is another live token's after NFKC, invisible characters and case", async () => {
    const base = `Dana ${crypto.randomUUID().slice(0, 8)}`;
    const dana = await mint(base);
    for (const lookalike of [
      base.toUpperCase(),
      `${base}\u200b`,
      `\u2060${base}`,
      base.replace("a", "ａ"),
      ` ${base} `,
    ]) {
      const res = await api("POST", "/tokens", { body: { name: lookalike, role: "viewer" } });
      expect(res.status, `${JSON.stringify(lookalike)}: ${res.text}`).toBe(409);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.json.existing_id).toBe(dana.id);
    }
    // Revoking frees the name: the person's new token carries it on.
    expect((await api("DELETE", `/tokens/${dana.id}`)).status).toBe(204);
    const again = await mint(base.toLowerCase());
    expect(again.name).toBe(base.toLowerCase());
  });

  it("refuses names that pass for the system's own actors, with 422, and writes nothing", async () => {
    const before = (await api("GET", "/tokens")).json.data.length;
    for (const name of [
      "recheck job",
      "Recheck-Job",
      "admin (ADMIN_TOKEN)",
      "ADMIN_TOKEN",
      "admin",
      "demo data",
      "webhook job",
      "\u200b",
    ]) {
      const res = await api("POST", "/tokens", { body: { name, role: "reviewer" } });
      expect(res.status, `${JSON.stringify(name)}: ${res.text}`).toBe(422);
      expect(res.json.errors).toEqual([{ path: "name", message: expect.any(String) }]);
    }
    expect((await api("GET", "/tokens")).json.data.length).toBe(before);
  });

  it("makes one token of two racing requests for the same name", async () => {
    const name = `racer ${crypto.randomUUID()}`;
    const answers = await Promise.all(
      [name, name.toUpperCase(), name, `${name}\u200b`].map((n) =>
        api("POST", "/tokens", { body: { name: n, role: "viewer" } }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const { results } = await env.DB.prepare("SELECT count(*) AS n FROM api_tokens WHERE name_key = ?")
      .bind(name.toLowerCase())
      .all<{ n: number }>();
    expect(results[0]?.n).toBe(1);
  });
});
