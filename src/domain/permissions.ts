// Who may do what: one ladder of roles, used by the API, the pages and the session login.
import type { Role } from "./vocabulary";

/** Who is acting: the caller of every use case. */
export interface Principal {
  role: Role;
  /** Written as the actor of every event this caller causes. */
  actor: string;
  /** Scopes idempotency keys; the token's id, or "admin-token". */
  key: string;
}

/** What a request needs: reading, changing claims (create, edit, review), or administering tokens. */
export type Permission = "read" | "review" | "admin";

const NEEDS: Record<Permission, Role> = { read: "viewer", review: "reviewer", admin: "admin" };
const RANK: Record<Role, number> = { viewer: 0, reviewer: 1, admin: 2 };

export function allows(role: Role, permission: Permission): boolean {
  return RANK[role] >= RANK[NEEDS[permission]];
}

export function roleNeededFor(permission: Permission): Role {
  return NEEDS[permission];
}
