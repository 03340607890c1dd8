// The one text normaliser. Duplicate detection, speaker matching and the re-check's
// "is the quote still there?" all compare text through it, so that curly and straight
// quotes, dashes, spacing and case never make two equal quotes look different.

const QUOTES: Record<string, string> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201A": "'",
  "\u201B": "'",
  "\u2032": "'",
  "\u0060": "'",
  "\u00B4": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u201F": '"',
  "\u2033": '"',
  "\u00AB": '"',
  "\u00BB": '"',
};
const QUOTE_CHARS = new RegExp(`[${Object.keys(QUOTES).join("")}]`, "g");
// Hyphen-like and dash-like characters, including the ASCII double hyphen used as a dash.
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]|--+/g;
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

export function normaliseText(input: string): string {
  return input
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(QUOTE_CHARS, (ch) => QUOTES[ch] ?? ch)
    .replace(DASHES, "-")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

// What quoting adds or drops at a quote's ends. The end's run is looked for only where a run
// starts: "[…]+$" alone was tried from every character of every run (a long "....." inside the
// text), each time to the run's end, quadratic in its length.
const QUOTE_ENDS = /^[\s"',.;:!?-]+|(?<![\s"',.;:!?-])[\s"',.;:!?-]+$/g;

/** The words of a quote for matching inside a longer text: normalised, without the
 * punctuation that quoting adds or drops at its ends ("…police," vs "…police."). */
export function normaliseQuote(input: string): string {
  return normaliseText(input).replace(QUOTE_ENDS, "");
}

/** Whether each quote stands in one long text (a source page), normalising the text once. */
export function quoteFinder(haystack: string): (quote: string) => boolean {
  const text = normaliseText(haystack);
  return (quote) => {
    const needle = normaliseQuote(quote);
    return needle.length > 0 && text.includes(needle);
  };
}

/** What makes two claims the same: their words and the sentence around them (with the same
 * speaker and source). The context matters for short fragments: Trump's "very good" chat and
 * his "very good" relationship are two claims in one article. */
export function claimDedupeKey(text: string, context: string | null | undefined): string {
  return dedupeKey(text, normaliseText(context ?? ""));
}

const dedupeKey = (text: string, normalisedContext: string) => `${normaliseQuote(text)}\u001f${normalisedContext}`;

/** claimDedupeKey of many claims from one text (an article's candidates, often many to one
 * sentence): each context is normalised once. */
export function claimDedupeKeys(claims: { text: string; context: string | null }[]): string[] {
  const contexts = new Map<string, string>();
  return claims.map(({ text, context }) => {
    let normal = contexts.get(context ?? "");
    if (normal === undefined) {
      normal = normaliseText(context ?? "");
      contexts.set(context ?? "", normal);
    }
    return dedupeKey(text, normal);
  });
}

/** Same name and role (after normalising) is the same speaker. */
export function speakerMatchKey(name: string, role: string | null | undefined): string {
  return `${normaliseText(name)}\u001f${normaliseText(role ?? "")}`;
}

/** What identifies a source without a url: its title and publisher after normalising, and the
 * day it was published when that is given ("2020-03-05", also of a date-time). Either the title
 * or the publisher may be missing ("told AFP": the publisher alone), not both: null then.
 * A source with a url is identified by its canonical url instead (domain/url.ts). */
export function sourceMatchKey(source: {
  title?: string | null;
  publisher?: string | null;
  publishedAt?: string | null;
}): string | null {
  const title = normaliseText(source.title ?? "");
  const publisher = normaliseText(source.publisher ?? "");
  if (!title && !publisher) return null;
  return `${title}\u001f${publisher}\u001f${(source.publishedAt ?? "").trim().slice(0, 10)}`;
}
