// The schema.org ClaimReview (JSON-LD) of a claim: the one place that decides which verdicts
// are published as reviews and how each is rated. Used by the per-claim route, the export and
// the public fact-check pages (src/pages/public), so all three say the same.
import { STATUS_LABELS } from "./labels";
import type { SpeakerKind, Status } from "./vocabulary";

/** What a ClaimReview is made from; an API claim view has this shape. */
export interface ReviewedClaim {
  id: string;
  text: string;
  status: Status;
  rationale: string | null;
  verdict_at: string | null;
  stated_at: string | null;
  speaker: { name: string; role: string | null; kind: SpeakerKind };
  source: { url: string | null; title: string | null; publisher: string | null; published_at: string | null };
}

export interface ReviewingOrganization {
  name: string;
  url: string;
}

interface Rating {
  "@type": "Rating";
  alternateName: string;
  ratingValue?: number;
  bestRating?: number;
  worstRating?: number;
}

// opinion, unverified and in_review are not checkable verdicts, so they publish no review.
// The alternateName is the verdict's one name (src/domain/labels.ts), as the desk and the public
// pages show it.
const RATINGS: Partial<Record<Status, Rating>> = {
  verified: { "@type": "Rating", ratingValue: 5, bestRating: 5, worstRating: 1, alternateName: STATUS_LABELS.verified },
  misleading: {
    "@type": "Rating",
    ratingValue: 3,
    bestRating: 5,
    worstRating: 1,
    alternateName: STATUS_LABELS.misleading,
  },
  false: { "@type": "Rating", ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: STATUS_LABELS.false },
  unproven: { "@type": "Rating", alternateName: STATUS_LABELS.unproven },
};

/** Drops absent members: JSON-LD consumers read a missing property better than a null one. */
function present<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

/** The claim's public permalink on the organisation's site. */
export function claimPermalink(org: ReviewingOrganization, id: string): string {
  return `${org.url.replace(/\/+$/, "")}/claims/${encodeURIComponent(id)}`;
}

/** Where and when a fact-check was published: its public page and dates. */
export interface PublishedAt {
  url: string;
  datePublished: string;
  dateModified: string | null;
}

/** The ClaimReview of a claim, or null when its status is not a publishable verdict. A published
 * claim is reviewed at its public page, dated by its publication; an unpublished one (the API's
 * preview) at its permalink, dated by its verdict. */
export function claimReview(claim: ReviewedClaim, org: ReviewingOrganization, published?: PublishedAt) {
  const rating = RATINGS[claim.status];
  if (!rating) return null;
  const { speaker, source } = claim;
  const author =
    speaker.kind === "person"
      ? present({ "@type": "Person", name: speaker.name, jobTitle: speaker.role })
      : present({ "@type": "Organization", name: speaker.name, description: speaker.role });
  const appearance = present({
    "@type": "CreativeWork",
    url: source.url,
    headline: source.title,
    publisher: source.publisher === null ? null : { "@type": "Organization", name: source.publisher },
  });
  return present({
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    url: published?.url ?? claimPermalink(org, claim.id),
    claimReviewed: claim.text,
    itemReviewed: present({
      "@type": "Claim",
      author,
      appearance,
      datePublished: claim.stated_at ?? source.published_at,
    }),
    author: { "@type": "Organization", name: org.name, url: org.url },
    datePublished: published?.datePublished ?? claim.verdict_at,
    dateModified: published?.dateModified,
    reviewRating: { ...rating },
    reviewBody: claim.rationale,
  });
}
export type ClaimReview = NonNullable<ReturnType<typeof claimReview>>;
