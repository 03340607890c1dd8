// The role check every use case makes before it reads or writes (the doors check it too, to
// refuse early, with the same rule from src/domain/permissions.ts).
import { allows, type Permission, type Principal, roleNeededFor } from "../domain/permissions";
import { fail, type ServiceError } from "./result";

/** null when the principal may; else the failure to answer. */
export function refused(principal: Principal, permission: Permission): { ok: false; error: ServiceError } | null {
  if (allows(principal.role, permission)) return null;
  return fail({ kind: "forbidden", needs: roleNeededFor(permission), role: principal.role });
}
