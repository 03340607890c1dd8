// The claim page's panels, one component each: the quote, the review form, evidence, who and
// where, flags and re-checks (the history and the notes: ./team.tsx).
import { stanceLabel } from "../../domain/labels";
import { ATTRIBUTIONS, isVerdict, STANCES, STATUSES } from "../../domain/vocabulary";
import type { ClaimDetail } from "../../services/claims";
import type { ClaimMatch } from "../../services/matching";
import type { RecheckView } from "../../services/recheck-log";
import {
  ATTRIBUTION_LABELS,
  FieldError,
  FLAG_LABELS,
  FlagBadge,
  invalid,
  QuoteInContext,
  SafeLink,
  STATUS_LABELS,
  When,
} from "../components";
import type { FieldErrors, FormValues } from "../forms";
import { MatchSummary } from "../matches";
import { describePublicationEvent } from "./publication-panel";

export interface ClaimEvent {
  at: string;
  actor: string;
  action: string;
  from: string | null;
  to: string | null;
  note: string | null;
}

export function describeEvent(e: { action: string; from: string | null; to: string | null }) {
  switch (e.action) {
    case "created":
      return "filed the claim";
    case "edited":
      return "edited the claim";
    case "status_changed":
      return `changed the status from ${STATUS_LABELS[e.from ?? ""] ?? e.from} to ${STATUS_LABELS[e.to ?? ""] ?? e.to}`;
    case "attribution_changed":
      return `changed the attribution from ${ATTRIBUTION_LABELS[e.from ?? ""] ?? e.from} to ${ATTRIBUTION_LABELS[e.to ?? ""] ?? e.to}`;
    case "evidence_added":
      return `added evidence (${e.to})`;
    case "evidence_removed":
      return "removed evidence";
    case "flag_raised":
      return `raised the flag “${FLAG_LABELS[e.to ?? ""] ?? e.to}”`;
    case "flag_cleared":
      return `cleared the flag “${FLAG_LABELS[e.from ?? ""] ?? e.from}”`;
    case "repeat_linked":
      return `marked it as a repeat of ${e.to}`;
    case "repeat_unlinked":
      return `unmarked it as a repeat of ${e.from}`;
    case "assigned":
      return `assigned it to ${e.to}`;
    case "unassigned":
      return `unassigned ${e.from}`;
    default:
      return describePublicationEvent(e) ?? e.action;
  }
}

/** What changed since the reviewer loaded the claim: shown instead of overwriting it. */
export function ConflictNotice({ events }: { events: ClaimEvent[] }) {
  return (
    <>
      <p>
        <strong>Someone else changed this claim while you were working on it.</strong> Your change was not saved; your
        input is kept below. Their change:
      </p>
      <ul>
        {events.map((e) => (
          <li>
            {e.actor} {describeEvent(e)}
            {e.note ? `: “${e.note}”` : ""} (<When iso={e.at} />)
          </li>
        ))}
      </ul>
      <p>The claim now reads as shown. Submit again to apply your change on top of theirs.</p>
    </>
  );
}

export function QuotePanel({ claim, canReview }: { claim: ClaimDetail; canReview: boolean }) {
  return (
    <section class="card" aria-labelledby="quote-heading">
      <h2 id="quote-heading" class="sr-only">
        The claim
      </h2>
      <blockquote class="quote">“{claim.text}”</blockquote>
      <p>
        <QuoteInContext text={claim.text} context={claim.context} />
      </p>
      <p class="muted">
        {claim.kind.replace("_", " ")}
        {claim.reported_via ? ` · ${claim.reported_via}` : ""}
        {claim.stated_at ? ` · stated ${claim.stated_at}` : ""}
        {claim.tags.length ? ` · tags: ${claim.tags.join(", ")}` : ""} · version {claim.version}
      </p>
      {claim.rationale && (
        <p>
          <strong>Rationale:</strong> {claim.rationale}
        </p>
      )}
      {canReview && (
        <p>
          <a href={`/claims/${claim.id}/edit`}>Edit the claim</a>
        </p>
      )}
    </section>
  );
}

export function ReviewPanel(props: { claim: ClaimDetail; values?: FormValues; errors?: FieldErrors }) {
  const { claim, values, errors } = props;
  return (
    <section class="card" aria-labelledby="review-heading">
      <h2 id="review-heading">Review</h2>
      <form method="post" action={`/claims/${claim.id}/review`}>
        <input type="hidden" name="version" value={String(claim.version)} />
        <input type="hidden" name="seen_at" value={claim.updated_at} />
        <label for="review-status">Status</label>
        <select id="review-status" name="status" {...invalid(errors, "status")}>
          {STATUSES.map((s) => (
            <option value={s} selected={(values?.status ?? claim.status) === s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <FieldError errors={errors} name="status" />
        <label for="review-attribution">Attribution (was it said, as quoted?)</label>
        <select id="review-attribution" name="attribution" {...invalid(errors, "attribution")}>
          {ATTRIBUTIONS.map((a) => (
            <option value={a} selected={(values?.attribution ?? claim.attribution) === a}>
              {ATTRIBUTION_LABELS[a]}
            </option>
          ))}
        </select>
        <FieldError errors={errors} name="attribution" />
        <label for="review-rationale">Rationale (needed for a verdict)</label>
        <textarea id="review-rationale" name="rationale" {...invalid(errors, "rationale")}>
          {values?.rationale ?? ""}
        </textarea>
        <FieldError errors={errors} name="rationale" />
        <p>
          <button type="submit">Save review</button>
        </p>
      </form>
    </section>
  );
}

export function EvidencePanel(props: {
  claim: ClaimDetail;
  canReview: boolean;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { claim, canReview, values, errors } = props;
  const evidence = claim.evidence;
  return (
    <section class="card" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">Evidence ({evidence.length})</h2>
      {evidence.length === 0 ? (
        <p class="muted">No evidence yet.</p>
      ) : (
        <ul>
          {evidence.map((e) => (
            <li>
              <span class="badge">{stanceLabel(e.stance)}</span>{" "}
              {e.url ? <SafeLink url={e.url}>{e.title ?? e.url}</SafeLink> : <strong>{e.title ?? "Note"}</strong>}
              {e.note && <> · {e.note}</>}
              {e.speaker && <> · {e.speaker.name}</>}
              <span class="muted">
                {" "}
                · {e.created_by}, <When iso={e.created_at} />
              </span>
              {canReview && (
                <form method="post" action={`/claims/${claim.id}/evidence/${e.id}/delete`} class="inline">
                  {" "}
                  <button
                    type="submit"
                    class="secondary"
                    aria-label={`Remove evidence ${e.title ?? e.url ?? e.note ?? ""}`}
                  >
                    Remove
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {canReview && (
        <form method="post" action={`/claims/${claim.id}/evidence`}>
          <h3>Add evidence</h3>
          <label for="evidence-url">Link</label>
          <input type="url" id="evidence-url" name="url" value={values?.url ?? ""} {...invalid(errors, "url")} />
          <FieldError errors={errors} name="url" />
          <label for="evidence-title">Title</label>
          <input
            type="text"
            id="evidence-title"
            name="title"
            value={values?.title ?? ""}
            {...invalid(errors, "title")}
          />
          <FieldError errors={errors} name="title" />
          <label for="evidence-note">Note (needed without a link)</label>
          <textarea id="evidence-note" name="note" {...invalid(errors, "note")}>
            {values?.note ?? ""}
          </textarea>
          <FieldError errors={errors} name="note" />
          <label for="evidence-stance">Stance</label>
          <select id="evidence-stance" name="stance" {...invalid(errors, "stance")}>
            {STANCES.map((s) => (
              <option value={s} selected={values?.stance === s}>
                {stanceLabel(s)}
              </option>
            ))}
          </select>
          <FieldError errors={errors} name="stance" />
          <p>
            <button type="submit">Add evidence</button>
          </p>
        </form>
      )}
    </section>
  );
}

export function WhoPanel({ claim }: { claim: ClaimDetail }) {
  return (
    <section class="card" aria-labelledby="who-heading">
      <h2 id="who-heading">Who and where</h2>
      <p>
        <a href={`/speakers/${claim.speaker.id}`}>{claim.speaker.name}</a>
        {claim.speaker.role && <>, {claim.speaker.role}</>}
      </p>
      <p>
        <a href={`/sources/${claim.source.id}`}>{claim.source.title ?? "Source"}</a>
        {claim.source.publisher && <> · {claim.source.publisher}</>}
        {claim.source.published_at && <> · {claim.source.published_at}</>}
        {claim.source.url && (
          <>
            <br />
            <SafeLink url={claim.source.url} />
          </>
        )}
      </p>
    </section>
  );
}

export function FlagsPanel(props: {
  claim: ClaimDetail;
  canReview: boolean;
  errorsFor: (flag: string) => FieldErrors | undefined;
}) {
  const { claim, canReview, errorsFor } = props;
  if (claim.flags.length === 0) return null;
  return (
    <section class="card" aria-labelledby="flags-heading">
      <h2 id="flags-heading">Flags</h2>
      {claim.flags.map((f) => {
        const errors = errorsFor(f.flag);
        const about = (
          <p>
            <FlagBadge flag={f.flag} /> since <When iso={f.raised_at} />
            {f.detail && <> · {f.detail}</>}
          </p>
        );
        // Readers see the flag; only reviewers get the form that clears it.
        if (!canReview) return about;
        return (
          <form method="post" action={`/claims/${claim.id}/flags/${f.flag}/clear`}>
            {about}
            <label for={`flag-note-${f.flag}`}>Why it can be cleared</label>
            <input type="text" id={`flag-note-${f.flag}`} name="note" {...invalid(errors, "note")} />
            <FieldError errors={errors} name="note" />
            <button type="submit">Clear flag</button>
          </form>
        );
      })}
    </section>
  );
}

export function RechecksPanel(props: { claim: ClaimDetail; rechecks: RecheckView[]; canReview: boolean }) {
  const { claim, rechecks, canReview } = props;
  return (
    <section class="card" aria-labelledby="rechecks-heading">
      <h2 id="rechecks-heading">Re-checks</h2>
      {rechecks.length === 0 ? (
        <p class="muted">
          Not visited yet
          {claim.recheck_due_at && (
            <>
              ; due <When iso={claim.recheck_due_at} />
            </>
          )}
          .
        </p>
      ) : (
        <ul>
          {rechecks.map((r) => (
            <li>
              {r.outcome.replace(/_/g, " ")} · <When iso={r.at} />
              {r.http_status ? ` · HTTP ${r.http_status}` : ""}
              {r.detail ? ` · ${r.detail}` : ""}
            </li>
          ))}
        </ul>
      )}
      {canReview && (
        <form method="post" action={`/claims/${claim.id}/recheck`}>
          <button type="submit" class="secondary">
            Re-check the source now
          </button>
        </form>
      )}
    </section>
  );
}

/** "Checked before?": the claim this one repeats, the matcher's best candidates with one-click
 * linking (carrying a verdict over asks for a rationale), the claims that repeat this one, and
 * a form to link by id. */
export function RepeatsPanel(props: {
  claim: ClaimDetail;
  matches: ClaimMatch[];
  canReview: boolean;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { claim, matches, canReview, values, errors } = props;
  const original = claim.repeat_of_claim;
  // A rejected link shows its errors in the form it came from: a match's, or the one by id.
  const postedFromMatch = matches.some((m) => m.claim.id === values?.repeat_of);
  return (
    <section class="card" aria-labelledby="repeats-heading" id="checked-before">
      <h2 id="repeats-heading">Checked before?</h2>
      {original && (
        <div>
          <p>
            Repeats <a href={`/claims/${original.id}`}>“{original.text}”</a> ({original.speaker.name},{" "}
            {STATUS_LABELS[original.status]})
          </p>
          {canReview && (
            <form method="post" action={`/claims/${claim.id}/repeat/unlink`} class="inline">
              <input type="hidden" name="version" value={String(claim.version)} />
              <input type="hidden" name="seen_at" value={claim.updated_at} />
              <button type="submit" class="secondary">
                Not a repeat
              </button>
            </form>
          )}
        </div>
      )}
      {matches.length === 0 ? (
        <p class="muted">No similar claim on the desk.</p>
      ) : (
        <>
          <h3>Similar claims on the desk</h3>
          <ol class="matches">
            {matches.map((m, i) => (
              <li>
                <MatchSummary match={m} />
                {canReview && (
                  <MatchLinkForms
                    claim={claim}
                    match={m}
                    n={i + 1}
                    {...(values?.repeat_of === m.claim.id ? { values, errors } : {})}
                  />
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {claim.repeat_count > 0 && (
        <>
          <h3>Repeated {claim.repeat_count === 1 ? "once" : `${claim.repeat_count} times`}</h3>
          <ul>
            {claim.repeats.map((r) => (
              <li>
                <a href={`/claims/${r.id}`}>“{r.text}”</a> · {r.speaker.name} · {STATUS_LABELS[r.status]}
              </li>
            ))}
          </ul>
          {claim.repeat_count > claim.repeats.length && (
            <p>
              <a href={`/review?repeat_of=${claim.id}&all=1`}>All {claim.repeat_count} repeats</a>
            </p>
          )}
        </>
      )}
      {canReview && (
        <details open={Boolean(errors) && !postedFromMatch}>
          <summary>Link to an earlier claim by its id</summary>
          <form method="post" action={`/claims/${claim.id}/repeat`}>
            <input type="hidden" name="version" value={String(claim.version)} />
            <input type="hidden" name="seen_at" value={claim.updated_at} />
            <label for="repeat-of">Earlier claim's id</label>
            <input
              type="text"
              id="repeat-of"
              name="repeat_of"
              placeholder="clm_…"
              value={postedFromMatch ? "" : (values?.repeat_of ?? "")}
              {...(postedFromMatch ? {} : invalid(errors, "repeat_of"))}
            />
            {!postedFromMatch && <FieldError errors={errors} name="repeat_of" />}
            <label class="check">
              <input
                type="checkbox"
                name="carry_verdict"
                value="1"
                checked={!postedFromMatch && values?.carry_verdict === "1"}
              />{" "}
              Carry its verdict over
            </label>
            {!postedFromMatch && <FieldError errors={errors} name="carry_verdict" />}
            <label for="repeat-rationale">Why the verdict applies here (needed to carry it over)</label>
            <textarea id="repeat-rationale" name="rationale" {...(postedFromMatch ? {} : invalid(errors, "rationale"))}>
              {postedFromMatch ? "" : (values?.rationale ?? "")}
            </textarea>
            {!postedFromMatch && <FieldError errors={errors} name="rationale" />}
            <p>
              <button type="submit">Link</button>
            </p>
          </form>
        </details>
      )}
    </section>
  );
}

/** A match's buttons: link as a repeat in one click; link and carry its verdict with a rationale. */
function MatchLinkForms(props: {
  claim: ClaimDetail;
  match: ClaimMatch;
  n: number;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { claim, match, n, values, errors } = props;
  const hidden = (
    <>
      <input type="hidden" name="repeat_of" value={match.claim.id} />
      <input type="hidden" name="version" value={String(claim.version)} />
      <input type="hidden" name="seen_at" value={claim.updated_at} />
    </>
  );
  const hasVerdict = isVerdict(match.claim.status);
  const id = `carry-rationale-${n}`;
  return (
    <div>
      {errors?.repeat_of && <p class="error">{errors.repeat_of}</p>}
      <form method="post" action={`/claims/${claim.id}/repeat`} class="inline">
        {hidden}
        <button type="submit" class="secondary" aria-label={`Link as a repeat of match ${n}`}>
          Link as a repeat
        </button>
      </form>
      {hasVerdict && (
        <details open={Boolean(errors)}>
          <summary>Link and carry the verdict ({STATUS_LABELS[match.claim.status]})</summary>
          <form method="post" action={`/claims/${claim.id}/repeat`}>
            {hidden}
            <input type="hidden" name="carry_verdict" value="1" />
            <label for={id}>Why the verdict applies to this claim</label>
            <textarea
              id={id}
              name="rationale"
              {...(errors?.rationale ? { "aria-invalid": "true", "aria-describedby": `${id}-error` } : {})}
            >
              {values?.rationale ?? ""}
            </textarea>
            {errors?.rationale && (
              <p class="error" id={`${id}-error`}>
                {errors.rationale}
              </p>
            )}
            {errors?.carry_verdict && <p class="error">{errors.carry_verdict}</p>}
            <button type="submit" aria-label={`Link and carry the verdict of match ${n}`}>
              Link and carry the verdict
            </button>
          </form>
        </details>
      )}
    </div>
  );
}
