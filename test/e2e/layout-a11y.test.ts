import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ATTACKS,
  api,
  claimId,
  describeViolations,
  hasChromium,
  horizontalOverflow,
  launch,
  loggedIn,
  seriousAxeViolations,
  server,
  shot,
  watchConsole,
} from "./helpers";

describe.skipIf(!hasChromium)("accessibility and small screens in Chromium", () => {
  let browser: Browser;
  let pages: Record<string, string>;
  beforeAll(async () => {
    browser = await launch();
    const id = await claimId(ATTACKS);
    const claim = (await api("GET", `/claims/${id}`)).json;
    // News links are long and unbroken: they must wrap, not push the page sideways.
    const long = await api("POST", "/claims", {
      text: "Long links wrap on small screens",
      speaker: { name: "Layout Tester" },
      source: {
        url: `https://www.example.com/news/world/asia/${"very-long-slug-".repeat(8)}2020-03-05?utm_source=wire&id=1234567890`,
        publisher: "Example News",
      },
    });
    expect(long.status).toBe(201);
    const evidence = await api("POST", `/claims/${long.json.id}/evidence`, {
      url: `https://www.example.com/documents/${"statement-".repeat(12)}.pdf`,
      stance: "context",
    });
    expect(evidence.status).toBe(201);
    pages = {
      "claim with long links": `/claims/${long.json.id}`,
      queue: "/review",
      claim: `/claims/${id}`,
      "new claim": "/claims/new",
      "edit claim": `/claims/${id}/edit`,
      source: `/sources/${claim.source.id}`,
      speaker: `/speakers/${claim.speaker.id}`,
    };
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("has no serious or critical axe violations on the login page, logged out and after a failed login", async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto("/login");
    const found = await seriousAxeViolations(page);
    expect(found, describeViolations(found)).toEqual([]);
    await page.getByLabel("API token").fill("not-a-token");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForLoadState();
    expect(await page.getByRole("alert").textContent()).toBe("That token did not work.");
    const afterError = await seriousAxeViolations(page);
    expect(afterError, describeViolations(afterError)).toEqual([]);
    // The refused login is a 401 (reported on the console as a failed load); nothing else.
    expect(problems.filter((p) => !p.includes("401"))).toEqual([]);
    await context.close();
  });

  it("has no serious or critical axe violations on the queue, claim, new and edit forms, source and speaker pages", async () => {
    const { context, page, problems } = await loggedIn(browser, server.adminToken);
    const report: string[] = [];
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(path);
      const found = await seriousAxeViolations(page);
      if (found.length) report.push(`${name} (${path}):\n${describeViolations(found)}`);
    }
    expect(report.join("\n\n"), report.join("\n\n")).toBe("");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows where the keyboard focus is on every control, and the shortcut help passes axe too", async () => {
    const { context, page, problems } = await loggedIn(browser, server.adminToken);
    const focusStyle = `(() => { const el = document.activeElement; if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      return { what: el.tagName + (el.id ? "#" + el.id : "") + " " + (el.textContent || "").trim().slice(0, 40),
        outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 }; })()`;
    for (const path of [pages.queue, pages.claim, pages["new claim"]] as string[]) {
      await page.goto(path);
      const unmarked: string[] = [];
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press("Tab");
        const focused = (await page.evaluate(focusStyle)) as { what: string; outline: boolean } | null;
        if (focused && !focused.outline) unmarked.push(focused.what);
      }
      expect(unmarked, `${path}: focus not visible on ${unmarked.join(", ")}`).toEqual([]);
    }
    await page.goto("/review");
    await page.keyboard.press("?");
    expect(await page.locator("#shortcut-help").getAttribute("open")).not.toBeNull();
    const found = await seriousAxeViolations(page);
    expect(found, describeViolations(found)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("is usable at 360 px wide: no horizontal scrolling on any page, the review form within reach", async () => {
    const { context, page, problems } = await loggedIn(browser, server.adminToken, {
      viewport: { width: 360, height: 740 },
    });
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(path);
      expect(await horizontalOverflow(page), `${name} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
    }
    await page.goto(pages.claim as string);
    await shot(page, "claim-360.png");
    const save = page.getByRole("button", { name: "Save review" });
    await save.scrollIntoViewIfNeeded();
    const box = await save.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 360).toBe(true);
    await page.goto("/review");
    await shot(page, "queue-360.png");
    const search = await page.getByRole("searchbox", { name: "Search" }).boundingBox();
    expect(search && search.x + search.width <= 360).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("keeps the queue page under 64 KiB (HTML, stylesheet, script), and the queue and claim page quiet on the console", async () => {
    const { context, page, problems } = await loggedIn(browser, server.adminToken, {
      viewport: { width: 1280, height: 900 },
    });
    await shot(page, "queue.png");
    await page.goto(pages.claim as string);
    await shot(page, "claim.png");
    expect(problems).toEqual([]);

    // The queue's page weight, uncompressed, as the browser gets it: HTML, stylesheet, script.
    const bytes: Record<string, number> = {};
    for (const asset of ["/review", "/assets/app.css", "/assets/shortcuts.js"]) {
      const res = await context.request.get(asset);
      expect(res.status()).toBe(200);
      bytes[asset] = (await res.body()).length;
    }
    const total = Object.values(bytes).reduce((a, b) => a + b, 0);
    const line = `/review page weight: ${total} bytes (${Object.entries(bytes)
      .map(([p, n]) => `${p} ${n}`)
      .join(", ")})`;
    console.log(line);
    expect(total).toBeLessThan(64 * 1024);
    await context.close();
  });
});
