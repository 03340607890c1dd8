import { normaliseText } from "./normalise";

/** Hex SHA-256 of a string (UTF-8): api token hashes and archived-content hashes. */
export async function sha256Hex(input: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(input));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The content hash of an article: of its normalised text, so re-spacing or quote style alone
 * does not count as a change. */
export function contentHash(text: string): Promise<string> {
  return sha256Hex(normaliseText(text));
}
