// A claim's publication over HTTP: read it, or publish, sign off, unpublish and correct it.
import { changePublication, publicationOf } from "../../services/publication";
import { router } from "../openapi";
import { etag, requiredVersion } from "../preconditions";
import { unwrap } from "../results";
import * as routes from "./routes";

export const publication = router()
  .openapi(routes.getPublication, async (c) => {
    const view = unwrap(await publicationOf(c.get("db"), c.get("principal"), c.req.valid("param").id));
    c.header("ETag", etag(view.version));
    return c.json(view, 200);
  })
  .openapi(routes.changePublication, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const view = unwrap(await changePublication(c.get("db"), c.get("principal"), id, requiredVersion(c), body));
    c.header("ETag", etag(view.version));
    return c.json(view, 200);
  });
