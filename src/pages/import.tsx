// /import: paste an article, see the claims the extractor proposes highlighted in it, tick
// the ones to track (fixing speakers), and create them with the article archived as their
// source, in one step. Nothing is stored before that step; the article travels in the form.
import type { Context } from "hono";
import { claimBodyFromFlat } from "../domain/claim-fields";
import { allows } from "../domain/permissions";
import { TICK_CONFIDENCE } from "../domain/ranking";
import { type ArticleDraft, NewClaimBody } from "../domain/schemas";
import type { AppEnv } from "../env";
import {
  importArticle,
  importSizeProblem,
  MAX_CLAIMS,
  type Proposal,
  proposeClaims,
  withCheckedMatches,
} from "../services/article-import";
import { Field, FieldError, invalid, Layout, Notice, STATUS_LABELS } from "./components";
import { failureMessage, type Refusal, refusalPage } from "./failures";
import { type FieldErrors, type FormValues, readForm, validate } from "./forms";
import { bodyCap, tooLargePage } from "./guards";
import {
  articleValues,
  checkArticle,
  checkDraft,
  claimFields,
  DEFAULT_TOP,
  defaultChoices,
  draftSource,
  suggestedSource,
  ticks,
  uncertainSpeaker,
} from "./import-form";
import { HighlightedArticle } from "./import-highlight";
import { MatchSummary } from "./matches";
import { render } from "./render";
import { currentPrincipal } from "./session";

// 200,000 characters of article, percent-encoded, with room for the candidates' fields.
const MAX_BODY = 4 * 1024 * 1024;

/** The cap on /import's posts, checked before the session: a reviewer gets the form back with the
 * reason beside the article; anyone else the plain 413 page. */
export const importBodyLimit = bodyCap(MAX_BODY, "4 MB", async (c) => {
  const principal = await currentPrincipal(c);
  if (!principal || !allows(principal.role, "review")) return tooLargePage(c, "4 MB");
  c.set("principal", principal);
  return importForm(c, {}, { text: "The article is too long: at most 200,000 characters." }, 413);
});

function importForm(
  c: Context<AppEnv>,
  values: FormValues = {},
  errors?: FieldErrors,
  status: 200 | Refusal["status"] = 200,
  message?: string,
) {
  return render(
    c,
    <Layout title="Import an article" principal={c.get("principal")} nonce={c.get("secureHeadersNonce")}>
      <h1>Import an article</h1>
      <p class="muted">
        Paste the article's text: claimdesk proposes the quotes and reported figures in it, and you pick which to track.
        Nothing is stored until you create them.
      </p>
      {message && <Notice kind="bad">{message}</Notice>}
      {errors && <Notice kind="bad">Please correct the marked fields.</Notice>}
      <form method="post" action="/import/preview" class="card" id="import-form">
        <label for="text">The article's text</label>
        <textarea id="text" name="text" rows={16} required {...invalid(errors, "text")}>
          {values.text ?? ""}
        </textarea>
        <FieldError errors={errors} name="text" />
        <fieldset class="card">
          <legend>Where it was published (optional until you create the claims)</legend>
          <SourceFields values={values} errors={errors} />
        </fieldset>
        <p>
          <button type="submit">Find the claims</button>
        </p>
        <p class="muted" id="import-time">
          Reading takes a moment: about a second for a long article, a few seconds for the longest (200,000 characters).
        </p>
        <p class="import-progress" id="import-progress" role="status" aria-live="polite" hidden>
          Reading the article… <progress aria-label="Reading the article" />
        </p>
      </form>
    </Layout>,
    status,
  );
}

/** The source's fields, the same on the first form and on the preview. */
function SourceFields({ values, errors }: { values: FormValues; errors?: FieldErrors }) {
  return (
    <div class="source-fields">
      <div>
        <Field
          name="source_url"
          label="Link (or a title, for wire copy without one)"
          type="url"
          values={values}
          errors={errors}
        />
      </div>
      <div>
        <Field name="source_title" label="Title" values={values} errors={errors} />
      </div>
      <div>
        <Field name="source_publisher" label="Publisher" values={values} errors={errors} />
      </div>
      <div>
        <Field name="source_published_at" label="Published (YYYY-MM-DD)" values={values} errors={errors} />
      </div>
    </div>
  );
}

const SUGGESTED_NAMES: Record<string, string> = {
  source_title: "title",
  source_publisher: "publisher",
  source_published_at: "date",
};

/** "title", "title and date", "title, publisher and date". */
const listed = (words: string[]) =>
  words.length < 2 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;

function CandidateItem({ p, values, errors }: { p: Proposal; values: FormValues; errors?: FieldErrors }) {
  const c = p.candidate;
  const pick = `pick_${p.key}`;
  const name = `speaker_name_${p.key}`;
  const role = `speaker_role_${p.key}`;
  const problem = errors?.[`candidate_${p.key}`];
  const uncertain = uncertainSpeaker(p);
  return (
    <li class={uncertain ? "row uncertain" : "row"} id={`candidate-${p.number}`} data-rank={p.rank}>
      <input type="checkbox" id={pick} name={pick} value="1" checked={values[pick] !== undefined} />{" "}
      <label for={pick}>
        {p.number}. “{c.text}”
      </label>
      <p class="meta">
        <span class="badge">{c.kind.replace("_", " ")}</span> worth checking {c.worthiness.toFixed(2)} · confidence{" "}
        {c.confidence.toFixed(2)}
        {c.cue && ` · ${c.cue}`} · {c.reasons.join("; ")} · <a href={`#mark-${p.number}`}>in the article</a>
      </p>
      {p.trackedId && (
        <p>
          <span class="badge">already tracked</span> <a href={`/claims/${p.trackedId}`}>see the claim</a>
        </p>
      )}
      {p.checkedBefore && (
        <div class="checked-before">
          <p>
            <span class={`badge status-${p.checkedBefore.claim.status}`}>
              checked before: {STATUS_LABELS[p.checkedBefore.claim.status]}
            </span>
          </p>
          <MatchSummary match={p.checkedBefore} here="this candidate" />
        </div>
      )}
      {problem && (
        <p class="error" id={`candidate_${p.key}-error`}>
          {problem}
        </p>
      )}
      <label for={name}>
        Speaker<span class="sr-only"> of candidate {p.number}</span>
        {uncertain && (
          <span class="badge uncertain-speaker" id={`uncertain-${p.key}`}>
            uncertain: check the name
          </span>
        )}
      </label>
      <input
        type="text"
        id={name}
        name={name}
        value={values[name] ?? ""}
        {...(uncertain ? { "aria-describedby": `uncertain-${p.key}` } : {})}
        {...invalid(errors, name)}
      />
      <FieldError errors={errors} name={name} />
      <label for={role}>
        Speaker's role<span class="sr-only"> (candidate {p.number})</span>
      </label>
      <input type="text" id={role} name={role} value={values[role] ?? ""} {...invalid(errors, role)} />
      <FieldError errors={errors} name={role} />
    </li>
  );
}

interface PreviewOptions {
  errors?: FieldErrors;
  message?: string;
  status?: 200 | Refusal["status"];
  /** Source fields filled from the article's headline and dateline, to be checked. */
  suggested?: string[];
}

async function previewPage(
  c: Context<AppEnv>,
  article: ArticleDraft,
  found: Proposal[],
  values: FormValues,
  { errors, message, status = 200, suggested = [] }: PreviewOptions = {},
) {
  const proposals = await withCheckedMatches(c.get("db"), c.get("principal"), article, found);
  const tracked = proposals.filter((p) => p.trackedId).length;
  const checked = proposals.filter((p) => p.checkedBefore).length;
  return render(
    c,
    <Layout title="Import: pick the claims" principal={c.get("principal")} nonce={c.get("secureHeadersNonce")}>
      <h1>Import: pick the claims</h1>
      {message && <Notice kind="bad">{message}</Notice>}
      <p>
        {proposals.length} candidate{proposals.length === 1 ? "" : "s"}
        {tracked > 0 && `, ${tracked} already tracked`}
        {checked > 0 && `, ${checked} matching a claim checked before`}. Tick the claims to track and check their
        speakers; nothing is stored until you create them.
      </p>
      <form method="post" action="/import">
        <input type="hidden" name="text" value={article.text} />
        <fieldset class="card">
          <legend>Where it was published</legend>
          {suggested.length > 0 && (
            <p class="muted" id="suggested-source">
              The {listed(suggested.map((field) => SUGGESTED_NAMES[field] ?? field))} below{" "}
              {suggested.length === 1 ? "was" : "were"} read from the article's first lines: check before creating.
            </p>
          )}
          <SourceFields values={values} errors={errors} />
        </fieldset>
        <div class="grid">
          <section class="card" aria-labelledby="article-heading">
            <h2 id="article-heading">The article</h2>
            <div class="article">
              <HighlightedArticle
                text={article.text}
                spans={proposals.map((p) => ({ start: p.candidate.start, end: p.candidate.end, number: p.number }))}
              />
            </div>
          </section>
          <section class="card" aria-labelledby="candidates-heading">
            <h2 id="candidates-heading">Candidates</h2>
            {proposals.length === 0 ? (
              <p class="muted">No quotes or reported figures found in this text.</p>
            ) : (
              <>
                <p class="muted">
                  Most promising first (worth checking, with a confident speaker). Ticked by default: up to {MAX_CLAIMS}{" "}
                  whose speaker is a name found with confidence {TICK_CONFIDENCE} or more; an uncertain speaker is
                  marked.
                </p>
                <fieldset class="tick-controls">
                  <legend>Ticks</legend>
                  <button type="submit" class="secondary" formaction="/import/preview" name="ticks" value="none">
                    Untick all
                  </button>{" "}
                  <label for="top_n" class="inline">
                    Tick the top
                  </label>{" "}
                  <input
                    type="number"
                    id="top_n"
                    name="top_n"
                    min="1"
                    max={MAX_CLAIMS}
                    value={values.top_n ?? String(DEFAULT_TOP)}
                  />{" "}
                  <button type="submit" class="secondary" formaction="/import/preview" name="ticks" value="top">
                    Tick the top N
                  </button>{" "}
                  <button type="submit" class="secondary" formaction="/import/preview" name="ticks" value="default">
                    Default ticks
                  </button>
                </fieldset>
                <ol class="queue">
                  {proposals.map((p) => (
                    <CandidateItem p={p} values={values} errors={errors} />
                  ))}
                </ol>
                <label for="tags">Tags for every claim (separated by commas, optional)</label>
                <input type="text" id="tags" name="tags" value={values.tags ?? ""} {...invalid(errors, "tags")} />
                <FieldError errors={errors} name="tags" />
                <p>
                  <button type="submit">Create the ticked claims</button>
                </p>
              </>
            )}
          </section>
        </div>
      </form>
    </Layout>,
    status,
  );
}

export function importPage(c: Context<AppEnv>) {
  return importForm(c);
}

/** A post's fields, and its article checked as far as a preview needs it. */
async function readArticle(c: Context<AppEnv>) {
  const form = await readForm(c.req.raw);
  const values = articleValues(form);
  const checked = checkDraft(values);
  return { form, values, checked };
}

export async function postImportPreview(c: Context<AppEnv>) {
  const { form, values, checked } = await readArticle(c);
  if ("errors" in checked) return importForm(c, values, checked.errors, 422);
  const how = form.ticks === "none" || form.ticks === "top" || form.ticks === "default" ? form.ticks : null;
  if (!how) {
    // A first preview: the title and date the reviewer left empty are read from the article.
    const suggestions = suggestedSource(values);
    const suggested = { ...values, ...suggestions };
    const article = { ...checked.article, ...draftSource(suggestions) };
    const proposed = await proposeClaims(c.get("db"), c.get("principal"), article);
    if (!proposed.ok)
      return refusalPage(c, proposed.error, (r) => importForm(c, values, r.errors, r.status, r.message));
    return previewPage(
      c,
      article,
      proposed.value,
      { ...suggested, ...defaultChoices(proposed.value) },
      {
        suggested: Object.keys(suggestions),
      },
    );
  }
  const proposed = await proposeClaims(c.get("db"), c.get("principal"), checked.article);
  if (!proposed.ok) return refusalPage(c, proposed.error, (r) => importForm(c, values, r.errors, r.status, r.message));
  // "Untick all" / "Tick the top N" from a preview: its speakers and tags kept, the ticks redone.
  const top = /^\d{1,3}$/.test(form.top_n ?? "") ? Math.max(1, Number(form.top_n)) : DEFAULT_TOP;
  const kept = Object.fromEntries(Object.entries(form).filter(([name]) => !name.startsWith("pick_")));
  return previewPage(c, checked.article, proposed.value, {
    ...kept,
    ...values,
    top_n: String(Math.min(top, MAX_CLAIMS)),
    ...ticks(proposed.value, how, top),
  });
}

export async function postImport(c: Context<AppEnv>) {
  const { form, values, checked } = await readArticle(c);
  if ("errors" in checked) return importForm(c, values, checked.errors, 422);
  const db = c.get("db");
  const proposed = await proposeClaims(db, c.get("principal"), checked.article);
  if (!proposed.ok) return refusalPage(c, proposed.error, (r) => importForm(c, values, r.errors, r.status, r.message));
  const proposals = proposed.value;
  const kept = { ...form, ...values };
  const again = (message: string, errors?: FieldErrors, status: Refusal["status"] = 422) =>
    previewPage(c, checked.article, proposals, kept, { errors, message, status });

  const keys = new Set(proposals.map((p) => p.key));
  const picked = Object.keys(form).filter((name) => name.startsWith("pick_"));
  // The extraction is rerun on the same text, so a pick names a candidate unless the
  // extractor changed in between (a deploy) or the form was forged.
  if (picked.some((name) => !keys.has(name.slice("pick_".length)))) {
    return previewPage(
      c,
      checked.article,
      proposals,
      { ...values, ...defaultChoices(proposals) },
      { message: "The proposed claims changed since the preview: check them again.", status: 422 },
    );
  }
  // Filing needs the source named; the reviewer's ticks and speakers are kept while they name it.
  const filed = checkArticle(values);
  if ("errors" in filed) return again("Say where the article was published (marked below).", filed.errors);
  const { article } = filed;
  // Filed in the article's order (the list shows them most promising first).
  const chosen = proposals.filter((p) => form[`pick_${p.key}`] !== undefined).sort((a, b) => a.number - b.number);
  const size = importSizeProblem(chosen.length);
  if (size) return again(failureMessage(size));
  const errors: FieldErrors = {};
  const bodies: NewClaimBody[] = [];
  for (const p of chosen) {
    const result = validate(NewClaimBody, claimBodyFromFlat(claimFields(article, p, form), { partial: false }));
    if ("errors" in result) {
      for (const [field, message] of Object.entries(result.errors)) {
        if (field === "speaker_name" || field === "speaker_role") errors[`${field}_${p.key}`] ??= message;
        else if (field === "tags") errors.tags ??= message;
        else errors[`candidate_${p.key}`] ??= `${field.replace("_", " ")}: ${message}`;
      }
    } else bodies.push(result.data);
  }
  if (Object.keys(errors).length > 0) return again("Some ticked claims need a correction (marked below).", errors);

  const stored = await importArticle(db, c.get("principal"), article, bodies);
  if (!stored.ok) return refusalPage(c, stored.error, (r) => again(r.message ?? "", r.errors, r.status));
  const { sourceId, created, duplicates } = stored.value;
  return c.redirect(`/sources/${sourceId}?imported=${created}&skipped=${duplicates}`, 303);
}

/** What the source page says after an import redirected to it (from its query string). */
export function importedNotice(c: Context<AppEnv>): string | null {
  const count = (name: string) => (/^\d{1,6}$/.test(c.req.query(name) ?? "") ? Number(c.req.query(name)) : null);
  const created = count("imported");
  if (created === null) return null;
  const skipped = count("skipped") ?? 0;
  return `Imported ${created} claim${created === 1 ? "" : "s"}${skipped ? `; ${skipped} already tracked, skipped` : ""}.`;
}
