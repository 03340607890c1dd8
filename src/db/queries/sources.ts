import { eq, sql } from "drizzle-orm";
import { contentHash } from "../../domain/hash";
import { newId } from "../../domain/ids";
import { newSourceRow, type SourceFields } from "../../domain/new-references";
import type { Db } from "../client";
import { sources } from "../schema";

export interface SourceInput extends SourceFields {
  /** The article text, archived with the source. */
  text?: string | null;
}

/** Find-or-create as one batch statement, plus an expression for its id later in the batch.
 * What identifies the source (its canonical url, or its match key) is newSourceRow's
 * (domain/new-references.ts). */
export async function upsertSourceStatement(db: Db, input: SourceInput, at: string) {
  const id = newId("source");
  const row = newSourceRow(input);
  const { url, matchKey } = row;
  const insert = db
    .insert(sources)
    .values({
      id,
      ...row,
      text: input.text ?? null,
      contentHash: input.text ? await contentHash(input.text) : null,
      createdAt: at,
      updatedAt: at,
    })
    .onConflictDoNothing({ target: url === null ? sources.matchKey : sources.url });
  const idExpr =
    url === null
      ? sql`(SELECT id FROM sources WHERE match_key = ${matchKey})`
      : sql`(SELECT id FROM sources WHERE url = ${url})`;
  return { insert, idExpr, id, by: url === null ? ("title and publisher" as const) : ("url" as const) };
}

export async function getSource(db: Db, id: string) {
  return db.query.sources.findFirst({ where: eq(sources.id, id) });
}

export async function sourceExists(db: Db, id: string): Promise<boolean> {
  return Boolean(await db.select({ id: sources.id }).from(sources).where(eq(sources.id, id)).get());
}

export function sourceView(row: typeof sources.$inferSelect) {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    publisher: row.publisher,
    author: row.author,
    published_at: row.publishedAt,
    content_hash: row.contentHash,
    created_at: row.createdAt,
  };
}

/** Sources keyset-paged by id (newest first). */
export async function listSources(db: Db, options: { limit: number; afterId?: string }) {
  const rows = await db
    .select()
    .from(sources)
    .where(options.afterId ? sql`id < ${options.afterId}` : undefined)
    .orderBy(sql`id DESC`)
    .limit(options.limit + 1);
  return { rows: rows.slice(0, options.limit), more: rows.length > options.limit };
}

/** Creates a source; answers the existing one's id instead when its canonical url (or, without
 * a url, its match key) is taken, and what identified it. */
export async function createSource(db: Db, input: SourceInput, at = new Date().toISOString()) {
  const { insert, idExpr, by } = await upsertSourceStatement(db, input, at);
  const [inserted, found] = await db.batch([
    insert.returning({ id: sources.id }),
    db.select({ id: sql<string>`${idExpr}` }).from(sql`(SELECT 1)`),
  ]);
  return { created: inserted.length > 0, id: found[0]?.id ?? "", by };
}
