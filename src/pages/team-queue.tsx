// The queue's rows with the team workflow: a checkbox per claim for bulk actions (a plain form:
// it works without JavaScript; the shortcut script adds shift-click ranges and the keyboard),
// and "Assign to me" on each row. Each checkbox carries the version the page showed, so a claim
// changed since is skipped, not overwritten (src/services/bulk.ts).

import { shorten } from "../domain/text";
import type { ClaimPage } from "../services/claims";
import { ATTRIBUTION_LABELS, FlagBadge, StatusBadge } from "./components";

export function QueueList(props: { claims: ClaimPage["claims"]; canReview: boolean; me: string; back: string }) {
  const { claims, canReview, me, back } = props;
  const rows = (
    <ol class="queue" aria-label="Claims">
      {claims.map((claim) => (
        <li class="row">
          {canReview && (
            <input
              type="checkbox"
              class="pick"
              name="claim"
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
            {claim.speaker.role ? `, ${claim.speaker.role}` : ""} ·{" "}
            {claim.source.title ?? claim.source.url ?? "untitled source"}
            {claim.source.publisher ? ` (${claim.source.publisher})` : ""} · {ATTRIBUTION_LABELS[claim.attribution]}
            {claim.assignee ? ` · assigned to ${claim.assignee}` : ""}
            {claim.tags.length > 0 ? ` · tags: ${claim.tags.join(", ")}` : ""}
            {canReview && claim.assignee !== me && (
              <>
                {" "}
                <button
                  type="submit"
                  class="secondary small assign-me"
                  formaction={`/claims/${claim.id}/assign-me`}
                  name="version"
                  value={String(claim.version)}
                >
                  Assign to me
                </button>
              </>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
  if (!canReview) return rows;
  return (
    <form method="post" action="/review/bulk" id="bulk">
      <input type="hidden" name="back" value={back} />
      {/* The action comes before the rows: Enter in its fields submits the bulk action, not a row's button. */}
      <fieldset class="card filters bulk">
        <legend>With the selected claims</legend>
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
      {rows}
    </form>
  );
}
