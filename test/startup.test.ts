// What a cold start does not do: build what most requests never use. `npm run bench:startup`
// measures the CPU; these tests hold the pieces that keep it low.
import { OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../src/app";

describe("the OpenAPI document", () => {
  it("is generated on its first request, once, not when the app is built", async () => {
    // The generator @hono/zod-openapi uses for getOpenAPI31Document.
    const generate = vi.spyOn(OpenApiGeneratorV31.prototype, "generateDocument");
    try {
      const app = createApp();
      expect(generate).not.toHaveBeenCalled();
      const DB = { withSession: () => ({ getBookmark: () => null }) };
      const first = await app.request("/api/v1/openapi.json", {}, { DB });
      const docs = await app.request("/api/docs", {}, { DB });
      const again = await app.request("/api/v1/openapi.json", {}, { DB });
      expect([first.status, docs.status, again.status]).toEqual([200, 200, 200]);
      expect(await again.text()).toBe(await first.text());
      expect(generate).toHaveBeenCalledTimes(1);
    } finally {
      generate.mockRestore();
    }
  });
});
