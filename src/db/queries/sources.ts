import { eq, sql } from "drizzle-orm";
import { contentHash } from "../../domain/hash";
import { newId } from "../../domain/ids";
import { canonicalUrl } from "../../domain/url";
import type { Db } from "../client";
import { sources } from "../schema";

export interface SourceInput {
  url?: string | null;
  title?: string | null;
  publisher?: string | null;
  author?: string | null;
  publishedAt?: string | null;
  /** The article text, archived with the source. */
  text?: string | null;
}

/** Find-or-create by canonical url as one batch statement, plus an expression for its id.
 * A source without a url is always new: nothing else identifies it reliably. */
export async function upsertSourceStatement(db: Db, input: SourceInput, at: string) {
  const id = newId("source");
  const url = input.url ? canonicalUrl(input.url) : null;
  const insert = db
    .insert(sources)
    .values({
      id,
      url,
      title: input.title?.trim() || null,
      publisher: input.publisher?.trim() || null,
      author: input.author?.trim() || null,
      publishedAt: input.publishedAt ?? null,
      text: input.text ?? null,
      contentHash: input.text ? await contentHash(input.text) : null,
      createdAt: at,
      updatedAt: at,
    })
    .onConflictDoNothing({ target: sources.url });
  const idExpr = url === null ? sql`${id}` : sql`(SELECT id FROM sources WHERE url = ${url})`;
  return { insert, idExpr };
}

export async function getSource(db: Db, id: string) {
  return db.query.sources.findFirst({ where: eq(sources.id, id) });
}
