import { createRoute, z } from "@hono/zod-openapi";
import { ExtractBody } from "../../domain/schemas";
import { requirePermission } from "../../middleware/auth";
import { spendingLimit } from "../../middleware/rate-limit";
import { extractCandidates } from "../../services/extraction";
import { jsonBody, jsonResponse, problems, router } from "../openapi";
import { unwrap } from "../results";

const Candidate = z
  .object({
    text: z.string(),
    kind: z.enum(["direct_quote", "statistic"]),
    start: z
      .number()
      .int()
      .openapi({ description: "JavaScript string index of the first character of the quote's words." }),
    end: z.number().int().openapi({ description: "Index after the last character (exclusive)." }),
    speaker: z.object({ name: z.string(), role: z.string().nullable() }).nullable(),
    speaker_resolved: z.boolean().openapi({
      description:
        'Whether the speaker is a person or organisation the article names. False when there is no speaker, or it is a description no name was found for ("the report", "Ray Otto\'s spokesman"); such a candidate\'s confidence is below 0.5.',
    }),
    cue: z.string().nullable().openapi({ example: "told AFP" }),
    confidence: z.number().min(0).max(1),
    reasons: z.array(z.string()),
    numbers: z.array(z.object({ value: z.number(), qualifier: z.string().optional(), unit: z.string() })).optional(),
  })
  .openapi("Candidate");

const extract = createRoute({
  method: "post",
  path: "/extract",
  tags: ["extraction"],
  summary: "Propose the claims in an article (nothing is stored)",
  description:
    "Direct quotes (straight or curly quotes, across paragraphs) and reported statements with numbers, in the order they appear, each with its speaker, cue, offsets and a confidence with its reasons.",
  middleware: [requirePermission("review"), spendingLimit("EXTRACT_LIMITER")],
  request: { body: jsonBody(ExtractBody) },
  responses: {
    200: jsonResponse(z.object({ candidates: z.array(Candidate), source: ExtractBody.shape.source }), "The candidates"),
    ...problems(413, 415, 422, 429),
  },
});

export const extraction = router().openapi(extract, (c) => {
  const { text, source } = c.req.valid("json");
  return c.json({ candidates: unwrap(extractCandidates(c.get("principal"), text)), source }, 200);
});
