// The queue's rows with the team workflow: a checkbox per claim for bulk actions (a plain form:
// it works without JavaScript, the action bar below the list; the shortcut script shows the bar
// only once something is selected, and adds shift-click ranges and the keyboard), and "Assign to
// me" on each row, which brings the reviewer back to the same place in the same list. Each
// checkbox carries the version the page showed, so a claim changed since is skipped, not
// overwritten (src/services/bulk.ts).

import { shorten } from "../domain/text";
import type { ClaimPage } from "../services/claims";
import { ATTRIBUTION_LABELS, FlagBadge, StatusBadge } from "./components";

/** The row's anchor: where "Assign to me" brings the reviewer back to. */
export const rowAnchor = (id: string) => `claim-${id}`;

export function QueueList(props: {
  claims: ClaimPage["claims"];
  canReview: boolean;
  me: string;
  back: string;
  /** The list shows unassigned claims only: an assigned row leaves it, so the place is the next row. */
  leavesOnAssign?: boolean;
}) {
  const { claims, canReview, me, back, leavesOnAssign } = props;
  const placeAfter = (i: number) => {
    if (!leavesOnAssign) return claims[i]?.id;
    return (claims[i + 1] ?? claims[i - 1])?.id;
  };
  const rows = (
    <ol class="queue" aria-label="Claims">
      {claims.map((claim, i) => {
        const source = claim.source.title ?? claim.source.url ?? "untitled source";
        const place = placeAfter(i);
        return (
          <li class="row" id={rowAnchor(claim.id)}>
            {canReview && (
              <input
                type="checkbox"
                class="pick"
                name="claim"
                form="bulk"
                value={`${claim.id}:${claim.version}`}
                aria-label={`Select “${shorten(claim.text, 80)}”`}
              />
            )}{" "}
            <StatusBadge status={claim.status} />{" "}
            {claim.flags.map((f) => (
              <FlagBadge flag={f.flag} />
            ))}{" "}
            {claim.repeat_of && <span class="badge">repeat</span>}{" "}
            <a href={`/claims/${claim.id}`}>“{shorten(claim.text, 240)}”</a>
            <div class="meta">
              {claim.speaker.name}
              {claim.speaker.role ? `, ${shorten(claim.speaker.role, 80)}` : ""}
            </div>
            {/* One line: cut between characters on the server, and by the width on screen. */}
            <div class="meta one-line" title={source.length > 90 ? source : undefined}>
              {shorten(source, 90)}
              {claim.source.publisher ? ` (${shorten(claim.source.publisher, 40)})` : ""}
            </div>
            <div class="meta">
              {ATTRIBUTION_LABELS[claim.attribution]}
              {claim.assignee ? ` · assigned to ${claim.assignee}` : ""}
              {claim.tags.length > 0 ? ` · tags: ${claim.tags.join(", ")}` : ""}
              {canReview && claim.assignee !== me && (
                <>
                  {" "}
                  <button
                    type="submit"
                    class="secondary small assign-me"
                    form="row-assign"
                    formaction={`/claims/${claim.id}/assign-me${place ? `?at=${rowAnchor(place)}` : ""}`}
                    name="version"
                    value={String(claim.version)}
                  >
                    Assign to me
                  </button>
                </>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
  if (!canReview) return rows;
  // The rows' controls belong to two forms outside the list (the `form` attribute): the bulk form,
  // whose only submit button is "Apply to selected" (so Enter in its fields applies it), and the
  // rows' "Assign to me", which carries the queue's address to come back to.
  return (
    <>
      {rows}
      <form method="post" action="/review/bulk" id="bulk">
        <input type="hidden" name="back" value={back} />
        <fieldset class="card filters bulk">
          <legend>
            With the selected claims <span class="bulk-count" aria-live="polite" />
          </legend>
          <div>
            <label for="bulk-action">Action</label>
            <select id="bulk-action" name="action">
              <option value="assign_me">Assign to me</option>
              <option value="assign">Assign to…</option>
              <option value="unassign">Unassign</option>
              <option value="tag">Add tag…</option>
              <option value="untag">Remove tag…</option>
              <option value="in_review">Move to in review</option>
            </select>
          </div>
          <div>
            <label for="bulk-assignee">Assignee (for “Assign to…”)</label>
            <input type="text" id="bulk-assignee" name="assignee" />
          </div>
          <div>
            <label for="bulk-tag">Tag (to add or remove)</label>
            <input type="text" id="bulk-tag" name="tag" />
          </div>
          <div>
            <button type="submit" id="bulk-apply">
              Apply to selected
            </button>
          </div>
        </fieldset>
      </form>
      <form method="post" id="row-assign" action="/review/bulk">
        <input type="hidden" name="back" value={back} />
      </form>
    </>
  );
}
