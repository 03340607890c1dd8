// Adversarial inputs for the extractor: random noise and degenerate texts of a given length.

/** A small deterministic generator (mulberry32), so every run measures the same text. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = `abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?'"“”‘’-—()[]\n\n`;
const WORDS = [
  "said",
  "told",
  "according to",
  "he",
  "Smith",
  "John Smith,",
  "a spokesman",
  "43",
  "at least",
  "of",
  '"',
  "“",
  "”",
  "'90s",
  "it's",
  ".",
  ",",
  "\n\n",
];

/** Noise: random characters, random words, and runs of one character, of `length` characters each. */
export function noiseInputs(length: number): Record<string, string> {
  const next = random(42);
  const chars = Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join("");
  let words = "";
  while (words.length < length) words += `${WORDS[Math.floor(next() * WORDS.length)]} `;
  return {
    "random characters": chars,
    "random words": words.slice(0, length),
    "quote marks only": '"'.repeat(length),
    "one unclosed quote": `"${"word ".repeat(length / 5)}`.slice(0, length),
    "capitals without punctuation": "Smith Jones said ".repeat(length / 17).slice(0, length),
  };
}
