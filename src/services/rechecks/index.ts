// The re-check use cases: "re-check this claim now" (API and pages), the cron's run over the
// due claims, and the queue consumer's visit. Each leases its claims, then visits them with
// visit.ts; the rules are in domain/recheck.ts, the statements in db/queries/rechecks.ts.
import type { Db } from "../../db/client";
import { leaseClaim, leaseDueClaims, loadLeasedClaims, type RecheckRow } from "../../db/queries/rechecks";
import type { Principal } from "../../domain/permissions";
import type { RecheckMessage } from "../../domain/recheck";
import { refused } from "../access";
import { fail, notFound, ok, type Result } from "../result";
import type { RecheckSettings } from "./settings";
import { type VisitResult, visitClaims } from "./visit";

export { type RecheckSettings, recheckSettings } from "./settings";

/** What every re-check use case works with. */
export interface RecheckDeps {
  db: Db;
  settings: RecheckSettings;
}

/** Long enough for a run to visit its whole batch (the cron's wall time is 15 minutes). */
const LEASE_MS = 15 * 60_000;
/** Queued claims wait for the consumer and its retries: they stay held longer. */
const QUEUED_LEASE_MS = 60 * 60_000;

/** Re-checks one claim now, whatever its due date, and answers the recheck written:
 * `not_found` when there is no such claim, `conflict` while a scheduled run holds it. Throws
 * only when not even an `error` recheck could be written (storage down). */
export async function recheckNow(
  deps: RecheckDeps,
  actor: Principal,
  claimId: string,
  now = new Date(),
): Promise<Result<RecheckRow>> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const got = await leaseClaim(deps.db, claimId, now, leaseUntil);
  if (got === "missing") return notFound("claim", claimId);
  if (got === "busy") {
    return fail({
      kind: "conflict",
      title: "Re-check in progress",
      detail: "A scheduled run is re-checking this claim right now; try again in a minute.",
    });
  }
  const claims = await loadLeasedClaims(deps.db, new Map([[claimId, leaseUntil.toISOString()]]));
  const [result] = await visitClaims(deps.db, deps.settings, claims, now);
  if (!result?.recheck) throw new Error(`re-check of ${claimId} was not recorded`, { cause: result?.failed });
  return ok(result.recheck);
}

export interface RunSummary {
  due: number;
  queued: number;
  visited: number;
  outcomes: Record<string, number>;
}

function summarise(results: VisitResult[]): Pick<RunSummary, "visited" | "outcomes"> {
  const outcomes: Record<string, number> = {};
  for (const { recheck, failed } of results) {
    const key = recheck?.outcome ?? (failed !== undefined ? "not_recorded" : "lease_lost");
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }
  return { visited: results.filter((r) => r.recheck).length, outcomes };
}

/** The cron's run: leases up to `settings.batch` due claims, longest due first, then hands them
 * to `enqueue` (when there is a queue; they stay leased for longer) or visits them here. A
 * failing `enqueue` throws; its claims stay leased until the lease ends, and a later run takes them. */
export async function recheckDueClaims(
  deps: RecheckDeps,
  now: Date,
  enqueue?: (messages: RecheckMessage[]) => Promise<void>,
): Promise<RunSummary> {
  const leaseUntil = new Date(now.getTime() + (enqueue ? QUEUED_LEASE_MS : LEASE_MS));
  const ids = await leaseDueClaims(deps.db, now, leaseUntil, deps.settings.batch);
  const lease = leaseUntil.toISOString();
  if (enqueue) {
    await enqueue(ids.map((claimId) => ({ claimId, lease })));
    return { due: ids.length, queued: ids.length, visited: 0, outcomes: {} };
  }
  const claims = await loadLeasedClaims(deps.db, new Map(ids.map((id) => [id, lease])));
  return { due: ids.length, queued: 0, ...summarise(await visitClaims(deps.db, deps.settings, claims, now)) };
}

/** The queue consumer's visit: visits the claims whose lease is still the one queued (a message
 * whose lease moved on was visited already, or taken by a later run: nothing to do). Answers the
 * claim ids whose visit could not be written at all: those are worth a retry. */
export async function recheckQueued(deps: RecheckDeps, messages: RecheckMessage[], now: Date): Promise<Set<string>> {
  const claims = await loadLeasedClaims(deps.db, new Map(messages.map((m) => [m.claimId, m.lease])));
  const results = await visitClaims(deps.db, deps.settings, claims, now);
  return new Set(results.filter((r) => r.failed !== undefined).map((r) => r.claimId));
}
