// The claim page and what a reviewer does on it: review, evidence, flags, re-check. Every form
// posts, then redirects (303); a rejected form shows the page again with the input kept.
import type { Context } from "hono";
import { EvidenceBody, FlagClearBody, ReviewBody } from "../api/schemas";
import { createDb, runBatch } from "../db/client";
import { reviewClaim } from "../db/queries/claim-changes";
import { claimView, getClaimRow } from "../db/queries/claims";
import { listEvents } from "../db/queries/events";
import { addEvidenceStatements, listEvidence, removeEvidence } from "../db/queries/evidence";
import { clearFlagStatements } from "../db/queries/flags";
import { listRechecks } from "../db/queries/rechecks";
import { reviewProblems } from "../domain/review";
import { ATTRIBUTIONS, FLAGS, type Flag, STANCES, STATUSES } from "../domain/vocabulary";
import type { AppEnv } from "../env";
import { recheckNow, recheckSettings } from "../services/rechecks";
import {
  ATTRIBUTION_LABELS,
  FieldError,
  type FieldErrors,
  FLAG_LABELS,
  FlagBadge,
  invalid,
  Layout,
  Notice,
  QuoteInContext,
  SafeLink,
  STATUS_LABELS,
  StatusBadge,
  When,
} from "./components";
import { type FormValues, readForm, validate } from "./forms";
import { render } from "./render";

type Db = ReturnType<typeof createDb>;

const DONE: Record<string, string> = {
  reviewed: "Review saved.",
  evidence: "Evidence added.",
  "evidence-removed": "Evidence removed.",
  flag: "Flag cleared.",
  recheck: "Source re-checked.",
  created: "Claim created.",
  edited: "Claim saved.",
};

interface PageState {
  /** Which form the errors and values belong to. */
  form?: "review" | "evidence" | `flag-${string}`;
  errors?: FieldErrors;
  values?: FormValues;
  /** Set when someone else changed the claim since the reviewer loaded it. */
  conflictSince?: string;
  message?: string;
}

async function loadClaim(db: Db, id: string) {
  const row = await getClaimRow(db, id);
  if (!row) return undefined;
  const [evidence, events, rechecks] = await Promise.all([
    listEvidence(db, id),
    listEvents(db, id),
    listRechecks(db, { claimId: id, limit: 10 }),
  ]);
  return { claim: claimView(row), evidence, events, rechecks: rechecks.data };
}

export function notFoundPage(c: Context<AppEnv>, what: string) {
  return render(
    c,
    <Layout title="Not found" principal={c.get("principal")}>
      <h1>Not found</h1>
      <p>There is no {what} here.</p>
      <p>
        <a href="/review">Back to the queue</a>
      </p>
    </Layout>,
    404,
  );
}

function describeEvent(e: { action: string; from: string | null; to: string | null }) {
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
    default:
      return e.action;
  }
}

export async function claimPage(c: Context<AppEnv>, id: string, state: PageState = {}, status: 200 | 409 | 422 = 200) {
  const db = createDb(c.env.DB);
  const loaded = await loadClaim(db, id);
  if (!loaded) return notFoundPage(c, "claim");
  const { claim, evidence, events, rechecks } = loaded;
  const principal = c.get("principal");
  const canReview = principal.role !== "viewer";
  const review = state.form === "review" ? state.values : undefined;
  const reviewErrors = state.form === "review" ? state.errors : undefined;
  const evidenceValues = state.form === "evidence" ? state.values : undefined;
  const evidenceErrors = state.form === "evidence" ? state.errors : undefined;
  const done = DONE[c.req.query("done") ?? ""];
  const theirChanges = state.conflictSince ? events.filter((e) => e.at > (state.conflictSince ?? "")) : [];
  return render(
    c,
    <Layout title={`Claim: ${claim.text.slice(0, 60)}`} principal={principal} nonce={c.get("secureHeadersNonce")}>
      {done && <Notice kind="ok">{done}</Notice>}
      {state.message && <Notice kind="bad">{state.message}</Notice>}
      {state.conflictSince && (
        <Notice kind="bad">
          <p>
            <strong>Someone else changed this claim while you were working on it.</strong> Your change was not saved;
            your input is kept below. Their change:
          </p>
          <ul>
            {theirChanges.map((e) => (
              <li>
                {e.actor} {describeEvent(e)}
                {e.note ? `: “${e.note}”` : ""} (<When iso={e.at} />)
              </li>
            ))}
          </ul>
          <p>The claim now reads as shown. Submit again to apply your change on top of theirs.</p>
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

          {canReview && (
            <section class="card" aria-labelledby="review-heading">
              <h2 id="review-heading">Review</h2>
              <form method="post" action={`/claims/${claim.id}/review`}>
                <input type="hidden" name="version" value={String(claim.version)} />
                <input type="hidden" name="seen_at" value={claim.updated_at} />
                <label for="review-status">Status</label>
                <select id="review-status" name="status" {...invalid(reviewErrors, "status")}>
                  {STATUSES.map((s) => (
                    <option value={s} selected={(review?.status ?? claim.status) === s}>
                      {STATUS_LABELS[s]}
                    </option>
                  ))}
                </select>
                <FieldError errors={reviewErrors} name="status" />
                <label for="review-attribution">Attribution (was it said, as quoted?)</label>
                <select id="review-attribution" name="attribution" {...invalid(reviewErrors, "attribution")}>
                  {ATTRIBUTIONS.map((a) => (
                    <option value={a} selected={(review?.attribution ?? claim.attribution) === a}>
                      {ATTRIBUTION_LABELS[a]}
                    </option>
                  ))}
                </select>
                <FieldError errors={reviewErrors} name="attribution" />
                <label for="review-rationale">Rationale (needed for a verdict)</label>
                <textarea id="review-rationale" name="rationale" {...invalid(reviewErrors, "rationale")}>
                  {review?.rationale ?? ""}
                </textarea>
                <FieldError errors={reviewErrors} name="rationale" />
                <p>
                  <button type="submit">Save review</button>
                </p>
              </form>
            </section>
          )}

          <section class="card" aria-labelledby="evidence-heading">
            <h2 id="evidence-heading">Evidence ({evidence.length})</h2>
            {evidence.length === 0 ? (
              <p class="muted">No evidence yet.</p>
            ) : (
              <ul>
                {evidence.map((e) => (
                  <li>
                    <span class="badge">{e.stance}</span>{" "}
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
                <input
                  type="url"
                  id="evidence-url"
                  name="url"
                  value={evidenceValues?.url ?? ""}
                  {...invalid(evidenceErrors, "url")}
                />
                <FieldError errors={evidenceErrors} name="url" />
                <label for="evidence-title">Title</label>
                <input
                  type="text"
                  id="evidence-title"
                  name="title"
                  value={evidenceValues?.title ?? ""}
                  {...invalid(evidenceErrors, "title")}
                />
                <FieldError errors={evidenceErrors} name="title" />
                <label for="evidence-note">Note (needed without a link)</label>
                <textarea id="evidence-note" name="note" {...invalid(evidenceErrors, "note")}>
                  {evidenceValues?.note ?? ""}
                </textarea>
                <FieldError errors={evidenceErrors} name="note" />
                <label for="evidence-stance">Stance</label>
                <select id="evidence-stance" name="stance" {...invalid(evidenceErrors, "stance")}>
                  {STANCES.map((s) => (
                    <option value={s} selected={evidenceValues?.stance === s}>
                      {s}
                    </option>
                  ))}
                </select>
                <FieldError errors={evidenceErrors} name="stance" />
                <p>
                  <button type="submit">Add evidence</button>
                </p>
              </form>
            )}
          </section>
        </div>

        <div>
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

          {claim.flags.length > 0 && (
            <section class="card" aria-labelledby="flags-heading">
              <h2 id="flags-heading">Flags</h2>
              {claim.flags.map((f) => {
                const errors = state.form === `flag-${f.flag}` ? state.errors : undefined;
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
          )}

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
                    {r.httpStatus ? ` · HTTP ${r.httpStatus}` : ""}
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

          <section class="card" aria-labelledby="history-heading">
            <h2 id="history-heading">History</h2>
            <ol class="timeline">
              {events.map((e) => (
                <li>
                  <strong>{e.actor}</strong> {describeEvent(e)}
                  {e.note && <>: “{e.note}”</>}
                  <br />
                  <span class="muted">
                    <When iso={e.at} />
                  </span>
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </Layout>,
    status,
  );
}

function redirectTo(c: Context<AppEnv>, id: string, done: string) {
  return c.redirect(`/claims/${id}?done=${done}`, 303);
}

export async function postReview(c: Context<AppEnv>, id: string) {
  const form = await readForm(c.req.raw);
  const db = createDb(c.env.DB);
  const loaded = await loadClaim(db, id);
  if (!loaded) return notFoundPage(c, "claim");
  const { claim, evidence } = loaded;
  const version = Number(form.version);
  if (version !== claim.version)
    return claimPage(c, id, { form: "review", values: form, conflictSince: form.seen_at ?? "" }, 409);
  const body = {
    status: form.status || undefined,
    attribution: form.attribution || undefined,
    rationale: form.rationale?.trim() ? form.rationale : undefined,
  };
  const checked = validate(ReviewBody, body);
  if ("errors" in checked) return claimPage(c, id, { form: "review", values: form, errors: checked.errors }, 422);
  // A form always sends both selects: only what differs from the claim is a change.
  const review = {
    status: checked.data.status !== claim.status ? checked.data.status : undefined,
    attribution: checked.data.attribution !== claim.attribution ? checked.data.attribution : undefined,
    rationale: checked.data.rationale,
  };
  // Nothing to change: say so, rather than "Review saved." over a rationale that was not kept.
  if (review.status === undefined && review.attribution === undefined) {
    return claimPage(c, id, {
      form: "review",
      values: form,
      message:
        "Nothing was saved: the status and attribution are as they were. A rationale is saved together with a change of status or attribution.",
    });
  }
  const problems = reviewProblems(review, evidence.length);
  if (problems.length > 0) {
    const errors = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    return claimPage(c, id, { form: "review", values: form, errors }, 422);
  }
  const outcome = await reviewClaim(
    db,
    { id, version, status: claim.status, attribution: claim.attribution },
    review,
    c.get("principal").actor,
  );
  if (!outcome.ok) {
    if (outcome.reason === "stale")
      return claimPage(c, id, { form: "review", values: form, conflictSince: form.seen_at ?? "" }, 409);
    if (outcome.reason === "needs_evidence") {
      return claimPage(
        c,
        id,
        { form: "review", values: form, errors: { status: "Add evidence first: this verdict needs it." } },
        422,
      );
    }
    return notFoundPage(c, "claim");
  }
  return redirectTo(c, id, "reviewed");
}

export async function postEvidence(c: Context<AppEnv>, id: string) {
  const form = await readForm(c.req.raw);
  const checked = validate(EvidenceBody, {
    url: form.url?.trim() || undefined,
    title: form.title?.trim() || undefined,
    note: form.note?.trim() || undefined,
    stance: form.stance,
  });
  if ("errors" in checked) return claimPage(c, id, { form: "evidence", values: form, errors: checked.errors }, 422);
  const db = createDb(c.env.DB);
  const { statements } = addEvidenceStatements(
    db,
    id,
    { ...checked.data },
    c.get("principal").actor,
    new Date().toISOString(),
  );
  await runBatch(db, statements);
  return redirectTo(c, id, "evidence");
}

export async function postRemoveEvidence(c: Context<AppEnv>, id: string, evidenceId: string) {
  const outcome = await removeEvidence(createDb(c.env.DB), id, evidenceId, c.get("principal").actor);
  if (outcome === "needed_by_verdict") {
    return claimPage(
      c,
      id,
      {
        message:
          "This is the last evidence of a claim rated false or misleading: change the verdict or add other evidence first.",
      },
      409,
    );
  }
  return redirectTo(c, id, outcome === "removed" ? "evidence-removed" : "evidence");
}

export async function postClearFlag(c: Context<AppEnv>, id: string, flag: string) {
  const form = await readForm(c.req.raw);
  if (!(FLAGS as readonly string[]).includes(flag)) return notFoundPage(c, "flag");
  const checked = validate(FlagClearBody, { note: form.note ?? "" });
  if ("errors" in checked) return claimPage(c, id, { form: `flag-${flag}`, values: form, errors: checked.errors }, 422);
  const db = createDb(c.env.DB);
  await runBatch(
    db,
    clearFlagStatements(db, {
      claimId: id,
      flag: flag as Flag,
      at: new Date().toISOString(),
      actor: c.get("principal").actor,
      note: checked.data.note,
    }),
  );
  return redirectTo(c, id, "flag");
}

export async function postRecheck(c: Context<AppEnv>, id: string) {
  const result = await recheckNow({ db: createDb(c.env.DB), settings: recheckSettings(c.env) }, id);
  if (!result.ok) {
    if (result.error.kind !== "conflict") return notFoundPage(c, "claim");
    return claimPage(c, id, { message: result.error.detail }, 409);
  }
  return redirectTo(c, id, "recheck");
}
