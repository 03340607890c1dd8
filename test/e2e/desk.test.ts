// The reviewer's desk in Chromium (issue 22, items 5, 7 and 8): the queue (the status chart, the
// folded filters, the bulk bar that shows with a selection, one-line source titles, "Assign to
// me" keeping the place), tokens made, shown once and revoked in the browser, HTML 404 and 403
// pages, the webhook list and the API docs; axe on each page, no sideways scrolling at 375 px,
// and screenshots at 1280 and 375 px (with E2E_SHOTS set).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ATTACKS,
  api,
  claimId,
  describeViolations,
  except,
  hasChromium,
  horizontalOverflow,
  launch,
  loggedIn,
  reviewerToken,
  seriousAxeViolations,
  server,
  shot,
} from "./helpers";

async function axeClean(page: Page, what: string) {
  const found = await seriousAxeViolations(page);
  expect(found, `${what}: ${describeViolations(found)}`).toEqual([]);
}

describe.skipIf(!hasChromium)("the reviewer's desk in Chromium", () => {
  let browser: Browser;
  const word = "quokkadesk";
  const ids: string[] = [];
  beforeAll(async () => {
    browser = await launch();
    for (const n of [1, 2, 3]) {
      const res = await api("POST", "/claims", {
        text: `the ${word} fund grew by ${n}2 percent last year`,
        kind: "statistic",
        speaker: { name: "Desk Browser Speaker", role: "spokesperson" },
        source: {
          // A long headline: one line in the row, cut between characters.
          title: `A very long headline about the ${word} fund that goes on ${"and on ".repeat(20)}until it ends (${n})`,
          publisher: "Desk Wire",
        },
      });
      expect(res.status).toBe(201);
      ids.push(res.json.id);
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the queue: a status chart, folded filters, one-line sources, a bulk bar that shows with a selection", async () => {
    const token = await reviewerToken("Quinn Queue");
    const { context, page, problems } = await loggedIn(browser, token, { viewport: { width: 1280, height: 900 } });
    await page.goto("/review");
    // One chart: a bar per status, each with its number as text.
    const chart = page.getByRole("figure", { name: /Claims by status/ });
    expect(await chart.locator(".bars li").count()).toBe(7);
    expect(await chart.locator(".bars li").first().textContent()).toMatch(/^Unverified: \d+$/);
    // Search and status in sight, the rest folded away.
    expect(await page.getByRole("searchbox", { name: "Search" }).isVisible()).toBe(true);
    expect(await page.locator("select#status").isVisible()).toBe(true);
    expect(await page.getByLabel("Attribution").isVisible()).toBe(false);
    await page.getByText("More filters").click();
    expect(await page.getByLabel("Attribution").isVisible()).toBe(true);
    await axeClean(page, "queue");
    await shot(page, "desk-queue-1280.png");

    await page.goto(`/review?q=${word}`);
    expect(await page.locator(".queue .row").count()).toBe(3);
    // The source's long title: one line, cut between characters, ending in "…".
    const source = page.locator(".queue .row .one-line").first();
    const [height, lineHeight] = (await page.evaluate(
      "(() => { const el = document.querySelector('.queue .row .one-line'); return [el.clientHeight, parseFloat(getComputedStyle(el).lineHeight)]; })()",
    )) as [number, number];
    expect(height).toBeLessThan(lineHeight * 1.5);
    expect(await source.textContent()).toMatch(/… \(Desk Wire\)$/);
    // The bulk bar is out of the way until something is selected, then says how many.
    const bar = page.locator("fieldset.bulk");
    expect(await bar.isVisible()).toBe(false);
    await page.locator("input.pick").first().check();
    expect(await bar.isVisible()).toBe(true);
    expect(await bar.locator("legend").textContent()).toBe("With the selected claims (1 selected)");
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("x");
    expect(await bar.locator("legend").textContent()).toBe("With the selected claims (2 selected)");
    await axeClean(page, "queue with a selection");
    await shot(page, "desk-queue-selected-1280.png");

    // "Assign to me" on the second row (the a key): back to the same list, at the same row.
    await page.locator("input.pick").first().uncheck();
    await page.goto(`/review?q=${word}`);
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    const second = (await page.locator(".queue .row").nth(1).getAttribute("id")) ?? "";
    await page.keyboard.press("a");
    await page.waitForURL((url) => url.hash === `#${second}`);
    expect(new URL(page.url()).searchParams.get("q")).toBe(word);
    expect(await page.locator(`#${second}`).getAttribute("aria-current")).toBe("true");
    expect((await api("GET", `/claims/${second.replace("claim-", "")}`)).json.assignee).toBe("Quinn Queue");
    // j goes on from there.
    await page.keyboard.press("j");
    expect(await page.locator(".queue .row").nth(2).getAttribute("aria-current")).toBe("true");

    // An empty list says what to do next.
    await page.goto("/review?q=nothingmatchesthisatall");
    expect(await page.locator(".empty").textContent()).toContain("clear the filters");
    await axeClean(page, "empty queue");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("the queue without JavaScript: the bulk bar below the list, Assign to me back at the row", async () => {
    const token = await reviewerToken("Nora NoScript");
    const { context, page, problems } = await loggedIn(browser, token, { javaScriptEnabled: false });
    await page.goto(`/review?q=${word}&assigned=none`);
    const rows = page.locator(".queue .row");
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    const bar = page.locator("fieldset.bulk");
    expect(await bar.isVisible()).toBe(true);
    const lastRow = await rows.nth(count - 1).boundingBox();
    const barBox = await bar.boundingBox();
    expect(barBox && lastRow && barBox.y > lastRow.y + lastRow.height - 1).toBe(true);
    // Under "Unassigned" the assigned row leaves: the place is its neighbour.
    const first = (await rows.first().getAttribute("id")) ?? "";
    const neighbour = count > 1 ? ((await rows.nth(1).getAttribute("id")) ?? "") : "";
    await rows.first().getByRole("button", { name: "Assign to me" }).click();
    await page.waitForURL((url) => url.pathname === "/review");
    const url = new URL(page.url());
    expect(url.searchParams.get("assigned")).toBe("none");
    expect(url.hash).toBe(neighbour ? `#${neighbour}` : "");
    expect(await page.locator(`#${first}`).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("tokens: made in the browser, the secret shown once with a copy button, revoked after a confirmation", async () => {
    const { context, page, problems } = await loggedIn(browser, server.adminToken, {
      viewport: { width: 1280, height: 900 },
    });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.baseUrl });
    // The header names the person, not "admin (ADMIN_TOKEN) (admin)".
    expect(await page.locator("header.top .who").textContent()).toBe("Setup admin");
    await page.getByRole("link", { name: "Tokens" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/tokens");
    await page.getByLabel("Name (the person or tool it is for)").fill("Tomas Browser");
    await page.getByLabel("viewer: reads claims").check();
    await page.getByRole("button", { name: "Make the token" }).click();
    await page.waitForLoadState();
    const secret = ((await page.locator("#token-secret").textContent()) ?? "").trim();
    expect(secret).toMatch(/^cd_/);
    expect((await api("GET", "/claims?limit=1", undefined, secret)).status).toBe(200);
    await page.getByRole("button", { name: "Copy the secret" }).click();
    await page.getByText("Copied.").waitFor();
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(secret);
    await axeClean(page, "token made");
    await shot(page, "desk-token-made-1280.png");

    // Shown once: the list never shows it again. The row says role, minter and last use.
    await page.goto("/admin/tokens");
    expect(await page.content()).not.toContain(secret);
    const row = page.locator("table.tokens tr", { hasText: "Tomas Browser" });
    expect(await row.textContent()).toMatch(/viewer.*admin \(ADMIN_TOKEN\).*UTC/);
    await shot(page, "desk-tokens-1280.png");

    // Revoke: a confirmation first, then the token stops working.
    await row.getByRole("link", { name: /Revoke/ }).click();
    await page.waitForURL((url) => url.pathname.endsWith("/revoke"));
    expect(await page.locator("h1").textContent()).toBe("Revoke the token “Tomas Browser”?");
    await axeClean(page, "revoke confirmation");
    await shot(page, "desk-token-revoke-1280.png");
    expect((await api("GET", "/claims?limit=1", undefined, secret)).status).toBe(200);
    await page.getByRole("button", { name: "Revoke “Tomas Browser”" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/tokens" && url.search === "?done=revoked");
    expect(await page.getByRole("status").first().textContent()).toContain("Token revoked");
    expect((await api("GET", "/claims?limit=1", undefined, secret)).status).toBe(401);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("tokens without JavaScript: the secret is selectable text, no copy button; revoking still confirms", async () => {
    const { context, page, problems } = await loggedIn(browser, server.adminToken, { javaScriptEnabled: false });
    await page.goto("/admin/tokens");
    await page.getByLabel("Name (the person or tool it is for)").fill("Nadia NoScript");
    await page.getByRole("button", { name: "Make the token" }).click();
    await page.waitForLoadState();
    expect(await page.locator("#token-secret").textContent()).toMatch(/^cd_/);
    expect(await page.getByRole("button", { name: "Copy the secret" }).isVisible()).toBe(false);
    await page.goto("/admin/tokens");
    await page
      .locator("table.tokens tr", { hasText: "Nadia NoScript" })
      .getByRole("link", { name: /Revoke/ })
      .click();
    await page.getByRole("button", { name: "Revoke “Nadia NoScript”" }).click();
    await page.waitForURL((url) => url.search === "?done=revoked");
    expect(await page.locator("details", { hasText: "Revoked tokens" }).textContent()).toContain("Nadia NoScript");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("answers HTML 404 and 403 pages in the desk's layout; the API keeps problem+json", async () => {
    const token = await reviewerToken("Rhea Refused");
    const { context, page, problems } = await loggedIn(browser, token);
    const missing = await page.goto("/no/such/page");
    expect(missing?.status()).toBe(404);
    expect(missing?.headers()["content-type"]).toMatch(/^text\/html/);
    expect(await page.locator("h1").textContent()).toBe("Not found");
    expect(await page.locator("header.top .who").textContent()).toBe("Rhea Refused (reviewer)");
    await shot(page, "desk-404-1280.png");
    const refused = await page.goto("/admin/tokens");
    expect(refused?.status()).toBe(403);
    expect(refused?.headers()["content-type"]).toMatch(/^text\/html/);
    expect(await page.locator("h1").textContent()).toBe("Not allowed");
    expect(await page.locator("main").textContent()).toContain("This is for admins; your role is reviewer.");
    await axeClean(page, "403 page");
    const apiMissing = await fetch(`${server.baseUrl}/api/nothing/here`);
    expect(apiMissing.status).toBe(404);
    expect(apiMissing.headers.get("content-type")).toBe("application/problem+json");
    expect(except(except(problems, 404), 403)).toEqual([]);
    await context.close();
  });

  it("says “Never called” for a webhook endpoint that has had no attempt", async () => {
    const made = await api("POST", "/webhooks", {
      url: "https://hooks.example.org/desk-never",
      events: ["claim.published"],
    });
    expect(made.status).toBe(201);
    const { context, page, problems } = await loggedIn(browser, server.adminToken);
    await page.goto("/admin/webhooks");
    const row = page.locator("tbody tr", { hasText: "hooks.example.org/desk-never" });
    expect(await row.locator(".badge").textContent()).toBe("Never called");
    expect(problems).toEqual([]);
    await context.close();
  });

  /** A fact-check published for this test (a True verdict needs no second reviewer). */
  let factCheck: string | undefined;
  async function publishedPage(): Promise<string> {
    if (factCheck) return factCheck;
    const filed = await api("POST", "/claims", {
      text: `the ${word} bridge is 1,200 metres long, the longest in the province`,
      kind: "statistic",
      stated_at: "2020-03-05",
      speaker: { name: "Desk Browser Speaker", role: "spokesperson" },
      source: { title: `The ${word} bridge opens`, publisher: "Desk Wire", published_at: "2020-03-05" },
    });
    expect(filed.status).toBe(201);
    const reviewed = await api(
      "POST",
      `/claims/${filed.json.id}/reviews`,
      { status: "verified", attribution: "confirmed", rationale: "The province's survey gives 1,200 metres." },
      server.adminToken,
      { "if-match": `"${filed.json.version}"` },
    );
    expect(reviewed.status).toBe(200);
    const done = await api("POST", `/claims/${filed.json.id}/publication`, { action: "publish" }, server.adminToken, {
      "if-match": `"${reviewed.json.version}"`,
    });
    expect(done.status, JSON.stringify(done.json)).toBe(200);
    factCheck = new URL(done.json.url as string, server.baseUrl).pathname;
    return factCheck;
  }

  /** The pages this work touched, and the public ones (the desk's speaker page is checked at both
   * widths in dashboard.test.ts). */
  async function pagesToCheck(): Promise<Record<string, string>> {
    const id = await claimId(ATTACKS);
    const claim = (await api("GET", `/claims/${id}`)).json;
    const published = await publishedPage();
    return {
      queue: "/review",
      "queue, filtered": `/review?q=${word}&tag=none`,
      import: "/import",
      source: `/sources/${claim.source.id}`,
      webhooks: "/admin/webhooks",
      tokens: "/admin/tokens",
      docs: "/api/docs",
      "not found": "/no/such/page",
      "public list": "/fact-checks",
      "public fact-check": published,
    };
  }

  /** Pages whose axe run at this width another test makes on the same page: the queue and the
   * source at 1280 px (layout-a11y.test.ts), and the API docs (thousands of elements, 6-7 s of axe)
   * are checked once, at 375 px, where more of them can scroll. */
  const axeElsewhere = (name: string, width: number) =>
    width === 1280 && (name === "queue" || name === "source" || name === "docs");

  it.each([375, 1280])(
    "has no page wider than the window at %i px, each axe-clean",
    async (width) => {
      const pages = await pagesToCheck();
      const { context, page, problems } = await loggedIn(browser, server.adminToken, {
        viewport: { width, height: 800 },
      });
      const wide: string[] = [];
      for (const [name, where] of Object.entries(pages)) {
        await page.goto(where);
        const overflow = await horizontalOverflow(page);
        if (overflow > 0) wide.push(`${name} (${where}): ${overflow} px too wide`);
        if (!axeElsewhere(name, width)) await axeClean(page, `${name} at ${width} px`);
        await shot(page, `desk-${name.replace(/\W+/g, "-")}-${width}.png`, name !== "docs");
      }
      expect(wide, wide.join("\n")).toEqual([]);
      expect(except(problems, 404)).toEqual([]);
      await context.close();
    },
    240_000,
  );

  it("shows the source's archived text from the article, its furniture folded away", async () => {
    const id = await claimId(ATTACKS);
    const claim = (await api("GET", `/claims/${id}`)).json;
    const { context, page, problems } = await loggedIn(browser, server.adminToken);
    await page.goto(`/sources/${claim.source.id}`);
    expect(((await page.locator("section .article").first().textContent()) ?? "").startsWith("KUNDUZ")).toBe(true);
    expect(await page.getByText("date 2020-03-05 Share:").isVisible()).toBe(false);
    await page.getByText("Page furniture left out").click();
    expect(await page.getByText("date 2020-03-05 Share:").isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
