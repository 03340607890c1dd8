// From validated API bodies to query inputs: references by id must exist (422 otherwise).

import type { z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { ClaimEdit } from "../../db/queries/claim-changes";
import type { NewClaim } from "../../db/queries/claims";
import type { SourceInput } from "../../db/queries/sources";
import type { SpeakerInput as SpeakerFields } from "../../db/queries/speakers";
import { sources, speakers } from "../../db/schema";
import { Problem } from "../../middleware/problem";
import type { ClaimEditBody, NewClaimBody, SourceInput as SourceRef, SpeakerInput as SpeakerRef } from "../schemas";

export function notFound(what: string, id: string): Problem {
  return new Problem({ status: 404, title: "Not found", detail: `There is no ${what} ${id}.` });
}

function unknownReference(path: string, what: string, id: string): Problem {
  return new Problem({
    status: 422,
    title: "Validation failed",
    detail: `There is no ${what} ${id}.`,
    errors: [{ path, message: `no ${what} with this id` }],
  });
}

/** The speaker a body names: by id, or by the fields to find or create it with. */
function speakerRef(ref: z.infer<typeof SpeakerRef>): { id: string } | SpeakerFields {
  if (ref.id !== undefined) return { id: ref.id };
  return { name: ref.name ?? "", role: ref.role ?? null, kind: ref.kind };
}

function sourceRef(ref: z.infer<typeof SourceRef>): { id: string } | SourceInput {
  if (ref.id !== undefined) return { id: ref.id };
  return {
    url: ref.url,
    title: ref.title,
    publisher: ref.publisher,
    author: ref.author,
    publishedAt: ref.published_at,
    text: ref.text,
  };
}

export async function speakerRefOrThrow(
  db: Db,
  ref: z.infer<typeof SpeakerRef>,
  path: string,
): Promise<{ id: string } | SpeakerFields> {
  if (ref.id !== undefined) {
    const found = await db.select({ id: speakers.id }).from(speakers).where(eq(speakers.id, ref.id)).get();
    if (!found) throw unknownReference(path === "speaker" ? "speaker.id" : path, "speaker", ref.id);
  }
  return speakerRef(ref);
}

export async function sourceRefOrThrow(
  db: Db,
  ref: z.infer<typeof SourceRef>,
  path: string,
): Promise<{ id: string } | SourceInput> {
  if (ref.id !== undefined) {
    const found = await db.select({ id: sources.id }).from(sources).where(eq(sources.id, ref.id)).get();
    if (!found) throw unknownReference(`${path}.id`, "source", ref.id);
  }
  return sourceRef(ref);
}

/** A validated POST /claims body as the query's input. `checkIds` looks referenced speakers and
 * sources up first, for a 422 that names the field; an import skips that (a query per row) and
 * lets the foreign keys refuse unknown ids inside its batch. */
export async function claimInput(db: Db, body: z.infer<typeof NewClaimBody>, checkIds = true): Promise<NewClaim> {
  return {
    text: body.text,
    kind: body.kind,
    context: body.context,
    reportedVia: body.reported_via,
    statedAt: body.stated_at,
    tags: body.tags,
    speaker: checkIds ? await speakerRefOrThrow(db, body.speaker, "speaker") : speakerRef(body.speaker),
    source: checkIds ? await sourceRefOrThrow(db, body.source, "source") : sourceRef(body.source),
  };
}

/** A validated PATCH /claims/{id} body as the edit's input (API and edit form alike). */
export async function claimEditInput(db: Db, body: z.infer<typeof ClaimEditBody>): Promise<ClaimEdit> {
  return {
    text: body.text,
    context: body.context,
    kind: body.kind,
    tags: body.tags,
    speaker: body.speaker && (await speakerRefOrThrow(db, body.speaker, "speaker")),
    source: body.source && (await sourceRefOrThrow(db, body.source, "source")),
  };
}
