import { createDb, runBatch } from "../../db/client";
import { editClaim as applyEdit, reviewClaim as applyReview, type ChangeOutcome } from "../../db/queries/claim-changes";
import { type ClaimCursor, claimView, createClaim, getClaimRow, listClaims } from "../../db/queries/claims";
import { listEvents } from "../../db/queries/events";
import { addEvidenceStatements, listEvidence, removeEvidence } from "../../db/queries/evidence";
import { clearFlagStatements } from "../../db/queries/flags";
import { toFtsQuery } from "../../db/queries/search";
import { reviewProblems } from "../../domain/review";
import type { Attribution, Status } from "../../domain/vocabulary";
import { Problem } from "../../middleware/problem";
import { decodeCursor, encodeCursor } from "../cursor";
import { router } from "../openapi";
import { etag, requiredVersion, staleVersion } from "../preconditions";
import { claimEditInput, claimInput, notFound, speakerRefOrThrow } from "./inputs";
import * as routes from "./routes";

const isCursor = (v: unknown): v is ClaimCursor =>
  typeof v === "object" &&
  v !== null &&
  (("seq" in v && Number.isSafeInteger(v.seq)) ||
    ("offset" in v && Number.isSafeInteger(v.offset) && (v.offset as number) >= 0));

async function detail(db: ReturnType<typeof createDb>, id: string) {
  const row = await getClaimRow(db, id);
  if (!row) return undefined;
  return { ...claimView(row), evidence: await listEvidence(db, id) };
}

function failed(outcome: Exclude<ChangeOutcome, { ok: true }>, id: string): Problem {
  switch (outcome.reason) {
    case "not_found":
      return notFound("claim", id);
    case "stale":
      return staleVersion(outcome.currentVersion);
    case "needs_evidence":
      return new Problem({
        status: 422,
        title: "Validation failed",
        detail: "A claim rated false or misleading needs at least one evidence item; add the evidence first.",
        errors: [{ path: "status", message: "needs at least one evidence item" }],
      });
    case "duplicate":
      return new Problem({
        status: 409,
        title: "Duplicate claim",
        detail: `After this edit the claim would duplicate ${outcome.existingId} (same text, context, speaker and source).`,
        extensions: { existing_id: outcome.existingId },
      });
  }
}

export const claims = router()
  .openapi(routes.listClaims, async (c) => {
    const query = c.req.valid("query");
    const fts = query.q === undefined ? null : toFtsQuery(query.q);
    const db = createDb(c.env.DB);
    if (query.q !== undefined && fts === null) return c.json({ data: [], next_cursor: null }, 200);
    const { rows, next } = await listClaims(db, {
      status: query.status,
      attribution: query.attribution,
      speakerId: query.speaker_id,
      sourceId: query.source_id,
      tag: query.tag,
      flag: query.flag,
      fts,
      limit: query.limit,
      cursor: query.cursor === undefined ? undefined : decodeCursor(query.cursor, isCursor),
    });
    return c.json({ data: rows.map(claimView), next_cursor: next && encodeCursor(next) }, 200);
  })
  .openapi(routes.createClaim, async (c) => {
    const db = createDb(c.env.DB);
    const input = await claimInput(db, c.req.valid("json"));
    const outcome = await createClaim(db, input, c.get("principal").actor);
    if (!outcome.created) {
      throw new Problem({
        status: 409,
        title: "Duplicate claim",
        detail: `This claim is already tracked as ${outcome.existingId} (same text, context, speaker and source).`,
        extensions: { existing_id: outcome.existingId },
      });
    }
    const claim = await detail(db, outcome.id);
    if (!claim) throw new Error(`created claim ${outcome.id} not found`);
    c.header("Location", `/api/v1/claims/${outcome.id}`);
    c.header("ETag", etag(claim.version));
    return c.json(claim, 201);
  })
  .openapi(routes.getClaim, async (c) => {
    const { id } = c.req.valid("param");
    const claim = await detail(createDb(c.env.DB), id);
    if (!claim) throw notFound("claim", id);
    c.header("ETag", etag(claim.version));
    return c.json(claim, 200);
  })
  .openapi(routes.editClaim, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const version = requiredVersion(c);
    const db = createDb(c.env.DB);
    const row = await getClaimRow(db, id);
    if (!row) throw notFound("claim", id);
    if (row.version !== version) throw staleVersion(row.version);
    const outcome = await applyEdit(db, row, version, await claimEditInput(db, body), c.get("principal").actor);
    if (!outcome.ok) throw failed(outcome, id);
    const claim = await detail(db, id);
    if (!claim) throw notFound("claim", id);
    c.header("ETag", etag(claim.version));
    return c.json(claim, 200);
  })
  .openapi(routes.reviewClaim, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const version = requiredVersion(c);
    const db = createDb(c.env.DB);
    const current = await detail(db, id);
    if (!current) throw notFound("claim", id);
    if (current.version !== version) throw staleVersion(current.version);
    const errors = reviewProblems(body, current.evidence.length);
    if (errors.length > 0) {
      throw new Problem({
        status: 422,
        title: "Validation failed",
        detail: errors.map((e) => e.message).join(" "),
        errors,
      });
    }
    const outcome = await applyReview(
      db,
      { id, version, status: current.status as Status, attribution: current.attribution as Attribution },
      body,
      c.get("principal").actor,
    );
    if (!outcome.ok) throw failed(outcome, id);
    const claim = await detail(db, id);
    if (!claim) throw notFound("claim", id);
    c.header("ETag", etag(claim.version));
    return c.json(claim, 200);
  })
  .openapi(routes.claimHistory, async (c) => {
    const { id } = c.req.valid("param");
    const db = createDb(c.env.DB);
    const events = await listEvents(db, id);
    if (events.length === 0 && !(await getClaimRow(db, id))) throw notFound("claim", id);
    return c.json({ data: events }, 200);
  })
  .openapi(routes.addEvidence, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const db = createDb(c.env.DB);
    if (body.speaker_id) await speakerRefOrThrow(db, { id: body.speaker_id }, "speaker_id");
    const at = new Date().toISOString();
    const { id: evidenceId, statements } = addEvidenceStatements(
      db,
      id,
      { url: body.url, title: body.title, note: body.note, stance: body.stance, speakerId: body.speaker_id },
      c.get("principal").actor,
      at,
    );
    await runBatch(db, statements);
    const item = (await listEvidence(db, id)).find((e) => e.id === evidenceId);
    if (!item) throw notFound("claim", id);
    return c.json(item, 201);
  })
  .openapi(routes.removeEvidence, async (c) => {
    const { id, eid } = c.req.valid("param");
    const outcome = await removeEvidence(createDb(c.env.DB), id, eid, c.get("principal").actor);
    if (outcome === "not_found") throw notFound("evidence", eid);
    if (outcome === "needed_by_verdict") {
      throw new Problem({
        status: 409,
        title: "Evidence needed by the verdict",
        detail:
          "This is the last evidence of a claim rated false or misleading. Change the verdict first, or add other evidence.",
      });
    }
    return c.body(null, 204);
  })
  .openapi(routes.clearFlag, async (c) => {
    const { id, flag } = c.req.valid("param");
    const { note } = c.req.valid("json");
    const db = createDb(c.env.DB);
    const current = await detail(db, id);
    if (!current) throw notFound("claim", id);
    if (!current.flags.some((f) => f.flag === flag)) throw notFound(`flag ${flag} on claim`, id);
    const at = new Date().toISOString();
    await runBatch(db, clearFlagStatements(db, { claimId: id, flag, at, actor: c.get("principal").actor, note }));
    const claim = await detail(db, id);
    if (!claim) throw notFound("claim", id);
    return c.json(claim, 200);
  });
