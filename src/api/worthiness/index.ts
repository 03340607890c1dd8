import { createRoute, z } from "@hono/zod-openapi";
import { MAX_WORTHINESS_TEXTS, WorthinessBody } from "../../domain/schemas";
import { requirePermission } from "../../middleware/auth";
import { spendingLimit } from "../../middleware/rate-limit";
import { CHECK_WORTHY_THRESHOLD, scoreWorthiness } from "../../services/worthiness";
import { jsonBody, jsonResponse, problems, router } from "../openapi";
import { unwrap } from "../results";

const Result = z
  .object({
    score: z.number().min(0).max(1).openapi({ description: "How worth checking the sentence is, in [0, 1]." }),
    check_worthy: z.boolean().openapi({ description: `Whether the score is at least ${CHECK_WORTHY_THRESHOLD}.` }),
  })
  .openapi("Worthiness");

const score = createRoute({
  method: "post",
  path: "/worthiness",
  tags: ["extraction"],
  summary: "Score how worth checking sentences are (nothing is stored)",
  description: `For each of 1 to ${MAX_WORTHINESS_TEXTS} texts, in the same order: a score in [0, 1] for how worth checking it is (a factual claim the public would want checked, rather than opinion, a question or small talk), from a small model fitted offline on labelled debate sentences, and \`check_worthy\` when the score is at least ${CHECK_WORTHY_THRESHOLD}. Any role; each request spends one unit of the extraction budget.`,
  middleware: [requirePermission("read"), spendingLimit("EXTRACT_LIMITER")],
  request: { body: jsonBody(WorthinessBody) },
  responses: {
    200: jsonResponse(z.object({ results: z.array(Result) }), "The scores, in the order of the texts"),
    ...problems(413, 415, 422, 429),
  },
});

export const worthinessRoutes = router().openapi(score, (c) => {
  const { texts } = c.req.valid("json");
  return c.json({ results: unwrap(scoreWorthiness(c.get("principal"), texts)) }, 200);
});
