// Body caps on every route that takes a body, checked before the body is read: a declared
// Content-Length over the cap is refused without reading a byte (the body here never arrives,
// so a server that waited for it would give no answer), and a chunked body without
// Content-Length is refused once the bytes read pass the cap (the stream counts what was read).
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { attacksClaim } from "./api/helpers";
import { adminCookie, attrs, ORIGIN, texts } from "./pages-helpers";

const MB = 1024 * 1024;

/** A body declaring `declared` bytes (Content-Length) of which only the first KB ever comes. */
function declaredBody(declared: number): ReadableStream<Uint8Array> {
  const { readable, writable } = new FixedLengthStream(declared);
  const writer = writable.getWriter();
  void writer.write(new Uint8Array(1024).fill(0x61)).catch(() => {});
  return readable;
}

/** A chunked body of `total` bytes; `pulled()` says how many the server asked for. */
function chunkedBody(total: number, chunk = 16 * 1024) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      pulled += chunk;
      controller.enqueue(new Uint8Array(chunk).fill(0x61));
    },
  });
  return { stream, pulled: () => pulled };
}

/** The answer, or a failure after `ms`: a server that waits for a body that never comes fails the test. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: the server waits for the body`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function send(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  const res = await within(
    5000,
    exports.default.fetch(`${ORIGIN}${path}`, {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
      redirect: "manual",
    }),
  );
  return { status: res.status, headers: res.headers, text: await res.text() };
}

let cookie = "";
let claimId = "";

beforeAll(async () => {
  cookie = await adminCookie();
  const made = await exports.default.fetch(`${ORIGIN}/api/v1/claims`, {
    method: "POST",
    headers: { authorization: `Bearer ${env.ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(attacksClaim),
  });
  claimId = ((await made.json()) as { id: string }).id;
});

describe("the login form (no session needed) takes at most 8 KB", () => {
  it("refuses a declared 50 MB body with a 413 page, without reading it", { timeout: 10_000 }, async () => {
    const res = await send("/login", declaredBody(50 * MB));
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await texts(res.text, "h1")).toEqual(["Too large"]);
    expect(res.text).toContain("at most 8 KB");
    // The app's layout, under the pages' CSP.
    expect(await attrs(res.text, "link[rel=stylesheet]", "href")).toEqual(["/assets/app.css"]);
    expect(res.headers.get("content-security-policy")).toMatch(/style-src 'self'/);
  });

  it("stops reading a chunked body once it passes the cap", { timeout: 10_000 }, async () => {
    const body = chunkedBody(MB);
    const res = await send("/login", body.stream);
    expect(res.status).toBe(413);
    expect(res.text).toContain("at most 8 KB");
    expect(body.pulled()).toBeLessThanOrEqual(8 * 1024 + 3 * 16 * 1024);
  });

  it("still logs in with an ordinary form, chunked or not", async () => {
    const form = new URLSearchParams({ token: env.ADMIN_TOKEN ?? "", next: "/review" }).toString();
    expect((await send("/login", form)).status).toBe(303);
    const bytes = new TextEncoder().encode(form);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    expect((await send("/login", chunked)).status).toBe(303);
  });

  it("caps /logout the same way", { timeout: 10_000 }, async () => {
    expect((await send("/logout", declaredBody(50 * MB), { cookie })).status).toBe(413);
  });
});

describe("page forms take at most 1 MB, before CSRF and session work", () => {
  const paths = () => [
    "/claims/new",
    `/claims/${claimId}/edit`,
    `/claims/${claimId}/review`,
    `/claims/${claimId}/evidence`,
    `/claims/${claimId}/evidence/evd_nope/delete`,
    `/claims/${claimId}/flags/quote_missing/clear`,
    `/claims/${claimId}/recheck`,
  ];

  it("refuses 5 MB on every form with the 413 page, never echoing it back", { timeout: 20_000 }, async () => {
    const payload = "Z".repeat(5 * MB);
    for (const path of paths()) {
      const res = await send(path, new URLSearchParams({ text: payload, context: payload.slice(0, 10) }).toString(), {
        cookie,
      });
      expect(res.status, path).toBe(413);
      expect(res.text, path).toContain("at most 1 MB");
      expect(res.text.length, path).toBeLessThan(20_000);
    }
  });

  it("refuses declared and chunked oversized bodies without a session, or from another site, alike", {
    timeout: 20_000,
  }, async () => {
    for (const path of paths()) {
      expect((await send(path, declaredBody(50 * MB))).status, path).toBe(413);
      expect((await send(path, declaredBody(50 * MB), { cookie, origin: "http://evil.example" })).status, path).toBe(
        413,
      );
      const body = chunkedBody(3 * MB);
      expect((await send(path, body.stream, { cookie })).status, path).toBe(413);
      expect(body.pulled(), path).toBeLessThanOrEqual(MB + 3 * 16 * 1024);
    }
  });

  it("still takes a form just under the cap", async () => {
    const res = await send(
      "/claims/new",
      new URLSearchParams({ text: "x".repeat(MB - 1000), kind: "direct_quote" }).toString(),
      { cookie },
    );
    // Read and validated (the text is far over its 5,000 characters), not refused for size.
    expect(res.status).toBe(422);
  });
});

describe("/import keeps its larger cap (4 MB)", () => {
  it("takes a 2 MB article post to the preview (too long an article, but read)", async () => {
    const res = await send("/import/preview", new URLSearchParams({ text: "x".repeat(2 * MB) }).toString(), {
      cookie,
    });
    expect(res.status).toBe(422);
  });

  it("refuses a declared 50 MB body and a longer chunked one", { timeout: 10_000 }, async () => {
    for (const path of ["/import/preview", "/import"]) {
      const declared = await send(path, declaredBody(50 * MB), { cookie });
      expect(declared.status, path).toBe(413);
      expect(declared.text, path).toContain("The article is too long");
      // Without a session: the plain 413 page, not the import form.
      const anonymous = await send(path, declaredBody(50 * MB));
      expect(anonymous.status, path).toBe(413);
      expect(anonymous.text, path).toContain("at most 4 MB");
      const body = chunkedBody(9 * MB);
      expect((await send(path, body.stream, { cookie })).status, path).toBe(413);
      expect(body.pulled(), path).toBeLessThanOrEqual(4 * MB + 3 * 16 * 1024);
    }
  });
});

describe("the API: 1 MB (16 MB for /import), problem+json", () => {
  const bearer = () => ({ authorization: `Bearer ${env.ADMIN_TOKEN}`, "content-type": "application/json" });

  it("refuses a declared oversized body without reading it", { timeout: 10_000 }, async () => {
    for (const [path, limit] of [
      ["/api/v1/claims", "1 MB"],
      [`/api/v1/claims/${claimId}/evidence`, "1 MB"],
      ["/api/v1/extract", "1 MB"],
      ["/api/v1/import", "16 MB"],
    ] as const) {
      const res = await send(path, declaredBody(50 * MB), bearer());
      expect(res.status, path).toBe(413);
      expect(res.headers.get("content-type"), path).toBe("application/problem+json");
      expect(JSON.parse(res.text).detail, path).toContain(limit);
    }
  });

  it("stops reading a chunked body once it passes the cap, token or not", { timeout: 20_000 }, async () => {
    for (const headers of [bearer(), { "content-type": "application/json" }]) {
      const body = chunkedBody(3 * MB, 64 * 1024);
      const res = await send("/api/v1/claims", body.stream, headers);
      expect(res.status).toBe(413);
      expect(body.pulled()).toBeLessThanOrEqual(MB + 3 * 64 * 1024);
    }
  });
});
