// GET /assets/app.css and /assets/shortcuts.js: the stylesheet of the review interface and the
// public pages, and the interface's keyboard script. Their own door (src/doors), so a reader of
// the public pages does not load the review interface to get its stylesheet.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { SHORTCUTS_SCRIPT, STYLESHEET } from "./assets";

export function assetRoutes() {
  const assets = new Hono<AppEnv>();
  assets.get("/assets/app.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(STYLESHEET, 200, { "Content-Type": "text/css; charset=utf-8" });
  });
  assets.get("/assets/shortcuts.js", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(SHORTCUTS_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });
  return assets;
}
