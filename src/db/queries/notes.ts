// Internal notes on a claim. Only the desk reads them: no export, feed or public page calls
// these queries.
import { asc, eq, sql } from "drizzle-orm";
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

export async function listNotes(db: Db, claimId: string): Promise<NoteView[]> {
  const rows = await db
    .select()
    .from(claimNotes)
    .where(eq(claimNotes.claimId, claimId))
    .orderBy(asc(claimNotes.createdAt), asc(claimNotes.id));
  return rows.map(view);
}
