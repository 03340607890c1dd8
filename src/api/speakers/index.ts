import { createRoute, z } from "@hono/zod-openapi";
import { decodeIdCursor, encodeCursor } from "../../domain/cursor";
import { NewSpeakerBody } from "../../domain/schemas";
import { STATUSES } from "../../domain/vocabulary";
import { requirePermission } from "../../middleware/auth";
import { createSpeaker, speakerList, speakerRecord } from "../../services/speakers";
import { cursorOrThrow } from "../cursor";
import { IdParam, jsonBody, jsonResponse, problems, router } from "../openapi";
import { unwrap } from "../results";
import { Claim, ListQuery, page, Speaker } from "../schemas";

const SpeakerListItem = Speaker.extend({ created_at: z.string() }).openapi("SpeakerListItem");
const SpeakerDetail = SpeakerListItem.extend({
  tally: z.object(Object.fromEntries(STATUSES.map((s) => [s, z.number().int()]))).openapi({
    description: "The speaker's claims counted by status: their track record.",
  }),
  repeats: z
    .object({
      total: z.number().int(),
      of_checked: z.number().int(),
      of_false_or_misleading: z.number().int(),
    })
    .openapi({
      description:
        "How many of the speaker's claims repeat an earlier claim; of those, how many repeat one that has a verdict, and one rated false or misleading.",
    }),
  claims: z.array(Claim).openapi({ description: "Their latest claims (up to 100)." }),
}).openapi("SpeakerDetail");

const list = createRoute({
  method: "get",
  path: "/speakers",
  tags: ["speakers"],
  summary: "List speakers, newest first",
  middleware: [requirePermission("read")],
  request: {
    query: ListQuery.extend({
      name: z
        .string()
        .max(300)
        .optional()
        .openapi({ param: { name: "name", in: "query" }, description: "Part of the name." }),
    }),
  },
  responses: { 200: jsonResponse(page(SpeakerListItem, "SpeakerPage"), "A page of speakers"), ...problems() },
});

const create = createRoute({
  method: "post",
  path: "/speakers",
  tags: ["speakers"],
  summary: "Add a speaker (409 with the existing id when the same name and role exist)",
  middleware: [requirePermission("review")],
  request: { body: jsonBody(NewSpeakerBody) },
  responses: { 201: jsonResponse(SpeakerListItem, "Created"), ...problems(409, 413, 415, 422) },
});

const get = createRoute({
  method: "get",
  path: "/speakers/{id}",
  tags: ["speakers"],
  summary: "A speaker with their track record (claims by status)",
  middleware: [requirePermission("read")],
  request: { params: IdParam("id", "spk_01JNDX8Y3T6M5V0A7K2Q9R4B1C") },
  responses: { 200: jsonResponse(SpeakerDetail, "The speaker"), ...problems(404) },
});

export const speakers = router()
  .openapi(list, async (c) => {
    const { limit, name, cursor } = c.req.valid("query");
    const page = unwrap(
      await speakerList(c.get("db"), c.get("principal"), {
        limit,
        name,
        cursor: cursorOrThrow(cursor, decodeIdCursor),
      }),
    );
    return c.json({ data: page.speakers, next_cursor: page.next && encodeCursor(page.next) }, 200);
  })
  .openapi(create, async (c) => {
    const speaker = unwrap(await createSpeaker(c.get("db"), c.get("principal"), c.req.valid("json")));
    c.header("Location", `/api/v1/speakers/${speaker.id}`);
    return c.json(speaker, 201);
  })
  .openapi(get, async (c) => {
    const record = unwrap(await speakerRecord(c.get("db"), c.get("principal"), c.req.valid("param").id));
    return c.json(record, 200);
  });
