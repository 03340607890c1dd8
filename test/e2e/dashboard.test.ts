// /dashboard and a public speaker page in Chromium, at 1280 and 375 px: axe-core finds nothing
// serious, nothing scrolls sideways, the CSP refuses nothing, and every chart is an image with a
// name. Screenshots with E2E_SHOTS set.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  describeViolations,
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

async function etag(id: string) {
  const res = await fetch(`${server.baseUrl}/api/v1/claims/${id}`, {
    headers: { authorization: `Bearer ${server.adminToken}` },
  });
  return res.headers.get("etag") ?? "";
}

/** A claim by Mara Dashboard rated `status` by A (with evidence), signed off by B where needed, published. */
async function published(text: string, status: string, a: string, b: string) {
  const created = await api("POST", "/claims", {
    text,
    kind: "statistic",
    stated_at: "2026-11-30",
    speaker: { name: "Mara Dashboard", role: "Minister of Figures" },
    source: { url: "https://news.example.org/figures", title: "The figures", publisher: "Example News" },
  });
  expect(created.status).toBe(201);
  const id = created.json.id as string;
  const evidence = await api(
    "POST",
    `/claims/${id}/evidence`,
    { url: "https://stats.example.org/table", title: "The statistics office's table", stance: "refutes" },
    a,
  );
  expect(evidence.status).toBe(201);
  const rated = await api(
    "POST",
    `/claims/${id}/reviews`,
    { status, rationale: "The statistics office's table says otherwise." },
    a,
    { "if-match": await etag(id) },
  );
  expect(rated.status).toBe(200);
  if (status === "false" || status === "misleading") {
    const signed = await api("POST", `/claims/${id}/publication`, { action: "sign_off" }, b, {
      "if-match": await etag(id),
    });
    expect(signed.status).toBe(200);
  }
  const done = await api("POST", `/claims/${id}/publication`, { action: "publish" }, a, { "if-match": await etag(id) });
  expect(done.status).toBe(200);
  return id;
}

describe.skipIf(!hasChromium)("the dashboard and a public speaker page in Chromium", () => {
  let browser: Browser;
  let speakerId: string;
  beforeAll(async () => {
    browser = await launch();
    const a = await reviewerToken("Dashboard Reviewer A");
    const b = await reviewerToken("Dashboard Reviewer B");
    const first = await published("unemployment fell by 40 per cent in a single month", "false", a, b);
    await published("the ministry counted 1.2 million visitors this year", "verified", a, b);
    await published("prices rose faster here than anywhere in Europe", "misleading", a, b);
    speakerId = (await api("GET", `/claims/${first}`)).json.speaker.id;
    const other = await api("POST", "/claims", {
      text: "an open claim assigned on the dashboard",
      speaker: { name: "Mara Dashboard", role: "Minister of Figures" },
      source: { url: "https://news.example.org/figures", title: "The figures", publisher: "Example News" },
    });
    expect(other.status).toBe(201);
    const assigned = await api("PUT", `/claims/${other.json.id}/assignee`, { me: true }, a, {
      "if-match": await etag(other.json.id),
    });
    expect(assigned.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const width of [1280, 375]) {
    it(`draws /dashboard at ${width} px: named chart images, figures in tables, axe clean, nothing sideways`, async () => {
      const { context, page, problems } = await loggedIn(browser, server.adminToken, {
        viewport: { width, height: 900 },
      });
      await page.getByRole("link", { name: "Dashboard", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/dashboard");
      const charts = page.getByRole("img");
      expect(await charts.count()).toBeGreaterThanOrEqual(7);
      const names = (await page.evaluate(
        "[...document.querySelectorAll('svg[role=img]')].map((s) => document.getElementById(s.getAttribute('aria-labelledby') || '')?.textContent || '')",
      )) as string[];
      expect(names).toHaveLength(await charts.count());
      for (const name of names) expect(name.length).toBeGreaterThan(10);
      expect(await page.getByRole("table").count()).toBeGreaterThanOrEqual(7);
      const found = await seriousAxeViolations(page);
      expect(found, describeViolations(found)).toEqual([]);
      const wide = await page.evaluate(
        "[...document.querySelectorAll('main *')].filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth).slice(0, 5).map((el) => el.tagName + '.' + el.className + ' ' + (el.textContent || '').slice(0, 30))",
      );
      expect(
        await horizontalOverflow(page),
        `/dashboard scrolls sideways at ${width} px: ${JSON.stringify(wide)}`,
      ).toBeLessThanOrEqual(0);
      // Every chart fits the screen.
      for (const chart of await charts.all()) {
        const box = await chart.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
      }
      await shot(page, `dashboard-${width}.png`);
      // The period selector, without JavaScript's help: a plain GET form.
      await page.getByLabel("Period", { exact: true }).selectOption("365");
      await page.getByRole("button", { name: "Show" }).click();
      await page.waitForURL((url) => url.searchParams.get("period") === "365");
      expect(await page.getByRole("link", { name: "365 days" }).getAttribute("aria-current")).toBe("page");
      await page.goto(`/speakers/${speakerId}`);
      expect(await page.getByRole("img").count()).toBe(1);
      const onSpeaker = await seriousAxeViolations(page);
      expect(onSpeaker, describeViolations(onSpeaker)).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, `desk-speaker-${width}.png`);
      expect(problems).toEqual([]);
      await context.close();
    });

    it(`shows the public speaker page at ${width} px from a fact-check's link, axe clean`, async () => {
      const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width, height: 900 } });
      const page = await context.newPage();
      const problems = watchConsole(page);
      await page.goto("/fact-checks");
      await page.getByRole("link", { name: /unemployment fell by 40 per cent/ }).click();
      await page.getByRole("link", { name: "All fact-checks of Mara Dashboard" }).click();
      await page.waitForURL((url) => /^\/fact-checks\/speakers\/[0-9a-f]{16}$/.test(url.pathname));
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Mara Dashboard");
      const chart = page.getByRole("img");
      expect(await chart.count()).toBe(1);
      expect(await page.getByRole("table").textContent()).toContain("False1");
      expect(await page.locator("ol.factchecks li").count()).toBe(3);
      const found = await seriousAxeViolations(page);
      expect(found, describeViolations(found)).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await shot(page, `public-speaker-${width}.png`);
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
