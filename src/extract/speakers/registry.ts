// The people an article names, for resolving a bare surname (or a misspelt one) to the full name
// introduced before it.

import { eachCapitalRun, firstNameOf, nameFromRun, type Run, surnameOf } from "./names";

/** Two rows of the edit-distance table, reused from call to call. */
let rows = [new Int32Array(64), new Int32Array(64)] as const;

/** Whether `a` and `b` are at most `limit` edits apart (Levenshtein distance), in O(limit × length):
 * only the diagonal band the limit allows is computed, and the work stops at the first row beyond it. */
export function withinEdits(a: string, b: string, limit: number): boolean {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return false;
  const over = limit + 1;
  if (rows[0].length < m + 2) rows = [new Int32Array(2 * m + 2), new Int32Array(2 * m + 2)];
  let [previous, current] = rows;
  for (let j = 0; j <= Math.min(m, limit); j++) previous[j] = j;
  previous[Math.min(m, limit) + 1] = over;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - limit);
    const hi = Math.min(m, i + limit);
    // Left of the band: column 0 (i deletions) or a cell the limit rules out.
    current[lo - 1] = lo === 1 ? Math.min(i, over) : over;
    let best = current[lo - 1] as number;
    for (let j = lo; j <= hi; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
        over,
      );
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > limit) return false;
    // Right of the band, as the next row reads it.
    current[hi + 1] = over;
    [previous, current] = [current, previous];
  }
  return (previous[m] as number) <= limit;
}

interface Known {
  name: string;
  role: string | null;
  at: number;
  /** Order of introduction: the later of two people with the same name wins. */
  order: number;
}

/** The people filed under one key (a surname, a first name), for "the one introduced last before an offset".
 * A person stays on the list only while no one added later was introduced at or before them, so the
 * offsets rise along it and a bisection finds the answer. */
class Introductions {
  /** Made with its first person: most keys have one, and a list made empty reserved room for many. */
  private readonly list: Known[];

  constructor(first: Known) {
    this.list = [first];
  }

  add(k: Known): void {
    while (this.list.length > 0 && (this.list.at(-1) as Known).at >= k.at) this.list.pop();
    this.list.push(k);
  }

  /** The last one added. */
  last(): Known | undefined {
    return this.list.at(-1);
  }

  /** The last one added among those introduced at or before `at`. */
  lastBefore(at: number): Known | undefined {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.list[mid] as Known).at <= at) lo = mid + 1;
      else hi = mid;
    }
    return this.list[lo - 1];
  }
}

// Misspelt surnames: one letter off from five letters ("Water" for Waters), two from six.
const FUZZY_MIN_LENGTH = 5;
const editsAllowed = (word: string) => (word.length >= 6 ? 2 : 1);
/** Surnames kept under one key of the fuzzy index, the most recently filed: this bounds the
 * candidates (and edit-distance comparisons) of a lookup whatever the number of names. */
export const FUZZY_KEEP = 4;
/** How many words' close surnames are kept at most, before the answers kept start again. */
const CLOSE_KEPT = 256;

/** Where the `part`-th of `parts` near-equal pieces of a string of `length` characters starts. */
const pieceStart = (length: number, part: number, parts: number) => Math.floor((part * length) / parts);

/** A key for a piece of a surname: a hash of the scheme (pieces), the surname's length, the piece's
 * number and its letters. Two pieces may share a key; the comparison that follows sorts them out. */
function pieceKey(parts: number, length: number, part: number, text: string, start: number, end: number): number {
  let h = Math.imul(2166136261 ^ parts, 16777619);
  h = Math.imul(h ^ length, 16777619);
  h = Math.imul(h ^ part, 16777619);
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h & 0x3fffffff;
}

interface Filed {
  surname: string;
  letters: number;
  /** The last lookup that compared it: a surname filed under several pieces is compared once. */
  seen: number;
}

/** The classes of a word's characters (char code mod 32) as bits: a cheap lower bound on edits. */
function letterClasses(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) bits |= 1 << (word.charCodeAt(i) & 31);
  return bits;
}

function bitCount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Lower-case surnames by their pieces, for finding those within one or two edits of a word without
 * comparing it with every surname. Split into limit + 1 pieces, a surname within `limit` edits of the
 * word keeps one piece intact, found in the word where the letters inserted and deleted before it
 * move it: the first piece only later, the last only nearer the end. */
class SurnameIndex {
  private readonly byPiece = new Map<number, Filed[]>();
  /** Changes whenever a surname is filed, so that answers kept for a word are known to be current. */
  version = 0;
  /** Filed surnames looked at so far (for tests: a lookup looks at a bounded number). */
  looked = 0;
  private lookups = 0;

  add(surname: string): void {
    this.version++;
    const entry = { surname, letters: letterClasses(surname), seen: 0 };
    const length = surname.length;
    for (const parts of [2, 3]) {
      for (let part = 0; part < parts; part++) {
        const start = pieceStart(length, part, parts);
        const key = pieceKey(parts, length, part, surname, start, pieceStart(length, part + 1, parts));
        const filed = this.byPiece.get(key);
        if (!filed) this.byPiece.set(key, [entry]);
        else {
          filed.push(entry);
          if (filed.length > FUZZY_KEEP) filed.shift();
        }
      }
    }
  }

  /** The surnames within `limit` (1 or 2) edits of `word`, in the order first found: a bounded set is
   * compared, without those whose letters already differ too much (each edit adds or removes at most
   * two classes), each once (marked with the lookup, rather than gathered in a set to compare after). */
  within(word: string, limit: number): string[] {
    const found: string[] = [];
    const stamp = ++this.lookups;
    const letters = letterClasses(word);
    const parts = limit + 1;
    for (let length = Math.max(1, word.length - limit); length <= word.length + limit; length++) {
      // At most this many letters inserted into the surname to make the word, and deleted from it.
      const inserted = Math.floor((limit + word.length - length) / 2);
      const deleted = Math.floor((limit - word.length + length) / 2);
      for (let part = 0; part < parts; part++) {
        const start = pieceStart(length, part, parts);
        const size = pieceStart(length, part + 1, parts) - start;
        // Only insertions move the first piece (right) and the end of the last one (left).
        const from = part === 0 ? 0 : part === parts - 1 ? word.length - size - inserted : start - deleted;
        const to = part === 0 ? inserted : part === parts - 1 ? word.length - size : start + inserted;
        for (let at = Math.max(0, from); at <= Math.min(word.length - size, to); at++) {
          const filed = this.byPiece.get(pieceKey(parts, length, part, word, at, at + size));
          if (!filed) continue;
          this.looked += filed.length;
          for (const f of filed) {
            if (f.seen === stamp || bitCount(f.letters ^ letters) > 2 * limit) continue;
            f.seen = stamp;
            if (withinEdits(f.surname, word, limit)) found.push(f.surname);
          }
        }
      }
    }
    return found;
  }
}

/** Files a person under a key of one of the registry's indexes. */
function file(index: Map<string, Introductions>, key: string, k: Known): void {
  const filed = index.get(key);
  if (filed) filed.add(k);
  else index.set(key, new Introductions(k));
}

/** The people an article names with first and last name, in order, for resolving "Amiri said": indexed
 * by surname, first name and pieces of the surname, so a lookup does not grow with their number. */
export class NameRegistry {
  private readonly byName = new Map<string, Known>();
  private readonly bySurname = new Map<string, Introductions>();
  private readonly byFirstName = new Map<string, Introductions>();
  private readonly byLowerSurname = new Map<string, Introductions>();
  /** The piece index, built at the first misspelt surname (most articles have none). */
  private surnames: SurnameIndex | null = null;
  /** Lower-case surnames in the order they were filed. */
  private readonly lowerSurnames: string[] = [];
  private readonly close = new Map<string, { version: number; surnames: string[] }>();
  private firstAt = Number.POSITIVE_INFINITY;
  /** Everyone filed, in the order of their introduction in the text. */
  private readonly introductions: Known[] = [];
  /** How many of `introductions` the constructor read (in text order; speakers remembered later follow). */
  private read = 0;
  /** Surnames compared so far (by their letters, then by edit distance): for tests, a lookup compares a
   * bounded number of them whatever the number of names. */
  get comparisons(): number {
    return this.surnames?.looked ?? 0;
  }

  constructor(masked: string) {
    // One visitor for all the article's segments, not one made for each.
    let at = 0;
    const visit = ({ run }: Run) => {
      // A run of one word names no one with a first and last name.
      if (run.length < 2) return;
      const named = nameFromRun(run);
      if (named?.person && named.name.includes(" ") && !this.byName.has(named.name)) {
        this.add(named.name, named.title, at);
      }
    };
    for (const m of masked.matchAll(/[^,;:()\n]+/g)) {
      at = m.index;
      eachCapitalRun(m[0], visit, false);
    }
    this.read = this.introductions.length;
  }

  private add(name: string, role: string | null, at: number): void {
    const k: Known = { name, role, at, order: this.byName.size };
    this.byName.set(name, k);
    this.firstAt = Math.min(this.firstAt, at);
    this.introductions.push(k);
    const surname = surnameOf(name);
    file(this.bySurname, surname, k);
    file(this.byFirstName, firstNameOf(name), k);
    const lower = surname.toLowerCase();
    if (!this.byLowerSurname.has(lower)) {
      this.lowerSurnames.push(lower);
      this.surnames?.add(lower);
    }
    file(this.byLowerSurname, lower, k);
  }

  remember(name: string, role: string | null, at: number): void {
    const found = this.byName.get(name);
    if (found) found.role ??= role;
    else if (name.includes(" ")) this.add(name, role, at);
  }

  /** A one-word name to the full name introduced before `at` (surname, first name, or a misspelt surname);
   * the latest such person, or, when no one was introduced before `at`, the latest in the article. */
  resolve(word: string, at: number): Known | null {
    const byLast = this.latest(this.bySurname.get(word), at);
    if (byLast) return byLast;
    const byFirst = this.latest(this.byFirstName.get(word), at);
    if (byFirst) return byFirst;
    if (word.length < FUZZY_MIN_LENGTH) return null;
    let best: Known | null = null;
    for (const surname of this.closeSurnames(word)) {
      const k = this.latest(this.byLowerSurname.get(surname), at);
      if (k && (!best || k.order > best.order)) best = k;
    }
    return best;
  }

  /** The people introduced before `at`, the latest first, at most `limit` of them. */
  introducedBefore(at: number, limit: number): { name: string; role: string | null }[] {
    const out: Known[] = [];
    // Filed in text order but for a speaker remembered late: the tail is read back until `limit` are found.
    for (let i = this.introductions.length - 1; i >= 0 && out.length < limit; i--) {
      const k = this.introductions[i] as Known;
      if (k.at < at) out.push(k);
    }
    return out.sort((a, b) => b.at - a.at);
  }

  /** The people introduced after `at` and no further than `reach` characters on, in text order. */
  introducedAfter(at: number, reach: number): { name: string; role: string | null }[] {
    // The names the constructor read are filed in text order: a binary search finds the first after `at`.
    let lo = 0;
    let hi = this.read;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.introductions[mid] as Known).at <= at) lo = mid + 1;
      else hi = mid;
    }
    const out: Known[] = [];
    for (let i = lo; i < this.read && (this.introductions[i] as Known).at <= at + reach; i++) {
      out.push(this.introductions[i] as Known);
    }
    return out;
  }

  /** The person of a list introduced last before `at`, or the last of all when no one was introduced before `at`. */
  private latest(filed: Introductions | undefined, at: number): Known | undefined {
    return this.firstAt <= at ? filed?.lastBefore(at) : filed?.last();
  }

  /** The known lower-case surnames close enough to a word to be its misspelling, kept per word. */
  private closeSurnames(word: string): string[] {
    const lower = word.toLowerCase();
    const allowed = editsAllowed(word);
    const key = `${allowed}|${lower}`;
    if (!this.surnames) {
      this.surnames = new SurnameIndex();
      for (const surname of this.lowerSurnames) this.surnames.add(surname);
    }
    const kept = this.close.get(key);
    if (kept?.version === this.surnames.version) return kept.surnames;
    const surnames = this.surnames.within(lower, allowed);
    // A word is looked up again soon after (resolved, then remembered): the answers for every word of a
    // long text, kept to its end, made its collection slower.
    if (this.close.size >= CLOSE_KEPT) this.close.clear();
    this.close.set(key, { version: this.surnames.version, surnames });
    return surnames;
  }
}
