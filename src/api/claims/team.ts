// Team workflow on claims over HTTP: assignment, internal notes and bulk actions.
import { createRoute, z } from "@hono/zod-openapi";
import { decodeNoteCursor, encodeCursor } from "../../domain/cursor";
import { AssignBody, BULK_ACTIONS, BULK_MAX, BulkBody, LIMITS, NoteBody } from "../../domain/schemas";
import { requirePermission } from "../../middleware/auth";
import { assigneeOf, setAssignee } from "../../services/assignment";
import { bulkChange } from "../../services/bulk";
import { addNote, claimNotes } from "../../services/notes";
import { cursorOrThrow } from "../cursor";
import { ClaimId, etagHeader, IfMatch, jsonBody, jsonResponse, problems, router } from "../openapi";
import { etag, requiredVersion } from "../preconditions";
import { unwrap } from "../results";
import { ClaimDetail, ListQuery, page } from "../schemas";

const read = [requirePermission("read")];
const review = [requirePermission("review")];

const Note = z.object({ id: z.string(), author: z.string(), text: z.string(), created_at: z.string() }).openapi("Note");

const BulkResult = z
  .object({
    id: z.string(),
    outcome: z.enum(["done", "unchanged", "skipped"]),
    version: z.number().int().optional().openapi({ description: "The claim's version after the action." }),
    reason: z.enum(["stale", "not_found", "invalid", "forbidden"]).optional(),
    detail: z.string().optional(),
    current_version: z.number().int().optional().openapi({ description: "With `stale`: the version the claim is at." }),
  })
  .openapi("BulkResult");

const assign = createRoute({
  method: "put",
  path: "/claims/{id}/assignee",
  tags: ["team"],
  summary: "Assign the claim to someone, or to yourself with `me: true` (needs If-Match)",
  description:
    "Writes an `assigned` event and a `claim.assigned` webhook. The assignee is a token's name or an Access email.",
  middleware: review,
  request: { params: ClaimId, headers: IfMatch, body: jsonBody(AssignBody) },
  responses: {
    200: { ...jsonResponse(ClaimDetail, "The claim, assigned"), headers: etagHeader },
    ...problems(404, 412, 413, 415, 422, 428),
  },
});

const unassign = createRoute({
  method: "delete",
  path: "/claims/{id}/assignee",
  tags: ["team"],
  summary: "Take the claim back from its assignee (needs If-Match)",
  middleware: review,
  request: { params: ClaimId, headers: IfMatch },
  responses: {
    200: { ...jsonResponse(ClaimDetail, "The claim, unassigned"), headers: etagHeader },
    ...problems(404, 412, 428),
  },
});

const listNotes = createRoute({
  method: "get",
  path: "/claims/{id}/notes",
  tags: ["team"],
  summary: "The claim's internal notes, newest first, a page at a time (never exported or published)",
  description:
    "Pages like every list: `limit` (1..100, default 50) notes newest first, and `next_cursor` to pass as `cursor` for the older ones (null on the last page). A cursor that is not one this API handed out answers 400.",
  middleware: read,
  request: { params: ClaimId, query: ListQuery },
  responses: { 200: jsonResponse(page(Note, "NotePage"), "A page of notes"), ...problems(404) },
});

const createNote = createRoute({
  method: "post",
  path: "/claims/{id}/notes",
  tags: ["team"],
  summary: `Add an internal note (plain text, up to ${LIMITS.internalNote.toLocaleString("en")} characters)`,
  middleware: review,
  request: { params: ClaimId, body: jsonBody(NoteBody) },
  responses: { 201: jsonResponse(Note, "The note"), ...problems(404, 413, 415, 422) },
});

const bulk = createRoute({
  method: "post",
  path: "/claims/bulk",
  tags: ["team"],
  summary: `One action on up to ${BULK_MAX} claims, each at the version you saw`,
  description: `Actions: ${BULK_ACTIONS.join(", ")}. Each claim is changed on its own, atomically with its history. A claim whose version moved since you read it is skipped (\`reason: stale\`, with \`current_version\`), never overwritten; so is a claim that does not exist. Answers 200 with a result per claim; more than ${BULK_MAX} claims answer 422.`,
  middleware: review,
  request: { body: jsonBody(BulkBody) },
  responses: {
    200: jsonResponse(
      z
        .object({
          action: z.enum(BULK_ACTIONS),
          results: z.array(BulkResult),
          done: z.number().int(),
          unchanged: z.number().int(),
          skipped: z.number().int(),
        })
        .openapi("BulkReport"),
      "What was done to each claim, and what was skipped and why",
    ),
    ...problems(413, 415, 422),
  },
});

export const team = router()
  .openapi(assign, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const principal = c.get("principal");
    const claim = unwrap(
      await setAssignee(c.get("db"), principal, id, requiredVersion(c), assigneeOf(principal, body)),
    );
    c.header("ETag", etag(claim.version));
    return c.json(claim, 200);
  })
  .openapi(unassign, async (c) => {
    const { id } = c.req.valid("param");
    const claim = unwrap(await setAssignee(c.get("db"), c.get("principal"), id, requiredVersion(c), null));
    c.header("ETag", etag(claim.version));
    return c.json(claim, 200);
  })
  .openapi(listNotes, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const found = unwrap(
      await claimNotes(c.get("db"), c.get("principal"), c.req.valid("param").id, {
        limit,
        cursor: cursorOrThrow(cursor, decodeNoteCursor),
      }),
    );
    return c.json({ data: found.notes, next_cursor: found.next && encodeCursor(found.next) }, 200);
  })
  .openapi(createNote, async (c) => {
    const note = unwrap(await addNote(c.get("db"), c.get("principal"), c.req.valid("param").id, c.req.valid("json")));
    return c.json(note, 201);
  })
  .openapi(bulk, async (c) => {
    const report = unwrap(await bulkChange(c.get("db"), c.get("principal"), c.req.valid("json")));
    return c.json(report, 200);
  });
