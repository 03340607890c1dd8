// The claim page's publication panel: whether the fact-check is public, its sign-off (the
// two-person rule), whether the public page is behind the claim, its corrections, and the
// buttons to publish, sign off, correct and unpublish (posted to actions.ts postPublication).
import { VERDICT_LABELS } from "../../domain/publication";
import type { PublicationView } from "../../services/publication";
import { FieldError, invalid, When } from "../components";
import type { FieldErrors, FormValues } from "../forms";
import { describeChanges } from "../public/views";

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

export function PublicationPanel(props: {
  publication: PublicationView;
  status: string;
  /** The claim's updated_at as the reviewer saw it: what a conflict notice counts from. */
  seenAt: string;
  canReview: boolean;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { publication: p, status, seenAt, canReview, values, errors } = props;
  const verdict = VERDICT_LABELS[status];
  const everPublished = p.first_published_at !== null;
  const actions: { action: string; label: string; secondary?: boolean }[] = [];
  if (p.sign_off.needed && !p.sign_off.current) actions.push({ action: "sign_off", label: "Sign off the verdict" });
  if (!p.published && !p.behind && verdict) actions.push({ action: "publish", label: "Publish" });
  if (everPublished && p.behind && verdict) actions.push({ action: "correct", label: "Publish a correction" });
  if (p.published) actions.push({ action: "unpublish", label: "Unpublish", secondary: true });
  return (
    <section class="card" aria-labelledby="publication-heading">
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
            : "Only a verdict (true, misleading, false, unproven) is published."}
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
      {canReview && actions.length > 0 && (
        <form method="post" action={`/claims/${p.claim_id}/publication`}>
          <input type="hidden" name="version" value={String(p.version)} />
          <input type="hidden" name="seen_at" value={seenAt} />
          <FieldError errors={errors} name="action" />
          <FieldError errors={errors} name="stated_at" />
          <label for="publication-reason">
            Reason (needed to unpublish or correct; a correction’s reason is public)
          </label>
          <textarea id="publication-reason" name="reason" {...invalid(errors, "reason")}>
            {values?.reason ?? ""}
          </textarea>
          <FieldError errors={errors} name="reason" />
          <p class="actions">
            {actions.map((a) => (
              <>
                <button type="submit" name="action" value={a.action} class={a.secondary ? "secondary" : undefined}>
                  {a.label}
                </button>{" "}
              </>
            ))}
          </p>
        </form>
      )}
    </section>
  );
}
