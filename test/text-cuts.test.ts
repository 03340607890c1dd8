// Shortened text is cut between characters as people see them (grapheme clusters): never inside
// a surrogate pair (which a page or feed would carry as U+FFFD), an emoji sequence, a flag or a
// letter and its accents. The helper itself, then every place that shortens: the public page's
// title, og:title, twitter:title and descriptions, the desk's queue rows, claim, source, speaker
// and match listings, and the search boxes' bounds.
import { describe, expect, it } from "vitest";
import { shorten } from "../src/domain/text";
import { api, attacksClaim } from "./api/helpers";
import { act, review, reviewers } from "./api/publication-helpers";
import { attrs, cookieFor, get, texts } from "./pages-helpers";

const CLUSTERS = {
  "family (ZWJ sequence)": "👨‍👩‍👧‍👦",
  "rainbow flag (ZWJ + VS16)": "🏳️‍🌈",
  "flag (regional indicators)": "🇫🇷",
  "skin tone": "👍🏽",
  "astronaut (tone + ZWJ)": "🧑🏾‍🚀",
  "combining accents": "e\u0301\u0323",
  "Hangul jamo": "\u1100\u1161\u11a8",
};

const graphemes = (s: string) =>
  [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(s)].map((g) => g.segment);
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** `shown` is `original` or its first whole clusters followed by "…" (white space before it dropped). */
function expectWholeClusters(shown: string, original: string) {
  expect(shown).not.toMatch(LONE);
  expect(shown).not.toContain("\ufffd");
  if (shown === original) return;
  expect(shown.endsWith("…"), shown).toBe(true);
  const kept = graphemes(shown.slice(0, -1));
  const whole = graphemes(original);
  const prefix = whole.slice(0, kept.length);
  // The kept part is the original's first clusters (its trailing white space may be gone).
  expect(kept.join("")).toBe(prefix.join("").trimEnd());
}

describe("shorten", () => {
  it("answers text that fits unchanged", () => {
    expect(shorten("short", 10)).toBe("short");
    expect(shorten("x".repeat(10), 10)).toBe("x".repeat(10));
    expect(shorten("", 5)).toBe("");
  });

  it.each(Object.entries(CLUSTERS))("never cuts into a %s, wherever it falls", (_name, cluster) => {
    for (let before = 0; before <= 12; before++) {
      const text = `${"a".repeat(before)}${cluster}${"b".repeat(20)}`;
      for (let max = 1; max <= 16; max++) {
        const cut = shorten(text, max);
        expect(cut.length, `${before} ${max}`).toBeLessThanOrEqual(max);
        expectWholeClusters(cut, text);
        // The cluster is kept whole when it fits, or left out whole.
        const kept = cut.slice(0, -1);
        if (kept.length > before) expect(kept.startsWith(`${"a".repeat(before)}${cluster}`)).toBe(true);
        else expect(kept).toBe("a".repeat(Math.min(before, max - 1)));
      }
    }
  });

  it("cuts with another mark, or none, and drops white space before the mark", () => {
    expect(shorten("one two three", 8)).toBe("one two…");
    expect(shorten("one two three", 9)).toBe("one two…");
    expect(shorten("ab🇫🇷cd", 4, "")).toBe("ab");
    expect(shorten("ab🇫🇷cd", 6, "")).toBe("ab🇫🇷");
    expect(shorten("ab🇫🇷cd", 5, " [more]")).toBe(" [more]");
  });

  it("reads only the start of a long text: a cut of a megabyte is the cut of its start", () => {
    const start = `${"word ".repeat(17)}👨‍👩‍👧‍👦 more`;
    const huge = start + "🇫🇷".repeat(500_000);
    expect(shorten(huge, 90)).toBe(shorten(`${start}${"🇫🇷".repeat(10)}`, 90));
  });
});

// ---- every place that shortens ----------------------------------------------------------------

let n = 0;
/** Filler words, then one of the clusters across each cut (its first two units at `at - 1` and
 * `at`: `slice(0, at)` and `slice(0, at - 1)` both cut inside it). */
function straddling(cuts: number[], tag: string): string {
  const filler = `${tag} harbour ferry crossing takes forty minutes each morning `;
  const clusters = Object.values(CLUSTERS).filter((c) => c.length >= 2);
  let text = "";
  cuts.forEach((at, i) => {
    expect(text.length, "cuts far enough apart").toBeLessThan(at - 1);
    while (text.length < at - 1) text += filler[text.length % filler.length];
    text += clusters[i % clusters.length] as string;
  });
  return `${text} and the tail of the sentence.`;
}

/** A claim with evidence, rated `status` by `token` with `rationale`. */
async function rated(status: string, token: string, text: string, rationale: string): Promise<string> {
  const created = await api("POST", "/claims", { body: { ...attacksClaim, stated_at: "2020-03-04", text } });
  expect(created.status, created.text).toBe(201);
  const evidence = await api("POST", `/claims/${created.json.id}/evidence`, {
    body: { url: "https://evidence.example.org/cuts", stance: "refutes" },
  });
  expect(evidence.status, evidence.text).toBe(201);
  await review(created.json.id, token, status, rationale);
  return created.json.id;
}

/** Every “quoted…” cut in the page, checked against the original. */
function expectCutsWhole(html: string, original: string, atLeast: number) {
  expect(html).not.toContain("\ufffd");
  const cuts = [...html.matchAll(/“([^“”<>"]*…)”/g)].map((m) => m[1] ?? "");
  const ofOriginal = cuts.filter((c) => original.startsWith(c.slice(0, 20)));
  expect(ofOriginal.length).toBeGreaterThanOrEqual(atLeast);
  for (const cut of ofOriginal) expectWholeClusters(cut, original);
}

describe("the public fact-check page", () => {
  it("cuts the title, og:title, twitter:title and the descriptions between clusters", async () => {
    n += 1;
    const text = straddling([90, 120], `public${n}`);
    const rationale = straddling([199], `why${n}`);
    const { a, b } = await reviewers();
    const id = await rated("false", a, text, rationale);
    expect((await act(id, b, "sign_off")).status).toBe(200);
    const published = await act(id, a, "publish");
    expect(published.status).toBe(200);
    const page = await get(published.json.url);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain("\ufffd");
    const [title] = await texts(page.html, "title");
    const metas = {
      title: (title ?? "").replace(/ · claimdesk$/, ""),
      og: (await attrs(page.html, 'meta[property="og:title"]', "content"))[0] ?? "",
      twitter: (await attrs(page.html, 'meta[name="twitter:title"]', "content"))[0] ?? "",
    };
    for (const shown of Object.values(metas)) {
      expect(shown.startsWith("False: “")).toBe(true);
      expectWholeClusters(shown.slice("False: “".length, -1), text);
    }
    for (const description of [
      (await attrs(page.html, 'meta[name="description"]', "content"))[0] ?? "",
      (await attrs(page.html, 'meta[property="og:description"]', "content"))[0] ?? "",
      (await attrs(page.html, 'meta[name="twitter:description"]', "content"))[0] ?? "",
    ]) {
      const [, quoted, reasons] = /^False\. Sonny Leggett: “(.*)”\. (.*)$/s.exec(description) ?? [];
      expectWholeClusters(quoted ?? "", text);
      expectWholeClusters(reasons ?? "", rationale);
      expect(reasons).not.toBe(rationale);
    }
    // The feeds carry the whole text, its clusters intact.
    for (const feed of ["/fact-checks/feed.atom", "/fact-checks/feed.json"]) {
      const body = (await get(feed)).html;
      expect(body).not.toContain("\ufffd");
      expect(body).toContain(text);
    }
  });

  it("bounds the search words without splitting a character", async () => {
    const q = `${"a".repeat(199)}👍🏽`;
    const res = await get(`/fact-checks?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    expect(res.html).not.toContain("\ufffd");
    expect(res.html).toContain(`value="${"a".repeat(199)}"`);
  });
});

describe("the desk's pages", () => {
  it("cut the queue rows, the claim page's title and the source and speaker lists between clusters", async () => {
    n += 1;
    const { cookie } = await cookieFor("reviewer", `Cutter ${n}`);
    const text = straddling([60, 80, 120, 160, 240], `desk${n}`);
    const made = await api("POST", "/claims", {
      body: {
        text,
        kind: "statistic",
        tags: [`cuts${n}`],
        speaker: { name: `Cut Speaker ${n}` },
        source: { title: `Cut Source ${n}`, publisher: "Cut Wire" },
      },
    });
    expect(made.status, made.text).toBe(201);
    const queue = await get(`/review?tag=cuts${n}`, cookie);
    expectCutsWhole(queue.html, text, 2); // the row and its checkbox's label
    const labels = await attrs(queue.html, "input.pick", "aria-label");
    expect(labels).toHaveLength(1);
    const claim = await get(`/claims/${made.json.id}`, cookie);
    const [title] = await texts(claim.html, "title");
    expect(claim.html).not.toContain("\ufffd");
    expectWholeClusters((title ?? "").replace(/^Claim: /, "").replace(/ · claimdesk$/, ""), text);
    expectCutsWhole((await get(`/sources/${made.json.source.id}`, cookie)).html, text, 1);
    expectCutsWhole((await get(`/speakers/${made.json.speaker.id}`, cookie)).html, text, 1);
  });

  it("cut a match's text and its verdict's reasons between clusters", async () => {
    n += 1;
    const { a } = await reviewers();
    const text = straddling([200], `match${n}`);
    const rationale = straddling([240], `because${n}`);
    const original = await rated("verified", a, text, rationale);
    const again = await api("POST", "/claims", {
      body: {
        text: `${text.slice(0, 150)} again`,
        kind: "statistic",
        speaker: { name: "Sonny Leggett" },
        source: { title: `Retold ${n}`, publisher: "Other Wire" },
      },
    });
    expect(again.status, again.text).toBe(201);
    const { cookie } = await cookieFor("reviewer", `Matcher ${n}`);
    const page = await get(`/claims/${again.json.id}`, cookie);
    expect(page.html).toContain(`/claims/${original}`);
    expectCutsWhole(page.html, text, 1);
    const reasons = [...page.html.matchAll(/True: ([^<]*…)</g)].map((m) => m[1] ?? "");
    expect(reasons).toHaveLength(1);
    expectWholeClusters(reasons[0] ?? "", rationale);
  });

  it("bound the queue's search words without splitting a character", async () => {
    const { cookie } = await cookieFor("reviewer", "Searcher");
    const res = await get(`/review?q=${encodeURIComponent(`${"a".repeat(499)}🇫🇷`)}`, cookie);
    expect(res.status).toBe(200);
    expect(res.html).not.toContain("\ufffd");
  });
});
