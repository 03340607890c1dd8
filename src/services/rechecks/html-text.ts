// An HTML page as the reader sees its words: HTMLRewriter walks the markup, drops what is not
// the article (scripts, styles, navigation, page header and footer), and turns block elements
// into line breaks so words of two paragraphs never run together.

const DROPPED = ["head", "script", "style", "noscript", "template", "nav", "header", "footer", "svg", "iframe"];
const BLOCKS = [
  "address, article, aside, blockquote, dd, div, dl, dt, figcaption, figure, form, h1, h2, h3, h4, h5, h6",
  "li, main, ol, p, pre, section, table, td, th, tr, ul",
];
/** Void elements that break a line: no content, no end tag. */
const BREAKS = "br, hr";

// The named character references that matter for words and quotes; numeric ones are decoded generally.
const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00A0",
  lsquo: "\u2018",
  rsquo: "\u2019",
  sbquo: "\u201A",
  ldquo: "\u201C",
  rdquo: "\u201D",
  bdquo: "\u201E",
  laquo: "\u00AB",
  raquo: "\u00BB",
  prime: "\u2032",
  Prime: "\u2033",
  ndash: "\u2013",
  mdash: "\u2014",
  minus: "\u2212",
  hellip: "\u2026",
  shy: "\u00AD",
  thinsp: "\u2009",
  ensp: "\u2002",
  emsp: "\u2003",
  zwj: "\u200D",
  zwnj: "\u200C",
  copy: "\u00A9",
  reg: "\u00AE",
  deg: "\u00B0",
  euro: "\u20AC",
  pound: "\u00A3",
  eacute: "\u00E9",
  egrave: "\u00E8",
  aacute: "\u00E1",
  agrave: "\u00E0",
  ouml: "\u00F6",
  uuml: "\u00FC",
  auml: "\u00E4",
  ccedil: "\u00E7",
};

/** Decodes character references in text content (HTMLRewriter hands text over undecoded). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);?/gi, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\uFFFD";
    }
    return ENTITIES[ref] ?? whole;
  });
}

/** The text of an HTML document given as bytes, read with the charset of `contentType`. */
export async function htmlToText(body: Uint8Array, contentType: string): Promise<string> {
  const parts: string[] = [];
  let skipping = 0;
  const rewriter = new HTMLRewriter()
    .on(DROPPED.join(", "), {
      element(el) {
        skipping++;
        el.onEndTag(() => {
          skipping--;
        });
      },
    })
    .on(BLOCKS.join(", "), {
      element(el) {
        parts.push("\n");
        el.onEndTag(() => void parts.push("\n"));
      },
    })
    .on(BREAKS, {
      element() {
        parts.push("\n");
      },
    })
    .onDocument({
      text(chunk) {
        // Line breaks in the markup are just spaces; only block boundaries break lines.
        if (skipping === 0 && chunk.text) parts.push(chunk.text.replace(/\s+/g, " "));
      },
    });
  await rewriter.transform(new Response(body, { headers: { "content-type": contentType } })).arrayBuffer();
  return decodeEntities(parts.join(""))
    .split("\n")
    .map((line) => line.replace(/[\s\u00A0]+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}
