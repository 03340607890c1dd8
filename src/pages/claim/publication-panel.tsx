// The claim page's publication panel: whether the fact-check is public, its sign-off (the
// two-person rule), whether the public page is behind the claim, its corrections, and the
// buttons to publish, sign off, correct and unpublish (posted to actions.ts postPublication).
import { VERDICT_LABELS } from "../../domain/publication";
import { PUBLISHABLE } from "../../domain/vocabulary";
import type { ClaimDetail } from "../../services/claims";
import type { PublicationView } from "../../services/publication";
import { FieldError, invalid, When } from "../components";
import type { FieldErrors, FormValues } from "../forms";
import { describeChanges } from "../public/views";
import { ClaimForm, claimHref } from "./forms";

/** The history's words for the publishing events (panels.tsx describeEvent). */
export function describePublicationEvent(e: { action: string; from: string | null; to: string | null }) {
  const label = (status: string | null) => VERDICT_LABELS[status ?? ""] ?? status;
  switch (e.action) {
    case "published":
      return `published the fact-check (${label(e.to)})`;
    case "signed_off":
      return `signed off the ${label(e.to)} verdict`;
    case "unpublished":
      return "unpublished the fact-check";
    case "corrected":
      return e.from === e.to
        ? "published a correction"
        : `published a correction: the verdict went from ${label(e.from)} to ${label(e.to)}`;
    default:
      return null;
  }
}

const FIELD_LABELS: Record<string, string> = {
  verdict: "the verdict",
  attribution: "the attribution",
  text: "the quote",
  context: "the context",
  rationale: "the rationale",
  speaker: "the speaker",
  source: "the source",
  evidence: "the evidence",
  date: "the date",
};

/** A publication step the reviewer asked for that needs a confirmation first (actions.ts). */
export interface PublicationConfirm {
  action: "publish" | "correct";
  reason?: string;
}

interface Step {
  action: "sign_off" | "publish" | "correct" | "unpublish";
  label: string;
  /** Why it cannot be done now: the button shows disabled with this. */
  blocked?: string;
}

export function PublicationPanel(props: {
  claim: ClaimDetail;
  publication: PublicationView;
  canReview: boolean;
  values?: FormValues;
  errors?: FieldErrors;
  /** Set when a step waits for the reviewer's confirmation. */
  confirm?: PublicationConfirm;
}) {
  const { claim, publication: p, canReview, values, errors, confirm } = props;
  const status = claim.status;
  const verdict = VERDICT_LABELS[status];
  const everPublished = p.first_published_at !== null;
  const signOffMissing = p.sign_off.needed && !p.sign_off.current;
  const noDate = !claim.stated_at && !claim.source.published_at;
  const blockedBy = signOffMissing
    ? `needs a second reviewer’s sign-off of the ${verdict} verdict first`
    : noDate
      ? "needs the date the claim was made (edit the claim, or give its source a date)"
      : undefined;
  const steps: Step[] = [];
  if (signOffMissing) steps.push({ action: "sign_off", label: "Sign off the verdict" });
  if (!p.published && !p.behind && verdict) steps.push({ action: "publish", label: "Publish", blocked: blockedBy });
  if (everPublished && p.behind && verdict)
    steps.push({ action: "correct", label: "Publish a correction", blocked: blockedBy });
  // Reasons are asked only where they are needed: a correction (public) and unpublishing.
  const reasonFor = (action: string) => (values?.action === action ? values : undefined);
  const errorsFor = (action: string) => (values?.action === action ? errors : undefined);
  return (
    <section class="card" aria-labelledby="publication-heading" id="publication">
      <h2 id="publication-heading">Publication</h2>
      {p.published ? (
        <p>
          <strong>Published</strong> <When iso={p.first_published_at} />
          {p.republished_at !== p.first_published_at && (
            <>
              {" "}
              · updated <When iso={p.republished_at} />
            </>
          )}
          {p.url && (
            <>
              <br />
              <a href={p.url}>See the public page</a>
            </>
          )}
        </p>
      ) : everPublished ? (
        <p>
          <strong>Unpublished</strong> <When iso={p.unpublished_at} />: the public page answers “not found”.
        </p>
      ) : (
        <p>
          <strong>Not published.</strong>{" "}
          {verdict
            ? "Readers see nothing until it is."
            : `Only a verdict (${PUBLISHABLE.map((s) => VERDICT_LABELS[s]).join(", ")}) is published.`}
        </p>
      )}
      {p.behind && (
        <div class="notice bad">
          The public page is behind: it shows the claim as it was published. Changed since:{" "}
          {p.behind_in.map((f) => FIELD_LABELS[f] ?? f).join(", ")}.{" "}
          {everPublished && "Publish a correction to update it, saying why."}
        </div>
      )}
      {p.sign_off.needed && (
        <p>
          {p.sign_off.current ? (
            <>
              Signed off by <strong>{p.sign_off.by}</strong> <When iso={p.sign_off.at} />.
            </>
          ) : (
            <>
              A {verdict} verdict needs a second reviewer’s sign-off before it is published
              {p.sign_off.written_by.length > 0
                ? `: someone who wrote none of it since the last sign-off, and not with a token minted by one who did. Written by ${p.sign_off.written_by.map((w) => `${w.actor} (${w.wrote.join(", ")})`).join("; ")}`
                : ""}
              .
              {p.sign_off.by && (
                <>
                  {" "}
                  {p.sign_off.by} signed off an earlier version <When iso={p.sign_off.at} />.
                </>
              )}
            </>
          )}
        </p>
      )}
      {p.corrections.length > 0 && (
        <>
          <h3>Corrections</h3>
          <ol>
            {p.corrections.map((c) => (
              <li>
                <When iso={c.at} /> · {c.actor}: {c.reason} <span class="muted">({describeChanges(c.changes)})</span>
              </li>
            ))}
          </ol>
        </>
      )}
      {canReview && confirm && verdict && <ConfirmStep claim={claim} verdict={verdict} confirm={confirm} />}
      {canReview && !confirm && (
        <>
          <FieldError errors={errors} name="action" />
          <FieldError errors={errors} name="stated_at" />
          {steps.map((step) =>
            step.action === "correct" ? (
              <ClaimForm claim={claim} intent="publication" section="publication">
                <input type="hidden" name="action" value="correct" />
                <label for="correct-reason">Reason for the correction (shown on the public page)</label>
                <textarea id="correct-reason" name="reason" {...invalid(errorsFor("correct"), "reason")}>
                  {reasonFor("correct")?.reason ?? ""}
                </textarea>
                <FieldError errors={errorsFor("correct")} name="reason" />
                <StepButton step={step} />
              </ClaimForm>
            ) : (
              <ClaimForm claim={claim} intent="publication" section="publication">
                <input type="hidden" name="action" value={step.action} />
                <StepButton step={step} />
              </ClaimForm>
            ),
          )}
          {p.published && (
            <details open={values?.action === "unpublish"}>
              <summary>Unpublish…</summary>
              <ClaimForm claim={claim} intent="publication" section="publication">
                <input type="hidden" name="action" value="unpublish" />
                <label for="unpublish-reason">Why it is taken down (kept in the history)</label>
                <textarea id="unpublish-reason" name="reason" {...invalid(errorsFor("unpublish"), "reason")}>
                  {reasonFor("unpublish")?.reason ?? ""}
                </textarea>
                <FieldError errors={errorsFor("unpublish")} name="reason" />
                <p>
                  <button type="submit" class="secondary">
                    Unpublish
                  </button>
                </p>
              </ClaimForm>
            </details>
          )}
        </>
      )}
    </section>
  );
}

/** A step's button, or the same button disabled with the reason it cannot be pressed yet. */
function StepButton({ step }: { step: Step }) {
  const why = `why-${step.action}`;
  return step.blocked ? (
    <p class="actions">
      <button type="submit" disabled aria-describedby={why}>
        {step.label}
      </button>{" "}
      <span class="muted" id={why}>
        {step.label} {step.blocked}.
      </span>
    </p>
  ) : (
    <p class="actions">
      <button type="submit">{step.label}</button>
    </p>
  );
}

/** "Publish this as False?": the verdict named, a warning when the attribution is unchecked, and
 * the step posted again with `confirm=1` (a correction's reason carried along). */
function ConfirmStep(props: { claim: ClaimDetail; verdict: string; confirm: PublicationConfirm }) {
  const { claim, verdict, confirm } = props;
  const what = confirm.action === "correct" ? "Publish the correction" : "Publish";
  return (
    <div class="confirm" role="alert" aria-labelledby="confirm-heading">
      <h3 id="confirm-heading">
        {what} with the verdict {verdict}?
      </h3>
      <p>
        The public page will say that {claim.speaker.name}’s claim is <strong>{verdict}</strong>, under the desk’s name,
        in the feeds and in ClaimReview for search engines.
      </p>
      {claim.attribution === "unchecked" && (
        <p class="warning">
          The attribution is still unchecked: nobody has confirmed that {claim.speaker.name} said this as quoted.
        </p>
      )}
      <ClaimForm claim={claim} intent="publication" section="publication">
        <input type="hidden" name="action" value={confirm.action} />
        <input type="hidden" name="confirm" value="1" />
        {confirm.reason !== undefined && <input type="hidden" name="reason" value={confirm.reason} />}
        <p class="actions">
          <button type="submit">
            Yes, {confirm.action === "correct" ? "publish the correction" : "publish"} as {verdict}
          </button>{" "}
          <a href={`${claimHref(claim.id)}#publication`}>Cancel</a>
        </p>
      </ClaimForm>
    </div>
  );
}
