// A speaker's public page: what was published under their name, never a draft, an unpublished
// verdict or anything the desk keeps to itself. Null (a 404) for a speaker with nothing published.
import type { Db } from "../db/client";
import { publishedOf } from "../db/queries/publications";
import { publishedRatings, publishedSpeakers, publishedUnderQuery } from "../db/queries/stats";
import { PUBLISHABLE } from "../domain/vocabulary";
import { type FactCheck, publicSpeakerPath, publishedClaimsAsFactChecks } from "./publication";

/** The most fact-checks one page lists (newest first); the ratings count them all. */
export const SPEAKER_PAGE_MAX = 100;

export interface PublicSpeaker {
  key: string;
  path: string;
  /** As published: the newest fact-check's speaker (their name and role then). */
  name: string;
  role: string | null;
  kind: string;
  /** Published fact-checks by verdict, every publishable verdict present. */
  ratings: Record<(typeof PUBLISHABLE)[number], number>;
  total: number;
  items: FactCheck[];
}

/** A speaker's public key: 16 lowercase hex digits (drizzle/0014). */
export const isSpeakerKey = (key: string) => /^[0-9a-f]{16}$/.test(key);

export async function publicSpeaker(db: Db, speakerKey: string): Promise<PublicSpeaker | null> {
  if (!isSpeakerKey(speakerKey)) return null;
  const [ids, counts] = await Promise.all([
    publishedUnderQuery(db, speakerKey, SPEAKER_PAGE_MAX).all(),
    publishedRatings(db, speakerKey),
  ]);
  if (ids.length === 0) return null;
  const rows = await publishedOf(
    db,
    ids.map((r) => r.claimId),
  );
  const items = await publishedClaimsAsFactChecks(
    db,
    ids.map((r) => rows.get(r.claimId)).filter((r) => r !== undefined),
  );
  const newest = items[0]?.claim.speaker;
  if (!newest) return null;
  const ratings = Object.fromEntries(PUBLISHABLE.map((v) => [v, 0])) as PublicSpeaker["ratings"];
  for (const c of counts) if (c.status in ratings) ratings[c.status as keyof typeof ratings] += c.n;
  return {
    key: speakerKey,
    path: publicSpeakerPath(speakerKey),
    name: newest.name,
    role: newest.role,
    kind: newest.kind,
    ratings,
    total: Object.values(ratings).reduce((a, b) => a + b, 0),
    items,
  };
}

/** The speakers' public pages for the sitemap, with their latest publication change. */
export async function publicSpeakerEntries(db: Db, limit: number) {
  const rows = await publishedSpeakers(db, limit);
  return rows.map((r) => ({ path: publicSpeakerPath(r.speakerKey), lastmod: r.lastmod }));
}
