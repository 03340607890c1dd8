// The Worker serves each door (src/doors) as its own app, loaded on its first request and
// chosen by path (src/doors/paths.ts); createApp() holds every door's routes in one app. Here
// every route of every door is held to the table, so a route added under a path the table gives
// to another door fails here rather than answering 404 in production.
import { env, exports } from "cloudflare:workers";
import type { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import api from "../src/doors/api";
import assets from "../src/doors/assets";
import health from "../src/doors/health";
import pages from "../src/doors/pages";
import { type Door, doorOf } from "../src/doors/paths";
import publicDoor from "../src/doors/public";
import type { AppEnv } from "../src/env";

const DOORS: Record<Door, Hono<AppEnv>> = { health, api, public: publicDoor, assets, pages };

/** A door's routes (not its middleware): "GET /claims/:id" and the like. */
function routesOf(app: Hono<AppEnv>): string[] {
  const handlers = app.routes.filter((r) => !r.path.includes("*"));
  return [...new Set(handlers.map((r) => `${r.method} ${r.path}`))];
}

/** A path the route pattern matches: each parameter given a plain value. */
const samplePath = (pattern: string) => pattern.replace(/:[A-Za-z_]+(\{[^}]*\})?/g, "x1");

describe("the table of doors", () => {
  it("sends every route of every door to that door", () => {
    const misrouted: string[] = [];
    for (const [door, app] of Object.entries(DOORS)) {
      const routes = routesOf(app);
      expect(routes.length, door).toBeGreaterThan(0);
      for (const route of routes) {
        const path = samplePath(route.slice(route.indexOf(" ") + 1));
        if (doorOf(path) !== door) misrouted.push(`${route} is the ${door} door's, the table says ${doorOf(path)}`);
      }
    }
    expect(misrouted).toEqual([]);
  });

  it("covers the same routes as createApp(), each in one door", () => {
    const all = Object.values(DOORS).flatMap(routesOf);
    expect(new Set(all).size).toBe(all.length);
    expect(all.toSorted()).toEqual(routesOf(createApp()).toSorted());
  });

  it("routes by the path as hono reads it", async () => {
    expect(doorOf("/healthz")).toBe("health");
    expect(doorOf("/api/v1/claims")).toBe("api");
    expect(doorOf("/api/docs")).toBe("api");
    expect(doorOf("/assets/docs.css")).toBe("api");
    expect(doorOf("/fact-checks")).toBe("public");
    expect(doorOf("/fact-checks/some-slug-abc")).toBe("public");
    expect(doorOf("/sitemap.xml")).toBe("public");
    expect(doorOf("/assets/app.css")).toBe("assets");
    expect(doorOf("/review")).toBe("pages");
    expect(doorOf("/no/such/page")).toBe("pages");
    // A percent-encoded path reaches the route it decodes to, as it would in one app.
    const encoded = await exports.default.fetch("http://claimdesk.test/%61pi/v1/claims");
    const plain = await exports.default.fetch("http://claimdesk.test/api/v1/claims");
    expect([encoded.status, plain.status]).toEqual([401, 401]);
    const healthz = await exports.default.fetch("http://claimdesk.test/healthz?probe=1");
    expect(healthz.status).toBe(200);
  });

  it("answers an unknown path the same through the Worker as through createApp()", async () => {
    for (const path of ["/no/such/page", "/api/v2/x", "/fact-checks/", "/assets/nothing.css"]) {
      const worker = await exports.default.fetch(`http://claimdesk.test${path}`);
      const app = await createApp().request(path, {}, env);
      expect([path, worker.status, worker.headers.get("content-type")]).toEqual([
        path,
        app.status,
        app.headers.get("content-type"),
      ]);
    }
  });
});
