// Cursors are opaque to clients (base64url JSON) and checked strictly by the one function
// both doors use: a forged or mangled cursor is refused (null), never reaches SQL.

/** Newest-first claim pages are keyed by the last claim's seq, so inserts between pages
 * neither shift nor repeat rows; the review queue by (rank, seq); relevance-ranked pages (a
 * search) by offset. */
export type ClaimCursor =
  | { seq: number }
  | { offset: number }
  | { rank: number; seq: number }
  | { worth: number; seq: number };
/** "worth": most worth checking first, by (worthiness, seq), -1 standing for a claim never scored. */
export type ClaimOrder = "newest" | "queue" | "relevance" | "worth";

/** Lists keyed by id (speakers, sources). */
export type IdCursor = { id: string };
/** The rechecks list: newest first by (at, id). */
export type RecheckCursor = { at: string; id: string };

/** The public fact-checks: newest first publication first, by (first published at, claim id). */
export type PublishedCursor = { at: string; id: string };
/** A claim's internal notes: newest first, by (created at, note id). */
export type NoteCursor = { at: string; id: string };

/** The deepest offset a search pages to: relevance beyond it is noise, and OFFSET costs grow. */
export const MAX_SEARCH_OFFSET = 10_000;

export function encodeCursor(value: ClaimCursor | IdCursor | RecheckCursor | PublishedCursor | NoteCursor): string {
  return btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decoded(cursor: string): Record<string, unknown> | null {
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const value: unknown = JSON.parse(atob(cursor.replace(/-/g, "+").replace(/_/g, "/")));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const hasExactly = (v: Record<string, unknown>, ...keys: string[]) =>
  Object.keys(v).length === keys.length && keys.every((k) => k in v);
const count = (v: unknown, max = Number.MAX_SAFE_INTEGER): v is number =>
  typeof v === "number" && Number.isSafeInteger(v) && v >= 0 && v <= max;
const worthKey = (v: unknown): v is number => typeof v === "number" && v >= -1 && v <= 1;
const shortString = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 64;

/** The cursor of a claim list in the given order, or null when it is not one we handed out. */
export function decodeClaimCursor(cursor: string, order: ClaimOrder): ClaimCursor | null {
  const v = decoded(cursor);
  if (!v) return null;
  switch (order) {
    case "newest":
      return hasExactly(v, "seq") && count(v.seq) ? { seq: v.seq } : null;
    case "queue":
      return hasExactly(v, "rank", "seq") && count(v.rank, 3) && count(v.seq) ? { rank: v.rank, seq: v.seq } : null;
    case "worth":
      return hasExactly(v, "worth", "seq") && worthKey(v.worth) && count(v.seq) ? { worth: v.worth, seq: v.seq } : null;
    case "relevance":
      return hasExactly(v, "offset") && count(v.offset, MAX_SEARCH_OFFSET) ? { offset: v.offset } : null;
  }
}

export function decodeIdCursor(cursor: string): IdCursor | null {
  const v = decoded(cursor);
  return v && hasExactly(v, "id") && shortString(v.id) ? { id: v.id } : null;
}

/** A cursor keyed by (a time, an id): the rechecks, the public fact-checks, a claim's notes. */
function decodeAtIdCursor(cursor: string): { at: string; id: string } | null {
  const v = decoded(cursor);
  return v && hasExactly(v, "at", "id") && shortString(v.at) && shortString(v.id) ? { at: v.at, id: v.id } : null;
}

export const decodeRecheckCursor: (cursor: string) => RecheckCursor | null = decodeAtIdCursor;
export const decodePublishedCursor: (cursor: string) => PublishedCursor | null = decodeAtIdCursor;
export const decodeNoteCursor: (cursor: string) => NoteCursor | null = decodeAtIdCursor;
