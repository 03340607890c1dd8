// Assignment: a claim is given to someone on the desk (a token's name or an Access email, as
// Principal.actor) or taken back; each change is a history event, guarded by the version.
import type { Db } from "../db/client";
import { changeClaim } from "../db/queries/claim-changes";
import { getClaimRow } from "../db/queries/claims";
import { decideAssignment } from "../domain/claim-changes";
import type { Principal } from "../domain/permissions";
import { cleanText } from "../domain/text";
import { refused } from "./access";
import { type ClaimDetail, changeFailed, readBack } from "./claims";
import { fail, notFound, type Result } from "./result";

/** Who `{assignee}` or `{me: true}` names. */
export function assigneeOf(principal: Principal, body: { assignee?: string; me?: true }): string {
  return body.me ? principal.actor : cleanText(body.assignee ?? "").trim();
}

/** Gives the claim at `version` to `assignee`, or takes it back (null). */
export async function setAssignee(
  db: Db,
  actor: Principal,
  id: string,
  version: number,
  assignee: string | null,
): Promise<Result<ClaimDetail>> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  const row = await getClaimRow(db, id);
  if (!row) return notFound("claim", id);
  if (row.version !== version) return fail({ kind: "stale", currentVersion: row.version });
  if (assignee !== null && assignee === "") {
    return fail({
      kind: "invalid",
      detail: "Name who to assign the claim to.",
      errors: [{ path: "assignee", message: "must not be empty" }],
    });
  }
  const change = decideAssignment(row, assignee);
  if (change === null) return readBack(db, id);
  const outcome = await changeClaim(db, { id, version }, change, actor.actor, new Date().toISOString());
  if (!outcome.ok) return changeFailed(outcome, id);
  return readBack(db, id);
}
