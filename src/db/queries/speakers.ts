import { eq, sql } from "drizzle-orm";
import { newId } from "../../domain/ids";
import { speakerMatchKey } from "../../domain/normalise";
import type { SpeakerKind } from "../../domain/vocabulary";
import type { Db } from "../client";
import { speakers } from "../schema";

export interface SpeakerInput {
  name: string;
  role?: string | null;
  kind?: SpeakerKind;
}

/** Find-or-create as one statement for a batch, plus a SQL expression that yields the
 * speaker's id later in the same batch (whether it was created or already there). */
export function upsertSpeakerStatement(db: Db, input: SpeakerInput, at: string) {
  const matchKey = speakerMatchKey(input.name, input.role);
  const insert = db
    .insert(speakers)
    .values({
      id: newId("speaker"),
      name: input.name.trim(),
      role: input.role?.trim() || null,
      kind: input.kind ?? "person",
      matchKey,
      createdAt: at,
      updatedAt: at,
    })
    .onConflictDoNothing({ target: speakers.matchKey });
  return { insert, idExpr: sql`(SELECT id FROM speakers WHERE match_key = ${matchKey})` };
}

export async function getSpeaker(db: Db, id: string) {
  return db.query.speakers.findFirst({ where: eq(speakers.id, id) });
}
