import { and, eq, type SQL, sql } from "drizzle-orm";
import { newId } from "../../domain/ids";
import { type EvidenceFields, newEvidenceRow } from "../../domain/new-references";
import type { Status } from "../../domain/vocabulary";
import type { Db } from "../client";
import { claims, evidence, speakers } from "../schema";
import { insertEventWhere } from "./events";

export interface NewEvidence extends EvidenceFields {
  /** Who confirmed or denied: an id, or an id expression from the same batch. */
  speakerId?: string | SQL | null;
}

/** The evidence row, its `evidence_added` event and the claim's version bump, for one batch. */
export function addEvidenceStatements(db: Db, claimId: string, input: NewEvidence, actor: string, at: string) {
  const id = newId("evidence");
  const { url, title, note } = newEvidenceRow(input);
  const speakerId = input.speakerId ?? null;
  const statements = [
    // Lands only on an existing claim: callers learn "no such claim" from the read-back.
    db.insert(evidence).select(sql`
      SELECT ${id}, id, ${url}, ${title}, ${note}, ${input.stance}, ${speakerId}, ${actor}, ${at}
      FROM claims WHERE id = ${claimId}`),
    insertEventWhere(
      db,
      {
        claimId,
        at,
        actor,
        action: "evidence_added",
        to: input.stance,
        data: { evidence_id: id, url, title, note, stance: input.stance },
      },
      sql`EXISTS (SELECT 1 FROM evidence WHERE id = ${id})`,
    ),
    // Evidence is part of the claim a reviewer judges: a change to it is a new version.
    db
      .update(claims)
      .set({ version: sql`version + 1`, updatedAt: at })
      .where(and(eq(claims.id, claimId), sql`EXISTS (SELECT 1 FROM evidence WHERE id = ${id})`)),
  ];
  return { id, statements };
}

export async function listEvidence(db: Db, claimId: string) {
  const rows = await db
    .select({
      id: evidence.id,
      url: evidence.url,
      title: evidence.title,
      note: evidence.note,
      stance: evidence.stance,
      createdBy: evidence.createdBy,
      createdAt: evidence.createdAt,
      speaker: { id: speakers.id, name: speakers.name, role: speakers.role, kind: speakers.kind },
    })
    .from(evidence)
    .leftJoin(speakers, eq(speakers.id, evidence.speakerId))
    .where(eq(evidence.claimId, claimId))
    .orderBy(evidence.createdAt, sql`${evidence}.rowid`);
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    title: r.title,
    note: r.note,
    stance: r.stance,
    speaker: r.speaker,
    created_by: r.createdBy,
    created_at: r.createdAt,
  }));
}

export type RemoveOutcome = "removed" | "not_found" | "needed_by_verdict";

/** Removes an evidence item with its `evidence_removed` event, unless it is the last evidence of a
 * claim whose status is one of `keepLastAt` (the statuses that need evidence, which the caller
 * names): checked in the batch that deletes it, so no review can slip in between. */
export async function removeEvidence(
  db: Db,
  claimId: string,
  evidenceId: string,
  keepLastAt: readonly Status[],
  actor: string,
  at = new Date().toISOString(),
): Promise<RemoveOutcome> {
  const row = await db.get<{
    id: string;
    url: string | null;
    title: string | null;
    note: string | null;
    stance: string;
  }>(sql`SELECT id, url, title, note, stance FROM evidence WHERE id = ${evidenceId} AND claim_id = ${claimId}`);
  if (!row) return "not_found";
  // The statuses travel as one JSON parameter, however many there are.
  const allowed = sql`(
    (SELECT status FROM claims WHERE id = ${claimId}) NOT IN (SELECT value FROM json_each(${JSON.stringify(keepLastAt)}))
    OR (SELECT count(*) FROM evidence WHERE claim_id = ${claimId}) > 1)`;
  const guard = sql`EXISTS (SELECT 1 FROM evidence WHERE id = ${evidenceId}) AND ${allowed}`;
  const [, , deleted] = await db.batch([
    insertEventWhere(
      db,
      {
        claimId,
        at,
        actor,
        action: "evidence_removed",
        from: row.stance,
        data: { evidence_id: row.id, url: row.url, title: row.title, note: row.note, stance: row.stance },
      },
      guard,
    ),
    db
      .update(claims)
      .set({ version: sql`version + 1`, updatedAt: at })
      .where(and(eq(claims.id, claimId), guard)),
    db
      .delete(evidence)
      .where(and(eq(evidence.id, evidenceId), allowed))
      .returning({ id: evidence.id }),
  ]);
  return deleted.length > 0 ? "removed" : "needed_by_verdict";
}
