// Every request runs in a D1 session: the answer carries the bookmark, and a read that sends it
// back sees what the caller wrote (read-your-writes), through the API and the pages alike.
import { describe, expect, it } from "vitest";
import { api, attacksClaim } from "./api/helpers";
import { adminCookie, get, post } from "./pages-helpers";

describe("D1 sessions", () => {
  it("hands API clients a bookmark, and a read with it sees their write", async () => {
    const created = await api("POST", "/claims", { body: { ...attacksClaim, text: "bookmark round trip" } });
    expect(created.status).toBe(201);
    const bookmark = created.headers.get("d1-bookmark");
    expect(bookmark).toMatch(/^[A-Za-z0-9-]+$/);
    const read = await api("GET", `/api/v1/claims/${created.json.id}`.replace("/api/v1", ""), {
      headers: { "d1-bookmark": bookmark ?? "" },
    });
    expect(read.status).toBe(200);
    expect(read.json.text).toBe("bookmark round trip");
    // The bookmark never goes backwards.
    expect((read.headers.get("d1-bookmark") ?? "") >= (bookmark ?? "")).toBe(true);
  });

  it("ignores a bookmark that is not one (no 500, no error)", async () => {
    for (const garbage of ["not a bookmark!", "x".repeat(500), "'; DROP TABLE claims; --"]) {
      const res = await api("GET", "/claims?limit=1", { headers: { "d1-bookmark": garbage } });
      expect(res.status).toBe(200);
    }
  });

  it("keeps reviewers' bookmark in a cookie", async () => {
    const cookie = await adminCookie();
    const filed = await post(
      "/claims/new",
      {
        text: "bookmark in a cookie",
        kind: "direct_quote",
        speaker_name: "Sonny Leggett",
        source_url: "https://www.example.com/bookmarks",
      },
      cookie,
    );
    expect(filed.status).toBe(303);
    const setCookie = filed.headers.get("set-cookie") ?? "";
    const bookmark = /claimdesk_bookmark=([^;]+)/.exec(setCookie)?.[1];
    expect(bookmark).toBeTruthy();
    expect(setCookie).toMatch(/HttpOnly/i);
    const page = await get(filed.location ?? "", `${cookie}; claimdesk_bookmark=${bookmark}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("bookmark in a cookie");
  });
});
