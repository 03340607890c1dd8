// The fuzz suite's harness: how many cases to run, a write counter on the tables that hold the
// desk's data (so "a 4xx wrote nothing" is checked exactly, not guessed from row counts), and
// the checks every answer must pass.
//
// FUZZ_RUNS is the number of generated cases for the whole suite; each property takes its
// share. `npm test` runs a small default; `npm run fuzz` sets it high. FUZZ_SEED replays a run.
import { env, exports } from "cloudflare:workers";
import type fc from "fast-check";
import { expect } from "vitest";

/** Cases for the whole suite when FUZZ_RUNS is not set (what `npm test` runs). */
export const DEFAULT_RUNS = 240;
export const TOTAL_RUNS = Math.max(1, Number.parseInt(env.FUZZ_RUNS ?? "", 10) || DEFAULT_RUNS);
const SEED = Number.parseInt(env.FUZZ_SEED ?? "", 10);

/** This property's cases: `share` of the suite's total, at least one. */
export function runsFor(share: number): number {
  return Math.max(1, Math.round(TOTAL_RUNS * share));
}

/** fast-check settings: the given number of cases, the seed when one is set, stop at the first failure. */
export function fcParams<T>(numRuns: number): fc.Parameters<T> {
  return { numRuns, endOnFailure: true, ...(Number.isNaN(SEED) ? {} : { seed: SEED }) };
}

/** A time-out for a test running `cases` requests (a long run gets the time it needs). */
export const timeoutFor = (cases: number) => 30_000 + cases * 500;

// ---- the write counter ---------------------------------------------------------------------

/** The tables a refused request must not touch (idempotency_keys may change; api_tokens only
 * by its last_used_at, which every authenticated request sets). */
const WATCHED = [
  "claims",
  "claim_events",
  "claim_tags",
  "claim_flags",
  "evidence",
  "sources",
  "speakers",
  "rechecks",
  "claim_publications",
  "claim_corrections",
] as const;

let installed = false;

/** Test-only triggers that count every row written to the watched tables, per table and kind. */
export async function installWriteCounter(): Promise<void> {
  if (installed) return;
  const statements = [
    "CREATE TABLE IF NOT EXISTS fuzz_writes (tbl TEXT NOT NULL, op TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (tbl, op))",
  ];
  const count = (table: string, op: string) =>
    `INSERT INTO fuzz_writes (tbl, op, n) VALUES ('${table}', '${op}', 1) ON CONFLICT (tbl, op) DO UPDATE SET n = n + 1;`;
  for (const table of WATCHED) {
    for (const op of ["INSERT", "UPDATE", "DELETE"]) {
      statements.push(
        `CREATE TRIGGER IF NOT EXISTS fuzz_${table}_${op.toLowerCase()} AFTER ${op} ON ${table} BEGIN ${count(table, op)} END`,
      );
    }
  }
  for (const op of ["INSERT", "DELETE"]) {
    statements.push(
      `CREATE TRIGGER IF NOT EXISTS fuzz_api_tokens_${op.toLowerCase()} AFTER ${op} ON api_tokens BEGIN ${count("api_tokens", op)} END`,
    );
  }
  statements.push(
    `CREATE TRIGGER IF NOT EXISTS fuzz_api_tokens_update AFTER UPDATE OF name, role, token_hash, revoked_at, created_at ON api_tokens BEGIN ${count("api_tokens", "UPDATE")} END`,
  );
  await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
  installed = true;
}

/** The rows written so far, as "table op" → count. */
export async function writes(): Promise<Record<string, number>> {
  const { results } = await env.DB.prepare("SELECT tbl, op, n FROM fuzz_writes ORDER BY tbl, op").all<{
    tbl: string;
    op: string;
    n: number;
  }>();
  return Object.fromEntries(results.map((r) => [`${r.tbl} ${r.op}`, r.n]));
}

/** The count after the last checked request: the next one's "before" when the caller says
 * nothing else wrote in between (`reuseCount`; a D1 query costs ~15 ms here, so a fuzz case reads
 * the counter once). Whatever writes around the requests forgets it. */
let lastWrites: Record<string, number> | undefined;
export function forgetWrites() {
  lastWrites = undefined;
}

// ---- requests ------------------------------------------------------------------------------

export const ORIGIN = "http://claimdesk.test";

export interface FuzzRequest {
  method: string;
  /** Path and query, already encoded as the case wants them on the wire. */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface FuzzAnswer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: answers of every shape
  json: any;
}

export async function send(req: FuzzRequest): Promise<FuzzAnswer> {
  const res = await exports.default.fetch(`${ORIGIN}${req.path}`, {
    method: req.method,
    headers: req.headers,
    body: req.body,
    redirect: "manual",
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** The request, short enough to read in a failure message. */
export function show(req: FuzzRequest): string {
  const body =
    req.body === undefined
      ? ""
      : typeof req.body === "string"
        ? JSON.stringify(req.body.length > 600 ? `${req.body.slice(0, 600)}… (${req.body.length} chars)` : req.body)
        : `<${req.body.byteLength} bytes>`;
  const headers = Object.entries(req.headers)
    .filter(([k]) => k !== "authorization" && k !== "cookie")
    .map(([k, v]) => `${k}: ${JSON.stringify(v.length > 200 ? `${v.slice(0, 200)}…` : v)}`);
  return [`${req.method} ${req.path.length > 600 ? `${req.path.slice(0, 600)}…` : req.path}`, ...headers, body]
    .filter(Boolean)
    .join("\n  ");
}

/** Sends the request and checks the answer: no 5xx; a 4xx of the API is problem+json and wrote nothing. */
export async function sendAndCheck(
  req: FuzzRequest,
  kind: "api" | "page",
  label = "",
  options: { reuseCount?: boolean } = {},
): Promise<{ answer: FuzzAnswer; wrote: boolean }> {
  const before = (options.reuseCount ? lastWrites : undefined) ?? (await writes());
  lastWrites = undefined;
  const answer = await send(req);
  const after = await writes();
  lastWrites = after;
  const what = `${label}${show(req)}\n→ ${answer.status} ${answer.text.slice(0, 500)}`;
  expect(answer.status, what).toBeLessThan(500);
  if (answer.status >= 400) {
    if (kind === "api") expectProblem(answer, what);
    expect(after, `a ${answer.status} wrote rows: ${what}`).toEqual(before);
  }
  return { answer, wrote: JSON.stringify(after) !== JSON.stringify(before) };
}

export function expectProblem(answer: FuzzAnswer, what = "") {
  expect(answer.headers.get("content-type"), what).toMatch(/^application\/problem\+json\b/);
  expect(typeof answer.json?.type, what).toBe("string");
  expect(typeof answer.json?.title, what).toBe("string");
  expect(answer.json?.status, what).toBe(answer.status);
}
