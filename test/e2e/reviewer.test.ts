// The reviewer's round in a real Chromium against `wrangler dev`: with a mouse, with the
// keyboard alone, and with JavaScript switched off.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ATTACKS, api, DEMO_SOURCE, except, hasChromium, launch, loggedIn, server } from "./helpers";

describe.skipIf(!hasChromium)("the reviewer's round in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("logs in, finds the 43 attacks claim by search, adds evidence, marks it verified and sees the history", async () => {
    const { context, page, problems } = await loggedIn(browser, server.adminToken);
    await expect(page.getByRole("heading", { level: 1 })).toBeTruthy();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Review queue");

    await page.getByRole("searchbox", { name: "Search" }).fill("43 attacks");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL((url) => url.pathname === "/review" && url.searchParams.get("q") === "43 attacks");
    // The demo's claim (an imported copy of the article may be there too, under another source).
    const rows = page.locator(".queue .row").filter({ hasText: DEMO_SOURCE });
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("Sonny Leggett");
    await rows.first().getByRole("link", { name: ATTACKS }).click();
    await page.waitForURL(/\/claims\/clm_[^/?]+$/);
    const claimUrl = new URL(page.url()).pathname;
    expect(await page.locator("blockquote.quote").textContent()).toBe(`“${ATTACKS}”`);
    expect(await page.locator("h1").textContent()).toContain("Unverified");

    await page.getByLabel("Link", { exact: true }).fill("https://www.example.com/usfor-a-statement");
    await page.getByLabel("Title", { exact: true }).fill("USFOR-A statement");
    await page.getByLabel("Stance").selectOption("supports");
    await page.getByRole("button", { name: "Add evidence" }).click();
    await page.waitForURL((url) => url.pathname === claimUrl && url.searchParams.get("done") === "evidence");
    expect(await page.getByRole("status").textContent()).toBe("Evidence added.");
    const link = page.getByRole("link", { name: "USFOR-A statement" });
    expect(await link.getAttribute("href")).toBe("https://www.example.com/usfor-a-statement");
    expect(await page.getByRole("heading", { name: "Evidence (1)" }).count()).toBe(1);

    await page.getByLabel("Status").selectOption("verified");
    await page.getByLabel(/^Attribution/).selectOption("confirmed");
    await page.getByLabel(/^Rationale/).fill("USFOR-A published the same count of 43 attacks.");
    await page.getByRole("button", { name: "Save review" }).click();
    await page.waitForURL((url) => url.pathname === claimUrl && url.searchParams.get("done") === "reviewed");
    expect(await page.getByRole("status").textContent()).toBe("Review saved.");
    expect(await page.locator("h1").textContent()).toContain("True");
    expect(await page.locator("h1").textContent()).toContain("Attribution confirmed");
    const history = (await page.locator("section[aria-labelledby=history-heading]").textContent()) ?? "";
    expect(history).toContain("filed the claim");
    expect(history).toContain("added evidence (supports)");
    expect(history).toContain(
      "changed the status from Unverified to True: “USFOR-A published the same count of 43 attacks.”",
    );
    expect(history).toContain("changed the attribution from Attribution unchecked to Attribution confirmed");

    // The verdict is the API's too: one rule module, one database.
    const id = claimUrl.split("/").pop() ?? "";
    expect((await api("GET", `/claims/${id}`)).json).toMatchObject({ status: "verified", attribution: "confirmed" });

    // Logging out ends the session: pages send the browser back to the login form.
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    await page.goto(claimUrl);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(new URL(page.url()).searchParams.get("next")).toBe(claimUrl);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("goes through the queue with the keyboard alone: j/k, Enter, v, the rationale, Tab, Enter", async () => {
    // Three fresh claims top the queue (newest first among the unverified), whatever ran before.
    for (const n of [3, 2, 1]) {
      const made = await api("POST", "/claims", {
        text: `Keyboard claim number ${n} was said`,
        speaker: { name: "Keyboard Tester" },
        source: { url: "https://www.example.com/keyboard", publisher: "Example" },
      });
      expect(made.status).toBe(201);
    }
    const { context, page, problems } = await loggedIn(browser, server.adminToken);
    const rows = page.locator(".queue .row");
    expect(await rows.nth(0).getByRole("link").textContent()).toBe("“Keyboard claim number 1 was said”");
    expect(await rows.nth(1).getByRole("link").textContent()).toBe("“Keyboard claim number 2 was said”");
    const second = (await rows.nth(1).getByRole("link").textContent()) ?? "";

    await page.keyboard.press("j");
    expect(await rows.nth(0).getAttribute("aria-current")).toBe("true");
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    expect(await rows.nth(1).getAttribute("aria-current")).toBe("true");
    expect(await rows.nth(0).getAttribute("aria-current")).toBe("false");
    expect(await page.locator(":focus").textContent()).toBe(second);

    await page.keyboard.press("?");
    expect(await page.locator("#shortcut-help").getAttribute("open")).not.toBeNull();
    await page.keyboard.press("Escape");
    expect(await page.locator("#shortcut-help").getAttribute("open")).toBeNull();
    expect(await page.locator(":focus").textContent()).toBe(second);

    // Tab moves the focus (through the row's own controls: its "Assign to me", the next row's
    // checkbox), and the selection follows it: Enter opens the focused claim.
    const third = (await rows.nth(2).getByRole("link").textContent()) ?? "";
    const focused = () => page.locator(":focus").textContent();
    for (let i = 0; i < 4 && (await focused()) !== third; i++) await page.keyboard.press("Tab");
    expect(await focused()).toBe(third);
    expect(await rows.nth(2).getAttribute("aria-current")).toBe("true");
    for (let i = 0; i < 4 && (await focused()) !== second; i++) await page.keyboard.press("Shift+Tab");
    expect(await focused()).toBe(second);
    expect(await rows.nth(1).getAttribute("aria-current")).toBe("true");

    await page.keyboard.press("Enter");
    await page.waitForURL(/\/claims\/clm_[^/?]+$/);
    const claimUrl = new URL(page.url()).pathname;
    expect(`“${await page.locator("blockquote.quote").textContent()}”`).toContain(second.replace(/^“|”$/g, ""));

    await page.keyboard.press("v");
    expect(await page.locator("#review-status").inputValue()).toBe("verified");
    expect(await page.evaluate("document.activeElement.id")).toBe("review-rationale");
    await page.keyboard.type("Checked against the AFP wire copy.");
    await page.keyboard.press("Tab");
    expect(await page.locator(":focus").textContent()).toBe("Save review");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === claimUrl && url.searchParams.get("done") === "reviewed");
    expect(await page.locator("h1").textContent()).toContain("True");
    expect(await page.locator("section[aria-labelledby=history-heading]").textContent()).toContain(
      "to True: “Checked against the AFP wire copy.”",
    );

    // "/" jumps to the search box from anywhere but a field.
    await page.goto("/review");
    await page.keyboard.press("/");
    expect(await page.evaluate("document.activeElement.id")).toBe("q");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("records a verdict with JavaScript switched off: the form posts, errors show inline, then redirects", async () => {
    const { context, page, problems } = await loggedIn(browser, server.adminToken, { javaScriptEnabled: false });
    const text = "This was a defensive strike to disrupt the attack,";
    await page.getByRole("searchbox", { name: "Search" }).fill("defensive strike");
    await page.getByRole("searchbox", { name: "Search" }).press("Enter");
    await page.waitForURL((url) => url.searchParams.get("q") === "defensive strike");
    await page.locator(".queue .row").filter({ hasText: DEMO_SOURCE }).getByRole("link", { name: text }).click();
    await page.waitForURL(/\/claims\/clm_[^/?]+$/);
    const claimUrl = new URL(page.url()).pathname;
    // No script runs: the shortcut keys do nothing.
    await page.keyboard.press("v");
    expect(await page.locator("#review-status").inputValue()).toBe("unverified");

    // A verdict without a rationale comes back with the error beside the field and the choice kept.
    await page.getByLabel("Status").selectOption("unproven");
    await page.getByRole("button", { name: "Save review" }).click();
    await page.waitForLoadState();
    // The refused form is shown at the claim's own address (every form posts there), not the form's.
    expect(new URL(page.url()).pathname).toBe(claimUrl);
    expect(await page.locator("#review-status").inputValue()).toBe("unproven");
    expect(await page.locator("#review-rationale").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#rationale-error").textContent()).toMatch(/rationale/i);

    await page.getByLabel(/^Rationale/).fill("No record of the strike's purpose beyond the spokesman's word.");
    await page.getByRole("button", { name: "Save review" }).click();
    await page.waitForURL((url) => url.pathname === claimUrl && url.searchParams.get("done") === "reviewed");
    expect(await page.locator("h1").textContent()).toContain("Unproven");
    expect(await page.locator("section[aria-labelledby=history-heading]").textContent()).toContain(
      "changed the status from Unverified to Unproven",
    );
    expect(except(problems, 422)).toEqual([]);
    await context.close();
  });
});
