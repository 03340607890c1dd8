// The browser tests' server: a real `wrangler dev` with a fresh local D1 holding the demo data
// (test/local-worker.ts), and the check that Chromium is there.
import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { startLocalWorker } from "../local-worker";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface E2eServer {
  chromium: string | null;
  baseUrl: string;
  adminToken: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    e2e: E2eServer;
  }
}

function banner(lines: string[]): string {
  const bar = "=".repeat(78);
  return `\n${bar}\n${lines.map((l) => `  ${l}`).join("\n")}\n${bar}\n`;
}

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    const lines = [
      `BROWSER TESTS NOT RUN: no Chromium at ${CHROMIUM}.`,
      "Install it with:  apt-get install -y chromium   (as root; Debian's package)",
      "or point CHROMIUM_PATH at a Chromium binary.",
    ];
    if (process.env.CI === "true" || process.env.CI === "1") {
      throw new Error(banner([...lines, "CI=true: a missing Chromium fails the run."]));
    }
    console.warn(banner([...lines, "The e2e project's tests are skipped."]));
    project.provide("e2e", { chromium: null, baseUrl: "", adminToken: "" });
    return;
  }

  const { baseUrl, adminToken, stop } = await startLocalWorker({ label: "e2e", demo: true });
  project.provide("e2e", { chromium: CHROMIUM, baseUrl, adminToken });
  return stop;
}
