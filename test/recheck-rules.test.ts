// The re-check's pure rules (src/domain/recheck.ts), table by table: what a page says about a
// claim, which flags a visit raises and clears, and when the claim comes back.
import { describe, expect, it } from "vitest";
import {
  backoffMs,
  decideFlags,
  type FlagInput,
  failuresInARow,
  judgePage,
  nextDueAt,
  pageNotes,
  staleAt,
} from "../src/domain/recheck";
import { FLAGS, type Flag, RECHECK_OUTCOMES, type RecheckOutcome } from "../src/domain/vocabulary";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe("judgePage: what a page that was read says about a claim", () => {
  it.each([
    // quoteFound, archived, outcome, detail
    [true, "h1", "quote_present", null],
    [true, "h0", "source_changed", "quote found; the page differs from the archived version"],
    [true, null, "quote_present", null], // nothing archived: this page is adopted
    [false, "h1", "quote_missing", "quote not found in the page"],
    [false, "h0", "quote_missing", "quote not found in the page"], // quote_missing wins
    [false, null, "quote_missing", "quote not found in the page"],
  ] as const)("quote found %s, archived %s → %s", (quoteFound, archivedHash, outcome, detail) => {
    expect(judgePage({ quoteFound, pageHash: "h1", archivedHash })).toEqual({ outcome, detail });
  });

  it("adds the page's notes to the detail", () => {
    const notes = pageNotes({
      requested: "https://a.example/",
      final: "https://b.example/",
      truncated: true,
      maxBytes: 2 * 1024 * 1024,
    });
    expect(notes).toEqual(["redirected to https://b.example/", "page cut at 2 MB"]);
    expect(judgePage({ quoteFound: true, pageHash: "h", archivedHash: "h", notes }).detail).toBe(
      "redirected to https://b.example/; page cut at 2 MB",
    );
    expect(judgePage({ quoteFound: false, pageHash: "h", archivedHash: "h", notes }).detail).toBe(
      "quote not found in the page; redirected to https://b.example/; page cut at 2 MB",
    );
    expect(
      pageNotes({ requested: "https://a.example/", final: "https://a.example/", truncated: false, maxBytes: 1 }),
    ).toEqual([]);
  });
});

/** A visit to a claim that had no visit before, with nothing stale: only `over` differs. */
function input(outcome: RecheckOutcome, over: Partial<FlagInput> = {}): FlagInput {
  return {
    outcome,
    detail: "seen",
    contentHash: "new",
    lastOutcome: null,
    lastHash: null,
    failures: failuresInARow(outcome, 0),
    raised: [],
    reviewedAt: null,
    staleAt: null,
    rereviewDays: 30,
    now: NOW,
    ...over,
  };
}

/** Changes as "+flag" (raised) and "-flag" (cleared), in order. */
const decided = (i: FlagInput) => decideFlags(i).map((c) => `${c.action === "raise" ? "+" : "-"}${c.flag}`);

describe("decideFlags: every outcome × flag state", () => {
  // A new page, one failure at most, no stale verdict; with no flag raised, and with all raised.
  const table: Record<RecheckOutcome, { none: string[]; all: string[] }> = {
    quote_present: {
      none: [],
      all: ["-quote_missing", "-source_changed", "-source_unreachable", "-verdict_stale"],
    },
    quote_missing: { none: ["+quote_missing"], all: ["-source_unreachable", "-verdict_stale"] },
    source_changed: {
      none: ["+source_changed"],
      all: ["-quote_missing", "-source_unreachable", "-verdict_stale"],
    },
    unreachable: { none: [], all: ["-verdict_stale"] },
    unsupported: { none: [], all: ["-source_unreachable", "-verdict_stale"] },
    no_url: { none: [], all: ["-verdict_stale"] },
    error: { none: [], all: ["-verdict_stale"] },
  };

  it.each(RECHECK_OUTCOMES.map((o) => [o, table[o]] as const))("%s", (outcome, expected) => {
    expect(decided(input(outcome))).toEqual(expected.none);
    expect(decided(input(outcome, { raised: FLAGS }))).toEqual(expected.all);
  });

  // Every subset of raised flags: each flag is decided on its own, and only real changes come
  // out (a raised flag is never raised again, an absent one never cleared).
  const subsets: Flag[][] = Array.from({ length: 1 << FLAGS.length }, (_, bits) =>
    FLAGS.filter((_, i) => bits & (1 << i)),
  );
  it.each(RECHECK_OUTCOMES.flatMap((o) => subsets.map((s) => [o, s] as const)))(
    "%s with %j raised",
    (outcome, raised) => {
      const expected = [...table[outcome].none, ...table[outcome].all].filter((change) =>
        raised.includes(change.slice(1) as Flag) ? change.startsWith("-") : change.startsWith("+"),
      );
      const order = (c: string) => FLAGS.indexOf(c.slice(1) as Flag);
      expect(decided(input(outcome, { raised }))).toEqual(expected.sort((a, b) => order(a) - order(b)));
    },
  );

  it("notes: the visit's detail, except for source_unreachable and verdict_stale", () => {
    expect(decideFlags(input("quote_missing"))).toEqual([{ action: "raise", flag: "quote_missing", note: "seen" }]);
    expect(decideFlags(input("quote_present", { raised: ["quote_missing"] }))).toEqual([
      { action: "clear", flag: "quote_missing", note: "seen" },
    ]);
    expect(decideFlags(input("unreachable", { failures: 3, detail: "HTTP 503" }))).toEqual([
      { action: "raise", flag: "source_unreachable", note: "3 failed visits in a row; last: HTTP 503" },
    ]);
    const reviewedAt = at(-31 * DAY).toISOString();
    expect(decideFlags(input("quote_present", { reviewedAt, staleAt: at(-DAY) }))).toEqual([
      { action: "raise", flag: "verdict_stale", note: `verdict of ${reviewedAt} is older than 30 days` },
    ]);
  });
});

describe("decideFlags: a reviewer's clearing of a content flag holds until the page shows something new", () => {
  it.each([
    // outcome, last outcome, last hash, raised?
    ["quote_missing", null, null, true],
    ["quote_missing", "quote_missing", "new", false], // same outcome, same page: the clearing holds
    ["quote_missing", "quote_missing", "old", true], // the page changed
    ["quote_missing", "quote_present", "new", true], // the outcome changed
    ["source_changed", "source_changed", "new", false],
    ["source_changed", "source_changed", "old", true],
    ["source_changed", "quote_missing", "new", true],
  ] as const)("%s after %s of page %s → raised: %s", (outcome, lastOutcome, lastHash, raised) => {
    expect(decided(input(outcome, { lastOutcome, lastHash }))).toEqual(raised ? [`+${outcome}`] : []);
  });
});

describe("decideFlags: source_unreachable from the third failure in a row", () => {
  it.each([
    ["unreachable", 1, []],
    ["unreachable", 2, []],
    ["unreachable", 3, ["+source_unreachable"]],
    ["unreachable", 10, ["+source_unreachable"]],
    ["error", 3, []], // our own fault says nothing about the source
    ["error", 10, []],
  ] as const)("%s, %i in a row → %j", (outcome, failures, expected) => {
    expect(decided(input(outcome, { failures }))).toEqual(expected);
  });
});

describe("decideFlags: verdict_stale", () => {
  it.each([
    [null, false, []],
    [null, true, ["-verdict_stale"]],
    [at(DAY), false, []],
    [at(DAY), true, ["-verdict_stale"]], // a reviewer re-reviewed: it is not stale any more
    [NOW, false, ["+verdict_stale"]],
    [at(-DAY), false, ["+verdict_stale"]],
    [at(-DAY), true, []],
  ] as const)("stale at %s, raised %s → %j", (when, raised, expected) => {
    expect(decided(input("quote_present", { staleAt: when, raised: raised ? ["verdict_stale"] : [] }))).toEqual(
      expected,
    );
  });
});

describe("schedule", () => {
  it("failures in a row count failures only", () => {
    expect(RECHECK_OUTCOMES.map((o) => failuresInARow(o, 4))).toEqual([0, 0, 0, 5, 0, 0, 5]);
  });

  it("backs off 1 h, doubling, at most 7 days", () => {
    expect([1, 2, 3, 4, 8, 9, 10, 30].map((n) => backoffMs(n) / HOUR)).toEqual([1, 2, 4, 8, 128, 168, 168, 168]);
  });

  it("a verdict turns stale rereviewDays after its review; a non-verdict never", () => {
    expect(staleAt("false", NOW.toISOString(), 7)).toEqual(at(7 * DAY));
    expect(staleAt("in_review", NOW.toISOString(), 7)).toBeNull();
    expect(staleAt("verified", null, 7)).toBeNull();
  });

  const base = { failures: 0, staleAt: null, now: NOW, rereviewDays: 30, openIntervalHours: 24 };
  it.each([
    ["quote_present", "unverified", {}, at(DAY)],
    ["quote_present", "unverified", { openIntervalHours: 0 }, NOW],
    ["quote_present", "verified", {}, at(30 * DAY)],
    ["quote_present", "verified", { staleAt: at(20 * DAY) }, at(20 * DAY)], // sooner: when it turns stale
    ["quote_present", "verified", { staleAt: at(-DAY) }, at(30 * DAY)],
    ["unsupported", "unverified", {}, at(DAY)],
    ["no_url", "unverified", {}, at(30 * DAY)],
    ["unreachable", "verified", { failures: 1 }, at(HOUR)],
    ["error", "verified", { failures: 3 }, at(4 * HOUR)],
  ] as const)("%s on a %s claim (%j) → %s", (outcome, status, over, expected) => {
    expect(nextDueAt({ ...base, outcome, status, ...over })).toEqual(expected);
  });
});
