import { describe, expect, it } from "vitest";
import { api, attacksClaim } from "./helpers";

describe("smoke", () => {
  it("creates and reads a claim", async () => {
    const created = await api("POST", "/claims", { body: attacksClaim });
    expect(created.status, created.text).toBe(201);
    const got = await api("GET", `/claims/${created.json.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.get("etag")).toBe('"1"');
    const list = await api("GET", "/claims?q=43+attacks");
    expect(list.json.data).toHaveLength(1);
    const docs = await api("GET", "/openapi.json", { token: null });
    expect(docs.status).toBe(200);
  });
});
