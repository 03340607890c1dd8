// The noun phrase that names a speaker: a name with its role, a pronoun or a description, read from the
// words before a cue (its clause's end, past an apposition or an adverbial).

import {
  capitalRuns,
  firstNameOf,
  isSpace,
  type Mention,
  NOT_NAME,
  nameFromRun,
  PARTICLES,
  PRONOUNS,
  splitCount,
  trimEndOf,
} from "./names";

const LEADING_LINKS =
  /^(?:(?:and|but|while|as|with|after|when|although|though|so|then|yet|that|which|who|also|if|unless|once|whether)(?:\s+|$))+/i;
// Where a speaker's noun phrase ends and its description begins ("Matthew Ingram of The Globe and Mail").
const SPOKEN_TO = /\s+(?:speaking|talking|writing) (?:to|with)\s.*$/;
const HEAD_END = /\s(?:of|for|from|at|who|(?:seen|quoted|cited|obtained|published) by)\s/;
// A verb ending the subject of a longer clause ("Sunak defended the record whilst …").
const CLAUSE_VERB = /^(?:[a-z]+ed|is|was|are|were|has|had|have|will|would|can|could)$/;
const LAST_CONJUNCT = /\s(?:and|but|while|as|when)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4})$/u;
// "… grew so heated that New Jersey Gov. Chris Christie (said)": a subordinate clause's own subject.
const LAST_SUBORDINATE =
  /\s(?:that|because|after|before|until|since|if|where|although|though)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4})$/u;
const DETERMINER = /^(?:a|an|the|one|another|some|two|three|his|her|its|their|our|this|that)$/i;
// "the New York Democrat", "the 81-year-old Republican": someone described by party, not named.
const PARTY_DESCRIPTION =
  /^the\s+(?:\S+\s+){0,3}(?:democrat|republican|independent|tory|conservative|liberal|socialist)$/i;
const namedList = (list: string): Mention => ({ name: list.replace(/^the\s+/i, ""), role: null, person: false });
const LISTED = "(?:the\\s+)?\\p{Lu}[\\p{L}.'’-]*(?:\\s+\\p{Lu}[\\p{L}.'’-]*){0,3}";
const NAMED_LIST = new RegExp(`^${LISTED}(?:,\\s+${LISTED})*,?\\s+and\\s+${LISTED}$`, "u");
const DETERMINER_ONLY = /^(?:the|a|an|his|her|its|their)?$/i;

/** The description right before a name ("US Forces-Afghanistan spokesman Sonny Leggett"), up to a function word or verb. */
function roleWords(before: string): string[] {
  const out: string[] = [];
  for (const w of before.split(/\s+/).filter(Boolean).reverse()) {
    const lower = w.toLowerCase();
    // A number ("In 2007, Paris left") or a label's colon ("Image: Mark Rathbun") ends the description too.
    // A surname's particle ("ten Hag") is part of the name, not of the description.
    if (out.length >= 5 || NOT_NAME.has(lower) || PARTICLES.has(w) || /(?:ed|ing)$|["“”]|x{3}|\d|:$/.test(lower)) break;
    out.unshift(w);
  }
  return out;
}

/** Reads a noun phrase that names a speaker: a name (with role), a pronoun or a common noun phrase. */
export function readSpeakerPhrase(raw: string, apposition: string | null): Mention | { pronoun: string } | null {
  let phrase = raw
    .replace(/["“”]|x{3,}/g, " ")
    .trim()
    .replace(LEADING_LINKS, "");
  phrase = trimEndOf(phrase, ".!?").trim();
  // "Ms. Sherry smiled and (said)", "Mrs. Clinton shook her head and (said)": the name that opens the clause.
  const compound = /^(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})\s+[a-z][^,;:]*\s(?:and|but)$/u.exec(phrase);
  if (compound?.[1] && !NOT_NAME.has((compound[1].split(/\s+/)[0] as string).toLowerCase())) phrase = compound[1];
  // "a woman asked for a photo and Clinton (said)": a clause before, then the subject of the cue's own.
  const conjoined = LAST_CONJUNCT.exec(phrase);
  if (
    conjoined?.[1] &&
    phrase
      .slice(0, conjoined.index)
      .split(/\s+/)
      .some((w) => CLAUSE_VERB.test(w))
  ) {
    phrase = conjoined[1];
  }
  const subordinate = LAST_SUBORDINATE.exec(phrase);
  if (subordinate?.[1] && !NOT_NAME.has((subordinate[1].split(/\s+/)[0] as string).toLowerCase())) {
    phrase = subordinate[1];
  }
  // "Another source speaking to Fox News (said)": the one spoken to is never the speaker.
  phrase = phrase.replace(SPOKEN_TO, "");
  // An apposition holding a masked quote (a title: "author of \"xxxx\"") would show only the mask: no role.
  // An age ("Tom Smith, 54, said") is no role either.
  let role =
    (apposition && !/x{3,}|^\s*\d+\s*$/.test(apposition) && apposition.trim().replace(/^\d{1,3},\s*/, "")) || null;
  const head = HEAD_END.exec(phrase);
  if (head && head.index > 0) {
    const runs = capitalRuns(phrase.slice(0, head.index));
    const named = runs.at(-1);
    const endsWithPerson = named && !named.modifier && nameFromRun(named.run)?.person;
    // A relative clause ("… member who supports Trump") never holds the speaker.
    if (endsWithPerson || runs.length === 0 || head[0] === " who ") {
      role ??= phrase.slice(head.index + 1);
      phrase = phrase.slice(0, head.index);
    }
  }
  const words = phrase.split(/\s+/);
  if (words.length > 4) {
    // Not a participle after a determiner: "one unaligned strategist", "a retired nurse".
    const verbAt = words.findIndex((w, i) => i > 0 && CLAUSE_VERB.test(w) && !DETERMINER.test(words[i - 1] as string));
    if (verbAt > 0) phrase = words.slice(0, verbAt).join(" ");
  }
  if (!phrase) return null;
  // Pronouns are short: a long phrase is not lower-cased to find out.
  const lower = phrase.length <= 4 ? phrase.toLowerCase() : "";
  if (PRONOUNS.has(lower)) return { pronoun: lower };
  if (PARTY_DESCRIPTION.test(phrase)) return { name: phrase, role, person: false };
  // A run starts at a capital: without one (a long source of lower-case words) there is none to read.
  const last = /[A-Z]/.test(phrase) ? capitalRuns(phrase).at(-1) : undefined;
  if (last && (!last.modifier || last.possessive)) {
    const named = nameFromRun(last.run);
    if (named) {
      // An honorific ("Mr.") says how to address the person, not what they do; what comes before it may
      // ("Undersecretary for Education Mr. Toccafondi").
      const titled = named.title?.replace(TRAILING_HONORIFIC, "") ?? "";
      const title = titled ? [titled] : [];
      const office = titled ? (OFFICE_OF.exec(last.before)?.[0].trim() ?? "") : "";
      const premodifier = [...(office ? [office] : roleWords(last.before)), ...title].join(" ").replace(/[,;:]+$/, "");
      const fromPremodifier = premodifier && !DETERMINER_ONLY.test(premodifier) ? premodifier : null;
      // "council member Dee Park, who voted against it": the office says more than the relative clause.
      const described = role && fromPremodifier && /^(?:who|whose|which)\s/i.test(role) ? fromPremodifier : role;
      return { name: named.name, role: described ?? fromPremodifier, person: named.person };
    }
  }
  // "the Minister of Innovation, Navdeep Bains, (said)": a description whose apposition is the name.
  if (role && /^(?:the\s|an?\s|\p{Ll})/iu.test(phrase) && /^\p{Lu}/u.test(role)) {
    const named = readSpeakerPhrase(role, null);
    if (named && "person" in named && named.person && named.name.includes(" ")) return { ...named, role: phrase };
  }
  if (splitCount(phrase) > 7) return null;
  // "a figure the police union (said)": a clause with no "that" after a noun, whose subject says something
  // about that noun, not the speaker of the quote before it.
  if (REDUCED_RELATIVE.test(phrase)) return null;
  // A predicate is not a subject: "went on to (say)", "issued a statement Tuesday (saying)".
  if (PREDICATE.test(phrase)) return null;
  return { name: phrase, role, person: false };
}

// Not a noun phrase: it opens with a verb, an adverb or a preposition ("put it in his memo", "loudly",
// "in what officials"), or ends with a verb or a function word ("a woman asked", "went on to").
const PREDICATE =
  /^(?:[a-z]+(?:ed|ly)|said|says|put|puts|told|tells|in|of|for|at|on|with|by|as|from|into|about|because|so|if|now|then|here|there|again|too|also|still|later|soon|today)\b|\b(?:to|and|but|or|that|of|the|a|an|said|says|told|asked|added|wrote|replied|noted|explained)$/;
// (A preposition before the article makes a noun phrase: "a report by the state auditor".)
const REDUCED_RELATIVE =
  /^(?:a|an|one|another|the)\s+[a-z-]+(?:\s+(?!(?:by|from|of|for|at|in|on|with)\s)[a-z-]+)?\s+(?:the|a|an|his|her|its|their)\s/i;
const TRAILING_HONORIFIC = /(?:^|\s+)(?:mr|mrs|ms|miss)\.?$/i;
// The office a capitalised title continues: "Undersecretary for (Education)", "Minister of (Health)".
const OFFICE_OF = /\p{Lu}[\p{L}-]*\s+(?:for|of)\s*$/u;

// Auxiliaries and the adverbs of manner and time news copy puts before a speech verb ("then loudly asked").
const COMMA_IN_TITLE_END = /,(["”])(\s*)$/;
const JOINED_CLAUSE_END = /,\s+(and|but|yet)\s*$/;
const AUXILIARY =
  /^(?:has|have|had|also|later|then|now|further|would|will|once|however|again|even|just|often|loudly|quietly|angrily|flatly|bluntly|simply|repeatedly|publicly|privately|firmly|softly|sharply|jokingly|proudly|finally|recently|previously|initially|subsequently|frequently|quickly|calmly|tearfully|sarcastically)$/i;

// "Harbor Foods Inc. on Thursday (reported)", "the ministry late Tuesday (said)": when, not who.
const TRAILING_TIME =
  /\s+(?:(?:on|late|early|last)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|week)(?:\s+(?:morning|afternoon|evening|night))?\s*$/i;

/** "X has also" → "X": pre.replace(/(?:\s+(?:has|…|once))+\s*$/i, ""), word by word from the end
 * (the pattern tried every space of a long run again). */
function withoutTrailingAuxiliaries(pre: string): string {
  let end = pre.length;
  while (end > 0 && isSpace(pre[end - 1])) end--;
  let cut = pre.length + 1;
  for (;;) {
    let start = end;
    while (start > 0 && !isSpace(pre[start - 1])) start--;
    if (start === 0 || start === end || !AUXILIARY.test(pre.slice(start, end))) break;
    end = start;
    while (end > 0 && isSpace(pre[end - 1])) end--;
    cut = end;
  }
  return cut > pre.length ? pre : pre.slice(0, cut);
}

const ADVERBIAL = /^(?:in|during|speaking|writing|when|while|via|through)\b/i;

/** The speaker before a cue: the end of the clause, skipping an apposition (", a member of …,"). */
export function subjectBefore(pre: string): Mention | { pronoun: string } | null {
  // "Lee used to back the plan, but now (said)": a clause joined by "and"/"but" shares the first one's subject.
  // '…, author of "The Charter," (said)': the comma a title's quote marks close over is the apposition's.
  const text = withoutTrailingAuxiliaries(withoutTrailingAuxiliaries(pre).replace(TRAILING_TIME, ""))
    .replace(JOINED_CLAUSE_END, " $1")
    .replace(COMMA_IN_TITLE_END, "$1,$2");
  // "France, Britain and Germany (said in a joint statement)": they spoke together; the last alone did not.
  // So did "Oslo and Reykjavik" after "On Friday,".
  const whole = text.trim();
  if (NAMED_LIST.test(whole) && !NOT_NAME.has(firstNameOf(whole).toLowerCase())) return namedList(whole);
  const segments = text.split(/[,;:()[\]]|\s[-–—]+\s/);
  while (segments.length > 0 && !(segments.at(-1) as string).trim()) segments.pop();
  const last = (segments.at(-1) ?? "").trim();
  const previous = (segments.at(-2) ?? "").trim();
  const endsWithComma = /,\s*$/.test(text);
  if (!endsWithComma && NAMED_LIST.test(last) && !NOT_NAME.has(firstNameOf(last).toLowerCase())) return namedList(last);
  const previousRuns = capitalRuns(previous);
  const previousRun = previousRuns.at(-1);
  const nameBefore = previousRun !== undefined && !previousRun.modifier;
  const looksAppositive = /^(?:a|an|the|of|from|for|\d+)\b/i.test(last) || !/[A-Z]/.test(last) || nameBefore;
  // "X, in remarks to Y, said": a phrase about the speaking, not a description of the speaker.
  // So is "A senior official, speaking on condition of anonymity, said": the description is the speaker.
  if (endsWithComma && previous && ADVERBIAL.test(last)) return readSpeakerPhrase(previous, null);
  // "X, curator at the University of Arkansas, Fayetteville, said": a description holding a comma of its own.
  if (endsWithComma && /^(?:[a-z]|(?:a|an|the)\s)/.test(previous) && /^[A-Z]/.test(last)) {
    const name = (segments.at(-3) ?? "").trim();
    const nameRun = capitalRuns(name).at(-1);
    const named = nameRun && !nameRun.modifier ? readSpeakerPhrase(name, `${previous}, ${last}`) : null;
    if (named && "person" in named && named.person) return named;
  }
  // "J.J. Goldberg, editor at large of The Forward, an influential paper, wrote": descriptions back to the name.
  if (endsWithComma && DESCRIPTION_START.test(previous)) {
    const named = nameBeforeDescriptions(segments);
    if (named) return named;
  }
  if (endsWithComma && previousRuns.length > 0 && looksAppositive) return readSpeakerPhrase(previous, last);
  // "Anthony Anton, president and CEO of the association stated": the apposition's closing comma left out.
  if (!endsWithComma && nameBefore && DESCRIPTION_START.test(last) && /\s(?:of|at|for)\s/.test(last)) {
    const person = readSpeakerPhrase(previous, last);
    if (person && "person" in person && person.person) return person;
  }
  // "A spokeswoman for the ministry, who asked not to be named, said": the relative clause describes her.
  if (endsWithComma && previous && /^(?:who|whose|which)\s/i.test(last)) return readSpeakerPhrase(previous, null);
  const named = readSpeakerPhrase(last, null);
  // "the shadow health secretary, Victoria Atkins, said": the description before the name is the role.
  const description = previous.replace(LEADING_LINKS, "");
  if (endsWithComma && named && "person" in named && named.person && !named.role && ROLE_BEFORE.test(description)) {
    return { ...named, role: description };
  }
  return named;
}

// "the shadow health secretary", "Labour's shadow health secretary": a description, with an owner or an article.
const ROLE_BEFORE = /^(?:the|a|an|his|her|its|their|\p{Lu}[\p{L}.-]*['’]s)\s+(?:\S+\s+){0,5}\S+$/iu;

const DESCRIPTION_START = /^(?:[a-z]|(?:a|an|the)\s|\d)/;

/** The person named before a run of descriptions (each opening in lower case, with an article or a
 * number), three at most, with the descriptions as the role. */
function nameBeforeDescriptions(segments: string[]): Mention | null {
  for (let k = segments.length - 2; k >= Math.max(0, segments.length - 4); k--) {
    const segment = (segments[k] as string).trim();
    if (DESCRIPTION_START.test(segment) || !segment) continue;
    const run = capitalRuns(segment).at(-1);
    if (!run || run.modifier) return null;
    const role = segments
      .slice(k + 1)
      .map((d) => d.trim())
      .filter(Boolean)
      .join(", ");
    const named = readSpeakerPhrase(segment, role);
    return named && "person" in named && named.person ? named : null;
  }
  return null;
}
