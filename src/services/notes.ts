// Internal notes: what the desk says about a claim that is not evidence ("called the ministry,
// waiting"). Everyone signed in reads them; reviewers write them. They are not part of the
// claim (no version bump, no history event) and never leave the desk: no export, no public page.
// They are read a page at a time, newest first, so no claim's notes make one answer large.
import type { Db } from "../db/client";
import { getClaimRow } from "../db/queries/claims";
import { insertNote, listNotes, type NoteView } from "../db/queries/notes";
import type { NoteCursor } from "../domain/cursor";
import type { Principal } from "../domain/permissions";
import type { NoteBody } from "../domain/schemas";
import { refused } from "./access";
import { notFound, ok, type Result } from "./result";

export type { NoteView };

export type NotePage = { notes: NoteView[]; next: NoteCursor | null };

/** A page of the claim's notes, newest first: `limit` of them after `cursor`. */
export async function claimNotes(
  db: Db,
  actor: Principal,
  claimId: string,
  page: { limit: number; cursor?: NoteCursor },
): Promise<Result<NotePage>> {
  const denied = refused(actor, "read");
  if (denied) return denied;
  const found = await listNotes(db, claimId, page);
  if (found.notes.length === 0 && !(await getClaimRow(db, claimId))) return notFound("claim", claimId);
  return ok(found);
}

export async function addNote(db: Db, actor: Principal, claimId: string, body: NoteBody): Promise<Result<NoteView>> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  const note = await insertNote(db, claimId, actor.actor, body.text, new Date().toISOString());
  return note ? ok(note) : notFound("claim", claimId);
}
