// Who wrote a history entry: the system's own actors, and token names that identify one person.
// A token's name is the actor of everything done with it, so two tokens whose names look the same
// (`Dana` and `DANA`, `reviewerA` and `reviewerA` + a zero-width space) or a token named like the
// system would make the history lie about who did what.

/** The ADMIN_TOKEN secret's actor. */
export const ADMIN_TOKEN_ACTOR = "admin (ADMIN_TOKEN)";
/** The scheduled re-check's actor (flags it raises and clears). */
export const RECHECK_ACTOR = "recheck job";
/** The webhook deliveries' actor (endpoints it disables). */
export const WEBHOOK_ACTOR = "webhook job";
/** The demo loader's actor (`npm start` on an empty database). */
export const DEMO_ACTOR = "demo data";

const SYSTEM_ACTORS = [ADMIN_TOKEN_ACTOR, RECHECK_ACTOR, WEBHOOK_ACTOR, DEMO_ACTOR];

// Zero-width and other invisible characters (U+200B, U+2060, U+FEFF, variation selectors, soft hyphen…).
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
const SPACES = /\s+/gu;

/**
 * The key two names are the same person by: NFKC, invisible characters removed, spaces collapsed,
 * case folded (upper then lower folds `ß` with `SS` and the Greek sigmas together).
 */
export function personKey(name: string): string {
  return name
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(SPACES, " ")
    .trim()
    .toUpperCase()
    .toLowerCase()
    .normalize("NFKC");
}

/** Letters and digits only: `Re-check Job`, `recheck_job` and `RECHECK JOB` read alike. */
const skeleton = (name: string) => personKey(name).replace(/[^\p{L}\p{N}]+/gu, "");

/** Skeletons a token name may not have, with the system actor each would pass for. */
const RESERVED = new Map<string, string>([
  ...SYSTEM_ACTORS.map((actor) => [skeleton(actor), actor] as [string, string]),
  ["admin", ADMIN_TOKEN_ACTOR],
  ["admintoken", ADMIN_TOKEN_ACTOR],
  ["recheck", RECHECK_ACTOR],
  ["webhook", WEBHOOK_ACTOR],
  ["webhooks", WEBHOOK_ACTOR],
  ["demo", DEMO_ACTOR],
  ["system", "the system"],
]);

/** The system actor a token name would pass for, or null when it reads as its own. */
export function imitatedActor(name: string): string | null {
  const key = skeleton(name);
  if (key.includes("admintoken")) return ADMIN_TOKEN_ACTOR;
  return RESERVED.get(key) ?? null;
}

/** Who the desk's header says is signed in: a token's name is its person's; the ADMIN_TOKEN
 * secret belongs to no person, so it is named for what it is. */
export function displayName(actor: string): string {
  return actor === ADMIN_TOKEN_ACTOR ? "Setup admin" : actor;
}
