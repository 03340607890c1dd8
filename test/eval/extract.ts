// npm run eval:extract [-- --set dev|heldout] [--verbose] — scores the extractor on the label sets
// (both unless --set picks one): direct-quote spans (exact and overlapping), speaker accuracy of
// matched quotes, and recall of statistics with their numbers. The dev set is what the rules were
// tuned on; only the held-out set says how the extractor does on articles it has not seen.
// npm run eval:extract -- --polnear [--part study|blind | --dev] [--single-marks] [--verbose] — the same scores
// on PolNeAR's direct quotes (../shared/data/polnear-quotes, read in place), per publisher, with a
// reliability table of the confidence; --single-marks reprints the texts in British quote marks. Study the study part; the blind part is for scoring only. The speaker figure
// is strict (first names must not differ where the text decides them), the lenient one beside it; a gold
// he/she is judged against its antecedent (polnear.ts, pronounAntecedents). --dev scores PolNeAR's dev
// split, a blind set: once per round, never with --verbose (refused).

import { type Candidate, extractClaims } from "../../src/extract";
import { LABEL_SETS, type LabelledArticle, type LabelSetName, loadLabelSet } from "./labels";
import {
  inSingleMarks,
  learnGenders,
  loadPolnear,
  POLNEAR_DIR,
  type PolnearPart,
  type PolnearScore,
  reliability,
  scorePolnear,
  sumPolnear,
} from "./polnear";

const IGNORED_WORDS = new Set(["the", "a", "an", "mr", "mrs", "ms", "dr", "professor", "prof"]);

function words(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, " ")
    .split(/\s+/)
    .filter((w) => w && !IGNORED_WORDS.has(w));
}

/** The extracted name is right if it is the label's name or part of it ("Trump" for "Donald Trump"). */
export function sameSpeaker(extracted: string | null, label: string | null): boolean {
  if (extracted === null || label === null) return extracted === label;
  const got = words(extracted);
  const want = new Set(words(label));
  return got.length > 0 && got.every((w) => want.has(w));
}

interface Score {
  labels: number;
  predicted: number;
  exact: number;
  overlap: number;
  speakerRight: number;
  speakerJudged: number;
  statistics: number;
  statisticsFound: number;
  /** Statistic candidates proposed (the labels are not exhaustive for statistics, so no precision). */
  statisticsProposed: number;
  misses: string[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

function score(article: LabelledArticle, candidates: Candidate[]): Score {
  const labels = article.claims.filter((c) => c.kind === "direct_quote");
  const predicted = candidates.filter((c) => c.kind === "direct_quote");
  const speakerName = (key: string | null) => article.speakers.find((s) => s.key === key)?.name ?? null;
  const s: Score = {
    labels: labels.length,
    predicted: predicted.length,
    exact: 0,
    overlap: 0,
    speakerRight: 0,
    speakerJudged: 0,
    statistics: 0,
    statisticsFound: 0,
    statisticsProposed: candidates.filter((c) => c.kind === "statistic").length,
    misses: [],
  };
  const taken = new Set<Candidate>();
  for (const label of labels) {
    const exact = predicted.find((p) => !taken.has(p) && p.start === label.start && p.end === label.end);
    const match = exact ?? predicted.find((p) => !taken.has(p) && overlaps(p, label));
    if (!match) {
      s.misses.push(`  missed ${label.id}: ${label.quote.slice(0, 70)}`);
      continue;
    }
    taken.add(match);
    s.overlap++;
    if (exact) s.exact++;
    else s.misses.push(`  span ${label.id}: got ${JSON.stringify(match.text.slice(0, 50))}`);
    s.speakerJudged++;
    const want = speakerName(label.speaker);
    if (sameSpeaker(match.speaker?.name ?? null, want)) s.speakerRight++;
    else s.misses.push(`  speaker ${label.id}: got ${match.speaker?.name ?? "null"}, want ${want}`);
  }
  for (const p of predicted) if (!taken.has(p)) s.misses.push(`  extra: ${JSON.stringify(p.text.slice(0, 70))}`);
  for (const label of article.claims.filter((c) => c.kind === "statistic")) {
    s.statistics++;
    const values = (label.numbers ?? []).map((n) => n.value);
    const hit = candidates.find(
      (c) => c.kind === "statistic" && overlaps(c, label) && values.every((v) => c.numbers?.some((n) => n.value === v)),
    );
    if (hit) s.statisticsFound++;
    else s.misses.push(`  statistic ${label.id}: ${label.quote.slice(0, 70)}`);
  }
  return s;
}

function prf(correct: number, predicted: number, labels: number): string {
  const p = predicted ? correct / predicted : 1;
  const r = labels ? correct / labels : 1;
  const f = p + r ? (2 * p * r) / (p + r) : 0;
  return `P ${p.toFixed(2)} R ${r.toFixed(2)} F1 ${f.toFixed(2)}`;
}

function line(name: string, s: Score): string {
  const speaker = s.speakerJudged ? (s.speakerRight / s.speakerJudged).toFixed(2) : "-";
  const stats = `${s.statistics ? `${s.statisticsFound}/${s.statistics}` : "-"} (${s.statisticsProposed} proposed)`;
  return (
    `${name.padEnd(28)} quotes ${String(s.labels).padStart(2)} found ${String(s.predicted).padStart(2)} | ` +
    `exact ${prf(s.exact, s.predicted, s.labels)} | overlap ${prf(s.overlap, s.predicted, s.labels)} | ` +
    `speaker ${speaker} | statistics ${stats}`
  );
}

function sum(scores: Score[]): Score {
  const total: Score = {
    labels: 0,
    predicted: 0,
    exact: 0,
    overlap: 0,
    speakerRight: 0,
    speakerJudged: 0,
    statistics: 0,
    statisticsFound: 0,
    statisticsProposed: 0,
    misses: [],
  };
  for (const s of scores) {
    for (const k of ["labels", "predicted", "exact", "overlap", "speakerRight", "speakerJudged"] as const)
      total[k] += s[k];
    total.statistics += s.statistics;
    total.statisticsFound += s.statisticsFound;
    total.statisticsProposed += s.statisticsProposed;
  }
  return total;
}

function report(set: LabelSetName, verbose: boolean): void {
  console.log(`== ${set} set (${LABEL_SETS[set]})`);
  const results = loadLabelSet(set).map((article) => ({ article, s: score(article, extractClaims(article.text)) }));
  for (const { article, s } of results) {
    console.log(line(article.name, s));
    if (verbose) for (const m of s.misses) console.log(m);
  }
  const wikinews = results.filter((r) => r.article.name.startsWith("GUM_"));
  console.log("");
  console.log(line("Wikinews (micro)", sum(wikinews.map((r) => r.s))));
  if (wikinews.length < results.length) console.log(line("All (micro)", sum(results.map((r) => r.s))));
}

function polnearLine(name: string, s: PolnearScore): string {
  const share = (n: number) => (s.speakerJudged ? (n / s.speakerJudged).toFixed(2) : "-");
  return (
    `${name.padEnd(20)} quotes ${String(s.labels).padStart(4)} found ${String(s.predicted).padStart(4)} ` +
    `overlapping ${String(s.overlap).padStart(4)} | ` +
    `exact ${prf(s.exact, s.predicted, s.labels)} | overlap ${prf(s.overlap, s.predicted, s.labels)} | ` +
    `speaker ${share(s.speakerRight)} (${s.speakerRight}/${s.speakerJudged}), lenient ${share(s.speakerLenient)}, ` +
    `first name undecided ${s.speakerUndecided} | partial quotes not scored ${s.partial}\n${"".padEnd(20)} ` +
    `pronouns ${s.pronounJudged ? (s.pronounRight / s.pronounJudged).toFixed(3) : "-"} (${s.pronounRight}/${s.pronounJudged}, ${s.pronounUnresolved} with no single antecedent not judged) | ` +
    `names and pronouns ${s.speakerJudged + s.pronounJudged ? ((s.speakerRight + s.pronounRight) / (s.speakerJudged + s.pronounJudged)).toFixed(3) : "-"} ` +
    `(${s.speakerRight + s.pronounRight}/${s.speakerJudged + s.pronounJudged}) | marked unresolved ${s.unresolved} of ${s.overlap}`
  );
}

/** The same figures with the partial quotes counted as wrong proposals, as if they were not marked. */
function polnearWithPartials(s: PolnearScore): string {
  const proposed = s.predicted + s.partial;
  return (
    `${"all, partials as FP".padEnd(20)} quotes ${String(s.labels).padStart(4)} found ${String(proposed).padStart(4)} | ` +
    `exact ${prf(s.exact, proposed, s.labels)} | overlap ${prf(s.overlap, proposed, s.labels)} | ` +
    `${s.partialMatching} of the partial quotes overlap a gold quote`
  );
}

function reportPolnear(part: PolnearPart, verbose: boolean, singleMarks: boolean): void {
  const loaded = loadPolnear(part);
  if (!loaded) {
    console.log(`PolNeAR skipped: ${POLNEAR_DIR} is not there (see issue 15).`);
    return;
  }
  const articles = singleMarks ? loaded.flatMap((a) => inSingleMarks(a) ?? []) : loaded;
  console.log(`== PolNeAR ${part} part (${articles.length} articles${singleMarks ? ", in single quote marks" : ""})`);
  const genders = learnGenders(loadPolnear("study") ?? []);
  const results = articles.map((article) => ({
    article,
    s: scorePolnear(article, extractClaims(article.text), genders),
  }));
  if (verbose) {
    for (const { article, s } of results) {
      if (s.misses.length === 0) continue;
      console.log(article.id);
      for (const m of s.misses) console.log(m);
    }
    console.log("");
  }
  const publishers = [...new Set(articles.map((a) => a.publisher))].sort();
  for (const p of publishers)
    console.log(polnearLine(p, sumPolnear(results.filter((r) => r.article.publisher === p).map((r) => r.s))));
  console.log("");
  const all = sumPolnear(results.map((r) => r.s));
  console.log(
    polnearLine("all but nyt", sumPolnear(results.filter((r) => r.article.publisher !== "nyt").map((r) => r.s))),
  );
  console.log(polnearLine("all", all));
  console.log(polnearWithPartials(all));
  console.log("");
  for (const l of reliability(all.judged)) console.log(l);
}

const args = process.argv.slice(2);
const sets = Object.keys(LABEL_SETS) as LabelSetName[];
const flag = args.findIndex((a) => a === "--set" || a.startsWith("--set="));
const wanted = flag < 0 ? undefined : (args[flag]?.split("=")[1] ?? args[flag + 1]);
if (wanted !== undefined && !sets.includes(wanted as LabelSetName)) {
  console.error(`--set must be one of: ${sets.join(", ")}`);
  process.exit(2);
}
if (args.includes("--polnear")) {
  const at = args.findIndex((a) => a === "--part" || a.startsWith("--part="));
  const part = at < 0 ? "study" : (args[at]?.split("=")[1] ?? args[at + 1]);
  const dev = args.includes("--dev");
  if (part !== "study" && part !== "blind") {
    console.error("--part must be study or blind");
    process.exit(2);
  }
  // The dev file is a blind set: its misses are never printed.
  if (dev && args.includes("--verbose")) {
    console.error("--dev is a blind set: it is scored, never read (no --verbose)");
    process.exit(2);
  }
  reportPolnear(dev ? "dev" : part, !dev && args.includes("--verbose"), args.includes("--single-marks"));
  process.exit(0);
}
(wanted ? [wanted as LabelSetName] : sets).forEach((set, i) => {
  if (i) console.log("");
  report(set, args.includes("--verbose"));
});
