// Filing a claim by hand, and editing one: the same fields as the API's POST /claims.
import type { Context } from "hono";
import { claimBodyFromFlat } from "../domain/claim-fields";
import { ClaimEditBody, NewClaimBody } from "../domain/schemas";
import { CLAIM_KINDS, SPEAKER_KINDS } from "../domain/vocabulary";
import type { AppEnv } from "../env";
import { createClaim, editClaim, getClaim } from "../services/claims";
import { Field, FieldError, invalid, Layout, Notice } from "./components";
import { notFoundPage, type Refusal, refusalPage } from "./failures";
import { type FieldErrors, type FormValues, readForm, validate } from "./forms";
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
  status: 200 | Refusal["status"] = 200,
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

export async function postNewClaim(c: Context<AppEnv>) {
  const form = await readForm(c.req.raw);
  const checked = validate(NewClaimBody, claimBodyFromFlat(form, { partial: false }));
  if ("errors" in checked) return newClaimPage(c, form, checked.errors, undefined, 422);
  const result = await createClaim(c.get("db"), c.get("principal"), checked.data);
  if (result.ok) return c.redirect(`/claims/${result.value.id}?done=created`, 303);
  return refusalPage(c, result.error, (r) => newClaimPage(c, form, r.errors, r.message, r.status), {
    duplicate: (existing) => `This claim is already tracked: /claims/${existing}`,
  });
}

export async function editClaimPage(
  c: Context<AppEnv>,
  id: string,
  values?: FormValues,
  errors?: FieldErrors,
  message?: string,
  status: 200 | Refusal["status"] = 200,
) {
  const found = await getClaim(c.get("db"), c.get("principal"), id);
  if (!found.ok) return notFoundPage(c, "claim");
  const claim = found.value;
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
  const db = c.get("db");
  const checked = validate(ClaimEditBody, claimBodyFromFlat(form, { partial: true }));
  if ("errors" in checked) return editClaimPage(c, id, form, checked.errors, undefined, 422);
  // The form always sends the tags box: an empty one clears the tags.
  const body = { ...checked.data, tags: checked.data.tags ?? [] };
  const result = await editClaim(db, c.get("principal"), id, Number(form.version), body);
  if (result.ok) return c.redirect(`/claims/${id}?done=edited`, 303);
  return refusalPage(
    c,
    result.error,
    (r) =>
      r.currentVersion === undefined
        ? editClaimPage(c, id, form, r.errors, r.message, r.status)
        : editClaimPage(
            c,
            id,
            { ...form, version: String(r.currentVersion) },
            undefined,
            `Someone else changed this claim first (it is now at version ${r.currentVersion}). Your input is kept: check the claim and save again.`,
            409,
          ),
    { subject: { what: "claim", id }, duplicate: (existing) => `This would duplicate /claims/${existing}.` },
  );
}
