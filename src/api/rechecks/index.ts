import { createRoute, z } from "@hono/zod-openapi";
import { decodeRecheckCursor, encodeCursor } from "../../domain/cursor";
import { DateOrDateTime } from "../../domain/schemas";
import { RECHECK_OUTCOMES } from "../../domain/vocabulary";
import { requirePermission } from "../../middleware/auth";
import { spendingLimit } from "../../middleware/rate-limit";
import { recheckList, recheckView } from "../../services/recheck-log";
import { recheckNow, recheckSettings } from "../../services/rechecks";
import { cursorOrThrow } from "../cursor";
import { IdParam, jsonResponse, problems, router } from "../openapi";
import { unwrap } from "../results";
import { ListQuery, page, Recheck } from "../schemas";

const run = createRoute({
  method: "post",
  path: "/claims/{id}/rechecks",
  tags: ["rechecks"],
  summary: "Re-check this claim's source now",
  description:
    "Fetches the source, checks the quote is still there as quoted, raises or clears flags, and answers the recheck.",
  middleware: [requirePermission("review"), spendingLimit("RECHECK_LIMITER")],
  request: { params: IdParam("id", "clm_01JNDX8Y3T6M5V0A7K2Q9R4B1C") },
  // 422: an Idempotency-Key already used for another request.
  responses: { 201: jsonResponse(Recheck, "The recheck"), ...problems(404, 409, 422, 429) },
});

const list = createRoute({
  method: "get",
  path: "/rechecks",
  tags: ["rechecks"],
  summary: "Recent source visits, newest first",
  middleware: [requirePermission("read")],
  request: {
    query: ListQuery.extend({
      outcome: z
        .enum(RECHECK_OUTCOMES)
        .optional()
        .openapi({ param: { name: "outcome", in: "query" } }),
      since: DateOrDateTime.optional().openapi({ param: { name: "since", in: "query" } }),
    }),
  },
  responses: { 200: jsonResponse(page(Recheck, "RecheckPage"), "A page of rechecks"), ...problems() },
});

export const rechecks = router()
  .openapi(run, async (c) => {
    const deps = { db: c.get("db"), settings: recheckSettings(c.get("config")) };
    const recheck = unwrap(await recheckNow(deps, c.get("principal"), c.req.valid("param").id));
    return c.json(recheckView(recheck), 201);
  })
  .openapi(list, async (c) => {
    const { outcome, since, limit, cursor } = c.req.valid("query");
    const page = unwrap(
      await recheckList(c.get("db"), c.get("principal"), {
        outcome,
        since: since === undefined ? undefined : new Date(since).toISOString(),
        limit,
        cursor: cursorOrThrow(cursor, decodeRecheckCursor),
      }),
    );
    return c.json({ data: page.rechecks, next_cursor: page.next && encodeCursor(page.next) }, 200);
  });
