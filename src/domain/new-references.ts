// A new speaker, source or piece of evidence as it is stored, decided once for every door that
// files them (the API, the imports, the pages, the demo data): names, titles and notes trimmed, a
// blank one none, the keys that find a speaker or source already on file, a source's url in its
// canonical form. db/queries writes what these decide.
import { sourceMatchKey, speakerMatchKey } from "./normalise";
import { canonicalUrl } from "./url";
import type { SpeakerKind, Stance } from "./vocabulary";

/** A speaker as a door gives it. */
export interface SpeakerFields {
  name: string;
  role?: string | null;
  kind?: SpeakerKind;
}

/** The row a new speaker writes; an existing speaker with the same match key is that speaker. */
export function newSpeakerRow(input: SpeakerFields) {
  return {
    name: input.name.trim(),
    role: input.role?.trim() || null,
    kind: input.kind ?? ("person" satisfies SpeakerKind),
    matchKey: speakerMatchKey(input.name, input.role),
  };
}

/** A source as a door gives it. */
export interface SourceFields {
  url?: string | null;
  title?: string | null;
  publisher?: string | null;
  author?: string | null;
  publishedAt?: string | null;
}

/** The row a new source writes, and what identifies it: its canonical url, or without one its
 * match key (title, publisher, day published; domain/normalise.ts). A source with neither a url
 * nor a title or publisher is a caller's bug (the schemas refuse it first): it throws. */
export function newSourceRow(input: SourceFields) {
  const url = input.url ? canonicalUrl(input.url) : null;
  const publishedAt = input.publishedAt ?? null;
  const title = input.title?.trim() || null;
  const publisher = input.publisher?.trim() || null;
  const matchKey = url === null ? sourceMatchKey({ title, publisher, publishedAt }) : null;
  if (url === null && matchKey === null) throw new Error("a source needs a url, a title or a publisher");
  return { url, title, publisher, author: input.author?.trim() || null, publishedAt, matchKey };
}

/** A piece of evidence as a door gives it. */
export interface EvidenceFields {
  url?: string | null;
  title?: string | null;
  note?: string | null;
  stance: Stance;
}

/** The fields a new piece of evidence writes (its url as the schemas left it). */
export function newEvidenceRow(input: EvidenceFields) {
  return {
    url: input.url ?? null,
    title: input.title?.trim() || null,
    note: input.note?.trim() || null,
    stance: input.stance,
  };
}
