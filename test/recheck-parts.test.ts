// The re-check's parts on their own: the address rule, HTML to text, the flag statements the
// API shares, "re-check this claim now" and the recheck listing.
import { env } from "cloudflare:workers";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { createDb } from "../src/db/client";
import { clearFlagStatements, raiseFlagStatements } from "../src/db/queries/flags";
import { leaseDueClaims, listRechecks } from "../src/db/queries/rechecks";
import { configOf } from "../src/env";
import { recheckNow, recheckSettings } from "../src/services/rechecks";
import { refusal } from "../src/services/rechecks/address";
import { decodeEntities, htmlToText } from "../src/services/rechecks/html-text";
import { api } from "./api/helpers";
import { adminCookie, post } from "./pages-helpers";
import {
  DAY,
  flagEventsOf,
  flagsOf,
  MINUTE,
  plus,
  rechecksOf,
  run,
  seed,
  T0,
  testEnv,
  useWeb,
  web,
} from "./recheck-helpers";

useWeb();

describe("which urls the job may visit", () => {
  it.each([
    ["https://news.example/a", null],
    ["http://93.184.216.34/a", null],
    ["http://[2606:4700::1111]/a", null],
    ["https://news.example:443/a", null],
    ["ftp://news.example/a", "scheme ftp: is not http(s)"],
    ["https://news.example:8080/a", "non-default port 8080"],
    ["http://localhost/a", "private name localhost"],
    ["http://app.localhost/a", "private name app.localhost"],
    ["http://nas.local/a", "private name nas.local"],
    ["http://db.internal./a", "private name db.internal"],
    ["http://intranet/a", "single-label name intranet"],
    ["http://127.0.0.1/a", "private address 127.0.0.1"],
    ["http://2130706433/a", "private address 127.0.0.1"],
    ["http://0x7f.1/a", "private address 127.0.0.1"],
    ["http://0.0.0.0/a", "private address 0.0.0.0"],
    ["http://10.0.0.1/a", "private address 10.0.0.1"],
    ["http://172.16.5.4/a", "private address 172.16.5.4"],
    ["http://192.168.1.1/a", "private address 192.168.1.1"],
    ["http://100.64.0.1/a", "private address 100.64.0.1"],
    ["http://169.254.169.254/a", "private address 169.254.169.254"],
    ["http://[::1]/a", "private address [::1]"],
    ["http://[::]/a", "private address [::]"],
    ["http://[fe80::1]/a", "private address [fe80::1]"],
    ["http://[fc00::1]/a", "private address [fc00::1]"],
    ["http://[::ffff:127.0.0.1]/a", "private address [::ffff:7f00:1]"],
    ["http://[::ffff:10.0.0.1]/a", "private address [::ffff:a00:1]"],
    // Private IPv4 addresses inside IPv6 ones, and IPv6 ranges that are not public (issue 10).
    ["http://[2002:7f00:1::]/a", "private address [2002:7f00:1::]"], // 6to4 of 127.0.0.1
    ["http://[2002:a9fe:a9fe::1]/a", "private address [2002:a9fe:a9fe::1]"], // 6to4 of 169.254.169.254
    ["http://[2002:5db8:d822::]/a", null], // 6to4 of a public address
    ["http://[::ffff:0:7f00:1]/a", "private address [::ffff:0:7f00:1]"], // IPv4-translated 127.0.0.1
    ["http://[::ffff:0:a00:1]/a", "private address [::ffff:0:a00:1]"],
    ["http://[::ffff:0:5db8:d822]/a", null],
    ["http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/a", "private address [2001:0:4136:e378:8000:63bf:3fff:fdd2]"], // Teredo
    ["http://[64:ff9b::7f00:1]/a", "private address [64:ff9b::7f00:1]"], // NAT64 of 127.0.0.1
    ["http://[64:ff9b::5db8:d822]/a", null], // NAT64 of a public address
    ["http://[64:ff9b:1::5db8:d822]/a", "private address [64:ff9b:1::5db8:d822]"], // local-use NAT64
    ["http://[fec0::1]/a", "private address [fec0::1]"], // site-local (deprecated)
    ["http://[feff::1]/a", "private address [feff::1]"],
  ])("%s → %s", (url, expected) => {
    expect(refusal(new URL(url), false)).toBe(expected);
  });

  it("RECHECK_ALLOW_PRIVATE lets private hosts and ports through, but still only http(s)", () => {
    expect(refusal(new URL("http://127.0.0.1:8788/a"), true)).toBeNull();
    expect(refusal(new URL("file:///etc/passwd"), true)).toBe("scheme file: is not http(s)");
  });
});

describe("HTML to text", () => {
  it("keeps the article's words, one block a line, with character references decoded", async () => {
    const html = `<html><head><title>T</title></head><body><header>Site</header><nav><a>Home</a></nav>
      <article><h1>Kunduz&nbsp;attack</h1><p>He said &#8220;stop&#x201D; &amp; left.<br>Next line</p>
      <ul><li>one</li><li>two</li></ul><noscript>enable JS</noscript><style>p{}</style>
      <script>alert(1)</script></article><footer>© 2020</footer></body></html>`;
    const text = await htmlToText(new TextEncoder().encode(html), "text/html");
    expect(text).toBe("Kunduz attack\nHe said \u201Cstop\u201D & left.\nNext line\none\ntwo");
  });
});

describe("flag statements", () => {
  it("raise once and clear once, each with one event; clearing an absent flag writes nothing", async () => {
    const [id] = await seed(null, [{ text: "x" }]);
    const db = createDb(env.DB);
    const change = { claimId: id as string, flag: "quote_missing" as const, at: T0.toISOString(), actor: "ed" };
    await db.batch([...raiseFlagStatements(db, { ...change, note: "gone" })]);
    await db.batch([...raiseFlagStatements(db, change)]);
    expect(await flagsOf(id as string)).toEqual(["quote_missing"]);
    await db.batch([...clearFlagStatements(db, { ...change, note: "checked with the desk" })]);
    await db.batch([...clearFlagStatements(db, change)]);
    expect(await flagsOf(id as string)).toEqual([]);
    expect(await flagEventsOf(id as string)).toEqual(["flag_raised:quote_missing", "flag_cleared:quote_missing"]);
    const counted = await env.DB.prepare("SELECT flag_count FROM claims WHERE id = ?").bind(id).first();
    expect(counted).toEqual({ flag_count: 0 });
  });

  it("raising on a claim that does not exist writes nothing", async () => {
    const db = createDb(env.DB);
    await db.batch([
      ...raiseFlagStatements(db, { claimId: "clm_none", flag: "verdict_stale", at: T0.toISOString(), actor: "x" }),
    ]);
    expect(await flagsOf("clm_none")).toEqual([]);
  });
});

describe("re-check this claim now", () => {
  const deps = () => ({ db: createDb(env.DB), settings: recheckSettings(configOf(testEnv())) });
  const reviewer = { role: "reviewer", actor: "a reviewer", key: "test" } as const;

  it("visits at once whatever the due date and answers the recheck", async () => {
    const [id] = await seed("https://news.example/now", [{ text: "stop the attacks" }]);
    await env.DB.prepare("UPDATE claims SET recheck_due_at = ? WHERE id = ?")
      .bind(plus(20 * DAY).toISOString(), id)
      .run();
    web.use(http.get("https://news.example/now", () => HttpResponse.text("We call on them to stop the attacks.")));
    const recheck = await recheckNow(deps(), reviewer, id as string, T0);
    expect(recheck).toMatchObject({
      ok: true,
      value: { claimId: id, outcome: "quote_present", httpStatus: 200, at: T0.toISOString() },
    });
    expect(
      await env.DB.prepare("SELECT recheck_due_at, recheck_lease_until FROM claims WHERE id = ?").bind(id).first(),
    ).toEqual({
      recheck_due_at: plus(DAY).toISOString(),
      recheck_lease_until: null,
    });
  });

  it("answers not_found for a claim that does not exist", async () => {
    expect(await recheckNow(deps(), reviewer, "clm_missing", T0)).toEqual({
      ok: false,
      error: { kind: "not_found", what: "claim", id: "clm_missing" },
    });
  });

  it("refuses while a run holds the claim", async () => {
    const [id] = await seed(null, [{ text: "held" }]);
    await leaseDueClaims(createDb(env.DB), T0, plus(15 * MINUTE), 50);
    expect(await recheckNow(deps(), reviewer, id as string, plus(MINUTE))).toEqual({
      ok: false,
      error: {
        kind: "conflict",
        title: "Re-check in progress",
        detail: "A scheduled run is re-checking this claim right now; try again in a minute.",
      },
    });
    expect(await rechecksOf(id as string)).toEqual([]);
  });
});

describe("listing rechecks", () => {
  it("filters by outcome and since, newest first, a page at a time", async () => {
    const ids = await seed(null, [{ text: "p" }, { text: "q" }, { text: "r" }]);
    await run(T0);
    await env.DB.prepare("UPDATE claims SET recheck_due_at = ? WHERE id = ?").bind(T0.toISOString(), ids[0]).run();
    await run(plus(DAY));
    const db = createDb(env.DB);
    const since = plus(-1).toISOString();
    const first = await listRechecks(db, { outcome: "no_url", since, limit: 2 });
    expect(first.data.map((r) => r.at)).toEqual([plus(DAY).toISOString(), T0.toISOString()]);
    expect(first.nextCursor).not.toBeNull();
    const second = await listRechecks(db, {
      outcome: "no_url",
      since,
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.data).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.data, ...second.data].map((r) => r.id)).size).toBe(4);
    expect((await listRechecks(db, { since: plus(1).toISOString(), limit: 10 })).data).toHaveLength(1);
    expect((await listRechecks(db, { outcome: "quote_missing", since, limit: 10 })).data).toEqual([]);
    expect((await listRechecks(db, { claimId: ids[0], limit: 10 })).data).toHaveLength(2);
  });
});

describe("how often claims without a verdict are re-checked", () => {
  it("daily by default; with RECHECK_OPEN_HOURS=0 on the next run, so a page edited between two runs is caught", async () => {
    const [daily] = await seed("https://news.example/daily", [{ text: "43 attacks on checkpoints" }]);
    const [eager] = await seed("https://news.example/eager", [{ text: "43 attacks on checkpoints" }]);
    let page = "He said insurgents had carried out 43 attacks on checkpoints.";
    web.use(http.get("https://news.example/:slug", () => HttpResponse.text(page)));

    await run(T0, { RECHECK_OPEN_HOURS: "0" });
    const due = (id: string) =>
      env.DB.prepare("SELECT recheck_due_at FROM claims WHERE id = ?").bind(id).first<{ recheck_due_at: string }>();
    expect((await due(eager as string))?.recheck_due_at).toBe(T0.toISOString());
    expect(await flagsOf(eager as string)).toEqual([]);

    page = "He said insurgents had attacked checkpoints.";
    await run(plus(15 * MINUTE), { RECHECK_OPEN_HOURS: "0" });
    expect(await flagsOf(eager as string)).toEqual(["quote_missing"]);
    expect(await flagEventsOf(eager as string)).toEqual(["flag_raised:quote_missing"]);

    // The claim seeded for the default interval was visited at T0 with the others, then not again.
    await env.DB.prepare("UPDATE claims SET recheck_due_at = ? WHERE id = ?").bind(T0.toISOString(), daily).run();
    await run(plus(30 * MINUTE));
    expect((await due(daily as string))?.recheck_due_at).toBe(plus(30 * MINUTE + DAY).toISOString());
  });
});

// Last in the file: these visits happen at the real time, after T0, which the listing above counts.
describe("re-check now through the API and the claim page", () => {
  const conflict = "A scheduled run is re-checking this claim right now; try again in a minute.";

  it("the API answers 201 with the recheck, 404 for no such claim, 409 while a run holds the claim", async () => {
    const [id, held] = await seed(null, [{ text: "api" }, { text: "held by a run" }]);
    const created = await api("POST", `/claims/${id}/rechecks`);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ claim_id: id, outcome: "no_url", http_status: null, detail: null });

    const missing = await api("POST", "/claims/clm_missing/rechecks");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect(missing.json).toMatchObject({ type: "/problems/not-found", title: "Not found", status: 404 });
    expect(missing.json.detail).toBe("There is no claim clm_missing.");

    await env.DB.prepare("UPDATE claims SET recheck_lease_until = ? WHERE id = ?")
      .bind(new Date(Date.now() + 10 * MINUTE).toISOString(), held)
      .run();
    const busy = await api("POST", `/claims/${held}/rechecks`);
    expect(busy.status).toBe(409);
    expect(busy.headers.get("content-type")).toBe("application/problem+json");
    expect(busy.json).toEqual({
      type: "/problems/conflict",
      title: "Re-check in progress",
      status: 409,
      detail: conflict,
      instance: `/api/v1/claims/${held}/rechecks`,
    });
    expect(await rechecksOf(held as string)).toEqual([]);
  });

  it("the claim page redirects after the visit, says 409 while a run holds the claim, 404 for no such claim", async () => {
    const [id, held] = await seed(null, [{ text: "page" }, { text: "held by a run" }]);
    const cookie = await adminCookie();
    const done = await post(`/claims/${id}/recheck`, {}, cookie);
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/claims/${id}?done=recheck`);
    expect(await rechecksOf(id as string)).toMatchObject([{ outcome: "no_url" }]);

    await env.DB.prepare("UPDATE claims SET recheck_lease_until = ? WHERE id = ?")
      .bind(new Date(Date.now() + 10 * MINUTE).toISOString(), held)
      .run();
    const busy = await post(`/claims/${held}/recheck`, {}, cookie);
    expect(busy.status).toBe(409);
    expect(decodeEntities(busy.html)).toContain(conflict);
    expect(await rechecksOf(held as string)).toEqual([]);

    expect((await post("/claims/clm_missing/recheck", {}, cookie)).status).toBe(404);
  });
});
