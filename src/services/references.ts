// A body names its speaker and source by id, or by the fields to find or create them with.
// Ids must exist: an unknown one is a field error, not a foreign-key failure.

import type { Db } from "../db/client";
import type { NewClaim } from "../db/queries/claims";
import { type SourceInput as SourceFields, sourceExists } from "../db/queries/sources";
import { type SpeakerInput as SpeakerFields, speakerExists } from "../db/queries/speakers";
import type { FieldError } from "../domain/errors";
import type { NewClaimBody, SourceInput, SpeakerInput } from "../domain/schemas";
import { worthiness } from "../worthiness/model";

export type SpeakerRef = { id: string } | SpeakerFields;
export type SourceRef = { id: string } | SourceFields;

export function speakerRef(ref: SpeakerInput): SpeakerRef {
  if (ref.id !== undefined) return { id: ref.id };
  return { name: ref.name ?? "", role: ref.role ?? null, kind: ref.kind };
}

export function sourceRef(ref: SourceInput): SourceRef {
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

/** The field errors for ids that name nothing (`speaker.id`, `source.id`). */
export async function unknownReferences(
  db: Db,
  refs: { speaker?: SpeakerInput; source?: SourceInput },
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (refs.speaker?.id !== undefined && !(await speakerExists(db, refs.speaker.id))) {
    errors.push({ path: "speaker.id", message: "no speaker with this id" });
  }
  if (refs.source?.id !== undefined && !(await sourceExists(db, refs.source.id))) {
    errors.push({ path: "source.id", message: "no source with this id" });
  }
  return errors;
}

/** A validated POST /claims body as the store's input. */
export function newClaim(body: NewClaimBody): NewClaim {
  return {
    text: body.text,
    kind: body.kind,
    context: body.context,
    reportedVia: body.reported_via,
    statedAt: body.stated_at,
    tags: body.tags,
    // Every door files through here, so every stored claim keeps the score its words had.
    worthiness: worthiness(body.text.trim()).score,
    speaker: speakerRef(body.speaker),
    source: sourceRef(body.source),
  };
}
