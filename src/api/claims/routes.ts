import { createRoute, z } from "@hono/zod-openapi";
import {
  ClaimEditBody,
  ClaimFilters,
  EvidenceBody,
  FlagClearBody,
  NewClaimBody,
  RepeatBody,
  ReviewBody,
} from "../../domain/schemas";
import { FLAGS } from "../../domain/vocabulary";
import { requirePermission } from "../../middleware/auth";
import { ClaimId, etagHeader, IdParam, IfMatch, jsonBody, jsonResponse, problems } from "../openapi";
import { Claim, ClaimDetail, ClaimEvent, Evidence, ListQuery } from "../schemas";

const read = [requirePermission("read")];
const review = [requirePermission("review")];

const ClaimPage = z
  .object({
    data: z.array(Claim),
    next_cursor: z.string().nullable(),
    search_order: z.enum(["relevance", "newest"]).optional().openapi({
      description:
        "With q: how the matches are ordered. `relevance` (best first), or `newest` when the words match more than 1,000 claims; add words to rank them by relevance.",
    }),
  })
  .openapi("ClaimPage");
export const listClaims = createRoute({
  method: "get",
  path: "/claims",
  tags: ["claims"],
  summary: "List claims, newest first (by relevance with q, most worth checking first with sort=worth)",
  middleware: read,
  request: {
    query: ListQuery.extend(ClaimFilters.shape),
  },
  responses: { 200: jsonResponse(ClaimPage, "A page of claims"), ...problems() },
});

export const createClaim = createRoute({
  method: "post",
  path: "/claims",
  tags: ["claims"],
  summary: "File a claim (speaker and source found or created)",
  description:
    "A duplicate (same normalised text and context, speaker and source) answers 409 with the existing id. Send `Idempotency-Key` to make retries safe.",
  middleware: review,
  request: { body: jsonBody(NewClaimBody) },
  responses: {
    201: { ...jsonResponse(ClaimDetail, "Created"), headers: etagHeader },
    ...problems(409, 413, 415, 422),
  },
});

export const getClaim = createRoute({
  method: "get",
  path: "/claims/{id}",
  tags: ["claims"],
  summary: "One claim with speaker, source, evidence and flags",
  middleware: read,
  request: { params: ClaimId },
  responses: { 200: { ...jsonResponse(ClaimDetail, "The claim"), headers: etagHeader }, ...problems(404) },
});

export const editClaim = createRoute({
  method: "patch",
  path: "/claims/{id}",
  tags: ["claims"],
  summary: "Edit text, context, kind, tags, speaker or source (needs If-Match)",
  middleware: review,
  request: { params: ClaimId, headers: IfMatch, body: jsonBody(ClaimEditBody) },
  responses: {
    200: { ...jsonResponse(ClaimDetail, "The edited claim"), headers: etagHeader },
    ...problems(404, 409, 412, 413, 415, 422, 428),
  },
});

export const reviewClaim = createRoute({
  method: "post",
  path: "/claims/{id}/reviews",
  tags: ["claims"],
  summary: "Set status and/or attribution with a rationale (needs If-Match)",
  description:
    "Verdicts (verified, misleading, false, unproven, opinion) need a rationale; false and misleading also need evidence.",
  middleware: review,
  request: { params: ClaimId, headers: IfMatch, body: jsonBody(ReviewBody) },
  responses: {
    200: { ...jsonResponse(ClaimDetail, "The reviewed claim"), headers: etagHeader },
    ...problems(404, 412, 413, 415, 422, 428),
  },
});

export const linkRepeat = createRoute({
  method: "put",
  path: "/claims/{id}/repeat-of",
  tags: ["claims"],
  summary: "Mark the claim as a repeat of an earlier one, optionally carrying its verdict over (needs If-Match)",
  description:
    "Links the claim to the earlier claim making the same assertion (a `repeat_linked` event). With `carry_verdict`, the claim also takes the earlier verdict in the same step: its own `status_changed` event, your `rationale` (required) followed by a citation of the original, and copies of the original's evidence. Refused (422) when the earlier claim has no verdict, is this claim, or already repeats it (directly or through other repeats, however long the chain): the database checks the chain as it writes the link, so two links made at the same moment the opposite ways round cannot both land, and a refused link writes nothing.",
  middleware: review,
  request: { params: ClaimId, headers: IfMatch, body: jsonBody(RepeatBody) },
  responses: {
    200: { ...jsonResponse(ClaimDetail, "The claim, linked"), headers: etagHeader },
    ...problems(404, 412, 413, 415, 422, 428),
  },
});

export const unlinkRepeat = createRoute({
  method: "delete",
  path: "/claims/{id}/repeat-of",
  tags: ["claims"],
  summary: "The claim no longer repeats another (needs If-Match); a verdict it carried over stays",
  middleware: review,
  request: { params: ClaimId, headers: IfMatch },
  responses: {
    200: { ...jsonResponse(ClaimDetail, "The claim, unlinked"), headers: etagHeader },
    ...problems(404, 412, 428),
  },
});

export const claimHistory = createRoute({
  method: "get",
  path: "/claims/{id}/history",
  tags: ["claims"],
  summary: "The claim's events, oldest first",
  middleware: read,
  request: { params: ClaimId },
  responses: { 200: jsonResponse(z.object({ data: z.array(ClaimEvent) }), "The history"), ...problems(404) },
});

export const addEvidence = createRoute({
  method: "post",
  path: "/claims/{id}/evidence",
  tags: ["evidence"],
  summary: "Add evidence to a claim",
  middleware: review,
  request: { params: ClaimId, body: jsonBody(EvidenceBody) },
  responses: { 201: jsonResponse(Evidence, "The evidence item"), ...problems(404, 413, 415, 422) },
});

export const removeEvidence = createRoute({
  method: "delete",
  path: "/claims/{id}/evidence/{eid}",
  tags: ["evidence"],
  summary: "Remove an evidence item",
  description: "Refused (409) when it is the last evidence of a claim rated false or misleading.",
  middleware: review,
  request: { params: ClaimId.extend(IdParam("eid", "evd_01JNDX8Y3T6M5V0A7K2Q9R4B1C").shape) },
  responses: { 204: { description: "Removed" }, ...problems(404, 409) },
});

export const clearFlag = createRoute({
  method: "post",
  path: "/claims/{id}/flags/{flag}/clear",
  tags: ["claims"],
  summary: "Clear a flag, with a note",
  middleware: review,
  request: {
    params: ClaimId.extend({ flag: z.enum(FLAGS).openapi({ param: { name: "flag", in: "path" } }) }),
    body: jsonBody(FlagClearBody),
  },
  responses: { 200: jsonResponse(ClaimDetail, "The claim without the flag"), ...problems(404, 413, 415, 422) },
});
