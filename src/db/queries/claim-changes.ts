// Changes to an existing claim under optimistic concurrency. Every statement of a change is
// guarded by "the claim is still at the version the writer saw", and the version bump comes
// last: D1 runs a batch atomically and one batch at a time, so either the whole change and
// its events land, or none of it does and the writer learns why.
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import { newId } from "../../domain/ids";
import { claimDedupeKey } from "../../domain/normalise";
import type { Attribution, ClaimKind, Stance, Status } from "../../domain/vocabulary";
import { isVerdict, needsEvidence } from "../../domain/vocabulary";
import { type Db, isUniqueViolation, runBatch } from "../client";
import { claims, claimTags, evidence } from "../schema";
import type { ClaimRow } from "./claims";
import { type EventInput, insertEventWhere } from "./events";
import { type SourceInput, upsertSourceStatement } from "./sources";
import { type SpeakerInput, upsertSpeakerStatement } from "./speakers";

export type ChangeOutcome =
  | { ok: true; version: number }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "stale"; currentVersion: number }
  | { ok: false; reason: "needs_evidence" }
  | { ok: false; reason: "duplicate"; existingId: string };

export interface ClaimEdit {
  text?: string;
  context?: string | null;
  kind?: ClaimKind;
  tags?: string[];
  speaker?: { id: string } | SpeakerInput;
  source?: { id: string } | SourceInput;
}

/** New values (or SQL expressions, e.g. a speaker's id from earlier in the batch) by column. */
type ClaimSet = SQLiteUpdateSetSource<typeof claims>;

interface Change {
  claimId: string;
  expectedVersion: number;
  set: ClaimSet;
  events: Omit<EventInput, "claimId" | "at" | "actor">[];
  /** Extra statements (tags), built with the guard. */
  extra?: (guard: SQL) => unknown[];
  /** Statements that must run first and need no guard (find-or-create a speaker or source). */
  before?: unknown[];
  requireEvidence?: boolean;
}

async function applyChange(db: Db, change: Change, actor: string, at: string): Promise<ChangeOutcome> {
  const evidenceGuard = change.requireEvidence
    ? sql` AND EXISTS (SELECT 1 FROM evidence WHERE claim_id = ${change.claimId})`
    : sql``;
  const guard = sql`EXISTS (SELECT 1 FROM claims WHERE id = ${change.claimId} AND version = ${change.expectedVersion}${evidenceGuard})`;
  const update = db
    .update(claims)
    .set({ ...change.set, version: sql`${claims.version} + 1`, updatedAt: at })
    .where(
      and(
        eq(claims.id, change.claimId),
        eq(claims.version, change.expectedVersion),
        change.requireEvidence ? sql`EXISTS (SELECT 1 FROM evidence WHERE claim_id = ${change.claimId})` : undefined,
      ),
    )
    .returning({ version: claims.version });
  const statements = [
    ...(change.before ?? []),
    ...change.events.map((e) => insertEventWhere(db, { ...e, claimId: change.claimId, at, actor }, guard)),
    ...(change.extra?.(guard) ?? []),
    update,
  ];
  let results: readonly unknown[];
  try {
    results = await runBatch(db, statements);
  } catch (err) {
    if (isUniqueViolation(err, "claims.dedupe_key")) {
      const existing = await findDuplicateOf(db, change.claimId, change.set);
      if (existing) return { ok: false, reason: "duplicate", existingId: existing };
    }
    throw err;
  }
  const updated = results.at(-1) as { version: number }[];
  if (updated[0]) return { ok: true, version: updated[0].version };
  const current = await db.select({ version: claims.version }).from(claims).where(eq(claims.id, change.claimId)).get();
  if (!current) return { ok: false, reason: "not_found" };
  if (current.version !== change.expectedVersion)
    return { ok: false, reason: "stale", currentVersion: current.version };
  return { ok: false, reason: "needs_evidence" };
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

/** Edits a claim's own fields; one `edited` event lists every field that changed. `current`
 * is the claim as the writer saw it (its row), `version` the version the writer edits. */
export async function editClaim(
  db: Db,
  row: ClaimRow,
  version: number,
  edit: ClaimEdit,
  actor: string,
  at = new Date().toISOString(),
): Promise<ChangeOutcome> {
  const current = {
    id: row.id,
    version,
    text: row.text,
    context: row.context,
    kind: row.kind,
    tags: row.tags,
    speakerId: row.speaker.id,
    sourceId: row.source.id,
  };
  const set: ClaimSet = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const before: unknown[] = [];
  const text = edit.text?.trim();
  if (text !== undefined && text !== current.text) {
    set.text = text;
    changes.text = { from: current.text, to: text };
  }
  const context = edit.context === undefined ? undefined : edit.context?.trim() || null;
  if (context !== undefined && context !== current.context) {
    set.context = context;
    changes.context = { from: current.context, to: context };
  }
  if (edit.kind !== undefined && edit.kind !== current.kind) {
    set.kind = edit.kind;
    changes.kind = { from: current.kind, to: edit.kind };
  }
  if (edit.speaker) {
    if ("id" in edit.speaker) set.speakerId = edit.speaker.id;
    else {
      const speaker = upsertSpeakerStatement(db, edit.speaker, at);
      before.push(speaker.insert);
      set.speakerId = speaker.idExpr;
    }
    changes.speaker = { from: current.speakerId, to: "id" in edit.speaker ? edit.speaker.id : edit.speaker };
  }
  if (edit.source) {
    if ("id" in edit.source) set.sourceId = edit.source.id;
    else {
      const source = await upsertSourceStatement(db, edit.source, at);
      before.push(source.insert);
      set.sourceId = source.idExpr;
    }
    changes.source = { from: current.sourceId, to: "id" in edit.source ? edit.source.id : edit.source };
  }
  const tags = edit.tags && [...new Set(edit.tags.map((t) => t.trim()).filter(Boolean))].sort();
  const tagsChanged = tags !== undefined && tags.join("\u0000") !== [...current.tags].sort().join("\u0000");
  if (tagsChanged) changes.tags = { from: current.tags, to: tags };
  if ("text" in set || "context" in set) {
    set.dedupeKey = claimDedupeKey(
      text ?? current.text,
      context !== undefined && "context" in set ? context : current.context,
    );
  }
  if (Object.keys(changes).length === 0) return { ok: true, version: current.version };
  return applyChange(
    db,
    {
      claimId: current.id,
      expectedVersion: current.version,
      set,
      before,
      events: [{ action: "edited", data: { changes } }],
      extra: (guard) =>
        tagsChanged
          ? [
              db.delete(claimTags).where(and(eq(claimTags.claimId, current.id), guard)),
              ...(tags.length
                ? [
                    db
                      .insert(claimTags)
                      .select(sql`SELECT ${current.id}, value FROM json_each(${JSON.stringify(tags)}) WHERE ${guard}`),
                  ]
                : []),
            ]
          : [],
    },
    actor,
    at,
  );
}

export interface Review {
  status?: Status;
  attribution?: Attribution;
  rationale?: string | null;
}

/** Sets status and/or attribution; each change writes its own event, with the rationale as its note. */
export async function reviewClaim(
  db: Db,
  current: { id: string; version: number; status: Status; attribution: Attribution },
  review: Review,
  actor: string,
  at = new Date().toISOString(),
): Promise<ChangeOutcome> {
  const rationale = review.rationale?.trim() || null;
  const set: ClaimSet = {};
  const events: Change["events"] = [];
  if (review.status !== undefined && review.status !== current.status) {
    set.status = review.status;
    set.verdictAt = isVerdict(review.status) ? at : null;
    events.push({ action: "status_changed", from: current.status, to: review.status, note: rationale });
  }
  if (review.attribution !== undefined && review.attribution !== current.attribution) {
    set.attribution = review.attribution;
    events.push({ action: "attribution_changed", from: current.attribution, to: review.attribution, note: rationale });
  }
  if (events.length === 0) return { ok: true, version: current.version };
  if (rationale !== null) set.rationale = rationale;
  return applyChange(
    db,
    {
      claimId: current.id,
      expectedVersion: current.version,
      set,
      events,
      requireEvidence: review.status !== undefined && needsEvidence(review.status),
    },
    actor,
    at,
  );
}

/** A verdict carried over from the claim this one repeats: its status, the reviewer's
 * rationale (citing the original) and copies of the original's evidence. */
export interface CarriedVerdict {
  status: Status;
  rationale: string;
  evidence: {
    url: string | null;
    title: string | null;
    note: string | null;
    stance: Stance;
    speakerId: string | null;
  }[];
}

/** What the database answers when a link would close a cycle of repeats (the trigger of
 * drizzle/0013_repeat_cycles.sql aborts the batch with this text). */
const REPEAT_CYCLE = "repeat_of would close a cycle";

/** Whether `err` is that trigger's abort: D1 puts the text in its error's message, which a
 * batch passes on as it is and a single drizzle query wraps (as the cause). */
function isRepeatCycle(err: unknown): boolean {
  return err instanceof Error && [err.message, String(err.cause)].some((m) => m.includes(REPEAT_CYCLE));
}

export type LinkOutcome = ChangeOutcome | { ok: false; reason: "repeat_cycle" };

/** Marks the claim as a repeat of `repeatOf` (a `repeat_linked` event) and, when a verdict is
 * carried over, sets it with its own `status_changed` event and copies the evidence, all in the
 * batch that bumps the version. The database refuses a link that closes a cycle (this claim
 * somewhere up `repeatOf`'s chain) as it writes it, whatever was linked since the caller looked:
 * then nothing of the batch lands and the answer is `repeat_cycle`. */
export async function linkRepeat(
  db: Db,
  current: { id: string; version: number; status: Status; repeatOf: string | null },
  repeatOf: string,
  carried: CarriedVerdict | undefined,
  actor: string,
  at = new Date().toISOString(),
): Promise<LinkOutcome> {
  const set: ClaimSet = { repeatOf };
  const events: Change["events"] = [];
  if (repeatOf !== current.repeatOf) {
    events.push({ action: "repeat_linked", from: current.repeatOf, to: repeatOf });
  }
  const copies = (carried?.evidence ?? []).map((e) => ({ ...e, id: newId("evidence") }));
  if (carried) {
    set.status = carried.status;
    set.verdictAt = at;
    set.rationale = carried.rationale;
    events.push({
      action: "status_changed",
      from: current.status,
      to: carried.status,
      note: carried.rationale,
      data: { carried_from: repeatOf, evidence_copied: copies.map((e) => e.id) },
    });
  }
  if (events.length === 0) return { ok: true, version: current.version };
  // The copies go first (the version guard keeps them out of a stale change) so that a carried
  // "false" finds its evidence when the claim's own guard asks for it.
  const atVersion = sql`EXISTS (SELECT 1 FROM claims WHERE id = ${current.id} AND version = ${current.version})`;
  try {
    return await applyChange(
      db,
      {
        claimId: current.id,
        expectedVersion: current.version,
        set,
        events,
        before: copies.map((e) =>
          db.insert(evidence).select(sql`
          SELECT ${e.id}, ${current.id}, ${e.url}, ${e.title}, ${e.note}, ${e.stance}, ${e.speakerId}, ${actor}, ${at}
          WHERE ${atVersion}`),
        ),
        requireEvidence: carried !== undefined && needsEvidence(carried.status),
      },
      actor,
      at,
    );
  } catch (err) {
    if (isRepeatCycle(err)) return { ok: false, reason: "repeat_cycle" };
    throw err;
  }
}

/** The claim no longer repeats another one; a verdict it carried over stays, as given. */
export async function unlinkRepeat(
  db: Db,
  current: { id: string; version: number; repeatOf: string | null },
  actor: string,
  at = new Date().toISOString(),
): Promise<ChangeOutcome> {
  if (current.repeatOf === null) return { ok: true, version: current.version };
  return applyChange(
    db,
    {
      claimId: current.id,
      expectedVersion: current.version,
      set: { repeatOf: null },
      events: [{ action: "repeat_unlinked", from: current.repeatOf, to: null }],
    },
    actor,
    at,
  );
}

// ---- team workflow: assignment ---------------------------------------------------------------

/** Gives the claim to `assignee` (an `assigned` event) or takes it back (null: `unassigned`). */
export async function assignClaim(
  db: Db,
  current: { id: string; version: number; assignee: string | null },
  assignee: string | null,
  actor: string,
  at = new Date().toISOString(),
): Promise<ChangeOutcome> {
  if (assignee === current.assignee) return { ok: true, version: current.version };
  return applyChange(
    db,
    {
      claimId: current.id,
      expectedVersion: current.version,
      set: { assignee },
      events: [
        assignee === null
          ? { action: "unassigned", from: current.assignee, to: null }
          : { action: "assigned", from: current.assignee, to: assignee },
      ],
    },
    actor,
    at,
  );
}
