// The source page's archived text starts at the article: a page's furniture (dateline, share
// links, "Jump to", a tagline, the headline again; categories and "Retrieved from" at the end) is
// told apart from the article, from a Wikinews-like page as the re-check reads it (HTMLRewriter)
// and from the demo article as it is stored.
import { describe, expect, it } from "vitest";
import article from "../src/db/demo/article-2020-03-05-kunduz.txt?raw";
import { headingOf, splitPageChrome } from "../src/domain/page-chrome";
import { htmlToText } from "../src/services/rechecks/html-text";
import wikinews from "./fixtures/pages/wikinews-like.html?raw";

describe("splitPageChrome", () => {
  it("starts a Wikinews-like page's text at its first paragraph and ends it with its sources", async () => {
    const text = await htmlToText(new TextEncoder().encode(wikinews), "text/html; charset=utf-8");
    // The re-check's text still carries the furniture (what is archived and hashed is unchanged).
    expect(text.split("\n").slice(0, 4)).toEqual([
      "Taliban kill 20 Afghan soldiers, police as US carries out first air strike in 11 days",
      "From Wikinews, the free news source you can write!",
      "Jump to navigation Jump to search",
      "date 2020-03-05 Share: Facebook Twitter",
    ]);
    const parts = splitPageChrome(text);
    expect(parts.article.startsWith("KUNDUZ – Taliban militants killed at least 20 Afghan soldiers")).toBe(true);
    expect(parts.article.endsWith("AFP. “Taliban kill 20 Afghan soldiers” — Yahoo News, March 5, 2020")).toBe(true);
    expect(parts.before.split("\n")).toEqual([
      "Taliban kill 20 Afghan soldiers, police as US carries out first air strike in 11 days",
      "From Wikinews, the free news source you can write!",
      "Jump to navigation Jump to search",
      "date 2020-03-05 Share: Facebook Twitter",
      "Thursday, March 5, 2020",
    ]);
    expect(parts.after).toMatch(
      /^Retrieved from “https:\/\/en\.wikinews\.org\/.+”\nCategories: Afghanistan \| Taliban \| Published\nNavigation menu$/,
    );
    // Nothing is lost: the three parts are the text.
    expect([parts.before, parts.article, parts.after].join("\n")).toBe(text);
  });

  it("starts the demo article at its dateline city, not at “date 2020-03-05 Share:”", () => {
    expect(article.startsWith(" date 2020-03-05 Share:")).toBe(true);
    const parts = splitPageChrome(article);
    expect(parts.before).toBe("date 2020-03-05 Share:");
    expect(parts.article.startsWith("KUNDUZ - Taliban militants")).toBe(true);
    expect(parts.after).toBe("");
  });

  it("leaves an article without furniture whole, short first paragraphs included", () => {
    const plain =
      "Rates rose.\n\nThe central bank raised its main rate by half a point on Tuesday, the third rise this year.";
    expect(splitPageChrome(plain)).toEqual({ before: "", article: plain, after: "" });
    const one = "He said insurgents had carried out 43 attacks on checkpoints in Helmand on Tuesday alone.";
    expect(splitPageChrome(one)).toEqual({ before: "", article: one, after: "" });
    // All furniture: nothing to tell apart, shown whole.
    expect(splitPageChrome("Share: Facebook Twitter")).toEqual({
      before: "",
      article: "Share: Facebook Twitter",
      after: "",
    });
    expect(splitPageChrome("")).toEqual({ before: "", article: "", after: "" });
  });

  it("reads a long line of digits or words once (no catastrophic backtracking)", () => {
    const started = performance.now();
    splitPageChrome(`${"1".repeat(119)}x\n${"march ".repeat(19)}x`);
    splitPageChrome(`${"2020-03-05 ".repeat(10)}!`);
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe("headingOf (what /import suggests for the source)", () => {
  it("reads a pasted article's headline and its dateline's day", () => {
    const pasted =
      "Rail strike called off after late pay offer\n\nFriday, 4 December 2026\n\nUnions accepted a 6 percent rise.";
    expect(headingOf(pasted)).toEqual({
      title: "Rail strike called off after late pay offer",
      publishedAt: "2026-12-04",
    });
    expect(headingOf("Storm closes ports\nDec. 2, 2026 — Ports shut at noon.")).toEqual({
      title: "Storm closes ports",
      publishedAt: "2026-12-02",
    });
  });

  it("reads a wire dateline's agency as the publisher", () => {
    expect(headingOf("Port strike spreads\n\nROTTERDAM (Reuters) - Dockers walked out.")).toEqual({
      title: "Port strike spreads",
      publisher: "Reuters",
    });
    expect(headingOf("Port strike spreads\nANTWERP, Dec. 4 (AP) — Dockers walked out.").publisher).toBe("AP");
    // A dateline without an agency names none; a parenthesis later in prose is no dateline.
    expect(headingOf("Port strike spreads\nANTWERP - Dockers (and pilots) walked out.").publisher).toBeUndefined();
  });

  it("reads the demo article's and a Wikinews-like page's furniture without taking it for a headline", async () => {
    expect(headingOf(article)).toEqual({ publishedAt: "2020-03-05" });
    const text = await htmlToText(new TextEncoder().encode(wikinews), "text/html; charset=utf-8");
    expect(headingOf(text)).toEqual({
      title: "Taliban kill 20 Afghan soldiers, police as US carries out first air strike in 11 days",
      publishedAt: "2020-03-05",
    });
  });

  it("reads every Wikinews fixture's headline and day, as pasted", () => {
    const pasted = import.meta.glob<string>("./fixtures/extract*/GUM_*.txt", {
      query: "?raw",
      import: "default",
      eager: true,
    });
    expect(Object.keys(pasted).length).toBeGreaterThanOrEqual(12);
    for (const text of Object.values(pasted)) {
      const [headline, dateline] = text.split("\n").filter((line) => line.trim());
      const heading = headingOf(text);
      expect(heading.title).toBe(headline?.trim());
      // "Friday, July 21, 2017": the day as ISO, its year the dateline's.
      expect(heading.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(dateline).toContain(heading.publishedAt?.slice(0, 4));
    }
  });

  it("suggests nothing it cannot stand behind", () => {
    // A first sentence, a lone line, a label, an impossible day, a date too far down.
    expect(headingOf("The mayor said on Monday that the budget is balanced.\n\nMore follows.")).toEqual({});
    expect(headingOf("Ferry fares rise again")).toEqual({});
    expect(headingOf("Opinion\n\nThe fares are too high.")).toEqual({});
    expect(headingOf("By Jane Doe, Harbour Herald\n\nThe fares are too high.")).toEqual({});
    expect(headingOf("Ferry fares rise\nFebruary 30, 2026\nText.")).toEqual({ title: "Ferry fares rise" });
    expect(headingOf("Ferry fares rise\na\nb\nc\nMay 1, 2026")).toEqual({ title: "Ferry fares rise" });
    expect(headingOf(`${"word ".repeat(80)}\nnext`)).toEqual({});
  });
});
