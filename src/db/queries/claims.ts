import { and, eq, type SQL, sql } from "drizzle-orm";
import { newId } from "../../domain/ids";
import { claimDedupeKey } from "../../domain/normalise";
import type { ClaimKind } from "../../domain/vocabulary";
import type { Db } from "../client";
import { claims, claimTags } from "../schema";
import { insertEventWhere } from "./events";
import { type SourceInput, upsertSourceStatement } from "./sources";
import { type SpeakerInput, upsertSpeakerStatement } from "./speakers";

export interface NewClaim {
  text: string;
  kind?: ClaimKind;
  context?: string | null;
  reportedVia?: string | null;
  statedAt?: string | null;
  tags?: string[];
  /** An existing speaker's id, or the speaker to find or create. */
  speaker: { id: string } | SpeakerInput;
  source: { id: string } | SourceInput;
}

export type CreateOutcome = { created: true; id: string } | { created: false; existingId: string };

/** Everything one new claim writes, as statements for a single atomic batch: its speaker and
 * source (found or created), the claim, its tags and its `created` event. A duplicate claim
 * writes nothing but, at most, a speaker or source that the duplicate already proves exist. */
export async function createClaimStatements(db: Db, input: NewClaim, actor: string, at: string) {
  const id = newId("claim");
  const statements = [];
  let speakerId: SQL;
  if ("id" in input.speaker) speakerId = sql`${input.speaker.id}`;
  else {
    const speaker = upsertSpeakerStatement(db, input.speaker, at);
    statements.push(speaker.insert);
    speakerId = speaker.idExpr;
  }
  let sourceId: SQL;
  if ("id" in input.source) sourceId = sql`${input.source.id}`;
  else {
    const source = await upsertSourceStatement(db, input.source, at);
    statements.push(source.insert);
    sourceId = source.idExpr;
  }
  const dedupeKey = claimDedupeKey(input.text, input.context);
  statements.push(
    db
      .insert(claims)
      .values({
        id,
        text: input.text.trim(),
        kind: input.kind ?? "direct_quote",
        speakerId,
        sourceId,
        context: input.context?.trim() || null,
        reportedVia: input.reportedVia?.trim() || null,
        statedAt: input.statedAt ?? null,
        dedupeKey,
        // A new claim is visited by the next re-check run, which archives its source if needed.
        recheckDueAt: at,
        createdBy: actor,
        createdAt: at,
        updatedAt: at,
      })
      .onConflictDoNothing(),
  );
  const created = sql`EXISTS (SELECT 1 FROM claims WHERE id = ${id})`;
  const tags = [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))];
  if (tags.length > 0) {
    statements.push(
      db.insert(claimTags).select(sql`SELECT ${id}, value FROM json_each(${JSON.stringify(tags)}) WHERE ${created}`),
    );
  }
  statements.push(
    insertEventWhere(
      db,
      { claimId: id, at, actor, action: "created", to: "unverified", data: { text: input.text } },
      created,
    ),
  );
  // Read back in the same batch: the new id if it landed, else the duplicate it collided with.
  const outcome = db
    .select({ id: claims.id })
    .from(claims)
    .where(
      and(
        eq(claims.dedupeKey, dedupeKey),
        sql`${claims.speakerId} = ${speakerId}`,
        sql`${claims.sourceId} = ${sourceId}`,
      ),
    );
  return { id, statements, outcome };
}

/** Creates one claim atomically; answers whether it was new or a duplicate (and of which). */
export async function createClaim(
  db: Db,
  input: NewClaim,
  actor: string,
  at = new Date().toISOString(),
): Promise<CreateOutcome> {
  const { id, statements, outcome } = await createClaimStatements(db, input, actor, at);
  const results = await db.batch([...statements, outcome] as unknown as Parameters<Db["batch"]>[0]);
  const rows = results.at(-1) as { id: string }[];
  const landed = rows[0]?.id;
  if (landed === undefined) throw new Error("claim neither created nor found");
  return landed === id ? { created: true, id } : { created: false, existingId: landed };
}
