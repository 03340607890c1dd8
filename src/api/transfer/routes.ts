import { createRoute, z } from "@hono/zod-openapi";
import { EXPORT_ONLY_FIELDS } from "../../domain/claim-fields";
import { VERDICT_LABELS } from "../../domain/publication";
import { SOURCE_IDENTITY } from "../../domain/schemas";
import { requirePermission } from "../../middleware/auth";
import { spendingLimit } from "../../middleware/rate-limit";
import {
  CSV_COLUMNS,
  EXPORT_FORMATS,
  EXPORT_ONLY_COLUMNS,
  MAX_IMPORT_ROWS,
  MAX_MATCHED_ROWS,
} from "../../services/transfer";
import { ClaimMatch } from "../match/routes";
import { IdParam, jsonResponse, problems } from "../openapi";
import { Problem } from "../schemas";

/** Import bodies may be larger than the API's 1 MB: 10,000 rows of a few hundred bytes each. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

const problem413 = {
  413: {
    description: `More than ${MAX_IMPORT_ROWS.toLocaleString("en")} rows, or a body over 16 MB.`,
    content: { "application/problem+json": { schema: Problem } },
  },
};

// The body is described with plain OpenAPI schemas, not zod ones: each row is validated on its
// own (a bad row is reported, not a 422 for the whole request), so no whole-body validator.
// A row is a claim body, or a claim as the NDJSON export writes it (read as the body it holds).
const rowRef = { anyOf: [{ $ref: "#/components/schemas/NewClaim" }, { $ref: "#/components/schemas/Claim" }] };
const text = { type: "string" as const };
const ndjsonRows = "One JSON object per line: a NewClaim, or a Claim as the NDJSON export writes it.";

export const importClaims = createRoute({
  method: "post",
  path: "/import",
  tags: ["import and export"],
  summary: "Import claims in bulk (NDJSON, JSON array or CSV)",
  description: [
    `Up to ${MAX_IMPORT_ROWS.toLocaleString("en")} rows and 16 MB per request. Each row has the shape of a POST /claims body and is validated like one; unknown fields are refused.`,
    `Speakers and sources are found or created as for POST /claims: a speaker by name and role; ${SOURCE_IDENTITY.replace(/^A source/, "a source")}`,
    `An export imports again, every row counted as a duplicate: an NDJSON line or JSON array item that is a claim as the NDJSON export writes it (an \`id\` of the form \`clm_…\`) is read as the claim body it holds, without its ${EXPORT_ONLY_FIELDS.filter((f) => f !== "id").join(", ")}, and with its speaker and source taken by their fields, not their ids (so a file moves between deployments).`,
    `CSV: a header row naming columns among ${CSV_COLUMNS.join(", ")} (tags separated by \`;\`); the export's extra columns (${EXPORT_ONLY_COLUMNS.join(", ")}) are ignored.`,
    "Good rows land, bad rows come back in `errors` with their line (the file's line for NDJSON and CSV, the header being line 1; the 1-based index for a JSON array); duplicates, also within the file, are counted. No row is ever half-written.",
    `With \`?match=true\` (at most ${MAX_MATCHED_ROWS} good rows, 413 above), each good row is first matched against the claims already stored, as \`POST /match\` does: \`matches\` lists, by line, the rows that have a match scoring 0.5 or more (up to three each, with their status and verdict, reasons and warnings): checked before? Such an import counts as one call of \`POST /match\` against the token's budget (429 with Retry-After over it).`,
  ].join("\n\n"),
  // Matching spends from the caller's matching budget: one unit for the import (POST /match's).
  middleware: [requirePermission("review"), spendingLimit("MATCH_LIMITER", (c) => c.req.query("match") === "true")],
  request: {
    query: z.object({
      match: z
        .enum(["true", "false"])
        .optional()
        .openapi({
          param: { name: "match", in: "query" },
          description: "`true`: report each row's matches among the claims already stored.",
        }),
    }),
    body: {
      required: true,
      content: {
        "application/x-ndjson": { schema: { ...text, description: ndjsonRows } },
        "application/ndjson": { schema: { ...text, description: ndjsonRows } },
        "application/json": { schema: { type: "array", items: rowRef, maxItems: MAX_IMPORT_ROWS } },
        "text/csv": { schema: { ...text, description: `Header row, then one claim per record (RFC 4180).` } },
      },
    },
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          created: z.number().int(),
          duplicates: z.number().int(),
          errors: z.array(z.object({ line: z.number().int(), problem: z.string() })),
          matches: z
            .array(z.object({ line: z.number().int(), matches: z.array(ClaimMatch) }))
            .optional()
            .openapi({ description: "With match=true: the rows that match claims already stored, by line." }),
        })
        .openapi("ImportResult"),
      "What was created, what was already there, and each rejected row",
    ),
    ...problems(415, 422, 429),
    ...problem413,
  },
});

export const exportClaims = createRoute({
  method: "get",
  path: "/export",
  tags: ["import and export"],
  summary: "Export every claim, streamed",
  description:
    "`ndjson`: one claim per line (as GET /claims shows it); `csv`: the import columns plus id, status, attribution, rationale and created_at; `claimreview`: a JSON array of schema.org ClaimReview objects of the published fact-checks, as published (at their public page, `/fact-checks/{slug}`). `include=all` (admins only, 403 for others) adds every other claim with a verdict of true, misleading, false or unproven, as it now stands.",
  middleware: [requirePermission("read")],
  request: {
    query: z.object({
      format: z.enum(EXPORT_FORMATS).openapi({ param: { name: "format", in: "query" }, example: "ndjson" }),
      include: z
        .enum(["published", "all"])
        .optional()
        .openapi({
          param: { name: "include", in: "query" },
          description:
            "For `claimreview`: `published` (the default) or `all` (admins only). NDJSON and CSV always hold every claim.",
        }),
    }),
  },
  responses: {
    200: {
      description: "The export, as an attachment",
      content: {
        "application/x-ndjson": { schema: text },
        "text/csv": { schema: text },
        "application/ld+json": { schema: { type: "array", items: { $ref: "#/components/schemas/ClaimReview" } } },
      },
    },
    ...problems(),
  },
});

export const ClaimReview = z
  .object({
    "@context": z.literal("https://schema.org"),
    "@type": z.literal("ClaimReview"),
    url: z.string(),
    claimReviewed: z.string(),
    itemReviewed: z.object({
      "@type": z.literal("Claim"),
      author: z.object({ "@type": z.enum(["Person", "Organization"]), name: z.string() }).passthrough(),
      appearance: z.object({ "@type": z.literal("CreativeWork") }).passthrough(),
      datePublished: z.string().optional(),
    }),
    author: z.object({ "@type": z.literal("Organization"), name: z.string(), url: z.string() }),
    datePublished: z.string().optional(),
    dateModified: z.string().optional().openapi({ description: "A published fact-check's latest correction." }),
    reviewRating: z.object({
      "@type": z.literal("Rating"),
      alternateName: z.enum(Object.values(VERDICT_LABELS) as [string, ...string[]]),
      ratingValue: z.number().int().optional(),
      bestRating: z.number().int().optional(),
      worstRating: z.number().int().optional(),
    }),
    reviewBody: z.string().optional(),
  })
  .openapi("ClaimReview", { description: "schema.org ClaimReview, JSON-LD" });

export const claimReview = createRoute({
  method: "get",
  path: "/claims/{id}/claimreview",
  tags: ["import and export"],
  summary: "The claim's schema.org ClaimReview (JSON-LD)",
  description:
    "A published fact-check's ClaimReview as published (its public page as `url`, dated by its publication and its latest correction); for a claim not published, a preview of the claim as it stands. verified, misleading, false and unproven have one; 404 for a claim that is opinion, unverified or in review.",
  middleware: [requirePermission("read")],
  request: { params: IdParam("id", "clm_01JNDX8Y3T6M5V0A7K2Q9R4B1C") },
  responses: {
    200: { description: "The ClaimReview", content: { "application/ld+json": { schema: ClaimReview } } },
    ...problems(404),
  },
});
