// The two-person rule: what a False or Misleading fact-check publishes (verdict, attribution,
// rationale, evidence, the claim's words and speaker) is approved by someone who wrote none of
// it since the last sign-off. "Someone" is a person, not a token: a token counts as its own name
// and as whoever minted it (who held its secret), and that minter as whoever minted theirs.
import { personKey } from "./actors";
import type { EventAction } from "./vocabulary";

/** A history entry, as far as the rule reads it. */
export interface WriteEvent {
  actor: string;
  action: EventAction;
  /** A review's rationale rides on its event as the note. */
  note: string | null;
  /** The event's data (JSON-decoded): an edit lists its changed fields under `changes`. */
  data: unknown;
}

/** What parts of a fact-check an event wrote, in the reviewer's words. Filing the claim is not
 * writing its fact-check: whoever gives the verdict reviews the quote as filed. */
export function partsWritten(event: WriteEvent): string[] {
  const withRationale = (part: string) => (event.note === null ? [part] : [part, "the rationale"]);
  switch (event.action) {
    case "status_changed":
      return withRationale("the verdict");
    case "attribution_changed":
      return withRationale("the attribution");
    case "evidence_added":
    case "evidence_removed":
      return ["the evidence"];
    case "edited": {
      const changes = (event.data as { changes?: Record<string, unknown> } | null)?.changes ?? {};
      // Tags are the desk's own; every other edited field is on the public page.
      return Object.keys(changes)
        .filter((field) => field !== "tags")
        .map((field) => `the claim's ${field}`);
    }
    default:
      return [];
  }
}

/** Who wrote what since the last sign-off: each person once, with the parts they wrote. */
export function writersOf(events: WriteEvent[]): { actor: string; wrote: string[] }[] {
  const byPerson = new Map<string, { actor: string; wrote: string[] }>();
  for (const event of events) {
    const parts = partsWritten(event);
    if (parts.length === 0) continue;
    const key = personKey(event.actor);
    const writer = byPerson.get(key) ?? { actor: event.actor, wrote: [] };
    for (const part of parts) if (!writer.wrote.includes(part)) writer.wrote.push(part);
    byPerson.set(key, writer);
  }
  return [...byPerson.values()];
}

/** "a, b and c" */
const listed = (parts: string[]) =>
  parts.length < 2 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;

/** A token's name and the actor who minted it (null when nobody recorded it). */
export interface TokenMinter {
  name: string;
  createdBy: string | null;
}

/** The people an actor may be, as person keys: itself, then the minters of its tokens, theirs… */
function peopleBehind(actor: string, tokens: TokenMinter[]): Set<string> {
  const people = new Set<string>();
  const queue = [personKey(actor)];
  while (queue.length > 0) {
    const key = queue.pop() as string;
    if (people.has(key)) continue;
    people.add(key);
    for (const token of tokens) {
      if (token.createdBy !== null && personKey(token.name) === key) queue.push(personKey(token.createdBy));
    }
  }
  return people;
}

/** Why `signer` may not sign off what `writers` wrote, in words, or null when they may. */
export function signOffObstacle(
  signer: string,
  writers: { actor: string; wrote: string[] }[],
  tokens: TokenMinter[],
): string | null {
  const signerIs = peopleBehind(signer, tokens);
  for (const writer of writers) {
    const wrote = listed(writer.wrote);
    if (personKey(writer.actor) === personKey(signer)) {
      return `you (${signer}) wrote ${wrote} since the last sign-off, so another reviewer must sign it off`;
    }
    if (signerIs.has(personKey(writer.actor))) {
      return `your token was minted by ${writer.actor}, who wrote ${wrote} since the last sign-off, so it counts as ${writer.actor}: another reviewer must sign it off`;
    }
    if (peopleBehind(writer.actor, tokens).has(personKey(signer))) {
      return `${writer.actor}, who wrote ${wrote} since the last sign-off, uses a token you (${signer}) minted, so it counts as you: another reviewer must sign it off`;
    }
  }
  return null;
}
