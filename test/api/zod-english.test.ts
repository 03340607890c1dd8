// zod's own messages (where a schema sets none) come out in English from the zod the Worker
// ships: src/bundle/zod.ts, which the bundle's [alias] and test/vitest.config.ts put in place
// of "zod", cuts every other language. test/node/bundle.test.ts checks the built bundle.
import { z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { api, attacksClaim } from "./helpers";

describe("validation messages", () => {
  it("run on the zod with English only", () => {
    expect(Object.keys(z.locales)).toEqual(["en"]);
    expect(Object.keys(z.core.locales)).toEqual(["en"]);
  });

  it("are zod's English ones where the schema gives none", async () => {
    const res = await api("POST", "/claims", {
      body: { ...attacksClaim, text: `${attacksClaim.text} (zod-english)`, kind: "rumour", tags: [1] },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual(
      expect.arrayContaining([
        { path: "kind", message: 'Invalid option: expected one of "direct_quote"|"paraphrase"|"statistic"' },
        { path: "tags.0", message: "Invalid input: expected string, received number" },
      ]),
    );
  });

  it("keep the schema's own English where it gives one", async () => {
    const res = await api("POST", "/claims", { body: { ...attacksClaim, text: "x".repeat(5001) } });
    expect(res.status).toBe(422);
    expect(res.json.errors).toContainEqual({ path: "text", message: "at most 5000 characters" });
  });
});
