import { createRoute, z } from "@hono/zod-openapi";
import { STATUS_LABELS } from "../../domain/labels";
import { PublicationBody } from "../../domain/schemas";
import { requirePermission } from "../../middleware/auth";
import { ClaimId, etagHeader, IfMatch, jsonBody, jsonResponse, problems } from "../openapi";

const FIELDS = [
  "verdict",
  "attribution",
  "text",
  "context",
  "rationale",
  "speaker",
  "source",
  "evidence",
  "date",
] as const;
const Change = z.object({ field: z.enum(FIELDS), from: z.string().optional(), to: z.string().optional() });

export const Publication = z
  .object({
    claim_id: z.string(),
    published: z.boolean(),
    url: z.string().nullable().openapi({ description: "The public page's path, once published." }),
    slug: z.string().nullable(),
    first_published_at: z.string().nullable(),
    republished_at: z.string().nullable().openapi({ description: "The latest publication or correction." }),
    unpublished_at: z.string().nullable(),
    behind: z.boolean().openapi({
      description:
        "The claim changed since it was published: the public page shows the published version until a correction republishes it.",
    }),
    behind_in: z.array(z.enum(FIELDS)),
    verdict_by: z.string().nullable().openapi({ description: "Who gave the current status." }),
    sign_off: z.object({
      needed: z.boolean().openapi({ description: "False and misleading verdicts need one before publishing." }),
      by: z.string().nullable(),
      at: z.string().nullable(),
      current: z.boolean().openapi({ description: "The sign-off is for the claim as it stands now." }),
      written_by: z.array(z.object({ actor: z.string(), wrote: z.array(z.string()) })).openapi({
        description:
          "Who wrote part of what is published (verdict, attribution, rationale, evidence, the claim's words, speaker, source) since the last sign-off, and what: none of them, nor a token they minted or the minter of theirs, may sign off.",
      }),
    }),
    corrections: z.array(z.object({ at: z.string(), actor: z.string(), reason: z.string(), changes: z.array(Change) })),
    version: z.number().int(),
  })
  .openapi("Publication", {
    example: {
      claim_id: "clm_01JNDX8Y3T6M5V0A7K2Q9R4B1C",
      published: true,
      url: "/fact-checks/43-attacks-on-checkpoints-clm_01jndx8y3t6m5v0a7k2q9r4b1c",
      slug: "43-attacks-on-checkpoints-clm_01jndx8y3t6m5v0a7k2q9r4b1c",
      first_published_at: "2026-11-30T10:00:00.000Z",
      republished_at: "2026-11-30T12:00:00.000Z",
      unpublished_at: null,
      behind: false,
      behind_in: [],
      verdict_by: "desk reviewer A",
      sign_off: {
        needed: true,
        by: "standards editor",
        at: "2026-11-30T09:55:00.000Z",
        current: false,
        written_by: [{ actor: "desk reviewer A", wrote: ["the verdict and its rationale"] }],
      },
      corrections: [
        {
          at: "2026-11-30T12:00:00.000Z",
          actor: "desk reviewer A",
          reason: "The ministry's figure was 34, not 43.",
          changes: [{ field: "verdict", from: STATUS_LABELS.misleading, to: STATUS_LABELS.false }],
        },
      ],
      version: 7,
    },
  });

export const getPublication = createRoute({
  method: "get",
  path: "/claims/{id}/publication",
  tags: ["publishing"],
  summary: "The claim's publication: published or not, its sign-off, corrections, whether the public page is behind",
  middleware: [requirePermission("read")],
  request: { params: ClaimId },
  responses: {
    200: { ...jsonResponse(Publication, "The publication state"), headers: etagHeader },
    ...problems(404),
  },
});

export const changePublication = createRoute({
  method: "post",
  path: "/claims/{id}/publication",
  tags: ["publishing"],
  summary: "Publish, sign off, unpublish or correct the claim's fact-check (needs If-Match)",
  description: [
    "Only verified, misleading, false and unproven claims are published, at `/fact-checks/{slug}` (no login).",
    "**Two-person rule**: a false or misleading verdict is published (or corrected) only after a `sign_off` by someone who wrote none of what is published since the last sign-off: not the verdict, attribution or rationale (any review), not the evidence (added or removed), not an edit of the claim's words, context, speaker or source (`sign_off.written_by` lists who did). A token counts as its name and as whoever minted it, so an admin cannot sign off with a token they minted, nor through one sign off what they wrote themselves. A refused sign-off answers 422 saying why. A sign-off holds for the claim as it was signed off: any change after it needs a new one.",
    "The public page shows the claim as published; a later change (a new verdict, evidence, an edit) reaches it only through `correct`, whose `reason` and changes are listed on the page. `unpublish` (with a reason) takes the page down: it answers 404.",
    "Each action bumps the claim's version and writes its history event (`published`, `signed_off`, `unpublished`, `corrected`) with the caller as actor and the reason as note.",
  ].join("\n\n"),
  middleware: [requirePermission("review")],
  request: {
    params: ClaimId,
    headers: IfMatch,
    body: {
      ...jsonBody(PublicationBody),
      content: {
        "application/json": {
          schema: PublicationBody,
          examples: {
            publish: { value: { action: "publish" } },
            sign_off: { value: { action: "sign_off", reason: "Read the evidence; the verdict stands." } },
            unpublish: { value: { action: "unpublish", reason: "Legal review requested." } },
            correct: { value: { action: "correct", reason: "The ministry's figure was 34, not 43." } },
          },
        },
      },
    },
  },
  responses: {
    200: { ...jsonResponse(Publication, "The publication after the change"), headers: etagHeader },
    ...problems(404, 409, 412, 413, 415, 422, 428),
  },
});
