// The review pages' forms in workerd: post then 303, errors inline with the input kept, the
// version conflict, CSRF refusal, and hostile text escaped everywhere it is shown.
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { runBatch } from "../src/db/client";
import { getClaimRow } from "../src/db/queries/claims";
import { addEvidenceStatements } from "../src/db/queries/evidence";
import { raiseFlagStatements } from "../src/db/queries/flags";
import { SafeLink } from "../src/pages/components";
import { loadDemo } from "./demo";
import { adminCookie, attrs, cookieFor, db, get, ORIGIN, post, request, squash, texts } from "./pages-helpers";

let admin = "";

beforeAll(async () => {
  await loadDemo(env.DB);
  admin = await adminCookie();
});

async function claimIdByText(text: string): Promise<string> {
  const row = await db.get<{ id: string }>(sql`SELECT id FROM claims WHERE text = ${text}`);
  if (!row) throw new Error(`no claim ${text}`);
  return row.id;
}

async function reviewForm(id: string) {
  const row = await getClaimRow(db, id);
  return { version: String(row?.version), seen_at: row?.updatedAt ?? "" };
}

const newClaim = {
  text: "Kunduz saw 12 attacks overnight",
  kind: "statistic",
  context: "An official said Kunduz saw 12 attacks overnight, more than any week this year.",
  tags: "afghanistan, kunduz",
  speaker_name: "Safiullah Amiri",
  speaker_role: "Member of the Kunduz provincial council",
  speaker_kind: "person",
  source_url: "https://www.example.com/news/kunduz-12",
  source_title: "Kunduz night",
  source_publisher: "Example Wire",
  source_published_at: "2020-03-06",
  reported_via: "told AFP",
  stated_at: "2020-03-05",
};

describe("forms post, then redirect (303)", () => {
  it("files a new claim and shows it", async () => {
    const res = await post("/claims/new", newClaim, admin);
    expect(res.status).toBe(303);
    const id = /^\/claims\/(clm_[^?]+)\?done=created$/.exec(res.location ?? "")?.[1];
    expect(id).toBeTruthy();
    const page = await get(res.location ?? "", admin);
    expect(await texts(page.html, "[role=status]")).toEqual(["Claim created."]);
    expect(await texts(page.html, "blockquote.quote")).toEqual([`“${newClaim.text}”`]);
    const row = await getClaimRow(db, id ?? "");
    expect(row).toMatchObject({ text: newClaim.text, kind: "statistic", status: "unverified" });
    expect(squash((await texts(page.html, "main"))[0])).toContain("tags: afghanistan, kunduz");
    // The same claim again is a duplicate: the form says where it is, with the input kept.
    const again = await post("/claims/new", newClaim, admin);
    expect(again.status).toBe(409);
    expect(squash((await texts(again.html, "[role=alert]"))[0])).toBe(`This claim is already tracked: /claims/${id}`);
    expect(await attrs(again.html, "input#speaker_name", "value")).toEqual([newClaim.speaker_name]);
  });

  it("shows a form error inline, next to its field, with every input kept", async () => {
    const res = await post("/claims/new", { ...newClaim, text: "", source_published_at: "March 6" }, admin);
    expect(res.status).toBe(422);
    expect(await attrs(res.html, "textarea#text", "aria-invalid")).toEqual(["true"]);
    expect(await attrs(res.html, "textarea#text", "aria-describedby")).toEqual(["text-error"]);
    expect((await texts(res.html, "#text-error"))[0]).toBeTruthy();
    expect(await attrs(res.html, "input#source_published_at", "aria-invalid")).toEqual(["true"]);
    expect((await texts(res.html, "#source_published_at-error"))[0]).toBeTruthy();
    expect(await attrs(res.html, "input#source_published_at", "value")).toEqual(["March 6"]);
    expect(await attrs(res.html, "input#speaker_role", "value")).toEqual([newClaim.speaker_role]);
    expect(await attrs(res.html, "input#source_url", "value")).toEqual([newClaim.source_url]);
    expect(await texts(res.html, "textarea#context")).toEqual([newClaim.context]);
    expect(await attrs(res.html, "#kind option[selected]", "value")).toEqual(["statistic"]);
  });

  it("adds evidence, refuses evidence without a link or note inline, and removes it", async () => {
    const id = await claimIdByText("actively attacking");
    const bad = await post(
      `/claims/${id}`,
      { intent: "evidence", url: "", title: "Only a title", note: "", stance: "refutes" },
      admin,
    );
    expect(bad.status).toBe(422);
    expect(await texts(bad.html, "#note-error")).toEqual(["give a url, or a note when there is no url"]);
    expect(await attrs(bad.html, "input#evidence-title", "value")).toEqual(["Only a title"]);
    expect(await attrs(bad.html, "#evidence-stance option[selected]", "value")).toEqual(["refutes"]);
    const notHttp = await post(`/claims/${id}/evidence`, { url: "javascript:alert(1)", stance: "supports" }, admin);
    expect(notHttp.status).toBe(422);
    expect((await texts(notHttp.html, "#url-error"))[0]).toBeTruthy();

    const ok = await post(
      `/claims/${id}`,
      {
        intent: "evidence",
        url: "https://www.example.com/statement",
        title: "Statement",
        note: "",
        stance: "supports",
      },
      admin,
    );
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/claims/${id}?done=evidence`);
    const page = await get(ok.location ?? "", admin);
    expect(await texts(page.html, "[role=status]")).toEqual(["Evidence added."]);
    expect(await texts(page.html, "#evidence-heading")).toEqual(["Evidence (1)"]);
    // Each item's Remove button posts a small form of its own (not the verdict's draft).
    const evidenceId = (await attrs(page.html, "form[id^=remove-evidence-] input[name=evidence_id]", "value"))[0];
    expect(evidenceId).toMatch(/^evd_/);
    expect(await attrs(page.html, "#verdict button[form^=remove-evidence-]", "form")).toEqual([
      `remove-evidence-${evidenceId}`,
    ]);
    const removed = await post(`/claims/${id}`, { intent: "remove-evidence", evidence_id: evidenceId ?? "" }, admin);
    expect(removed.status).toBe(303);
    expect(removed.location).toBe(`/claims/${id}?done=evidence-removed`);
    expect(await texts((await get(`/claims/${id}`, admin)).html, "#evidence-heading")).toEqual(["Evidence (0)"]);
  });

  it("reviews: a verdict needs a rationale, false needs evidence first, then it saves", async () => {
    const id = await claimIdByText("the pair speaking on the phone for 35 minutes");
    const noRationale = await post(
      `/claims/${id}`,
      { intent: "review", ...(await reviewForm(id)), status: "verified" },
      admin,
    );
    expect(noRationale.status).toBe(422);
    expect((await texts(noRationale.html, "#rationale-error"))[0]).toMatch(/rationale/i);
    expect(await attrs(noRationale.html, "#review-status option[selected]", "value")).toEqual(["verified"]);

    const noEvidence = await post(
      `/claims/${id}`,
      {
        intent: "review",
        ...(await reviewForm(id)),
        status: "false",
        attribution: "unchecked",
        rationale: "The call was 30 minutes.",
      },
      admin,
    );
    expect(noEvidence.status).toBe(422);
    expect((await texts(noEvidence.html, "#status-error"))[0]).toMatch(/evidence/i);
    expect(await texts(noEvidence.html, "textarea#review-rationale")).toEqual(["The call was 30 minutes."]);
    expect((await getClaimRow(db, id))?.status).toBe("unverified");

    const saved = await post(
      `/claims/${id}`,
      {
        intent: "review",
        ...(await reviewForm(id)),
        status: "unproven",
        attribution: "paraphrased",
        rationale: "Only the Taliban say so.",
      },
      admin,
    );
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/claims/${id}?done=reviewed`);
    expect(await getClaimRow(db, id)).toMatchObject({ status: "unproven", attribution: "paraphrased" });
    const page = await get(saved.location ?? "", admin);
    expect(await texts(page.html, "[role=status]")).toEqual(["Review saved."]);
    expect((await texts(page.html, ".timeline li")).map(squash)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^admin \(ADMIN_TOKEN\) changed the status from Unverified to Unproven: “Only the Taliban say so\.”/,
        ),
        expect.stringMatching(/changed the attribution from Attribution unchecked to Paraphrased/),
      ]),
    );
  });

  it("says nothing was saved when the status and attribution are unchanged, keeping the rationale typed", async () => {
    const id = await claimIdByText(
      "Taliban militants killed at least 20 Afghan soldiers and policemen in a string of overnight attacks",
    );
    const before = await getClaimRow(db, id);
    const res = await post(
      `/claims/${id}/review`,
      {
        ...(await reviewForm(id)),
        status: "unverified",
        attribution: "unchecked",
        rationale: "A note with no verdict.",
      },
      admin,
    );
    expect(res.status).toBe(200);
    expect(squash((await texts(res.html, "[role=alert]"))[0])).toMatch(/^Nothing was saved/);
    expect(await texts(res.html, "[role=status]")).toEqual([]);
    expect(await texts(res.html, "textarea#review-rationale")).toEqual(["A note with no verdict."]);
    expect(await getClaimRow(db, id)).toEqual(before);
  });

  it("edits a claim, and keeps the input when someone else saved first", async () => {
    const id = await claimIdByText("Kunduz saw 12 attacks overnight");
    const row = await getClaimRow(db, id);
    const edited = await post(
      `/claims/${id}/edit`,
      {
        version: String(row?.version),
        text: "Kunduz saw 12 attacks overnight, an official said",
        kind: "statistic",
        context: "",
        tags: "kunduz",
      },
      admin,
    );
    expect(edited.status).toBe(303);
    expect(edited.location).toBe(`/claims/${id}?done=edited`);
    expect((await getClaimRow(db, id))?.text).toBe("Kunduz saw 12 attacks overnight, an official said");

    const stale = await post(
      `/claims/${id}/edit`,
      { version: String(row?.version), text: "My older edit", kind: "statistic", context: "", tags: "kunduz" },
      admin,
    );
    expect(stale.status).toBe(409);
    expect(squash((await texts(stale.html, "[role=alert]"))[0])).toMatch(/^Someone else changed this claim first/);
    expect(await texts(stale.html, "textarea#text")).toEqual(["My older edit"]);
    expect(await attrs(stale.html, "input[name=version]", "value")).toEqual([String((row?.version ?? 0) + 1)]);
    expect((await getClaimRow(db, id))?.text).toBe("Kunduz saw 12 attacks overnight, an official said");
  });
});

describe("flags and re-checks", () => {
  it("shows a raised flag in the queue first and on the claim; clearing needs a reason, then it goes", async () => {
    const id = await claimIdByText(
      "the US forces hit Taliban fighters with an air strike for the first time in 11 days",
    );
    await runBatch(
      db,
      raiseFlagStatements(db, {
        claimId: id,
        flag: "quote_missing",
        at: new Date().toISOString(),
        actor: "recheck job",
        note: "The quote is no longer on the page.",
      }),
    );
    const queue = await get("/review", admin);
    expect((await attrs(queue.html, ".queue .row a", "href"))[0]).toBe(`/claims/${id}`);
    expect(squash((await texts(queue.html, ".queue .row"))[0])).toContain("⚑ Quote missing from source");
    expect(squash((await texts(queue.html, ".counts"))[0])).toContain("Flagged: 1");

    const page = await get(`/claims/${id}`, admin);
    expect(squash((await texts(page.html, "section[aria-labelledby=flags-heading]"))[0])).toContain(
      "The quote is no longer on the page.",
    );
    const action = `/claims/${id}`;
    expect(await attrs(page.html, `form[action="${action}"] input[name=flag]`, "value")).toEqual(["quote_missing"]);
    const flag = { intent: "clear-flag", flag: "quote_missing" };
    const empty = await post(action, { ...flag, note: "  " }, admin);
    expect(empty.status).toBe(422);
    expect(await attrs(empty.html, "#flag-note-quote_missing", "aria-invalid")).toEqual(["true"]);
    expect((await texts(empty.html, "#note-error"))[0]).toBeTruthy();
    const cleared = await post(action, { ...flag, note: "The page moved; the quote is at the new address." }, admin);
    expect(cleared.status).toBe(303);
    expect(cleared.location).toBe(`/claims/${id}?done=flag`);
    const after = await get(cleared.location ?? "", admin);
    expect(await texts(after.html, "#flags-heading")).toEqual([]);
    expect((await texts(after.html, ".timeline li")).map(squash)).toContainEqual(
      expect.stringMatching(
        /^admin \(ADMIN_TOKEN\) cleared the flag “Quote missing from source”: “The page moved; the quote is at the new address\.”/,
      ),
    );
    expect((await post(action, { intent: "clear-flag", flag: "not_a_flag", note: "x" }, admin)).status).toBe(404);
    // The older address takes the same post.
    expect((await post(`/claims/${id}/flags/not_a_flag/clear`, { note: "x" }, admin)).status).toBe(404);
  });

  it("re-checks the source on request and lists the outcome (the network is closed in tests)", async () => {
    const id = await claimIdByText("Kunduz saw 12 attacks overnight, an official said");
    const res = await post(`/claims/${id}/recheck`, {}, admin);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/claims/${id}?done=recheck`);
    const page = await get(res.location ?? "", admin);
    expect(await texts(page.html, "[role=status]")).toEqual(["Source re-checked."]);
    expect(squash((await texts(page.html, "section[aria-labelledby=rechecks-heading] li"))[0])).toMatch(
      /^(unreachable|error) · /,
    );
  });
});

describe("the version conflict on a review", () => {
  it("shows the other reviewer's change, keeps the input, and applies it when sent again", async () => {
    const id = await claimIdByText("Unfortunately, six police were killed and seven wounded.");
    const loaded = await reviewForm(id);
    const other = await cookieFor("reviewer", "Omar Other");
    const theirs = await post(
      `/claims/${id}/review`,
      { ...loaded, status: "unproven", attribution: "unchecked", rationale: "No count from the ministry yet." },
      other.cookie,
    );
    expect(theirs.status).toBe(303);

    const mine = { ...loaded, status: "opinion", attribution: "confirmed", rationale: "It is how he framed it." };
    const conflict = await post(`/claims/${id}`, { intent: "review", ...mine }, admin);
    expect(conflict.status).toBe(409);
    const alert = squash((await texts(conflict.html, "[role=alert]"))[0]);
    expect(alert).toContain("Someone else changed this claim while you were working on it.");
    expect(alert).toContain(
      "Omar Other changed the status from Unverified to Unproven: “No count from the ministry yet.”",
    );
    expect(await attrs(conflict.html, "#review-status option[selected]", "value")).toEqual(["opinion"]);
    expect(await attrs(conflict.html, "#review-attribution option[selected]", "value")).toEqual(["confirmed"]);
    expect(await texts(conflict.html, "textarea#review-rationale")).toEqual([mine.rationale]);
    // The page shows the claim as it is now, and the form carries its current version.
    expect(squash((await texts(conflict.html, "h1"))[0])).toContain("Unproven");
    const now = await reviewForm(id);
    expect(await attrs(conflict.html, "form#verdict-form input[name=version]", "value")).toEqual([now.version]);
    expect((await getClaimRow(db, id))?.status).toBe("unproven");

    const seenAt = (await attrs(conflict.html, "form#verdict-form input[name=seen_at]", "value"))[0] ?? "";
    const again = await post(
      `/claims/${id}`,
      { intent: "review", ...mine, version: now.version, seen_at: seenAt },
      admin,
    );
    expect(again.status).toBe(303);
    expect(await getClaimRow(db, id)).toMatchObject({ status: "opinion", attribution: "confirmed" });
  });
});

describe("CSRF", () => {
  it("refuses form posts from another origin, or with no origin at all, and changes nothing", async () => {
    const id = await claimIdByText("very good");
    const before = await getClaimRow(db, id);
    const form = { ...(await reviewForm(id)), status: "in_review", attribution: "unchecked" };
    for (const origin of ["http://evil.example", "https://claimdesk.test", "null", null]) {
      const res = await post(`/claims/${id}/review`, form, admin, origin);
      expect(res.status, String(origin)).toBe(403);
    }
    const crossSite = await request("POST", `/claims/${id}/review`, {
      form,
      cookie: admin,
      origin: "http://evil.example",
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    expect(await getClaimRow(db, id)).toEqual(before);
    // Logging in and out from another site are refused too (login CSRF).
    expect((await post("/login", { token: env.ADMIN_TOKEN ?? "" }, undefined, "http://evil.example")).status).toBe(403);
    expect((await post("/logout", {}, admin, "http://evil.example")).status).toBe(403);
    // The same post from the site itself goes through.
    expect((await post(`/claims/${id}/review`, form, admin, ORIGIN)).status).toBe(303);
  });
});

describe("only http(s) urls become links", () => {
  it("refuses javascript: and data: urls in the evidence form, and the tables refuse them too", async () => {
    const id = await claimIdByText("very good");
    for (const url of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>"]) {
      const res = await post(`/claims/${id}/evidence`, { url, note: "x", stance: "context" }, admin);
      expect(res.status, url).toBe(422);
      expect((await texts(res.html, "#url-error"))[0], url).toBeTruthy();
      expect(res.html).not.toContain(`href="${url}`);
    }
    const refused = await db.run(sql`UPDATE sources SET url = 'javascript:alert(1)'`).then(
      () => "stored",
      (err: Error) => String(err.cause ?? err),
    );
    expect(refused).toMatch(/CHECK constraint failed: sources_url_http/);
  });

  it("shows any other url as text (SafeLink)", () => {
    for (const url of [
      "javascript:alert(1)",
      " javascript:alert(1)",
      "data:text/html,x",
      "vbscript:x",
      "//evil.example",
    ]) {
      const html = String(SafeLink({ url, children: undefined }));
      expect(html, url).not.toContain("<a");
      expect(html, url).toContain("<span>");
    }
    expect(String(SafeLink({ url: "https://www.example.com/a?b=1&c=2", children: "ok" }))).toBe(
      '<a href="https://www.example.com/a?b=1&amp;c=2" rel="noopener noreferrer nofollow" target="_blank">ok</a>',
    );
  });
});

describe("hostile text is escaped wherever it is shown", () => {
  const SCRIPT = "<script>alert(1)</script>";
  const IMG = '"><img src=x onerror=alert(1)>';
  let id = "";
  let speakerId = "";
  let sourceId = "";

  beforeAll(async () => {
    const res = await post(
      "/claims/new",
      {
        text: SCRIPT,
        kind: "direct_quote",
        context: `He wrote ${SCRIPT} and ${IMG} in the chat.`,
        tags: `${IMG}, <b>bold</b>`,
        speaker_name: IMG,
        speaker_role: SCRIPT,
        source_url: "https://www.example.com/x?<script>",
        source_title: `${IMG}${SCRIPT}`,
        source_publisher: SCRIPT,
      },
      admin,
    );
    expect(res.status).toBe(303);
    id = /clm_[^?]+/.exec(res.location ?? "")?.[0] ?? "";
    const row = await getClaimRow(db, id);
    speakerId = row?.speaker.id ?? "";
    sourceId = row?.source.id ?? "";
    // Urls the forms would refuse can still reach the database another way (an old import, a
    // hand-edited row), as long as they start with http(s) (the tables check that much).
    const at = new Date().toISOString();
    const evidence = [
      { url: `https://www.example.com/${IMG}`, title: IMG, note: SCRIPT, stance: "supports" as const },
      { url: `https://www.example.com/a" onmouseover="alert(2)`, note: IMG, stance: "refutes" as const },
    ];
    for (const e of evidence) await runBatch(db, addEvidenceStatements(db, id, e, IMG, at).statements);
    await db.run(
      sql`UPDATE sources SET url = ${`https://www.example.com/x?${SCRIPT}`}, text = ${`Before. ${SCRIPT} After.`} WHERE id = ${sourceId}`,
    );
  });

  async function checkEscaped(path: string) {
    const res = await get(path, admin);
    expect(res.status, path).toBe(200);
    expect(res.html, path).not.toContain("<script>alert");
    expect(res.html, path).not.toContain("<img");
    expect(res.html, path).not.toContain("<b>bold");
    expect(res.html, path).not.toMatch(/<a [^>]*href="\s*(javascript|data):/i);
    expect(res.html, path).not.toContain('" onmouseover="');
    expect(await attrs(res.html, "img", "src"), path).toEqual([]);
    // One script: the page's own, nonce'd.
    expect(await attrs(res.html, "script", "src"), path).toEqual(["/assets/shortcuts.js"]);
    for (const href of await attrs(res.html, "a", "href")) expect(href, path).toMatch(/^(\/|https?:\/\/)/);
    for (const action of await attrs(res.html, "form[method=post]", "action")) expect(action, path).toMatch(/^\//);
    return res.html;
  }

  it("on the claim page", async () => {
    const html = await checkEscaped(`/claims/${id}`);
    expect(await texts(html, "blockquote.quote")).toEqual(["“&lt;script&gt;alert(1)&lt;/script&gt;”"]);
    expect(await texts(html, "mark")).toEqual(["&lt;script&gt;alert(1)&lt;/script&gt;"]);
    expect(html).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(await attrs(html, "a[onmouseover]", "href")).toEqual([]);
    const removeLabels = await attrs(html, "button[form^=remove-evidence-]", "aria-label");
    expect(removeLabels).toContain(`Remove evidence ${IMG}`);
  });

  it("on the queue, the search box, the speaker, source and edit pages", async () => {
    const queue = await checkEscaped("/review");
    expect(await texts(queue, ".queue .row a")).toContain("“&lt;script&gt;alert(1)&lt;/script&gt;”");
    await checkEscaped(`/review?q=${encodeURIComponent(`"><script>alert(1)</script>`)}`);
    const search = await get(`/review?q=${encodeURIComponent(`"><script>alert(1)</script>`)}`, admin);
    expect(await attrs(search.html, "input#q", "value")).toEqual([`"><script>alert(1)</script>`]);
    const speaker = await checkEscaped(`/speakers/${speakerId}`);
    expect(await texts(speaker, "h1")).toEqual(["&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"]);
    const source = await checkEscaped(`/sources/${sourceId}`);
    expect(await texts(source, ".article mark a")).toEqual(["&lt;script&gt;alert(1)&lt;/script&gt;"]);
    const edit = await checkEscaped(`/claims/${id}/edit`);
    expect(await texts(edit, "textarea#text")).toEqual(["&lt;script&gt;alert(1)&lt;/script&gt;"]);
    const login = await get(`/login?next=${encodeURIComponent(`/review"><script>alert(1)</script>`)}`);
    expect(login.html).not.toContain("<script");
    expect(await attrs(login.html, "input[name=next]", "value")).toEqual(["/review"]);
  });

  it("in a form sent back with errors", async () => {
    const res = await post("/claims/new", { text: "", speaker_name: IMG, context: SCRIPT }, admin);
    expect(res.status).toBe(422);
    expect(res.html).not.toContain("<script>alert");
    expect(res.html).not.toContain("<img");
    expect(await attrs(res.html, "input#speaker_name", "value")).toEqual([IMG]);
  });
});
