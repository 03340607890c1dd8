// A use case's failure as the API says it: problem+json with the status each kind means.
import { Problem } from "../middleware/problem";
import type { Result, ServiceError } from "../services/result";

export function problemFor(error: ServiceError): Problem {
  switch (error.kind) {
    case "not_found":
      return new Problem({
        status: 404,
        title: "Not found",
        detail: error.detail ?? `There is no ${error.what} ${error.id}.`,
      });
    case "forbidden":
      return new Problem({
        status: 403,
        title: "Forbidden",
        detail: `This needs the ${error.needs} role; your token is a ${error.role}.`,
      });
    case "stale":
      return new Problem({
        status: 412,
        title: "Precondition failed",
        detail: `The claim changed since you read it: it is now at version ${error.currentVersion}. Read it again, then reapply your change.`,
        extensions: { current_version: error.currentVersion },
      });
    case "duplicate":
      return new Problem({
        status: 409,
        title: `Duplicate ${error.what}`,
        detail: error.detail,
        extensions: { existing_id: error.existingId },
      });
    case "invalid":
      return new Problem({ status: 422, title: "Validation failed", detail: error.detail, errors: error.errors });
    case "malformed":
      return new Problem({ status: 400, title: "Bad request", detail: error.detail });
    case "too_large":
      return new Problem({ status: 413, title: "Payload too large", detail: error.detail });
    case "conflict":
      return new Problem({ status: 409, title: error.title, detail: error.detail });
  }
}

/** The use case's value, or its failure thrown as problem+json. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw problemFor(result.error);
}
