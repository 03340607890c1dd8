// Evidence on a claim: adding and removing items, each with its event and a version bump.
import { type Db, runBatch } from "../db/client";
import { addEvidenceStatements, removeEvidence as deleteEvidence, listEvidence } from "../db/queries/evidence";
import { speakerExists } from "../db/queries/speakers";
import type { Principal } from "../domain/permissions";
import type { EvidenceBody } from "../domain/schemas";
import { VERDICTS_NEEDING_EVIDENCE } from "../domain/vocabulary";
import { refused } from "./access";
import { fail, notFound, ok, type Result } from "./result";

export type EvidenceItem = Awaited<ReturnType<typeof listEvidence>>[number];

export async function addEvidence(
  db: Db,
  actor: Principal,
  claimId: string,
  body: EvidenceBody,
): Promise<Result<EvidenceItem>> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  // Any id given, even "", must name a speaker (the foreign key would refuse it as a 500).
  if (body.speaker_id != null && !(await speakerExists(db, body.speaker_id))) {
    return fail({
      kind: "invalid",
      detail: `There is no speaker ${body.speaker_id}.`,
      errors: [{ path: "speaker_id", message: "no speaker with this id" }],
    });
  }
  const { id, statements } = addEvidenceStatements(
    db,
    claimId,
    { url: body.url, title: body.title, note: body.note, stance: body.stance, speakerId: body.speaker_id },
    actor.actor,
    new Date().toISOString(),
  );
  await runBatch(db, statements);
  // The insert lands only on an existing claim: no item means no claim.
  const item = (await listEvidence(db, claimId)).find((e) => e.id === id);
  return item ? ok(item) : notFound("claim", claimId);
}

export async function removeEvidence(
  db: Db,
  actor: Principal,
  claimId: string,
  evidenceId: string,
): Promise<Result<null>> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  const outcome = await deleteEvidence(db, claimId, evidenceId, VERDICTS_NEEDING_EVIDENCE, actor.actor);
  if (outcome === "not_found") return notFound("evidence", evidenceId);
  if (outcome === "needed_by_verdict") {
    return fail({
      kind: "conflict",
      title: "Evidence needed by the verdict",
      detail:
        "This is the last evidence of a claim rated false or misleading. Change the verdict first, or add other evidence.",
    });
  }
  return ok(null);
}
