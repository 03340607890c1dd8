import { createRoute, z } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import { claimView, listClaims } from "../../db/queries/claims";
import { createSpeaker, getSpeaker, listSpeakers, speakerView, statusTally } from "../../db/queries/speakers";
import { STATUSES } from "../../domain/vocabulary";
import { requirePermission } from "../../middleware/auth";
import { Problem } from "../../middleware/problem";
import { notFound } from "../claims/inputs";
import { decodeCursor, encodeCursor, isIdCursor } from "../cursor";
import { IdParam, jsonBody, jsonResponse, problems, router } from "../openapi";
import { Claim, ListQuery, NewSpeakerBody, page, Speaker } from "../schemas";

const SpeakerListItem = Speaker.extend({ created_at: z.string() }).openapi("SpeakerListItem");
const SpeakerDetail = SpeakerListItem.extend({
  tally: z.object(Object.fromEntries(STATUSES.map((s) => [s, z.number().int()]))).openapi({
    description: "The speaker's claims counted by status: their track record.",
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
    const query = c.req.valid("query");
    const { rows, more } = await listSpeakers(createDb(c.env.DB), {
      limit: query.limit,
      name: query.name,
      afterId: query.cursor === undefined ? undefined : decodeCursor(query.cursor, isIdCursor).id,
    });
    const last = rows.at(-1);
    return c.json(
      { data: rows.map(speakerView), next_cursor: more && last ? encodeCursor({ id: last.id }) : null },
      200,
    );
  })
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    const db = createDb(c.env.DB);
    const { created, id } = await createSpeaker(db, body);
    if (!created) {
      throw new Problem({
        status: 409,
        title: "Duplicate speaker",
        detail: `A speaker with this name and role exists: ${id}.`,
        extensions: { existing_id: id },
      });
    }
    const row = await getSpeaker(db, id);
    if (!row) throw notFound("speaker", id);
    c.header("Location", `/api/v1/speakers/${id}`);
    return c.json(speakerView(row), 201);
  })
  .openapi(get, async (c) => {
    const { id } = c.req.valid("param");
    const db = createDb(c.env.DB);
    const row = await getSpeaker(db, id);
    if (!row) throw notFound("speaker", id);
    const [tally, latest] = await Promise.all([statusTally(db, id), listClaims(db, { speakerId: id, limit: 100 })]);
    return c.json({ ...speakerView(row), tally, claims: latest.rows.map(claimView) }, 200);
  });
