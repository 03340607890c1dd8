// Filing a claim by hand, and editing one: the same fields as the API's POST /claims.
import type { Context } from "hono";
import { claimEditInput, claimInput } from "../api/claims/inputs";
import { ClaimEditBody, NewClaimBody } from "../api/schemas";
import { createDb } from "../db/client";
import { editClaim } from "../db/queries/claim-changes";
import { claimView, createClaim, getClaimRow } from "../db/queries/claims";
import { CLAIM_KINDS, SPEAKER_KINDS } from "../domain/vocabulary";
import type { AppEnv } from "../env";
import { Problem } from "../middleware/problem";
import { notFoundPage } from "./claim";
import { Field, FieldError, type FieldErrors, invalid, Layout, Notice } from "./components";
import { claimBodyFromForm, type FormValues, fieldName, readForm, validate } from "./forms";
import { render } from "./render";

function ClaimFields({ values, errors, editing }: { values: FormValues; errors?: FieldErrors; editing: boolean }) {
  return (
    <>
      <label for="text">The claim, verbatim</label>
      <textarea id="text" name="text" required {...invalid(errors, "text")}>
        {values.text ?? ""}
      </textarea>
      <FieldError errors={errors} name="text" />
      <label for="kind">Kind</label>
      <select id="kind" name="kind">
        {CLAIM_KINDS.map((k) => (
          <option value={k} selected={(values.kind ?? "direct_quote") === k}>
            {k.replace("_", " ")}
          </option>
        ))}
      </select>
      <label for="context">Context (the sentence around it)</label>
      <textarea id="context" name="context" {...invalid(errors, "context")}>
        {values.context ?? ""}
      </textarea>
      <FieldError errors={errors} name="context" />
      <Field name="tags" label="Tags (separated by commas)" values={values} errors={errors} />
      <fieldset class="card">
        <legend>Speaker {editing && "(leave the name empty to keep the current speaker)"}</legend>
        <Field name="speaker_name" label="Name" values={values} errors={errors} />
        <Field
          name="speaker_role"
          label="Role"
          values={values}
          errors={errors}
          hint="e.g. US Forces-Afghanistan spokesman"
        />
        <label for="speaker_kind">Kind</label>
        <select id="speaker_kind" name="speaker_kind">
          {SPEAKER_KINDS.map((k) => (
            <option value={k} selected={(values.speaker_kind ?? "person") === k}>
              {k}
            </option>
          ))}
        </select>
      </fieldset>
      <fieldset class="card">
        <legend>Where it was reported {editing && "(leave empty to keep the current source)"}</legend>
        <Field name="source_url" label="Link" type="url" values={values} errors={errors} />
        <Field name="source_title" label="Title" values={values} errors={errors} />
        <Field name="source_publisher" label="Publisher" values={values} errors={errors} />
        <Field name="source_published_at" label="Published (YYYY-MM-DD)" values={values} errors={errors} />
      </fieldset>
      {!editing && (
        <>
          <Field name="reported_via" label="Reported via (said, tweeted, told AFP…)" values={values} errors={errors} />
          <Field name="stated_at" label="Stated on (YYYY-MM-DD)" values={values} errors={errors} />
        </>
      )}
    </>
  );
}

export function newClaimPage(
  c: Context<AppEnv>,
  values: FormValues = {},
  errors?: FieldErrors,
  message?: string,
  status: 200 | 409 | 422 = 200,
) {
  return render(
    c,
    <Layout title="New claim" principal={c.get("principal")} nonce={c.get("secureHeadersNonce")}>
      <h1>New claim</h1>
      {message && <Notice kind="bad">{message}</Notice>}
      <form method="post" action="/claims/new" class="card">
        <ClaimFields values={values} errors={errors} editing={false} />
        <p>
          <button type="submit">File the claim</button>
        </p>
      </form>
    </Layout>,
    status,
  );
}

/** Problems thrown by the shared input helpers (unknown ids) become field errors. */
function problemErrors(err: unknown): FieldErrors | null {
  if (!(err instanceof Problem) || !err.init.errors) return null;
  return Object.fromEntries(err.init.errors.map((e) => [fieldName(e.path), e.message]));
}

export async function postNewClaim(c: Context<AppEnv>) {
  const form = await readForm(c.req.raw);
  const checked = validate(NewClaimBody, claimBodyFromForm(form, { partial: false }));
  if ("errors" in checked) return newClaimPage(c, form, checked.errors, undefined, 422);
  const db = createDb(c.env.DB);
  try {
    const outcome = await createClaim(db, await claimInput(db, checked.data), c.get("principal").actor);
    if (!outcome.created) {
      return newClaimPage(c, form, undefined, `This claim is already tracked: /claims/${outcome.existingId}`, 409);
    }
    return c.redirect(`/claims/${outcome.id}?done=created`, 303);
  } catch (err) {
    const errors = problemErrors(err);
    if (errors) return newClaimPage(c, form, errors, undefined, 422);
    throw err;
  }
}

export async function editClaimPage(
  c: Context<AppEnv>,
  id: string,
  values?: FormValues,
  errors?: FieldErrors,
  message?: string,
  status: 200 | 409 | 422 = 200,
) {
  const row = await getClaimRow(createDb(c.env.DB), id);
  if (!row) return notFoundPage(c, "claim");
  const claim = claimView(row);
  const shown = values ?? {
    text: claim.text,
    kind: claim.kind,
    context: claim.context ?? "",
    tags: claim.tags.join(", "),
  };
  return render(
    c,
    <Layout title="Edit claim" principal={c.get("principal")} nonce={c.get("secureHeadersNonce")}>
      <h1>Edit claim</h1>
      {message && <Notice kind="bad">{message}</Notice>}
      <p>
        Speaker: {claim.speaker.name}
        {claim.speaker.role ? `, ${claim.speaker.role}` : ""} · Source: {claim.source.title ?? claim.source.url}
      </p>
      <form method="post" action={`/claims/${id}/edit`} class="card">
        <input type="hidden" name="version" value={values?.version ?? String(claim.version)} />
        <ClaimFields values={shown} errors={errors} editing={true} />
        <p>
          <button type="submit">Save</button> <a href={`/claims/${id}`}>Cancel</a>
        </p>
      </form>
    </Layout>,
    status,
  );
}

export async function postEditClaim(c: Context<AppEnv>, id: string) {
  const form = await readForm(c.req.raw);
  const db = createDb(c.env.DB);
  const row = await getClaimRow(db, id);
  if (!row) return notFoundPage(c, "claim");
  const checked = validate(ClaimEditBody, claimBodyFromForm(form, { partial: true }));
  if ("errors" in checked) return editClaimPage(c, id, form, checked.errors, undefined, 422);
  const version = Number(form.version);
  const stale = () =>
    editClaimPage(
      c,
      id,
      { ...form, version: String(row.version) },
      undefined,
      `Someone else changed this claim first (it is now at version ${row.version}). Your input is kept: check the claim and save again.`,
      409,
    );
  if (version !== row.version) return stale();
  try {
    const body = checked.data;
    const outcome = await editClaim(
      db,
      row,
      version,
      await claimEditInput(db, { ...body, tags: body.tags ?? [] }),
      c.get("principal").actor,
    );
    if (!outcome.ok) {
      if (outcome.reason === "stale") return stale();
      if (outcome.reason === "duplicate")
        return editClaimPage(c, id, form, undefined, `This would duplicate /claims/${outcome.existingId}.`, 409);
      return notFoundPage(c, "claim");
    }
  } catch (err) {
    const errors = problemErrors(err);
    if (errors) return editClaimPage(c, id, form, errors, undefined, 422);
    throw err;
  }
  return c.redirect(`/claims/${id}?done=edited`, 303);
}
