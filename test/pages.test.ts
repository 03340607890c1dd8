// The review pages in workerd: every page renders for a signed-in reviewer, sessions and their
// cookie, redirects to /login, and what a viewer may not do.
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { serializeSigned } from "hono/utils/cookie";
import { beforeAll, describe, expect, it } from "vitest";
import { runBatch } from "../src/db/client";
import { getClaimRow } from "../src/db/queries/claims";
import { raiseFlagStatements } from "../src/db/queries/flags";
import { revokeToken } from "../src/db/queries/tokens";
import { loadDemo } from "./demo";
import { adminCookie, attrs, cookieFor, db, get, login, post, squash, texts } from "./pages-helpers";

const ATTACKS = "insurgents had carried out 43 attacks on checkpoints in Helmand on Tuesday alone";
let admin = "";
let attacks: { id: string; speakerId: string; sourceId: string };

beforeAll(async () => {
  await loadDemo(env.DB);
  admin = await adminCookie();
  const row = await db.get<{ id: string; speaker_id: string; source_id: string }>(
    sql`SELECT id, speaker_id, source_id FROM claims WHERE text = ${ATTACKS}`,
  );
  if (!row) throw new Error("demo claim missing");
  attacks = { id: row.id, speakerId: row.speaker_id, sourceId: row.source_id };
});

describe("every page renders", () => {
  it("serves each page as HTML with the layout, a strict CSP and the nonce'd script", async () => {
    const paths = [
      ["/review", "Review queue"],
      [`/claims/${attacks.id}`, `Claim: ${ATTACKS.slice(0, 59)}…`],
      ["/claims/new", "New claim"],
      [`/claims/${attacks.id}/edit`, "Edit claim"],
      [
        `/sources/${attacks.sourceId}`,
        "Taliban kill 20 Afghan soldiers, police as US carries out first air strike in 11 days",
      ],
      [`/speakers/${attacks.speakerId}`, "Sonny Leggett"],
      ["/dashboard", "Dashboard"],
    ] as const;
    for (const [path, title] of paths) {
      const res = await get(path, admin);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(res.html.startsWith("<!doctype html>"), path).toBe(true);
      // The document's title (a chart's <svg> has a <title> of its own).
      expect(await texts(res.html, "head > title")).toEqual([`${title} · claimdesk`]);
      const csp = res.headers.get("content-security-policy") ?? "";
      const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, path).toBeTruthy();
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(await attrs(res.html, "script", "nonce")).toEqual([nonce]);
      expect(res.html, `${path} has an inline style attribute`).not.toMatch(/\sstyle=/);
      // The header names the person; the ADMIN_TOKEN secret is nobody's, so it is the setup admin.
      const header = squash((await texts(res.html, "header.top"))[0]);
      expect(header).toContain("Setup admin");
      expect(header).not.toContain("ADMIN_TOKEN");
    }
  });

  it("shows the queue with counts, filters and the claims in queue order", async () => {
    const res = await get("/review", admin);
    // One bar chart: each status's name, a bar, and its number as text.
    const bars = (await texts(res.html, ".counts .bars li")).map(squash);
    expect(bars).toHaveLength(7);
    expect(bars).toContain("Unverified: 12");
    expect(await attrs(res.html, ".counts svg.bar", "aria-hidden")).toEqual(Array(7).fill("true"));
    expect(await attrs(res.html, ".counts svg.status-unverified rect", "width")).toEqual(["100"]);
    // Search and status in sight; the other filters folded, closed while none is set.
    expect(await attrs(res.html, "details.more-filters", "open")).toEqual([null]);
    expect(await attrs(res.html, "details.more-filters select", "id")).toEqual([
      "attribution",
      "flag",
      "repeat",
      "assigned",
      "sort",
    ]);
    const folded = await get("/review?tag=economy", admin);
    expect(await attrs(folded.html, "details.more-filters", "open")).toEqual([""]);
    expect(squash((await texts(folded.html, "details.more-filters summary"))[0])).toBe("More filters (1 set)");
    expect(await attrs(res.html, "label", "for")).toEqual(
      expect.arrayContaining(["q", "status", "attribution", "flag", "tag", "all"]),
    );
    const rows = await texts(res.html, ".queue .row a");
    expect(rows).toHaveLength(12);
    expect(rows).toContain(`“${ATTACKS}”`);

    const search = await get("/review?q=43+attacks", admin);
    expect((await texts(search.html, ".queue .row a")).map(squash)).toEqual([`“${ATTACKS}”`]);
    expect(await attrs(search.html, "input#q", "value")).toEqual(["43 attacks"]);
    const none = await get("/review?q=zzzyzzy", admin);
    expect(squash((await texts(none.html, "main"))[0])).toContain(
      "No claims match. Try other words, tick “Include reviewed” under More filters, or clear the filters.",
    );
  });

  it("lists only the flagged claims from the Flagged count", async () => {
    await env.DB.prepare("INSERT INTO claim_flags (claim_id, flag, raised_at) VALUES (?, 'quote_missing', ?)")
      .bind(attacks.id, new Date().toISOString())
      .run();
    try {
      const res = await get("/review", admin);
      expect(await attrs(res.html, ".counts a.flag", "href")).toEqual(["/review?flagged=1&all=1"]);
      const flagged = await get("/review?flagged=1&all=1", admin);
      expect((await texts(flagged.html, ".queue .row a")).map(squash)).toEqual([`“${ATTACKS}”`]);
    } finally {
      await env.DB.prepare("DELETE FROM claim_flags WHERE claim_id = ?").bind(attacks.id).run();
    }
  });

  it("shows the claim page: the quote in its context, speaker, source, forms, history", async () => {
    const res = await get(`/claims/${attacks.id}`, admin);
    expect(await texts(res.html, "blockquote.quote")).toEqual([`“${ATTACKS}”`]);
    expect(await texts(res.html, "mark")).toEqual([ATTACKS]);
    expect(await attrs(res.html, "a", "href")).toEqual(
      expect.arrayContaining([`/speakers/${attacks.speakerId}`, `/sources/${attacks.sourceId}`]),
    );
    // Every form posts to the claim's own address (after any post the address bar shows the claim),
    // saying what it does; the verdict form carries the version the reviewer saw.
    const actions = await attrs(res.html, "main form", "action");
    expect(new Set(actions.map((a) => a?.split("#")[0]))).toEqual(new Set([`/claims/${attacks.id}`]));
    // The verdict form's answer (a refusal, the redirect) opens at the verdict.
    expect(await attrs(res.html, "form#verdict-form", "action")).toEqual([`/claims/${attacks.id}#verdict`]);
    expect(await attrs(res.html, "form#verdict-form input[name=version]", "value")).toEqual(["1"]);
    expect(await attrs(res.html, "form#verdict-form button[name=intent]", "value")).toEqual(["evidence", "review"]);
    expect((await texts(res.html, ".timeline li")).map(squash)[0]).toMatch(/^demo data filed the claim/);
    // Times read as dates for people, the exact moment kept in the markup.
    const [when] = await attrs(res.html, ".timeline time", "datetime");
    expect(when).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(squash((await texts(res.html, ".timeline time"))[0])).toMatch(
      /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/,
    );
    // Every control has a label.
    const ids = await attrs(res.html, "main input:not([type=hidden]), main select, main textarea", "id");
    const labelled = await attrs(res.html, "label", "for");
    for (const id of ids) expect(labelled).toContain(id);
  });

  it("highlights every claim of the source in its archived text, each linked", async () => {
    const res = await get(`/sources/${attacks.sourceId}`, admin);
    const marked = await attrs(res.html, ".article mark a", "href");
    expect(marked).toHaveLength(12);
    expect(marked).toContain(`/claims/${attacks.id}`);
    expect(await texts(res.html, ".article mark a")).toContain(ATTACKS);
    // The archived text starts at the article; the page's furniture is folded away, not lost.
    const [shown] = await texts(res.html, "section .article");
    expect(shown?.startsWith("KUNDUZ - Taliban militants")).toBe(true);
    expect(squash((await texts(res.html, "details.furniture"))[0])).toContain("date 2020-03-05 Share:");
  });

  it("shows the speaker's track record by status", async () => {
    const res = await get(`/speakers/${attacks.speakerId}`, admin);
    expect(squash((await texts(res.html, "h2#record-heading"))[0])).toBe("Track record (4 claims)");
    expect((await texts(res.html, "main tbody tr")).map(squash)).toContain("Unverified4");
  });

  it("answers 404 pages for unknown claims, sources and speakers", async () => {
    for (const path of ["/claims/clm_nope", "/sources/src_nope", "/speakers/spk_nope", "/claims/clm_nope/edit"]) {
      const res = await get(path, admin);
      expect(res.status, path).toBe(404);
      expect(await texts(res.html, "h1")).toEqual(["Not found"]);
    }
  });

  it("serves its own stylesheet and script", async () => {
    const css = await get("/assets/app.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    const js = await get("/assets/shortcuts.js");
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(js.html).toContain("keydown");
  });
});

describe("logging in and out", () => {
  it("redirects unauthenticated page requests to /login, keeping where they were going", async () => {
    const queue = await get("/review?status=verified");
    expect(queue.status).toBe(303);
    expect(queue.location).toBe(`/login?next=${encodeURIComponent("/review?status=verified")}`);
    const claim = await get(`/claims/${attacks.id}`);
    expect(claim.location).toBe(`/login?next=${encodeURIComponent(`/claims/${attacks.id}`)}`);
    const write = await post(`/claims/${attacks.id}/review`, { version: "1", status: "verified", rationale: "x" });
    expect(write.status).toBe(303);
    expect(write.location).toBe("/login");
    expect((await getClaimRow(db, attacks.id))?.status).toBe("unverified");
    expect((await get("/")).location).toBe("/review");
  });

  it("shows the login form with a password field named token", async () => {
    const res = await get("/login?next=/claims/new");
    expect(res.status).toBe(200);
    expect(await attrs(res.html, "input#token", "type")).toEqual(["password"]);
    expect(await attrs(res.html, "input#token", "name")).toEqual(["token"]);
    expect(await attrs(res.html, "input[name=next]", "value")).toEqual(["/claims/new"]);
  });

  it("refuses an unknown token with the error beside the field, 401", async () => {
    const res = await post("/login", { token: "cd_nope", next: "/review" });
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await texts(res.html, "#token-error")).toEqual(["This token is unknown or revoked."]);
    expect(await attrs(res.html, "input#token", "aria-invalid")).toEqual(["true"]);
    expect(await attrs(res.html, "input#token", "aria-describedby")).toEqual(["token-error"]);
  });

  it("logs in with a token: a signed HttpOnly, Secure, SameSite=Strict cookie with an expiry, then the page asked for", async () => {
    const res = await post("/login", { token: env.ADMIN_TOKEN ?? "", next: "/claims/new" });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/claims/new");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^claimdesk_session=[^;]+;/);
    expect(cookie).toMatch(/Max-Age=43200/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    // Signed in already: /login goes on to the page.
    expect((await get("/login?next=/review", cookie.split(";")[0])).location).toBe("/review");
  });

  it("never follows a next that leaves the site", async () => {
    for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
      const res = await post("/login", { token: env.ADMIN_TOKEN ?? "", next });
      expect(res.location, next).toBe("/review");
    }
  });

  it("refuses a tampered cookie and logs out", async () => {
    const cookie = await adminCookie();
    const [name, value] = cookie.split("=") as [string, string];
    const decoded = decodeURIComponent(value);
    const forged = `${name}=${encodeURIComponent(decoded.replace('"role":"admin"', '"role":"admin" '))}`;
    expect((await get("/review", forged)).status).toBe(303);
    const out = await post("/logout", {}, cookie);
    expect(out.status).toBe(303);
    expect(out.location).toBe("/login");
    expect(out.headers.get("set-cookie")).toMatch(/^claimdesk_session=;.*Max-Age=0/);
  });

  it("ends the sessions of a revoked token on its next request", async () => {
    const { cookie, id } = await cookieFor("reviewer", "Soon Revoked");
    expect((await get("/review", cookie)).status).toBe(200);
    await revokeToken(db, id);
    const res = await get("/review", cookie);
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/login/);
  });

  it("ends admin sessions when ADMIN_TOKEN changes: a session from another admin token is refused", async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const forged = async (payload: object) =>
      (await serializeSigned("claimdesk_session", JSON.stringify(payload), env.SESSION_SECRET ?? "")).split(";")[0];
    // A live session row, so that only the fingerprint decides.
    const live = await adminCookie();
    const { sid } = JSON.parse(decodeURIComponent(live.split("=")[1] ?? "").replace(/\.[^.]*$/, ""));
    const admin = { role: "admin", actor: "admin (ADMIN_TOKEN)", key: "admin-token", exp, sid };
    // Signed with the right secret, but made before the fingerprint existed, or under another ADMIN_TOKEN.
    for (const payload of [admin, { ...admin, admin: "0".repeat(64) }]) {
      const res = await get("/review", await forged(payload));
      expect(res.status).toBe(303);
      expect(res.location).toMatch(/^\/login/);
    }
    // The same kind of cookie made by the login form is good.
    expect((await get("/review", await adminCookie())).status).toBe(200);
    // And a well-signed session for a token that never existed is refused too.
    const ghost = await forged({ role: "reviewer", actor: "Ghost", key: "tok_01M8A3C6DXDNYE1SZ05W5NYVQM", exp });
    expect((await get("/review", ghost)).status).toBe(303);
  });

  it("writes the reviewer's name on the events they cause", async () => {
    const { cookie } = await cookieFor("reviewer", "Rita Reviewer");
    const row = await getClaimRow(db, attacks.id);
    const res = await post(
      `/claims/${attacks.id}/review`,
      { version: String(row?.version), seen_at: row?.updatedAt ?? "", status: "in_review", attribution: "unchecked" },
      cookie,
    );
    expect(res.status).toBe(303);
    const page = await get(`/claims/${attacks.id}`, cookie);
    expect((await texts(page.html, ".timeline li")).map(squash)).toContainEqual(
      expect.stringMatching(/^Rita Reviewer changed the status from Unverified to In review/),
    );
    expect(squash((await texts(page.html, "header.top"))[0])).toContain("Rita Reviewer (reviewer)");
  });
});

describe("a viewer reads but does not change", () => {
  let viewer = "";
  beforeAll(async () => {
    viewer = (await cookieFor("viewer", "Val Viewer")).cookie;
  });

  it("reads the queue, claim, source and speaker pages, without change forms", async () => {
    await runBatch(
      db,
      raiseFlagStatements(db, {
        claimId: attacks.id,
        flag: "source_changed",
        at: new Date().toISOString(),
        actor: "recheck job",
        note: "The page changed.",
      }),
    );
    for (const path of [
      "/review",
      `/claims/${attacks.id}`,
      `/sources/${attacks.sourceId}`,
      `/speakers/${attacks.speakerId}`,
    ])
      expect((await get(path, viewer)).status, path).toBe(200);
    const claim = await get(`/claims/${attacks.id}`, viewer);
    expect(await attrs(claim.html, "main form", "action")).toEqual([]);
    expect(await texts(claim.html, "main a[href$='/edit']")).toEqual([]);
    expect(squash((await texts(claim.html, "section[aria-labelledby=flags-heading]"))[0])).toContain(
      "⚑ Source changed since",
    );
  });

  it("gets 403 on every change form, and nothing changes", async () => {
    const before = await getClaimRow(db, attacks.id);
    const version = String(before?.version);
    const attempts: [string, string, Record<string, string>?][] = [
      ["GET", "/claims/new"],
      ["GET", `/claims/${attacks.id}/edit`],
      ["POST", "/claims/new", { text: "a viewer's claim", speaker_name: "V" }],
      ["POST", `/claims/${attacks.id}/edit`, { version, text: "changed by a viewer" }],
      ["POST", `/claims/${attacks.id}/review`, { version, status: "verified", rationale: "viewer" }],
      ["POST", `/claims/${attacks.id}/evidence`, { note: "viewer note", stance: "supports" }],
      ["POST", `/claims/${attacks.id}/flags/quote_missing/clear`, { note: "viewer" }],
      ["POST", `/claims/${attacks.id}/recheck`, {}],
    ];
    for (const [method, path, form] of attempts) {
      const res = method === "GET" ? await get(path, viewer) : await post(path, form ?? {}, viewer);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(await texts(res.html, "h1")).toEqual(["Not allowed"]);
    }
    const after = await getClaimRow(db, attacks.id);
    expect(after).toEqual(before);
  });
});

// The login that keeps the session across tests of other files is exercised there; here one more
// check that a viewer's cookie is a viewer's and not a reviewer's.
it("signs in a viewer token as a viewer", async () => {
  const { token } = await cookieFor("viewer", "Vera");
  const cookie = await login(token);
  const res = await get("/review", cookie);
  expect(squash((await texts(res.html, "header.top"))[0])).toContain("Vera (viewer)");
});

describe("queue paging", () => {
  it("pages through every open claim with the Next page link, none twice, filters kept", async () => {
    for (let n = 0; n < 30; n++) {
      const res = await post(
        "/claims/new",
        {
          text: `Paging claim ${n} about checkpoints`,
          speaker_name: "Paging Speaker",
          source_url: "https://www.example.com/paging",
          tags: "paging",
        },
        admin,
      );
      expect(res.status).toBe(303);
    }
    const open = await db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM claims WHERE status IN ('unverified', 'in_review')`,
    );
    const seen: string[] = [];
    let path: string | null = "/review";
    let pages = 0;
    while (path) {
      const res = await get(path, admin);
      expect(res.status).toBe(200);
      seen.push(...((await attrs(res.html, ".queue .row a", "href")) as string[]));
      path = (await attrs(res.html, "a.button", "href"))[0] ?? null;
      pages++;
      expect(pages).toBeLessThan(5);
    }
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(open?.n ?? 0);

    const tagged: string[] = [];
    path = "/review?tag=paging";
    while (path) {
      const res = await get(path, admin);
      tagged.push(...((await texts(res.html, ".queue .row a")) as string[]));
      const next = (await attrs(res.html, "a.button", "href"))[0] ?? null;
      if (next) expect(new URL(next, "http://x").searchParams.get("tag")).toBe("paging");
      path = next;
    }
    expect(tagged).toHaveLength(30);
    expect(tagged.every((t) => t.includes("Paging claim"))).toBe(true);
  });
});

describe("the queue's filters", () => {
  it("reads them with the API's schema: a refused value is left out and said, the rest still filter", async () => {
    const page = await get("/review?status=bogus&attribution=confirmed&flag=&tag=%20", admin);
    expect(page.status).toBe(200);
    const notice = squash((await texts(page.html, ".notice"))[0] ?? "");
    expect(notice).toContain("Some filters in this address were left out: status:");
    expect(await attrs(page.html, "#attribution option[selected]", "value")).toEqual(["confirmed"]);
  });
});
