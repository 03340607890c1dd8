// Hostile and odd input: every answer is a deliberate 4xx problem, never a 500.
import { describe, expect, it } from "vitest";
import { api, attacksClaim } from "./helpers";

const bodies: [string, string][] = [
  ["null", "null"],
  ["an array", "[]"],
  ["a string", '"claim"'],
  ["a number", "42"],
  ["speaker null", JSON.stringify({ ...attacksClaim, speaker: null })],
  ["source a string", JSON.stringify({ ...attacksClaim, source: "AFP" })],
  ["a lone surrogate in the text", '{"text":"\\ud800 broken","speaker":{"name":"X"},"source":{"title":"T"}}'],
  ["a NUL in the text", JSON.stringify({ ...attacksClaim, text: "nul \u0000 byte" })],
  ["deep nesting", `${"[".repeat(5000)}${"]".repeat(5000)}`],
  ["tags as an object", JSON.stringify({ ...attacksClaim, tags: { a: 1 } })],
  ["a prototype key", '{"__proto__":{"admin":true},"text":"x","speaker":{"name":"X"},"source":{"title":"T"}}'],
  ["a date far out of range", JSON.stringify({ ...attacksClaim, stated_at: "99999-01-01" })],
  ["an impossible date", JSON.stringify({ ...attacksClaim, stated_at: "2020-02-31" })],
  ["a url with spaces", JSON.stringify({ ...attacksClaim, source: { url: "https://exa mple.org/" } })],
  ["a data: url", JSON.stringify({ ...attacksClaim, source: { url: "data:text/html,<script>alert(1)</script>" } })],
];

describe("POST /claims with hostile bodies", () => {
  it.each(bodies)("%s is answered without a 500", async (_name, body) => {
    const res = await api("POST", "/claims", { body });
    expect(res.status, res.text).toBeLessThan(500);
    if (res.status >= 400) expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});

const paths = [
  "/claims/%00",
  "/claims/%FF%FE",
  "/claims/clm_'%20OR%201=1--",
  "/claims?cursor=%FF",
  "/claims?cursor=eyJzZXEiOiJ4In0",
  "/claims?q=%22%22%22",
  "/claims?q=NEAR(a%20b)%20OR%20*",
  "/claims?q=%F0%9F%92%A9",
  "/claims?limit=1e3",
  "/claims?limit=-1",
  "/claims?status=verified&status=false",
  "/speakers?name=%25%25_",
  "/rechecks?since=yesterday",
  "/export?format=../../etc/passwd",
  "/claims/clm_nope/history",
  "/claims/clm_nope/claimreview",
];

describe("GET with hostile paths and queries", () => {
  it.each(paths)("%s is answered without a 500", async (path) => {
    const res = await api("GET", path);
    expect(res.status, res.text).toBeLessThan(500);
  });
});

describe("writes with odd preconditions", () => {
  it.each(['"99999999999999999999"', '"-1"', "*", '"1", "2"', 'W/"abc"'])(
    "If-Match %s is not a 500",
    async (ifMatch) => {
      const made = await api("POST", "/claims", { body: { ...attacksClaim, text: `if-match ${ifMatch}` } });
      const res = await api("POST", `/claims/${made.json.id}/reviews`, {
        body: { status: "in_review" },
        headers: { "if-match": ifMatch },
      });
      expect(res.status, res.text).toBeLessThan(500);
      expect([400, 412]).toContain(res.status);
    },
  );
});

const worthinessBodies: [string, string][] = [
  ["null", "null"],
  ["texts null", '{"texts":null}'],
  ["a lone surrogate", '{"texts":["\\ud800 broken"]}'],
  ["a NUL", JSON.stringify({ texts: ["nul \u0000 byte"] })],
  ["nested arrays", JSON.stringify({ texts: [["a"]] })],
  ["a prototype key", '{"__proto__":{"admin":true},"texts":["x"]}'],
  ["only punctuation and digits", JSON.stringify({ texts: ["?!$%".repeat(500), "9".repeat(2000)] })],
  ["100 texts of 2,000 characters", JSON.stringify({ texts: Array(100).fill("Tax ".repeat(500)) })],
];

describe("POST /worthiness with hostile bodies", () => {
  it.each(worthinessBodies)("%s is answered without a 500", async (_name, body) => {
    const res = await api("POST", "/worthiness", { body });
    expect(res.status, res.text).toBeLessThan(500);
    if (res.status >= 400) expect(res.headers.get("content-type")).toBe("application/problem+json");
    else expect(res.json.results.length).toBeGreaterThan(0);
  });
});
