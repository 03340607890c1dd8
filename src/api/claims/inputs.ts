// From validated API bodies to query inputs: references by id must exist (422 otherwise).

import type { z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { NewClaim } from "../../db/queries/claims";
import type { SourceInput } from "../../db/queries/sources";
import type { SpeakerInput as SpeakerFields } from "../../db/queries/speakers";
import { sources, speakers } from "../../db/schema";
import { Problem } from "../../middleware/problem";
import type { NewClaimBody, SourceInput as SourceRef, SpeakerInput as SpeakerRef } from "../schemas";

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

export async function speakerRefOrThrow(
  db: Db,
  ref: z.infer<typeof SpeakerRef> | { id: string },
  path: string,
): Promise<{ id: string } | SpeakerFields> {
  if (ref.id !== undefined) {
    const found = await db.select({ id: speakers.id }).from(speakers).where(eq(speakers.id, ref.id)).get();
    if (!found) throw unknownReference(path === "speaker" ? "speaker.id" : path, "speaker", ref.id);
    return { id: ref.id };
  }
  const named = ref as z.infer<typeof SpeakerRef>;
  return { name: named.name ?? "", role: named.role ?? null, kind: named.kind };
}

export async function sourceRefOrThrow(
  db: Db,
  ref: z.infer<typeof SourceRef>,
  path: string,
): Promise<{ id: string } | SourceInput> {
  if (ref.id !== undefined) {
    const found = await db.select({ id: sources.id }).from(sources).where(eq(sources.id, ref.id)).get();
    if (!found) throw unknownReference(`${path}.id`, "source", ref.id);
    return { id: ref.id };
  }
  return {
    url: ref.url,
    title: ref.title,
    publisher: ref.publisher,
    author: ref.author,
    publishedAt: ref.published_at,
    text: ref.text,
  };
}

export async function claimInput(db: Db, body: z.infer<typeof NewClaimBody>): Promise<NewClaim> {
  return {
    text: body.text,
    kind: body.kind,
    context: body.context,
    reportedVia: body.reported_via,
    statedAt: body.stated_at,
    tags: body.tags,
    speaker: await speakerRefOrThrow(db, body.speaker, "speaker"),
    source: await sourceRefOrThrow(db, body.source, "source"),
  };
}
