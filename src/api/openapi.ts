// Helpers that keep every route's OpenAPI description honest and short.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { ZodType } from "zod";
import type { AppEnv } from "../env";
import { Problem as ProblemError } from "../middleware/problem";
import { Problem } from "./schemas";

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request: bad JSON or query parameters.",
  401: "No token, or an unknown or revoked one. Too many wrong tokens from one address answer 429 with Retry-After for a minute.",
  403: "The token's role may not do this.",
  404: "No such resource.",
  409: "Conflicts with existing data (a duplicate).",
  412: "If-Match names an older version; the body gives the current one.",
  413: "The body is larger than 1 MB.",
  415: "Unsupported Content-Type.",
  422: "Valid JSON that breaks a rule; `errors` lists each field.",
  428: "This change needs an If-Match header with the claim's version.",
  429: "Too many of these calls for this token in the last minute; Retry-After says when to try again.",
};

/** Problem responses for the given statuses, for a route's `responses`. */
export function problems(...statuses: number[]) {
  return Object.fromEntries(
    [...new Set([400, 401, 403, ...statuses])].map((status) => [
      status,
      {
        description: PROBLEM_DESCRIPTIONS[status] ?? "Error",
        content: { "application/problem+json": { schema: Problem } },
      },
    ]),
  );
}

export function jsonBody<T extends ZodType>(schema: T, description?: string) {
  return { required: true, description, content: { "application/json": { schema } } };
}

export function jsonResponse<T extends ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

export function IdParam<K extends string>(name: K, example: string) {
  const shape = {
    [name]: z
      .string()
      .max(64)
      .openapi({ param: { name, in: "path" }, example }),
  } as Record<K, z.ZodString>;
  return z.object(shape);
}

/** A claim's id in the path, for every route under /claims/{id}. */
export const ClaimId = IdParam("id", "clm_01JNDX8Y3T6M5V0A7K2Q9R4B1C");

/** The ETag header of an answer that carries a claim's version. */
export const etagHeader = {
  ETag: { schema: { type: "string" as const }, description: "The claim's version, for If-Match." },
};

/** The If-Match header of a change to a claim (src/api/preconditions.ts reads it). */
export const IfMatch = z.object({
  "if-match": z
    .string()
    .optional()
    .openapi({
      param: { name: "if-match", in: "header" },
      description: "The ETag of the claim as you read it.",
      example: '"3"',
    }),
});

/** A router whose validation failures are problem+json: 422 for bodies, 400 for the rest. */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const body = result.target === "json" || result.target === "form";
      throw new ProblemError({
        status: body ? 422 : 400,
        title: body ? "Validation failed" : "Bad request",
        detail: body ? "The request body breaks the rules listed in `errors`." : `Invalid ${result.target} parameters.`,
        errors: result.error.issues.map((issue) => ({
          path: issue.path.join(".") || (issue.code === "unrecognized_keys" ? "" : "(body)"),
          message:
            issue.code === "unrecognized_keys"
              ? `unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`
              : issue.message,
        })),
      });
    },
  });
}
