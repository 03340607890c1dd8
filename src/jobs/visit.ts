// One visit function for every path (the cron itself, the queue consumer, "re-check now"):
// given claims this run holds the lease on, fetch each source once, judge each claim, and
// write each claim's recheck, flag changes, events and next due date in one D1 batch that
// lands only while the lease is still ours.
import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { createDb, type Db } from "../db/client";
import { clearFlagStatements, raiseFlagStatements } from "../db/queries/flags";
import { insertRecheckWhere, type RecheckRow } from "../db/queries/rechecks";
import { claims, rechecks } from "../db/schema";
import { contentHash } from "../domain/hash";
import { newId } from "../domain/ids";
import { quoteFinder } from "../domain/normalise";
import { decideFlags, failuresInARow, judgePage, nextDueAt, pageNotes, staleAt } from "../domain/recheck";
import { FLAGS, type Flag, type RecheckOutcome, type Status } from "../domain/vocabulary";
import type { Env } from "../env";
import type { FetchLimits, PageResult } from "./fetch-page";
import { fetchPage } from "./fetch-page";

export const RECHECK_ACTOR = "recheck job";
/** Sources fetched at the same time: Workers allow six open connections per invocation. */
const PARALLEL_SOURCES = 4;

export interface RecheckSettings {
  batch: number;
  rereviewDays: number;
  /** How often claims without a verdict go back to their source; 0 = every run. */
  openIntervalHours: number;
  limits: FetchLimits;
}

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function recheckSettings(env: Env): RecheckSettings {
  return {
    batch: positiveInt(env.RECHECK_BATCH, 50),
    rereviewDays: positiveInt(env.REREVIEW_DAYS, 30),
    openIntervalHours: env.RECHECK_OPEN_HOURS === "0" ? 0 : positiveInt(env.RECHECK_OPEN_HOURS, 24),
    limits: {
      timeoutMs: positiveInt(env.RECHECK_TIMEOUT_MS, 10_000),
      maxBytes: 2 * 1024 * 1024,
      maxRedirects: 5,
      userAgent: `claimdesk-recheck/1.0 (+${env.ORG_URL})`,
      allowPrivate: env.RECHECK_ALLOW_PRIVATE === "true",
    },
  };
}

/** A claim as the visit needs it, with the lease (its `recheck_lease_until`) this run holds. */
export interface LeasedClaim {
  id: string;
  text: string;
  status: Status;
  lease: string;
  failures: number;
  /** The verdict's date, or when a reviewer last cleared `verdict_stale`, whichever is later. */
  reviewedAt: string | null;
  lastOutcome: RecheckOutcome | null;
  lastHash: string | null;
  /** The flags the claim has now. */
  raised: Flag[];
  sourceId: string;
  url: string | null;
}

/** Takes the lease on up to `limit` due claims in one statement (so two runs never share a
 * claim) and answers their ids. The inner query walks claims_recheck_due_idx. */
export async function leaseDueClaims(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<string[]> {
  const rows = await db.all<{ id: string }>(sql`
    UPDATE claims SET recheck_lease_until = ${leaseUntil.toISOString()}
    WHERE id IN (
      SELECT id FROM claims
      WHERE recheck_due_at <= ${now.toISOString()}
        AND (recheck_lease_until IS NULL OR recheck_lease_until <= ${now.toISOString()})
      ORDER BY recheck_due_at
      LIMIT ${limit})
    RETURNING id`);
  return rows.map((r) => r.id);
}

/** Takes the lease on one claim whatever its due date: "missing" when there is no such claim,
 * "busy" when a run holds it now. */
export async function leaseClaim(
  db: Db,
  claimId: string,
  now: Date,
  leaseUntil: Date,
): Promise<"leased" | "missing" | "busy"> {
  const rows = await db.all<{ id: string }>(sql`
    UPDATE claims SET recheck_lease_until = ${leaseUntil.toISOString()}
    WHERE id = ${claimId} AND (recheck_lease_until IS NULL OR recheck_lease_until <= ${now.toISOString()})
    RETURNING id`);
  if (rows.length > 0) return "leased";
  const exists = await db.all(sql`SELECT 1 FROM claims WHERE id = ${claimId}`);
  return exists.length > 0 ? "busy" : "missing";
}

interface ClaimRow {
  id: string;
  text: string;
  status: Status;
  lease: string;
  failures: number;
  reviewed_at: string | null;
  last_outcome: RecheckOutcome | null;
  last_hash: string | null;
  flags: string;
  source_id: string;
  url: string | null;
}

/** The claims among `leases` (claim id → lease) whose lease is still the one given. */
export async function loadLeasedClaims(db: Db, leases: Map<string, string>): Promise<LeasedClaim[]> {
  if (leases.size === 0) return [];
  const pairs = JSON.stringify([...leases]);
  const rows = await db.all<ClaimRow>(sql`
    SELECT c.id, c.text, c.status, c.recheck_lease_until AS lease, c.recheck_failures AS failures,
      CASE WHEN c.verdict_at IS NULL THEN NULL ELSE max(c.verdict_at, coalesce(
        (SELECT max(e.at) FROM claim_events e
         WHERE e.claim_id = c.id AND e.action = 'flag_cleared' AND e.from_value = 'verdict_stale'), ''))
      END AS reviewed_at,
      r.outcome AS last_outcome, r.content_hash AS last_hash,
      (SELECT json_group_array(f.flag) FROM claim_flags f WHERE f.claim_id = c.id) AS flags,
      s.id AS source_id, s.url
    FROM json_each(${pairs}) AS p
    JOIN claims c ON c.id = p.value ->> 0 AND c.recheck_lease_until = p.value ->> 1
    JOIN sources s ON s.id = c.source_id
    LEFT JOIN rechecks r ON r.id = (
      SELECT id FROM rechecks WHERE claim_id = c.id ORDER BY at DESC, id DESC LIMIT 1)`);
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    status: r.status,
    lease: r.lease,
    failures: r.failures,
    reviewedAt: r.reviewed_at,
    lastOutcome: r.last_outcome,
    lastHash: r.last_hash,
    raised: (JSON.parse(r.flags) as string[]).filter((f): f is Flag => (FLAGS as readonly string[]).includes(f)),
    sourceId: r.source_id,
    url: r.url,
  }));
}

/** What a visit found for one claim, before it is written down. */
interface Observation {
  outcome: RecheckOutcome;
  httpStatus: number | null;
  contentHash: string | null;
  detail: string | null;
}

export interface VisitResult {
  claimId: string;
  /** The recheck written, or null when the lease was lost to another run (nothing written). */
  recheck: RecheckRow | null;
  /** Set when not even an `error` recheck could be written (e.g. D1 unavailable): worth a retry. */
  failed?: unknown;
}

export async function visitClaims(
  env: Env,
  settings: RecheckSettings,
  claims: LeasedClaim[],
  now: Date,
): Promise<VisitResult[]> {
  const db = createDb(env.DB);
  const bySource = new Map<string, LeasedClaim[]>();
  for (const claim of claims) bySource.set(claim.sourceId, [...(bySource.get(claim.sourceId) ?? []), claim]);
  const groups = [...bySource.values()];
  const results: VisitResult[] = [];
  const worker = async () => {
    for (let group = groups.shift(); group; group = groups.shift()) {
      results.push(...(await visitSource(db, settings, group, now)));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_SOURCES }, worker));
  return results;
}

/** Fetches one source once and records every claim of it; never throws. */
async function visitSource(db: Db, settings: RecheckSettings, claims: LeasedClaim[], now: Date) {
  let judge: (claim: LeasedClaim) => Observation;
  try {
    judge = await judgeSource(db, settings, claims[0] as LeasedClaim, now);
  } catch (err) {
    const detail = `internal error: ${err instanceof Error ? err.message : String(err)}`;
    judge = () => ({ outcome: "error", httpStatus: null, contentHash: null, detail });
  }
  const results: VisitResult[] = [];
  for (const claim of claims) {
    try {
      results.push({ claimId: claim.id, recheck: await record(db, settings, claim, judge(claim), now) });
    } catch (err) {
      const detail = `internal error: ${err instanceof Error ? err.message : String(err)}`;
      const fallback: Observation = { outcome: "error", httpStatus: null, contentHash: null, detail };
      try {
        results.push({ claimId: claim.id, recheck: await record(db, settings, claim, fallback, now) });
      } catch (failed) {
        console.error(JSON.stringify({ job: "recheck", claim: claim.id, error: String(failed) }));
        results.push({ claimId: claim.id, recheck: null, failed });
      }
    }
  }
  return results;
}

/** Visits the source (any claim of the group carries its fields), keeps what it saw, and
 * answers how each claim of it fares. */
async function judgeSource(
  db: Db,
  settings: RecheckSettings,
  source: LeasedClaim,
  now: Date,
): Promise<(claim: LeasedClaim) => Observation> {
  if (source.url === null) {
    return () => ({ outcome: "no_url", httpStatus: null, contentHash: null, detail: null });
  }
  const url = URL.parse(source.url);
  if (!url) throw new Error(`stored url does not parse: ${source.url}`);
  const page: PageResult = await fetchPage(url, settings.limits);
  if (page.kind !== "text") {
    const { kind: outcome, httpStatus, detail } = page;
    return () => ({ outcome, httpStatus, contentHash: null, detail });
  }
  const hash = await contentHash(page.text);
  const archivedHash = await keepPage(db, source, page.text, hash, now);
  const notes = pageNotes({
    requested: url.toString(),
    final: page.url,
    truncated: page.truncated,
    maxBytes: settings.limits.maxBytes,
  });
  const found = quoteFinder(page.text);
  return (claim) => ({
    ...judgePage({ quoteFound: found(claim.text), pageHash: hash, archivedHash, notes }),
    httpStatus: page.httpStatus,
    contentHash: hash,
  });
}

/** Stores the page as the source's latest version, and as its archive when it has none yet
 * (the first archived version is never overwritten). Answers the archived version's hash. */
async function keepPage(db: Db, source: LeasedClaim, text: string, hash: string, now: Date): Promise<string> {
  const at = now.toISOString();
  const rows = await db.all<{ content_hash: string | null; text: string | null }>(sql`
    UPDATE sources SET
      text = coalesce(text, ${text}),
      content_hash = CASE WHEN text IS NULL THEN ${hash} ELSE content_hash END,
      updated_at = CASE WHEN text IS NULL THEN ${at} ELSE updated_at END,
      latest_text = ${text}, latest_content_hash = ${hash}, latest_fetched_at = ${at}
    WHERE id = ${source.sourceId}
    RETURNING content_hash, CASE WHEN content_hash IS NULL THEN text END AS text`);
  const row = rows[0];
  if (!row) throw new Error(`source ${source.sourceId} vanished`);
  // An archive filed without its hash (older data) is hashed the same way on the fly.
  return row.content_hash ?? contentHash(row.text ?? "");
}

/** Writes the visit: recheck row, flag changes with their events, next due date, lease released. */
async function record(
  db: Db,
  settings: RecheckSettings,
  claim: LeasedClaim,
  seen: Observation,
  now: Date,
): Promise<RecheckRow | null> {
  const at = now.toISOString();
  const row: RecheckRow = {
    id: newId("recheck", now.getTime()),
    claimId: claim.id,
    sourceId: claim.sourceId,
    at,
    outcome: seen.outcome,
    httpStatus: seen.httpStatus,
    contentHash: seen.contentHash,
    detail: seen.detail,
  };
  const failures = failuresInARow(seen.outcome, claim.failures);
  const stale = staleAt(claim.status, claim.reviewedAt, settings.rereviewDays);
  const held = sql`EXISTS (SELECT 1 FROM claims WHERE id = ${claim.id} AND recheck_lease_until = ${claim.lease})`;
  const flagStatements = decideFlags({
    outcome: seen.outcome,
    detail: seen.detail,
    contentHash: seen.contentHash,
    lastOutcome: claim.lastOutcome,
    lastHash: claim.lastHash,
    failures,
    raised: claim.raised,
    reviewedAt: claim.reviewedAt,
    staleAt: stale,
    rereviewDays: settings.rereviewDays,
    now,
  }).flatMap(({ action, flag, note }): BatchItem<"sqlite">[] => {
    const change = {
      claimId: claim.id,
      flag,
      at,
      actor: RECHECK_ACTOR,
      note,
      data: { recheck_id: row.id, outcome: seen.outcome },
    };
    return [...(action === "raise" ? raiseFlagStatements(db, change, held) : clearFlagStatements(db, change, held))];
  });
  const due = nextDueAt({
    outcome: seen.outcome,
    failures,
    status: claim.status,
    staleAt: stale,
    now,
    rereviewDays: settings.rereviewDays,
    openIntervalHours: settings.openIntervalHours,
  });
  const results = await db.batch([
    insertRecheckWhere(db, row, held),
    ...flagStatements,
    db
      .update(claims)
      .set({ recheckDueAt: due.toISOString(), recheckFailures: failures, recheckLeaseUntil: null })
      .where(and(eq(claims.id, claim.id), eq(claims.recheckLeaseUntil, claim.lease))),
    db.select().from(rechecks).where(eq(rechecks.id, row.id)),
  ]);
  return (results.at(-1) as RecheckRow[])[0] ?? null;
}
