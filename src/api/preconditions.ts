// Optimistic concurrency over HTTP: ETag carries the claim's version; writes need If-Match.
import type { Context } from "hono";
import { Problem } from "../middleware/problem";

export function etag(version: number): string {
  return `"${version}"`;
}

/** The version named by If-Match (`"3"`, `W/"3"` or `3`): 428 without it, 400 when unreadable. */
export function requiredVersion(c: Context): number {
  const header = c.req.header("if-match");
  if (!header) {
    throw new Problem({
      status: 428,
      title: "Precondition required",
      detail: "Send If-Match with the claim's ETag (its version) so a concurrent change is not overwritten.",
    });
  }
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match?.[1]) {
    throw new Problem({
      status: 400,
      title: "Bad request",
      detail: 'If-Match must be the ETag the API sent, e.g. "3".',
      errors: [{ path: "If-Match", message: "not a claim version" }],
    });
  }
  return Number(match[1]);
}

export function staleVersion(currentVersion: number): Problem {
  return new Problem({
    status: 412,
    title: "Precondition failed",
    detail: `The claim changed since you read it: it is now at version ${currentVersion}. Read it again, then reapply your change.`,
    extensions: { current_version: currentVersion },
  });
}
