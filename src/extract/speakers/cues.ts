// Reading cues: the speech verbs and phrases that attribute words to someone, found in a text.

/** Speech verbs (and phrases) that attribute words to someone. */
const CUE_VERBS =
  "said|says|say|saying|told|tells|tell|telling|tweeted|tweets|wrote|writes|writing|stated|states|stating|added|adds|" +
  "replied|continued|explained|noted|notes|asserted|concluded|claimed|claims|insisted|warned|argued|reasoned|" +
  "announced|reported|reports|reporting|recalled|commented|declared|described|characterized|characterised|dubbed|" +
  "called|reads|recommending|recommended|promising|promised|cited|confirmed|estimated|estimates|found|suggest|suggests|" +
  "admitted|admits|acknowledged|conceded|" +
  // Verbs of answering, asking and manner: news copy varies "said" a great deal.
  "asked|asks|responded|responds|answered|retorted|countered|replied|remarked|joked|quipped|exclaimed|exhorted|" +
  "barked|snapped|shot back|fired back|went on|pointed out|observed|predicted|boasted|complained|lamented|vowed|" +
  "urged|cautioned|emphasized|stressed|maintained|testified|posted|shouted|yelled|mused|recounted|recalls|" +
  "affirms|affirmed|contended|contends|agreed|put it|puts it|write|continues|continuing|explaining|" +
  "elaborated|tweeting|chanted|chanting|echoing|echoed|mouthing|jeered|sings|sang|" +
  // The present tense of features and columns ("Coan argues that …").
  "argues|insists|warns|predicts|concludes|complains|acknowledges|asserts|elaborates";

/** The phrases as one alternation factored by their letters ("sa(?:id|y(?:s|ing)?)|…"): the same
 * matches, but each position of the text tries the letters once rather than every phrase in turn. */
function factored(phrases: string[]): string {
  const byFirst = new Map<string, string[]>();
  let ends = false;
  for (const p of phrases) {
    if (p === "") ends = true;
    else byFirst.set(p[0] as string, [...(byFirst.get(p[0] as string) ?? []), p.slice(1)]);
  }
  const branches = [...byFirst].map(([first, rests]) => first + factored(rests));
  if (branches.length === 0) return "";
  if (branches.length === 1 && !ends) return branches[0] as string;
  return `(?:${branches.join("|")})${ends ? "?" : ""}`;
}

const CUE_PHRASES = factored([
  ...new Set([
    "according to",
    // Sentence-initial ("According to Woodward, …").
    "According to",
    "in the words of",
    "In the words of",
    "quoting",
    "issued a statement",
    ...CUE_VERBS.split("|"),
  ]),
]);
const CUE_SOURCE = `\\b${CUE_PHRASES}\\b(?:\\s+(?:the\\s+)?(?:[A-Z][\\w.&-]*(?:\\s+[A-Z][\\w.&-]*){0,3}|reporters|journalists|the press|the court|the police|police))?`;
const CUE = new RegExp(CUE_SOURCE, "g");
// ", X said" / ", X, a spokesman for Y, said" right after a quote; the apposition may have commas of its
// own (", Ann Lee, 67, a nurse in Dayton, Ohio, said"). The subject starts at the first word:
// letting it start with the spaces before (a subject of spaces only reads as no one anyway) made the
// pattern try every way of sharing a run of spaces, cubic in its length.
export const SUBJECT_THEN_CUE = new RegExp(
  `^\\s*(?:[,.]\\s*)?(?=[^,.;:!?"“”\\s])([^,.;:!?"“”]{1,80}?)(?:,\\s*([^;:!?"“”]{1,160}?),)?\\s+(?:(?:has|have|had|also|later)\\s+)*(${CUE_SOURCE})`,
);

// "has been told to", "a device called": passive and participle uses attribute nothing.
// So does a participle after an article ("an estimated cost", "the reported figure").
const PASSIVE_BEFORE = /\b(?:been|was|were|is|are|be|a|an|the)\s+$/i;
// Speech denied is no attribution: "officials have not said why", "he declined to say", "never said".
const DENIED_BEFORE = /\b(?:not|never|n't|declined to|refused to)\s+$/i;
// A plural noun that spells like a cue, before its own verb or an "of": "Recent reports have revealed",
// "claims of fraud", "Estimates suggest".
const NOUN_CUE = /^(?:reports|claims|estimates|notes|posts|tweets|states)$/;
const NOUN_CUE_AFTER =
  /^\s+(?:have|has|had|are|were|say|said|show|shows|showed|suggest|suggests|suggested|indicate|indicates|indicated|reveal|revealed|of|about)\b/;

/** The cues in a text. CUE runs with exec: matchAll's copy of so long a pattern cost more than the
 * search of a short sentence (and nothing runs CUE inside the loop, so callers can still nest). */
export function cuesIn(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  CUE.lastIndex = 0;
  for (let m = CUE.exec(text); m; m = CUE.exec(text)) {
    if (PASSIVE_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    if (DENIED_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    const word = m[0].split(/\s/, 1)[0] as string;
    if (NOUN_CUE.test(word) && NOUN_CUE_AFTER.test(text.slice(m.index + word.length, m.index + word.length + 14)))
      continue;
    // "The fight went on." ends a sentence: only "went on," / "went on:" / "went on to say" introduce words.
    if (m[0] === "went on" && /^\s*[.;!?]/.test(text.slice(m.index + 7, m.index + 9))) continue;
    out.push(m);
  }
  return out;
}

// Cues that put the speaker after them ("according to X", "in the words of X").
export const SOURCE_FIRST = /^(?:[Aa]ccording to|[Ii]n the words of|quoting)/;
const TELL = /^(?:told|tells|tell|telling)\b/;

export function cueText(cue: string): string {
  const normal = cue.replace(/\s+/g, " ");
  // "told the Commons." at a sentence's end: the full stop is not the cue's.
  if (TELL.test(normal)) return normal.replace(/^telling/, "told").replace(/(?<![A-Z])\.$/, "");
  if (SOURCE_FIRST.test(normal)) return normal.replace(/^A/, "a").replace(/^I/, "i");
  // "went on", "fired back": the particle is part of the verb.
  return /^(?:went on|shot back|fired back|pointed out|put it)\b/.exec(normal)?.[0] ?? (normal.split(" ")[0] as string);
}

// The full stop of an honorific or an initial before a name ("Mr. Rhodes", "James B. Cunningham").
// "Carl Mott Jr., the treasurer, said": a suffix's stop before the comma of an apposition is hidden too.
// A title's stop before any word ("former Pennsylvania Gov. and DNC Chairman Ed Rendell") is no sentence end either.

/** A participle cue ("…, saying", "…, writing:"): its subject is the one that opens the sentence. */
export const PARTICIPLE_CUE =
  /^(?:saying|telling|told|writing|adding|explaining|noting|arguing|declaring|asking|insisting|warning|tweeting|stating|recalling|promising)\b/;
