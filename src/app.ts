// createApp(): every door's routes in one app, in the same shell (src/doors/shell.ts). Tests use
// it; the Worker (src/index.ts) serves each door as its own app, loaded on its first request,
// and test/door-routing.test.ts holds the two to the same routes.
import { createApi } from "./api";
import { health } from "./api/health/routes";
import { shellAround } from "./doors/shell";
import { createPages } from "./pages";
import { assetRoutes } from "./pages/asset-routes";
import { pageHeaders } from "./pages/headers";
import { publicPages } from "./pages/public";

export function createApp() {
  return shellAround(health, createApi(), publicPages(pageHeaders), assetRoutes(), createPages());
}
