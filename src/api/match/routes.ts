import { createRoute, z } from "@hono/zod-openapi";
import { MAX_MATCHES, MatchBody } from "../../domain/schemas";
import { requirePermission } from "../../middleware/auth";
import { spendingLimit } from "../../middleware/rate-limit";
import { IdParam, jsonBody, jsonResponse, problems } from "../openapi";
import { Claim } from "../schemas";

const read = [requirePermission("read")];

const MatchReason = z
  .object({
    kind: z.enum(["shared_words", "shared_phrases", "same_numbers", "same_names", "same_speaker", "related_words"]),
    words: z.array(z.string()).optional(),
    phrases: z.array(z.string()).optional(),
    numbers: z.array(z.string()).optional(),
    names: z.array(z.string()).optional(),
  })
  .openapi("MatchReason", { example: { kind: "same_numbers", numbers: ["43"] } });

const MatchWarning = z
  .object({
    kind: z.enum(["numbers_differ", "negation_differs", "speaker_differs"]),
    query: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .openapi({ description: "numbers_differ: the numbers asked about; speaker_differs: the speaker asked about." }),
    claim: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .openapi({ description: "numbers_differ: the stored claim's numbers; speaker_differs: its speaker." }),
    negated: z
      .enum(["query", "claim"])
      .optional()
      .openapi({ description: "negation_differs: which side says not/never/no." }),
  })
  .openapi("MatchWarning", { example: { kind: "numbers_differ", query: ["34"], claim: ["43"] } });

export const ClaimMatch = z
  .object({
    score: z.number().min(0).max(1).openapi({ example: 0.93 }),
    strong: z.boolean().openapi({
      description:
        "The score is at or above the strong-match threshold: a top match this strong was the right one at least 9 times in 10 when measured.",
    }),
    reasons: z.array(MatchReason),
    warnings: z.array(MatchWarning),
    claim: Claim,
  })
  .openapi("ClaimMatch");

const Matches = z.object({ data: z.array(ClaimMatch) }).openapi("Matches");

export const match = createRoute({
  method: "post",
  path: "/match",
  tags: ["matching"],
  summary: "Checked before? The stored claims that make the same assertion",
  description:
    "Ranks the stored claims against the text (stemmed full-text candidates, then a rerank on shared rare words and phrases, numbers, names, speaker and date), best first, each with a score in 0..1, the reasons, and warnings where a fact-checker must look twice: numbers_differ (43 vs 34 attacks), negation_differs, speaker_differs. Rate limited per token (30 a minute by default; 429 with Retry-After over it).",
  middleware: [...read, spendingLimit("MATCH_LIMITER")],
  request: {
    body: jsonBody(
      MatchBody.openapi({
        example: {
          text: "Insurgents carried out 34 attacks on checkpoints in Helmand, the US military said.",
          limit: 5,
          speaker: { name: "Sonny Leggett" },
          stated_at: "2020-03-05",
        },
      }),
    ),
  },
  responses: {
    200: jsonResponse(Matches, "The matches, best first (none when nothing shares a word)"),
    ...problems(413, 415, 422, 429),
  },
});

export const claimMatches = createRoute({
  method: "get",
  path: "/claims/{id}/matches",
  tags: ["matching"],
  summary: "The stored claims that repeat this one (itself left out)",
  description: "As POST /match, with the claim's text and context, its speaker and the day it was said.",
  middleware: read,
  request: {
    params: IdParam("id", "clm_01JNDX8Y3T6M5V0A7K2Q9R4B1C"),
    query: z.object({
      limit: z.coerce
        .number()
        .int("must be a whole number")
        .min(1, "at least 1")
        .max(MAX_MATCHES, `at most ${MAX_MATCHES}`)
        .default(5)
        .openapi({ param: { name: "limit", in: "query" }, example: 5 }),
    }),
  },
  responses: { 200: jsonResponse(Matches, "The matches, best first"), ...problems(404) },
});
