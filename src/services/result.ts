// What every use case answers: its value, or one of a few errors that each door (the API's
// problem+json, the pages' inline messages, the jobs' outcomes) knows how to say.
import type { FieldError } from "../domain/errors";

export type ServiceError =
  /** The thing named does not exist (a claim, an evidence item, a raised flag, a token...). */
  | { kind: "not_found"; what: string; id: string; detail?: string }
  /** The caller's role may not do this. */
  | { kind: "forbidden"; needs: string; role: string }
  /** The claim changed since the caller read it. */
  | { kind: "stale"; currentVersion: number }
  /** The same thing exists already. */
  | { kind: "duplicate"; what: string; existingId: string; detail: string }
  /** The input breaks a rule; `errors` names each field (paths as the API names them). */
  | { kind: "invalid"; errors: FieldError[]; detail: string }
  /** The input cannot be read at all (malformed JSON). */
  | { kind: "malformed"; detail: string }
  /** The input is larger than a use case takes (rows in an import). */
  | { kind: "too_large"; detail: string }
  /** A rule about the current state refuses the change (the last evidence of a false verdict,
   * a re-check already running). */
  | { kind: "conflict"; title: string; detail: string };

export type Result<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: ServiceError): { ok: false; error: ServiceError } => ({ ok: false, error });
export const notFound = (what: string, id: string) => fail({ kind: "not_found", what, id });
