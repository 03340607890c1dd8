// Publishing rules that need no storage: what a fact-check shows the public (the snapshot), its
// slug, what a correction changed, and which paths are public.
import type { ReviewedClaim } from "./claimreview";
import { idPattern } from "./ids";
import { STATUS_LABELS } from "./labels";
import { normaliseText } from "./normalise";
import {
  type Attribution,
  type ClaimKind,
  NEEDS_SIGN_OFF,
  PUBLISHABLE,
  type SpeakerKind,
  type Stance,
  type Status,
} from "./vocabulary";

/**
 * The public fields of a claim, as published: nothing a reviewer keeps to the desk (actors,
 * tokens, flags, re-checks, tags, internal ids of speakers, sources and evidence).
 */
export interface PublicClaim extends ReviewedClaim {
  kind: ClaimKind;
  context: string | null;
  reported_via: string | null;
  attribution: Attribution;
  evidence: { url: string | null; title: string | null; note: string | null; stance: Stance; speaker: string | null }[];
}

/** What a snapshot is taken from: a claim as the services read it (ClaimDetail has this shape). */
export interface ClaimForPublication {
  id: string;
  text: string;
  kind: ClaimKind;
  context: string | null;
  reported_via: string | null;
  stated_at: string | null;
  status: Status;
  attribution: Attribution;
  rationale: string | null;
  verdict_at: string | null;
  speaker: { name: string; role: string | null; kind: SpeakerKind };
  source: { url: string | null; title: string | null; publisher: string | null; published_at: string | null };
  evidence: {
    url: string | null;
    title: string | null;
    note: string | null;
    stance: Stance;
    speaker: { name: string } | null;
  }[];
}

/** The claim's public fields, in a fixed order (two snapshots of the same claim are the same JSON). */
export function publicSnapshot(claim: ClaimForPublication): PublicClaim {
  return {
    id: claim.id,
    text: claim.text,
    kind: claim.kind,
    context: claim.context,
    reported_via: claim.reported_via,
    stated_at: claim.stated_at,
    status: claim.status,
    attribution: claim.attribution,
    rationale: claim.rationale,
    verdict_at: claim.verdict_at,
    speaker: { name: claim.speaker.name, role: claim.speaker.role, kind: claim.speaker.kind },
    source: {
      url: claim.source.url,
      title: claim.source.title,
      publisher: claim.source.publisher,
      published_at: claim.source.published_at,
    },
    evidence: claim.evidence.map((e) => ({
      url: e.url,
      title: e.title,
      note: e.note,
      stance: e.stance,
      speaker: e.speaker?.name ?? null,
    })),
  };
}

export const isPublishable = (status: Status) => (PUBLISHABLE as readonly Status[]).includes(status);
export const needsSignOff = (status: Status) => (NEEDS_SIGN_OFF as readonly Status[]).includes(status);

/** The public page's readable words: the claim's first words, ASCII, lowercase, hyphenated. */
export function slugFor(id: string, text: string): string {
  const words = normaliseText(text)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
  let slug = "";
  for (const word of words) {
    if (slug.length + word.length + 1 > 60) break;
    slug = slug ? `${slug}-${word}` : word;
  }
  return slug ? `${slug}-${id.toLowerCase()}` : id.toLowerCase();
}

const CLAIM_ID = idPattern("claim");

/** The claim id at the end of a public slug (`43-attacks-…-clm_01j…`), or null. */
export function claimIdOfSlug(slug: string): string | null {
  const match = /(?:^|-)(clm_[0-9a-z]{26})$/i.exec(slug);
  if (!match?.[1]) return null;
  const id = `clm_${match[1].slice(4).toUpperCase()}`;
  return CLAIM_ID.test(id) ? id : null;
}

/** Public paths: no login, no session cookie, cacheable. */
export function isPublicPath(path: string): boolean {
  return path === "/fact-checks" || path.startsWith("/fact-checks/") || path === "/sitemap.xml";
}

/** The names of the published verdicts (src/domain/labels.ts): a status missing here has no fact-check. */
export const VERDICT_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  PUBLISHABLE.map((status) => [status, STATUS_LABELS[status]]),
);

/** Publishing (or correcting to) one of these verdicts asks the reviewer to confirm first on the
 * claim page, naming the verdict: they say someone is wrong, in public. */
export function asksConfirmation(status: Status): boolean {
  return (NEEDS_SIGN_OFF as readonly Status[]).includes(status);
}

/** One line of a correction: a field of the public page, with the verdict's before and after. */
export interface CorrectionChange {
  field: "verdict" | "attribution" | "text" | "context" | "rationale" | "speaker" | "source" | "evidence" | "date";
  from?: string;
  to?: string;
}

/** What changed on the public page between two snapshots, in the reader's terms. */
export function changesBetween(before: PublicClaim, after: PublicClaim): CorrectionChange[] {
  const changes: CorrectionChange[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (before.status !== after.status) {
    changes.push({
      field: "verdict",
      from: VERDICT_LABELS[before.status] ?? before.status,
      to: VERDICT_LABELS[after.status] ?? after.status,
    });
  }
  if (before.attribution !== after.attribution)
    changes.push({ field: "attribution", from: before.attribution, to: after.attribution });
  if (before.text !== after.text) changes.push({ field: "text" });
  if (before.context !== after.context || before.reported_via !== after.reported_via || before.kind !== after.kind)
    changes.push({ field: "context" });
  if (before.stated_at !== after.stated_at) changes.push({ field: "date" });
  if (before.rationale !== after.rationale) changes.push({ field: "rationale" });
  if (!same(before.speaker, after.speaker)) changes.push({ field: "speaker" });
  if (!same(before.source, after.source)) changes.push({ field: "source" });
  if (!same(before.evidence, after.evidence)) changes.push({ field: "evidence" });
  return changes;
}

/** The words the public search looks in: the quote, who said it, the verdict's reasons. */
export function searchTextOf(claim: PublicClaim): string {
  return normaliseText(
    [claim.text, claim.context, claim.speaker.name, claim.speaker.role, claim.rationale, claim.source.title]
      .filter(Boolean)
      .join(" \u001f "),
  );
}
