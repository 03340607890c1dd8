// A reviewer clears a flag the re-check job (or age) raised, saying why.
import { type Db, runBatch } from "../db/client";
import { clearFlagStatements } from "../db/queries/flags";
import type { Principal } from "../domain/permissions";
import type { Flag } from "../domain/vocabulary";
import { refused } from "./access";
import { type ClaimDetail, findClaim } from "./claims";
import { notFound, ok, type Result } from "./result";

export async function clearFlag(
  db: Db,
  actor: Principal,
  claimId: string,
  flag: Flag,
  note: string,
): Promise<Result<ClaimDetail>> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  const current = await findClaim(db, claimId);
  if (!current) return notFound("claim", claimId);
  if (!current.flags.some((f) => f.flag === flag)) return notFound(`flag ${flag} on claim`, claimId);
  await runBatch(
    db,
    clearFlagStatements(db, { claimId, flag, at: new Date().toISOString(), actor: actor.actor, note }),
  );
  const claim = await findClaim(db, claimId);
  return claim ? ok(claim) : notFound("claim", claimId);
}
