// The review pages, fuzzed: every form route posted with generated and garbage fields (and
// field names, encodings, origins and sessions), and the pages that read query strings and
// ids. Every answer: no 5xx, a 4xx wrote nothing, and a redirect stays on this site.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractClaims } from "../../src/extract";
import { INTENTS } from "../../src/pages/claim/post";
import { login } from "../pages-helpers";
import {
  cursor,
  date,
  garbageId,
  type IdKind,
  NASTY,
  nastyString,
  type Segment,
  someText,
  sometimes,
  url,
  wellFormed,
  words,
} from "./arbitraries";
import { type FuzzRequest, fcParams, ORIGIN, runsFor, sendAndCheck, timeoutFor } from "./harness";
import { ids, learn, raiseFlags, setUpWorld, type World } from "./world";

const SESSIONS = ["reviewer", "admin", "viewer", "none", "forged"] as const;
type Session = (typeof SESSIONS)[number];

let world: World;
const cookies: Record<Session, string> = { reviewer: "", admin: "", viewer: "", none: "", forged: "" };

async function refreshSessions() {
  cookies.reviewer = await login(world.tokens.reviewer ?? "");
  cookies.viewer = await login(world.tokens.viewer ?? "");
  cookies.admin = await login(env.ADMIN_TOKEN ?? "");
}

beforeAll(async () => {
  world = await setUpWorld();
  await refreshSessions();
  cookies.forged = `claimdesk_session=${encodeURIComponent('{"role":"admin","actor":"x","key":"admin-token","exp":9999999999}')}.AAAA`;
});

// ---- fields ----------------------------------------------------------------------------------

const VERSIONS = ["CURRENT", "1", "0", "-1", "NaN", "", "1e3", "0x2", " 2", "99999999999999999999", "2.5"];

/** A plausible value for a field by its name, or garbage. */
function fieldValue(name: string): fc.Arbitrary<string> {
  const enumOf = (values: string[]) => fc.constantFrom(...values);
  let plausible: fc.Arbitrary<string>;
  if (name === "kind") plausible = enumOf(["direct_quote", "paraphrase", "statistic"]);
  else if (name === "speaker_kind") plausible = enumOf(["person", "organisation", "group", "anonymous"]);
  else if (name === "status")
    plausible = enumOf(["unverified", "in_review", "verified", "misleading", "false", "unproven", "opinion"]);
  else if (name === "attribution") plausible = enumOf(["unchecked", "confirmed", "paraphrased", "misattributed"]);
  else if (name === "stance") plausible = enumOf(["supports", "refutes", "context"]);
  else if (name === "role") plausible = enumOf(["viewer", "reviewer", "admin"]);
  else if (name === "action") plausible = enumOf(["publish", "sign_off", "unpublish", "correct"]);
  else if (name === "version") plausible = enumOf(VERSIONS);
  else if (name === "intent") plausible = enumOf([...INTENTS, "Review", "__proto__", "toString"]);
  else if (name === "confirm") plausible = enumOf(["1", "1", "0", "true"]);
  else if (name === "evidence_id") plausible = fc.oneof(ids.real("evidence"), fc.constantFrom("evd_nothere", ""));
  else if (name === "flag") plausible = enumOf([...FLAGS, "not_a_flag", "constructor"]);
  else if (name === "repeat_of") plausible = enumOf(["A_CLAIM_0", "A_CLAIM_1", "A_CLAIM_2", "clm_nothere"]);
  else if (name === "carry_verdict") plausible = enumOf(["1", "1", "0", "on"]);
  else if (/url/.test(name)) plausible = url();
  else if (/_at$/.test(name)) plausible = date();
  else if (name === "tags") plausible = fc.array(someText(), { maxLength: 4 }).map((t) => t.join(", "));
  else if (name === "token") plausible = fc.constantFrom("REVIEWER_TOKEN", "ADMIN_TOKEN", "cd_nope", " ", "");
  else if (name === "next")
    plausible = enumOf([
      "/review",
      "//evil.example/",
      "https://evil.example/",
      "/\\evil",
      "/claims/x?a=b",
      "javascript:alert(1)",
    ]);
  else plausible = someText();
  return fc.oneof(
    { weight: 6, arbitrary: plausible },
    { weight: 2, arbitrary: nastyString() },
    { weight: 1, arbitrary: fc.constantFrom("", " ", "\u0000", ...NASTY.slice(0, 12)) },
    { weight: 1, arbitrary: fc.constantFrom(301, 1001, 5001, 10_001, 200_001).map((n) => "x".repeat(n)) },
  );
}

const FLAT = [
  "text",
  "kind",
  "context",
  "tags",
  "speaker_name",
  "speaker_role",
  "speaker_kind",
  "source_url",
  "source_title",
  "source_publisher",
  "source_published_at",
  "reported_via",
  "stated_at",
];
const ARTICLE = ["source_url", "source_title", "source_publisher", "source_published_at"];

/** An article with quotes the extractor proposes (or garbage). */
const article = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(
        fc
          .tuple(words(3, 10), words(1, 2), fc.constantFrom("said", "told AFP", "tweeted"))
          .map(([quote, name, cue]) => `"${quote}," ${name} ${cue}. ${name} added that 43 attacks were carried out.`),
        { minLength: 1, maxLength: 6 },
      )
      .map((s) => s.join("\n\n")),
  },
  { weight: 1, arbitrary: nastyString(20) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(200_001), `"${"a ".repeat(5000)}," he said.`) },
);

interface Route {
  method: "GET" | "POST";
  /** The path template; {id} a claim, {eid} an evidence item, {flag} a flag, {sid}/{pid} a source/speaker. */
  path: string;
  fields?: string[];
  /** Query parameters (GET pages). */
  query?: string[];
  /** Extra generated fields (the import's per-candidate fields). */
  extra?: fc.Arbitrary<Record<string, string>>;
  body?: fc.Arbitrary<Record<string, string>>;
}

const candidateFields = fc
  .array(
    // K0, K1, K2: the keys of the article's first candidates (resolved when sent); the rest forged.
    fc.tuple(
      fc.constantFrom("K0", "K1", "K2", "K0", "K1", "c0", "0", "", "x\u0000", "__proto__"),
      fc.constantFrom("pick_", "pick_", "speaker_name_", "speaker_role_"),
    ),
    { maxLength: 4 },
  )
  .chain((pairs) =>
    fc.tuple(
      ...pairs.map(([key, prefix]) => fieldValue("speaker_name").map((v): [string, string] => [`${prefix}${key}`, v])),
    ),
  )
  .map((entries) => Object.fromEntries(entries));

const ROUTES: Route[] = [
  { method: "POST", path: "/login", fields: ["token", "next"] },
  { method: "POST", path: "/logout", fields: [] },
  { method: "POST", path: "/claims/new", fields: FLAT },
  { method: "POST", path: "/claims/{id}/edit", fields: [...FLAT, "version"] },
  // Every form of the claim page posts to the claim's own address, with its intent (src/pages/claim/post.ts).
  {
    method: "POST",
    path: "/claims/{id}",
    fields: [
      "intent",
      "status",
      "attribution",
      "rationale",
      "url",
      "title",
      "note",
      "stance",
      "evidence_id",
      "flag",
      "action",
      "reason",
      "confirm",
      "repeat_of",
      "carry_verdict",
      "assignee",
      "text",
      "version",
      "seen_at",
    ],
  },
  { method: "POST", path: "/claims/{id}/review", fields: ["status", "attribution", "rationale", "version", "seen_at"] },
  { method: "POST", path: "/claims/{id}/evidence", fields: ["url", "title", "note", "stance"] },
  { method: "POST", path: "/claims/{id}/evidence/{eid}/delete", fields: [] },
  { method: "POST", path: "/claims/{id}/flags/{flag}/clear", fields: ["note"] },
  { method: "POST", path: "/claims/{id}/recheck", fields: [] },
  {
    method: "POST",
    path: "/claims/{id}/repeat",
    fields: ["repeat_of", "carry_verdict", "rationale", "version", "seen_at"],
  },
  { method: "POST", path: "/claims/{id}/repeat/unlink", fields: ["version", "seen_at"] },
  { method: "POST", path: "/claims/{id}/publication", fields: ["action", "reason", "version", "seen_at"] },
  // Team workflow: assignment, notes, bulk actions, webhooks (admins).
  { method: "POST", path: "/claims/{id}/assign-me", fields: ["version", "seen_at", "back"] },
  { method: "POST", path: "/claims/{id}/assign", fields: ["assignee", "version", "seen_at"] },
  { method: "POST", path: "/claims/{id}/unassign", fields: ["version", "seen_at"] },
  { method: "POST", path: "/claims/{id}/notes", fields: ["text"] },
  { method: "POST", path: "/review/bulk", fields: ["action", "assignee", "tag", "claim", "back"] },
  { method: "POST", path: "/admin/webhooks", fields: ["url", "description", "events"] },
  { method: "POST", path: "/admin/tokens", fields: ["name", "role"] },
  { method: "POST", path: "/admin/tokens/{tid}/revoke", fields: [] },
  { method: "POST", path: "/import/preview", fields: ARTICLE, body: article.map((text) => ({ text })) },
  {
    method: "POST",
    path: "/import",
    fields: [...ARTICLE, "tags"],
    body: article.map((text) => ({ text })),
    extra: candidateFields,
  },
  {
    method: "GET",
    path: "/review",
    query: [
      "cursor",
      "q",
      "status",
      "attribution",
      "flag",
      "speaker_id",
      "source_id",
      "tag",
      "flagged",
      "all",
      "repeat",
      "repeat_of",
      "assigned",
    ],
  },
  { method: "GET", path: "/claims/{id}", query: ["done", "draft_status", "draft_attribution", "draft_rationale"] },
  { method: "GET", path: "/claims/{id}/notes", query: ["cursor"] },
  { method: "GET", path: "/claims/{id}/edit" },
  { method: "GET", path: "/sources/{sid}" },
  { method: "GET", path: "/speakers/{pid}" },
  { method: "GET", path: "/dashboard", query: ["period", "tag", "speaker_id"] },
  { method: "GET", path: "/login", query: ["next"] },
  // The public pages (no login): {slug} is the published fact-check's, altered, or garbage.
  { method: "GET", path: "/fact-checks", query: ["q", "cursor"] },
  { method: "GET", path: "/fact-checks/{slug}" },
  { method: "GET", path: "/fact-checks/speakers/{pid}" },
  { method: "GET", path: "/fact-checks/feed.atom" },
  { method: "GET", path: "/fact-checks/feed.json" },
  { method: "GET", path: "/sitemap.xml" },
  { method: "GET", path: "/admin/webhooks", query: ["done"] },
  { method: "GET", path: "/admin/tokens", query: ["done"] },
  { method: "GET", path: "/admin/tokens/{tid}/revoke" },
];

// ---- cases -----------------------------------------------------------------------------------

type Encoding = "urlencoded" | "multipart" | "raw" | "json" | "text" | "none";
/** Beside the form's own encodings: bodies the form parser cannot read (a 400, see readForm). */
const ENCODINGS: Encoding[] = ["raw", "json", "text", "none"];

interface PageCase {
  session: Session;
  origin: string | null;
  segments: Record<string, Segment>;
  fields: Record<string, string>;
  query: [string, string][];
  encoding: Encoding;
  raw: string | Uint8Array;
}

const FLAGS = ["quote_missing", "source_changed", "source_unreachable", "verdict_stale"];
// {tid}: the world's disposable tokens only (never the sessions' own), or garbage.
const SEGMENT_KINDS: Record<string, IdKind> = {
  id: "claim",
  eid: "evidence",
  sid: "source",
  pid: "speaker",
  tid: "token",
};

function segment(name: string): fc.Arbitrary<Segment> {
  if (name === "slug") {
    const slug = () => world.publishedPath.replace("/fact-checks/", "");
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant(null).map(() => ({ value: slug(), raw: false })) },
      // The right id after other words (a 301), or the words with another id (a 404).
      {
        weight: 2,
        arbitrary: words(1, 4).map((w) => ({ value: `${w.replace(/ /g, "-")}-${slug().slice(-30)}`, raw: false })),
      },
      { weight: 1, arbitrary: ids.real("claim").map((id) => ({ value: `x-${id}`, raw: false })) },
      { weight: 2, arbitrary: garbageId() },
    );
  }
  const real = name === "flag" ? fc.constantFrom(...FLAGS) : ids.real(SEGMENT_KINDS[name] ?? "claim");
  return fc.oneof(
    { weight: 5, arbitrary: real.map((value) => ({ value, raw: false })) },
    { weight: 2, arbitrary: garbageId() },
  );
}

const RAW_FORMS: (string | Uint8Array)[] = [
  "%ZZ=1&text=%FF",
  "text=%E0%A4%A&speaker_name=%",
  "=&&==&text",
  "text=a&text=b&text=c",
  `text=${"x".repeat(300_000)}`,
  new Uint8Array([0x74, 0x65, 0x78, 0x74, 0x3d, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
  '--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nunterminated',
];

function caseFor(route: Route): fc.Arbitrary<PageCase> {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const segments = fc.record(Object.fromEntries(names.map((n) => [n === "flag" ? "flag" : n, segment(n)])));
  const fieldNames = route.fields ?? [];
  const fields = fc
    .tuple(
      fc.record(Object.fromEntries(fieldNames.map((n) => [n, fieldValue(n)])), { requiredKeys: [] }),
      route.body ?? fc.constant({}),
      route.extra ?? fc.constant({}),
      // A field no form has, now and then.
      sometimes(
        fc.tuple(
          fc.oneof(
            fc.constantFrom("__proto__", "constructor", "id", "role", "status[]", ""),
            fc.string({ maxLength: 8 }),
          ),
          nastyString(2),
        ),
        20,
      ),
    )
    .map(([named, body, extra, odd]) => ({ ...named, ...body, ...extra, ...(odd ? { [odd[0]]: odd[1] } : {}) }));
  const query = fc
    .array(
      fc.tuple(
        fc.constantFrom(...(route.query?.length ? route.query : ["unknown"])),
        fc.oneof(cursor(), someText(), nastyString(3), fc.constantFrom("1", "verified", "quote_missing", "", "%FF")),
      ),
      { maxLength: route.query ? 4 : 1 },
    )
    .map((pairs) => pairs.map(([k, v]): [string, string] => [k, v]));
  return fc.record({
    session: fc.oneof(
      { weight: 6, arbitrary: fc.constant<Session>("reviewer") },
      { weight: 2, arbitrary: fc.constant<Session>("admin") },
      { weight: 2, arbitrary: fc.constantFrom<Session>(...SESSIONS) },
    ),
    origin: fc.oneof(
      { weight: 10, arbitrary: fc.constant<string | null>(ORIGIN) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<string | null>(null, "http://evil.example", "null", `${ORIGIN}.evil.example`),
      },
    ),
    segments,
    fields,
    query,
    encoding: fc.oneof(
      { weight: 10, arbitrary: fc.constant<Encoding>("urlencoded") },
      { weight: 2, arbitrary: fc.constant<Encoding>("multipart") },
      { weight: 1, arbitrary: fc.constantFrom<Encoding>(...ENCODINGS) },
    ),
    raw: fc.constantFrom(...RAW_FORMS),
  });
}

/** The form keys the /import page gives the article's candidates (src/services/article-import.ts). */
function candidateKeys(text: string | undefined): string[] {
  if (!text) return [];
  return extractClaims(text.replace(/\r\n?/g, "\n")).map(
    (c) => `${c.start}-${c.end}-${c.kind === "statistic" ? "s" : "q"}`,
  );
}

async function resolveField(name: string, value: string, claimId: string, tokens: Record<string, string>) {
  if (name === "version" && value === "CURRENT") {
    const row = await env.DB.prepare("SELECT version FROM claims WHERE id = ?")
      .bind(claimId)
      .first<{ version: number }>();
    return String(row?.version ?? 1);
  }
  if (name === "token") return tokens[value] ?? value;
  // Another claim of the world: a link that can land (or a cycle, or the claim itself).
  const pick = /^A_CLAIM_(\d)$/.exec(value);
  if (name === "repeat_of" && pick) return world.claims[Number(pick[1])] ?? value;
  return value;
}

async function requestOf(route: Route, c: PageCase, tokens: Record<string, string>): Promise<FuzzRequest> {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const s = c.segments[name] ?? { value: "", raw: true };
    return s.raw ? s.value : encodeURIComponent(wellFormed(s.value));
  });
  const query = c.query.map(([k, v]) => `${k}=${encodeURIComponent(wellFormed(v))}`).join("&");
  const headers: Record<string, string> = {};
  if (cookies[c.session]) headers.cookie = cookies[c.session];
  const request: FuzzRequest = { method: route.method, path: `${path}${query ? `?${query}` : ""}`, headers };
  if (route.method === "GET") return request;
  if (c.origin !== null) headers.origin = c.origin;
  const claimId = c.segments.id?.value ?? "";
  const fields: Record<string, string> = {};
  const keys = candidateKeys(c.fields.text);
  for (const [name, v] of Object.entries(c.fields)) {
    const k = name.replace(/_K(\d)$/, (_, i: string) => `_${keys[Number(i)] ?? `K${i}`}`);
    fields[k] = await resolveField(k, v, claimId, tokens);
  }
  switch (c.encoding) {
    case "urlencoded":
      headers["content-type"] = "application/x-www-form-urlencoded";
      request.body = new URLSearchParams(Object.entries(fields)).toString();
      break;
    case "multipart": {
      const form = new FormData();
      // A part named "" or with a control character in its name cannot be read back
      // (workerd's formData() throws: a 400, in test/fuzz/known.test.ts). A name ending in a backslash
      // workerd cannot encode at all.
      for (const [k, v] of Object.entries(fields)) {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
        if (k !== "" && !/[\u0000-\u001f]|\\$/.test(k)) form.append(k, v);
      }
      const encoded = new Response(form);
      headers["content-type"] = encoded.headers.get("content-type") ?? "";
      request.body = new Uint8Array(await encoded.arrayBuffer());
      break;
    }
    case "raw":
      headers["content-type"] = "application/x-www-form-urlencoded";
      request.body = c.raw;
      break;
    case "json":
      headers["content-type"] = "application/json";
      request.body = JSON.stringify(fields);
      break;
    case "text":
      headers["content-type"] = "text/plain";
      request.body = Object.entries(fields)
        .map(([k, v]) => `${k}=${v}`)
        .join("\n");
      break;
    case "none":
      request.body = new URLSearchParams(Object.entries(fields)).toString();
      break;
  }
  return request;
}

// ---- the properties --------------------------------------------------------------------------

const statuses = new Map<string, Record<number, number>>();
afterAll(() => console.info(`fuzz: page statuses by route: ${JSON.stringify(Object.fromEntries(statuses))}`));

/** A third of the suite's cases go to the pages, shared equally. */
const RUNS_PER_ROUTE = runsFor(0.3 / ROUTES.length);

describe.each(ROUTES)("$method $path", (route) => {
  it(
    "answers every generated request without a 5xx; a 4xx wrote nothing; redirects stay on the site",
    async () => {
      const tokens = { REVIEWER_TOKEN: world.tokens.reviewer ?? "", ADMIN_TOKEN: env.ADMIN_TOKEN ?? "" };
      await fc.assert(
        fc.asyncProperty(caseFor(route), async (c) => {
          if (route.path.includes("{flag}")) await raiseFlags(world.claims.slice(1));
          const req = await requestOf(route, c, tokens);
          const { answer } = await sendAndCheck(req, "page", `[${c.session}, ${c.encoding}] `, { reuseCount: true });
          // Public answers are the same for everyone: never a cookie, never a login redirect.
          if (/^\/(fact-checks|sitemap\.xml)/.test(route.path)) {
            expect(answer.headers.get("set-cookie"), `${route.path} set a cookie`).toBeNull();
            expect(answer.headers.get("location") ?? "", `${route.path} sent to the login`).not.toMatch(/^\/login/);
          }
          const location = answer.headers.get("location");
          if (location !== null) {
            expect(location, `${route.path} redirected off the site`).toMatch(/^\/(?![/\\])/);
            learn(/^\/claims\/([^/?]+)/.exec(location)?.[1]);
          }
          // Logging out may end the session on the server too: log in again for the next case.
          if (route.path === "/logout") await refreshSessions();
          const seen = statuses.get(`${route.method} ${route.path}`) ?? {};
          seen[answer.status] = (seen[answer.status] ?? 0) + 1;
          statuses.set(`${route.method} ${route.path}`, seen);
        }),
        fcParams(RUNS_PER_ROUTE),
      );
    },
    timeoutFor(RUNS_PER_ROUTE * 4),
  );
});
