// The team workflow in Chromium: "assign to me" with the keyboard from the queue, a bulk tag of
// three claims picked with a shift-click range, a bulk assign picked with the keyboard, and the
// three in the queue's "Mine".
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, hasChromium, launch, loggedIn } from "./helpers";

describe.skipIf(!hasChromium)("the team workflow in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("assigns with the keyboard, bulk-tags three claims, and finds them in Mine", async () => {
    const made = await api("POST", "/tokens", { name: "E2E Teammate", role: "reviewer" });
    expect(made.status).toBe(201);
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const res = await api("POST", "/claims", {
        text: `the zebracrossing budget rose ${n}0 percent`,
        kind: "statistic",
        speaker: { name: "Team Browser Speaker" },
        source: { publisher: "Team Browser Wire" },
      });
      expect(res.status).toBe(201);
      ids.push(res.json.id);
    }
    const { context, page, problems } = await loggedIn(browser, made.json.token);
    const queue = "/review?q=zebracrossing";
    await page.goto(queue);
    expect(await page.locator(".queue .row").count()).toBe(3);

    // j selects the first row, a assigns it to me; the queue comes back as it was.
    await page.keyboard.press("j");
    const firstLink = await page.locator(".queue .row").first().getByRole("link").getAttribute("href");
    await page.keyboard.press("a");
    await page.waitForURL((url) => url.pathname === "/review" && url.searchParams.get("q") === "zebracrossing");
    await page.locator(".queue .row").first().waitFor();
    const first = (firstLink ?? "").replace("/claims/", "");
    expect((await api("GET", `/claims/${first}`)).json.assignee).toBe("E2E Teammate");

    // Shift-click picks the range: the first and the third box select all three.
    const boxes = page.locator("input.pick");
    await boxes.nth(0).click();
    await boxes.nth(2).click({ modifiers: ["Shift"] });
    const checked = () => Promise.all([0, 1, 2].map((i) => boxes.nth(i).isChecked()));
    expect(await checked()).toEqual([true, true, true]);
    await page.getByLabel("Action").selectOption("tag");
    await page.getByLabel("Tag (to add or remove)").fill("zebra-desk");
    await page.getByRole("button", { name: "Apply to selected" }).click();
    await page.waitForURL((url) => url.pathname === "/review/bulk");
    expect(await page.locator("h1").textContent()).toBe("Tagged: 3 of 3");
    await page.getByRole("link", { name: "Back to the queue" }).click();
    await page.waitForURL((url) => url.pathname === "/review");

    // The keyboard picks all three (j and x), then "Assign to me" for the two not mine yet.
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press("j");
      await page.keyboard.press("x");
    }
    expect(await checked()).toEqual([true, true, true]);
    await page.getByLabel("Action").selectOption("assign_me");
    await page.getByRole("button", { name: "Apply to selected" }).click();
    await page.waitForURL((url) => url.pathname === "/review/bulk");
    expect(await page.locator("h1").textContent()).toBe("Assigned: 2 of 3");

    await page.goto("/review?assigned=me&tag=zebra-desk");
    const mine = await page
      .locator(".queue .row > a")
      .evaluateAll((links) => links.map((a) => (a.getAttribute("href") ?? "").replace("/claims/", "")));
    expect(mine.sort()).toEqual([...ids].sort());
    expect(problems).toEqual([]);
    await context.close();
  });
});
