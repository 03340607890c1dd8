// What the API answers: the output shapes of the OpenAPI document (the inputs both doors take
// are in src/domain/schemas.ts).
import { z } from "@hono/zod-openapi";
import {
  ATTRIBUTIONS,
  CLAIM_KINDS,
  FLAGS,
  RECHECK_OUTCOMES,
  ROLES,
  SPEAKER_KINDS,
  STANCES,
  STATUSES,
} from "../domain/vocabulary";

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem", { description: "RFC 9457 problem details (application/problem+json)." });

export const Speaker = z
  .object({ id: z.string(), name: z.string(), role: z.string().nullable(), kind: z.enum(SPEAKER_KINDS) })
  .openapi("Speaker");

export const SourceSummary = z
  .object({
    id: z.string(),
    url: z.string().nullable(),
    title: z.string().nullable(),
    publisher: z.string().nullable(),
    published_at: z.string().nullable(),
  })
  .openapi("SourceSummary");

export const Flag = z
  .object({ flag: z.enum(FLAGS), raised_at: z.string(), detail: z.string().nullable() })
  .openapi("Flag");

export const Evidence = z
  .object({
    id: z.string(),
    url: z.string().nullable(),
    title: z.string().nullable(),
    note: z.string().nullable(),
    stance: z.enum(STANCES),
    speaker: Speaker.nullable(),
    created_by: z.string(),
    created_at: z.string(),
  })
  .openapi("Evidence");

export const Claim = z
  .object({
    id: z.string().openapi({ example: "clm_01JNDX8Y3T6M5V0A7K2Q9R4B1C" }),
    text: z.string(),
    kind: z.enum(CLAIM_KINDS),
    speaker: Speaker,
    source: SourceSummary,
    context: z.string().nullable(),
    reported_via: z.string().nullable(),
    stated_at: z.string().nullable(),
    tags: z.array(z.string()),
    status: z.enum(STATUSES),
    attribution: z.enum(ATTRIBUTIONS),
    rationale: z.string().nullable(),
    verdict_at: z.string().nullable(),
    repeat_of: z
      .string()
      .nullable()
      .openapi({ description: "The earlier claim this one repeats (the same assertion), if linked." }),
    assignee: z
      .string()
      .nullable()
      .openapi({ description: "Who on the desk has the claim: a token's name or an Access email." }),
    worthiness: z.number().min(0).max(1).nullable().openapi({
      description:
        "How worth checking the claim's words are, in [0, 1], scored when it was filed (as POST /worthiness does); null for claims filed before scores were kept.",
    }),
    flags: z.array(Flag),
    recheck_due_at: z.string().nullable(),
    version: z.number().int(),
    created_by: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Claim");

export const RepeatSummary = z
  .object({
    id: z.string(),
    text: z.string(),
    speaker: z.object({ id: z.string(), name: z.string() }),
    status: z.enum(STATUSES),
    verdict_at: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi("RepeatSummary");

export const ClaimDetail = Claim.extend({
  evidence: z.array(Evidence),
  repeat_of_claim: RepeatSummary.nullable().openapi({ description: "The claim this one repeats, in brief." }),
  repeats: z.array(RepeatSummary).openapi({
    description: "The latest 20 claims that repeat this one; `GET /claims?repeat_of={id}` lists them all.",
  }),
  repeat_count: z.number().int().openapi({ description: "How many claims repeat this one." }),
}).openapi("ClaimDetail");

export const ClaimEvent = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    note: z.string().nullable(),
    data: z.unknown().nullable(),
  })
  .openapi("ClaimEvent");

export const Recheck = z
  .object({
    id: z.string(),
    claim_id: z.string(),
    source_id: z.string(),
    at: z.string(),
    outcome: z.enum(RECHECK_OUTCOMES),
    http_status: z.number().int().nullable(),
    content_hash: z.string().nullable(),
    detail: z.string().nullable(),
  })
  .openapi("Recheck");

export const Token = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    created_by: z.string().nullable().openapi({
      description:
        "Who minted it (null for tokens made before this was kept). The two-person rule counts a token as its minter too.",
    }),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
    duplicate_name: z.boolean().openapi({
      description:
        "Live, and another live token's name is the same after NFKC, removing invisible characters and case folding (made before names were unique): revoke all but one.",
    }),
  })
  .openapi("Token");

export const page = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable() }).openapi(name);

export const ListQuery = z.object({
  limit: z.coerce
    .number()
    .int("must be a whole number")
    .min(1, "at least 1")
    .max(100, "at most 100")
    .default(50)
    .openapi({ param: { name: "limit", in: "query" }, example: 50 }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .openapi({ param: { name: "cursor", in: "query" }, description: "next_cursor of the previous page" }),
});
