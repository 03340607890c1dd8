// When a claim is visited next, and when its verdict has aged: pure rules on dates.
import { isVerdict, type RecheckOutcome, type Status } from "../domain/vocabulary";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BACKOFF_CAP = 7 * DAY;

/** Outcomes that say nothing about the source and are retried with backoff. */
export function isFailure(outcome: RecheckOutcome): boolean {
  return outcome === "unreachable" || outcome === "error";
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
