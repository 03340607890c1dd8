// The claim page's team panels: who has the claim (assign to me, to someone, unassign) and the
// timeline, where the history's events and the desk's latest internal notes read in one column.
import type { Principal } from "../../domain/permissions";
import { LIMITS } from "../../domain/schemas";
import type { ClaimDetail } from "../../services/claims";
import type { NoteView } from "../../services/notes";
import { FieldError, invalid, When } from "../components";
import type { FieldErrors, FormValues } from "../forms";
import { type ClaimEvent, describeEvent } from "./panels";

/** Versioned forms carry what the reviewer saw, so a concurrent change is shown, not overwritten. */
function Seen({ claim }: { claim: ClaimDetail }) {
  return (
    <>
      <input type="hidden" name="version" value={String(claim.version)} />
      <input type="hidden" name="seen_at" value={claim.updated_at} />
    </>
  );
}

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
            <form method="post" action={`/claims/${claim.id}/assign-me`} class="inline">
              <Seen claim={claim} />
              <button type="submit" id="assign-me">
                Assign to me
              </button>{" "}
            </form>
          )}
          {claim.assignee && (
            <form method="post" action={`/claims/${claim.id}/unassign`} class="inline">
              <Seen claim={claim} />
              <button type="submit" class="secondary">
                Unassign
              </button>
            </form>
          )}
          <form method="post" action={`/claims/${claim.id}/assign`}>
            <Seen claim={claim} />
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
          </form>
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

type Entry = { at: string; event: ClaimEvent } | { at: string; note: NoteView };

/** The history and the latest internal notes, oldest first (a link leads to the older notes);
 * reviewers add notes at the bottom. */
export function TimelinePanel(props: {
  claimId: string;
  events: ClaimEvent[];
  notes: NoteView[];
  /** The notes page holding the notes older than these, when there are any. */
  olderNotes: string | null;
  canReview: boolean;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { claimId, events, notes, olderNotes, canReview, values, errors } = props;
  const entries: Entry[] = [
    ...events.map((event) => ({ at: event.at, event })),
    ...notes.map((note) => ({ at: note.created_at, note })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return (
    <section class="card" aria-labelledby="history-heading">
      <h2 id="history-heading">History and notes</h2>
      {olderNotes && (
        <p class="muted">
          The latest {NOTES_SHOWN} notes are shown.{" "}
          <a class="older-notes" href={olderNotes}>
            Older notes
          </a>
        </p>
      )}
      <ol class="timeline">
        {entries.map((entry) =>
          "note" in entry ? (
            <NoteItem note={entry.note} />
          ) : (
            <li>
              <strong>{entry.event.actor}</strong> {describeEvent(entry.event)}
              {entry.event.note && <>: “{entry.event.note}”</>}
              <br />
              <span class="muted">
                <When iso={entry.event.at} />
              </span>
            </li>
          ),
        )}
      </ol>
      {canReview && (
        <form method="post" action={`/claims/${claimId}/notes`}>
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
        </form>
      )}
    </section>
  );
}
