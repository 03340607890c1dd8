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
