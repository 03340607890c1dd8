// A claim's internal notes, newest first, a page at a time: where the claim page's "Older notes"
// leads. Plain links, no JavaScript; a page link we did not make shows the newest notes and says so.
import type { Context } from "hono";
import { decodeNoteCursor, encodeCursor, type NoteCursor } from "../../domain/cursor";
import { shorten } from "../../domain/text";
import type { AppEnv } from "../../env";
import { getClaim } from "../../services/claims";
import { claimNotes } from "../../services/notes";
import { Layout, Notice } from "../components";
import { notFoundPage } from "../failures";
import { render } from "../render";
import { NOTES_SHOWN, NoteItem } from "./team";

export const notesHref = (claimId: string, cursor: NoteCursor) =>
  `/claims/${claimId}/notes?cursor=${encodeCursor(cursor)}`;

export async function notesPage(c: Context<AppEnv>, id: string) {
  const db = c.get("db");
  const principal = c.get("principal");
  const raw = c.req.query("cursor");
  const cursor = raw === undefined ? undefined : decodeNoteCursor(raw);
  const [found, notes] = await Promise.all([
    getClaim(db, principal, id),
    claimNotes(db, principal, id, { limit: NOTES_SHOWN, cursor: cursor ?? undefined }),
  ]);
  if (!found.ok || !notes.ok) return notFoundPage(c, "claim");
  const claim = found.value;
  const { next } = notes.value;
  return render(
    c,
    <Layout title={`Notes: ${shorten(claim.text, 60)}`} principal={principal} nonce={c.get("secureHeadersNonce")}>
      {cursor === null && <Notice kind="bad">That page link is not one of ours; here are the newest notes.</Notice>}
      <h1>Internal notes</h1>
      <p>
        On <a href={`/claims/${claim.id}`}>“{shorten(claim.text, 160)}”</a> ({claim.speaker.name}), newest first. Only
        the desk sees them.
      </p>
      {notes.value.notes.length === 0 ? (
        <p class="muted">No notes here.</p>
      ) : (
        <ol class="timeline">
          {notes.value.notes.map((note) => (
            <NoteItem note={note} />
          ))}
        </ol>
      )}
      <nav aria-label="More notes" class="pager">
        {raw !== undefined && <a href={`/claims/${claim.id}/notes`}>Newest notes</a>}{" "}
        {next && (
          <a class="older-notes" href={notesHref(claim.id, next)} rel="next">
            Older notes
          </a>
        )}
      </nav>
    </Layout>,
    cursor === null ? 400 : 200,
  );
}
