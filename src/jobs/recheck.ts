// The scheduled re-check: which claims are due, who visits them (this run, or the queue
// consumer when RECHECK_QUEUE is bound), and "re-check this claim now" for the API.
// The visit itself is in visit.ts, shared by all three.
import { createDb } from "../db/client";
import { leaseClaim, leaseDueClaims, loadLeasedClaims, type RecheckRow } from "../db/queries/rechecks";
import type { RecheckMessage } from "../domain/recheck";
import type { Env } from "../env";
import { recheckSettings, type VisitResult, visitClaims } from "./visit";

/** Long enough for a run to visit its whole batch (the cron's wall time is 15 minutes). */
const LEASE_MS = 15 * 60_000;
/** Queued claims wait for the consumer and its retries: they stay held longer. */
const QUEUED_LEASE_MS = 60 * 60_000;
const SEND_BATCH = 100;

export interface RunSummary {
  due: number;
  queued: number;
  visited: number;
  outcomes: Record<string, number>;
}

function summarise(results: VisitResult[]): Pick<RunSummary, "visited" | "outcomes"> {
  const outcomes: Record<string, number> = {};
  for (const { recheck, failed } of results) {
    const key = recheck?.outcome ?? (failed ? "not_recorded" : "lease_lost");
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }
  return { visited: results.filter((r) => r.recheck).length, outcomes };
}

/** The cron: lease up to RECHECK_BATCH due claims, then queue them or visit them here. */
export async function runRecheckJob(env: Env, now: Date): Promise<RunSummary> {
  const settings = recheckSettings(env);
  const db = createDb(env.DB);
  const queue = env.RECHECK_QUEUE;
  const leaseUntil = new Date(now.getTime() + (queue ? QUEUED_LEASE_MS : LEASE_MS));
  const ids = await leaseDueClaims(db, now, leaseUntil, settings.batch);
  const lease = leaseUntil.toISOString();
  let summary: RunSummary;
  if (queue) {
    const messages = ids.map((claimId) => ({ body: { claimId, lease } satisfies RecheckMessage }));
    // A batch that fails to send stays leased until the lease ends; a later run picks it up.
    for (let i = 0; i < messages.length; i += SEND_BATCH) await queue.sendBatch(messages.slice(i, i + SEND_BATCH));
    summary = { due: ids.length, queued: ids.length, visited: 0, outcomes: {} };
  } else {
    const claims = await loadLeasedClaims(db, new Map(ids.map((id) => [id, lease])));
    summary = { due: ids.length, queued: 0, ...summarise(await visitClaims(env, settings, claims, now)) };
  }
  console.log(JSON.stringify({ job: "recheck", at: now.toISOString(), ...summary }));
  return summary;
}

/** The queue consumer: visits the claims whose lease is still the one queued. A message
 * whose visit could not be written is retried (then dead-lettered); the rest are acked. */
export async function handleRecheckQueue(batch: MessageBatch<RecheckMessage>, env: Env): Promise<void> {
  const now = new Date();
  const settings = recheckSettings(env);
  const claims = await loadLeasedClaims(
    createDb(env.DB),
    new Map(batch.messages.map((m) => [m.body.claimId, m.body.lease])),
  );
  const results = new Map((await visitClaims(env, settings, claims, now)).map((r) => [r.claimId, r]));
  for (const message of batch.messages) {
    // No result: the lease moved on (visited already, or taken by a later run). Nothing to do.
    if (results.get(message.body.claimId)?.failed) message.retry({ delaySeconds: 30 * message.attempts });
    else message.ack();
  }
}

export class RecheckInProgressError extends Error {
  constructor(claimId: string) {
    super(`claim ${claimId} is being re-checked by a run right now`);
    this.name = "RecheckInProgressError";
  }
}

/** Re-checks one claim now, whatever its due date. Answers the recheck written, or null when
 * there is no such claim; throws RecheckInProgressError while a run holds the claim. */
export async function recheckClaim(env: Env, claimId: string, now = new Date()): Promise<RecheckRow | null> {
  const db = createDb(env.DB);
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const got = await leaseClaim(db, claimId, now, leaseUntil);
  if (got === "missing") return null;
  if (got === "busy") throw new RecheckInProgressError(claimId);
  const claims = await loadLeasedClaims(db, new Map([[claimId, leaseUntil.toISOString()]]));
  const [result] = await visitClaims(env, recheckSettings(env), claims, now);
  if (!result?.recheck) throw new Error(`re-check of ${claimId} was not recorded`, { cause: result?.failed });
  return result.recheck;
}
