// One name per verdict (issue 22, item 4): the desk, the public pages, the feeds and ClaimReview's
// alternateName all read src/domain/labels.ts; no page keeps a table of its own.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { claimReview } from "../../src/domain/claimreview";
import { ATTRIBUTION_LABELS, FLAG_LABELS, STANCE_LABELS, STATUS_LABELS, statusLabel } from "../../src/domain/labels";
import { VERDICT_LABELS } from "../../src/domain/publication";
import { ATTRIBUTIONS, FLAGS, PUBLISHABLE, STANCES, STATUSES } from "../../src/domain/vocabulary";

const org = { name: "Desk", url: "https://desk.example" };
const claim = (status: (typeof STATUSES)[number]) => ({
  id: "clm_01",
  text: "t",
  status,
  rationale: "r",
  verdict_at: "2026-01-01T00:00:00.000Z",
  stated_at: "2026-01-01",
  speaker: { name: "S", role: null, kind: "person" as const },
  source: { url: null, title: null, publisher: null, published_at: null },
});

describe("the labels", () => {
  it("name every value of each vocabulary, and verified reads True", () => {
    expect(Object.keys(STATUS_LABELS).sort()).toEqual([...STATUSES].sort());
    expect(Object.keys(ATTRIBUTION_LABELS).sort()).toEqual([...ATTRIBUTIONS].sort());
    expect(Object.keys(STANCE_LABELS).sort()).toEqual([...STANCES].sort());
    expect(Object.keys(FLAG_LABELS).sort()).toEqual([...FLAGS].sort());
    expect(statusLabel("verified")).toBe("True");
    expect(new Set(Object.values(STATUS_LABELS)).size).toBe(STATUSES.length);
    // An unknown code is shown as it is, never "undefined"; prototype keys are not labels.
    expect(statusLabel("no_such")).toBe("no such");
    expect(statusLabel("constructor")).toBe("constructor");
  });

  it("are the published verdicts' names and ClaimReview's alternateName", () => {
    expect(Object.keys(VERDICT_LABELS).sort()).toEqual([...PUBLISHABLE].sort());
    for (const status of PUBLISHABLE) {
      expect(VERDICT_LABELS[status]).toBe(STATUS_LABELS[status]);
      expect(claimReview(claim(status), org)?.reviewRating?.alternateName).toBe(STATUS_LABELS[status]);
    }
  });

  it("are defined once: no page or feed spells a verdict's name itself", async () => {
    const root = path.resolve(import.meta.dirname, "../../src");
    const files = (await readdir(root, { recursive: true })).filter((f) => /\.tsx?$/.test(f));
    const offenders: string[] = [];
    for (const file of files) {
      if (file === path.join("domain", "labels.ts")) continue;
      const text = await readFile(path.join(root, file), "utf8");
      if (/["'`>]\s*(Verified|True|Misleading|Unproven)\s*["'`<]/.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
