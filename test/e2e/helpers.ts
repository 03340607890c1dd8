// What the browser tests share: the server the global setup started for this file's slot, Chromium, logging in
// through the real login form, the JSON API for arranging data, axe-core, and a watch on the
// console for CSP violations and script errors.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { expect, inject } from "vitest";

const setup = inject("e2e");
const slot = Number(process.env.VITEST_POOL_ID ?? "1");
/** This file's server: the one of its test slot, which no other file uses while this one runs. */
export const server = setup.servers[(slot - 1) % Math.max(1, setup.servers.length)] ?? {
  baseUrl: "",
  adminToken: "",
};
export const hasChromium = setup.browser !== null;

/** Waits for the server, which the global setup started in the background (demo data loaded
 * before it answers). Generous: on a 2-core machine it starts beside the Workers tests. */
async function untilReady(baseUrl: string) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `the browser tests' server at ${baseUrl} did not start within 180 s (its error is in the run's output)`,
  );
}
if (hasChromium) await untilReady(server.baseUrl);

export const ATTACKS = "insurgents had carried out 43 attacks on checkpoints in Helmand on Tuesday alone";
/** The demo article's title: other tests (the /import one) file the same words under other sources. */
export const DEMO_SOURCE = "Taliban kill 20 Afghan soldiers, police as US carries out first air strike in 11 days";

/** The shared Chromium the global setup started; `close()` on it closes this file's contexts. */
export function launch(): Promise<Browser> {
  return chromium.connect(setup.browser ?? "");
}

/** Where screenshots go when a person wants to look at the pages (E2E_SHOTS=<directory>); none
 * are taken otherwise: they check nothing, and encoding them was a large share of the run. */
const shots = process.env.E2E_SHOTS ? path.resolve(process.env.E2E_SHOTS) : undefined;

/** A screenshot for a person to look at (the whole page unless `fullPage` is false). */
export async function shot(page: Page, name: string, fullPage = true) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, name), fullPage });
}

/** The console's problems without the failed-load line of one expected status (a 409 or 422 page). */
export function except(problems: string[], status: number): string[] {
  return problems.filter((p) => !p.includes(`the server responded with a status of ${status}`));
}

/** Problems the page reports about itself: CSP refusals, script errors, failed loads. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(msg.text());
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return problems;
}

export interface Session {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/** Sessions made through the login form, by token: a later login with the same token in this
 * process starts from the session's cookie instead of filling the form again. */
const sessions = new Map<string, Awaited<ReturnType<BrowserContext["storageState"]>>>();

/** A new browser context logged in with the token: through the login form the first time (and
 * whenever the saved session has ended, as after "Log out"), from the saved cookie after that. */
export async function loggedIn(browser: Browser, token: string, options: BrowserContextOptions = {}): Promise<Session> {
  const saved = sessions.get(token);
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    ...options,
    ...(saved ? { storageState: saved } : {}),
  });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto("/review");
  if (saved && new URL(page.url()).pathname === "/review") return { context, page, problems };
  expect(new URL(page.url()).pathname).toBe("/login");
  await page.getByLabel("API token").fill(token);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((url) => url.pathname === "/review");
  sessions.set(token, await context.storageState());
  return { context, page, problems };
}

export async function api(
  method: string,
  route: string,
  body?: unknown,
  token = server.adminToken,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${server.baseUrl}/api/v1${route}`, {
    method,
    headers: {
      ...headers,
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: API answers are read field by field in the tests
  return { status: res.status, json: text ? (JSON.parse(text) as any) : null };
}

export async function reviewerToken(name: string): Promise<string> {
  const res = await api("POST", "/tokens", { name, role: "reviewer" });
  expect(res.status).toBe(201);
  return res.json.token as string;
}

/** The id of the demo claim whose text is exactly `text`. */
export async function claimId(text: string): Promise<string> {
  const res = await api("GET", `/claims?q=${encodeURIComponent(text)}`);
  expect(res.status).toBe(200);
  const found = (res.json.data as { id: string; text: string; source: { title: string | null } }[]).filter(
    (c) => c.text === text && c.source.title === DEMO_SOURCE,
  );
  if (found.length !== 1) throw new Error(`${found.length} demo claims with the text ${text}`);
  return found[0]?.id ?? "";
}

const axeSource = readFileSync(path.resolve(import.meta.dirname, "../../node_modules/axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core run inside the page (evaluated through the DevTools protocol, so the page's CSP
 * stays as it is); answers the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then(r => ({ passes: r.passes.length, violations: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({ target: n.target, failureSummary: n.failureSummary })) })) }))",
  )) as { passes: number; violations: AxeViolation[] };
  // A run that checked nothing proves nothing.
  expect(result.passes).toBeGreaterThan(10);
  const serious = (v: AxeViolation) => v.impact === "serious" || v.impact === "critical";
  const lesser = result.violations.filter((v) => !serious(v));
  // Moderate and minor findings are reported, not failed.
  if (lesser.length)
    console.log(`axe on ${new URL(page.url()).pathname}: ${lesser.map((v) => `${v.impact} ${v.id}`).join(", ")}`);
  return result.violations.filter(serious);
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `   ${n.target.join(" ")}: ${n.failureSummary ?? ""}`).join("\n")}`,
    )
    .join("\n");
}

/** Widest content against the viewport: more than the viewport means horizontal scrolling. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return (await page.evaluate(
    "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth",
  )) as number;
}
