// The claim page's panels, one component each: the quote, the review form, evidence, who and
// where, flags and re-checks (the history and the notes: ./team.tsx).

import { attributionLabel, stanceLabel, statusLabel } from "../../domain/labels";
import { isWeakMatch, WEAK_MATCH } from "../../domain/matching";
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
  StatusBadge,
  When,
} from "../components";
import type { FieldErrors, FormValues } from "../forms";
import { MatchSummary } from "../matches";
import { ClaimForm } from "./forms";
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

/** The top of the page: the quote with who said it (name, role), how, when, and where it was
 * reported, the claim's status, attribution and flags. */
export function ClaimHead({ claim, canReview }: { claim: ClaimDetail; canReview: boolean }) {
  const { speaker, source } = claim;
  return (
    <section class="card claim-head" aria-labelledby="claim-heading">
      <h1 id="claim-heading">
        <span class="sr-only">Claim: </span>
        <StatusBadge status={claim.status} /> <span class="badge">{attributionLabel(claim.attribution)}</span>{" "}
        {claim.flags.map((f) => (
          <FlagBadge flag={f.flag} />
        ))}
      </h1>
      <blockquote class="quote">“{claim.text}”</blockquote>
      <p class="said-by">
        <span class="sr-only">Said by </span>
        <a href={`/speakers/${speaker.id}`}>{speaker.name}</a>
        {speaker.role && <span class="role">, {speaker.role}</span>}
        {claim.reported_via && <> · {claim.reported_via}</>}
        {claim.stated_at && <> · stated {claim.stated_at}</>}
      </p>
      <p class="source-line">
        In <a href={`/sources/${source.id}`}>{source.title ?? "the source"}</a>
        {source.publisher && <> · {source.publisher}</>}
        {source.published_at && <> · published {source.published_at}</>}
        {source.url && (
          <>
            {" "}
            · <SafeLink url={source.url}>{hostOf(source.url)}</SafeLink>
          </>
        )}
      </p>
      {claim.context && (
        <p>
          <QuoteInContext text={claim.text} context={claim.context} />
        </p>
      )}
      <p class="muted">
        {claim.kind.replace("_", " ")}
        {claim.tags.length ? ` · tags: ${claim.tags.join(", ")}` : ""} · version {claim.version}
        {canReview && (
          <>
            {" "}
            · <a href={`/claims/${claim.id}/edit`}>Edit the claim</a>
          </>
        )}
      </p>
    </section>
  );
}

/** A link's host, to show instead of a long address (the whole address stays in the href). */
function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** The reviewer's draft of a verdict and of an evidence item: what the verdict form shows again. */
export const DRAFT_FIELDS = ["status", "attribution", "rationale", "url", "title", "note", "stance"] as const;

/**
 * The verdict with its evidence, in one form: the evidence so far, an evidence item to add, and
 * the status, attribution and rationale. "Add evidence" adds the item and keeps the verdict's
 * draft; "Save review" saves the verdict together with the item when one is filled in (one step,
 * both or neither: a False verdict and its first evidence). A refusal or a conflict shows the
 * form again with the draft. Removing evidence posts a small form of its own.
 */
export function VerdictPanel(props: {
  claim: ClaimDetail;
  canReview: boolean;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { claim, canReview, values, errors } = props;
  const evidence = claim.evidence;
  return (
    <section class="card" aria-labelledby="verdict-heading" id="verdict">
      <h2 id="verdict-heading">Verdict</h2>
      <p>
        <StatusBadge status={claim.status} /> · {attributionLabel(claim.attribution)}
        {claim.verdict_at && (
          <span class="muted">
            {" "}
            · since <When iso={claim.verdict_at} />
          </span>
        )}
      </p>
      {claim.rationale && (
        <p class="rationale">
          <strong>Rationale:</strong> {claim.rationale}
        </p>
      )}
      <h3 id="evidence-heading">Evidence ({evidence.length})</h3>
      {evidence.length === 0 ? (
        <p class="muted">No evidence yet. A False or Misleading verdict needs at least one item.</p>
      ) : (
        <ul class="evidence">
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
                <>
                  {" "}
                  <button
                    type="submit"
                    form={`remove-evidence-${e.id}`}
                    class="secondary"
                    aria-label={`Remove evidence ${e.title ?? e.url ?? e.note ?? ""}`}
                  >
                    Remove
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {canReview && (
        <>
          <ClaimForm claim={claim} intent="review" id="verdict-form" section="verdict">
            <fieldset>
              <legend>Add evidence</legend>
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
                <button type="submit" name="intent" value="evidence" class="secondary">
                  Add evidence
                </button>{" "}
                <span class="muted">keeps the verdict you are writing below</span>
              </p>
            </fieldset>
            <fieldset>
              <legend>Your verdict</legend>
              <label for="review-status">Status</label>
              <select id="review-status" name="status" {...invalid(errors, "status")}>
                {STATUSES.map((s) => (
                  <option value={s} selected={(values?.status ?? claim.status) === s}>
                    {statusLabel(s)}
                  </option>
                ))}
              </select>
              <FieldError errors={errors} name="status" />
              <label for="review-attribution">Attribution (was it said, as quoted?)</label>
              <select id="review-attribution" name="attribution" {...invalid(errors, "attribution")}>
                {ATTRIBUTIONS.map((a) => (
                  <option value={a} selected={(values?.attribution ?? claim.attribution) === a}>
                    {attributionLabel(a)}
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
                <button type="submit" name="intent" value="review">
                  Save review
                </button>
              </p>
              <p class="muted">An evidence item filled in above is saved with the verdict, in the same step.</p>
            </fieldset>
          </ClaimForm>
          {evidence.map((e) => (
            <ClaimForm claim={claim} intent="remove-evidence" id={`remove-evidence-${e.id}`} class="hidden-form">
              <input type="hidden" name="evidence_id" value={e.id} />
            </ClaimForm>
          ))}
        </>
      )}
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
          <ClaimForm claim={claim} intent="clear-flag">
            <input type="hidden" name="flag" value={f.flag} />
            {about}
            <label for={`flag-note-${f.flag}`}>Why it can be cleared</label>
            <input type="text" id={`flag-note-${f.flag}`} name="note" {...invalid(errors, "note")} />
            <FieldError errors={errors} name="note" />
            <button type="submit">Clear flag</button>
          </ClaimForm>
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
        <ClaimForm claim={claim} intent="recheck" seen={false}>
          <button type="submit" class="secondary">
            Re-check the source now
          </button>
        </ClaimForm>
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
  // Weak matches (src/domain/matching.ts) are folded away: a reviewer opens them when the likely ones fail.
  const likely = matches.filter((m) => !isWeakMatch(m.score));
  const weaker = matches.filter((m) => isWeakMatch(m.score));
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
            <ClaimForm claim={claim} intent="unlink-repeat" class="inline">
              <button type="submit" class="secondary">
                Not a repeat
              </button>
            </ClaimForm>
          )}
        </div>
      )}
      {matches.length === 0 ? (
        <p class="muted">No similar claim on the desk.</p>
      ) : (
        <>
          {likely.length > 0 ? (
            <>
              <h3>Similar claims on the desk</h3>
              <MatchList {...props} shown={likely} from={1} />
            </>
          ) : (
            <p class="muted">No close match on the desk.</p>
          )}
          {weaker.length > 0 && (
            <details class="weaker" open={weaker.some((m) => m.claim.id === values?.repeat_of)}>
              <summary>
                {weaker.length === 1 ? "1 weaker match" : `${weaker.length} weaker matches`}{" "}
                <span class="muted">(score below {WEAK_MATCH})</span>
              </summary>
              <MatchList {...props} shown={weaker} from={likely.length + 1} />
            </details>
          )}
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
          <ClaimForm claim={claim} intent="repeat">
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
          </ClaimForm>
        </details>
      )}
    </section>
  );
}

/** Matches numbered from `from`, each with its buttons for a reviewer. */
function MatchList(props: {
  claim: ClaimDetail;
  shown: ClaimMatch[];
  from: number;
  canReview: boolean;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { claim, shown, from, canReview, values, errors } = props;
  return (
    <ol class="matches" start={from}>
      {shown.map((m, i) => (
        <li>
          <MatchSummary match={m} />
          {canReview && (
            <MatchLinkForms
              claim={claim}
              match={m}
              n={from + i}
              {...(values?.repeat_of === m.claim.id ? { values, errors } : {})}
            />
          )}
        </li>
      ))}
    </ol>
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
  const hidden = <input type="hidden" name="repeat_of" value={match.claim.id} />;
  const hasVerdict = isVerdict(match.claim.status);
  const id = `carry-rationale-${n}`;
  return (
    <div>
      {errors?.repeat_of && <p class="error">{errors.repeat_of}</p>}
      <ClaimForm claim={claim} intent="repeat" class="inline">
        {hidden}
        <button type="submit" class="secondary" aria-label={`Link as a repeat of match ${n}`}>
          Link as a repeat
        </button>
      </ClaimForm>
      {hasVerdict && (
        <details open={Boolean(errors)}>
          <summary>Link and carry the verdict ({STATUS_LABELS[match.claim.status]})</summary>
          <ClaimForm claim={claim} intent="repeat">
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
          </ClaimForm>
        </details>
      )}
    </div>
  );
}
