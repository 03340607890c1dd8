// Two reviewers on one claim, and hostile text, in a real Chromium against `wrangler dev`.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, claimId, except, hasChromium, launch, loggedIn, reviewerToken, server } from "./helpers";

describe.skipIf(!hasChromium)("conflicts and hostile text in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the other reviewer's change and keeps the input when both save a verdict; resubmitting works", async () => {
    const id = await claimId("Unfortunately, six police were killed and seven wounded.");
    const first = await loggedIn(browser, await reviewerToken("Ana First"));
    const second = await loggedIn(browser, await reviewerToken("Bo Second"));
    await first.page.goto(`/claims/${id}`);
    await second.page.goto(`/claims/${id}`);

    await first.page.getByLabel("Status").selectOption("unproven");
    await first.page.getByLabel(/^Rationale/).fill("Only the ministry's figure so far.");
    await first.page.getByRole("button", { name: "Save review" }).click();
    await first.page.waitForURL((url) => url.searchParams.get("done") === "reviewed");

    await second.page.getByLabel("Status").selectOption("opinion");
    await second.page.getByLabel(/^Rationale/).fill("Bo's reading: the word 'unfortunately' frames it.");
    await second.page.getByRole("button", { name: "Save review" }).click();
    await second.page.waitForLoadState();
    const alert = second.page.getByRole("alert");
    expect(await alert.textContent()).toContain("Someone else changed this claim while you were working on it.");
    expect(await alert.textContent()).toContain(
      "Ana First changed the status from Unverified to Unproven: “Only the ministry's figure so far.”",
    );
    // The page shows the claim as it is now, and the reviewer's own input as it was.
    expect(await second.page.locator("h1").textContent()).toContain("Unproven");
    expect(await second.page.locator("#review-status").inputValue()).toBe("opinion");
    expect(await second.page.locator("#review-rationale").inputValue()).toBe(
      "Bo's reading: the word 'unfortunately' frames it.",
    );
    const before = await api("GET", `/claims/${id}`);
    expect(before.json.status).toBe("unproven");

    await second.page.getByRole("button", { name: "Save review" }).click();
    await second.page.waitForURL((url) => url.searchParams.get("done") === "reviewed");
    expect(await second.page.locator("h1").textContent()).toContain("Opinion");
    const history = (await second.page.locator("section[aria-labelledby=history-heading]").textContent()) ?? "";
    expect(history).toContain("Ana First changed the status from Unverified to Unproven");
    expect(history).toContain("Bo Second changed the status from Unproven to Opinion");
    const after = await api("GET", `/claims/${id}`);
    expect(after.json.status).toBe("opinion");
    expect(first.problems).toEqual([]);
    expect(except(second.problems, 409)).toEqual([]);
    await first.context.close();
    await second.context.close();
  });

  it("lets a viewer read the claim but offers no change, and refuses the change pages", async () => {
    const token = await api("POST", "/tokens", { name: "Vic Viewer", role: "viewer" });
    expect(token.status).toBe(201);
    const { context, page, problems } = await loggedIn(browser, token.json.token as string);
    const id = await claimId("actively attacking");
    await page.goto(`/claims/${id}`);
    expect(await page.locator("blockquote.quote").textContent()).toBe("“actively attacking”");
    expect(await page.getByRole("button", { name: "Save review" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Add evidence" }).count()).toBe(0);
    await page.keyboard.press("v");
    expect(await page.locator("textarea").count()).toBe(0);
    const refused = await page.goto("/claims/new");
    expect(refused?.status()).toBe(403);
    expect(await page.locator("h1").textContent()).toBe("Not allowed");
    expect(except(problems, 403)).toEqual([]);
    await context.close();
  });

  it("shows hostile claim text, speaker names, notes and urls as text; no script runs", async () => {
    const created = await api("POST", "/claims", {
      text: "<script>alert(1)</script>",
      kind: "direct_quote",
      context: 'He wrote "<script>alert(1)</script>" <img src=x onerror=alert(2)> in the chat.',
      speaker: { name: '"><img src=x onerror=alert(3)>', role: "<b>spokesman</b>" },
      source: { url: "https://www.example.com/xss?a=<script>", title: "<svg onload=alert(4)>" },
      tags: ["<i>x</i>"],
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const evidence = await api("POST", `/claims/${id}/evidence`, {
      note: "<img src=x onerror=alert(5)>",
      title: "javascript link",
      stance: "context",
      url: "https://www.example.com/ok",
    });
    expect(evidence.status).toBe(201);

    const { context, page, problems } = await loggedIn(browser, server.adminToken);
    await page.goto(`/claims/${id}`);
    expect(await page.locator("blockquote.quote").textContent()).toBe("“<script>alert(1)</script>”");
    expect(await page.locator("mark").first().textContent()).toBe("<script>alert(1)</script>");
    expect(await page.getByRole("link", { name: '"><img src=x onerror=alert(3)>' }).count()).toBe(1);
    expect(await page.getByText("<img src=x onerror=alert(5)>").count()).toBe(1);
    expect(await page.locator("main img, main svg, main b, main i").count()).toBe(0);
    // Only the page's own nonce'd script is there.
    expect(await page.locator("script").count()).toBe(1);

    await page.goto(`/review?q=${encodeURIComponent("alert")}`);
    expect(await page.getByRole("link", { name: "“<script>alert(1)</script>”" }).count()).toBe(1);
    await page.goto(`/speakers/${created.json.speaker.id}`);
    expect(await page.locator("h1").textContent()).toBe('"><img src=x onerror=alert(3)>');
    await page.goto(`/sources/${created.json.source.id}`);
    expect(await page.locator("h1").textContent()).toBe("<svg onload=alert(4)>");
    expect(await page.locator("main img, main svg").count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
