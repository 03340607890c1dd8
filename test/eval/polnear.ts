// PolNeAR direct quotes (../shared/data/polnear-quotes, outside the project: evaluation data that must
// never be copied in): loading, the study / blind split, and scoring. The split is by a hash of the
// article id, so it is the same on every run and machine: rules are studied on the study part only,
// and the blind part is only scored.

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Candidate, PARTIAL_QUOTE } from "../../src/extract";

export const POLNEAR_DIR = path.resolve(import.meta.dirname, "../../../shared/data/polnear-quotes");
const FILE = path.join(POLNEAR_DIR, "train.jsonl");

export interface PolnearQuote {
  start: number;
  end: number;
  text: string;
  speaker_mention: string | null;
  cue: string | null;
  attribution: string;
  mark: string;
}

export interface PolnearArticle {
  id: string;
  publisher: string;
  text: string;
  quotes: PolnearQuote[];
}

export type PolnearPart = "study" | "blind";

/** FNV-1a of the id: a third of the articles (hash mod 3 = 0) are blind. */
export function partOf(id: string): PolnearPart {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % 3 === 0 ? "blind" : "study";
}

/** The articles of one part, or null when the data is not there. */
export function loadPolnear(part: PolnearPart): PolnearArticle[] | null {
  if (!existsSync(FILE)) return null;
  return readFileSync(FILE, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as PolnearArticle)
    .filter((a) => partOf(a.id) === part);
}

/** The gold spans as the extractor reports them: a quote over several paragraphs is one span (PolNeAR
 * has a row per paragraph, the non-final ones ending with their paragraph), so the rows of one
 * attribution with only a paragraph break and quote marks between them are joined. */
export function goldSpans(article: PolnearArticle): PolnearQuote[] {
  const rows = [...article.quotes].sort((a, b) => a.start - b.start);
  const out: PolnearQuote[] = [];
  for (const q of rows) {
    const prev = out.at(-1);
    const between = prev ? article.text.slice(prev.end, q.start) : "";
    if (prev && prev.attribution === q.attribution && /\n/.test(between) && /^[\s"“”']*$/.test(between)) {
      out[out.length - 1] = { ...prev, end: q.end, text: article.text.slice(prev.start, q.end) };
    } else out.push(q);
  }
  return out;
}

const PRONOUN = /^(?:he|she|it|they|i|we|him|her|them|who|which|that|you)$/i;
const IGNORED = new Set(
  "the a an mr mrs ms dr sen rep gov gen prof professor justice judge president senator governor former".split(" "),
);

/** The capitalised words of a mention's head (before a comma, "who", "of"): what names the speaker. */
function nameWords(mention: string): string[] {
  const head = mention.split(/,|\s(?:who|of|for|at|from)\s/)[0] ?? "";
  return head
    .replace(/['’]s\b/g, "")
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}-]/gu, ""))
    .filter((w) => /^\p{Lu}/u.test(w) && !IGNORED.has(w.toLowerCase()));
}

/** Whether the gold mention names someone (rather than being a pronoun or a bare description). */
export function isName(mention: string | null): boolean {
  return mention !== null && !PRONOUN.test(mention.trim()) && nameWords(mention).length > 0;
}

/** The extracted speaker agrees with a mention as written when the words of one name are among the
 * other's ("Trump" / "Mr. Trump" / "Donald J. Trump"): mentions are not resolved in the data. */
export function agrees(extracted: string | null, mention: string): boolean {
  if (extracted === null) return false;
  const got = new Set(nameWords(extracted).map((w) => w.toLowerCase()));
  // Each comma-separated part of the mention may be the name ("the LinkedIn chief executive, Jeff Weiner").
  return mention.split(",").some((part) => {
    const want = new Set(nameWords(part).map((w) => w.toLowerCase()));
    if (got.size === 0 || want.size === 0) return false;
    return [...got].every((w) => want.has(w)) || [...want].every((w) => got.has(w));
  });
}

export interface PolnearScore {
  /** Partial quotes proposed, not scored. */
  partial: number;
  labels: number;
  predicted: number;
  exact: number;
  overlap: number;
  speakerRight: number;
  speakerJudged: number;
  /** Each proposed quote's confidence and whether it was right (overlaps a gold quote, speaker not wrong). */
  judged: { confidence: number; right: boolean }[];
  misses: string[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

const snippet = (text: string, start: number, end: number) =>
  JSON.stringify(text.slice(Math.max(0, start - 60), Math.min(text.length, end + 40)).replace(/\s+/g, " "));

export function scorePolnear(article: PolnearArticle, candidates: Candidate[]): PolnearScore {
  const labels = goldSpans(article);
  // PolNeAR's convention leaves partial quotes out ('said he was "looking forward to it"'); the
  // extractor proposes them too (the project's labels count them) and marks them, so they are not scored.
  const quotes = candidates.filter((c) => c.kind === "direct_quote");
  const predicted = quotes.filter((c) => !c.reasons.includes(PARTIAL_QUOTE));
  const s: PolnearScore = {
    partial: quotes.length - predicted.length,
    labels: labels.length,
    predicted: predicted.length,
    exact: 0,
    overlap: 0,
    speakerRight: 0,
    speakerJudged: 0,
    judged: [],
    misses: [],
  };
  const verdict = new Map<Candidate, boolean>();
  for (const label of labels) {
    const exact = predicted.find((p) => !verdict.has(p) && p.start === label.start && p.end === label.end);
    const match = exact ?? predicted.find((p) => !verdict.has(p) && overlaps(p, label));
    if (!match) {
      s.misses.push(`  missed: ${snippet(article.text, label.start, label.end)}`);
      continue;
    }
    s.overlap++;
    if (exact) s.exact++;
    let right = true;
    if (isName(label.speaker_mention)) {
      s.speakerJudged++;
      right = agrees(match.speaker?.name ?? null, label.speaker_mention as string);
      if (right) s.speakerRight++;
      else
        s.misses.push(
          `  speaker: got ${match.speaker?.name ?? "null"}, want ${label.speaker_mention} (${match.confidence}): ${snippet(article.text, label.start, label.end)}`,
        );
    }
    verdict.set(match, right);
  }
  for (const p of predicted) {
    const right = verdict.get(p) ?? false;
    s.judged.push({ confidence: p.confidence, right });
    if (!verdict.has(p)) s.misses.push(`  extra (${p.confidence}): ${snippet(article.text, p.start, p.end)}`);
  }
  return s;
}

export function sumPolnear(scores: PolnearScore[]): PolnearScore {
  const total: PolnearScore = {
    partial: 0,
    labels: 0,
    predicted: 0,
    exact: 0,
    overlap: 0,
    speakerRight: 0,
    speakerJudged: 0,
    judged: [],
    misses: [],
  };
  for (const s of scores) {
    for (const k of ["partial", "labels", "predicted", "exact", "overlap", "speakerRight", "speakerJudged"] as const)
      total[k] += s[k];
    total.judged.push(...s.judged);
  }
  return total;
}

/** Confidence bins and the share of their candidates that were right. */
export function reliability(judged: PolnearScore["judged"]): string[] {
  const edges = [0, 0.3, 0.5, 0.7, 0.8, 0.9, 1.01];
  const lines = ["| confidence | candidates | right | precision |", "| ---------- | ---------- | ----- | --------- |"];
  for (let i = 0; i + 1 < edges.length; i++) {
    const lo = edges[i] as number;
    const hi = edges[i + 1] as number;
    const bin = judged.filter((j) => j.confidence >= lo && j.confidence < hi);
    const right = bin.filter((j) => j.right).length;
    const label = `${lo.toFixed(1)}–${hi > 1 ? "1.0" : hi.toFixed(1)}`;
    lines.push(`| ${label} | ${bin.length} | ${right} | ${bin.length ? (right / bin.length).toFixed(2) : "-"} |`);
  }
  const above = judged.filter((j) => j.confidence >= 0.5);
  const aboveRight = above.filter((j) => j.right).length;
  lines.push(
    `| ≥ 0.5 | ${above.length} | ${aboveRight} | ${above.length ? (aboveRight / above.length).toFixed(2) : "-"} |`,
  );
  return lines;
}
