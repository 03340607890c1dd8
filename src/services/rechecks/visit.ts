// One visit function for every path (the cron itself, the queue consumer, "re-check now"):
// given claims this run holds the lease on, fetch each source once, judge each claim, and
// write each claim's recheck, flag changes, events and next due date in one D1 batch that
// lands only while the lease is still ours.
import { type Db, runBatch, type Statement } from "../../db/client";
import { clearFlagStatements, raiseFlagStatements } from "../../db/queries/flags";
import {
  finishVisitStatement,
  insertRecheckWhere,
  keepFetchedPage,
  type LeasedClaim,
  leaseHeld,
  type RecheckRow,
  selectRecheckStatement,
} from "../../db/queries/rechecks";
import { RECHECK_ACTOR } from "../../domain/actors";
import { contentHash } from "../../domain/hash";
import { newId } from "../../domain/ids";
import { quoteFinder } from "../../domain/normalise";
import { decideFlags, failuresInARow, judgePage, nextDueAt, pageNotes, staleAt } from "../../domain/recheck";
import { shorten } from "../../domain/text";
import type { RecheckOutcome } from "../../domain/vocabulary";
import { fetchPage, type PageResult } from "./fetch-page";
import type { RecheckSettings } from "./settings";

/** The actor of the flag events a visit writes. */
/** Sources fetched at the same time: Workers allow six open connections per invocation. */
const PARALLEL_SOURCES = 4;

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

/** Visits the claims (leased by this run), each source once, a few sources at a time. Never
 * throws: each claim gets its result. */
export async function visitClaims(
  db: Db,
  settings: RecheckSettings,
  claims: LeasedClaim[],
  now: Date,
): Promise<VisitResult[]> {
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
    const fault = ownFault(err, { source: claims[0]?.sourceId, claims: claims.map((c) => c.id) });
    judge = () => fault;
  }
  const results: VisitResult[] = [];
  for (const claim of claims) {
    try {
      results.push({ claimId: claim.id, recheck: await record(db, settings, claim, judge(claim), now) });
    } catch (err) {
      const fallback = ownFault(err, { claim: claim.id });
      try {
        results.push({ claimId: claim.id, recheck: await record(db, settings, claim, fallback, now) });
      } catch (failed) {
        console.error(JSON.stringify({ job: "recheck", claim: claim.id, error: errorText(failed) }));
        results.push({ claimId: claim.id, recheck: null, failed });
      }
    }
  }
  return results;
}

/** Our own fault (storage, the HTML reader…): logged in full as one JSON line, and recorded as
 * an `error` whose detail only names that line, so no raw error text (tables, constraints,
 * SQL) reaches a recheck, which the API and the pages show. */
function ownFault(err: unknown, about: Record<string, unknown>): Observation {
  const ref = crypto.randomUUID();
  console.error(JSON.stringify({ job: "recheck", ref, ...about, error: errorText(err) }));
  return { outcome: "error", httpStatus: null, contentHash: null, detail: `internal error (ref ${ref})` };
}

/** The error and its causes, each cut short (a failed query's message carries its parameters,
 * a whole page among them). */
function errorText(err: unknown): string {
  const parts: string[] = [];
  for (let e = err, depth = 0; e !== undefined && depth < 4; e = (e as Error).cause, depth++) {
    const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    parts.push(shorten(text, 1000));
    if (!(e instanceof Error)) break;
  }
  return parts.join(" | caused by ");
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
  if (!url) {
    // Ours, but nothing secret: the url as stored, said plainly.
    const detail = `internal error: stored url does not parse: ${source.url}`;
    return () => ({ outcome: "error", httpStatus: null, contentHash: null, detail });
  }
  const page: PageResult = await fetchPage(url, settings.limits);
  if (page.kind !== "text") {
    const { kind: outcome, httpStatus, detail } = page;
    return () => ({ outcome, httpStatus, contentHash: null, detail });
  }
  const hash = await contentHash(page.text);
  const archivedHash = await keepPage(db, source.sourceId, page.text, hash, now);
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

/** Keeps the page (see keepFetchedPage) and answers the archived version's hash. */
async function keepPage(db: Db, sourceId: string, text: string, hash: string, now: Date): Promise<string> {
  const archive = await keepFetchedPage(db, sourceId, { text, hash, at: now.toISOString() });
  if (!archive) throw new Error(`source ${sourceId} vanished`);
  // An archive filed without its hash (older data) is hashed the same way on the fly.
  return archive.hash ?? contentHash(archive.text ?? "");
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
  const held = leaseHeld(db, claim.id, claim.lease);
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
  }).flatMap(({ action, flag, note }): Statement[] => {
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
  const [recorded] = await runBatch(
    db,
    [
      insertRecheckWhere(db, row, held),
      ...flagStatements,
      finishVisitStatement(db, claim.id, claim.lease, { dueAt: due, failures }),
    ],
    selectRecheckStatement(db, row.id),
  );
  return recorded[0] ?? null;
}
