// The re-check job against a web stood in for by msw: what each kind of page yields, and what
// the job writes for it (rechecks, flags with their events, the archive, the next due date).
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { delay, HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import worker from "../src/index";
import {
  claimRow,
  DAY,
  flagEventsOf,
  flagsOf,
  HOUR,
  page,
  plus,
  rechecksOf,
  requests,
  run,
  seed,
  sourceOf,
  T0,
  useWeb,
  web,
} from "./recheck-helpers";

useWeb();

const QUOTE = "We call on the Taliban to stop the attacks";
const html = (body: string) =>
  new HttpResponse(page(body), { headers: { "content-type": "text/html; charset=utf-8" } });

describe("a page that still holds the quote", () => {
  it("is quote_present despite curly quotes and other spacing, adopts the page as the archive, and comes back daily", async () => {
    const [id] = await seed("https://news.example/kunduz", [{ text: `"${QUOTE}," he said` }]);
    web.use(
      http.get("https://news.example/kunduz", () =>
        html(`<p>Leggett said: &ldquo;We call on the   Taliban\n to <em>stop</em> the attacks,&rdquo; he said.</p>`),
      ),
    );
    const summary = await run(T0);
    expect(summary).toMatchObject({ due: 1, visited: 1, outcomes: { quote_present: 1 } });
    const [recheck] = await rechecksOf(id as string);
    expect(recheck).toMatchObject({ outcome: "quote_present", http_status: 200 });
    expect(requests[0]?.headers.get("user-agent")).toBe("claimdesk-recheck/1.0 (+https://claimdesk.example)");

    const source = await sourceOf(id as string);
    // HTML became the article's words: navigation, header, footer, scripts and styles are gone.
    expect(source?.text).toBe("Leggett said: \u201CWe call on the Taliban to stop the attacks,\u201D he said.");
    expect(source?.content_hash).toBe(recheck?.content_hash);
    expect(source?.latest_content_hash).toBe(recheck?.content_hash);
    expect(source?.latest_fetched_at).toBe(T0.toISOString());
    expect(await flagsOf(id as string)).toEqual([]);
    expect(await claimRow(id as string)).toMatchObject({
      recheck_due_at: plus(DAY).toISOString(),
      recheck_lease_until: null,
      recheck_failures: 0,
    });
  });

  it("accepts text/plain", async () => {
    const [id] = await seed("https://news.example/plain", [{ text: QUOTE }]);
    web.use(http.get("https://news.example/plain", () => HttpResponse.text(`He said ${QUOTE.toUpperCase()}.`)));
    await run(T0);
    expect((await rechecksOf(id as string))[0]?.outcome).toBe("quote_present");
  });
});

describe("a page without the quote", () => {
  it("raises quote_missing once, keeps the first archive, and clears the flag when the quote is back", async () => {
    const url = "https://news.example/edited";
    const [id] = await seed(url, [{ text: QUOTE }]);
    let body = `<p>${QUOTE}.</p>`;
    web.use(http.get(url, () => html(body)));
    await run(T0);
    const archive = await sourceOf(id as string);

    body = "<p>This article has been corrected.</p>";
    await run(plus(DAY));
    await run(plus(2 * DAY));
    expect((await rechecksOf(id as string)).map((r) => r.outcome)).toEqual([
      "quote_present",
      "quote_missing",
      "quote_missing",
    ]);
    expect(await flagsOf(id as string)).toEqual(["quote_missing"]);
    expect(await flagEventsOf(id as string)).toEqual(["flag_raised:quote_missing"]);
    const { results: events } = await env.DB.prepare(
      "SELECT actor, note FROM claim_events WHERE claim_id = ? AND action = 'flag_raised'",
    )
      .bind(id)
      .all();
    expect(events).toEqual([{ actor: "recheck job", note: "quote not found in the page" }]);
    expect((await claimRow(id as string))?.flag_count).toBe(1);

    const source = await sourceOf(id as string);
    expect(source?.text).toBe(archive?.text);
    expect(source?.content_hash).toBe(archive?.content_hash);
    expect(source?.latest_text).toBe("This article has been corrected.");

    body = `<p>${QUOTE}.</p>`;
    await run(plus(3 * DAY));
    expect(await flagsOf(id as string)).toEqual([]);
    expect(await flagEventsOf(id as string)).toEqual(["flag_raised:quote_missing", "flag_cleared:quote_missing"]);
  });

  it("is quote_missing when the quote is only in the page's script or navigation", async () => {
    const [id] = await seed("https://news.example/nav", [{ text: "never shown" }, { text: "Home · World" }]);
    web.use(http.get("https://news.example/nav", () => html("<p>Nothing here.</p>")));
    await run(T0);
    expect((await rechecksOf(id as string))[0]?.outcome).toBe("quote_missing");
  });
});

describe("a page edited elsewhere", () => {
  it("is source_changed (and only that) against the archived version", async () => {
    const url = "https://news.example/updated";
    const archived = `KUNDUZ — ${QUOTE}, said Sonny Leggett.`;
    const [id] = await seed(url, [{ text: QUOTE }], archived);
    web.use(http.get(url, () => html(`<p>KUNDUZ — ${QUOTE}, said Sonny Leggett.</p><p>Update: 3 more killed.</p>`)));
    await run(T0);
    const [recheck] = await rechecksOf(id as string);
    expect(recheck?.outcome).toBe("source_changed");
    expect(await flagsOf(id as string)).toEqual(["source_changed"]);
    const source = await sourceOf(id as string);
    expect(source?.text).toBe(archived);
    expect(source?.latest_content_hash).toBe(recheck?.content_hash);
    expect(source?.latest_content_hash).not.toBe(source?.content_hash);
  });

  it("with the quote removed too is quote_missing, which wins", async () => {
    const url = "https://news.example/rewritten";
    const [id] = await seed(url, [{ text: QUOTE }], `${QUOTE}.`);
    web.use(http.get(url, () => html("<p>Rewritten entirely.</p>")));
    await run(T0);
    expect((await rechecksOf(id as string))[0]?.outcome).toBe("quote_missing");
    expect(await flagsOf(id as string)).toEqual(["quote_missing"]);
  });

  it("is quote_present when only the markup and quote style changed", async () => {
    const url = "https://news.example/same";
    const [id] = await seed(url, [{ text: QUOTE }], `"${QUOTE}," he said.`);
    web.use(http.get(url, () => html(`<div><p>\u201C${QUOTE},\u201D</p> he   said.</div>`)));
    await run(T0);
    expect((await rechecksOf(id as string))[0]?.outcome).toBe("quote_present");
  });

  it("a reviewer's clearing holds until the page changes again", async () => {
    const url = "https://news.example/live";
    const [id] = await seed(url, [{ text: QUOTE }], `${QUOTE}.`);
    let body = `<p>${QUOTE}.</p><p>Update 1.</p>`;
    web.use(http.get(url, () => html(body)));
    await run(T0);
    const { clearFlagStatements } = await import("../src/db/queries/flags");
    const { createDb } = await import("../src/db/client");
    const db = createDb(env.DB);
    const at = plus(HOUR).toISOString();
    await db.batch([
      ...clearFlagStatements(db, { claimId: id as string, flag: "source_changed", at, actor: "reviewer" }),
    ]);
    await run(plus(DAY));
    expect(await flagsOf(id as string)).toEqual([]);
    body = `<p>${QUOTE}.</p><p>Update 2.</p>`;
    await run(plus(2 * DAY));
    expect(await flagsOf(id as string)).toEqual(["source_changed"]);
    expect(await flagEventsOf(id as string)).toEqual([
      "flag_raised:source_changed",
      "flag_cleared:source_changed",
      "flag_raised:source_changed",
    ]);
  });
});

describe("a page that cannot be read", () => {
  it.each([404, 500])("HTTP %i is unreachable, retried in an hour", async (status) => {
    const url = `https://news.example/status-${status}`;
    const [id] = await seed(url, [{ text: QUOTE }]);
    web.use(http.get(url, () => new HttpResponse("nope", { status })));
    await run(T0);
    expect(await rechecksOf(id as string)).toMatchObject([
      { outcome: "unreachable", http_status: status, detail: `HTTP ${status}` },
    ]);
    expect(await claimRow(id as string)).toMatchObject({
      recheck_failures: 1,
      recheck_due_at: plus(HOUR).toISOString(),
    });
    expect(await flagsOf(id as string)).toEqual([]);
  });

  it("a page slower than the timeout is unreachable", async () => {
    const url = "https://news.example/slow";
    const [id] = await seed(url, [{ text: QUOTE }]);
    web.use(
      http.get(url, async () => {
        await delay(2_000);
        return html(QUOTE);
      }),
    );
    const started = Date.now();
    await run(T0, { RECHECK_TIMEOUT_MS: "150" });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(await rechecksOf(id as string)).toMatchObject([
      { outcome: "unreachable", http_status: null, detail: "timed out after 0.15 s" },
    ]);
  });

  it("a redirect loop stops after 5 redirects", async () => {
    const [id] = await seed("https://news.example/loop-a", [{ text: QUOTE }]);
    web.use(
      http.get("https://news.example/loop-a", () => HttpResponse.redirect("https://news.example/loop-b", 302)),
      http.get(
        "https://news.example/loop-b",
        () => new HttpResponse(null, { status: 301, headers: { location: "/loop-a" } }),
      ),
    );
    await run(T0);
    expect(await rechecksOf(id as string)).toMatchObject([
      { outcome: "unreachable", http_status: 301, detail: "more than 5 redirects" },
    ]);
    expect(requests).toHaveLength(6);
  });

  it("a redirect is followed by hand and said so", async () => {
    const [id] = await seed("https://news.example/old", [{ text: QUOTE }]);
    web.use(
      http.get("https://news.example/old", () => HttpResponse.redirect("https://www.news.example/new", 301)),
      http.get("https://www.news.example/new", () => html(`<p>${QUOTE}</p>`)),
    );
    await run(T0);
    expect(await rechecksOf(id as string)).toMatchObject([
      { outcome: "quote_present", detail: "redirected to https://www.news.example/new" },
    ]);
  });

  it("an oversized page is cut at 2 MB and said so", async () => {
    const [present, beyond] = await seed("https://news.example/huge", [
      { text: QUOTE },
      { text: "the very last line" },
    ]);
    const filler = `<p>${"filler words ".repeat(80)}</p>\n`.repeat(3_000); // about 3 MB
    web.use(http.get("https://news.example/huge", () => html(`<p>${QUOTE}</p>${filler}<p>the very last line</p>`)));
    await run(T0);
    expect(await rechecksOf(present as string)).toMatchObject([
      { outcome: "quote_present", detail: "page cut at 2 MB" },
    ]);
    expect(await rechecksOf(beyond as string)).toMatchObject([
      { outcome: "quote_missing", detail: "quote not found in the page; page cut at 2 MB" },
    ]);
    expect((await sourceOf(present as string))?.latest_text?.length).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  it("a PDF is unsupported, with no flag and the usual next visit", async () => {
    const [id] = await seed("https://news.example/report.pdf", [{ text: QUOTE }]);
    web.use(
      http.get(
        "https://news.example/report.pdf",
        () => new HttpResponse("%PDF-1.7", { headers: { "content-type": "application/pdf" } }),
      ),
    );
    await run(T0);
    expect(await rechecksOf(id as string)).toMatchObject([
      { outcome: "unsupported", http_status: 200, detail: "content type application/pdf" },
    ]);
    expect(await flagsOf(id as string)).toEqual([]);
    expect((await claimRow(id as string))?.recheck_due_at).toBe(plus(DAY).toISOString());
  });

  it("private addresses, private names and other ports are refused without a request", async () => {
    const urls = [
      "http://127.0.0.1/a",
      "http://localhost/a",
      "http://10.1.2.3/a",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]/a",
      "http://[fd00::1]/a",
      "http://[2002:7f00:1::]/a",
      "http://[::ffff:0:7f00:1]/a",
      "https://wiki.corp.internal/a",
      "http://printer.local/a",
      "https://news.example:8443/a",
    ];
    const ids = [];
    for (const url of urls) ids.push(...(await seed(url, [{ text: QUOTE }])));
    await run(T0);
    expect(requests).toHaveLength(0);
    for (const id of ids) {
      const [recheck] = await rechecksOf(id);
      expect(recheck?.outcome).toBe("unreachable");
      expect(recheck?.detail).toMatch(/^refused: (private address|private name|non-default port)/);
    }
  });

  it("a redirect to a private address is refused", async () => {
    const [id] = await seed("https://news.example/to-metadata", [{ text: QUOTE }]);
    web.use(http.get("https://news.example/to-metadata", () => HttpResponse.redirect("http://169.254.169.254/", 302)));
    await run(T0);
    expect(await rechecksOf(id as string)).toMatchObject([
      { outcome: "unreachable", detail: "refused: private address 169.254.169.254" },
    ]);
    expect(requests).toHaveLength(1);
  });

  it("a source without a url is no_url, due again after REREVIEW_DAYS, with no flag", async () => {
    const [id] = await seed(null, [{ text: QUOTE }]);
    await run(T0);
    expect(await rechecksOf(id as string)).toMatchObject([{ outcome: "no_url" }]);
    expect((await claimRow(id as string))?.recheck_due_at).toBe(plus(30 * DAY).toISOString());
    expect(await flagsOf(id as string)).toEqual([]);
  });
});

describe("schedule", () => {
  it("failures back off 1 h, 2 h, 4 h … up to 7 days, flag source_unreachable from the third, and clear on success", async () => {
    const url = "https://news.example/down";
    const [id] = await seed(url, [{ text: QUOTE }]);
    let up = false;
    web.use(http.get(url, () => (up ? html(`<p>${QUOTE}</p>`) : new HttpResponse(null, { status: 503 }))));
    const gaps: number[] = [];
    const flagged: string[][] = [];
    let now = T0;
    for (let i = 0; i < 10; i++) {
      await run(now);
      const due = new Date((await claimRow(id as string))?.recheck_due_at as string);
      gaps.push((due.getTime() - now.getTime()) / HOUR);
      flagged.push(await flagsOf(id as string));
      now = due;
    }
    expect(gaps).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 168, 168]);
    expect(flagged.map((f) => f.length)).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(await flagEventsOf(id as string)).toEqual(["flag_raised:source_unreachable"]);
    expect((await claimRow(id as string))?.recheck_failures).toBe(10);

    up = true;
    await run(now);
    expect(await flagsOf(id as string)).toEqual([]);
    expect(await claimRow(id as string)).toMatchObject({
      recheck_failures: 0,
      recheck_due_at: plus(DAY, now).toISOString(),
    });
    expect(await flagEventsOf(id as string)).toEqual([
      "flag_raised:source_unreachable",
      "flag_cleared:source_unreachable",
    ]);
  });

  it("a verdict comes back when it is REREVIEW_DAYS old, raising verdict_stale", async () => {
    const url = "https://news.example/verdict";
    const verdictAt = plus(-10 * DAY).toISOString();
    const [id] = await seed(url, [{ text: QUOTE, status: "verified", verdictAt }], `${QUOTE}.`);
    web.use(http.get(url, () => html(`<p>${QUOTE}.</p>`)));

    await run(T0);
    // Due when the verdict turns 30 days old (in 20 days), not the usual 30 days from now.
    expect((await claimRow(id as string))?.recheck_due_at).toBe(plus(20 * DAY).toISOString());
    expect(await flagsOf(id as string)).toEqual([]);

    await run(plus(20 * DAY - 1));
    expect(await rechecksOf(id as string)).toHaveLength(1);

    await run(plus(20 * DAY));
    expect(await flagsOf(id as string)).toEqual(["verdict_stale"]);
    expect((await claimRow(id as string))?.recheck_due_at).toBe(plus(50 * DAY).toISOString());
    await run(plus(50 * DAY));
    expect(await flagEventsOf(id as string)).toEqual(["flag_raised:verdict_stale"]);
  });

  it("REREVIEW_DAYS comes from the environment", async () => {
    const url = "https://news.example/verdict-7";
    const [id] = await seed(url, [{ text: QUOTE, status: "false", verdictAt: plus(-8 * DAY).toISOString() }]);
    web.use(http.get(url, () => html(`<p>${QUOTE}.</p>`)));
    await run(T0, { REREVIEW_DAYS: "7" });
    expect(await flagsOf(id as string)).toEqual(["verdict_stale"]);
    expect((await claimRow(id as string))?.recheck_due_at).toBe(plus(7 * DAY).toISOString());
  });
});

describe("the cron", () => {
  it("fires for real: the scheduled handler visits due claims, each source once", async () => {
    const [a, b] = await seed("https://news.example/cron", [{ text: QUOTE }, { text: "43 attacks on checkpoints" }]);
    web.use(http.get("https://news.example/cron", () => html(`<p>${QUOTE}.</p>`)));
    // The Worker's own scheduled handler, as the cron trigger calls it.
    await worker.scheduled(createScheduledController({ scheduledTime: T0, cron: "*/15 * * * *" }), env);
    expect(requests).toHaveLength(1);
    expect((await rechecksOf(a as string))[0]?.outcome).toBe("quote_present");
    expect((await rechecksOf(b as string))[0]?.outcome).toBe("quote_missing");
    expect(await flagEventsOf(b as string)).toEqual(["flag_raised:quote_missing"]);
  });

  it("takes at most RECHECK_BATCH claims, the longest due first", async () => {
    const ids = await seed(null, [{ text: "one" }, { text: "two" }, { text: "three" }]);
    await env.DB.prepare("UPDATE claims SET recheck_due_at = ? WHERE id = ?")
      .bind(plus(-HOUR).toISOString(), ids[2])
      .run();
    expect(await run(T0, { RECHECK_BATCH: "2" })).toMatchObject({ due: 2, visited: 2 });
    expect(await rechecksOf(ids[2] as string)).toHaveLength(1);
    expect(await run(T0, { RECHECK_BATCH: "2" })).toMatchObject({ due: 1, visited: 1 });
    expect(await run(T0, { RECHECK_BATCH: "2" })).toMatchObject({ due: 0, visited: 0 });
  });
});
