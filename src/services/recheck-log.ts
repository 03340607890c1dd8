// Reading the re-check log: recent visits across claims (the API's list) or of one claim.
import type { Db } from "../db/client";
import { listRechecks, type RecheckRow } from "../db/queries/rechecks";
import type { RecheckCursor } from "../domain/cursor";
import type { Principal } from "../domain/permissions";
import type { RecheckOutcome } from "../domain/vocabulary";
import { refused } from "./access";
import { ok, type Result } from "./result";

export function recheckView(row: RecheckRow) {
  return {
    id: row.id,
    claim_id: row.claimId,
    source_id: row.sourceId,
    at: row.at,
    outcome: row.outcome,
    http_status: row.httpStatus,
    content_hash: row.contentHash,
    detail: row.detail,
  };
}
export type RecheckView = ReturnType<typeof recheckView>;

export async function recheckList(
  db: Db,
  actor: Principal,
  query: { outcome?: RecheckOutcome; claimId?: string; since?: string; limit: number; cursor?: RecheckCursor },
): Promise<Result<{ rechecks: RecheckView[]; next: RecheckCursor | null }>> {
  const denied = refused(actor, "read");
  if (denied) return denied;
  const { data, nextCursor } = await listRechecks(db, query);
  return ok({ rechecks: data.map(recheckView), next: nextCursor });
}
