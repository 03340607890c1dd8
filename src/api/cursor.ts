// The API's side of cursors: the one decoder in src/domain/cursor.ts, a 400 when it refuses.
import { Problem } from "../middleware/problem";

export function cursorOrThrow<T>(cursor: string | undefined, decode: (cursor: string) => T | null): T | undefined {
  if (cursor === undefined) return undefined;
  const value = decode(cursor);
  if (value !== null) return value;
  throw new Problem({
    status: 400,
    title: "Bad request",
    detail: "The cursor is not one this API handed out.",
    errors: [{ path: "cursor", message: "invalid cursor" }],
  });
}
