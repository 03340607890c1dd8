import { createRoute, z } from "@hono/zod-openapi";
import { decodeIdCursor, encodeCursor } from "../../domain/cursor";
import { NewSourceBody } from "../../domain/schemas";
import { requirePermission } from "../../middleware/auth";
import { createSource, sourceList, sourceRecord } from "../../services/sources";
import { cursorOrThrow } from "../cursor";
import { IdParam, jsonBody, jsonResponse, problems, router } from "../openapi";
import { unwrap } from "../results";
import { Claim, ListQuery, page } from "../schemas";

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
    const { limit, cursor } = c.req.valid("query");
    const page = unwrap(
      await sourceList(c.get("db"), c.get("principal"), {
        limit,
        cursor: cursorOrThrow(cursor, decodeIdCursor),
      }),
    );
    return c.json({ data: page.sources, next_cursor: page.next && encodeCursor(page.next) }, 200);
  })
  .openapi(create, async (c) => {
    const source = unwrap(await createSource(c.get("db"), c.get("principal"), c.req.valid("json")));
    c.header("Location", `/api/v1/sources/${source.id}`);
    return c.json(source, 201);
  })
  .openapi(get, async (c) => {
    const record = unwrap(await sourceRecord(c.get("db"), c.get("principal"), c.req.valid("param").id));
    return c.json(record, 200);
  });
