// Publishing in Chromium: reviewer A publishes a verified claim, gives another a false verdict
// that A may not sign off but reviewer B does, and a visitor with no session finds both on
// /fact-checks; axe on the public pages, at 360 px too, with no CSP refusals.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  api,
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
  watchConsole,
} from "./helpers";

const VERIFIED = "The new hospital wing has 400 beds";
const FALSE = "Crime in the capital fell by half in 2019";

describe.skipIf(!hasChromium)("publishing fact-checks in Chromium", () => {
  let browser: Browser;
  const ids: Record<string, string> = {};
  let tokenA = "";
  let tokenB = "";
  beforeAll(async () => {
    browser = await launch();
    tokenA = await reviewerToken("e2e reviewer A");
    tokenB = await reviewerToken("e2e reviewer B");
    for (const text of [VERIFIED, FALSE]) {
      const made = await api("POST", "/claims", {
        text,
        speaker: { name: "Mayor Example", role: "Mayor of the capital" },
        source: {
          url: "https://www.example.com/news/mayor-speech",
          title: "The mayor's speech",
          published_at: "2020-03-05",
        },
        stated_at: "2020-03-04",
      });
      expect(made.status).toBe(201);
      ids[text] = made.json.id;
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("A publishes a verified claim; B signs off A's false verdict; a visitor sees both", async () => {
    const a = await loggedIn(browser, tokenA);
    await a.page.goto(`/claims/${ids[VERIFIED]}`);
    await a.page.getByLabel("Status").selectOption("verified");
    await a.page.getByLabel(/^Rationale/).fill("The health ministry's register lists 400 beds.");
    await a.page.getByRole("button", { name: "Save review" }).click();
    await a.page.waitForURL((url) => url.searchParams.get("done") === "reviewed");
    await a.page.getByRole("button", { name: "Publish", exact: true }).click();
    await a.page.waitForURL((url) => url.searchParams.get("done") === "published");
    expect(await a.page.getByRole("status").textContent()).toBe("Published: the fact-check is public.");
    const verifiedUrl = await a.page.getByRole("link", { name: "See the public page" }).getAttribute("href");
    expect(verifiedUrl).toMatch(/^\/fact-checks\/the-new-hospital-wing-has-400-beds-clm_/);

    await a.page.goto(`/claims/${ids[FALSE]}`);
    await a.page.getByLabel("Link", { exact: true }).fill("https://www.example.com/police-statistics-2019");
    await a.page.getByLabel("Title", { exact: true }).fill("Police statistics 2019");
    await a.page.getByLabel("Stance").selectOption("refutes");
    await a.page.getByRole("button", { name: "Add evidence" }).click();
    await a.page.waitForURL((url) => url.searchParams.get("done") === "evidence");
    await a.page.getByLabel("Status").selectOption("false");
    await a.page.getByLabel(/^Rationale/).fill("Police figures show a 4% fall, not a half.");
    await a.page.getByRole("button", { name: "Save review" }).click();
    await a.page.waitForURL((url) => url.searchParams.get("done") === "reviewed");
    // The two-person rule: A may not sign off A's own verdict.
    await a.page.getByRole("button", { name: "Sign off the verdict" }).click();
    await a.page.waitForLoadState();
    expect(await a.page.locator("#action-error").textContent()).toBe(
      "you (e2e reviewer A) wrote the evidence, the verdict and the rationale since the last sign-off, so another reviewer must sign it off",
    );
    expect(except(a.problems, 422)).toEqual([]);
    // The refusal is shown at the claim's own address, not the form's.
    expect(new URL(a.page.url()).pathname).toBe(`/claims/${ids[FALSE]}`);
    // Publish shows, disabled, saying what is missing.
    const publish = a.page.getByRole("button", { name: "Publish", exact: true });
    expect(await publish.isDisabled()).toBe(true);
    expect(await a.page.locator("#why-publish").textContent()).toBe(
      "Publish needs a second reviewer’s sign-off of the False verdict first.",
    );

    const b = await loggedIn(browser, tokenB);
    await b.page.goto(`/claims/${ids[FALSE]}`);
    const panel = b.page.locator("section[aria-labelledby=publication-heading]");
    expect(await panel.textContent()).toContain("Written by e2e reviewer A (the evidence, the verdict, the rationale)");
    await b.page.getByRole("button", { name: "Sign off the verdict" }).click();
    await b.page.waitForURL((url) => url.searchParams.get("done") === "signed_off");
    expect(await panel.textContent()).toContain("Signed off by e2e reviewer B");
    // No Reason box for publishing (only a correction and unpublishing ask one).
    expect(await panel.locator("textarea").count()).toBe(0);
    await b.page.getByRole("button", { name: "Publish", exact: true }).click();
    // A False verdict asks first, naming it and warning that the attribution is unchecked.
    await b.page.waitForLoadState();
    expect(new URL(b.page.url()).pathname).toBe(`/claims/${ids[FALSE]}`);
    expect(await b.page.locator("#confirm-heading").textContent()).toBe("Publish with the verdict False?");
    expect(await b.page.locator(".confirm .warning").textContent()).toContain("The attribution is still unchecked");
    // The answer opens at the publication panel (the form's #publication), so the question is on screen.
    const confirmTop = (await b.page.evaluate(
      "document.querySelector('.confirm').getBoundingClientRect().top / window.innerHeight",
    )) as number;
    expect(confirmTop).toBeGreaterThanOrEqual(0);
    expect(confirmTop).toBeLessThan(1);
    await shot(b.page, "publish-confirm.png");
    await b.page.getByRole("button", { name: "Yes, publish as False" }).click();
    await b.page.waitForURL((url) => url.searchParams.get("done") === "published");
    expect(new URL(b.page.url()).pathname).toBe(`/claims/${ids[FALSE]}`);
    expect(b.problems).toEqual([]);

    // A visitor: no session, no login.
    const context = await browser.newContext({ baseURL: server.baseUrl });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto("/fact-checks");
    expect(new URL(page.url()).pathname).toBe("/fact-checks");
    expect(await page.getByRole("link", { name: `“${VERIFIED}”` }).count()).toBe(1);
    expect(await page.getByRole("link", { name: `“${FALSE}”` }).count()).toBe(1);
    await page.getByRole("link", { name: `“${FALSE}”` }).click();
    await page.waitForURL(/\/fact-checks\/crime-in-the-capital-fell-by-half-in-2019-clm_/);
    expect(await page.locator(".verdict-line").textContent()).toBe("Our verdict: False");
    expect(await page.getByRole("link", { name: "Police statistics 2019" }).getAttribute("href")).toBe(
      "https://www.example.com/police-statistics-2019",
    );
    const body = (await page.locator("body").textContent()) ?? "";
    expect(body).not.toContain("e2e reviewer");
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "null");
    expect(ld.reviewRating.alternateName).toBe("False");
    await shot(page, "fact-check.png");
    await page.goto(verifiedUrl ?? "");
    expect(await page.locator(".verdict-line").textContent()).toBe("Our verdict: True");
    expect(problems).toEqual([]);
    await Promise.all([a.context.close(), b.context.close(), context.close()]);
  });

  it("has no serious axe violations on the public pages, and no sideways scrolling at 360 px", async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto("/fact-checks");
    const link = await page.getByRole("link", { name: `“${FALSE}”` }).getAttribute("href");
    const report: string[] = [];
    for (const path of ["/fact-checks", link ?? "", "/fact-checks?q=hospital", "/fact-checks/no-such-page"]) {
      await page.goto(path);
      const found = await seriousAxeViolations(page);
      if (found.length) report.push(`${path}:\n${describeViolations(found)}`);
      expect(await horizontalOverflow(page), `${path} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
      expect(await page.getByRole("main").count()).toBe(1);
      expect(await page.getByRole("banner").count()).toBe(1);
      expect(await page.getByRole("contentinfo").count()).toBe(1);
      expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
    }
    expect(report.join("\n\n"), report.join("\n\n")).toBe("");
    await page.goto(link ?? "");
    await shot(page, "fact-check-360.png");
    expect(except(problems, 404)).toEqual([]);
    await context.close();
  });
});
