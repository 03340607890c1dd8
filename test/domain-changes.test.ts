// The decisions about claims that the store only writes, tested as the pure functions they are:
// a new claim's row (domain/new-claim.ts), an edit, an unlink and an assignment
// (domain/claim-changes.ts), a review and a carried-over verdict (domain/review.ts).
import { describe, expect, it } from "vitest";
import { decideAssignment, decideEdit, decideUnlink, type EditableClaim } from "../src/domain/claim-changes";
import { cleanTags, newClaimRow } from "../src/domain/new-claim";
import { claimDedupeKey } from "../src/domain/normalise";
import { carriedVerdict, decideRepeatLink, decideReview, verdictAt } from "../src/domain/review";

const AT = "2026-02-03T04:05:06.000Z";

describe("a new claim's row", () => {
  it("trims its words, defaults its kind, cleans its tags and is due for a re-check at once", () => {
    const row = newClaimRow(
      {
        text: "  “43 attacks”  ",
        context: "  ",
        reportedVia: " told AFP ",
        tags: [" b ", "a", "b", ""],
      },
      AT,
    );
    expect(row).toEqual({
      text: "“43 attacks”",
      kind: "direct_quote",
      context: null,
      reportedVia: "told AFP",
      statedAt: null,
      worthiness: null,
      dedupeKey: claimDedupeKey("“43 attacks”", null),
      recheckDueAt: AT,
      tags: ["a", "b"],
      event: { action: "created", to: "unverified", data: { text: "  “43 attacks”  " } },
    });
  });

  it("keeps the kind and date it is given, and finds the same claim in other quotes and spacing", () => {
    const a = newClaimRow({ text: "“Very good”", kind: "statistic", statedAt: "2020-03-05", context: "It was" }, AT);
    const b = newClaimRow({ text: '"very  good"', context: " it  WAS " }, AT);
    expect(a).toMatchObject({ kind: "statistic", statedAt: "2020-03-05", context: "It was" });
    expect(a.dedupeKey).toBe(b.dedupeKey);
    expect(newClaimRow({ text: "very good", context: "another sentence" }, AT).dedupeKey).not.toBe(a.dedupeKey);
  });

  it("has tags trimmed, each once, sorted", () => {
    expect(cleanTags(["z", " a", "a ", "", "  ", "m"])).toEqual(["a", "m", "z"]);
  });
});

const claim: EditableClaim = {
  text: "Insurgents carried out 43 attacks",
  context: "Officials said insurgents carried out 43 attacks.",
  kind: "statistic",
  tags: ["security", "afghanistan"],
  speakerId: "spk_1",
  sourceId: "src_1",
};

describe("an edit", () => {
  it("is no change when every field it names is the claim's own (after trimming, tags in any order)", () => {
    expect(decideEdit(claim, {})).toBeNull();
    expect(
      decideEdit(claim, { text: ` ${claim.text} `, kind: "statistic", tags: ["afghanistan", " security", "security"] }),
    ).toBeNull();
  });

  it("changes the trimmed text, recomputes the duplicate key and lists the change in one edited event", () => {
    const change = decideEdit(claim, { text: "  Insurgents carried out 44 attacks " });
    expect(change).toEqual({
      set: {
        text: "Insurgents carried out 44 attacks",
        dedupeKey: claimDedupeKey("Insurgents carried out 44 attacks", claim.context),
      },
      events: [
        {
          action: "edited",
          data: { changes: { text: { from: claim.text, to: "Insurgents carried out 44 attacks" } } },
        },
      ],
      requireEvidence: false,
    });
  });

  it("clears a blank context, with a duplicate key for the claim's text without it", () => {
    const change = decideEdit(claim, { context: "   " });
    expect(change?.set).toEqual({ context: null, dedupeKey: claimDedupeKey(claim.text, null) });
  });

  it("changes kind and tags without touching the duplicate key", () => {
    const change = decideEdit(claim, { kind: "direct_quote", tags: ["  war ", "security", "war"] });
    expect(change?.set).toEqual({ kind: "direct_quote" });
    expect(change?.tags).toEqual(["security", "war"]);
    expect(change?.events[0]?.data).toEqual({
      changes: {
        kind: { from: "statistic", to: "direct_quote" },
        tags: { from: claim.tags, to: ["security", "war"] },
      },
    });
  });

  it("moves the claim to a speaker or source named by id or by fields, which the store resolves", () => {
    const change = decideEdit<{ name: string }, { url: string }>(claim, {
      speaker: { id: "spk_2" },
      source: { url: "https://example.org/a" },
    });
    expect(change?.speaker).toEqual({ id: "spk_2" });
    expect(change?.source).toEqual({ url: "https://example.org/a" });
    expect(change?.events[0]?.data).toEqual({
      changes: {
        speaker: { from: "spk_1", to: "spk_2" },
        source: { from: "src_1", to: { url: "https://example.org/a" } },
      },
    });
  });
});

describe("unlinking and assigning", () => {
  it("unlinks a repeat with its event, and is no change for a claim that repeats none", () => {
    expect(decideUnlink({ repeatOf: null })).toBeNull();
    expect(decideUnlink({ repeatOf: "clm_1" })).toEqual({
      set: { repeatOf: null },
      events: [{ action: "repeat_unlinked", from: "clm_1", to: null }],
      requireEvidence: false,
    });
  });

  it("assigns, reassigns and takes back, each an event; the same assignee is no change", () => {
    expect(decideAssignment({ assignee: "dana" }, "dana")).toBeNull();
    expect(decideAssignment({ assignee: null }, null)).toBeNull();
    expect(decideAssignment({ assignee: null }, "dana")?.events).toEqual([
      { action: "assigned", from: null, to: "dana" },
    ]);
    expect(decideAssignment({ assignee: "dana" }, "eli")).toMatchObject({
      set: { assignee: "eli" },
      events: [{ action: "assigned", from: "dana", to: "eli" }],
    });
    expect(decideAssignment({ assignee: "dana" }, null)).toMatchObject({
      set: { assignee: null },
      events: [{ action: "unassigned", from: "dana", to: null }],
    });
  });
});

describe("a review", () => {
  const unverified = { status: "unverified", attribution: "unchecked" } as const;

  it("dates a verdict, notes its trimmed rationale on its event, and asks for evidence where the verdict needs it", () => {
    const change = decideReview(unverified, { status: "false", rationale: "  The audit says 5.  " }, AT);
    expect(change).toEqual({
      set: { status: "false", verdictAt: AT, rationale: "The audit says 5." },
      events: [{ action: "status_changed", from: "unverified", to: "false", note: "The audit says 5." }],
      requireEvidence: true,
    });
    expect(decideReview(unverified, { status: "verified", rationale: "Checked." }, AT)?.requireEvidence).toBe(false);
  });

  it("undates a claim moved back from a verdict", () => {
    const change = decideReview({ status: "verified", attribution: "confirmed" }, { status: "in_review" }, AT);
    expect(change?.set).toEqual({ status: "in_review", verdictAt: null });
  });

  it("changes only what differs: a status named again is no new verdict and needs no evidence", () => {
    const rated = { status: "false", attribution: "unchecked" } as const;
    expect(decideReview(rated, { status: "false", attribution: "unchecked", rationale: "again" }, AT)).toBeNull();
    const change = decideReview(rated, { status: "false", attribution: "confirmed", rationale: " " }, AT);
    expect(change).toEqual({
      set: { attribution: "confirmed" },
      events: [{ action: "attribution_changed", from: "unchecked", to: "confirmed", note: null }],
      requireEvidence: false,
    });
  });

  it("dates only verdicts", () => {
    expect(verdictAt("opinion", AT)).toBe(AT);
    expect(verdictAt("unproven", AT)).toBe(AT);
    expect(verdictAt("in_review", AT)).toBeNull();
    expect(verdictAt("unverified", AT)).toBeNull();
  });
});

describe("a carried-over verdict", () => {
  const audit = {
    url: "https://example.org/audit",
    title: "Audit",
    note: null,
    stance: "refutes" as const,
    speakerId: null,
  };
  const evidence = [audit];
  const original = {
    id: "clm_orig",
    status: "false" as const,
    verdictAt: "2025-12-01T10:00:00.000Z",
    rationale: "The audit puts it at 5 billion.",
    evidence,
  };

  it("cites the original: its id, verdict, day and rationale after the reviewer's words", () => {
    expect(carriedVerdict(original, "Same tunnel.")).toEqual({
      status: "false",
      rationale:
        "Same tunnel.\n\nVerdict carried over from clm_orig (false, 2025-12-01): The audit puts it at 5 billion.",
      evidence,
    });
    expect(carriedVerdict({ ...original, verdictAt: null, rationale: null }, "Same.").rationale).toBe(
      "Same.\n\nVerdict carried over from clm_orig (false):",
    );
  });

  it("links a repeat with its event, and is no change when it is linked already and carries nothing", () => {
    const current = { status: "unverified" as const, repeatOf: null };
    expect(decideRepeatLink(current, "clm_orig", undefined, AT)).toEqual({
      set: { repeatOf: "clm_orig" },
      evidence: [],
      events: [{ action: "repeat_linked", from: null, to: "clm_orig" }],
      requireEvidence: false,
    });
    expect(decideRepeatLink({ ...current, repeatOf: "clm_orig" }, "clm_orig", undefined, AT)).toBeNull();
  });

  it("sets the verdict, dated now, with copies of the evidence under new ids that its event names", () => {
    const carried = carriedVerdict({ ...original, evidence: [audit, { ...audit, title: "Copy 2" }] }, "Same.");
    const change = decideRepeatLink({ status: "in_review", repeatOf: "clm_orig" }, "clm_orig", carried, AT);
    const ids = change?.evidence?.map((e) => e.id) ?? [];
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(id).toMatch(/^evd_/);
    expect(change).toMatchObject({
      set: { repeatOf: "clm_orig", status: "false", verdictAt: AT, rationale: carried.rationale },
      evidence: [
        { ...audit, id: ids[0] },
        { ...audit, title: "Copy 2", id: ids[1] },
      ],
      events: [
        {
          action: "status_changed",
          from: "in_review",
          to: "false",
          note: carried.rationale,
          data: { carried_from: "clm_orig", evidence_copied: ids },
        },
      ],
      requireEvidence: true,
    });
    const verified = carriedVerdict({ ...original, status: "verified" }, "Same.");
    expect(decideRepeatLink({ status: "unverified", repeatOf: null }, "clm_orig", verified, AT)?.requireEvidence).toBe(
      false,
    );
  });
});
