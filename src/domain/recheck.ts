// The re-check's rules, pure: no storage, no network, no clock but the `now` they are given.
// What a page that was read says about a claim, which flags a visit raises or clears, and
// when the claim is visited next. The service (src/services/rechecks/) fetches and records.
import { type Flag, isVerdict, type RecheckOutcome, type Status } from "./vocabulary";

/** A queued visit (the RECHECK_QUEUE message body): the claim and the lease the cron took for it. */
export interface RecheckMessage {
  claimId: string;
  lease: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BACKOFF_CAP = 7 * DAY;
/** `source_unreachable` is raised from this many failed visits in a row. */
export const FAILURES_BEFORE_FLAG = 3;

/** Outcomes that say nothing about the source and are retried with backoff. */
export function isFailure(outcome: RecheckOutcome): boolean {
  return outcome === "unreachable" || outcome === "error";
}

/** Failed visits in a row after this one. */
export function failuresInARow(outcome: RecheckOutcome, before: number): number {
  return isFailure(outcome) ? before + 1 : 0;
}

/** 1 h after the first failure in a row, doubling each time, at most 7 days. */
export function backoffMs(failures: number): number {
  return Math.min(HOUR * 2 ** Math.max(0, failures - 1), BACKOFF_CAP);
}

/** When the verdict given (or last re-reviewed) at `reviewedAt` is due for re-review; null for a non-verdict. */
export function staleAt(status: Status, reviewedAt: string | null, rereviewDays: number): Date | null {
  if (!isVerdict(status) || reviewedAt === null) return null;
  return new Date(Date.parse(reviewedAt) + rereviewDays * DAY);
}

export function nextDueAt(input: {
  outcome: RecheckOutcome;
  failures: number;
  status: Status;
  staleAt: Date | null;
  now: Date;
  rereviewDays: number;
  openIntervalHours: number;
}): Date {
  const { now } = input;
  if (isFailure(input.outcome)) return new Date(now.getTime() + backoffMs(input.failures));
  const rereview = new Date(now.getTime() + input.rereviewDays * DAY);
  if (input.outcome === "no_url") return rereview;
  if (!isVerdict(input.status)) return new Date(now.getTime() + input.openIntervalHours * HOUR);
  // Come back when the verdict turns stale, if that is sooner than the usual interval.
  if (input.staleAt && input.staleAt > now && input.staleAt < rereview) return input.staleAt;
  return rereview;
}

/** The outcomes a page that was read can give a claim. */
export type PageOutcome = Extract<RecheckOutcome, "quote_present" | "quote_missing" | "source_changed">;

/** What a page that was read says about one claim. `archivedHash` is the source's archived
 * version; null when nothing is archived, in which case this page is adopted as the archive
 * (so it cannot differ from it). `quote_missing` wins over `source_changed`. `notes` (a
 * redirect, a cut) are added to the detail. */
export function judgePage(input: {
  quoteFound: boolean;
  pageHash: string;
  archivedHash: string | null;
  notes?: readonly string[];
}): { outcome: PageOutcome; detail: string | null } {
  const archived = input.archivedHash ?? input.pageHash;
  const outcome: PageOutcome = !input.quoteFound
    ? "quote_missing"
    : input.pageHash !== archived
      ? "source_changed"
      : "quote_present";
  const why =
    outcome === "quote_missing"
      ? "quote not found in the page"
      : outcome === "source_changed"
        ? "quote found; the page differs from the archived version"
        : null;
  return { outcome, detail: [why, ...(input.notes ?? [])].filter(Boolean).join("; ") || null };
}

/** The notes a fetched page adds to every claim's detail: where it was redirected, where it was cut. */
export function pageNotes(page: { requested: string; final: string; truncated: boolean; maxBytes: number }): string[] {
  return [
    ...(page.final !== page.requested ? [`redirected to ${page.final}`] : []),
    ...(page.truncated ? [`page cut at ${page.maxBytes / 1024 / 1024} MB`] : []),
  ];
}

/** The claim as a visit finds it, and what the visit saw. */
export interface FlagInput {
  outcome: RecheckOutcome;
  /** The visit's detail: the note of every change unless a rule gives its own. */
  detail: string | null;
  /** The hash of the page read now (null when none was read). */
  contentHash: string | null;
  /** The previous visit's outcome and hash (null before the first visit). */
  lastOutcome: RecheckOutcome | null;
  lastHash: string | null;
  /** Failed visits in a row, this one included (see failuresInARow). */
  failures: number;
  /** The flags the claim has now. */
  raised: readonly Flag[];
  /** The verdict's date, or a reviewer's last clearing of `verdict_stale` if later; null for none. */
  reviewedAt: string | null;
  /** When the verdict turns stale (see staleAt); null for a non-verdict. */
  staleAt: Date | null;
  rereviewDays: number;
  now: Date;
}

export interface FlagChange {
  action: "raise" | "clear";
  flag: Flag;
  note: string | null;
}

/** The flags a visit raises and clears, in a fixed order (quote_missing, source_changed,
 * source_unreachable, verdict_stale); only real changes: never a raised flag raised again, nor
 * an absent one cleared. A reviewer's clearing of a content flag (quote_missing,
 * source_changed) holds until the page shows something new: a different outcome or page. */
export function decideFlags(input: FlagInput): FlagChange[] {
  const { outcome, detail } = input;
  const has = (flag: Flag) => input.raised.includes(flag);
  const changes: FlagChange[] = [];
  const raise = (flag: Flag, note: string | null = detail) => {
    if (!has(flag)) changes.push({ action: "raise", flag, note });
  };
  const clear = (flag: Flag) => {
    if (has(flag)) changes.push({ action: "clear", flag, note: detail });
  };
  const isNew = !(input.lastOutcome === outcome && input.lastHash === input.contentHash);
  const reached = !isFailure(outcome) && outcome !== "no_url";

  if (outcome === "quote_missing" && isNew) raise("quote_missing");
  if (outcome === "quote_present" || outcome === "source_changed") clear("quote_missing");
  if (outcome === "source_changed" && isNew) raise("source_changed");
  if (outcome === "quote_present") clear("source_changed");
  if (outcome === "unreachable" && input.failures >= FAILURES_BEFORE_FLAG) {
    raise("source_unreachable", `${input.failures} failed visits in a row; last: ${detail}`);
  }
  if (reached) clear("source_unreachable");
  if (input.staleAt && input.staleAt <= input.now) {
    raise("verdict_stale", `verdict of ${input.reviewedAt} is older than ${input.rereviewDays} days`);
  } else clear("verdict_stale");
  return changes;
}
