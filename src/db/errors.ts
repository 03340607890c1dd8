// What the database refused, recognised in one place. D1 reports a constraint or a trigger's
// RAISE only as the text of its error: a batch passes that error on as it is, a single drizzle
// query wraps it (its `cause`). Callers ask these questions, never the text.

/** The error's text and its cause's. */
function textOf(err: unknown): string {
  return err instanceof Error ? `${err.message} ${String(err.cause ?? "")}` : String(err);
}

/** Whether `err` is a UNIQUE constraint on `table.column` (a partial index names its column
 * like a plain one). */
export function isUniqueViolation(err: unknown, column: `${string}.${string}`): boolean {
  return textOf(err).includes(`UNIQUE constraint failed: ${column}`);
}

/** Whether `err` is a foreign key naming a row that does not exist. */
export function isForeignKeyViolation(err: unknown): boolean {
  return textOf(err).includes("FOREIGN KEY constraint failed");
}

/** What the trigger of drizzle/0013_repeat_cycles.sql aborts a batch with when a link would
 * close a cycle of repeats. */
const REPEAT_CYCLE = "repeat_of would close a cycle";

/** Whether `err` is that trigger's abort. */
export function isRepeatCycle(err: unknown): boolean {
  return textOf(err).includes(REPEAT_CYCLE);
}
