// The claim page, in the order of the work: the quote with who said it and where; the verdict with
// its evidence and publication; the history; then matches, flags, re-checks, assignment and notes.
// Every form posts to the claim's own address (actions.ts postClaim): a rejected form shows the
// page again there with the reviewer's input kept; a step that went through redirects (303) here.

import type { Context } from "hono";
import { allows } from "../../domain/permissions";
import { LIMITS } from "../../domain/schemas";
import { shorten } from "../../domain/text";
import { ATTRIBUTIONS, STATUSES } from "../../domain/vocabulary";
import type { AppEnv } from "../../env";
import { claimHistory, getClaim } from "../../services/claims";
import { matchesForClaim } from "../../services/matching";
import { claimNotes } from "../../services/notes";
import { publicationOf } from "../../services/publication";
import { recheckList } from "../../services/recheck-log";
import { Layout, Notice } from "../components";
import { notFoundPage, type Refusal } from "../failures";
import type { FieldErrors, FormValues } from "../forms";
import { render } from "../render";
import { notesHref } from "./notes-page";
import { ClaimHead, ConflictNotice, FlagsPanel, RechecksPanel, RepeatsPanel, VerdictPanel } from "./panels";
import { type PublicationConfirm, PublicationPanel } from "./publication-panel";
import { AssignPanel, HistoryPanel, NOTES_SHOWN, NotesPanel } from "./team";

const DONE: Record<string, string> = {
  reviewed: "Review saved.",
  "reviewed-evidence": "Evidence added and review saved.",
  evidence: "Evidence added.",
  "evidence-only": "Evidence added. The status and attribution are as they were, so the rationale was not saved.",
  "evidence-removed": "Evidence removed.",
  flag: "Flag cleared.",
  recheck: "Source re-checked.",
  created: "Claim created.",
  edited: "Claim saved.",
  repeat: "Linked as a repeat.",
  "repeat-unlinked": "No longer marked as a repeat.",
  published: "Published: the fact-check is public.",
  signed_off: "Signed off.",
  unpublished: "Unpublished: the public page is gone.",
  corrected: "Correction published.",
  // Team workflow (./team.tsx)
  assigned: "Assigned.",
  unassigned: "Unassigned.",
  note: "Note added.",
};

/** The matcher's best five are offered; a few more are asked for, as linked claims are left out. */
const MATCHES_SHOWN = 5;
const MATCHES_ASKED = 8;

export interface PageState {
  /** Which form the errors and values belong to. */
  form?: "verdict" | "repeat" | "publication" | "assign" | "note" | `flag-${string}`;
  errors?: FieldErrors;
  values?: FormValues;
  /** Set when someone else changed the claim since the reviewer loaded it. */
  conflictSince?: string;
  message?: string;
  /** A notice of what went through (the verdict form's evidence, added while its verdict was kept). */
  done?: string;
  /** A publication step waiting for the reviewer's confirmation. */
  confirm?: PublicationConfirm;
}

/** A verdict draft carried in the address after "Add evidence" (actions.ts draftAddress): the
 * values the verdict form shows again, only those a form could have sent. */
function draftFrom(query: (name: string) => string | undefined): FormValues | undefined {
  const draft: FormValues = {};
  const status = query("draft_status");
  const attribution = query("draft_attribution");
  const rationale = query("draft_rationale");
  if (status && (STATUSES as readonly string[]).includes(status)) draft.status = status;
  if (attribution && (ATTRIBUTIONS as readonly string[]).includes(attribution)) draft.attribution = attribution;
  if (rationale) draft.rationale = rationale.slice(0, LIMITS.note);
  return Object.keys(draft).length > 0 ? draft : undefined;
}

/** A draft worth a word: it says something the claim does not yet. */
const differs = (draft: FormValues, claim: { status: string; attribution: string }) =>
  Boolean(
    (draft.status && draft.status !== claim.status) ||
      (draft.attribution && draft.attribution !== claim.attribution) ||
      draft.rationale,
  );

export async function claimPage(
  c: Context<AppEnv>,
  id: string,
  state: PageState = {},
  status: 200 | Refusal["status"] = 200,
) {
  const db = c.get("db");
  const principal = c.get("principal");
  const [found, history, rechecks, matched, publication, notes] = await Promise.all([
    getClaim(db, principal, id),
    claimHistory(db, principal, id),
    recheckList(db, principal, { claimId: id, limit: 10 }),
    matchesForClaim(db, principal, id, MATCHES_ASKED),
    publicationOf(db, principal, id),
    claimNotes(db, principal, id, { limit: NOTES_SHOWN }),
  ]);
  if (!found.ok || !history.ok || !rechecks.ok || !publication.ok || !notes.ok) return notFoundPage(c, "claim");
  const claim = found.value;
  const events = history.value;
  // Claims already linked either way are listed as such, not offered again.
  const linked = new Set([claim.repeat_of, ...claim.repeats.map((r) => r.id)]);
  const matches = (matched.ok ? matched.value : []).filter((m) => !linked.has(m.claim.id)).slice(0, MATCHES_SHOWN);
  const canReview = allows(principal.role, "review");
  const draft = c.req.method === "GET" ? draftFrom((name) => c.req.query(name)) : undefined;
  const mine = (form: PageState["form"]) =>
    state.form === form ? state : form === "verdict" && draft ? { values: draft } : {};
  const done = state.done ?? DONE[c.req.query("done") ?? ""];
  const theirChanges =
    state.conflictSince === undefined ? [] : events.filter((e) => e.at > (state.conflictSince ?? ""));
  // The page reads as the work goes (issue 22): the quote with who said it and where; the verdict
  // with its evidence and its publication; the history; then matches, re-checks, assignment and
  // notes. One column on a phone, in this order; a second column on a wide screen.
  return render(
    c,
    <Layout title={`Claim: ${shorten(claim.text, 60)}`} principal={principal} nonce={c.get("secureHeadersNonce")}>
      {done && <Notice kind="ok">{done}</Notice>}
      {draft && !state.form && differs(draft, claim) && (
        <Notice kind="ok">Your verdict draft is kept below; it is not saved until you press “Save review”.</Notice>
      )}
      {state.message && <Notice kind="bad">{state.message}</Notice>}
      {state.conflictSince !== undefined && (
        <Notice kind="bad">
          <ConflictNotice events={theirChanges} />
        </Notice>
      )}
      <ClaimHead claim={claim} canReview={canReview} />
      <div class="grid">
        <div>
          <VerdictPanel claim={claim} canReview={canReview} {...mine("verdict")} />
          <PublicationPanel
            claim={claim}
            publication={publication.value}
            canReview={canReview}
            confirm={state.confirm}
            {...mine("publication")}
          />
          <HistoryPanel events={events} />
        </div>
        <div>
          <RepeatsPanel claim={claim} matches={matches} canReview={canReview} {...mine("repeat")} />
          <FlagsPanel claim={claim} canReview={canReview} errorsFor={(flag) => mine(`flag-${flag}`).errors} />
          <RechecksPanel claim={claim} rechecks={rechecks.value.rechecks} canReview={canReview} />
          <AssignPanel claim={claim} principal={principal} canReview={canReview} {...mine("assign")} />
          <NotesPanel
            claim={claim}
            notes={notes.value.notes}
            olderNotes={notes.value.next && notesHref(claim.id, notes.value.next)}
            canReview={canReview}
            {...mine("note")}
          />
        </div>
      </div>
    </Layout>,
    status,
  );
}
