// How worth checking sentences are: the model of src/worthiness, for any role.
import type { Principal } from "../domain/permissions";
import { type Worthiness, worthiness } from "../worthiness/model";
import { refused } from "./access";
import { ok, type Result } from "./result";

export { CHECK_WORTHY_THRESHOLD } from "../worthiness/model";
export type { Worthiness };

export function scoreWorthiness(actor: Principal, texts: readonly string[]): Result<Worthiness[]> {
  const denied = refused(actor, "read");
  if (denied) return denied;
  return ok(texts.map(worthiness));
}
