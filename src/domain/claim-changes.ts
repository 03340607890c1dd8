// A change to a stored claim, decided before anything is written: the fields that change (trimmed),
// its tags and duplicate key, the history events it writes, and whether it needs the claim to
// have evidence when it lands. The store (db/queries/claim-changes.ts) applies a change under the
// claim's version, or not at all.
import { cleanTags } from "./new-claim";
import { claimDedupeKey } from "./normalise";
import type { Attribution, ClaimKind, EventAction, Stance, Status } from "./vocabulary";

/** A history event of the change (the store adds the claim, time and actor). */
export interface ChangeEvent {
  action: EventAction;
  from?: string | null;
  to?: string | null;
  note?: string | null;
  data?: unknown;
}

/** The claim's own columns a change sets. */
export interface ClaimValues {
  text?: string;
  context?: string | null;
  kind?: ClaimKind;
  dedupeKey?: string;
  status?: Status;
  verdictAt?: string | null;
  attribution?: Attribution;
  rationale?: string;
  repeatOf?: string | null;
  assignee?: string | null;
  /** How worth checking the new words are (scored by the service when the text changes). */
  worthiness?: number | null;
}

/** An evidence item written onto the claim with the change (a carried verdict's copies). */
export interface EvidenceCopy {
  id: string;
  url: string | null;
  title: string | null;
  note: string | null;
  stance: Stance;
  speakerId: string | null;
}

/** A speaker or source named by id, or by the fields the store finds or creates it with. */
export type Reference<Fields extends object> = { id: string } | Fields;

export interface ClaimChange<Speaker extends object = never, Source extends object = never> {
  set: ClaimValues;
  /** The claim's new speaker or source, when the change moves it. */
  speaker?: Reference<Speaker>;
  source?: Reference<Source>;
  /** The claim's tags after the change, when they change. */
  tags?: string[];
  evidence?: EvidenceCopy[];
  events: ChangeEvent[];
  /** The claim must have evidence when the change lands (its new status needs it). */
  requireEvidence: boolean;
}

// ---- editing the claim's own fields ------------------------------------------------------------

/** A claim's fields an edit may change, as stored. */
export interface EditableClaim {
  text: string;
  context: string | null;
  kind: ClaimKind;
  tags: readonly string[];
  speakerId: string;
  sourceId: string;
}

export interface ClaimEdit<Speaker extends object = never, Source extends object = never> {
  text?: string;
  context?: string | null;
  kind?: ClaimKind;
  tags?: string[];
  speaker?: Reference<Speaker>;
  source?: Reference<Source>;
}

const refOf = <F extends object>(ref: Reference<F>) => ("id" in ref ? ref.id : ref);

/** The edit as a change: one `edited` event lists every field that changes, from and to. A
 * speaker or source named counts as a change (the store resolves it only as it writes). Null
 * when nothing changes. */
export function decideEdit<Speaker extends object, Source extends object>(
  current: EditableClaim,
  edit: ClaimEdit<Speaker, Source>,
): ClaimChange<Speaker, Source> | null {
  const set: ClaimValues = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
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
  if (edit.speaker) changes.speaker = { from: current.speakerId, to: refOf(edit.speaker) };
  if (edit.source) changes.source = { from: current.sourceId, to: refOf(edit.source) };
  const tags = edit.tags && cleanTags(edit.tags);
  const tagsChanged = tags !== undefined && tags.join("\u0000") !== cleanTags(current.tags).join("\u0000");
  if (tagsChanged) changes.tags = { from: current.tags, to: tags };
  if ("text" in set || "context" in set) {
    set.dedupeKey = claimDedupeKey(set.text ?? current.text, "context" in set ? set.context : current.context);
  }
  if (Object.keys(changes).length === 0) return null;
  return {
    set,
    ...(edit.speaker ? { speaker: edit.speaker } : {}),
    ...(edit.source ? { source: edit.source } : {}),
    ...(tagsChanged ? { tags } : {}),
    events: [{ action: "edited", data: { changes } }],
    requireEvidence: false,
  };
}

// ---- repeats and assignment --------------------------------------------------------------------

/** The claim no longer repeats another; a verdict it carried over stays, as given. Null when it
 * repeats none. */
export function decideUnlink(current: { repeatOf: string | null }): ClaimChange | null {
  if (current.repeatOf === null) return null;
  return {
    set: { repeatOf: null },
    events: [{ action: "repeat_unlinked", from: current.repeatOf, to: null }],
    requireEvidence: false,
  };
}

/** The claim given to `assignee` (an `assigned` event) or taken back (null: `unassigned`). Null
 * when it already stands so. */
export function decideAssignment(current: { assignee: string | null }, assignee: string | null): ClaimChange | null {
  if (assignee === current.assignee) return null;
  return {
    set: { assignee },
    events: [
      assignee === null
        ? { action: "unassigned", from: current.assignee, to: null }
        : { action: "assigned", from: current.assignee, to: assignee },
    ],
    requireEvidence: false,
  };
}
