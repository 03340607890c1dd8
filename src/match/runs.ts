// The longest run of consecutive words two word sequences share, for the rerank's names ("Lin Ode"
// of "Mayor Lin Ode"). Asking the claim's text for each run of each name (text.includes) cost the
// query's names times their runs times the claim's length: a long run of capitalised words, or a
// post of many names, against a long context took seconds. A suffix automaton of the claim's words
// answers any name in one pass over it, after one pass over the claim. Only the words that can be
// asked for are kept (the names' words): the others are breaks, so the automaton stays small.

/** Stands for the words between those kept: no word asked for is this. */
const BREAK = "\u0000";

export class RunIndex {
  private readonly next: Map<string, number>[] = [new Map()];
  private readonly link: number[] = [-1];
  private readonly length: number[] = [0];
  private last = 0;

  /** The words in order; only those in `kept` can be found in a run. */
  constructor(words: readonly string[], kept: ReadonlySet<string>) {
    let broken = true;
    for (const word of words) {
      if (kept.has(word)) this.extend(word);
      else if (!broken) this.extend(BREAK);
      broken = !kept.has(word);
    }
  }

  private extend(word: string): void {
    const cur = this.add(this.length[this.last] as number, -1, new Map());
    let p = this.last;
    while (p !== -1 && !this.next[p]?.has(word)) {
      this.next[p]?.set(word, cur);
      p = this.link[p] as number;
    }
    if (p === -1) this.link[cur] = 0;
    else {
      const q = this.next[p]?.get(word) as number;
      if ((this.length[p] as number) + 1 === this.length[q]) this.link[cur] = q;
      else {
        const clone = this.add(this.length[p] as number, this.link[q] as number, new Map(this.next[q]));
        while (p !== -1 && this.next[p]?.get(word) === q) {
          this.next[p]?.set(word, clone);
          p = this.link[p] as number;
        }
        this.link[q] = clone;
        this.link[cur] = clone;
      }
    }
    this.last = cur;
  }

  /** A state one word longer than `from`'s length. */
  private add(from: number, link: number, next: Map<string, number>): number {
    this.length.push(from + 1);
    this.link.push(link);
    this.next.push(next);
    return this.length.length - 1;
  }

  /** The longest run of consecutive `words` that the indexed words hold in a row; of equally long
   * runs, the one that starts first. */
  longestRun(words: readonly string[]): string[] {
    let state = 0;
    let run = 0;
    let best = 0;
    let bestEnd = 0;
    words.forEach((word, i) => {
      while (state !== 0 && !this.next[state]?.has(word)) {
        state = this.link[state] as number;
        run = this.length[state] as number;
      }
      const to = this.next[state]?.get(word);
      if (to === undefined) run = 0;
      else {
        state = to;
        run++;
      }
      if (run > best) {
        best = run;
        bestEnd = i + 1;
      }
    });
    return words.slice(bestEnd - best, bestEnd);
  }
}
