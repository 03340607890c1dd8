// Import, export and ClaimReview: claims in bulk, in and out.
import type { z } from "@hono/zod-openapi";
import { createDb, type Db } from "../../db/client";
import { type ClaimView, claimsAfterSeq, claimView, getClaimRow } from "../../db/queries/claims";
import { claimReview, type ReviewingOrganization } from "../../domain/claimreview";
import type { Env } from "../../env";
import { Problem } from "../../middleware/problem";
import { notFound } from "../claims/inputs";
import { router } from "../openapi";
import { csvRecord } from "./csv";
import * as routes from "./routes";
import { CSV_COLUMNS, EXPORT_ONLY_COLUMNS, importRows } from "./rows";
import { type ImportOutcome, storeRows } from "./store";

/** Claims read per query while exporting: memory holds one page, whatever the table's size. */
const EXPORT_PAGE = 500;

const organization = (env: Env): ReviewingOrganization => ({ name: env.ORG_NAME, url: env.ORG_URL });

function csvLine(claim: ClaimView): string {
  const byColumn: Record<(typeof CSV_COLUMNS)[number] | (typeof EXPORT_ONLY_COLUMNS)[number], string | null> = {
    text: claim.text,
    kind: claim.kind,
    speaker_name: claim.speaker.name,
    speaker_role: claim.speaker.role,
    source_url: claim.source.url,
    source_title: claim.source.title,
    source_publisher: claim.source.publisher,
    source_published_at: claim.source.published_at,
    context: claim.context,
    reported_via: claim.reported_via,
    stated_at: claim.stated_at,
    tags: claim.tags.join(";"),
    id: claim.id,
    status: claim.status,
    attribution: claim.attribution,
    rationale: claim.rationale,
    created_at: claim.created_at,
  };
  return csvRecord([...CSV_COLUMNS, ...EXPORT_ONLY_COLUMNS].map((column) => byColumn[column]));
}

interface ExportFormat {
  contentType: string;
  extension: string;
  head: string;
  /** The claim's text in the export, or null when the format leaves it out. */
  item: (claim: ClaimView, first: boolean) => string | null;
  tail: string;
}

function exportFormat(format: (typeof routes.EXPORT_FORMATS)[number], org: ReviewingOrganization): ExportFormat {
  switch (format) {
    case "ndjson":
      return {
        contentType: "application/x-ndjson; charset=utf-8",
        extension: "ndjson",
        head: "",
        item: (claim) => `${JSON.stringify(claim)}\n`,
        tail: "",
      };
    case "csv":
      return {
        contentType: "text/csv; charset=utf-8; header=present",
        extension: "csv",
        head: csvRecord([...CSV_COLUMNS, ...EXPORT_ONLY_COLUMNS]),
        item: csvLine,
        tail: "",
      };
    case "claimreview":
      return {
        contentType: "application/ld+json; charset=utf-8",
        extension: "jsonld",
        head: "[",
        item: (claim, first) => {
          const review = claimReview(claim, org);
          return review && `${first ? "\n" : ",\n"}${JSON.stringify(review)}`;
        },
        tail: "\n]\n",
      };
  }
}

/** Streams the whole table a keyset page at a time, pulled as the client reads. */
function exportStream(db: Db, format: ExportFormat): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterSeq = 0;
  let first = true;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (format.head) controller.enqueue(encoder.encode(format.head));
    },
    // Reads pages until one yields output: a pull that enqueues nothing is not called again.
    async pull(controller) {
      let chunk = "";
      while (!chunk && !done) {
        const rows = await claimsAfterSeq(db, afterSeq, EXPORT_PAGE);
        for (const row of rows) {
          const text = format.item(claimView(row), first);
          if (text === null) continue;
          chunk += text;
          first = false;
        }
        const last = rows.at(-1);
        if (last) afterSeq = last.seq;
        if (rows.length < EXPORT_PAGE) {
          done = true;
          chunk += format.tail;
        }
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
      if (done) controller.close();
    },
  });
}

export const transfer = router()
  .openapi(routes.importClaims, async (c) => {
    const rows = importRows(c.req.header("content-type"), new TextDecoder().decode(await c.req.arrayBuffer()));
    const outcome: ImportOutcome = { created: 0, duplicates: 0, errors: [] };
    const valid = [];
    for (const row of rows) {
      if ("body" in row) valid.push(row);
      else outcome.errors.push(row);
    }
    await storeRows(createDb(c.env.DB), valid, c.get("principal").actor, outcome);
    outcome.errors.sort((a, b) => a.line - b.line);
    return c.json(outcome, 200);
  })
  .openapi(routes.exportClaims, (c) => {
    const { format } = c.req.valid("query");
    const chosen = exportFormat(format, organization(c.env));
    const filename = `claimdesk-${new Date().toISOString().slice(0, 10)}.${chosen.extension}`;
    return c.body(exportStream(createDb(c.env.DB), chosen), 200, {
      "Content-Type": chosen.contentType,
      "Content-Disposition": `attachment; filename="${filename}"`,
    });
  })
  .openapi(routes.claimReview, async (c) => {
    const { id } = c.req.valid("param");
    const row = await getClaimRow(createDb(c.env.DB), id);
    if (!row) throw notFound("claim", id);
    const review = claimReview(claimView(row), organization(c.env));
    if (!review) {
      throw new Problem({
        status: 404,
        title: "Not found",
        detail: `Claim ${id} is ${row.status}: only verified, misleading, false and unproven claims have a ClaimReview.`,
      });
    }
    // claimReview() omits absent members, which its return type cannot say; the tests hold the shape.
    return c.json(review as z.infer<typeof routes.ClaimReview>, 200, {
      "Content-Type": "application/ld+json; charset=utf-8",
    });
  });
