// The re-check's storage: leasing due claims, loading what a visit needs, keeping the page it
// read, and the statements of the batch that records a visit. Raw SQL only where SQL is the
// point, each said why; the rest is typed drizzle.
import { and, desc, eq, exists, gte, lt, or, type SQL, sql } from "drizzle-orm";
import type { RecheckCursor } from "../../domain/cursor";
import { FLAGS, type Flag, type RecheckOutcome, type Status } from "../../domain/vocabulary";
import type { Db } from "../client";
import { claims, rechecks } from "../schema";

export type RecheckRow = typeof rechecks.$inferSelect;

/** Takes the lease on up to `limit` due claims (`recheck_due_at <= now`, no live lease) and
 * answers their ids. */
export async function leaseDueClaims(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<string[]> {
  // Raw: one UPDATE … RETURNING picks and leases at once, so two runs never share a claim; the
  // inner query walks claims_recheck_due_idx.
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
  // Raw: UPDATE … RETURNING takes the lease only if no live one is held, in one statement.
  const rows = await db.all<{ id: string }>(sql`
    UPDATE claims SET recheck_lease_until = ${leaseUntil.toISOString()}
    WHERE id = ${claimId} AND (recheck_lease_until IS NULL OR recheck_lease_until <= ${now.toISOString()})
    RETURNING id`);
  if (rows.length > 0) return "leased";
  const exists = await db.select({ id: claims.id }).from(claims).where(eq(claims.id, claimId)).get();
  return exists ? "busy" : "missing";
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

interface LeasedClaimRow {
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
  // Raw: the (id, lease) pairs travel as one JSON parameter (D1 binds at most 100), and the
  // review date, the last visit and the raised flags are correlated subqueries of one read.
  const rows = await db.all<LeasedClaimRow>(sql`
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

/** Stores a page the visit read as the source's latest version, and as its archive when it has
 * none yet (the first archived version is never overwritten). Answers the archive: its hash, or
 * its text when it was filed without one (older data); null when the source is gone. */
export async function keepFetchedPage(
  db: Db,
  sourceId: string,
  page: { text: string; hash: string; at: string },
): Promise<{ hash: string | null; text: string | null } | null> {
  // Raw: one UPDATE … RETURNING adopts the page as the archive only where none is kept, so two
  // runs reading the same source never overwrite each other's archive.
  const rows = await db.all<{ content_hash: string | null; text: string | null }>(sql`
    UPDATE sources SET
      text = coalesce(text, ${page.text}),
      content_hash = CASE WHEN text IS NULL THEN ${page.hash} ELSE content_hash END,
      updated_at = CASE WHEN text IS NULL THEN ${page.at} ELSE updated_at END,
      latest_text = ${page.text}, latest_content_hash = ${page.hash}, latest_fetched_at = ${page.at}
    WHERE id = ${sourceId}
    RETURNING content_hash, CASE WHEN content_hash IS NULL THEN text END AS text`);
  const row = rows[0];
  return row ? { hash: row.content_hash, text: row.text } : null;
}

/** "The run still holds the claim's lease": the guard of every statement that records a visit. */
export function leaseHeld(db: Db, claimId: string, lease: string): SQL {
  return exists(
    db
      .select({ id: claims.id })
      .from(claims)
      .where(and(eq(claims.id, claimId), eq(claims.recheckLeaseUntil, lease))),
  );
}

/** Ends a visit: the next due date and failures in a row, with the lease released (only while held). */
export function finishVisitStatement(db: Db, claimId: string, lease: string, next: { dueAt: Date; failures: number }) {
  return db
    .update(claims)
    .set({ recheckDueAt: next.dueAt.toISOString(), recheckFailures: next.failures, recheckLeaseUntil: null })
    .where(and(eq(claims.id, claimId), eq(claims.recheckLeaseUntil, lease)));
}

/** The recheck row by id, as a statement for the batch that wrote it. */
export function selectRecheckStatement(db: Db, id: string) {
  return db.select().from(rechecks).where(eq(rechecks.id, id));
}

/** The recheck row, for a batch: it lands only when `guard` holds (e.g. "the run still holds
 * the claim's lease"), so a run that lost its claim records nothing. */
export function insertRecheckWhere(db: Db, row: RecheckRow, guard: SQL) {
  return db.insert(rechecks).select(sql`
    SELECT ${row.id}, ${row.claimId}, ${row.sourceId}, ${row.at}, ${row.outcome},
           ${row.httpStatus}, ${row.contentHash}, ${row.detail}
    WHERE ${guard}`);
}

export interface RecheckFilter {
  outcome?: RecheckOutcome;
  claimId?: string;
  /** ISO timestamp: visits at or after it. */
  since?: string;
  limit: number;
  /** The previous page's `nextCursor`. */
  cursor?: RecheckCursor;
}

/** Visits, newest first, a page at a time. */
export async function listRechecks(
  db: Db,
  filter: RecheckFilter,
): Promise<{ data: RecheckRow[]; nextCursor: RecheckCursor | null }> {
  const conditions: SQL[] = [];
  if (filter.outcome) conditions.push(eq(rechecks.outcome, filter.outcome));
  if (filter.claimId) conditions.push(eq(rechecks.claimId, filter.claimId));
  if (filter.since) conditions.push(gte(rechecks.at, filter.since));
  const { cursor } = filter;
  if (cursor) {
    const before = or(lt(rechecks.at, cursor.at), and(eq(rechecks.at, cursor.at), lt(rechecks.id, cursor.id)));
    if (before) conditions.push(before);
  }
  const rows = await db
    .select()
    .from(rechecks)
    .where(and(...conditions))
    .orderBy(desc(rechecks.at), desc(rechecks.id))
    .limit(filter.limit + 1);
  const data = rows.slice(0, filter.limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > filter.limit && last ? { at: last.at, id: last.id } : null };
}
