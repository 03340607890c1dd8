// The team workflow in the review pages, without JavaScript: assign to me (claim page and queue
// row), the queue's "mine" and "unassigned" filters, notes in the timeline (viewers read, cannot
// write), and the bulk form with a claim changed since the queue was shown.
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { getClaimRow } from "../src/db/queries/claims";
import { attrs, cookieFor, db, get, ORIGIN, type PageResponse, post, squash, texts } from "./pages-helpers";

let rita = "";
let vera = "";
let n = 0;

beforeAll(async () => {
  rita = (await cookieFor("reviewer", "Rita Pages")).cookie;
  vera = (await cookieFor("viewer", "Vera Pages")).cookie;
});

async function file(text = "team pages claim"): Promise<string> {
  n += 1;
  const res = await post(
    "/claims/new",
    { text: `${text} (${n})`, kind: "statistic", speaker_name: "Team Page Speaker", source_publisher: "Team Wire" },
    rita,
  );
  expect(res.status).toBe(303);
  return /^\/claims\/(clm_[^?]+)/.exec(res.location ?? "")?.[1] ?? "";
}

async function seen(id: string) {
  const row = await getClaimRow(db, id);
  return { version: String(row?.version), seen_at: row?.updatedAt ?? "" };
}

/** A form post with repeated fields (the bulk form's checkboxes). */
async function postPairs(path: string, pairs: [string, string][], cookie: string): Promise<PageResponse> {
  const res = await exports.default.fetch(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { cookie, origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(pairs),
    redirect: "manual",
  });
  return { status: res.status, location: res.headers.get("location"), headers: res.headers, html: await res.text() };
}

const queueIds = async (path: string, cookie: string) =>
  (await attrs((await get(path, cookie)).html, ".queue .row > a", "href")).map((h) => h?.replace("/claims/", ""));

describe("assignment in the pages", () => {
  it("assigns to me from the claim page, shows it, and the queue filters mine and unassigned", async () => {
    const id = await file();
    const other = await file();
    const res = await post(`/claims/${id}/assign-me`, await seen(id), rita);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/claims/${id}?done=assigned`);
    const page = await get(`/claims/${id}`, rita);
    expect(squash((await texts(page.html, "section[aria-labelledby=assign-heading]"))[0])).toContain(
      "Rita Pages (you)",
    );
    expect(squash((await texts(page.html, ".timeline"))[0])).toContain("Rita Pages assigned it to Rita Pages");
    const mine = await queueIds("/review?assigned=me", rita);
    expect(mine).toContain(id);
    expect(mine).not.toContain(other);
    const unassigned = await queueIds("/review?assigned=none", rita);
    expect(unassigned).toContain(other);
    expect(unassigned).not.toContain(id);
  });

  it("assigns from a queue row and goes back to the queue; a stale row shows the conflict", async () => {
    const id = await file();
    const { version } = await seen(id);
    const res = await post(`/claims/${id}/assign-me`, { version, back: "/review?assigned=none" }, rita);
    expect(res.status).toBe(303);
    expect(res.location).toBe("/review?assigned=none");
    expect((await getClaimRow(db, id))?.assignee).toBe("Rita Pages");
    // A queue row's button names the row to come back to: the address keeps the place (the
    // query with its cursor, and the row); an anchor that is not a row's is left out.
    const next = await file();
    const back = "/review?q=team&cursor=abc";
    const placed = await post(`/claims/${next}/assign-me?at=claim-${next}`, { ...(await seen(next)), back }, rita);
    expect(placed.location).toBe(`${back}#claim-${next}`);
    const other = await file();
    const odd = await post(`/claims/${other}/assign-me?at=%22%3E%3Cscript%3E`, { ...(await seen(other)), back }, rita);
    expect(odd.location).toBe(back);
    const stale = await post(`/claims/${id}/assign`, { version, assignee: "Someone" }, rita);
    expect(stale.status).toBe(409);
    expect(squash((await texts(stale.html, "[role=alert]"))[0])).toContain("Someone else changed this claim");
    expect((await getClaimRow(db, id))?.assignee).toBe("Rita Pages");
  });

  it("keeps the input and says why when the name is missing; viewers get no forms and are refused", async () => {
    const id = await file();
    const empty = await post(`/claims/${id}/assign`, { ...(await seen(id)), assignee: "  " }, rita);
    expect(empty.status).toBe(422);
    expect(await texts(empty.html, "#assignee-error")).toEqual(["must not be empty"]);
    const page = await get(`/claims/${id}`, vera);
    expect(page.html).not.toContain('id="assign-me"');
    expect(page.html).not.toContain('name="claim"');
    expect((await post(`/claims/${id}/assign-me`, await seen(id), vera)).status).toBe(403);
  });
});

describe("notes in the pages", () => {
  it("shows notes in the timeline with author and time; viewers read them and cannot write", async () => {
    const id = await file();
    const res = await post(`/claims/${id}/notes`, { text: "Waiting for the <b>ministry</b>\nto call back." }, rita);
    expect(res.status).toBe(303);
    const page = await get(`/claims/${id}`, vera);
    const note = squash((await texts(page.html, ".timeline li.note"))[0]);
    expect(note).toContain("Rita Pages");
    expect(note).toContain("Waiting for the &lt;b&gt;ministry&lt;/b&gt; to call back.");
    expect(await attrs(page.html, ".timeline li.note time", "datetime")).toHaveLength(1);
    expect(page.html).not.toContain('id="note-text"');
    expect((await post(`/claims/${id}/notes`, { text: "viewer note" }, vera)).status).toBe(403);
  });

  it("refuses a note over 4,000 characters beside the field, keeping what was typed", async () => {
    const id = await file();
    const typed = `${"Called the ministry again. ".repeat(148)}x`;
    expect(typed.length).toBe(3_997);
    const tooLong = await post(`/claims/${id}/notes`, { text: `${typed}abcd` }, rita);
    expect(tooLong.status).toBe(422);
    expect(await texts(tooLong.html, "#text-error")).toEqual(["at most 4000 characters"]);
    expect(await attrs(tooLong.html, "#note-text", "maxlength")).toEqual(["4000"]);
    expect(squash((await texts(tooLong.html, "#note-text"))[0])).toBe(squash(`${typed}abcd`));
    expect((await get(`/claims/${id}`, rita)).html).not.toContain("Called the ministry again.");
    expect((await post(`/claims/${id}/notes`, { text: `${typed}abc` }, rita)).status).toBe(303);
  });

  it("shows the latest 20 notes on the claim page and the older ones a page at a time, without JavaScript", async () => {
    const id = await file();
    for (let i = 1; i <= 27; i++) {
      expect((await post(`/claims/${id}/notes`, { text: `Team note ${i}.` }, rita)).status).toBe(303);
    }
    const page = await get(`/claims/${id}`, vera);
    const shown = (await texts(page.html, ".timeline li.note .note-text")).map(squash);
    expect(shown).toHaveLength(20);
    const older = await attrs(page.html, "a.older-notes", "href");
    expect(older).toHaveLength(1);
    expect(older[0]).toMatch(new RegExp(`^/claims/${id}/notes\\?cursor=`));
    // The rest, newest first, with a way back.
    const rest = await get(older[0] ?? "", vera);
    expect(rest.status).toBe(200);
    const restShown = (await texts(rest.html, "li.note .note-text")).map(squash);
    expect(restShown).toHaveLength(7);
    expect(new Set([...shown, ...restShown]).size).toBe(27);
    expect(await attrs(rest.html, "a.older-notes", "href")).toEqual([]);
    expect(await attrs(rest.html, `a[href="/claims/${id}"]`, "href")).not.toEqual([]);
    // Every note from the start of the list page, 20 a page.
    const all = await get(`/claims/${id}/notes`, vera);
    expect(await texts(all.html, "li.note .note-text")).toHaveLength(20);
  });

  it("says so when the older notes' link is not one of ours, and shows the newest", async () => {
    const id = await file();
    await post(`/claims/${id}/notes`, { text: "A note to find." }, rita);
    for (const cursor of ["%%%", "e30", "A".repeat(300), btoa('{"seq":1}')]) {
      const res = await get(`/claims/${id}/notes?cursor=${encodeURIComponent(cursor)}`, vera);
      expect(res.status).toBe(400);
      expect(res.html).toContain("That page link is not one of ours");
      expect((await texts(res.html, "li.note .note-text")).map(squash)).toEqual(["A note to find."]);
    }
    expect((await get("/claims/clm_nope/notes", vera)).status).toBe(404);
  });
});

describe("the bulk form", () => {
  it("tags the selected claims, skips the one changed since, and lists both", async () => {
    const ids = [await file("bulk page"), await file("bulk page"), await file("bulk page")];
    const shown = await Promise.all(ids.map(async (id) => `${id}:${(await seen(id)).version}`));
    // The third changes after the queue was shown.
    await post(`/claims/${ids[2]}/assign`, { ...(await seen(ids[2] ?? "")), assignee: "Fast Colleague" }, rita);
    const res = await postPairs(
      "/review/bulk",
      [
        ["action", "tag"],
        ["tag", "runoff"],
        ["assignee", ""],
        ["back", "/review?tag=runoff"],
        ...shown.map((s) => ["claim", s] as [string, string]),
      ],
      rita,
    );
    expect(res.status).toBe(200);
    expect(squash((await texts(res.html, "h1"))[0])).toBe("Tagged: 2 of 3");
    expect((await texts(res.html, ".bulk-done li")).map(squash)).toEqual([ids[0], ids[1]]);
    const skipped = (await texts(res.html, ".bulk-skipped li")).map(squash);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toContain(ids[2]);
    expect(skipped[0]).toContain("changed by someone else");
    expect(await attrs(res.html, "a.button", "href")).toEqual(["/review?tag=runoff"]);
    expect((await getClaimRow(db, ids[0] ?? ""))?.tags).toEqual(["runoff"]);
    expect((await getClaimRow(db, ids[2] ?? ""))?.tags).toEqual([]);
  });

  it("says what is wrong, changing nothing, without a selection or with a forged one", async () => {
    const id = await file();
    const none = await postPairs("/review/bulk", [["action", "in_review"]], rita);
    expect(none.status).toBe(422);
    expect(squash((await texts(none.html, "[role=alert]"))[0])).toContain("select at least one claim");
    const forged = await postPairs(
      "/review/bulk",
      [
        ["action", "in_review"],
        ["claim", id],
      ],
      rita,
    );
    expect(forged.status).toBe(422);
    const noTag = await postPairs(
      "/review/bulk",
      [
        ["action", "tag"],
        ["claim", `${id}:1`],
      ],
      rita,
    );
    expect(noTag.status).toBe(422);
    expect(squash((await texts(noTag.html, "[role=alert]"))[0])).toContain("name the tag");
    expect((await getClaimRow(db, id))?.status).toBe("unverified");
    expect(
      (
        await postPairs(
          "/review/bulk",
          [
            ["action", "in_review"],
            ["claim", `${id}:1`],
          ],
          vera,
        )
      ).status,
    ).toBe(403);
  });

  it("renders a checkbox with the version for each row of the queue", async () => {
    const id = await file("checkbox row");
    const { version } = await seen(id);
    const page = await get("/review?assigned=none", rita);
    expect(await attrs(page.html, "input.pick", "value")).toContain(`${id}:${version}`);
    expect(await attrs(page.html, "form#bulk", "action")).toEqual(["/review/bulk"]);
    // The rows' controls belong to the forms below the list; each row is an anchor to come back to.
    expect(await attrs(page.html, "input.pick", "form")).toEqual(
      (await attrs(page.html, "input.pick", "form")).map(() => "bulk"),
    );
    expect(await attrs(page.html, `li#claim-${id}`, "class")).toEqual(["row"]);
    // Under "Unassigned" an assigned row leaves the list: its button brings the reviewer to a neighbour.
    const buttons = await attrs(page.html, "button.assign-me", "formaction");
    const mine = buttons.find((b) => b?.startsWith(`/claims/${id}/assign-me`));
    expect(mine).toMatch(/\?at=claim-clm_\w+$/);
    expect(mine).not.toContain(`at=claim-${id}`);
  });
});

describe("the webhooks admin page", () => {
  it("registers an endpoint with its secret shown once, refuses private urls inline, and is for admins only", async () => {
    const admin = (await cookieFor("admin", "Ada Admin")).cookie;
    const res = await postPairs(
      "/admin/webhooks",
      [
        ["url", "https://cms.example.org/hook"],
        ["description", "CMS"],
        ["events", "claim.reviewed"],
        ["events", "claim.assigned"],
      ],
      admin,
    );
    expect(res.status).toBe(200);
    const [secret] = await texts(res.html, "#webhook-secret");
    expect(secret).toMatch(/^whsec_/);
    const list = await get("/admin/webhooks", admin);
    expect(list.html).toContain("https://cms.example.org/hook");
    expect(list.html).not.toContain(secret ?? "whsec_");
    // No attempt yet: its health is unknown, not "OK".
    const row = (await texts(list.html, "tbody tr")).map(squash).find((r) => r.includes("cms.example.org/hook"));
    expect(row).toContain("Never called");
    expect(row).not.toContain("OK");
    const href = (await attrs(list.html, "td a", "href"))[0] ?? "";
    const detail = await get(href, admin);
    expect(detail.status).toBe(200);
    expect(detail.html).not.toContain(secret ?? "whsec_");
    const disable = await post(`${href}/disable`, {}, admin);
    expect(disable.status).toBe(303);
    expect(squash((await texts((await get("/admin/webhooks", admin)).html, "[role=alert]"))[0])).toContain(
      "disabled by Ada Admin",
    );

    const local = await postPairs(
      "/admin/webhooks",
      [
        ["url", "http://127.0.0.1:9000/"],
        ["events", "claim.created"],
      ],
      admin,
    );
    expect(local.status).toBe(422);
    expect((await texts(local.html, "#url-error"))[0]).toContain("refused");
    const none = await postPairs("/admin/webhooks", [["url", "https://cms.example.org/x"]], admin);
    expect(none.status).toBe(422);
    expect(await texts(none.html, "#events-error")).toEqual(["pick at least one event"]);

    expect((await get("/admin/webhooks", rita)).status).toBe(403);
    expect(
      (
        await postPairs(
          "/admin/webhooks",
          [
            ["url", "https://x.example.org/"],
            ["events", "claim.created"],
          ],
          rita,
        )
      ).status,
    ).toBe(403);
  });
});
