// The claim page built around the task (issue 22) in Chromium: the verdict's draft survives a
// refusal and adding evidence with JavaScript off; a verdict and its first evidence go in one
// click; at 375 px who said it sits above the verdict, nothing scrolls sideways and axe finds
// nothing serious; screenshots at 1280 and 375 px.
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
  shot,
} from "./helpers";

const CLAIM = "The dam's turbines supply half of the country's electricity";
const SECOND = "The new canal irrigates 90,000 hectares of farmland";

describe.skipIf(!hasChromium)("the claim page, built around the task, in Chromium", () => {
  let browser: Browser;
  let token = "";
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    browser = await launch();
    token = await reviewerToken("e2e draft reviewer");
    for (const text of [CLAIM, SECOND]) {
      const made = await api("POST", "/claims", {
        text,
        kind: "statistic",
        context: `Speaking at the opening, she said ${text.toLowerCase()}, a figure her ministry repeats.`,
        speaker: { name: "Farida Noor", role: "Minister of Water and Energy" },
        source: {
          url: "https://www.example.com/news/2021/04/02/dam-opening-speech-minister-of-water-and-energy-full-text",
          title: "At the dam's opening, the minister sets out the plan",
          publisher: "Example Wire",
          published_at: "2021-04-02",
        },
        reported_via: "said at a news conference",
        stated_at: "2021-04-01",
      });
      expect(made.status).toBe(201);
      ids[text] = made.json.id;
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("keeps the verdict's draft through a refusal and adding evidence, without JavaScript", async () => {
    const { context, page, problems } = await loggedIn(browser, token, { javaScriptEnabled: false });
    const claimUrl = `/claims/${ids[CLAIM]}`;
    await page.goto(claimUrl);
    const rationale = "The grid operator's 2021 report gives 12%, not half.";
    await page.getByLabel("Status").selectOption("false");
    await page.getByLabel(/^Attribution/).selectOption("confirmed");
    await page.getByLabel(/^Rationale/).fill(rationale);
    await page.getByRole("button", { name: "Save review" }).click();
    // Refused (False needs evidence): shown at the claim's address, the draft kept.
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe(claimUrl);
    expect(await page.locator("#status-error").textContent()).toContain("evidence");
    expect(await page.getByLabel("Status").inputValue()).toBe("false");
    expect(await page.getByLabel(/^Rationale/).inputValue()).toBe(rationale);

    // Evidence added from the same form: the page comes back with the draft still there.
    await page.getByLabel("Link", { exact: true }).fill("https://grid.example.org/annual-report-2021");
    await page.getByLabel("Title", { exact: true }).fill("Grid operator, annual report 2021");
    await page.getByLabel("Stance").selectOption("refutes");
    await page.getByRole("button", { name: "Add evidence" }).click();
    await page.waitForURL((url) => url.pathname === claimUrl && url.searchParams.get("done") === "evidence");
    expect(await page.getByRole("heading", { name: "Evidence (1)" }).count()).toBe(1);
    expect(await page.getByLabel("Status").inputValue()).toBe("false");
    expect(await page.getByLabel(/^Attribution/).inputValue()).toBe("confirmed");
    expect(await page.getByLabel(/^Rationale/).inputValue()).toBe(rationale);
    expect(await page.getByLabel("Link", { exact: true }).inputValue()).toBe("");
    // Reloading adds nothing twice: the address is a GET of the claim.
    await page.reload();
    expect(await page.getByRole("heading", { name: "Evidence (1)" }).count()).toBe(1);
    expect(await page.getByLabel(/^Rationale/).inputValue()).toBe(rationale);

    await page.getByRole("button", { name: "Save review" }).click();
    await page.waitForURL((url) => url.pathname === claimUrl && url.searchParams.get("done") === "reviewed");
    expect(await page.locator("h1").textContent()).toContain("False");
    expect(await page.locator("section[aria-labelledby=history-heading]").textContent()).toContain(
      `changed the status from Unverified to False: “${rationale}”`,
    );
    expect(except(problems, 422)).toEqual([]);
    await context.close();
  });

  it("saves a verdict with its first evidence in one click", async () => {
    const { context, page, problems } = await loggedIn(browser, token);
    const claimUrl = `/claims/${ids[SECOND]}`;
    await page.goto(claimUrl);
    await page.getByLabel("Link", { exact: true }).fill("https://maps.example.org/canal-2021");
    await page.getByLabel("Title", { exact: true }).fill("Irrigation map, 2021");
    await page.getByLabel("Stance").selectOption("refutes");
    await page.getByLabel("Status").selectOption("misleading");
    await page.getByLabel(/^Rationale/).fill("The map shows 30,000 hectares watered; 90,000 is the plan.");
    await page.getByRole("button", { name: "Save review" }).click();
    await page.waitForURL((url) => url.pathname === claimUrl && url.searchParams.get("done") === "reviewed-evidence");
    expect(await page.getByRole("status").textContent()).toBe("Evidence added and review saved.");
    expect(await page.getByRole("heading", { name: "Evidence (1)" }).count()).toBe(1);
    expect(await page.locator("h1").textContent()).toContain("Misleading");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("reads top to bottom as the work goes at 375 px, with nothing sideways and axe clean; 1280 px too", async () => {
    for (const width of [375, 1280]) {
      const { context, page, problems } = await loggedIn(browser, token, { viewport: { width, height: 800 } });
      await page.goto(`/claims/${ids[CLAIM]}`);
      const top = async (selector: string) => {
        const box = await page.locator(selector).first().boundingBox();
        expect(box, selector).not.toBeNull();
        return box?.y ?? 0;
      };
      const saidBy = await top(".said-by");
      const verdict = await top("#verdict-heading");
      const history = await top("#history-heading");
      // Who said it is on the first screen, above the verdict, at any width.
      expect(saidBy).toBeLessThan(verdict);
      expect(saidBy).toBeLessThan(800);
      expect(await page.locator(".said-by").textContent()).toContain("Farida Noor, Minister of Water and Energy");
      expect(verdict).toBeLessThan(history);
      if (width === 375) {
        // One column: the rest follows the history, in the task's order.
        const rest = [
          await top("#repeats-heading"),
          await top("#rechecks-heading"),
          await top("#assign-heading"),
          await top("#notes-heading"),
        ];
        expect(history).toBeLessThan(rest[0] ?? 0);
        expect(rest).toEqual([...rest].sort((a, b) => a - b));
      }
      expect(await horizontalOverflow(page), `the claim page scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
      const found = await seriousAxeViolations(page);
      expect(found, describeViolations(found)).toEqual([]);
      await shot(page, `claim-page-${width}.png`);
      // The first screen as a phone shows it: the quote, who said it and where.
      if (width === 375) {
        await shot(page, "claim-page-375-first-screen.png", false);
      }
      expect(problems).toEqual([]);
      await context.close();
    }
  });
});
