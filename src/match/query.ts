// What the matcher asks the index: the query's rarest words (and their synonyms), OR-ed, ranked
// by BM25 with the claim's own words weighted above its context and speaker.
import { type Corpus, idf, indexTerms, type PreparedQuery } from "./rerank";
import { synonymsOf } from "./synonyms";

/** How many candidates the index hands the rerank. */
export const CANDIDATES = 100;

/** bm25() weights of the match index's columns: text, context, speaker name. */
export const COLUMN_WEIGHTS = [1, 0.6, 0.4] as const;

/** At most this many query words go to the index (the rarest), so a long post stays cheap. */
export const MAX_TERMS = 24;

/** A word in more than this share of the claims is left out when rarer ones remain: it would
 * make the index score most of the table (every match is scored) and rank nothing. */
const COMMON_SHARE = 0.08;
/** …but a word in fewer claims than this is never common: on a small desk every word is rare. */
const COMMON_FLOOR = 100;

/** The words to ask for, rarest first, given how many claims hold each query stem. */
export function pickTerms(q: PreparedQuery, corpus: Corpus): string[] {
  const terms = indexTerms(q)
    .map((t) => ({ ...t, weight: idf(corpus, t.stem), df: corpus.docFreq.get(t.stem) ?? 0 }))
    .filter((t) => t.df > 0)
    .sort((a, b) => b.weight - a.weight);
  // Common words only widen the candidates when nothing rarer is there to rank them by.
  const rare = terms.filter((t) => t.df <= Math.max(corpus.size * COMMON_SHARE, COMMON_FLOOR));
  const chosen = (rare.length > 0 ? rare : terms.slice(0, 3)).slice(0, MAX_TERMS);
  const words = new Set<string>();
  for (const t of chosen) {
    words.add(t.word);
    for (const synonym of synonymsOf(t.stem)) words.add(synonym);
  }
  return [...words];
}

/** The FTS5 query for the words: each one quoted (input is never FTS syntax), any may match. */
export function ftsQuery(words: string[]): string | null {
  const safe = words.map((w) => w.replace(/[^\p{L}\p{N}]/gu, "")).filter((w) => w !== "");
  return safe.length === 0 ? null : safe.map((w) => `"${w}"`).join(" OR ");
}
