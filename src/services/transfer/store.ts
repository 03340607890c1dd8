// Storing validated import rows: many rows per D1 batch for speed, and a failed batch is
// retried in halves (each its own atomic batch) down to single rows, so one bad row is reported
// and the others land, and no row is ever half-written. In a batch, a speaker or source named by
// many rows is found or created once, and the claims, tags and events go in a few statements.
import { type Db, runBatch } from "../../db/client";
import { isForeignKeyViolation } from "../../db/errors";
import { type NewClaim, newClaimsStatements } from "../../db/queries/claims";
import type { NewClaimBody } from "../../domain/schemas";
import { newClaim } from "../references";

/** Rows per batch: one statement per distinct speaker and source, one per claim INSERT (tens of
 * rows each) and three more, each under D1's 100 bound parameters (rows travel as JSON). */
const ROWS_PER_BATCH = 1000;

export interface ImportOutcome {
  created: number;
  duplicates: number;
  errors: { line: number; problem: string }[];
}

function refusal(err: unknown, input: NewClaim): string {
  if (isForeignKeyViolation(err)) {
    const ids = [input.speaker, input.source].flatMap((ref) => ("id" in ref ? [ref.id] : []));
    return `no speaker or source with the id ${ids.join(" or ")}`;
  }
  // The database's own words name tables and constraints: they go to the log, not the caller.
  const reference = crypto.randomUUID();
  const message = err instanceof Error ? err.message : String(err);
  console.error(JSON.stringify({ level: "error", job: "import", reference, message }));
  return `the database refused this row (reference ${reference})`;
}

/** Stores a chunk in one batch; when the batch is refused, its halves are stored on their own
 * (each again in one batch) until the refused rows stand alone and are reported. */
async function storeChunk(
  db: Db,
  chunk: { line: number; input: NewClaim }[],
  actor: string,
  at: string,
  outcome: ImportOutcome,
): Promise<void> {
  const made = await newClaimsStatements(
    db,
    chunk.map((row) => row.input),
    actor,
    at,
  );
  let landed: { id: string }[];
  try {
    // One read-back for the whole chunk: a row whose new id did not land met a stored claim.
    [landed] = await runBatch(db, made.statements, made.landed);
  } catch (err) {
    // The batch rolled back as a whole: nothing of it landed.
    const [row] = chunk;
    if (chunk.length === 1 && row) {
      outcome.errors.push({ line: row.line, problem: refusal(err, row.input) });
      return;
    }
    const half = Math.ceil(chunk.length / 2);
    await storeChunk(db, chunk.slice(0, half), actor, at, outcome);
    await storeChunk(db, chunk.slice(half), actor, at, outcome);
    return;
  }
  const created = landed.length;
  outcome.created += created;
  outcome.duplicates += made.ids.length - created;
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
    await storeChunk(db, chunk, actor, at, outcome);
  }
}
