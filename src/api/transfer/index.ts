// Import, export and ClaimReview over HTTP: the body's Content-Type names the import format.
import type { z } from "@hono/zod-openapi";
import { configOf, type Env } from "../../env";
import { compactForRetries, MAX_STORED_BYTES } from "../../middleware/idempotency";
import { Problem } from "../../middleware/problem";
import { claimReviewOf, exportClaims, type ImportFormat, importClaims } from "../../services/transfer";
import { router } from "../openapi";
import { unwrap } from "../results";
import * as routes from "./routes";

/** Who publishes, and where: the public pages' urls are on PUBLIC_ORIGIN, never the request's Host. */
const siteOf = (env: Env) => {
  const config = configOf(env);
  return { org: { name: config.ORG_NAME, url: config.ORG_URL }, origin: config.PUBLIC_ORIGIN };
};

const FORMATS: Record<string, ImportFormat> = {
  "application/x-ndjson": "ndjson",
  "application/ndjson": "ndjson",
  "application/json": "json",
  "text/csv": "csv",
};

/** The import format a Content-Type names; 415 for one it does not read. */
function importFormat(contentType: string | undefined): ImportFormat {
  const essence = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const format = FORMATS[essence];
  if (format) return format;
  throw new Problem({
    status: 415,
    title: "Unsupported media type",
    detail: "Send the import as application/x-ndjson (or application/ndjson), application/json (an array) or text/csv.",
  });
}

/** Import errors a digest shows at most. */
const DIGEST_ERRORS = 100;

/** What an import keeps for Idempotency-Key retries when its answer is too large to keep whole:
 * its counts, its first errors and how many more there were. */
export function importDigest(body: string): string | null {
  const outcome = JSON.parse(body) as { created?: unknown; duplicates?: unknown; errors?: unknown };
  if (typeof outcome.created !== "number" || !Array.isArray(outcome.errors)) return null;
  const errors: unknown[] = outcome.errors;
  for (let shown = Math.min(DIGEST_ERRORS, errors.length); ; shown = Math.floor(shown / 2)) {
    const digest = JSON.stringify({
      created: outcome.created,
      duplicates: outcome.duplicates,
      errors: errors.slice(0, shown),
      errors_total: errors.length,
      errors_not_shown: errors.length - shown,
      note: `A digest kept for Idempotency-Key retries: the first ${shown} of ${errors.length} errors. The full list was in the original answer.`,
    });
    if (shown === 0 || new TextEncoder().encode(digest).length <= MAX_STORED_BYTES) return digest;
  }
}

export const transfer = router()
  .openapi(routes.importClaims, async (c) => {
    const format = importFormat(c.req.header("content-type"));
    const text = new TextDecoder().decode(await c.req.arrayBuffer());
    const { match } = c.req.valid("query");
    const outcome = unwrap(
      await importClaims(c.get("db"), c.get("principal"), format, text, { match: match === "true" }),
    );
    compactForRetries(c, importDigest);
    return c.json(outcome, 200);
  })
  .openapi(routes.exportClaims, (c) => {
    const { format, include } = c.req.valid("query");
    const site = { ...siteOf(c.env), scope: include ?? "published" };
    const exported = unwrap(exportClaims(c.get("db"), c.get("principal"), format, site));
    return c.body(exported.body, 200, {
      "Content-Type": exported.contentType,
      "Content-Disposition": `attachment; filename="${exported.filename}"`,
    });
  })
  .openapi(routes.claimReview, async (c) => {
    const { id } = c.req.valid("param");
    const review = unwrap(await claimReviewOf(c.get("db"), c.get("principal"), id, siteOf(c.env)));
    // claimReview() omits absent members, which its return type cannot say; the tests hold the shape.
    return c.json(review as z.infer<typeof routes.ClaimReview>, 200, {
      "Content-Type": "application/ld+json; charset=utf-8",
    });
  });
