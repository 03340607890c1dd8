// Fetching a source page for the re-check job: bounded in time, size and redirects, and only
// to hosts the job may visit (see address.ts). Every way a visit can go wrong comes back as a
// value, so the caller records it; nothing here throws for a fault of the web.
import { refusal } from "./address";
import { htmlToText } from "./html-text";

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  allowPrivate: boolean;
}

export type PageResult =
  | { kind: "text"; text: string; httpStatus: number; url: string; truncated: boolean }
  | { kind: "unreachable"; httpStatus: number | null; detail: string }
  | { kind: "unsupported"; httpStatus: number; detail: string };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);

class Timeout extends Error {}

type Body = {
  kind: "body";
  bytes: Uint8Array;
  contentType: string;
  httpStatus: number;
  url: string;
  truncated: boolean;
};

/** Fetches and reads the page. Throws only for our own faults (e.g. the HTML reader failing). */
export async function fetchPage(start: URL, limits: FetchLimits): Promise<PageResult> {
  const got = await download(start, limits);
  if (got.kind !== "body") return got;
  const { bytes, contentType, httpStatus, url, truncated } = got;
  const text = HTML_TYPES.has(mediaTypeOf(contentType))
    ? await htmlToText(bytes, contentType)
    : decodeText(bytes, contentType);
  return { kind: "text", text, httpStatus, url, truncated };
}

async function download(start: URL, limits: FetchLimits): Promise<Downloaded> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Timeout()), limits.timeoutMs);
  try {
    return await follow(start, limits, controller.signal);
  } catch (err) {
    if (controller.signal.aborted) {
      return { kind: "unreachable", httpStatus: null, detail: `timed out after ${limits.timeoutMs / 1000} s` };
    }
    // fetch only rejects for the network: DNS, refused or reset connections, TLS.
    return { kind: "unreachable", httpStatus: null, detail: `network error: ${errorText(err)}` };
  } finally {
    clearTimeout(timer);
  }
}

type Downloaded = Exclude<PageResult, { kind: "text" }> | Body;

async function follow(start: URL, limits: FetchLimits, signal: AbortSignal): Promise<Downloaded> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const refused = refusal(url, limits.allowPrivate);
    if (refused) return { kind: "unreachable", httpStatus: null, detail: `refused: ${refused}` };
    const res = await fetch(url, {
      redirect: "manual",
      signal,
      headers: {
        "user-agent": limits.userAgent,
        accept: "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
      },
    });
    const location = res.headers.get("location");
    if (REDIRECTS.has(res.status) && location) {
      await res.body?.cancel();
      if (hop >= limits.maxRedirects) {
        return { kind: "unreachable", httpStatus: res.status, detail: `more than ${limits.maxRedirects} redirects` };
      }
      const next = URL.parse(location, url);
      if (!next) return { kind: "unreachable", httpStatus: res.status, detail: `bad redirect location ${location}` };
      url = next;
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel();
      return { kind: "unreachable", httpStatus: res.status, detail: `HTTP ${res.status}` };
    }
    const contentType = res.headers.get("content-type") ?? "";
    const mediaType = mediaTypeOf(contentType);
    if (!HTML_TYPES.has(mediaType) && mediaType !== "text/plain") {
      await res.body?.cancel();
      return { kind: "unsupported", httpStatus: res.status, detail: `content type ${mediaType || "missing"}` };
    }
    const { bytes, truncated } = await readCapped(res, limits.maxBytes, signal);
    return { kind: "body", bytes, contentType, httpStatus: res.status, url: url.toString(), truncated };
  }
}

/** The body up to `maxBytes`, streamed: a larger answer is cut there, never buffered whole. */
async function readCapped(res: Response, maxBytes: number, signal: AbortSignal) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  const reader = res.body?.getReader();
  if (reader) {
    // A stalled body must not outlive the timeout, whether or not the runtime cancels it.
    const aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
    aborted.catch(() => {});
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      const room = maxBytes - size;
      if (value.byteLength > room) {
        chunks.push(value.subarray(0, room));
        size += room;
        truncated = true;
        await reader.cancel();
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { bytes, truncated };
}

function mediaTypeOf(contentType: string): string {
  return contentType.split(";")[0]?.trim().toLowerCase() ?? "";
}

function decodeText(bytes: Uint8Array, contentType: string): string {
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1] ?? "utf-8";
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder().decode(bytes);
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
