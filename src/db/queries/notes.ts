// Internal notes on a claim. Only the desk reads them: no export, feed or public page calls
// these queries.
import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import type { NoteCursor } from "../../domain/cursor";
import { newId } from "../../domain/ids";
import type { Db } from "../client";
import { claimNotes } from "../schema";

export interface NoteView {
  id: string;
  author: string;
  text: string;
  created_at: string;
}

const view = (r: typeof claimNotes.$inferSelect): NoteView => ({
  id: r.id,
  author: r.author,
  text: r.text,
  created_at: r.createdAt,
});

/** Adds the note when the claim exists; answers it, or undefined when there is no such claim. */
export async function insertNote(db: Db, claimId: string, author: string, text: string, at: string) {
  const id = newId("note");
  const rows = await db
    .insert(claimNotes)
    .select(
      sql`SELECT ${id}, ${claimId}, ${author}, ${text}, ${at} WHERE EXISTS (SELECT 1 FROM claims WHERE id = ${claimId})`,
    )
    .returning();
  return rows[0] && view(rows[0]);
}

/** A page of the claim's notes, newest first (index claim_notes_claim_idx), after `cursor`. */
export async function listNotes(
  db: Db,
  claimId: string,
  page: { limit: number; cursor?: NoteCursor },
): Promise<{ notes: NoteView[]; next: NoteCursor | null }> {
  const { cursor } = page;
  const before =
    cursor &&
    or(lt(claimNotes.createdAt, cursor.at), and(eq(claimNotes.createdAt, cursor.at), lt(claimNotes.id, cursor.id)));
  const rows = await db
    .select()
    .from(claimNotes)
    .where(and(eq(claimNotes.claimId, claimId), before))
    .orderBy(desc(claimNotes.createdAt), desc(claimNotes.id))
    .limit(page.limit + 1);
  const notes = rows.slice(0, page.limit).map(view);
  const last = notes.at(-1);
  return { notes, next: rows.length > page.limit && last ? { at: last.created_at, id: last.id } : null };
}
