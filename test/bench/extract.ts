// npm run bench:extract — median time of extractClaims per labelled article and for a
// 10,000-character article, against a baseline measured in the same run (a plain regex scan
// for quote marks over the same text), reported as a ratio; then noise, and adversarial inputs
// at 10, 100 and 200 KB in ms per KB, whose ratio 200 KB / 10 KB shows whether the work grows
// faster than the text (it should stay within 2×).

import { extractClaims } from "../../src/extract";
import { loadLabelSet } from "../eval/labels";
import { adversarialInputs, noiseInputs } from "./extract-noise";

const QUOTE_MARKS = /["\u201C\u201D]/g;

function baseline(text: string): number {
  return [...text.matchAll(QUOTE_MARKS)].length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median milliseconds of `runs` calls, after a warm-up. */
function time(fn: () => unknown, runs: number): number {
  for (let i = 0; i < 5; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const fmt = (ms: number) => `${ms < 1 ? ms.toFixed(3) : ms.toFixed(2)} ms`;
const articles = loadLabelSet();

console.log(
  "article".padEnd(30),
  "chars".padStart(6),
  "extract".padStart(10),
  "baseline".padStart(10),
  "ratio".padStart(7),
);
const perArticle = articles.map(({ name, text }) => {
  const extract = time(() => extractClaims(text), 50);
  const scan = time(() => baseline(text), 50);
  console.log(
    name.padEnd(30),
    String(text.length).padStart(6),
    fmt(extract).padStart(10),
    fmt(scan).padStart(10),
    `${(extract / scan).toFixed(0)}×`.padStart(7),
  );
  return { extract, scan };
});
const medianExtract = median(perArticle.map((r) => r.extract));
const medianScan = median(perArticle.map((r) => r.scan));
console.log(
  `\nmedian per article (${articles.length} articles): extract ${fmt(medianExtract)}, baseline ${fmt(medianScan)}, ratio ${(medianExtract / medianScan).toFixed(0)}×`,
);

// A 10,000-character article: label-set articles one after another, cut at a paragraph break.
let long = "";
for (const { text } of articles) {
  long += `${text.trim()}\n\n`;
  if (long.length >= 10_000) break;
}
long = long.slice(0, long.lastIndexOf("\n\n", 10_000));
const longExtract = time(() => extractClaims(long), 100);
const longScan = time(() => baseline(long), 100);
console.log(
  `${long.length}-character article: extract ${fmt(longExtract)}, baseline ${fmt(longScan)}, ratio ${(longExtract / longScan).toFixed(0)}×`,
);

for (const [name, text] of Object.entries(noiseInputs(200_000))) {
  console.log(
    `200,000 characters of noise (${name}): extract ${fmt(time(() => extractClaims(text), 5))}, baseline ${fmt(time(() => baseline(text), 5))}`,
  );
}

// Adversarial inputs (issue 10) at three sizes: the time per KB must stay flat as the text grows. Each
// size is timed over runs that add up to the same amount of text (a mean, so that the garbage
// collection a run leaves behind counts at every size, as a median of short runs would not).
const SIZES = [10_000, 100_000, 200_000];
const adversarial = SIZES.map((size) => adversarialInputs(size));

function msPerKb(text: string): number {
  const runs = Math.max(5, Math.round(2_000_000 / text.length));
  for (let i = 0; i < Math.max(2, Math.round(400_000 / text.length)); i++) extractClaims(text);
  const started = performance.now();
  for (let i = 0; i < runs; i++) extractClaims(text);
  return (performance.now() - started) / runs / (text.length / 1000);
}

console.log(
  `\nadversarial inputs: ms per KB at ${SIZES.map((s) => `${s / 1000} KB`).join(", ")} (mean over 2 MB of text each); 200 KB / 10 KB`,
);
for (const name of Object.keys(adversarial[0] ?? {})) {
  const perKb = adversarial.map((inputs) => msPerKb(inputs[name] as string));
  const ratio = (perKb.at(-1) as number) / (perKb[0] as number);
  console.log(
    name.padEnd(20),
    perKb.map((ms) => ms.toFixed(3).padStart(8)).join(" "),
    `${ratio.toFixed(2)}×`.padStart(8),
    ratio > 2 ? "  grows faster than the text" : "",
  );
}
