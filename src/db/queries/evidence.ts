import { type SQL, sql } from "drizzle-orm";
import { newId } from "../../domain/ids";
import type { Stance } from "../../domain/vocabulary";
import type { Db } from "../client";
import { evidence } from "../schema";
import { insertEventWhere } from "./events";

export interface NewEvidence {
  url?: string | null;
  title?: string | null;
  note?: string | null;
  stance: Stance;
  /** Who confirmed or denied: an id, or an id expression from the same batch. */
  speakerId?: string | SQL | null;
}

/** The evidence row and its `evidence_added` event, for one batch. */
export function addEvidenceStatements(db: Db, claimId: string, input: NewEvidence, actor: string, at: string) {
  const id = newId("evidence");
  const url = input.url ?? null;
  const title = input.title?.trim() || null;
  const note = input.note?.trim() || null;
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
  ];
  return { id, statements };
}
