// The published fact-checks, their feeds and the sitemap in the shell, with the pages' CSP.
import { pageHeaders } from "../pages/headers";
import { publicPages } from "../pages/public";
import { shellAround } from "./shell";

export default shellAround(publicPages(pageHeaders));
