// /import in a real Chromium against `wrangler dev`: paste the seed article, untick a
// candidate, correct a speaker, create, and land on the source page with the claims; paste wire
// copy alone and name its source only when filing.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tickable } from "../../src/domain/ranking";
import { extractClaims } from "../../src/extract";
import {
  describeViolations,
  hasChromium,
  horizontalOverflow,
  launch,
  loggedIn,
  seriousAxeViolations,
  server,
  shot,
} from "./helpers";

const article = readFileSync(
  path.resolve(import.meta.dirname, "../../src/db/demo/article-2020-03-05-kunduz.txt"),
  "utf8",
);
const candidates = extractClaims(article);
// Wire copy as a reviewer pastes it: headline, dateline, text; no link.
const wire = readFileSync(path.resolve(import.meta.dirname, "../fixtures/extract/GUM_news_ie9.txt"), "utf8");
// Ticked by default: a resolved name, given with confidence (src/domain/ranking.ts).
const ticked = candidates.filter((c) => tickable(c));

describe.skipIf(!hasChromium)("importing an article in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("pastes the seed article, unticks one candidate, fixes a speaker, creates and sees the source page", async () => {
    const { context, page, problems } = await loggedIn(browser, server.adminToken);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" }).click();
    await page.waitForURL((url) => url.pathname === "/import");

    await page.getByLabel("The article's text").fill(article);
    await page.getByLabel("Link").fill("https://www.example.com/afp/2020/03/05/kunduz-e2e");
    await page.getByLabel("Title", { exact: true }).fill("Taliban kill 20 Afghan soldiers (imported)");
    await page.getByLabel("Publisher").fill("AFP");
    await page.getByLabel(/^Published/).fill("2020-03-05");
    await page.getByRole("button", { name: "Find the claims" }).click();
    await page.waitForURL((url) => url.pathname === "/import/preview");

    expect(await page.locator(".article mark[id]").count()).toBe(candidates.length);
    expect(await page.locator(".article mark#mark-4").textContent()).toBe(candidates[3]?.text);
    const rows = page.locator(".queue .row");
    expect(await rows.count()).toBe(candidates.length);
    const checkedBoxes = page.locator(".queue .row input[type=checkbox]:checked");
    expect(await checkedBoxes.count()).toBe(ticked.length);
    // Most promising first: the rows carry their rank, 1, 2, 3, …
    expect(await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-rank"))))).toEqual(
      candidates.map((_, i) => i + 1),
    );
    await shot(page, "import-preview.png");
    const violations = await seriousAxeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    // "Untick all" and "Tick the top N" re-render the preview (plain submit buttons).
    await page.getByRole("button", { name: "Untick all" }).click();
    await page.waitForLoadState("load");
    expect(await checkedBoxes.count()).toBe(0);
    await page.getByLabel("Tick the top").fill("3");
    await page.getByRole("button", { name: "Tick the top N" }).click();
    await page.waitForLoadState("load");
    expect(
      await rows.evaluateAll((els) =>
        els.map((el) => (el.querySelector("input[type=checkbox]") as unknown as { checked: boolean }).checked),
      ),
    ).toEqual(candidates.map((_, i) => i < 3));
    await page.getByRole("button", { name: "Default ticks" }).click();
    await page.waitForLoadState("load");
    expect(await checkedBoxes.count()).toBe(ticked.length);

    // An uncertain speaker (a description, not a name) is marked, unticked, and editable.
    const tuesday = rows.filter({ hasText: "On Tuesday Trump told reporters" });
    expect(await tuesday.getByText("uncertain: check the name").count()).toBe(1);
    expect(await tuesday.getByRole("checkbox").isChecked()).toBe(false);
    expect(await tuesday.getByLabel(/^Speaker of candidate/).inputValue()).toBe("the insurgents");
    await tuesday.getByLabel(/^Speaker of candidate/).fill("The Taliban (insurgents)");
    await tuesday.getByRole("checkbox").check();
    const attacking = rows.filter({ hasText: "“actively attacking”" }).getByRole("checkbox");
    const attackingWasTicked = await attacking.isChecked();
    await attacking.uncheck();
    await page.getByLabel(/^Tags for every claim/).fill("afghanistan, e2e");
    await page.getByRole("button", { name: "Create the ticked claims" }).click();
    await page.waitForURL((url) => /^\/sources\/src_/.test(url.pathname));

    const created = ticked.length + 1 - (attackingWasTicked ? 1 : 0);
    expect(await page.getByRole("status").textContent()).toBe(`Imported ${created} claims.`);
    expect(await page.locator("h1").textContent()).toBe("Taliban kill 20 Afghan soldiers (imported)");
    const claims = page.locator("section[aria-labelledby=claims-heading] li");
    expect(await claims.count()).toBe(created);
    expect(await claims.filter({ hasText: "actively attacking" }).count()).toBe(0);
    expect(await claims.filter({ hasText: "On Tuesday Trump told reporters" }).textContent()).toContain(
      "The Taliban (insurgents)",
    );
    // The archived article is the pasted one (line breaks and all), with the claims marked in it; page
    // furniture around it (the seed's "date … Share:" line) is folded away but kept, so in the article's
    // order the parts shown add up to the pasted text.
    const shown = (await page.locator(".article").allTextContents()).map((part) => part.trim());
    expect(article).toContain(shown[0]);
    const inOrder = [...shown].sort((a, b) => article.indexOf(a) - article.indexOf(b));
    expect(inOrder.join("").replace(/\s/g, "")).toBe(article.replace(/\s/g, ""));
    expect(await page.locator(".article mark").count()).toBeGreaterThan(0);
    await shot(page, "import-source.png");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("pastes wire copy alone: the headline and date are suggested, and where it was published is asked at filing", async () => {
    const { context, page, problems } = await loggedIn(browser, server.adminToken);
    await page.goto("/import");
    await page.getByLabel("The article's text").fill(wire);
    await page.getByRole("button", { name: "Find the claims" }).click();
    await page.waitForURL((url) => url.pathname === "/import/preview");
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe(wire.split("\n")[0]?.trim());
    expect(await page.getByLabel(/^Published/).inputValue()).toBe("2011-03-08");
    expect(await page.locator("#suggested-source").textContent()).toContain("read from the article's first lines");

    // The reviewer clears the suggested title and files: asked on the same page, ticks kept.
    const checked = page.locator(".queue .row input[type=checkbox]:checked");
    const ticks = await checked.count();
    expect(ticks).toBeGreaterThan(0);
    await page.getByLabel("Title", { exact: true }).fill("");
    await page.getByRole("button", { name: "Create the ticked claims" }).click();
    await page.waitForLoadState("load");
    expect(await page.getByText("Say where the article was published (marked below).").count()).toBe(1);
    expect(await page.locator("#source_url-error").textContent()).toMatch(/give the article's link/);
    expect(await checked.count()).toBe(ticks);

    await page.getByLabel("Title", { exact: true }).fill("Microsoft waits for the end of IE6 (e2e)");
    await page.getByRole("button", { name: "Create the ticked claims" }).click();
    await page.waitForURL((url) => /^\/sources\/src_/.test(url.pathname));
    expect(await page.locator("h1").textContent()).toBe("Microsoft waits for the end of IE6 (e2e)");
    expect(await page.getByRole("status").textContent()).toBe(`Imported ${ticks} claims.`);
    expect(problems.filter((p) => !p.includes("status of 422"))).toEqual([]);
    await context.close();
  });

  it("shows the preview at 375 px without sideways scrolling, axe clean, and progress while reading", async () => {
    const { context, page, problems } = await loggedIn(browser, server.adminToken, {
      viewport: { width: 375, height: 800 },
    });
    await page.goto("/import");
    expect(await page.locator("#import-progress").isHidden()).toBe(true);
    await page.getByLabel("The article's text").fill(article);
    await page.getByLabel("Link").fill("https://www.example.com/afp/2020/03/05/kunduz-e2e-375");
    // With script, submitting says the article is being read (the submission held here, then sent).
    await page.evaluate(
      "document.getElementById('import-form').addEventListener('submit', (e) => e.preventDefault(), { once: true })",
    );
    await page.getByRole("button", { name: "Find the claims" }).click();
    expect(await page.locator("#import-progress").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Reading…" }).isDisabled()).toBe(true);
    await page.evaluate("document.getElementById('import-form').submit()");
    await page.waitForURL((url) => url.pathname === "/import/preview");
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, "import-preview-375.png");
    const violations = await seriousAxeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
