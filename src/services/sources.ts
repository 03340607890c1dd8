// Sources: where claims were published, with the archived article.
import type { Db } from "../db/client";
import { claimView, listClaims } from "../db/queries/claims";
import { getSource, listSources, sourceView, createSource as storeSource } from "../db/queries/sources";
import type { IdCursor } from "../domain/cursor";
import type { Principal } from "../domain/permissions";
import type { NewSourceBody } from "../domain/schemas";
import { refused } from "./access";
import { fail, notFound, ok, type Result } from "./result";

export type SourceView = ReturnType<typeof sourceView>;

export async function sourceList(
  db: Db,
  actor: Principal,
  query: { limit: number; cursor?: IdCursor },
): Promise<Result<{ sources: SourceView[]; next: IdCursor | null }>> {
  const denied = refused(actor, "read");
  if (denied) return denied;
  const { rows, more } = await listSources(db, { limit: query.limit, afterId: query.cursor?.id });
  const last = rows.at(-1);
  return ok({ sources: rows.map(sourceView), next: more && last ? { id: last.id } : null });
}

export async function createSource(db: Db, actor: Principal, body: NewSourceBody): Promise<Result<SourceView>> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  const { created, id, by } = await storeSource(db, { ...body, publishedAt: body.published_at });
  if (!created) {
    const detail =
      by === "url"
        ? `A source with this url exists: ${id}.`
        : `A source without a url and with this title, publisher and publication date exists: ${id}.`;
    return fail({ kind: "duplicate", what: "source", existingId: id, detail });
  }
  const row = await getSource(db, id);
  return row ? ok(sourceView(row)) : notFound("source", id);
}

/** A source with its archived text and its latest 100 claims. */
export async function sourceRecord(db: Db, actor: Principal, id: string) {
  const denied = refused(actor, "read");
  if (denied) return denied;
  const row = await getSource(db, id);
  if (!row) return notFound("source", id);
  const latest = await listClaims(db, { sourceId: id, limit: 100 });
  return ok({
    ...sourceView(row),
    text: row.text,
    latest_content_hash: row.latestContentHash,
    latest_fetched_at: row.latestFetchedAt,
    claims: latest.rows.map(claimView),
  });
}
