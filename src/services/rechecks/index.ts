// TEMP until the re-check split lands: "re-check this claim now" as a use case.
import type { Principal } from "../../domain/permissions";
import type { Env } from "../../env";
import { RecheckInProgressError, recheckClaim as visit } from "../../jobs/recheck";
import { refused } from "../access";
import { fail, notFound, ok } from "../result";

export async function recheckClaim(env: Env, actor: Principal, claimId: string) {
  const denied = refused(actor, "review");
  if (denied) return denied;
  try {
    const row = await visit(env, claimId);
    return row ? ok(row) : notFound("claim", claimId);
  } catch (err) {
    if (!(err instanceof RecheckInProgressError)) throw err;
    return fail({
      kind: "conflict",
      title: "Re-check in progress",
      detail: "A scheduled run is re-checking this claim right now; try again in a minute.",
    });
  }
}
