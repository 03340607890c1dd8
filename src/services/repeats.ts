// Repeats: a claim that makes the same assertion as one checked before is linked to it
// (repeat_of) and may take over its verdict in the same step, with its own history entry, a
// rationale that cites the original and the original's evidence: never silently.
import type { Db } from "../db/client";
import { changeClaim, linkClaim } from "../db/queries/claim-changes";
import { decideUnlink } from "../domain/claim-changes";
import type { FieldError } from "../domain/errors";
import type { Principal } from "../domain/permissions";
import { type CarriedVerdict, carriedVerdict, decideRepeatLink } from "../domain/review";
import type { RepeatBody } from "../domain/schemas";
import { isVerdict } from "../domain/vocabulary";
import { refused } from "./access";
import { type ClaimDetail, changeFailed, findClaim, readBack } from "./claims";
import { fail, notFound, type Result } from "./result";

const invalid = (path: string, message: string, detail: string) =>
  fail({ kind: "invalid", errors: [{ path, message }] satisfies FieldError[], detail });

/** Links the claim at `version` as a repeat of `body.repeat_of`, carrying its verdict over when asked. */
export async function linkRepeat(
  db: Db,
  actor: Principal,
  id: string,
  version: number,
  body: RepeatBody,
): Promise<Result<ClaimDetail>> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  const current = await findClaim(db, id);
  if (!current) return notFound("claim", id);
  if (current.version !== version) return fail({ kind: "stale", currentVersion: current.version });
  if (body.repeat_of === id) {
    return invalid("repeat_of", "a claim cannot repeat itself", "A claim cannot be a repeat of itself.");
  }
  const original = await findClaim(db, body.repeat_of);
  if (!original) {
    return invalid("repeat_of", "no claim with this id", `There is no claim ${body.repeat_of}.`);
  }
  let carried: CarriedVerdict | undefined;
  if (body.carry_verdict) {
    if (!isVerdict(original.status)) {
      return invalid(
        "carry_verdict",
        "the earlier claim has no verdict",
        `${original.id} has no verdict to carry over (it is ${original.status.replace("_", " ")}).`,
      );
    }
    const rationale = body.rationale?.trim();
    if (!rationale) {
      return invalid(
        "rationale",
        "say why the verdict applies to this claim",
        "Carrying a verdict over needs a rationale: say why it applies to this claim.",
      );
    }
    carried = carriedVerdict(
      {
        id: original.id,
        status: original.status,
        verdictAt: original.verdict_at,
        rationale: original.rationale,
        evidence: original.evidence.map((e) => ({
          url: e.url,
          title: e.title,
          note: e.note,
          stance: e.stance,
          speakerId: e.speaker?.id ?? null,
        })),
      },
      rationale,
    );
  }
  const at = new Date().toISOString();
  const change = decideRepeatLink({ status: current.status, repeatOf: current.repeat_of }, original.id, carried, at);
  if (change === null) return readBack(db, id);
  const outcome = await linkClaim(db, { id, version }, change, actor.actor, at);
  if (outcome.ok) return readBack(db, id);
  // The database checks the chain as it writes the link, so a link made at the same moment the
  // other way round cannot slip past a check made before it.
  if (outcome.reason === "repeat_cycle") {
    return invalid(
      "repeat_of",
      "that claim is itself a repeat of this one",
      `${original.id} is already a repeat of ${id} (directly or through other repeats); unlink it first.`,
    );
  }
  return changeFailed(outcome, id);
}

/** The claim at `version` no longer repeats another; a verdict it carried over stays. */
export async function unlinkRepeat(
  db: Db,
  actor: Principal,
  id: string,
  version: number,
): Promise<Result<ClaimDetail>> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  const current = await findClaim(db, id);
  if (!current) return notFound("claim", id);
  if (current.version !== version) return fail({ kind: "stale", currentVersion: current.version });
  const change = decideUnlink({ repeatOf: current.repeat_of });
  if (change === null) return readBack(db, id);
  const outcome = await changeClaim(db, { id, version }, change, actor.actor, new Date().toISOString());
  if (!outcome.ok) return changeFailed(outcome, id);
  return readBack(db, id);
}
