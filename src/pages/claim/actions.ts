// What a reviewer does on the claim page: each form posts here, calls the use case, and
// either redirects (303) to the claim with a "done" note or shows the page again with the
// input kept and the use case's answer beside the field it concerns.
import type { Context } from "hono";
import { EvidenceBody, FlagClearBody, PublicationBody, RepeatBody, ReviewBody } from "../../domain/schemas";
import { FLAGS, type Flag } from "../../domain/vocabulary";
import type { AppEnv } from "../../env";
import { reviewClaim } from "../../services/claims";
import { addEvidence, removeEvidence } from "../../services/evidence";
import { clearFlag } from "../../services/flags";
import { changePublication } from "../../services/publication";
import { recheckNow, recheckSettings } from "../../services/rechecks";
import { linkRepeat, unlinkRepeat } from "../../services/repeats";
import type { ServiceError } from "../../services/result";
import { notFoundPage, refusalPage } from "../failures";
import { type FormValues, readForm, validate } from "../forms";
import { claimPage, type PageState } from "./page";

function redirectTo(c: Context<AppEnv>, id: string, done: string) {
  return c.redirect(`/claims/${id}?done=${done}`, 303);
}

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

export async function postReview(c: Context<AppEnv>, id: string) {
  const form = await readForm(c.req.raw);
  const checked = validate(ReviewBody, {
    status: form.status || undefined,
    attribution: form.attribution || undefined,
    rationale: form.rationale?.trim() ? form.rationale : undefined,
  });
  if ("errors" in checked) return claimPage(c, id, { form: "review", values: form, errors: checked.errors }, 422);
  const db = c.get("db");
  const result = await reviewClaim(db, c.get("principal"), id, Number(form.version), checked.data);
  if (!result.ok) return refusedPage(c, id, "review", form, result.error);
  // A form always sends both selects: say so when neither changed, rather than "Review saved."
  // over a rationale that was not kept.
  if (!result.value.changed) {
    return claimPage(c, id, {
      form: "review",
      values: form,
      message:
        "Nothing was saved: the status and attribution are as they were. A rationale is saved together with a change of status or attribution.",
    });
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
  const result = await addEvidence(c.get("db"), c.get("principal"), id, checked.data);
  if (!result.ok) return refusedPage(c, id, "evidence", form, result.error);
  return redirectTo(c, id, "evidence");
}

export async function postRemoveEvidence(c: Context<AppEnv>, id: string, evidenceId: string) {
  const result = await removeEvidence(c.get("db"), c.get("principal"), id, evidenceId);
  if (!result.ok) return refusedPage(c, id, undefined, {}, result.error);
  return redirectTo(c, id, "evidence-removed");
}

export async function postClearFlag(c: Context<AppEnv>, id: string, flag: string) {
  const form = await readForm(c.req.raw);
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

export async function postRepeat(c: Context<AppEnv>, id: string) {
  const form = await readForm(c.req.raw);
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

export async function postUnlinkRepeat(c: Context<AppEnv>, id: string) {
  const form = await readForm(c.req.raw);
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

export async function postPublication(c: Context<AppEnv>, id: string) {
  const form = await readForm(c.req.raw);
  const checked = validate(PublicationBody, {
    action: form.action,
    reason: form.reason?.trim() ? form.reason : undefined,
  });
  if ("errors" in checked) {
    return claimPage(c, id, { form: "publication", values: form, errors: checked.errors }, 422);
  }
  const result = await changePublication(c.get("db"), c.get("principal"), id, Number(form.version), checked.data);
  if (!result.ok) return refusedPage(c, id, "publication", form, result.error);
  return redirectTo(c, id, PUBLICATION_DONE[checked.data.action]);
}
