// /import in a real Chromium against `wrangler dev`: paste the seed article, untick a
// candidate, correct a speaker, create, and land on the source page with the claims.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractClaims } from "../../src/extract";
import { describeViolations, hasChromium, launch, loggedIn, seriousAxeViolations, server, shot } from "./helpers";

const article = readFileSync(
  path.resolve(import.meta.dirname, "../../src/db/demo/article-2020-03-05-kunduz.txt"),
  "utf8",
);
const candidates = extractClaims(article);
const ticked = candidates.filter((c) => c.confidence >= 0.5);

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
    expect(await page.getByRole("checkbox", { checked: true }).count()).toBe(ticked.length);
    await shot(page, "import-preview.png");
    const violations = await seriousAxeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    await rows.filter({ hasText: "“actively attacking”" }).getByRole("checkbox").uncheck();
    const tuesday = rows.filter({ hasText: "On Tuesday Trump told reporters" });
    expect(await tuesday.getByLabel(/^Speaker of candidate/).inputValue()).toBe("the insurgents");
    await tuesday.getByLabel(/^Speaker of candidate/).fill("The Taliban (insurgents)");
    await page.getByLabel(/^Tags for every claim/).fill("afghanistan, e2e");
    await page.getByRole("button", { name: "Create the ticked claims" }).click();
    await page.waitForURL((url) => /^\/sources\/src_/.test(url.pathname));

    const created = ticked.length - 1;
    expect(await page.getByRole("status").textContent()).toBe(`Imported ${created} claims.`);
    expect(await page.locator("h1").textContent()).toBe("Taliban kill 20 Afghan soldiers (imported)");
    const claims = page.locator("section[aria-labelledby=claims-heading] li");
    expect(await claims.count()).toBe(created);
    expect(await claims.filter({ hasText: "actively attacking" }).count()).toBe(0);
    expect(await claims.filter({ hasText: "On Tuesday Trump told reporters" }).textContent()).toContain(
      "The Taliban (insurgents)",
    );
    // The archived article is the pasted one (line breaks and all), with the claims marked in it.
    expect(await page.locator(".article").textContent()).toBe(article);
    expect(await page.locator(".article mark").count()).toBeGreaterThan(0);
    await shot(page, "import-source.png");
    expect(problems).toEqual([]);
    await context.close();
  });
});
