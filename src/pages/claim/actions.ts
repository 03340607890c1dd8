// What a reviewer does on the claim page: each form posts (to the claim's address, ./post.ts),
// calls the use case, and either redirects (303) to the claim with a "done" note or shows the
// page again with the input kept and the use case's answer beside the field it concerns.
import type { Context } from "hono";
import { asksConfirmation } from "../../domain/publication";
import { EvidenceBody, FlagClearBody, PublicationBody, RepeatBody, ReviewBody } from "../../domain/schemas";
import { FLAGS, type Flag } from "../../domain/vocabulary";
import type { AppEnv } from "../../env";
import { getClaim, reviewWithEvidence } from "../../services/claims";
import { addEvidence, removeEvidence } from "../../services/evidence";
import { clearFlag } from "../../services/flags";
import { changePublication, publicationOf } from "../../services/publication";
import { recheckNow, recheckSettings } from "../../services/rechecks";
import { linkRepeat, unlinkRepeat } from "../../services/repeats";
import type { ServiceError } from "../../services/result";
import { notFoundPage, refusalPage } from "../failures";
import { type FormValues, readForm, validate } from "../forms";
import { claimHref } from "./forms";
import { claimPage, type PageState } from "./page";

function redirectTo(c: Context<AppEnv>, id: string, done: string) {
  return c.redirect(`${claimHref(id)}?done=${done}`, 303);
}

/** Addresses longer than this carry no draft: the page is shown in place instead (still at the
 * claim's address, as the form posted there). Browsers and Cloudflare take 16 KB and more. */
const DRAFT_ADDRESS_MAX = 8_000;

/**
 * After evidence went in from the verdict form: back to the claim (303) with the verdict's draft
 * (status, attribution, rationale) in the address, so that reloading adds nothing twice and the
 * draft is on screen; a draft too long for an address is shown in place.
 */
function evidenceAdded(c: Context<AppEnv>, id: string, form: FormValues, done: string) {
  const query = new URLSearchParams({ done });
  if (form.status) query.set("draft_status", form.status);
  if (form.attribution) query.set("draft_attribution", form.attribution);
  if (form.rationale?.trim()) query.set("draft_rationale", form.rationale);
  if (!query.has("draft_status") && !query.has("draft_attribution") && !query.has("draft_rationale"))
    return redirectTo(c, id, done);
  const address = `${claimHref(id)}?${query}#verdict`;
  if (address.length <= DRAFT_ADDRESS_MAX) return c.redirect(address, 303);
  const draft = { status: form.status ?? "", attribution: form.attribution ?? "", rationale: form.rationale ?? "" };
  return claimPage(c, id, { form: "verdict", values: draft, done: DONE_NOTES[done] });
}

const DONE_NOTES: Record<string, string> = {
  evidence: "Evidence added. Your verdict draft is kept below; it is not saved until you press “Save review”.",
  "evidence-only": "Evidence added. The status and attribution are as they were, so the rationale was not saved.",
};

/** The claim page again, saying why `form`'s post did not go through. */
export function refusedPage(
  c: Context<AppEnv>,
  id: string,
  form: PageState["form"],
  values: FormValues,
  error: ServiceError,
) {
  return refusalPage(
    c,
    error,
    (r) =>
      r.currentVersion === undefined
        ? claimPage(c, id, { form, values, errors: r.errors, message: r.message }, r.status)
        : claimPage(c, id, { form, values, conflictSince: values.seen_at ?? "" }, 409),
    { subject: { what: "claim", id } },
  );
}

const formOf = async (c: Context<AppEnv>, form?: FormValues) => form ?? (await readForm(c.req.raw));

/** The evidence fields of the verdict form, when any of them is filled in. */
function evidenceFields(form: FormValues) {
  const given = [form.url, form.title, form.note].some((v) => v?.trim());
  if (!given) return null;
  return {
    url: form.url?.trim() || undefined,
    title: form.title?.trim() || undefined,
    note: form.note?.trim() || undefined,
    stance: form.stance,
  };
}

/** "Save review": the verdict, with the evidence item filled in beside it in the same step. */
export async function postReview(c: Context<AppEnv>, id: string, posted?: FormValues) {
  const form = await formOf(c, posted);
  const checked = validate(ReviewBody, {
    status: form.status || undefined,
    attribution: form.attribution || undefined,
    rationale: form.rationale?.trim() ? form.rationale : undefined,
  });
  const fields = evidenceFields(form);
  const evidence = fields ? validate(EvidenceBody, fields) : null;
  const errors = {
    ...("errors" in checked ? checked.errors : {}),
    ...(evidence && "errors" in evidence ? evidence.errors : {}),
  };
  if ("errors" in checked || (evidence && "errors" in evidence))
    return claimPage(c, id, { form: "verdict", values: form, errors }, 422);
  const db = c.get("db");
  const result = await reviewWithEvidence(
    db,
    c.get("principal"),
    id,
    Number(form.version),
    checked.data,
    evidence && "data" in evidence ? evidence.data : null,
  );
  if (!result.ok) return refusedPage(c, id, "verdict", form, result.error);
  const { changed, evidenceId } = result.value;
  if (!changed && evidenceId) return evidenceAdded(c, id, form, "evidence-only");
  // A form always sends both selects: say so when neither changed, rather than "Review saved."
  // over a rationale that was not kept.
  if (!changed) {
    return claimPage(c, id, {
      form: "verdict",
      values: form,
      message:
        "Nothing was saved: the status and attribution are as they were. A rationale is saved together with a change of status or attribution.",
    });
  }
  return redirectTo(c, id, evidenceId ? "reviewed-evidence" : "reviewed");
}

/** "Add evidence": the item alone; the verdict being written beside it is kept. */
export async function postEvidence(c: Context<AppEnv>, id: string, posted?: FormValues) {
  const form = await formOf(c, posted);
  const checked = validate(EvidenceBody, {
    url: form.url?.trim() || undefined,
    title: form.title?.trim() || undefined,
    note: form.note?.trim() || undefined,
    stance: form.stance,
  });
  if ("errors" in checked) return claimPage(c, id, { form: "verdict", values: form, errors: checked.errors }, 422);
  const result = await addEvidence(c.get("db"), c.get("principal"), id, checked.data);
  if (!result.ok) return refusedPage(c, id, "verdict", form, result.error);
  return evidenceAdded(c, id, form, "evidence");
}

export async function postRemoveEvidence(c: Context<AppEnv>, id: string, evidenceId: string) {
  if (!evidenceId) return notFoundPage(c, "evidence");
  const result = await removeEvidence(c.get("db"), c.get("principal"), id, evidenceId);
  if (!result.ok) return refusedPage(c, id, undefined, {}, result.error);
  return redirectTo(c, id, "evidence-removed");
}

export async function postClearFlag(c: Context<AppEnv>, id: string, flag: string, posted?: FormValues) {
  const form = await formOf(c, posted);
  if (!(FLAGS as readonly string[]).includes(flag)) return notFoundPage(c, "flag");
  const checked = validate(FlagClearBody, { note: form.note ?? "" });
  if ("errors" in checked) return claimPage(c, id, { form: `flag-${flag}`, values: form, errors: checked.errors }, 422);
  const result = await clearFlag(c.get("db"), c.get("principal"), id, flag as Flag, checked.data.note);
  if (!result.ok) return refusedPage(c, id, `flag-${flag}`, form, result.error);
  return redirectTo(c, id, "flag");
}

export async function postRecheck(c: Context<AppEnv>, id: string) {
  const deps = { db: c.get("db"), settings: recheckSettings(c.get("config")) };
  const result = await recheckNow(deps, c.get("principal"), id);
  if (!result.ok) return refusedPage(c, id, undefined, {}, result.error);
  return redirectTo(c, id, "recheck");
}

export async function postRepeat(c: Context<AppEnv>, id: string, posted?: FormValues) {
  const form = await formOf(c, posted);
  const checked = validate(RepeatBody, {
    repeat_of: form.repeat_of?.trim() ?? "",
    carry_verdict: form.carry_verdict === "1",
    rationale: form.rationale?.trim() ? form.rationale : undefined,
  });
  if ("errors" in checked) return claimPage(c, id, { form: "repeat", values: form, errors: checked.errors }, 422);
  const result = await linkRepeat(c.get("db"), c.get("principal"), id, Number(form.version), checked.data);
  if (!result.ok) return refusedPage(c, id, "repeat", form, result.error);
  return redirectTo(c, id, "repeat");
}

export async function postUnlinkRepeat(c: Context<AppEnv>, id: string, posted?: FormValues) {
  const form = await formOf(c, posted);
  const result = await unlinkRepeat(c.get("db"), c.get("principal"), id, Number(form.version));
  if (!result.ok) return refusedPage(c, id, "repeat", form, result.error);
  return redirectTo(c, id, "repeat-unlinked");
}

/** The "done" note of each publication step (page.tsx DONE). */
const PUBLICATION_DONE = {
  publish: "published",
  sign_off: "signed_off",
  unpublish: "unpublished",
  correct: "corrected",
};

export async function postPublication(c: Context<AppEnv>, id: string, posted?: FormValues) {
  const form = await formOf(c, posted);
  const checked = validate(PublicationBody, {
    action: form.action,
    reason: form.reason?.trim() ? form.reason : undefined,
  });
  if ("errors" in checked) {
    return claimPage(c, id, { form: "publication", values: form, errors: checked.errors }, 422);
  }
  const { action, reason } = checked.data;
  // Publishing a False or Misleading verdict asks first (the page names it); the claim as the
  // reviewer saw it, else the service answers the conflict.
  if ((action === "publish" || action === "correct") && form.confirm !== "1") {
    const [found, publication] = await Promise.all([
      getClaim(c.get("db"), c.get("principal"), id),
      publicationOf(c.get("db"), c.get("principal"), id),
    ]);
    if (!found.ok) return refusedPage(c, id, "publication", form, found.error);
    if (!publication.ok) return refusedPage(c, id, "publication", form, publication.error);
    const claim = found.value;
    const signOff = publication.value.sign_off;
    // Only a step that can go through is confirmed: a missing sign-off or date, or a newer
    // version, is the service's to refuse at once.
    const ready =
      claim.version === Number(form.version) &&
      (!signOff.needed || signOff.current) &&
      Boolean(claim.stated_at || claim.source.published_at);
    if (ready && asksConfirmation(claim.status))
      return claimPage(c, id, { confirm: { action, reason: reason ?? undefined } });
  }
  const result = await changePublication(c.get("db"), c.get("principal"), id, Number(form.version), checked.data);
  if (!result.ok) return refusedPage(c, id, "publication", form, result.error);
  return redirectTo(c, id, PUBLICATION_DONE[action]);
}
