// Raising and clearing a flag, each with its claim event, as statements for the caller's
// D1 batch (the flag and its history land together or not at all). Both are no-ops when
// there is nothing to do: raising a raised flag or clearing an absent one writes no event.
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Flag } from "../../domain/vocabulary";
import type { Db } from "../client";
import { claimFlags } from "../schema";
import { insertEventWhere } from "./events";

export interface FlagChange {
  claimId: string;
  flag: Flag;
  at: string;
  actor: string;
  /** Why: kept on the flag (when raised) and as the event's note. */
  note?: string | null;
  /** Extra event data, e.g. the recheck that caused the change. */
  data?: Record<string, unknown>;
}

const TRUE = sql`1`;

function flagPresent(claimId: string, flag: Flag): SQL {
  return sql`EXISTS (SELECT 1 FROM claim_flags WHERE claim_id = ${claimId} AND flag = ${flag})`;
}

/** The event `flag_raised` and the flag, when the claim exists, the flag is not raised yet
 * and `guard` holds. */
export function raiseFlagStatements(db: Db, change: FlagChange, guard: SQL = TRUE) {
  const when = sql`NOT ${flagPresent(change.claimId, change.flag)}
    AND EXISTS (SELECT 1 FROM claims WHERE id = ${change.claimId}) AND ${guard}`;
  return [
    insertEventWhere(
      db,
      {
        claimId: change.claimId,
        at: change.at,
        actor: change.actor,
        action: "flag_raised",
        to: change.flag,
        note: change.note,
        data: { flag: change.flag, ...change.data },
      },
      when,
    ),
    db
      .insert(claimFlags)
      .select(sql`SELECT ${change.claimId}, ${change.flag}, ${change.at}, ${change.note ?? null} WHERE ${when}`),
  ] as const;
}

/** The event `flag_cleared` and the flag's removal, when it is raised and `guard` holds. */
export function clearFlagStatements(db: Db, change: FlagChange, guard: SQL = TRUE) {
  return [
    insertEventWhere(
      db,
      {
        claimId: change.claimId,
        at: change.at,
        actor: change.actor,
        action: "flag_cleared",
        from: change.flag,
        note: change.note,
        data: { flag: change.flag, ...change.data },
      },
      sql`${flagPresent(change.claimId, change.flag)} AND ${guard}`,
    ),
    db.delete(claimFlags).where(and(eq(claimFlags.claimId, change.claimId), eq(claimFlags.flag, change.flag), guard)),
  ] as const;
}
