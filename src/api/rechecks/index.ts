import { createRoute, z } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import type { RecheckRow } from "../../db/queries/rechecks";
import { decodeRecheckCursor, encodeCursor } from "../../domain/cursor";
import { DateOrDateTime } from "../../domain/schemas";
import { RECHECK_OUTCOMES } from "../../domain/vocabulary";
import { RecheckInProgressError, recheckClaim } from "../../jobs/recheck";
import { requirePermission } from "../../middleware/auth";
import { Problem } from "../../middleware/problem";
import { recheckList, recheckView } from "../../services/recheck-log";
import { cursorOrThrow } from "../cursor";
import { IdParam, jsonResponse, problems, router } from "../openapi";
import { problemFor, unwrap } from "../results";
import { ListQuery, page, Recheck } from "../schemas";

const run = createRoute({
  method: "post",
  path: "/claims/{id}/rechecks",
  tags: ["rechecks"],
  summary: "Re-check this claim's source now",
  description:
    "Fetches the source, checks the quote is still there as quoted, raises or clears flags, and answers the recheck.",
  middleware: [requirePermission("review")],
  request: { params: IdParam("id", "clm_01JNDX8Y3T6M5V0A7K2Q9R4B1C") },
  responses: { 201: jsonResponse(Recheck, "The recheck"), ...problems(404, 409) },
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
    const { id } = c.req.valid("param");
    let row: RecheckRow | null;
    try {
      row = await recheckClaim(c.env, id);
    } catch (err) {
      if (!(err instanceof RecheckInProgressError)) throw err;
      throw new Problem({
        status: 409,
        title: "Re-check in progress",
        detail: "A scheduled run is re-checking this claim right now; try again in a minute.",
      });
    }
    if (!row) throw problemFor({ kind: "not_found", what: "claim", id });
    return c.json(recheckView(row), 201);
  })
  .openapi(list, async (c) => {
    const { outcome, since, limit, cursor } = c.req.valid("query");
    const page = unwrap(
      await recheckList(createDb(c.env.DB), c.get("principal"), {
        outcome,
        since: since === undefined ? undefined : new Date(since).toISOString(),
        limit,
        cursor: cursorOrThrow(cursor, decodeRecheckCursor),
      }),
    );
    return c.json({ data: page.rechecks, next_cursor: page.next && encodeCursor(page.next) }, 200);
  });
