// Storing validated import rows: many rows per D1 batch for speed, and a failed batch is
// retried row by row (each row its own atomic batch), so one bad row is reported and the
// others land, and no row is ever half-written.
import { sql } from "drizzle-orm";
import { type Db, runBatch } from "../../db/client";
import { createClaim, createClaimStatements, type NewClaim } from "../../db/queries/claims";
import { claims } from "../../db/schema";
import type { NewClaimBody } from "../../domain/schemas";
import { newClaim } from "../references";

/** Rows per batch: each row is at most five statements, each under D1's 100 bound parameters. */
const ROWS_PER_BATCH = 100;

export interface ImportOutcome {
  created: number;
  duplicates: number;
  errors: { line: number; problem: string }[];
}

function refusal(err: unknown, input: NewClaim): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/FOREIGN KEY/i.test(message)) {
    const ids = [input.speaker, input.source].flatMap((ref) => ("id" in ref ? [ref.id] : []));
    return `no speaker or source with the id ${ids.join(" or ")}`;
  }
  // The database's own words name tables and constraints: they go to the log, not the caller.
  const reference = crypto.randomUUID();
  console.error(JSON.stringify({ level: "error", job: "import", reference, message }));
  return `the database refused this row (reference ${reference})`;
}

export async function storeRows(
  db: Db,
  rows: { line: number; body: NewClaimBody }[],
  actor: string,
  outcome: ImportOutcome,
): Promise<void> {
  const at = new Date().toISOString();
  for (let start = 0; start < rows.length; start += ROWS_PER_BATCH) {
    // Ids are not looked up row by row (a query each): the foreign keys refuse unknown ones.
    const chunk = rows
      .slice(start, start + ROWS_PER_BATCH)
      .map((row) => ({ line: row.line, input: newClaim(row.body) }));
    const planned = await Promise.all(chunk.map((row) => createClaimStatements(db, row.input, actor, at)));
    const ids = planned.map((plan) => plan.id);
    // One read-back for the whole chunk (rather than each plan's own `outcome` select): a row
    // whose new id did not land collided with an existing claim, i.e. it is a duplicate.
    const landed = db
      .select({ id: claims.id })
      .from(claims)
      .where(sql`${claims.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
    let results: readonly unknown[];
    try {
      results = await runBatch(db, [...planned.flatMap((plan) => plan.statements), landed]);
    } catch {
      // The batch rolled back as a whole; find the culprit by storing each row on its own.
      for (const row of chunk) {
        try {
          const one = await createClaim(db, row.input, actor, at);
          if (one.created) outcome.created++;
          else outcome.duplicates++;
        } catch (err) {
          outcome.errors.push({ line: row.line, problem: refusal(err, row.input) });
        }
      }
      continue;
    }
    const created = (results.at(-1) as { id: string }[]).length;
    outcome.created += created;
    outcome.duplicates += ids.length - created;
  }
}
