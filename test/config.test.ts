// The Worker's variables are parsed once, by one schema: a bad value is refused by name.
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { ConfigError, configOf, type Env } from "../src/env";

const base = { DB: env.DB } as Env;

describe("configuration", () => {
  it("gives the defaults for what is not set, and reads what is", () => {
    const config = configOf({ ...base, RECHECK_BATCH: "7", RECHECK_ALLOW_PRIVATE: "true", ACCESS_ROLE: "viewer" });
    expect(config).toMatchObject({
      RECHECK_BATCH: 7,
      REREVIEW_DAYS: 30,
      RECHECK_OPEN_HOURS: 24,
      RECHECK_TIMEOUT_MS: 10_000,
      RECHECK_ALLOW_PRIVATE: true,
      ACCESS_ROLE: "viewer",
      ORG_NAME: "claimdesk",
    });
    expect(configOf({ ...base, RECHECK_OPEN_HOURS: "0", ACCESS_ROLE: "" })).toMatchObject({
      RECHECK_OPEN_HOURS: 0,
      ACCESS_ROLE: "reviewer",
    });
  });

  it("reads PUBLIC_ORIGIN as the URL parser writes an origin; unset, the local server's address", () => {
    expect(configOf(base).PUBLIC_ORIGIN).toBe("http://127.0.0.1:8787");
    expect(configOf({ ...base, PUBLIC_ORIGIN: "" }).PUBLIC_ORIGIN).toBe("http://127.0.0.1:8787");
    for (const value of [
      "https://FactChecks.Example.org",
      "https://factchecks.example.org/",
      "https://factchecks.example.org:443",
    ]) {
      expect(configOf({ ...base, PUBLIC_ORIGIN: value }).PUBLIC_ORIGIN).toBe("https://factchecks.example.org");
    }
    expect(configOf({ ...base, PUBLIC_ORIGIN: "http://127.0.0.1:9000" }).PUBLIC_ORIGIN).toBe("http://127.0.0.1:9000");
  });

  it.each([
    ["RECHECK_BATCH", "5O"],
    ["RECHECK_BATCH", "0"],
    ["REREVIEW_DAYS", "-3"],
    ["RECHECK_TIMEOUT_MS", "1e4"],
    ["RECHECK_ALLOW_PRIVATE", "yes"],
    ["ACCESS_ROLE", "superuser"],
    ["ORG_URL", "javascript:alert(1)"],
    ["PUBLIC_ORIGIN", "factchecks.example.org"],
    ["PUBLIC_ORIGIN", "ftp://factchecks.example.org"],
    ["PUBLIC_ORIGIN", "https://example.org/fact-checks"],
    ["PUBLIC_ORIGIN", "https://example.org/?x=1"],
    ["PUBLIC_ORIGIN", "https://user:pass@example.org"],
    ["PUBLIC_ORIGIN", "https://example.org#top"],
  ])("refuses %s=%s by its name", (variable, value) => {
    expect(() => configOf({ ...base, [variable]: value })).toThrow(ConfigError);
    try {
      configOf({ ...base, [variable]: value });
    } catch (err) {
      expect((err as ConfigError).problems.map((p) => p.variable)).toEqual([variable]);
    }
  });

  it("answers every request with a 500 naming the variable (never its value) when one is bad", async () => {
    const res = await createApp().request("/healthz", {}, { ...env, RECHECK_BATCH: "5O" });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { title: string; detail: string };
    expect(body.title).toBe("Misconfigured");
    expect(body.detail).toContain("RECHECK_BATCH");
    expect(body.detail).not.toContain("5O");
    // The real Worker, with the tests' good settings, is unaffected.
    expect((await exports.default.fetch("http://claimdesk.test/healthz")).status).toBe(200);
  });
});
