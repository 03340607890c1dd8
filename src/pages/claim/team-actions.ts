// The claim page's team forms: assign (to me, to someone), unassign, add a note. Each redirects
// (303) on success, or shows the page again with the input kept and the reason.
import type { Context } from "hono";
import { AssignBody, NoteBody } from "../../domain/schemas";
import type { AppEnv } from "../../env";
import { assigneeOf, setAssignee } from "../../services/assignment";
import { addNote } from "../../services/notes";
import { type FormValues, readForm, validate } from "../forms";
import { safeNext } from "../render";
import { refusedPage } from "./actions";
import { claimPage } from "./page";

const done = (c: Context<AppEnv>, id: string, what: string) => c.redirect(`/claims/${id}?done=${what}`, 303);

/** A queue row's anchor (`claim-clm_…`), the place in the list to come back to. */
const ROW_ANCHOR = /^claim-[A-Za-z0-9_]{1,64}$/;

/** "Assign to me", from the claim page or a queue row, which sends `back` (the queue's address,
 * its filters and cursor) and `at` (the row to come back to): the reviewer keeps their place. */
export async function postAssignMe(c: Context<AppEnv>, id: string, posted?: FormValues) {
  const form = posted ?? (await readForm(c.req.raw));
  const principal = c.get("principal");
  const result = await setAssignee(c.get("db"), principal, id, Number(form.version), principal.actor);
  if (!result.ok) return refusedPage(c, id, "assign", form, result.error);
  if (form.back) {
    const at = c.req.query("at") ?? "";
    return c.redirect(`${safeNext(form.back)}${ROW_ANCHOR.test(at) ? `#${at}` : ""}`, 303);
  }
  return done(c, id, "assigned");
}

export async function postAssign(c: Context<AppEnv>, id: string, posted?: FormValues) {
  const form = posted ?? (await readForm(c.req.raw));
  const checked = validate(AssignBody, { assignee: form.assignee ?? "" });
  if ("errors" in checked) return claimPage(c, id, { form: "assign", values: form, errors: checked.errors }, 422);
  const principal = c.get("principal");
  const assignee = assigneeOf(principal, checked.data);
  const result = await setAssignee(c.get("db"), principal, id, Number(form.version), assignee);
  if (!result.ok) return refusedPage(c, id, "assign", form, result.error);
  return done(c, id, "assigned");
}

export async function postUnassign(c: Context<AppEnv>, id: string, posted?: FormValues) {
  const form = posted ?? (await readForm(c.req.raw));
  const result = await setAssignee(c.get("db"), c.get("principal"), id, Number(form.version), null);
  if (!result.ok) return refusedPage(c, id, "assign", form, result.error);
  return done(c, id, "unassigned");
}

export async function postNote(c: Context<AppEnv>, id: string, posted?: FormValues) {
  const form = posted ?? (await readForm(c.req.raw));
  const checked = validate(NoteBody, { text: form.text ?? "" });
  if ("errors" in checked) return claimPage(c, id, { form: "note", values: form, errors: checked.errors }, 422);
  const result = await addNote(c.get("db"), c.get("principal"), id, checked.data);
  if (!result.ok) return refusedPage(c, id, "note", form, result.error);
  return done(c, id, "note");
}
