// Resolving a speaker that is not a name: a possessive phrase ("her statement", "his spokesman") to the
// person its pronoun stands for, and a definite description ("the minister", "the Florida senator") to the
// person last talked about whose role it names. What stays unresolved is said so (speaker_resolved).

import { eachCapitalRun, firstNameOf, NOT_NAME, nameFromRun, surnameOf } from "./names";

/** Whether a speaker's name names someone: it opens with a capital (a person, "the White House" read as
 * "White House", an agency), not a description in lower case ("her statement", "officials"), a pronoun or
 * a function word. */
export function namesSomeone(name: string): boolean {
  const first = firstNameOf(name.trim());
  return /^\p{Lu}/u.test(first) && !NOT_NAME.has(first.toLowerCase());
}

// Things a person's words are written in: "her statement said" is hers.
const WORDS_NOUNS =
  "statement|statements|remarks|comments|words|letter|tweet|tweets|post|email|e-mail|message|speech|memo|op-ed|column|book|memoir|interview|testimony|testimonies|website|blog|account|announcement|release|note";
// People and bodies who speak for someone: "his spokesman said" is the spokesman's, on his behalf.
const AGENT_NOUNS =
  "spokesman|spokeswoman|spokesperson|spokespeople|aide|aides|adviser|advisers|advisor|lawyer|lawyers|attorney|attorneys|office|campaign|representative|press secretary|staff|team";
const POSSESSIVE = new RegExp(`^(his|her|their|its)\\s+(?:[a-z-]+\\s+){0,2}?(${WORDS_NOUNS}|${AGENT_NOUNS})$`, "i");
const AGENT = new RegExp(`^(?:${AGENT_NOUNS})$`, "i");

// "a statement from the Department of Labor", "the report by the UN agency": words with their author after them.
const WORDS_FROM = new RegExp(`^(?:a|an|the)\\s+(?:[a-z-]+\\s+){0,2}?(?:${WORDS_NOUNS}|report|study)$`, "i");
const AUTHOR = /^(?:from|by|of)\s+(?:the\s+)?(\p{Lu}.*)$/u;

/** Who words described by what they are in ("a statement from the Department of Labor") come from: the
 * name after "from", "by" or "of", or null. */
export function authorOfWords(description: string, after: string | null): string | null {
  if (!after || !WORDS_FROM.test(description.trim())) return null;
  return AUTHOR.exec(after.trim())?.[1] ?? null;
}

export interface Possessive {
  /** The pronoun the possessive stands for ("her" → "she"). */
  pronoun: "he" | "she" | "they" | "it";
  /** The noun: what was said in ("statement") or who said it ("spokesman"). */
  noun: string;
  /** Someone speaking for the possessor, not the possessor's own words. */
  agent: boolean;
}

/** "her statement", "his campaign spokesman", "its annual report"…: the possessor's pronoun and the noun. */
export function possessiveSpeaker(description: string): Possessive | null {
  const m = POSSESSIVE.exec(description.trim());
  if (!m?.[1] || !m[2]) return null;
  const owner = m[1].toLowerCase();
  const pronoun = owner === "his" ? "he" : owner === "her" ? "she" : owner === "its" ? "it" : "they";
  const noun = m[2].toLowerCase();
  return { pronoun, noun, agent: AGENT.test(noun) };
}

// Role words in their short forms ("Sen. Ann Lee" is a senator).
const EXPANSIONS: Record<string, string> = {
  sen: "senator",
  rep: "representative",
  gov: "governor",
  gen: "general",
  pres: "president",
  sec: "secretary",
  prof: "professor",
  lt: "lieutenant",
  col: "colonel",
  capt: "captain",
  congressman: "representative",
  congresswoman: "representative",
  chairwoman: "chairman",
  chair: "chairman",
  spokeswoman: "spokesman",
  spokesperson: "spokesman",
};
const normalRole = (word: string) => {
  const w = word.toLowerCase().replace(/[.,]+$/, "");
  return EXPANSIONS[w] ?? w;
};

// Nouns a role is named by ("the minister", "the senator"), not things ("the report") or groups.
const ROLE_HEADS = new Set(
  (
    "minister secretary senator representative governor mayor president chairman spokesman director " +
    "judge justice ambassador general colonel captain lieutenant commissioner chancellor premier " +
    "professor coach prosecutor attorney lawyer sheriff chief leader speaker treasurer nominee candidate " +
    "executive founder economist analyst author adviser advisor official officer detective inspector " +
    "manager owner superintendent principal dean bishop pastor councillor councilman councilwoman " +
    // A party's member ("the Washington Democrat" after "Pramila Jayapal, a Washington Democrat").
    "democrat republican independent tory conservative liberal socialist"
  ).split(" "),
);

export interface Description {
  /** The role noun it is named by, normalised ("senator"). */
  head: string;
  /** The other words, lower case ("florida", "former"), an owner's ("the company's") left out. */
  modifiers: string[];
  /** The capitalised ones and a named owner ("Florida", "Iran's"): the person's role or name must hold them. */
  proper: string[];
}

// What opens a description of one person: an article or demonstrative, or an owner ("its", "Iran's").
const DEFINITE = /^(?:the|this|that|its|their|\p{Lu}[\p{L}.-]*['’]s)$/iu;
const OWNED = /['’]s$/;

/** A definite description of one person by role ("the minister", "the Florida senator", "the former
 * president", "its foreign minister", "Iran's foreign minister"); null for anything else (an indefinite
 * "a senator" introduces someone new). */
export function definiteDescription(description: string): Description | null {
  return roleDescription(description, DEFINITE);
}

/** An indefinite description of one person by role ("a freshman congresswoman"): someone new, whom a
 * report's first paragraph may name only after it. */
export function indefiniteDescription(description: string): Description | null {
  return roleDescription(description, /^an?$/i);
}

function roleDescription(description: string, opener: RegExp): Description | null {
  const words = description.trim().split(/\s+/);
  if (words.length < 2 || words.length > 5 || !opener.test(words[0] as string)) return null;
  const head = normalRole(words.at(-1) as string);
  if (!ROLE_HEADS.has(head)) return null;
  const middle = words.slice(1, -1);
  const owner = words[0] as string;
  return {
    head,
    modifiers: middle.filter((w) => !OWNED.test(w)).map((w) => w.toLowerCase()),
    proper: [...(OWNED.test(owner) && /^\p{Lu}/u.test(owner) ? [owner] : []), ...middle]
      .filter((w) => /^\p{Lu}/u.test(w))
      .map((w) => w.toLowerCase().replace(OWNED, "")),
  };
}

/** Whether a role ("Minister of Innovation", "Sen.", "the Florida senator") names the description's head. */
export function roleNames(role: string | null, d: Description): boolean {
  if (!role) return false;
  return role.split(/[\s,]+/).some((w) => normalRole(w) === d.head);
}

/** The person a definite description stands for: the one last talked about (the last of `people`), when
 * their role (or home and party) names its head and holds its capitalised words ("the Florida senator");
 * with capitalised words, also the only one of `people` they fit. Anyone else (a
 * senator named earlier, with someone else talked about since) is a guess the text does not decide, so
 * the description stays unresolved. */
export function personDescribed<P extends { name: string; role: string | null }>(
  d: Description,
  people: readonly P[],
  homes: ReadonlyMap<string, string> = new Map(),
): P | null {
  const p = people.at(-1);
  if (p && fits(d, p, homes)) return p;
  // "the Florida senator" when someone else was talked about since: the one person of `people` it fits, as
  // its capitalised words single them out.
  if (d.proper.length === 0) return null;
  const fitting = people.filter((q) => fits(d, q, homes));
  return fitting.length === 1 ? (fitting[0] as P) : null;
}

/** Whether a person's role, or home and party ("republican south carolina", homes.ts), names the
 * description's head and holds its capitalised words. */
function fits(d: Description, p: { name: string; role: string | null }, homes: ReadonlyMap<string, string>): boolean {
  const home = homes.get(surnameOf(p.name)) ?? "";
  if (!roleNames(`${p.role ?? ""} ${home}`, d)) return false;
  const about = `${p.role} ${p.name} ${home}`.toLowerCase();
  return d.proper.every((w) => about.includes(w));
}

/** The person a description stands for when the article names them only after it, as a report's first
 * paragraph does ("its foreign minister said …" before "Foreign Minister Abbas Araqchi told …"): the first
 * of `people` (those named just after, in text order) whose title holds the description's role and its
 * other lower-case words. A named owner ("Iran's") is seldom in the title and is not asked for. */
export function personNamedAfter<P extends { name: string; role: string | null }>(
  d: Description,
  people: readonly P[],
): P | null {
  return (
    people.find((p) => {
      if (!roleNames(p.role, d)) return false;
      const words = new Set(
        (p.role ?? "")
          .toLowerCase()
          .split(/[\s,]+/)
          .map(normalRole),
      );
      return d.modifiers.every((w) => DESCRIPTIVE.has(w) || words.has(normalRole(w)));
    }) ?? null
  );
}

// Words that describe the person, not the office, and that a title seldom carries ("a freshman congresswoman"
// is "Rep. Maya Torres").
const DESCRIPTIVE = new Set(
  "former freshman veteran longtime top senior junior new outgoing incoming retiring embattled first-term".split(" "),
);

// Bodies named by their kind ("the ministry said" after "the Interior Ministry"): the kind, and how a name of
// that kind ends or reads. A company's name ends with its legal form; the others hold the kind's word.
// "The government", "the police" and "the office" are left out: which one is meant is seldom written.
const COMPANY = /\b(?:Inc|Corp|Co|Ltd|LLC|plc|PLC|AG|SA|Company|Corporation|Group|Holdings)\.?$/;
const BODY_KINDS = new Set(
  (
    "ministry department agency party union university council commission committee court bank airline " +
    "institute foundation association museum board authority organization organisation"
  ).split(" "),
);

/** How to know the body a definite description of one by its kind stands for ("the company", "the
 * ministry"), or null for anything else. */
export function bodyKind(description: string): ((name: string) => boolean) | null {
  const m = /^the\s+(\S+)$/i.exec(description.trim());
  const kind = m?.[1]?.toLowerCase();
  if (!kind) return null;
  if (kind === "company" || kind === "firm") return (name) => COMPANY.test(name);
  if (!BODY_KINDS.has(kind)) return null;
  const word = new RegExp(`\\b${kind}\\b`, "i");
  return (name) => word.test(name);
}

/** The last body of a kind named in `text` (the stretch before a description), or null. */
export function lastBodyIn(text: string, isKind: (name: string) => boolean): string | null {
  let found: string | null = null;
  eachCapitalRun(
    text,
    ({ run }) => {
      const named = nameFromRun(run);
      if (named && isKind(named.name)) found = named.name;
    },
    false,
  );
  return found;
}
