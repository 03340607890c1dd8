// Changes to an existing claim under optimistic concurrency. What a change is (its fields, tags,
// events, the evidence it needs) is decided in src/domain (claim-changes.ts, review.ts); this
// module only writes it. Every statement of a change is guarded by "the claim is still at the
// version the writer saw", and the version bump comes last: D1 runs a batch atomically and one
// batch at a time, so either the whole change and its events land, or none of it does and the
// writer learns why.
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import type { ClaimChange } from "../../domain/claim-changes";
import { type Db, runBatch, type Statement } from "../client";
import { isRepeatCycle, isUniqueViolation } from "../errors";
import { claims, claimTags, evidence } from "../schema";
import { insertEventWhere } from "./events";
import type { SourceInput } from "./sources";
import { upsertSourceStatement } from "./sources";
import type { SpeakerInput } from "./speakers";
import { upsertSpeakerStatement } from "./speakers";

export type ChangeOutcome =
  | { ok: true; version: number }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "stale"; currentVersion: number }
  | { ok: false; reason: "needs_evidence" }
  | { ok: false; reason: "duplicate"; existingId: string };

/** A change as the store takes it: a speaker or source is named by id or found or created. */
export type StoredChange = ClaimChange<SpeakerInput, SourceInput>;

/** New values (or SQL expressions, e.g. a speaker's id from earlier in the batch) by column. */
type ClaimSet = SQLiteUpdateSetSource<typeof claims>;

/** Writes `change` to the claim at `expected` version, in one batch. */
export async function changeClaim(
  db: Db,
  expected: { id: string; version: number },
  change: StoredChange,
  actor: string,
  at: string,
): Promise<ChangeOutcome> {
  const claimId = expected.id;
  const atVersion = sql`EXISTS (SELECT 1 FROM claims WHERE id = ${claimId} AND version = ${expected.version})`;
  const hasEvidence = sql`EXISTS (SELECT 1 FROM evidence WHERE claim_id = ${claimId})`;
  const guard = change.requireEvidence ? sql`${atVersion} AND ${hasEvidence}` : atVersion;
  const set: ClaimSet = { ...change.set };
  // Unguarded: finding or creating a speaker or source changes no claim.
  const before: Statement[] = [];
  if (change.speaker) {
    if ("id" in change.speaker) set.speakerId = change.speaker.id;
    else {
      const speaker = upsertSpeakerStatement(db, change.speaker, at);
      before.push(speaker.insert);
      set.speakerId = speaker.idExpr;
    }
  }
  if (change.source) {
    if ("id" in change.source) set.sourceId = change.source.id;
    else {
      const source = await upsertSourceStatement(db, change.source, at);
      before.push(source.insert);
      set.sourceId = source.idExpr;
    }
  }
  // Copied evidence goes first (the version guard keeps it out of a stale change), so that a
  // verdict that needs evidence finds it when the claim's own guard asks.
  for (const e of change.evidence ?? []) {
    before.push(
      db.insert(evidence).select(sql`
        SELECT ${e.id}, ${claimId}, ${e.url}, ${e.title}, ${e.note}, ${e.stance}, ${e.speakerId}, ${actor}, ${at}
        WHERE ${atVersion}`),
    );
  }
  const tags = change.tags;
  const update = db
    .update(claims)
    .set({ ...set, version: sql`${claims.version} + 1`, updatedAt: at })
    .where(
      and(
        eq(claims.id, claimId),
        eq(claims.version, expected.version),
        change.requireEvidence ? hasEvidence : undefined,
      ),
    )
    .returning({ version: claims.version });
  const writes = [
    ...before,
    ...change.events.map((e) => insertEventWhere(db, { ...e, claimId, at, actor }, guard)),
    ...(tags === undefined ? [] : tagStatements(db, claimId, tags, guard)),
  ];
  let updated: { version: number }[];
  try {
    [updated] = await runBatch(db, writes, update);
  } catch (err) {
    if (isUniqueViolation(err, "claims.dedupe_key")) {
      const existing = await findDuplicateOf(db, claimId, set);
      if (existing) return { ok: false, reason: "duplicate", existingId: existing };
    }
    throw err;
  }
  if (updated[0]) return { ok: true, version: updated[0].version };
  const current = await db.select({ version: claims.version }).from(claims).where(eq(claims.id, claimId)).get();
  if (!current) return { ok: false, reason: "not_found" };
  if (current.version !== expected.version) return { ok: false, reason: "stale", currentVersion: current.version };
  return { ok: false, reason: "needs_evidence" };
}

/** The claim's tags replaced by `tags`, while `guard` holds. */
function tagStatements(db: Db, claimId: string, tags: string[], guard: SQL): Statement[] {
  const replace: Statement[] = [db.delete(claimTags).where(and(eq(claimTags.claimId, claimId), guard))];
  if (tags.length > 0) {
    replace.push(
      db.insert(claimTags).select(sql`SELECT ${claimId}, value FROM json_each(${JSON.stringify(tags)}) WHERE ${guard}`),
    );
  }
  return replace;
}

async function findDuplicateOf(db: Db, claimId: string, set: ClaimSet): Promise<string | undefined> {
  const mine = await db.select().from(claims).where(eq(claims.id, claimId)).get();
  if (!mine) return undefined;
  // The set's values may be SQL expressions (a speaker found or created in the batch): compare in SQL.
  const key = set.dedupeKey ?? mine.dedupeKey;
  const speakerId = set.speakerId ?? mine.speakerId;
  const sourceId = set.sourceId ?? mine.sourceId;
  const row = await db
    .select({ id: claims.id })
    .from(claims)
    .where(
      and(
        sql`${claims.dedupeKey} = ${key}`,
        sql`${claims.speakerId} = ${speakerId}`,
        sql`${claims.sourceId} = ${sourceId}`,
      ),
    )
    .get();
  return row?.id;
}

export type LinkOutcome = ChangeOutcome | { ok: false; reason: "repeat_cycle" };

/** Writes a change that links the claim as a repeat (domain/review.ts decideRepeatLink). The
 * database refuses a link that closes a cycle (this claim somewhere up the chain of the claim it
 * repeats) as it writes it, whatever was linked since the caller looked: then nothing of the
 * batch lands and the answer is `repeat_cycle`. */
export async function linkClaim(
  db: Db,
  expected: { id: string; version: number },
  change: StoredChange,
  actor: string,
  at: string,
): Promise<LinkOutcome> {
  try {
    return await changeClaim(db, expected, change, actor, at);
  } catch (err) {
    if (isRepeatCycle(err)) return { ok: false, reason: "repeat_cycle" };
    throw err;
  }
}
