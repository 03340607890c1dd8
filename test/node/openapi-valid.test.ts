// swagger-parser needs Node, so this one check of the document runs outside workerd. The app
// serves /api/v1/openapi.json without querying D1, so Node can ask it directly, with a D1 that
// only opens the request's (unused) session.
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";

describe("the OpenAPI document", () => {
  it("validates against the OpenAPI 3.1 schema", async () => {
    const DB = { withSession: () => ({ getBookmark: () => null }) };
    const res = await createApp().request("/api/v1/openapi.json", {}, { DB });
    const doc = await res.json();
    await expect(SwaggerParser.validate(doc as never)).resolves.toMatchObject({ openapi: "3.1.0" });
  });
});
