// A claim's context is the sentence around it, with its quote marks: the demo loader and the
// article import both take it from the article this way, so the same quote gets the same
// context (and so the same duplicate key) whichever way it arrives.

/** The sentence(s) around the `occurrence`-th appearance of `quote` in the article, with
 * their quote marks: from the end of the previous sentence (or the paragraph start) to the
 * first sentence end at or after the quote's last character. */
export function sentenceAround(article: string, quote: string, occurrence = 0): string {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = article.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`quote not in article: ${quote}`);
  const paragraphStart = article.lastIndexOf("\n", at) + 1;
  // Only the quote's own paragraph is searched back, so long articles stay cheap.
  const lead = article.slice(paragraphStart, at).match(/^[\s\S]*[.!?][”"’]?\s+/)?.[0].length ?? 0;
  const start = paragraphStart + lead;
  const tail = /[.!?][”"’]?(?=\s|$)/g;
  tail.lastIndex = at + quote.length - 1;
  const end = tail.exec(article);
  return article.slice(start, end ? end.index + end[0].length : article.length).trim();
}
