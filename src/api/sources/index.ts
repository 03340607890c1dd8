import { createRoute, z } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import { claimView, listClaims } from "../../db/queries/claims";
import { createSource, getSource, listSources, sourceView } from "../../db/queries/sources";
import { requirePermission } from "../../middleware/auth";
import { Problem } from "../../middleware/problem";
import { notFound } from "../claims/inputs";
import { decodeCursor, encodeCursor, isIdCursor } from "../cursor";
import { IdParam, jsonBody, jsonResponse, problems, router } from "../openapi";
import { Claim, ListQuery, NewSourceBody, page } from "../schemas";

const Source = z
  .object({
    id: z.string(),
    url: z.string().nullable(),
    title: z.string().nullable(),
    publisher: z.string().nullable(),
    author: z.string().nullable(),
    published_at: z.string().nullable(),
    content_hash: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi("Source");
const SourceDetail = Source.extend({
  text: z.string().nullable().openapi({ description: "The archived article text." }),
  latest_content_hash: z.string().nullable(),
  latest_fetched_at: z.string().nullable(),
  claims: z.array(Claim).openapi({ description: "Claims reported in this source (up to 100, newest first)." }),
}).openapi("SourceDetail");

const list = createRoute({
  method: "get",
  path: "/sources",
  tags: ["sources"],
  summary: "List sources, newest first",
  middleware: [requirePermission("read")],
  request: { query: ListQuery },
  responses: { 200: jsonResponse(page(Source, "SourcePage"), "A page of sources"), ...problems() },
});

const create = createRoute({
  method: "post",
  path: "/sources",
  tags: ["sources"],
  summary: "Add a source (409 with the existing id when its canonical url exists)",
  middleware: [requirePermission("review")],
  request: { body: jsonBody(NewSourceBody) },
  responses: { 201: jsonResponse(Source, "Created"), ...problems(409, 413, 415, 422) },
});

const get = createRoute({
  method: "get",
  path: "/sources/{id}",
  tags: ["sources"],
  summary: "A source with its archived text and its claims",
  middleware: [requirePermission("read")],
  request: { params: IdParam("id", "src_01JNDX8Y3T6M5V0A7K2Q9R4B1C") },
  responses: { 200: jsonResponse(SourceDetail, "The source"), ...problems(404) },
});

export const sources = router()
  .openapi(list, async (c) => {
    const query = c.req.valid("query");
    const { rows, more } = await listSources(createDb(c.env.DB), {
      limit: query.limit,
      afterId: query.cursor === undefined ? undefined : decodeCursor(query.cursor, isIdCursor).id,
    });
    const last = rows.at(-1);
    return c.json(
      { data: rows.map(sourceView), next_cursor: more && last ? encodeCursor({ id: last.id }) : null },
      200,
    );
  })
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    const db = createDb(c.env.DB);
    const { created, id } = await createSource(db, { ...body, publishedAt: body.published_at });
    if (!created) {
      throw new Problem({
        status: 409,
        title: "Duplicate source",
        detail: `A source with this url exists: ${id}.`,
        extensions: { existing_id: id },
      });
    }
    const row = await getSource(db, id);
    if (!row) throw notFound("source", id);
    c.header("Location", `/api/v1/sources/${id}`);
    return c.json(sourceView(row), 201);
  })
  .openapi(get, async (c) => {
    const { id } = c.req.valid("param");
    const db = createDb(c.env.DB);
    const row = await getSource(db, id);
    if (!row) throw notFound("source", id);
    const latest = await listClaims(db, { sourceId: id, limit: 100 });
    return c.json(
      {
        ...sourceView(row),
        text: row.text,
        latest_content_hash: row.latestContentHash,
        latest_fetched_at: row.latestFetchedAt,
        claims: latest.rows.map(claimView),
      },
      200,
    );
  });
