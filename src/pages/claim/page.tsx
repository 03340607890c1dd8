// The claim page: the quote in its context, the review, evidence, flags, re-checks and history.
// A rejected form shows the page again with the reviewer's input kept (see actions.tsx).

import type { Context } from "hono";
import { allows } from "../../domain/permissions";
import { shorten } from "../../domain/text";
import type { AppEnv } from "../../env";
import { claimHistory, getClaim } from "../../services/claims";
import { matchesForClaim } from "../../services/matching";
import { claimNotes } from "../../services/notes";
import { publicationOf } from "../../services/publication";
import { recheckList } from "../../services/recheck-log";
import { ATTRIBUTION_LABELS, FlagBadge, Layout, Notice, StatusBadge } from "../components";
import { notFoundPage, type Refusal } from "../failures";
import type { FieldErrors, FormValues } from "../forms";
import { render } from "../render";
import { notesHref } from "./notes-page";
import {
  ConflictNotice,
  EvidencePanel,
  FlagsPanel,
  QuotePanel,
  RechecksPanel,
  RepeatsPanel,
  ReviewPanel,
  WhoPanel,
} from "./panels";
import { PublicationPanel } from "./publication-panel";
import { AssignPanel, NOTES_SHOWN, TimelinePanel } from "./team";

const DONE: Record<string, string> = {
  reviewed: "Review saved.",
  evidence: "Evidence added.",
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
  form?: "review" | "evidence" | "repeat" | "publication" | "assign" | "note" | `flag-${string}`;
  errors?: FieldErrors;
  values?: FormValues;
  /** Set when someone else changed the claim since the reviewer loaded it. */
  conflictSince?: string;
  message?: string;
}

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
  const mine = (form: PageState["form"]) => (state.form === form ? state : {});
  const done = DONE[c.req.query("done") ?? ""];
  const theirChanges =
    state.conflictSince === undefined ? [] : events.filter((e) => e.at > (state.conflictSince ?? ""));
  return render(
    c,
    <Layout title={`Claim: ${shorten(claim.text, 60)}`} principal={principal} nonce={c.get("secureHeadersNonce")}>
      {done && <Notice kind="ok">{done}</Notice>}
      {state.message && <Notice kind="bad">{state.message}</Notice>}
      {state.conflictSince !== undefined && (
        <Notice kind="bad">
          <ConflictNotice events={theirChanges} />
        </Notice>
      )}
      <h1>
        <span class="sr-only">Claim: </span>
        <StatusBadge status={claim.status} /> <span class="badge">{ATTRIBUTION_LABELS[claim.attribution]}</span>{" "}
        {claim.flags.map((f) => (
          <FlagBadge flag={f.flag} />
        ))}
      </h1>
      <div class="grid">
        <div>
          <QuotePanel claim={claim} canReview={canReview} />
          {canReview && <ReviewPanel claim={claim} {...mine("review")} />}
          <EvidencePanel claim={claim} canReview={canReview} {...mine("evidence")} />
        </div>
        <div>
          <PublicationPanel
            publication={publication.value}
            status={claim.status}
            seenAt={claim.updated_at}
            canReview={canReview}
            {...mine("publication")}
          />
          <AssignPanel claim={claim} principal={principal} canReview={canReview} {...mine("assign")} />
          <WhoPanel claim={claim} />
          <RepeatsPanel claim={claim} matches={matches} canReview={canReview} {...mine("repeat")} />
          <FlagsPanel claim={claim} canReview={canReview} errorsFor={(flag) => mine(`flag-${flag}`).errors} />
          <RechecksPanel claim={claim} rechecks={rechecks.value.rechecks} canReview={canReview} />
          <TimelinePanel
            claimId={claim.id}
            events={events}
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
