// The claim page's team panels: who has the claim (assign to me, to someone, unassign), the
// history of its changes, and the desk's latest internal notes.
import type { Principal } from "../../domain/permissions";
import { LIMITS } from "../../domain/schemas";
import type { ClaimDetail } from "../../services/claims";
import type { NoteView } from "../../services/notes";
import { FieldError, invalid, When } from "../components";
import type { FieldErrors, FormValues } from "../forms";
import { ClaimForm } from "./forms";
import { type ClaimEvent, describeEvent } from "./panels";

export function AssignPanel(props: {
  claim: ClaimDetail;
  principal: Principal;
  canReview: boolean;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { claim, principal, canReview, values, errors } = props;
  const mine = claim.assignee === principal.actor;
  return (
    <section class="card" aria-labelledby="assign-heading">
      <h2 id="assign-heading">Assigned to</h2>
      <p>{claim.assignee ? <strong>{mine ? `${claim.assignee} (you)` : claim.assignee}</strong> : "Nobody yet."}</p>
      {canReview && (
        <>
          {!mine && (
            <ClaimForm claim={claim} intent="assign-me" class="inline">
              <button type="submit" id="assign-me">
                Assign to me
              </button>{" "}
            </ClaimForm>
          )}
          {claim.assignee && (
            <ClaimForm claim={claim} intent="unassign" class="inline">
              <button type="submit" class="secondary">
                Unassign
              </button>
            </ClaimForm>
          )}
          <ClaimForm claim={claim} intent="assign">
            <label for="assignee">Assign to someone (their token's name or email)</label>
            <input
              type="text"
              id="assignee"
              name="assignee"
              value={values?.assignee ?? ""}
              {...invalid(errors, "assignee")}
            />
            <FieldError errors={errors} name="assignee" />
            <p>
              <button type="submit" class="secondary">
                Assign
              </button>
            </p>
          </ClaimForm>
        </>
      )}
    </section>
  );
}

/** Notes a page shows: the claim page its latest, the notes page (./notes-page.tsx) a page. */
export const NOTES_SHOWN = 20;

/** One internal note: who, what, when. */
export function NoteItem({ note }: { note: NoteView }) {
  return (
    <li class="note">
      <strong>{note.author}</strong> <span class="badge">internal note</span>
      <p class="note-text">{note.text}</p>
      <span class="muted">
        <When iso={note.created_at} />
      </span>
    </li>
  );
}

/** The claim's history, oldest first: every change with who made it and when. */
export function HistoryPanel({ events }: { events: ClaimEvent[] }) {
  return (
    <section class="card" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <ol class="timeline">
        {events.map((event) => (
          <li>
            <strong>{event.actor}</strong> {describeEvent(event)}
            {event.note && <>: “{event.note}”</>}
            <br />
            <span class="muted">
              <When iso={event.at} />
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The desk's latest internal notes, oldest first (a link leads to the older ones); reviewers add
 * notes at the bottom. */
export function NotesPanel(props: {
  claim: ClaimDetail;
  notes: NoteView[];
  /** The notes page holding the notes older than these, when there are any. */
  olderNotes: string | null;
  canReview: boolean;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { claim, notes, olderNotes, canReview, values, errors } = props;
  return (
    <section class="card" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Internal notes ({notes.length})</h2>
      {olderNotes && (
        <p class="muted">
          The latest {NOTES_SHOWN} notes are shown.{" "}
          <a class="older-notes" href={olderNotes}>
            Older notes
          </a>
        </p>
      )}
      {notes.length === 0 ? (
        <p class="muted">No notes yet.</p>
      ) : (
        <ol class="timeline notes">
          {notes.map((note) => (
            <NoteItem note={note} />
          ))}
        </ol>
      )}
      {canReview && (
        <ClaimForm claim={claim} intent="note" seen={false}>
          <label for="note-text">Internal note (only the desk sees it; never exported or published)</label>
          <p class="muted">Up to {LIMITS.internalNote.toLocaleString("en")} characters.</p>
          <textarea id="note-text" name="text" maxlength={LIMITS.internalNote} {...invalid(errors, "text")}>
            {values?.text ?? ""}
          </textarea>
          <FieldError errors={errors} name="text" />
          <p>
            <button type="submit" class="secondary">
              Add note
            </button>
          </p>
        </ClaimForm>
      )}
    </section>
  );
}
