// The review queue's "Most worth checking first" order (ClaimFilters' sort, shared with GET /claims).
import { describe, expect, it } from "vitest";
import { api } from "./api/helpers";
import { adminCookie, attrs, get } from "./pages-helpers";

describe("/review?sort=worth", () => {
  it("lists the claims most worth checking first, and keeps the choice in the form", async () => {
    const texts = [
      "Thank you all for coming tonight.",
      "Unemployment fell from 7.8 percent to 4.1 percent over four years.",
      "I think we can do better than that.",
    ];
    const ids: string[] = [];
    for (const text of texts) {
      const res = await api("POST", "/claims", {
        body: { text, speaker: { name: "Ana Ruiz" }, source: { title: "Council meeting" } },
      });
      ids.push(res.json.id);
    }
    const cookie = await adminCookie();
    const page = await get("/review?sort=worth", cookie);
    expect(page.status).toBe(200);
    const linked = (await attrs(page.html, ".queue .row a[href^='/claims/clm_']", "href"))
      .map((href) => href?.slice("/claims/".length))
      .filter((id) => id && ids.includes(id));
    const listed = [...new Set(linked)];
    const byApi = (await api("GET", "/claims?sort=worth")).json.data.map((c: { id: string }) => c.id);
    expect(listed).toEqual(byApi.filter((id: string) => ids.includes(id)));
    expect(listed[0]).toBe(ids[1]);
    expect(page.html).toMatch(/<option value="worth" selected/);
    // Without it, the queue's own order (newest first among unverified).
    const plain = await get("/review", cookie);
    expect(plain.html).not.toMatch(/<option value="worth" selected/);
  });
});
