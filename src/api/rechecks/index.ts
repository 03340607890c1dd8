import { createRoute, z } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import { isRecheckCursor, listRechecks, type RecheckRow } from "../../db/queries/rechecks";
import { RECHECK_OUTCOMES } from "../../domain/vocabulary";
import { requirePermission } from "../../middleware/auth";
import { Problem } from "../../middleware/problem";
import { recheckNow, recheckSettings } from "../../services/rechecks";
import { notFound } from "../claims/inputs";
import { decodeCursor, encodeCursor } from "../cursor";
import { IdParam, jsonResponse, problems, router } from "../openapi";
import { DateOrDateTime, ListQuery, page, Recheck } from "../schemas";

function recheckView(row: RecheckRow) {
  return {
    id: row.id,
    claim_id: row.claimId,
    source_id: row.sourceId,
    at: row.at,
    outcome: row.outcome,
    http_status: row.httpStatus,
    content_hash: row.contentHash,
    detail: row.detail,
  };
}

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
    const result = await recheckNow({ db: createDb(c.env.DB), settings: recheckSettings(c.env) }, id);
    if (!result.ok) {
      const { error } = result;
      if (error.kind === "conflict") throw new Problem({ status: 409, title: error.title, detail: error.detail });
      throw notFound("claim", id);
    }
    return c.json(recheckView(result.value), 201);
  })
  .openapi(list, async (c) => {
    const query = c.req.valid("query");
    const { data, nextCursor } = await listRechecks(createDb(c.env.DB), {
      outcome: query.outcome,
      since: query.since === undefined ? undefined : new Date(query.since).toISOString(),
      limit: query.limit,
      cursor: query.cursor === undefined ? undefined : decodeCursor(query.cursor, isRecheckCursor),
    });
    return c.json({ data: data.map(recheckView), next_cursor: nextCursor && encodeCursor(nextCursor) }, 200);
  });
