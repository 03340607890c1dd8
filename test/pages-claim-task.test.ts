// The claim page built around the task (issue 22), without JavaScript: the page reads in the order
// of the work, the verdict's draft survives adding evidence, a refusal and a conflict, a verdict
// and its first evidence land in one step or not at all, weak matches are folded, and every form
// posts to the claim's own address.
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getClaimRow } from "../src/db/queries/claims";
import { WEAK_MATCH } from "../src/domain/matching";
import { loadDemo } from "./demo";
import { adminCookie, attrs, cookieFor, db, get, post, squash, texts } from "./pages-helpers";

let admin = "";

beforeAll(async () => {
  await loadDemo(env.DB);
  admin = await adminCookie();
});

async function newClaim(text: string): Promise<string> {
  const res = await post(
    "/claims/new",
    {
      text,
      kind: "statistic",
      speaker_name: "Farida Noor",
      speaker_role: "Minister of Water",
      speaker_kind: "person",
      source_title: `Dam report ${text.length}`,
      source_publisher: "Example Wire",
      source_published_at: "2021-04-02",
      stated_at: "2021-04-01",
    },
    admin,
  );
  expect(res.status, res.html).toBe(303);
  return /clm_[^?]+/.exec(res.location ?? "")?.[0] ?? "";
}

async function seen(id: string) {
  const row = await getClaimRow(db, id);
  return { version: String(row?.version), seen_at: row?.updatedAt ?? "" };
}

const evidenceCount = async (id: string) =>
  (await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM evidence WHERE claim_id = ${id}`))?.n ?? -1;

describe("the claim page's order", () => {
  it("puts the quote with who said it and where first, then the verdict, the history, and the rest", async () => {
    const id = await newClaim("The reservoir holds 40 million cubic metres, twice last year's level");
    const page = await get(`/claims/${id}`, admin);
    const at = (marker: string) => {
      const i = page.html.indexOf(marker);
      expect(i, marker).toBeGreaterThan(-1);
      return i;
    };
    const order = [
      'class="quote"',
      'class="said-by"',
      'class="source-line"',
      'id="verdict-heading"',
      'id="evidence-heading"',
      'id="publication-heading"',
      'id="history-heading"',
      'id="repeats-heading"',
      'id="rechecks-heading"',
      'id="assign-heading"',
      'id="notes-heading"',
    ].map(at);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const saidBy = squash((await texts(page.html, ".said-by"))[0]);
    expect(saidBy).toContain("Farida Noor, Minister of Water");
    expect(saidBy).toContain("stated 2021-04-01");
    expect(squash((await texts(page.html, ".source-line"))[0])).toContain("Example Wire · published 2021-04-02");
    // Every form posts to the claim's address.
    const actions = await attrs(page.html, "main form", "action");
    expect(new Set(actions.map((a) => a?.split("#")[0]))).toEqual(new Set([`/claims/${id}`]));
  });

  it("folds the matches scoring below WEAK_MATCH under 'n weaker matches'", async () => {
    // A demo claim repeated nearly word for word (a likely match), and one sharing a few words.
    const id = await newClaim("Insurgents carried out 43 attacks on checkpoints, the spokesman for the forces said");
    const page = await get(`/claims/${id}`, admin);
    const score = (s: string) => Number(/\((\d\.\d+)\)/.exec(s)?.[1] ?? Number.NaN);
    const likely = (await texts(page.html, "#checked-before > ol.matches > li")).map((s) => score(squash(s)));
    const weaker = (await texts(page.html, "details.weaker ol.matches > li")).map((s) => score(squash(s)));
    expect(likely.length + weaker.length).toBeGreaterThan(0);
    for (const s of likely) expect(s).toBeGreaterThanOrEqual(WEAK_MATCH);
    for (const s of weaker) expect(s).toBeLessThan(WEAK_MATCH);
    if (weaker.length > 0) {
      expect(squash((await texts(page.html, "details.weaker > summary"))[0])).toMatch(
        new RegExp(`^${weaker.length} weaker match(es)? \\(score below ${WEAK_MATCH}\\)$`),
      );
      expect(await attrs(page.html, "details.weaker", "open")).toEqual([null]);
    }
  });
});

describe("the verdict's draft", () => {
  it("survives a refusal, then adding evidence (kept in the address after the 303), then saves", async () => {
    const id = await newClaim("The dam's turbines supply half the country's power");
    const draft = { status: "false", attribution: "confirmed", rationale: "The grid operator says 12%, not half." };
    const refused = await post(`/claims/${id}`, { intent: "review", ...(await seen(id)), ...draft }, admin);
    expect(refused.status).toBe(422);
    expect((await texts(refused.html, "#status-error"))[0]).toMatch(/evidence/);
    expect(await attrs(refused.html, "#review-status option[selected]", "value")).toEqual(["false"]);
    expect(await texts(refused.html, "textarea#review-rationale")).toEqual([draft.rationale]);

    // "Add evidence" in the same form: the item is added, the draft comes back in the address.
    const added = await post(
      `/claims/${id}`,
      {
        intent: "evidence",
        ...(await seen(id)),
        ...draft,
        url: "https://grid.example.org/2021",
        title: "Grid operator, 2021",
        note: "",
        stance: "refutes",
      },
      admin,
    );
    expect(added.status).toBe(303);
    const address = new URL(added.location ?? "", "http://x");
    expect(address.pathname).toBe(`/claims/${id}`);
    expect(address.searchParams.get("done")).toBe("evidence");
    expect(address.searchParams.get("draft_rationale")).toBe(draft.rationale);
    const page = await get(added.location ?? "", admin);
    expect(await texts(page.html, "#evidence-heading")).toEqual(["Evidence (1)"]);
    expect(await attrs(page.html, "#review-status option[selected]", "value")).toEqual(["false"]);
    expect(await attrs(page.html, "#review-attribution option[selected]", "value")).toEqual(["confirmed"]);
    expect(await texts(page.html, "textarea#review-rationale")).toEqual([draft.rationale]);
    expect((await texts(page.html, "[role=status]")).map(squash)).toContain(
      "Your verdict draft is kept below; it is not saved until you press “Save review”.",
    );
    expect(await attrs(page.html, "input#evidence-url", "value")).toEqual([""]);
    expect((await getClaimRow(db, id))?.status).toBe("unverified");

    const saved = await post(`/claims/${id}`, { intent: "review", ...(await seen(id)), ...draft }, admin);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/claims/${id}?done=reviewed`);
    expect(await getClaimRow(db, id)).toMatchObject({ status: "false", attribution: "confirmed" });
  });

  it("shows a draft too long for an address in place after adding evidence, at the claim's address", async () => {
    const id = await newClaim("The valley's wells ran dry in three of the last five summers");
    const rationale = `${"The hydrology survey's well logs disagree. ".repeat(200)}End.`;
    const added = await post(
      `/claims/${id}`,
      {
        intent: "evidence",
        ...(await seen(id)),
        status: "misleading",
        attribution: "unchecked",
        rationale,
        url: "",
        title: "",
        note: "Well logs 2017-2021, read at the water board.",
        stance: "context",
      },
      admin,
    );
    expect(added.status).toBe(200);
    expect(await evidenceCount(id)).toBe(1);
    expect((await texts(added.html, "[role=status]")).map(squash)[0]).toMatch(/^Evidence added\./);
    expect(await attrs(added.html, "#review-status option[selected]", "value")).toEqual(["misleading"]);
    expect((await texts(added.html, "textarea#review-rationale"))[0]).toContain("End.");
    expect(await texts(added.html, "textarea#evidence-note")).toEqual([""]);
  });

  it("ignores a draft in the address that no form could send", async () => {
    const id = await newClaim("Water use fell by a third since the meters came");
    const page = await get(`/claims/${id}?draft_status=bogus&draft_attribution=__proto__`, admin);
    expect(page.status).toBe(200);
    expect(await attrs(page.html, "#review-status option[selected]", "value")).toEqual(["unverified"]);
    expect(await attrs(page.html, "#review-attribution option[selected]", "value")).toEqual(["unchecked"]);
  });

  it("saves a False verdict with its first evidence in one step, or neither", async () => {
    const id = await newClaim("The new canal irrigates 90,000 hectares");
    const verdict = { status: "false", attribution: "unchecked", rationale: "The ministry map shows 30,000." };
    const item = { url: "https://maps.example.org/canal", title: "Irrigation map", note: "", stance: "refutes" };
    // A broken evidence item: nothing is written, both drafts come back.
    const bad = await post(
      `/claims/${id}`,
      { intent: "review", ...(await seen(id)), ...verdict, ...item, url: "javascript:alert(1)" },
      admin,
    );
    expect(bad.status).toBe(422);
    expect((await texts(bad.html, "#url-error"))[0]).toBeTruthy();
    expect(await texts(bad.html, "textarea#review-rationale")).toEqual([verdict.rationale]);
    expect(await attrs(bad.html, "input#evidence-title", "value")).toEqual(["Irrigation map"]);
    expect(await evidenceCount(id)).toBe(0);
    // A verdict the rules refuse (no rationale): the evidence is not added either.
    const noRationale = await post(
      `/claims/${id}`,
      { intent: "review", ...(await seen(id)), ...verdict, rationale: " ", ...item },
      admin,
    );
    expect(noRationale.status).toBe(422);
    expect(await evidenceCount(id)).toBe(0);
    // Someone else changed the claim: 409, their change shown, nothing of ours written, all kept.
    const loaded = await seen(id);
    const other = await cookieFor("reviewer", "Tariq Other");
    const theirs = await post(
      `/claims/${id}`,
      { intent: "review", ...loaded, status: "in_review", attribution: "unchecked", rationale: "" },
      other.cookie,
    );
    expect(theirs.status).toBe(303);
    const stale = await post(`/claims/${id}`, { intent: "review", ...loaded, ...verdict, ...item }, admin);
    expect(stale.status).toBe(409);
    expect(squash((await texts(stale.html, "[role=alert]"))[0])).toContain(
      "Tariq Other changed the status from Unverified to In review",
    );
    expect(await attrs(stale.html, "#review-status option[selected]", "value")).toEqual(["false"]);
    expect(await texts(stale.html, "textarea#review-rationale")).toEqual([verdict.rationale]);
    expect(await attrs(stale.html, "input#evidence-url", "value")).toEqual([item.url]);
    expect(await evidenceCount(id)).toBe(0);
    // Sent again on top of theirs: the evidence and the verdict land together.
    const both = await post(`/claims/${id}`, { intent: "review", ...(await seen(id)), ...verdict, ...item }, admin);
    expect(both.status).toBe(303);
    expect(both.location).toBe(`/claims/${id}?done=reviewed-evidence`);
    expect(await evidenceCount(id)).toBe(1);
    const row = await getClaimRow(db, id);
    expect(row).toMatchObject({ status: "false", rationale: verdict.rationale });
    const events = await db.all<{ action: string; at: string }>(
      sql`SELECT action, at FROM claim_events WHERE claim_id = ${id} ORDER BY rowid`,
    );
    const last = events.slice(-2);
    expect(last.map((e) => e.action)).toEqual(["evidence_added", "status_changed"]);
    expect(last[0]?.at).toBe(last[1]?.at);
    const page = await get(both.location ?? "", admin);
    expect(await texts(page.html, "[role=status]")).toEqual(["Evidence added and review saved."]);
  });

  it("answers 400 to a post that does not say what to do, and changes nothing", async () => {
    const id = await newClaim("Every village has running water now");
    const before = await seen(id);
    const res = await post(`/claims/${id}`, { intent: "drop-table", ...before, status: "false" }, admin);
    expect(res.status).toBe(400);
    expect(squash((await texts(res.html, "[role=alert]"))[0])).toContain("the form did not say what to do");
    expect(await seen(id)).toEqual(before);
  });
});
