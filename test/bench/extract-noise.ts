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

/** A word of capitalised random letters, `length` long ("Qzqzqa"). */
function capitalised(next: () => number, length: number): string {
  let word = String.fromCharCode(65 + Math.floor(next() * 26));
  for (let i = 1; i < length; i++) word += String.fromCharCode(97 + Math.floor(next() * 26));
  return word;
}

/** Repeats pieces from `piece` until the text is `length` characters long. */
function fill(length: number, piece: (i: number) => string): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < length; i++) {
    const p = piece(i);
    parts.push(p);
    size += p.length;
  }
  return parts.join("").slice(0, length);
}

/** Texts shaped to hit the extractor's superlinear spots (issue 10), `length` characters each; the
 * work per character must not grow with the length. Structures that a window or the sentence cap
 * bounds come at a fixed size, plus one that grows with the text. */
export function adversarialInputs(length: number): Record<string, string> {
  const next = random(7);
  // Spaces and tabs: a line break in a run would make it a paragraph break.
  const whitespace = (n: number) => fill(n, (i) => (i % 3 ? " " : "\t"));
  const grows = Math.floor(length / 10);
  // Half the text introduces distinct people, the other half names unknown ones ("Qzqzqa said so."),
  // each of which used to be compared with every person introduced before it.
  const people = fill(length / 2, () => `${capitalised(next, 5)} ${capitalised(next, 6)} arrived. `);
  const unknown = fill(length - people.length, () => `${capitalised(next, 6)} said so. `);
  const quoteMarks = [
    '"',
    "“",
    "”",
    '"Yes," said Ann Lee. ',
    "“We “will” win”",
    ' "a "b" c" ',
    'said, "',
    "word ",
    ". ",
  ];
  return {
    "distinct names": `${people}\n\n${unknown}`.slice(0, length),
    "quote marks": fill(
      length,
      (i) => `${quoteMarks[Math.floor(next() * quoteMarks.length)]}${i % 40 === 39 ? "\n\n" : ""}`,
    ),
    // A quote, then whitespace where its attribution would be; sentences padded inside.
    "whitespace runs": fill(
      length,
      (i) =>
        `"We will win the vote,"${whitespace(i % 5 === 4 ? grows : 500)}said Ann Lee${whitespace(500)}. ` +
        `She said 40 people${whitespace(900)}came. ${i % 2 ? "\n\n" : ""}`,
    ),
    // Sentences (under the sentence cap) of cues without a subject ("and said, and said, …") and
    // sources that never close ("according to a b c …"), with quotes.
    "repeated cues": fill(length, (i) =>
      i % 60 === 59
        ? ". So "
        : i % 10 === 9
          ? '"We will win the vote," '
          : i % 60 < 30
            ? "and said, "
            : "according to a b c d e f g h ",
    ),
    "one long sentence": fill(length, (i) =>
      i % 8 === 7
        ? 'and "we will win the vote" '
        : `${capitalised(next, 5)} ${capitalised(next, 7)} told reporters that ${i} people came `,
    ),
    // Paragraphs without a full stop: the search for each paragraph's last sentence end ran to the text's end.
    "paragraphs, no stops": fill(length, (i) => (i % 5 ? "no stop\n\n" : '"We will win the vote," said Ann Lee\n\n')),
    // Long runs of full stops, apostrophes and commas inside words, and numbers in a reported sentence.
    "punctuation runs": fill(length, (i) => {
      const run = i % 10 === 9 ? grows : 400;
      return `Ann ${".".repeat(run)}x said "yes". Lee x${"'".repeat(run)}y told AFP "no". Bob${",".repeat(run)}x said 4 ${"1 ".repeat(200)}people came. `;
    }),
  };
}
