// Generators for the fuzz suite: values from the OpenAPI document's JSON Schemas (with their
// examples), the mutations that break them, and the hostile strings, ids, cursors and headers
// every door must survive.
import fc from "fast-check";

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema is untyped here
export type JsonSchema = Record<string, any>;
export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
}
export interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, unknown>;
}
export interface OpenApiDocument {
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** Every operation of the document, as method, path template and its description. */
export function operationsOf(doc: OpenApiDocument) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => (METHODS as readonly string[]).includes(method))
      .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}
export type ApiOperation = ReturnType<typeof operationsOf>[number];

export function resolve(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema {
  let s = schema ?? {};
  for (let i = 0; i < 20 && typeof s.$ref === "string"; i++) {
    const name = s.$ref.replace("#/components/schemas/", "");
    s = doc.components?.schemas?.[name] ?? {};
  }
  return s;
}

// ---- strings -------------------------------------------------------------------------------

/** Pieces that have broken text handling somewhere: controls (C0, C1, DEL), separators, BOM,
 * zero-width and soft-hyphen characters, lone and reversed surrogates, combining marks, NFKC
 * look-alikes, quotes, SQL and FTS5 syntax, formula starts, the tag separators. */
export const NASTY = [
  "\u0000",
  "\u0001",
  "\u0008",
  "\u000b",
  "\u000c",
  "\u001b[31m",
  "\u001f",
  "\u007f",
  "\u0080",
  "\u0085",
  "\u009f",
  "\t",
  "\n",
  "\r",
  "\r\n",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\u200b",
  "\u00ad",
  "\u00a0",
  "\ud800",
  "\udfff",
  "\udc00\ud800",
  "\ud83d",
  "😀",
  "e\u0301",
  "\u0301",
  "ﬁ",
  "Ａ",
  "ı",
  "İ",
  "ß",
  "'",
  '"',
  "“",
  "”",
  "\\",
  "`",
  "<script>alert(1)</script>",
  "&amp;",
  "%00",
  "%",
  "'; DROP TABLE claims;--",
  "NEAR(",
  "*",
  "^",
  "OR",
  "AND NOT",
  "=1+1",
  "'=",
  "-",
  "+",
  "@",
  ",",
  ";",
  " ",
  "   ",
];

const WORDS = [
  "insurgents",
  "attacks",
  "checkpoints",
  "Helmand",
  "43",
  "very",
  "good",
  "relationship",
  "spokesman",
  "said",
  "the",
  "Taliban",
  "police",
  "2020",
  "percent",
  "Kunduz",
];

/** The value in `percent` of cases, else undefined. */
export const sometimes = <T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> =>
  fc.oneof(
    { weight: 100 - percent, arbitrary: fc.constant<T | undefined>(undefined) },
    { weight: percent, arbitrary: arb },
  );

/** Readable words, mostly valid anywhere a text is. */
export const words = (min = 1, max = 8) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((w) => w.join(" "));

/** Anything: words, random graphemes and the nasty pieces, mixed. */
export const nastyString = (maxPieces = 6) =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
        { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
        { weight: 2, arbitrary: fc.constantFrom(...WORDS) },
        { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 4 }) },
      ),
      { maxLength: maxPieces },
    )
    .map((p) => p.join(""));

/** Text for a field: mostly words (with a unique-ish number so creates do not all collide), often nasty. */
export const someText = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.tuple(words(), fc.nat(1_000_000)).map(([w, n]) => `${w} ${n}`) },
    { weight: 2, arbitrary: nastyString() },
  );

export const URLS = [
  "http:example.com",
  "http:example.com/path?q=1",
  "https:example.com/x",
  "http:/example.com/one-slash",
  "http:\\\\example.com\\back",
  "HTTP://EXAMPLE.COM:80/%7euser",
  "https://example.com/a b",
  "https://例え.jp/パス",
  "https://xn--r8jz45g.jp/",
  "https://user:pw@example.com/#frag",
  "https://example.com/?utm_source=x&b=2&a=1",
  "https://[::1]/",
  "http://127.0.0.1:8787/",
  " https://example.com/padded ",
  "https://exa\u0000mple.com/",
  "https://example.com/\u0000",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "ftp://example.com/",
  "//example.com/",
  "http://",
  "https://",
  "example.com",
  `https://example.com/${"a".repeat(2030)}`,
  `https://example.com/${"é".repeat(1100)}`,
];

export const url = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.webUrl({ withQueryParameters: true }) },
    { weight: 2, arbitrary: fc.constantFrom(...URLS) },
  );

export const DATES = [
  "2020-02-31",
  "2020-13-01",
  "0000-00-00",
  "99999-01-01",
  "2020-03-05T25:00Z",
  "2020-03-05T10:00:00.123456789+05:30",
  "2020-03-05T10:00:00.1234567890Z",
  "2020-3-5",
  "2020-03-05 ",
  " 2020-03-05",
  "2020-03-05T10:00",
  "yesterday",
  "",
];

export const date = () =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true })
        .chain((d) => fc.constantFrom(d.toISOString().slice(0, 10), d.toISOString())),
    },
    { weight: 1, arbitrary: fc.constantFrom(...DATES) },
  );

// ---- ids, cursors, header values -------------------------------------------------------------

/** A path segment: `raw` is put in the path as it is (to send malformed percent-encoding and dot segments). */
export interface Segment {
  value: string;
  raw: boolean;
}

export const GARBAGE_SEGMENTS: Segment[] = [
  "",
  ".",
  "..",
  "../..",
  "..%2F..%2Fapi%2Fv1%2Ftokens",
  "%2e%2e",
  "%00",
  "%",
  "%ZZ",
  "%C0%AF",
  "%FF%FE",
  "%F0%9F%92%A9",
  "clm_",
  "clm_%20",
  ";",
  "a;b=c",
  "%3Fq=1",
  "%23frag",
].map((value) => ({ value, raw: true }));

/** Ids that are not ids: random, overlong, unicode, traversal, injections, malformed escapes. */
export const garbageId = (): fc.Arbitrary<Segment> =>
  fc.oneof(
    { weight: 2, arbitrary: nastyString(3).map((value) => ({ value, raw: false })) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 65, max: 3000 }).map((n) => ({ value: `clm_${"A".repeat(n)}`, raw: false })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom("clm_01JNDX8Y3T6M5V0A7K2Q9R4B1C", "CLM_01jndx", "' OR 1=1 --", "../../etc/passwd", "\u0000", "🙂")
        .map((value) => ({ value, raw: false })),
    },
    { weight: 2, arbitrary: fc.constantFrom(...GARBAGE_SEGMENTS) },
  );

/** The string with each lone surrogate as U+FFFD (what a URL or UTF-8 can carry). */
export const wellFormed = (s: string) =>
  s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

/** base64url as the API writes cursors. */
export function b64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Cursors that are not ours: malformed base64, JSON of the wrong shape, numbers out of range,
 * a valid `seq` next to a bad `offset`, cursors of the other lists. */
export const BAD_CURSORS = [
  "%%%",
  "!!!",
  "====",
  "e30=",
  "e30",
  b64url('{"offset":[1,2]}'),
  b64url('"abc"'),
  b64url("1e308"),
  b64url('{"rank":1}'),
  b64url('{"seq":5,"offset":"x"}'),
  b64url('{"seq":5,"offset":-1}'),
  b64url('{"seq":1e308}'),
  b64url('{"seq":-1}'),
  b64url('{"seq":1.5}'),
  b64url('{"seq":"1"}'),
  b64url('{"seq":null}'),
  b64url('{"offset":10001}'),
  b64url('{"offset":1e308}'),
  b64url('{"rank":4,"seq":1}'),
  b64url('{"rank":-1,"seq":1}'),
  b64url('{"id":""}'),
  b64url(`{"id":"${"x".repeat(65)}"}`),
  b64url('{"at":"x","id":"y"}'),
  b64url('{"at":1,"id":"y"}'),
  b64url("null"),
  b64url("[]"),
  b64url("[1,2]"),
  b64url('{"__proto__":{"seq":1}}'),
  b64url('{"seq":1,"seq":2}'),
  b64url("{"),
  "A".repeat(201),
  "",
  " ",
  "%FF",
  "%00",
];

export const VALID_CURSORS = [
  b64url('{"seq":1}'),
  b64url('{"seq":100}'),
  b64url('{"offset":0}'),
  b64url('{"offset":2}'),
  b64url('{"rank":1,"seq":3}'),
  b64url('{"id":"spk_0"}'),
  b64url('{"id":"src_ZZZZ"}'),
  b64url('{"at":"2020-03-05T00:00:00.000Z","id":"rck_0"}'),
];

export const cursor = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...BAD_CURSORS) },
    { weight: 2, arbitrary: fc.constantFrom(...VALID_CURSORS) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => b64url(JSON.stringify(v) ?? "null")) },
    { weight: 1, arbitrary: fc.base64String({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  );

/** A header value: visible ASCII, spaces and tabs (workerd sends other Latin-1 as UTF-8, with a warning). */
export const headerValue = (maxLength = 40) =>
  fc
    .string({
      unit: fc.oneof(
        { weight: 4, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
        { weight: 1, arbitrary: fc.constantFrom("\t", " ", '"', ",", "W/", "*") },
      ),
      maxLength,
    })
    .filter((v) => !/[\r\n\0]/.test(v));

export const IF_MATCH_GARBAGE = [
  "",
  "*",
  '"0"',
  '"-1"',
  '"1.5"',
  '"99999999999999999999"',
  '"1", "2"',
  'W/"abc"',
  "W/",
  '"',
  '""',
  "1e3",
  "0x1",
  " 1 ",
  "\t1",
  "NaN",
];

export const IDEMPOTENCY_GARBAGE = ["", " ", "a b", "x".repeat(256), "\t", '"', "a\tb"];

export const CONTENT_TYPES = [
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  'application/json;charset="utf-8"',
  "application/json; charset=latin1",
  "application/json, text/plain",
  "application/problem+json",
  "application/merge-patch+json",
  "application/vnd.api+json",
  "text/plain",
  "text/csv",
  "application/x-ndjson",
  "application/ndjson",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "*/*",
  ";",
  "",
];

// ---- values from schemas ---------------------------------------------------------------------

export interface IdPools {
  /** Real ids of this kind (claims, speakers, …), for fields and path segments that name one. */
  real(kind: IdKind): fc.Arbitrary<string>;
}
export type IdKind = "claim" | "speaker" | "source" | "evidence" | "token";

function idKindOf(name: string | undefined): IdKind | null {
  if (name === "speaker_id") return "speaker";
  if (name === "source_id") return "source";
  return null;
}

/** A value the schema describes (often valid, not always: examples and limits are mixed in). */
export function valueFor(
  doc: OpenApiDocument,
  raw: JsonSchema | undefined,
  ids: IdPools,
  name?: string,
  parentRef?: string,
  depth = 0,
): fc.Arbitrary<unknown> {
  const ref = raw?.$ref as string | undefined;
  const schema = resolve(doc, raw);
  const generated = generatedFor(doc, schema, ids, name, ref ?? parentRef, depth);
  if (schema.example !== undefined && depth > 0) {
    return fc.oneof({ weight: 1, arbitrary: fc.constant(schema.example) }, { weight: 3, arbitrary: generated });
  }
  return generated;
}

function generatedFor(
  doc: OpenApiDocument,
  schema: JsonSchema,
  ids: IdPools,
  name: string | undefined,
  ref: string | undefined,
  depth: number,
): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if (schema.const !== undefined) return fc.constant(schema.const);
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valueFor(doc, s, ids, name, ref, depth + 1)));
  const types: string[] = Array.isArray(schema.type)
    ? schema.type
    : schema.type
      ? [schema.type]
      : schema.properties
        ? ["object"]
        : ["string"];
  const arbs = types.map((type): fc.WeightedArbitrary<unknown> => {
    switch (type) {
      case "null":
        return { weight: 1, arbitrary: fc.constant(null) };
      case "boolean":
        return { weight: 4, arbitrary: fc.boolean() };
      case "integer":
        return { weight: 4, arbitrary: fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 1000 }) };
      case "number":
        return { weight: 4, arbitrary: fc.double({ noNaN: true }) };
      case "array": {
        const items = valueFor(doc, schema.items, ids, name, ref, depth + 1);
        const max = Math.min(schema.maxItems ?? 5, 5);
        return {
          weight: 4,
          // Repeats on purpose: tags are deduplicated.
          arbitrary: fc
            .array(items, { maxLength: max })
            .chain((a) => (a.length > 0 ? fc.constantFrom(a, [...a, a[0]]) : fc.constant(a))),
        };
      }
      case "object":
        return { weight: 4, arbitrary: objectFor(doc, schema, ids, ref, depth) };
      default:
        return { weight: 4, arbitrary: stringFor(schema, ids, name) };
    }
  });
  return fc.oneof(...arbs);
}

function objectFor(
  doc: OpenApiDocument,
  schema: JsonSchema,
  ids: IdPools,
  ref: string | undefined,
  depth: number,
): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = (schema.required ?? []) as string[];
  // A reference (speaker, source) given by id or by its fields: an id alone, often.
  const byId = "id" in properties && ref !== undefined;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, prop] of Object.entries(properties)) {
    if (key === "id") continue;
    model[key] = valueFor(doc, prop, ids, key, undefined, depth + 1);
  }
  const fields = fc.record(model, { requiredKeys: required.filter((k) => k !== "id") });
  if (!byId) return fields;
  const kind: IdKind = /speaker/i.test(ref ?? "") ? "speaker" : "source";
  return fc.oneof(
    { weight: 2, arbitrary: fields },
    { weight: 1, arbitrary: ids.real(kind).map((id) => ({ id })) },
    { weight: 1, arbitrary: garbageId().map((s) => ({ id: s.value })) },
  );
}

function stringFor(schema: JsonSchema, ids: IdPools, name: string | undefined): fc.Arbitrary<string> {
  const kind = idKindOf(name);
  if (kind)
    return fc.oneof(
      ids.real(kind),
      garbageId().map((s) => s.value),
    );
  if (schema.format === "uri" || /url/i.test(name ?? "")) return url();
  if (
    /(_at|^since)$/.test(name ?? "") ||
    (typeof schema.example === "string" && /^\d{4}-\d{2}-\d{2}/.test(schema.example))
  ) {
    return date();
  }
  const max: number = schema.maxLength ?? 200;
  return fc.oneof(
    { weight: 6, arbitrary: someText().filter((s) => s.length <= max) },
    // Right at the limit, and one past it.
    { weight: 1, arbitrary: fc.constantFrom(max, max + 1).map((n) => "x".repeat(n)) },
  );
}

// ---- mutations -------------------------------------------------------------------------------

type Path = (string | number)[];
export type Mutation =
  | { kind: "replace"; at: number; value: unknown }
  | { kind: "extra"; at: number; key: string; value: unknown }
  | { kind: "drop"; at: number }
  | { kind: "huge"; at: number; size: number; unit: string }
  | { kind: "inject"; at: number; piece: string; where: "start" | "end" | "middle" }
  | { kind: "nest"; at: number; depth: number; as: "array" | "object" };

const WRONG_TYPES: unknown[] = [
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  false,
  null,
  [],
  {},
  "",
  " ",
  "x",
  [1, 2],
  { a: 1 },
  ["a", ["b"]],
];

export const mutation = (): fc.Arbitrary<Mutation> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant("replace" as const),
        at: fc.nat(),
        value: fc.oneof(fc.constantFrom(...WRONG_TYPES), fc.jsonValue({ maxDepth: 2 })),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("extra" as const),
        at: fc.nat(),
        key: fc.oneof(
          fc.constantFrom(
            "__proto__",
            "constructor",
            "prototype",
            "extra",
            "id",
            "speaker_id",
            "source_id",
            "version",
            "status",
            "role",
            "text ",
            "TEXT",
            "",
          ),
          fc.string({ maxLength: 10 }),
        ),
        value: fc.jsonValue({ maxDepth: 1 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("drop" as const), at: fc.nat() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("huge" as const),
        at: fc.nat(),
        size: fc.constantFrom(65, 301, 1001, 2049, 5001, 10_001, 70_000, 200_001),
        unit: fc.constantFrom("x", "é", "😀", "\u0000", " ", "\u0301"),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant("inject" as const),
        at: fc.nat(),
        piece: fc.constantFrom(...NASTY),
        where: fc.constantFrom("start" as const, "end" as const, "middle" as const),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("nest" as const),
        at: fc.nat(),
        depth: fc.integer({ min: 2, max: 3000 }),
        as: fc.constantFrom("array" as const, "object" as const),
      }),
    },
  );

/** The paths of the value's nodes (not below depth 40: a nesting mutation makes thousands). */
/** No mutation half the time (a valid body goes deeper), else one to three. */
export const mutations = () =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant<Mutation[]>([]) },
    { weight: 1, arbitrary: fc.array(mutation(), { minLength: 1, maxLength: 3 }) },
  );

function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (path.length >= 40) return out;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) pathsOf(v, [...path, i], out);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  }
  return out;
}

function getAt(value: unknown, path: Path): unknown {
  let v = value;
  for (const p of path) v = (v as Record<string | number, unknown>)[p];
  return v;
}

/** Sets an own property (also `__proto__`, which plain assignment would take as the prototype). */
function define(target: object, key: string | number, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = getAt(root, path.slice(0, -1)) as object;
  define(parent, path[path.length - 1] as string | number, value);
  return root;
}

/** The value with the mutations applied (to a copy), each at one of its nodes. */
export function mutate(value: unknown, mutations: Mutation[]): unknown {
  let root: unknown = value === undefined ? undefined : structuredClone(value);
  // One deep nesting per value: two inside each other overflow the stack of JSON.stringify
  // here, not of the Worker, which is what the case is about.
  let nested = false;
  for (const m of mutations) {
    if (m.kind === "nest" && nested) continue;
    if (m.kind === "nest") nested = true;
    const paths = pathsOf(root);
    const path = paths[m.at % paths.length] ?? [];
    const node = getAt(root, path);
    switch (m.kind) {
      // Copies: the generated values (WRONG_TYPES among them) are shared between cases.
      case "replace":
        root = setAt(root, path, structuredClone(m.value));
        break;
      case "extra": {
        const target = node !== null && typeof node === "object" && !Array.isArray(node) ? node : root;
        if (target !== null && typeof target === "object" && !Array.isArray(target)) {
          define(target, m.key, structuredClone(m.value));
        }
        break;
      }
      case "drop":
        if (path.length > 0) {
          const parent = getAt(root, path.slice(0, -1));
          const key = path[path.length - 1] as string | number;
          if (Array.isArray(parent)) parent.splice(key as number, 1);
          else delete (parent as Record<string, unknown>)[key];
        } else root = undefined;
        break;
      case "huge":
        root = setAt(root, path, m.unit.repeat(Math.ceil(m.size / m.unit.length)));
        break;
      case "inject": {
        const s = typeof node === "string" ? node : "";
        const mid = Math.floor(s.length / 2);
        const next =
          m.where === "start"
            ? m.piece + s
            : m.where === "end"
              ? s + m.piece
              : s.slice(0, mid) + m.piece + s.slice(mid);
        root = setAt(root, path, next);
        break;
      }
      case "nest": {
        let wrapped: unknown = node;
        for (let i = 0; i < m.depth; i++) wrapped = m.as === "array" ? [wrapped] : { a: wrapped };
        root = setAt(root, path, wrapped);
        break;
      }
    }
  }
  return root;
}

/** Bodies that are not JSON objects at all, or not JSON, or not text. */
export const RAW_BODIES: (string | Uint8Array)[] = [
  "",
  " ",
  "{",
  "}",
  "null",
  "true",
  "0",
  "-0",
  "1e308",
  "[]",
  "[{}]",
  '"x"',
  '{"a":',
  "\u0000",
  "NaN",
  "{'text':'x'}",
  '{"text":"x",}',
  '\ufeff{"text":"x"}',
  '{"text":"a","text":"b"}',
  '{"__proto__":{"role":"admin"}}',
  `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
  `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`,
  "text,kind\nx,statistic\n",
  '{"text":"x"}\n{"text":"y"}',
  "text=x&kind=statistic",
  new Uint8Array([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  new Uint8Array([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
  new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
];
