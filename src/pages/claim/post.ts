// Every form of the claim page posts to the claim's own address, saying what it does in `intent`:
// after any post the address bar shows the claim page. A step that went through redirects (303)
// back to it with a "done" note; a refused one shows the page there again, the input kept. The
// older addresses (/claims/{id}/review, …/evidence, …) still take the same posts.
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { readForm } from "../forms";
import { spendingLimitPage } from "../guards";
import {
  postClearFlag,
  postEvidence,
  postPublication,
  postRecheck,
  postRemoveEvidence,
  postRepeat,
  postReview,
  postUnlinkRepeat,
} from "./actions";
import { claimPage } from "./page";
import { postAssign, postAssignMe, postNote, postUnassign } from "./team-actions";

/** What each intent does. */
export const INTENTS = [
  "review",
  "evidence",
  "remove-evidence",
  "clear-flag",
  "recheck",
  "repeat",
  "unlink-repeat",
  "publication",
  "assign-me",
  "assign",
  "unassign",
  "note",
] as const;

const recheckBudget = spendingLimitPage("RECHECK_LIMITER");

export async function postClaim(c: Context<AppEnv>, id: string) {
  const form = await readForm(c.req.raw);
  switch (form.intent) {
    case "review":
      return postReview(c, id, form);
    case "evidence":
      return postEvidence(c, id, form);
    case "remove-evidence":
      return postRemoveEvidence(c, id, form.evidence_id ?? "");
    case "clear-flag":
      return postClearFlag(c, id, form.flag ?? "", form);
    case "recheck": {
      // The re-check spends from the reviewer's budget, as on its own address.
      let answer: Response | undefined;
      const limited = await recheckBudget(c, async () => {
        answer = await postRecheck(c, id);
      });
      return limited ?? answer ?? claimPage(c, id);
    }
    case "repeat":
      return postRepeat(c, id, form);
    case "unlink-repeat":
      return postUnlinkRepeat(c, id, form);
    case "publication":
      return postPublication(c, id, form);
    case "assign-me":
      return postAssignMe(c, id, form);
    case "assign":
      return postAssign(c, id, form);
    case "unassign":
      return postUnassign(c, id, form);
    case "note":
      return postNote(c, id, form);
    default:
      return claimPage(
        c,
        id,
        { message: `Nothing was done: the form did not say what to do (one of ${INTENTS.join(", ")}).` },
        400,
      );
  }
}
