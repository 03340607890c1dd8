// API tokens: an admin makes (secret shown once), lists and revokes them.
import type { Db } from "../db/client";
import { listTokens, revokeToken as markRevoked, createToken as storeToken, tokenView } from "../db/queries/tokens";
import type { Principal } from "../domain/permissions";
import type { Role } from "../domain/vocabulary";
import { refused } from "./access";
import { notFound, ok, type Result } from "./result";

export type TokenView = ReturnType<typeof tokenView>;

export async function tokenList(db: Db, actor: Principal): Promise<Result<TokenView[]>> {
  const denied = refused(actor, "admin");
  if (denied) return denied;
  return ok((await listTokens(db)).map(tokenView));
}

/** A new token; `token` is its secret, which is kept only as a hash. */
export async function createToken(
  db: Db,
  actor: Principal,
  input: { name: string; role: Role },
): Promise<Result<TokenView & { token: string }>> {
  const denied = refused(actor, "admin");
  if (denied) return denied;
  const { token, row } = await storeToken(db, input.name, input.role);
  return ok({ ...tokenView(row), token });
}

export async function revokeToken(db: Db, actor: Principal, id: string): Promise<Result<TokenView>> {
  const denied = refused(actor, "admin");
  if (denied) return denied;
  const row = await markRevoked(db, id);
  return row ? ok(tokenView(row)) : notFound("token", id);
}
