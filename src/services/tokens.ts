// API tokens: an admin makes (secret shown once), lists and revokes them.
import type { Db } from "../db/client";
import {
  listTokens,
  liveTokenNamed,
  revokeToken as markRevoked,
  createToken as storeToken,
  tokenView,
} from "../db/queries/tokens";
import { imitatedActor, personKey } from "../domain/actors";
import type { Principal } from "../domain/permissions";
import type { Role } from "../domain/vocabulary";
import { refused } from "./access";
import { fail, notFound, ok, type Result } from "./result";

export type TokenView = ReturnType<typeof tokenView> & {
  /** Live, and another live token's name is the same person's (made before names were unique). */
  duplicate_name: boolean;
};

export async function tokenList(db: Db, actor: Principal): Promise<Result<TokenView[]>> {
  const denied = refused(actor, "admin");
  if (denied) return denied;
  const rows = await listTokens(db);
  const live = new Map<string, number>();
  for (const row of rows) {
    if (row.revokedAt === null) live.set(personKey(row.name), (live.get(personKey(row.name)) ?? 0) + 1);
  }
  return ok(
    rows.map((row) => ({
      ...tokenView(row),
      duplicate_name: row.revokedAt === null && (live.get(personKey(row.name)) ?? 0) > 1,
    })),
  );
}

/** A new token; `token` is its secret, which is kept only as a hash. Its name identifies a person
 * in the history and the two-person rule, so it may not pass for another live token's name or
 * for the system's own actors; the caller is recorded as its minter. */
export async function createToken(
  db: Db,
  actor: Principal,
  input: { name: string; role: Role },
): Promise<Result<TokenView & { token: string }>> {
  const denied = refused(actor, "admin");
  if (denied) return denied;
  const name = input.name.trim();
  const nameKey = personKey(name);
  const imitated = imitatedActor(name);
  if (imitated || nameKey === "") {
    const message = imitated
      ? `reads like ${imitated}, which is claimdesk's own: give the person's or the tool's name`
      : "must have a visible character";
    return fail({ kind: "invalid", detail: `The token name ${message}.`, errors: [{ path: "name", message }] });
  }
  const made = await storeToken(db, { name, nameKey, role: input.role, createdBy: actor.actor });
  if (!made) {
    const existing = await liveTokenNamed(db, nameKey);
    return fail({
      kind: "duplicate",
      what: "token",
      existingId: existing?.id ?? "",
      detail: `A live token is named ${JSON.stringify(existing?.name ?? name)} already (names are compared ignoring case, width and invisible characters): a name stands for one person in the history. Revoke that token first, or choose another name.`,
    });
  }
  return ok({ ...tokenView(made.row), token: made.token, duplicate_name: false });
}

/** One token (never its secret): what the revoke confirmation names. A desk has tens of tokens:
 * the list is read, so the view (and its duplicate_name) is the list's. */
export async function tokenDetail(db: Db, actor: Principal, id: string): Promise<Result<TokenView>> {
  const listed = await tokenList(db, actor);
  if (!listed.ok) return listed;
  const found = listed.value.find((token) => token.id === id);
  return found ? ok(found) : notFound("token", id);
}

export async function revokeToken(db: Db, actor: Principal, id: string): Promise<Result<TokenView>> {
  const denied = refused(actor, "admin");
  if (denied) return denied;
  const row = await markRevoked(db, id);
  return row ? ok({ ...tokenView(row), duplicate_name: false }) : notFound("token", id);
}
