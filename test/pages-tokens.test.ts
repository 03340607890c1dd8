// /admin/tokens without JavaScript: the list (role, minter, last use), making a token (its secret
// on the answer only), revoking after a confirmation page; admins only, as HTML pages.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { principalForSecret } from "../src/services/auth";
import { adminCookie, cookieFor, db, get, post, squash, texts } from "./pages-helpers";

let admin = "";
beforeAll(async () => {
  admin = await adminCookie();
});

describe("/admin/tokens", () => {
  it("makes a token, shows its secret on that answer only, then revokes it after a confirmation", async () => {
    const made = await post("/admin/tokens", { name: "Tess Tokens", role: "reviewer" }, admin);
    expect(made.status).toBe(201);
    expect(made.headers.get("cache-control")).toBe("no-store");
    const secret = squash((await texts(made.html, "#token-secret"))[0]);
    expect(secret).toMatch(/^cd_[\w-]{43}$/);
    // The secret works, and is the person named.
    expect(await principalForSecret(db, secret, {})).toMatchObject({ actor: "Tess Tokens", role: "reviewer" });

    const list = await get("/admin/tokens", admin);
    expect(list.status).toBe(200);
    expect(list.html).not.toContain(secret);
    const row = (await texts(list.html, "table.tokens tr")).map(squash).find((r) => r.startsWith("Tess Tokens"));
    // Name, id, role, minter, last use (the login above used it), and the way to revoke it.
    expect(row).toMatch(
      /^Tess Tokens\s*tok_\w+, made .+Role: reviewer\s*Made by: admin \(ADMIN_TOKEN\)\s*Last used: \d.+UTC\s*Revoke Tess Tokens…$/,
    );
    const id = /tok_\w+/.exec(row ?? "")?.[0] ?? "";

    const confirm = await get(`/admin/tokens/${id}/revoke`, admin);
    expect(confirm.status).toBe(200);
    expect(await texts(confirm.html, "h1")).toEqual(["Revoke the token “Tess Tokens”?"]);
    expect(await principalForSecret(db, secret, {})).not.toBeNull();

    const revoked = await post(`/admin/tokens/${id}/revoke`, {}, admin);
    expect(revoked.status).toBe(303);
    expect(revoked.location).toBe("/admin/tokens?done=revoked");
    expect(await principalForSecret(db, secret, {})).toBeNull();
    const after = await get("/admin/tokens?done=revoked", admin);
    expect(squash((await texts(after.html, ".notice"))[0])).toContain("Token revoked");
    expect(squash((await texts(after.html, "details"))[0])).toContain("Tess Tokens");
  });

  it("keeps the input and says why when the name is refused", async () => {
    const empty = await post("/admin/tokens", { name: "  ", role: "reviewer" }, admin);
    expect(empty.status).toBe(422);
    expect(await texts(empty.html, "#name-error")).toHaveLength(1);
    const system = await post("/admin/tokens", { name: "Recheck Job", role: "viewer" }, admin);
    expect(system.status).toBe(422);
    expect(squash((await texts(system.html, "#name-error"))[0])).toContain("recheck job");
    await post("/admin/tokens", { name: "Twin Name", role: "viewer" }, admin);
    const twin = await post("/admin/tokens", { name: "TWIN name", role: "admin" }, admin);
    expect(twin.status).toBe(409);
    expect(squash((await texts(twin.html, ".notice.bad"))[0])).toContain("A live token is named");
    expect(twin.html).toContain('value="TWIN name"');
    const badRole = await post("/admin/tokens", { name: "Rolf", role: "owner" }, admin);
    expect(badRole.status).toBe(422);
    expect(await texts(badRole.html, "#role-error")).toHaveLength(1);
  });

  it("answers 404 pages for an unknown token", async () => {
    const page = await get("/admin/tokens/tok_nope/revoke", admin);
    expect(page.status).toBe(404);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const posted = await post("/admin/tokens/tok_nope/revoke", {}, admin);
    expect(posted.status).toBe(404);
    expect(posted.headers.get("content-type")).toMatch(/^text\/html/);
  });

  it("is for admins: a reviewer gets a 403 page, and nothing is made or revoked", async () => {
    const rita = (await cookieFor("reviewer", "Rita Tokens")).cookie;
    const { id } = await cookieFor("viewer", "Vic Tokens");
    for (const res of [
      await get("/admin/tokens", rita),
      await post("/admin/tokens", { name: "Sneaky", role: "admin" }, rita),
      await get(`/admin/tokens/${id}/revoke`, rita),
      await post(`/admin/tokens/${id}/revoke`, {}, rita),
    ]) {
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(squash((await texts(res.html, "main"))[0])).toContain("This is for admins; your role is reviewer.");
    }
    const list = await get("/admin/tokens", admin);
    expect(list.html).not.toContain("Sneaky");
    expect(list.html).toContain(`/admin/tokens/${id}/revoke`);
    expect(env.ADMIN_TOKEN).toBeTruthy();
  });
});
