import { count, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { newId } from "../../domain/ids";
import { newSpeakerRow, type SpeakerFields } from "../../domain/new-references";
import { STATUSES, type Status, VERDICTS } from "../../domain/vocabulary";
import type { Db } from "../client";
import { claims, speakers } from "../schema";
import { speakersCounts } from "./stats";

export type SpeakerInput = SpeakerFields;

/** Find-or-create as one statement for a batch, plus a SQL expression that yields the
 * speaker's id later in the same batch (whether it was created or already there). */
export function upsertSpeakerStatement(db: Db, input: SpeakerInput, at: string) {
  const row = newSpeakerRow(input);
  const insert = db
    .insert(speakers)
    .values({ id: newId("speaker"), ...row, createdAt: at, updatedAt: at })
    .onConflictDoNothing({ target: speakers.matchKey });
  return { insert, idExpr: sql`(SELECT id FROM speakers WHERE match_key = ${row.matchKey})` };
}

export async function getSpeaker(db: Db, id: string) {
  return db.query.speakers.findFirst({ where: eq(speakers.id, id) });
}

export async function speakerExists(db: Db, id: string): Promise<boolean> {
  return Boolean(await db.select({ id: speakers.id }).from(speakers).where(eq(speakers.id, id)).get());
}

export function speakerView(row: typeof speakers.$inferSelect) {
  return { id: row.id, name: row.name, role: row.role, kind: row.kind, created_at: row.createdAt };
}

/** Speakers by name, keyset-paged by id (newest first). */
export async function listSpeakers(db: Db, options: { limit: number; afterId?: string; name?: string }) {
  const where = [];
  if (options.afterId) where.push(sql`id < ${options.afterId}`);
  // instr, not LIKE: D1 refuses LIKE patterns over 50 bytes (a 500 for a long name), and there
  // is nothing to escape. lower() folds ASCII only, as LIKE does.
  if (options.name) where.push(sql`instr(lower(name), lower(${options.name})) > 0`);
  const rows = await db
    .select()
    .from(speakers)
    .where(where.length ? sql.join(where, sql` AND `) : undefined)
    .orderBy(sql`id DESC`)
    .limit(options.limit + 1);
  return { rows: rows.slice(0, options.limit), more: rows.length > options.limit };
}

/** The speaker's track record: how many of their claims stand at each status. Read from the
 * counters triggers keep per speaker (drizzle/0014), not by counting their claims. */
export async function statusTally(db: Db, speakerId: string): Promise<Record<Status, number>> {
  const rows = (await speakersCounts(db, [speakerId])).get(speakerId) ?? [];
  const tally = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const row of rows) if (row.metric === "status" && row.key in tally) tally[row.key as Status] += row.n;
  return tally;
}

/** How many of the speaker's claims repeat an earlier claim, and how many of those repeat a
 * claim that was checked (has a verdict) or rated false or misleading. */
export async function repeatTally(db: Db, speakerId: string) {
  const original = alias(claims, "original");
  const row = await db
    .select({
      total: count(),
      checked: sql<number>`coalesce(sum(${inArray(original.status, VERDICTS)}), 0)`,
      debunked: sql<number>`coalesce(sum(${inArray(original.status, ["false", "misleading"])}), 0)`,
    })
    .from(claims)
    .innerJoin(original, eq(original.id, claims.repeatOf))
    .where(eq(claims.speakerId, speakerId))
    .get();
  return { total: row?.total ?? 0, of_checked: row?.checked ?? 0, of_false_or_misleading: row?.debunked ?? 0 };
}

/** Creates a speaker; answers the existing one's id instead when the name and role are taken. */
export async function createSpeaker(db: Db, input: SpeakerInput, at = new Date().toISOString()) {
  const { insert, idExpr } = upsertSpeakerStatement(db, input, at);
  const [inserted, found] = await db.batch([
    insert.returning({ id: speakers.id }),
    db.select({ id: sql<string>`${idExpr}` }).from(sql`(SELECT 1)`),
  ]);
  return { created: inserted.length > 0, id: found[0]?.id ?? "" };
}
