// Cursors are opaque to clients: base64url JSON. A forged or mangled one is a 400, not a 500.
import { Problem } from "../middleware/problem";

export function encodeCursor(value: object): string {
  return btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeCursor<T>(cursor: string, isValid: (v: unknown) => v is T): T {
  try {
    const value: unknown = JSON.parse(atob(cursor.replace(/-/g, "+").replace(/_/g, "/")));
    if (isValid(value)) return value;
  } catch {
    // falls through to the problem below
  }
  throw new Problem({
    status: 400,
    title: "Bad request",
    detail: "The cursor is not one this API handed out.",
    errors: [{ path: "cursor", message: "invalid cursor" }],
  });
}

/** The cursor of lists keyed by id (speakers, sources). */
export const isIdCursor = (v: unknown): v is { id: string } =>
  typeof v === "object" && v !== null && "id" in v && typeof v.id === "string";
