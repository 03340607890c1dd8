// "Checked before?" in Chromium: a reviewer opens a claim, sees the earlier claim the desk has
// checked among its matches (with the warning that matters), and links it as a repeat,
// carrying the verdict over with a rationale.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, hasChromium, launch, loggedIn, seriousAxeViolations, server, shot } from "./helpers";

describe.skipIf(!hasChromium)("linking a repeat in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("finds the checked claim on the claim page and links the repeat, carrying its verdict over", async () => {
    const earlier = await api("POST", "/claims", {
      text: "The new dam will flood 12 villages in the valley",
      kind: "statistic",
      speaker: { name: "Ahmad Repeatable", role: "Provincial governor" },
      source: { publisher: "Valley Post", title: "Dam plans", published_at: "2026-10-02" },
    });
    expect(earlier.status).toBe(201);
    const evidence = await api("POST", `/claims/${earlier.json.id}/evidence`, {
      url: "https://water.example.org/dam-survey",
      title: "Dam impact survey",
      stance: "refutes",
    });
    expect(evidence.status).toBe(201);
    const rated = await api(
      "POST",
      `/claims/${earlier.json.id}/reviews`,
      { status: "false", rationale: "The survey lists four villages in the flood zone." },
      server.adminToken,
      { "if-match": '"2"' },
    );
    expect(rated.status).toBe(200);
    const repeat = await api("POST", "/claims", {
      text: "The dam will flood twelve villages, 12 in all, in the valley",
      kind: "statistic",
      speaker: { name: "Maryam Repeater", role: "Opposition MP" },
      source: { publisher: "Evening Wire", title: "Dam row", published_at: "2026-11-20" },
    });
    expect(repeat.status).toBe(201);

    const { page, problems } = await loggedIn(browser, server.adminToken);
    await page.goto(`/claims/${repeat.json.id}`);
    const panel = page.locator("#checked-before");
    expect(await panel.getByRole("heading", { name: "Checked before?" }).count()).toBe(1);
    const match = panel.locator("ol.matches > li").filter({ hasText: "The new dam will flood 12 villages" });
    expect(await match.count()).toBe(1);
    expect(await match.textContent()).toContain("False");
    expect(await match.textContent()).toContain(
      "different speaker: Maryam Repeater here, Ahmad Repeatable in the match",
    );

    await match.getByText("Link and carry the verdict (False)").click();
    await match
      .getByLabel("Why the verdict applies to this claim")
      .fill("The same flood-zone figure, repeated a month later.");
    await match.getByRole("button", { name: /Link and carry the verdict of match/ }).click();
    await page.waitForURL((url) => url.searchParams.get("done") === "repeat");
    expect(await page.getByRole("status").textContent()).toBe("Linked as a repeat.");
    expect(await page.locator("h1").textContent()).toContain("False");
    expect(await panel.textContent()).toContain("Repeats “The new dam will flood 12 villages in the valley”");
    const history = (await page.locator("section[aria-labelledby=history-heading]").textContent()) ?? "";
    expect(history).toContain(`marked it as a repeat of ${earlier.json.id}`);
    expect(history).toContain("changed the status from Unverified to False");
    expect(await page.locator("section#verdict").textContent()).toContain("Dam impact survey");
    await shot(page, "repeat-linked.png");
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The earlier claim lists its repeat; the speaker page counts it.
    await page.goto(`/claims/${earlier.json.id}`);
    expect(await page.locator("#checked-before").textContent()).toContain("Repeated once");
    await page.goto(`/speakers/${repeat.json.speaker.id}`);
    expect(await page.locator("main").textContent()).toContain(
      "1 claim repeats an earlier claim: 1 of a checked claim, 1 of one rated false or misleading.",
    );
    expect(problems).toEqual([]);
  });
});
