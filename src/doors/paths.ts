// Which door serves a path. The Worker (src/index.ts) loads a door's modules on its first
// request, so a cold start evaluates none of them; this table is all it needs to choose.
// Anything not named here is the review interface's, which also answers unknown paths.
// test/door-routing.test.ts holds every route of every door to this table.
import { isPublicPath } from "../domain/publication";

export type Door = "health" | "api" | "public" | "assets" | "pages";

/** The door for a path as hono routes it (`getPath`: percent-decoded, query left off). */
export function doorOf(path: string): Door {
  if (path === "/healthz") return "health";
  // The JSON API, its readable page and that page's stylesheet (src/api/index.ts).
  if (path.startsWith("/api/") || path === "/assets/docs.css") return "api";
  // The published fact-checks, feeds and sitemap (src/pages/public).
  if (isPublicPath(path)) return "public";
  // The pages' stylesheet and script (src/pages/asset-routes.ts).
  if (path === "/assets/app.css" || path === "/assets/shortcuts.js") return "assets";
  return "pages";
}
