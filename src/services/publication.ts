// Publishing fact-checks: the one place for publish, sign off, unpublish and correct, and for
// what the public pages read. The rules:
// - only a verdict with a ClaimReview rating (true, misleading, false, unproven) is published;
// - false and misleading need a sign-off first, by someone who wrote none of what is published
//   since the last sign-off (the two-person rule, src/domain/two-person.ts: a token counts as its
//   name and as whoever minted it); a sign-off holds for the claim as it was signed off: any
//   change after it needs a new one;
// - what the public sees is a snapshot taken when publishing: a published claim that changes
//   (its verdict, its evidence, an edit) stays as published until a correction republishes it,
//   with its reason and what changed shown on the page;
// - unpublishing takes the page down (404); publishing it again republishes the snapshot, or,
//   when the claim changed meanwhile, needs a correction.
// Every change bumps the claim's version (If-Match applies) and writes its history event, in one
// atomic batch. The public reads take no caller: they see published snapshots and nothing else.
import type { Db } from "../db/client";
import {
  applyPublication,
  eventsSinceSignOff,
  getPublication,
  getPublished,
  latestRevision,
  listCorrections,
  listPublished,
  type PublicationChange,
  type PublicationRow,
  type PublishedRow,
  publishedOf,
  sitemapRows,
  verdictActor,
} from "../db/queries/publications";
import { tokenMinters } from "../db/queries/tokens";
import { claimReview, type ReviewingOrganization } from "../domain/claimreview";
import type { PublishedCursor } from "../domain/cursor";
import { normaliseText } from "../domain/normalise";
import type { Principal } from "../domain/permissions";
import {
  type CorrectionChange,
  changesBetween,
  isPublishable,
  needsSignOff,
  type PublicClaim,
  publicSnapshot,
  searchTextOf,
  slugFor,
  VERDICT_LABELS,
} from "../domain/publication";
import type { PublicationBody } from "../domain/schemas";
import { signOffObstacle, writersOf } from "../domain/two-person";
import { refused } from "./access";
import { type ClaimDetail, findClaim } from "./claims";
import { fail, notFound, ok, type Result } from "./result";

export interface PublicationView {
  claim_id: string;
  published: boolean;
  /** The public page's path, once the claim has been published. */
  url: string | null;
  slug: string | null;
  first_published_at: string | null;
  republished_at: string | null;
  unpublished_at: string | null;
  /** Published (or withdrawn) and the claim has changed since: the public page shows the old version. */
  behind: boolean;
  /** What the public page holds differs from the claim in these fields. */
  behind_in: CorrectionChange["field"][];
  /** Who gave the current status (null when no event says). */
  verdict_by: string | null;
  sign_off: {
    needed: boolean;
    by: string | null;
    at: string | null;
    /** The sign-off is for the claim as it stands now. */
    current: boolean;
    /** Who wrote part of what is published since the last sign-off (none of them may sign off). */
    written_by: { actor: string; wrote: string[] }[];
  };
  corrections: { at: string; actor: string; reason: string; changes: CorrectionChange[] }[];
  /** The claim's version: the ETag a change sends back as If-Match. */
  version: number;
}

export const publicPath = (slug: string) => `/fact-checks/${slug}`;
/** A speaker's public page: their published fact-checks, named by the speaker's public key (never
 * the internal id). */
export const publicSpeakerPath = (speakerKey: string) => `/fact-checks/speakers/${speakerKey}`;

interface State {
  claim: ClaimDetail;
  row: PublicationRow | undefined;
  verdictBy: string | null;
  /** Who wrote part of what is published since the last sign-off, and what. */
  writers: { actor: string; wrote: string[] }[];
  snapshot: PublicClaim;
  published: PublicClaim | null;
}

async function stateOf(db: Db, id: string): Promise<State | null> {
  const claim = await findClaim(db, id);
  if (!claim) return null;
  const [row, verdictBy, events] = await Promise.all([
    getPublication(db, id),
    verdictActor(db, id, claim.status),
    eventsSinceSignOff(db, id),
  ]);
  return {
    claim,
    row,
    verdictBy,
    writers: writersOf(events),
    snapshot: publicSnapshot(claim),
    published: row?.snapshot ? (JSON.parse(row.snapshot) as PublicClaim) : null,
  };
}

const signOffCurrent = (s: State) => s.row?.signedOffVersion === s.claim.version && s.row.signedOffBy !== null;

async function viewOf(db: Db, s: State): Promise<PublicationView> {
  const corrections = await listCorrections(db, [s.claim.id]);
  const behindIn = s.published ? changesBetween(s.published, s.snapshot).map((c) => c.field) : [];
  return {
    claim_id: s.claim.id,
    published: s.row?.published ?? false,
    url: s.row?.firstPublishedAt ? publicPath(s.row.slug) : null,
    slug: s.row?.firstPublishedAt ? s.row.slug : null,
    first_published_at: s.row?.firstPublishedAt ?? null,
    republished_at: s.row?.republishedAt ?? null,
    unpublished_at: s.row?.published ? null : (s.row?.unpublishedAt ?? null),
    behind: behindIn.length > 0,
    behind_in: behindIn,
    verdict_by: s.verdictBy,
    sign_off: {
      needed: needsSignOff(s.claim.status),
      by: s.row?.signedOffBy ?? null,
      at: s.row?.signedOffAt ?? null,
      current: signOffCurrent(s),
      written_by: s.writers,
    },
    corrections: corrections.map((c) => ({ at: c.at, actor: c.actor, reason: c.reason, changes: c.changes })),
    version: s.claim.version,
  };
}

export async function publicationOf(db: Db, actor: Principal, id: string): Promise<Result<PublicationView>> {
  const denied = refused(actor, "read");
  if (denied) return denied;
  const state = await stateOf(db, id);
  if (!state) return notFound("claim", id);
  return ok(await viewOf(db, state));
}

const invalid = (path: string, message: string, detail = message) =>
  fail({ kind: "invalid", detail, errors: [{ path, message }] });
const conflict = (title: string, detail: string) => fail({ kind: "conflict", title, detail });
const label = (status: string) => VERDICT_LABELS[status] ?? status.replace("_", " ");

/** Why a false or misleading verdict may not be published yet, or null when it may. */
function twoPersonRule(s: State) {
  if (!needsSignOff(s.claim.status) || signOffCurrent(s)) return null;
  const names = s.writers.map((w) => w.actor);
  const by =
    names.length > 0
      ? `someone other than ${names.join(" and ")}, who wrote part of it since the last sign-off`
      : "a second reviewer";
  if (s.row?.signedOffBy && s.row.signedOffVersion !== s.claim.version) {
    return invalid(
      "action",
      "the sign-off is for an earlier version of this claim",
      `The two-person rule: ${s.row.signedOffBy} signed off an earlier version of this claim, which has changed since; a ${label(s.claim.status)} verdict needs a sign-off (by ${by}) of the claim as it now stands.`,
    );
  }
  return invalid(
    "action",
    "needs a second reviewer's sign-off first",
    `The two-person rule: a ${label(s.claim.status)} verdict is published only after a sign-off by ${by}.`,
  );
}

function notPublishable(s: State) {
  if (isPublishable(s.claim.status)) return undatedClaim(s);
  return invalid(
    "action",
    "only a verdict (true, misleading, false or unproven) is published",
    `This claim is ${s.claim.status.replace("_", " ")}: only a verdict of true, misleading, false or unproven is published as a fact-check${s.claim.status === "opinion" ? " (an opinion is not a checkable statement of fact)" : ""}.`,
  );
}

/** ClaimReview's Claim needs the date it was made: the claim's stated_at, else its source's date. */
function undatedClaim(s: State) {
  if (s.claim.stated_at || s.claim.source.published_at) return null;
  return invalid(
    "stated_at",
    "give the date the claim was made, or its source's publication date, before publishing",
    "A fact-check says when the claim was made: give the claim's stated_at (or its source's published_at) before publishing.",
  );
}

/** Publish, sign off, unpublish or correct the claim at `version`. */
export async function changePublication(
  db: Db,
  actor: Principal,
  id: string,
  version: number,
  body: PublicationBody,
  at = new Date().toISOString(),
): Promise<Result<PublicationView>> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  const s = await stateOf(db, id);
  if (!s) return notFound("claim", id);
  if (s.claim.version !== version) return fail({ kind: "stale", currentVersion: s.claim.version });
  const reason = body.reason?.trim() || null;
  const base = { claimId: id, expectedVersion: version, exists: s.row !== undefined };
  const slug = s.row?.slug ?? slugFor(id, s.claim.text);
  // A publication step changes the claim's version but not the claim: a current sign-off stays current.
  const keepSignOff = signOffCurrent(s) ? { signedOffVersion: version + 1 } : {};
  const publishNow = {
    snapshot: s.snapshot,
    searchText: searchTextOf(s.snapshot),
    republishedAt: at,
    ...keepSignOff,
  };
  let change: PublicationChange;
  switch (body.action) {
    case "sign_off": {
      if (!needsSignOff(s.claim.status)) {
        return invalid(
          "action",
          "only false and misleading verdicts are signed off",
          `This claim is ${s.claim.status.replace("_", " ")}: only false and misleading verdicts need a second reviewer's sign-off.`,
        );
      }
      if (signOffCurrent(s)) {
        return conflict("Already signed off", `${s.row?.signedOffBy} signed off this claim as it stands already.`);
      }
      const obstacle = signOffObstacle(actor.actor, s.writers, await tokenMinters(db));
      if (obstacle) {
        return invalid("action", obstacle, `The two-person rule: ${obstacle}.`);
      }
      change = {
        ...base,
        // The sign-off is for the claim as the batch leaves it: one version on.
        set: { slug, signedOffBy: actor.actor, signedOffAt: at, signedOffVersion: version + 1 },
        event: { action: "signed_off", to: s.claim.status, note: reason },
      };
      break;
    }
    case "publish": {
      if (s.row?.published) {
        return conflict(
          "Already published",
          "This fact-check is published already; to change what the public page says, publish a correction.",
        );
      }
      const refusal = notPublishable(s) ?? twoPersonRule(s);
      if (refusal) return refusal;
      if (s.published && changesBetween(s.published, s.snapshot).length > 0) {
        return invalid(
          "action",
          "changed since it was last published: republish it with a correction",
          "This fact-check was published before and the claim has changed since: republish it with a correction (action `correct`), whose reason is shown on the page.",
        );
      }
      change = {
        ...base,
        set: {
          slug,
          published: true,
          firstPublishedAt: s.row?.firstPublishedAt ?? at,
          unpublishedAt: null,
          ...publishNow,
        },
        event: { action: "published", to: s.claim.status, note: reason },
      };
      break;
    }
    case "unpublish": {
      if (!s.row?.published) return conflict("Not published", "This claim has no published fact-check to take down.");
      change = {
        ...base,
        set: { slug, published: false, unpublishedAt: at, ...keepSignOff },
        event: { action: "unpublished", from: s.published?.status ?? null, note: reason },
      };
      break;
    }
    case "correct": {
      if (!s.published || !s.row?.firstPublishedAt) {
        return conflict("Never published", "This claim has never been published: publish it instead.");
      }
      if (!isPublishable(s.claim.status)) {
        return invalid(
          "action",
          "only a verdict is republished: unpublish a fact-check whose claim no longer has one",
          `This claim is ${s.claim.status.replace("_", " ")}: only a verdict of true, misleading, false or unproven is republished. To take the fact-check down, unpublish it.`,
        );
      }
      const undated = undatedClaim(s);
      if (undated) return undated;
      const changes = changesBetween(s.published, s.snapshot);
      if (changes.length === 0) {
        return invalid(
          "action",
          "nothing to correct: the public page shows the claim as it stands",
          "Nothing to correct: the public page already shows the claim as it stands. Change the claim first, then correct.",
        );
      }
      const rule = twoPersonRule(s);
      if (rule) return rule;
      change = {
        ...base,
        set: { slug, published: true, unpublishedAt: null, ...publishNow },
        event: {
          action: "corrected",
          from: s.published.status,
          to: s.claim.status,
          note: reason,
          data: { changes },
        },
        correction: { reason: reason ?? "", changes },
      };
      break;
    }
  }
  const outcome = await applyPublication(db, change, actor.actor, at);
  if (!outcome.ok) {
    return outcome.currentVersion === null
      ? notFound("claim", id)
      : fail({ kind: "stale", currentVersion: outcome.currentVersion });
  }
  const after = await stateOf(db, id);
  return after ? ok(await viewOf(db, after)) : notFound("claim", id);
}

// ---- what the public reads (no caller: published snapshots only) ----------------------------

export interface PublicCorrection {
  at: string;
  reason: string;
  changes: CorrectionChange[];
}

export interface FactCheck {
  id: string;
  slug: string;
  path: string;
  first_published_at: string;
  republished_at: string;
  /** The desk-wide revision of its latest publication change: its pages' version. */
  revision: number;
  claim: PublicClaim;
  corrections: PublicCorrection[];
  /** The speaker's public page (their published fact-checks), when the speaker is known. */
  speaker_path: string | null;
}

async function withCorrections(db: Db, rows: PublishedRow[]): Promise<FactCheck[]> {
  const corrections = await listCorrections(
    db,
    rows.map((r) => r.claimId),
  );
  return rows.map((r) => ({
    id: r.claimId,
    slug: r.slug,
    path: publicPath(r.slug),
    first_published_at: r.firstPublishedAt,
    republished_at: r.republishedAt,
    revision: r.revision,
    claim: r.snapshot,
    speaker_path: r.speakerKey ? publicSpeakerPath(r.speakerKey) : null,
    // Never the actor: the public page names the organisation, not the reviewer.
    corrections: corrections
      .filter((c) => c.claimId === r.claimId)
      .map((c) => ({ at: c.at, reason: c.reason, changes: c.changes })),
  }));
}

/** Published rows as the public pages show them (with their corrections). */
export const publishedClaimsAsFactChecks = (db: Db, rows: PublishedRow[]) => withCorrections(db, rows);

/** The published fact-check of a claim, or null when it is not published (or does not exist). */
export async function publishedFactCheck(db: Db, id: string): Promise<FactCheck | null> {
  const row = await getPublished(db, id);
  if (!row) return null;
  return (await withCorrections(db, [row]))[0] ?? null;
}

export const PUBLIC_PAGE_SIZE = 20;

/** A page of published fact-checks, newest first; `q`'s words must all appear. */
export async function publishedFactChecks(
  db: Db,
  query: { q?: string; cursor?: PublishedCursor; limit?: number },
): Promise<{ items: FactCheck[]; next: PublishedCursor | null }> {
  const words = normaliseText(query.q ?? "")
    .split(" ")
    .filter(Boolean)
    .slice(0, 10);
  const page = await listPublished(db, { words, cursor: query.cursor, limit: query.limit ?? PUBLIC_PAGE_SIZE });
  return { items: await withCorrections(db, page.rows), next: page.next };
}

/** The latest publication change on the desk: the version of the lists, feeds and sitemap. */
export const publicationRevision = (db: Db) => latestRevision(db);

/** A sitemap holds at most 50,000 urls. */
export const SITEMAP_MAX = 50_000;

export async function sitemapEntries(db: Db) {
  const rows = await sitemapRows(db, SITEMAP_MAX);
  return rows.map((r) => ({ path: publicPath(r.slug), lastmod: r.lastmod }));
}

/** The ClaimReview of a published fact-check, at its public page (`origin` + path), dated by
 * its first publication and, after a correction, modified at its latest. */
export function reviewOfPublished(
  claim: PublicClaim,
  page: { path: string; first: string; last: string },
  site: { org: ReviewingOrganization; origin: string },
) {
  return claimReview(claim, site.org, {
    url: `${site.origin}${page.path}`,
    datePublished: page.first,
    dateModified: page.last !== page.first ? page.last : null,
  });
}

/** The ClaimReview of a publication row (the export, the per-claim route). */
export const reviewOfPublishedRow = (row: PublishedRow, site: { org: ReviewingOrganization; origin: string }) =>
  reviewOfPublished(
    row.snapshot,
    { path: publicPath(row.slug), first: row.firstPublishedAt, last: row.republishedAt },
    site,
  );

/** The published rows of these claims, for the export's ClaimReview format. */
export const publishedClaims = (db: Db, ids: string[]) => publishedOf(db, ids);
