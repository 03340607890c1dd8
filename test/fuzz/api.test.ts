// Every operation of the OpenAPI document, fuzzed: the list comes from GET /api/v1/openapi.json
// itself, so a new route is fuzzed the day it is documented. Each case is one request as one
// of the callers (admin, reviewer, viewer, no token, an unknown token, a revoked one) with
// generated path ids, query strings, headers and a body made from the operation's schema and
// then mutated. Every answer: no 5xx; a 4xx is problem+json and wrote nothing.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../api/helpers";
import {
  type ApiOperation,
  CONTENT_TYPES,
  cursor,
  date,
  garbageId,
  headerValue,
  IDEMPOTENCY_GARBAGE,
  type IdKind,
  IF_MATCH_GARBAGE,
  METHODS,
  mutate,
  mutations,
  nastyString,
  type OpenApiDocument,
  operationsOf,
  type Parameter,
  RAW_BODIES,
  resolve,
  type Segment,
  someText,
  sometimes,
  valueFor,
  wellFormed,
} from "./arbitraries";
import { type FuzzRequest, fcParams, runsFor, sendAndCheck, timeoutFor } from "./harness";
import { authorization, type Caller, ids, learn, pools, ROLES, raiseFlags, setUpWorld, type World } from "./world";

const doc = (await api("GET", "/openapi.json", { token: null })).json as OpenApiDocument;
const BASE = doc.servers?.[0]?.url ?? "/api/v1";
const operations = operationsOf(doc);
/** Half of the suite's cases go to the API's operations, shared equally. */
const RUNS_PER_OPERATION = runsFor(0.5 / Math.max(1, operations.length));

let world: World;
beforeAll(async () => {
  world = await setUpWorld();
});

// ---- what a case is ------------------------------------------------------------------------

interface Case {
  caller: Caller;
  method: string;
  segments: Record<string, Segment>;
  query: [string, Segment][];
  ifMatch?: string;
  idempotencyKey?: string;
  contentType?: string;
  body?: string | Uint8Array;
}

/** The kind of id a path parameter names: `eid` is evidence, `id` what the path is about. */
function idKind(path: string, name: string): IdKind {
  if (name === "eid") return "evidence";
  if (path.startsWith("/speakers")) return "speaker";
  if (path.startsWith("/sources")) return "source";
  if (path.startsWith("/tokens")) return "token";
  return "claim";
}

/** Resolved when the request is made: the claim of the evidence item in the same path. */
const OWNER_OF_EVIDENCE: Segment = { value: "(the claim of {eid})", raw: false };

const KINDS: IdKind[] = ["claim", "speaker", "source", "evidence", "token"];

function segmentFor(path: string, param: Parameter): fc.Arbitrary<Segment> {
  const schema = resolve(doc, param.schema);
  if (Array.isArray(schema.enum)) {
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...(schema.enum as string[])).map((value) => ({ value, raw: false })) },
      { weight: 1, arbitrary: garbageId() },
    );
  }
  const kind = idKind(path, param.name);
  // The claim an evidence item belongs to, so that removing it can succeed.
  if (param.name === "id" && path.includes("{eid}")) {
    return fc.oneof(
      { weight: 4, arbitrary: fc.constant(OWNER_OF_EVIDENCE) },
      { weight: 1, arbitrary: ids.real(kind).map((value) => ({ value, raw: false })) },
      { weight: 1, arbitrary: garbageId() },
    );
  }
  return fc.oneof(
    { weight: 5, arbitrary: ids.real(kind).map((value) => ({ value, raw: false })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...KINDS.filter((k) => k !== kind))
        .chain((k) => ids.real(k))
        .map((value) => ({ value, raw: false })),
    },
    { weight: 2, arbitrary: garbageId() },
  );
}

/** Searches that are FTS5 syntax, or many words, or none. */
const SEARCHES: Segment[] = [
  '"',
  '"""',
  "NEAR(a b)",
  "a OR b",
  "a AND NOT b",
  "*",
  "a*",
  "^a",
  "-a",
  "a:b",
  "text:attacks",
  "(",
  ")",
  "{a b}",
  "a + b",
  "%22",
  "a%20".repeat(166),
  "%F0%9F%92%A9%20".repeat(40),
  "%E2%80%8B",
  "%C2%AD",
].map((value) => ({ value, raw: /%/.test(value) }));

const QUERY_GARBAGE: Segment[] = [
  ..."-1 0 101 1e3 1.5 NaN Infinity 0x10 %20%205 true [] {}".split(" ").map((value) => ({ value, raw: true })),
  { value: "", raw: true },
  { value: "9".repeat(400), raw: true },
  { value: "%FF", raw: true },
  { value: "%00", raw: true },
  { value: "%ZZ", raw: true },
  { value: "%ED%A0%80", raw: true },
  { value: "a&b=c", raw: true },
];

function queryValue(param: Parameter): fc.Arbitrary<Segment> {
  const schema = resolve(doc, param.schema);
  const plain = (a: fc.Arbitrary<string>) => a.map((value) => ({ value, raw: false }));
  let valid: fc.Arbitrary<Segment>;
  if (param.name === "cursor") valid = plain(cursor());
  else if (param.name === "limit") valid = plain(fc.integer({ min: 1, max: 100 }).map(String));
  else if (Array.isArray(schema.enum)) valid = plain(fc.constantFrom(...(schema.enum as string[])));
  else if (param.name === "since") valid = plain(date());
  else if (param.name === "q") valid = fc.oneof(plain(someText()), plain(nastyString(8)), fc.constantFrom(...SEARCHES));
  else if (param.name === "speaker_id") valid = plain(ids.real("speaker"));
  else if (param.name === "source_id") valid = plain(ids.real("source"));
  else valid = plain(someText());
  return fc.oneof(
    { weight: 10, arbitrary: valid },
    { weight: 1, arbitrary: plain(nastyString(3)) },
    { weight: 1, arbitrary: fc.constantFrom(...QUERY_GARBAGE) },
  );
}

function queryFor(params: Parameter[]): fc.Arbitrary<[string, Segment][]> {
  if (params.length === 0) {
    return fc.oneof(
      { weight: 4, arbitrary: fc.constant<[string, Segment][]>([]) },
      { weight: 1, arbitrary: fc.constant([["unknown", { value: "1", raw: true }]] as [string, Segment][]) },
    );
  }
  return fc
    .tuple(
      ...params.map((p) =>
        fc.option(
          queryValue(p).map((v): [string, Segment] => [p.name, v]),
          { freq: 2, nil: undefined },
        ),
      ),
      // Sometimes a parameter twice, or one the operation does not know.
      sometimes(
        fc.oneof(
          fc.constantFrom(...params).chain((p) => queryValue(p).map((v): [string, Segment] => [p.name, v])),
          fc.constant(["unknown", { value: "1", raw: true }] as [string, Segment]),
        ),
        15,
      ),
    )
    .map((pairs) => pairs.filter((p): p is [string, Segment] => p !== undefined));
}

/** Column order of the CSV import (the flat names the forms use too). */
const CSV_COLUMNS = [
  "text",
  "kind",
  "speaker_name",
  "speaker_role",
  "source_url",
  "source_title",
  "source_publisher",
  "source_published_at",
  "context",
  "reported_via",
  "stated_at",
  "tags",
];

function csvCell(value: unknown): string {
  const s = value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A claim body (or anything) as a CSV record in CSV_COLUMNS order. */
function csvRow(row: unknown): string {
  const r = (row !== null && typeof row === "object" ? row : { text: row }) as Record<string, unknown>;
  const speaker = (r.speaker ?? {}) as Record<string, unknown>;
  const source = (r.source ?? {}) as Record<string, unknown>;
  const tags = Array.isArray(r.tags) ? r.tags.join(";") : r.tags;
  const cells = [
    r.text,
    r.kind,
    speaker.name,
    speaker.role,
    source.url,
    source.title,
    source.publisher,
    source.published_at,
    r.context,
    r.reported_via,
    r.stated_at,
    tags,
  ];
  return cells.map(csvCell).join(",");
}

const CSV_GARBAGE = [
  "",
  "\r\n",
  "text\r\n",
  'text\r\n"unterminated\r\n',
  "text,text\r\nx,y\r\n",
  "nope\r\nx\r\n",
  "text,kind\r\nx\r\n",
  "text,kind\r\nx,statistic,extra\r\n",
  `\ufefftext,speaker_name,source_title\r\nx,y,z\r\n`,
  "TEXT , Speaker_Name,source_title\nx,y,z\n",
  "text,speaker_name,source_title\r\n'=1+1,'@x,'-y\r\n",
  "text,speaker_name,source_title\r\n\u0000,\u0000,\u0000\r\n",
  "text,id,status,attribution,rationale,created_at,speaker_name,source_title\r\nx,clm_x,verified,,,,y,z\r\n",
];

/** A body for one of the operation's content types, built from its schema, then mutated. */
function bodyFor(op: ApiOperation, contentType: string): fc.Arbitrary<string | Uint8Array> {
  const content = op.op.requestBody?.content ?? {};
  const schema = resolve(doc, content[contentType]?.schema);
  // A text body (NDJSON, CSV) is made of the rows a sibling JSON array describes.
  const arraySchema = Object.values(content)
    .map((c) => resolve(doc, c.schema))
    .find((s) => s.type === "array");
  const mutated = (s: unknown) =>
    fc.tuple(valueFor(doc, s as never, ids), mutations()).map(([value, muts]) => mutate(value, muts));
  let structured: fc.Arbitrary<string>;
  if (schema.type === "string" && arraySchema) {
    const rows = fc.array(mutated(arraySchema.items), { maxLength: 4 });
    structured = /csv/.test(contentType)
      ? fc.oneof(
          { weight: 4, arbitrary: rows.map((r) => `${CSV_COLUMNS.join(",")}\r\n${r.map(csvRow).join("\r\n")}\r\n`) },
          { weight: 1, arbitrary: fc.constantFrom(...CSV_GARBAGE) },
        )
      : rows.map((r) => r.map((v) => JSON.stringify(v) ?? "").join("\n"));
  } else {
    structured = mutated(schema).map((v) => (v === undefined ? "" : (JSON.stringify(v) ?? "")));
  }
  return fc.oneof(
    { weight: 8, arbitrary: structured },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES) },
    { weight: 1, arbitrary: nastyString() },
  );
}

function caseFor(op: ApiOperation): fc.Arbitrary<Case> {
  const params = op.op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === "path");
  const content = Object.keys(op.op.requestBody?.content ?? {});
  const hasIfMatch = params.some((p) => p.in === "header" && p.name.toLowerCase() === "if-match");
  const segments = fc.record(
    Object.fromEntries(pathParams.map((p) => [p.name, segmentFor(op.path, p)])) as Record<
      string,
      fc.Arbitrary<Segment>
    >,
  );
  const otherMethods = [...METHODS.map((m) => m.toUpperCase()), "OPTIONS"].filter((m) => m !== op.method);
  const method = fc.oneof(
    { weight: 12, arbitrary: fc.constant(op.method) },
    { weight: 1, arbitrary: fc.constantFrom(...otherMethods) },
  );
  const bodyAndType =
    content.length > 0
      ? fc.constantFrom(...content).chain((declared) =>
          fc.record({
            contentType: fc.oneof(
              { weight: 8, arbitrary: fc.constant<string | undefined>(declared) },
              { weight: 2, arbitrary: fc.constantFrom<string | undefined>(...CONTENT_TYPES) },
              { weight: 1, arbitrary: fc.constant<string | undefined>(undefined) },
            ),
            body: fc.option(bodyFor(op, declared), { freq: 20, nil: undefined }),
          }),
        )
      : fc.oneof(
          { weight: 6, arbitrary: fc.constant({ contentType: undefined, body: undefined }) },
          {
            weight: 1,
            arbitrary: fc.record({
              contentType: fc.constantFrom<string | undefined>("application/json", "text/plain", undefined),
              body: fc.constantFrom<string | Uint8Array | undefined>("{}", '{"a":1}', "x", ...RAW_BODIES.slice(0, 8)),
            }),
          },
        );
  return fc
    .record({
      caller: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom<Caller>("admin", "reviewer") },
        { weight: 1, arbitrary: fc.constantFrom<Caller>(...ROLES) },
      ),
      method,
      segments,
      query: queryFor(params.filter((p) => p.in === "query")),
      ifMatch: hasIfMatch
        ? fc.option(
            fc.oneof(
              { weight: 4, arbitrary: fc.constantFrom("CURRENT", "CURRENT_WEAK", "CURRENT_BARE", '"1"') },
              { weight: 2, arbitrary: fc.constantFrom(...IF_MATCH_GARBAGE) },
              { weight: 1, arbitrary: headerValue() },
            ),
            { freq: 4, nil: undefined },
          )
        : sometimes(fc.constantFrom('"1"', "*", "garbage"), 10),
      idempotencyKey: sometimes(
        fc.oneof(
          // A few keys over and over (replays, reuse with another body), and fresh ones.
          { weight: 2, arbitrary: fc.constantFrom("fuzz-key-1", "fuzz-key-2", "fuzz-key-3") },
          { weight: 2, arbitrary: fc.stringMatching(/^[\x21-\x7e]{1,24}$/) },
          { weight: 1, arbitrary: fc.constantFrom(...IDEMPOTENCY_GARBAGE) },
          { weight: 1, arbitrary: headerValue(300) },
        ),
        30,
      ),
      bodyAndType,
    })
    .map(({ bodyAndType: bt, ...rest }) => ({ ...rest, ...bt }));
}

const encode = (s: Segment) => (s.raw ? s.value : encodeURIComponent(wellFormed(s.value)));

async function currentVersion(claimId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT version FROM claims WHERE id = ?")
    .bind(claimId)
    .first<{ version: number }>();
  return row?.version ?? 1;
}

async function requestOf(op: ApiOperation, c: Case): Promise<FuzzRequest> {
  if (c.segments.id === OWNER_OF_EVIDENCE) {
    const row = await env.DB.prepare("SELECT claim_id FROM evidence WHERE id = ?")
      .bind(c.segments.eid?.value ?? "")
      .first<{ claim_id: string }>();
    c.segments.id = { value: row?.claim_id ?? "clm_gone", raw: false };
  }
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encode(c.segments[name] ?? { value: "", raw: true }),
  );
  const query = c.query.map(([k, v]) => `${encodeURIComponent(k)}=${encode(v)}`).join("&");
  const headers: Record<string, string> = { ...authorization(world, c.caller) };
  if (c.ifMatch !== undefined) {
    const id = c.segments.id?.value ?? "";
    const current = c.ifMatch.startsWith("CURRENT") ? await currentVersion(id) : 0;
    headers["if-match"] =
      c.ifMatch === "CURRENT"
        ? `"${current}"`
        : c.ifMatch === "CURRENT_WEAK"
          ? `W/"${current}"`
          : c.ifMatch === "CURRENT_BARE"
            ? String(current)
            : c.ifMatch;
  }
  if (c.idempotencyKey !== undefined) headers["idempotency-key"] = c.idempotencyKey;
  const sendsBody = c.body !== undefined && c.method !== "GET";
  if (sendsBody && c.contentType !== undefined) headers["content-type"] = c.contentType;
  return {
    method: c.method,
    path: `${BASE}${path}${query ? `?${query}` : ""}`,
    headers,
    body: sendsBody ? c.body : undefined,
  };
}

// ---- the properties --------------------------------------------------------------------------

/** Statuses answered that the operation does not document (reported, not failed), and every
 * operation's statuses (how deep the cases went). */
const undocumented = new Map<string, number>();
const statuses = new Map<string, Record<number, number>>();

afterAll(() => {
  const line = (m: Map<string, unknown>) => JSON.stringify(Object.fromEntries(m));
  console.info(`fuzz: statuses by operation: ${line(statuses)}`);
  if (undocumented.size > 0) console.info(`fuzz: statuses not in the OpenAPI document: ${line(undocumented)}`);
});

describe("the OpenAPI document lists the operations the fuzz drives", () => {
  it("has them all, with their parameters", () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
    for (const { op } of operations) expect(op.responses).toBeTruthy();
  });
});

describe.each(operations)("$method $path", (op) => {
  it(
    "answers every generated request without a 5xx, a 4xx as problem+json that wrote nothing",
    async () => {
      await fc.assert(
        fc.asyncProperty(caseFor(op), async (c) => {
          if (op.path.includes("/flags/")) await raiseFlags(world.claims.slice(1));
          const req = await requestOf(op, c);
          const { answer } = await sendAndCheck(req, "api", `[${c.caller}] `, { reuseCount: true });
          if (answer.status < 300) learn(answer.json?.id);
          const seen = statuses.get(`${op.method} ${op.path}`) ?? {};
          seen[answer.status] = (seen[answer.status] ?? 0) + 1;
          statuses.set(`${op.method} ${op.path}`, seen);
          if (c.method === op.method && !(String(answer.status) in op.op.responses)) {
            const key = `${op.method} ${op.path} ${answer.status}`;
            undocumented.set(key, (undocumented.get(key) ?? 0) + 1);
          }
        }),
        fcParams(RUNS_PER_OPERATION),
      );
      expect(pools.claim.length).toBeGreaterThan(0);
    },
    timeoutFor(RUNS_PER_OPERATION),
  );
});
