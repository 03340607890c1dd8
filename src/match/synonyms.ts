// Generic words that name the same thing in posts and in fact-checks ("this pic" / "a photograph
// shows"). Each group folds to its first stem on both sides, and the index is asked for every
// member. Written by hand; no topic words, only the vocabulary of claims about media and speech.
import { porterStem } from "./porter";

const GROUPS: string[][] = [
  ["photo", "photos", "photograph", "photographs", "picture", "pictures", "pic", "pics", "image", "images", "snapshot"],
  ["video", "videos", "footage", "clip", "clips", "film", "filmed", "recording"],
  ["meme", "memes", "graphic", "infographic"],
  ["tweet", "tweets", "tweeted", "post", "posts", "posted"],
  ["quote", "quotes", "quoted", "statement"],
  ["kill", "kills", "killed", "killing", "dead", "death", "deaths", "die", "died", "dies"],
  ["arrest", "arrested", "arrests", "detained", "jailed"],
  ["ban", "bans", "banned", "banning", "prohibit", "prohibits", "prohibited", "outlaw", "outlawed"],
  ["fake", "hoax", "false", "fabricated", "doctored", "photoshopped", "altered"],
  ["president", "potus"],
  ["usa", "america", "american", "us"],
  ["uk", "britain", "british"],
  ["children", "child", "kids", "kid"],
  ["money", "cash", "funds", "funding"],
  ["attack", "attacks", "attacked", "strike", "strikes"],
  ["mosque", "mosques"],
  ["fire", "fires", "wildfire", "wildfires", "blaze", "bushfire", "bushfires"],
];

const CANONICAL = new Map<string, string>();
const MEMBERS = new Map<string, string[]>();
for (const group of GROUPS) {
  const head = porterStem(group[0] ?? "");
  for (const word of group) CANONICAL.set(porterStem(word), head);
  MEMBERS.set(head, group);
}

/** The stem standing for a stem's synonym group (itself when it has none). */
export function canonicalStem(stem: string): string {
  return CANONICAL.get(stem) ?? stem;
}

// Only the media groups widen what the index is asked for: the others would pull in every
// death hoax for "dead"; they still count as the same word in the rerank.
const EXPANDED = new Set(GROUPS.slice(0, 3).map((g) => porterStem(g[0] ?? "")));

/** The other words of a stem's synonym group, to ask the index for. */
export function synonymsOf(stem: string): string[] {
  const head = CANONICAL.get(stem);
  return head && EXPANDED.has(head) ? (MEMBERS.get(head) ?? []) : [];
}
