// Claims in bulk, in and out: import (NDJSON, a JSON array or CSV), the streamed export, and
// the ClaimReview of one claim.
import type { Db } from "../../db/client";
import { type ClaimView, claimsAfterSeq, claimView, getClaimRow } from "../../db/queries/claims";
import type { PublishedRow } from "../../db/queries/publications";
import { claimReview, type ReviewingOrganization } from "../../domain/claimreview";
import type { Principal } from "../../domain/permissions";
import type { NewClaimBody } from "../../domain/schemas";
import { refused } from "../access";
import { type ClaimMatch, type MatchRequest, matchMany, WEAK_MATCH } from "../matching";
import { publishedClaims, reviewOfPublishedRow } from "../publication";
import { fail, notFound, ok, type Result } from "../result";
import { csvRecord } from "./csv";
import { CSV_COLUMNS, EXPORT_ONLY_COLUMNS, type ImportFormat, importRows } from "./rows";
import { type ImportOutcome, storeRows } from "./store";

export { CSV_COLUMNS, EXPORT_ONLY_COLUMNS, type ImportFormat, MAX_IMPORT_ROWS } from "./rows";
export type { ImportOutcome } from "./store";

/** Rows an import may ask matches for: a match is four reads, so 500 rows take a few seconds. */
export const MAX_MATCHED_ROWS = 500;
/** Matches reported per row, at most. */
const MATCHES_PER_ROW = 3;

export interface RowMatches {
  line: number;
  matches: ClaimMatch[];
}

/** Good rows land, bad rows are reported with their line, none is half-written. With `match`,
 * each good row is first matched against the claims already stored ("checked before?"). */
/** What a row is matched on: its words, and its speaker and date when it names them. */
function matchRequest(body: NewClaimBody): MatchRequest {
  return {
    text: body.context ? `${body.text}\n${body.context}` : body.text,
    speakerId: body.speaker.id,
    speakerName: body.speaker.name,
    statedAt: body.stated_at ?? undefined,
    limit: MATCHES_PER_ROW,
  };
}

export async function importClaims(
  db: Db,
  actor: Principal,
  format: ImportFormat,
  text: string,
  options: { match?: boolean } = {},
): Promise<Result<ImportOutcome & { matches?: RowMatches[] }>> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  const rows = importRows(format, text);
  if (!rows.ok) return rows;
  const outcome: ImportOutcome = { created: 0, duplicates: 0, errors: [] };
  const valid = [];
  for (const row of rows.value) {
    if ("body" in row) valid.push(row);
    else outcome.errors.push(row);
  }
  let matches: RowMatches[] | undefined;
  if (options.match) {
    if (valid.length > MAX_MATCHED_ROWS) {
      return fail({
        kind: "too_large",
        detail: `An import asks matches for at most ${MAX_MATCHED_ROWS} rows (this one has ${valid.length} good rows): split it, or import without match=true.`,
      });
    }
    const found = await matchMany(
      db,
      actor,
      valid.map(({ body }) => matchRequest(body)),
    );
    if (!found.ok) return found;
    matches = valid.flatMap(({ line }, i) => {
      const strong = (found.value[i] ?? []).filter((m) => m.score >= WEAK_MATCH);
      return strong.length > 0 ? [{ line, matches: strong }] : [];
    });
  }
  await storeRows(db, valid, actor.actor, outcome);
  outcome.errors.sort((a, b) => a.line - b.line);
  return ok(matches ? { ...outcome, matches } : outcome);
}

export const EXPORT_FORMATS = ["ndjson", "csv", "claimreview"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Claims read per query while exporting: memory holds one page, whatever the table's size. */
const EXPORT_PAGE = 500;

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

interface Layout {
  contentType: string;
  extension: string;
  head: string;
  /** The claim's text in the export, or null when the format leaves it out. */
  item: (claim: ClaimView, first: boolean) => string | null;
  tail: string;
  /** Reads what the page's items need beyond the claims themselves, before they are written. */
  prepare?: (db: Db, claims: ClaimView[]) => Promise<void>;
}

/** Which claims the ClaimReview export holds: the published ones (as published), or every claim
 * with a verdict (an admin's look at what would be published). */
export type ReviewScope = "published" | "all";

interface ExportSite {
  org: ReviewingOrganization;
  /** The public pages' origin (https://desk.example), for the published fact-checks' urls. */
  origin: string;
  scope: ReviewScope;
}

function layoutOf(format: ExportFormat, site: ExportSite): Layout {
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
    case "claimreview": {
      // A published claim is exported as the public sees it: its published snapshot, at its page.
      let published = new Map<string, PublishedRow>();
      return {
        contentType: "application/ld+json; charset=utf-8",
        extension: "jsonld",
        head: "[",
        prepare: async (db, claims) => {
          published = await publishedClaims(
            db,
            claims.map((c) => c.id),
          );
        },
        item: (claim, first) => {
          const row = published.get(claim.id);
          const review = row
            ? reviewOfPublishedRow(row, site)
            : site.scope === "all"
              ? claimReview(claim, site.org)
              : null;
          return review && `${first ? "\n" : ",\n"}${JSON.stringify(review)}`;
        },
        tail: "\n]\n",
      };
    }
  }
}

/** Streams the whole table a keyset page at a time, pulled as the client reads. */
function exportStream(db: Db, layout: Layout): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterSeq = 0;
  let first = true;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (layout.head) controller.enqueue(encoder.encode(layout.head));
    },
    // Reads pages until one yields output: a pull that enqueues nothing is not called again.
    async pull(controller) {
      let chunk = "";
      while (!chunk && !done) {
        const rows = await claimsAfterSeq(db, afterSeq, EXPORT_PAGE);
        const views = rows.map(claimView);
        await layout.prepare?.(db, views);
        for (const view of views) {
          const text = layout.item(view, first);
          if (text === null) continue;
          chunk += text;
          first = false;
        }
        const last = rows.at(-1);
        if (last) afterSeq = last.seq;
        if (rows.length < EXPORT_PAGE) {
          done = true;
          chunk += layout.tail;
        }
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
      if (done) controller.close();
    },
  });
}

export interface Export {
  contentType: string;
  filename: string;
  body: ReadableStream<Uint8Array>;
}

/** Every claim, in the given format, streamed. The ClaimReview format holds the published
 * fact-checks only, unless an admin asks for every verdict (`scope` all). */
export function exportClaims(
  db: Db,
  actor: Principal,
  format: ExportFormat,
  site: ExportSite,
  now = new Date(),
): Result<Export> {
  const denied = refused(actor, format === "claimreview" && site.scope === "all" ? "admin" : "read");
  if (denied) return denied;
  const layout = layoutOf(format, site);
  return ok({
    contentType: layout.contentType,
    filename: `claimdesk-${now.toISOString().slice(0, 10)}.${layout.extension}`,
    body: exportStream(db, layout),
  });
}

/** The ClaimReview of a claim: as published when it is (its public page, its snapshot), else a
 * preview of the claim as it stands, for a verdict that has one. */
export async function claimReviewOf(
  db: Db,
  actor: Principal,
  id: string,
  site: { org: ReviewingOrganization; origin: string },
) {
  const denied = refused(actor, "read");
  if (denied) return denied;
  const row = await getClaimRow(db, id);
  if (!row) return notFound("claim", id);
  const published = (await publishedClaims(db, [id])).get(id);
  const review = published ? reviewOfPublishedRow(published, site) : claimReview(claimView(row), site.org);
  if (!review) {
    return fail({
      kind: "not_found",
      what: "ClaimReview of claim",
      id,
      detail: `Claim ${id} is ${row.status}: only verified, misleading, false and unproven claims have a ClaimReview.`,
    });
  }
  return ok(review);
}
