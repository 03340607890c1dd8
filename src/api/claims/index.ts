// The claims resource over HTTP: parse, call the use case, answer JSON or problem+json.
import { decodeClaimCursor, encodeCursor } from "../../domain/cursor";
import {
  claimHistory,
  claimOrder,
  createClaim,
  editClaim,
  getClaim,
  listClaims,
  reviewClaim,
} from "../../services/claims";
import { addEvidence, removeEvidence } from "../../services/evidence";
import { clearFlag } from "../../services/flags";
import { linkRepeat, unlinkRepeat } from "../../services/repeats";
import { cursorOrThrow } from "../cursor";
import { router } from "../openapi";
import { etag, requiredVersion } from "../preconditions";
import { unwrap } from "../results";
import * as routes from "./routes";

export const claims = router()
  .openapi(routes.listClaims, async (c) => {
    const { q, cursor, speaker_id, source_id, repeat_of, assigned, ...filters } = c.req.valid("query");
    const order = claimOrder({ q, sort: filters.sort });
    const page = unwrap(
      await listClaims(c.get("db"), c.get("principal"), {
        ...filters,
        speakerId: speaker_id,
        sourceId: source_id,
        repeatOf: repeat_of,
        assigned: assigned === undefined ? undefined : assigned === "true",
        q,
        cursor: cursorOrThrow(cursor, (value) => decodeClaimCursor(value, order)),
      }),
    );
    const searchOrder = page.searchOrder ? { search_order: page.searchOrder } : {};
    return c.json({ data: page.claims, next_cursor: page.next && encodeCursor(page.next), ...searchOrder }, 200);
  })
  .openapi(routes.createClaim, async (c) => {
    const claim = unwrap(await createClaim(c.get("db"), c.get("principal"), c.req.valid("json")));
    c.header("Location", `/api/v1/claims/${claim.id}`);
    c.header("ETag", etag(claim.version));
    return c.json(claim, 201);
  })
  .openapi(routes.getClaim, async (c) => {
    const claim = unwrap(await getClaim(c.get("db"), c.get("principal"), c.req.valid("param").id));
    c.header("ETag", etag(claim.version));
    return c.json(claim, 200);
  })
  .openapi(routes.editClaim, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const claim = unwrap(await editClaim(c.get("db"), c.get("principal"), id, requiredVersion(c), body));
    c.header("ETag", etag(claim.version));
    return c.json(claim, 200);
  })
  .openapi(routes.reviewClaim, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const { claim } = unwrap(await reviewClaim(c.get("db"), c.get("principal"), id, requiredVersion(c), body));
    c.header("ETag", etag(claim.version));
    return c.json(claim, 200);
  })
  .openapi(routes.linkRepeat, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const claim = unwrap(await linkRepeat(c.get("db"), c.get("principal"), id, requiredVersion(c), body));
    c.header("ETag", etag(claim.version));
    return c.json(claim, 200);
  })
  .openapi(routes.unlinkRepeat, async (c) => {
    const { id } = c.req.valid("param");
    const claim = unwrap(await unlinkRepeat(c.get("db"), c.get("principal"), id, requiredVersion(c)));
    c.header("ETag", etag(claim.version));
    return c.json(claim, 200);
  })
  .openapi(routes.claimHistory, async (c) => {
    const events = unwrap(await claimHistory(c.get("db"), c.get("principal"), c.req.valid("param").id));
    return c.json({ data: events }, 200);
  })
  .openapi(routes.addEvidence, async (c) => {
    const { id } = c.req.valid("param");
    const item = unwrap(await addEvidence(c.get("db"), c.get("principal"), id, c.req.valid("json")));
    return c.json(item, 201);
  })
  .openapi(routes.removeEvidence, async (c) => {
    const { id, eid } = c.req.valid("param");
    unwrap(await removeEvidence(c.get("db"), c.get("principal"), id, eid));
    return c.body(null, 204);
  })
  .openapi(routes.clearFlag, async (c) => {
    const { id, flag } = c.req.valid("param");
    const { note } = c.req.valid("json");
    const claim = unwrap(await clearFlag(c.get("db"), c.get("principal"), id, flag, note));
    return c.json(claim, 200);
  });
