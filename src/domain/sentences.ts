// A claim's context is the sentence around it, with its quote marks: the demo loader and the
// article import both take it from the article this way, so the same quote gets the same
// context (and so the same duplicate key) whichever way it arrives.

// What ends a sentence before a quote (its spaces included), and what ends the quote's sentence.
const LEAD = /[.!?][”"’]?\s+/g;
const TAIL = /[.!?][”"’]?(?=\s|$)/g;

/** The last of the ascending `values` at or below `limit`, as its index (-1 for none). */
function lastAtOrBelow(values: readonly number[], limit: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The sentences of one article, for the sentence around each of its quotes. The paragraph
 * starts and sentence ends are found once: searched from each quote (back to its paragraph's
 * start, on to the next sentence end), an import of many quotes in a long paragraph read that
 * paragraph again for every quote, quadratic in its length. */
export class ArticleSentences {
  /** Just after each line break. */
  private readonly paragraphs: number[] = [];
  /** Each mark that ends a sentence and is followed by spaces: its offset, where its spaces start and end. */
  private readonly leadMarks: number[] = [];
  private readonly leadSpaces: number[] = [];
  private readonly leadEnds: number[] = [];
  /** Each mark that ends a sentence before a space or the end: its offset and its end. */
  private readonly tailMarks: number[] = [];
  private readonly tailEnds: number[] = [];
  /** Each sentence as cut before, so that quotes in one sentence share one string. */
  private readonly cut = new Map<string, string>();

  constructor(private readonly article: string) {
    for (let at = article.indexOf("\n"); at >= 0; at = article.indexOf("\n", at + 1)) this.paragraphs.push(at + 1);
    for (const m of article.matchAll(LEAD)) {
      this.leadMarks.push(m.index);
      this.leadSpaces.push(m.index + (/\s/.test(m[0][1] as string) ? 1 : 2));
      this.leadEnds.push(m.index + m[0].length);
    }
    for (const m of article.matchAll(TAIL)) {
      this.tailMarks.push(m.index);
      this.tailEnds.push(m.index + m[0].length);
    }
  }

  /** The sentence(s) around the `length` characters at `at`: from the end of the previous
   * sentence (or the paragraph start) to the first sentence end at or after their last character. */
  around(at: number, length: number): string {
    // (A line break at `at` itself counts, as lastIndexOf("\n", at) found it.)
    const paragraph = lastAtOrBelow(this.paragraphs, at + 1);
    const paragraphStart = paragraph >= 0 ? (this.paragraphs[paragraph] as number) : 0;
    // The last sentence end in the paragraph before the quote, with at least one of its spaces
    // before the quote; what it takes of them stops at the quote.
    const lead = lastAtOrBelow(this.leadSpaces, at - 1);
    const start =
      lead >= 0 && (this.leadMarks[lead] as number) >= paragraphStart
        ? Math.min(this.leadEnds[lead] as number, at)
        : paragraphStart;
    const tail = lastAtOrBelow(this.tailMarks, at + length - 2) + 1;
    const end = tail < this.tailMarks.length ? (this.tailEnds[tail] as number) : this.article.length;
    const key = `${start} ${end}`;
    let sentence = this.cut.get(key);
    if (sentence === undefined) {
      sentence = this.article.slice(start, end).trim();
      this.cut.set(key, sentence);
    }
    return sentence;
  }
}

/** The sentence(s) around the `occurrence`-th appearance of `quote` in the article, with
 * their quote marks (see ArticleSentences.around). */
export function sentenceAround(article: string, quote: string, occurrence = 0): string {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = article.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`quote not in article: ${quote}`);
  return new ArticleSentences(article).around(at, quote.length);
}
