// Speakers: who made the claims, and their track record.
import type { Db } from "../db/client";
import { claimView, listClaims } from "../db/queries/claims";
import {
  getSpeaker,
  listSpeakers,
  repeatTally,
  speakerView,
  statusTally,
  createSpeaker as storeSpeaker,
} from "../db/queries/speakers";
import type { IdCursor } from "../domain/cursor";
import type { Principal } from "../domain/permissions";
import type { NewSpeakerBody } from "../domain/schemas";
import { refused } from "./access";
import { fail, notFound, ok, type Result } from "./result";

export type SpeakerView = ReturnType<typeof speakerView>;

export async function speakerList(
  db: Db,
  actor: Principal,
  query: { limit: number; name?: string; cursor?: IdCursor },
): Promise<Result<{ speakers: SpeakerView[]; next: IdCursor | null }>> {
  const denied = refused(actor, "read");
  if (denied) return denied;
  const { rows, more } = await listSpeakers(db, { limit: query.limit, name: query.name, afterId: query.cursor?.id });
  const last = rows.at(-1);
  return ok({ speakers: rows.map(speakerView), next: more && last ? { id: last.id } : null });
}

export async function createSpeaker(db: Db, actor: Principal, body: NewSpeakerBody): Promise<Result<SpeakerView>> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  const { created, id } = await storeSpeaker(db, body);
  if (!created) {
    return fail({
      kind: "duplicate",
      what: "speaker",
      existingId: id,
      detail: `A speaker with this name and role exists: ${id}.`,
    });
  }
  const row = await getSpeaker(db, id);
  return row ? ok(speakerView(row)) : notFound("speaker", id);
}

/** A speaker with their track record: claims by status, repeats of earlier claims, and their
 * latest 100 claims. */
export async function speakerRecord(db: Db, actor: Principal, id: string) {
  const denied = refused(actor, "read");
  if (denied) return denied;
  const row = await getSpeaker(db, id);
  if (!row) return notFound("speaker", id);
  const [tally, repeats, latest] = await Promise.all([
    statusTally(db, id),
    repeatTally(db, id),
    listClaims(db, { speakerId: id, limit: 100 }),
  ]);
  return ok({ ...speakerView(row), tally, repeats, claims: latest.rows.map(claimView) });
}
