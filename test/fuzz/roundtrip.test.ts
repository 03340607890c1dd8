// Round trips: a claim created is read back as sent, normalised (text trimmed, C0/C1 control
// characters but tab and line breaks dropped, lone surrogates as U+FFFD, tags deduplicated);
// an export imported again changes nothing.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { normaliseText } from "../../src/domain/normalise";
import { canonicalUrl } from "../../src/domain/url";
import { importRows } from "../../src/services/transfer/rows";
import { api } from "../api/helpers";
import { NASTY, words } from "./arbitraries";
import { fcParams, forgetWrites, installWriteCounter, runsFor, timeoutFor, writes } from "./harness";

/** The rule, written out again rather than imported: lone surrogates as U+FFFD, C0 and C1
 * controls but tab, line feed and carriage return dropped, then trimmed. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is about control characters
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** A lone surrogate is no character (UTF-8 cannot carry it): it becomes U+FFFD. */
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const normalised = (s: string) => s.replace(LONE, "\ufffd").replace(CONTROL, "").trim();
const normalisedOrNull = (s: string | null | undefined) => (s == null ? null : normalised(s) || null);

/** SQLite orders text by its UTF-8 bytes. */
const utf8Order = (a: string, b: string) => {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return x.length - y.length;
};

/** Text a person might paste, with the characters normalisation is about around and inside it. */
const pasted = (max = 8) =>
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: words(1, 3) },
        { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
        { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 4 }) },
      ),
      { minLength: 1, maxLength: max },
    )
    .map((parts) => parts.join(""));

const present = (max: number) => pasted().filter((s) => normalised(s).length > 0 && normalised(s).length <= max);
const tag = pasted(3).filter((s) => {
  const t = normalised(s);
  return t.length > 0 && t.length <= 64 && !/[;,]/.test(t);
});

const claimBody = (n: number, sources: "with url" | "any" = "any") =>
  fc.record(
    {
      text: present(5000).map((t) => `${t} #${n}`),
      kind: fc.constantFrom("direct_quote", "paraphrase", "statistic"),
      speaker: fc.record(
        {
          name: present(300),
          role: fc.option(present(300), { nil: undefined }),
          kind: fc.constantFrom("person", "organisation", "group", "anonymous"),
        },
        { requiredKeys: ["name"] },
      ),
      source: fc.oneof(
        fc.record(
          {
            url: fc.webUrl({ withQueryParameters: true }),
            title: fc.option(present(1000), { nil: undefined }),
            publisher: fc.option(present(300), { nil: undefined }),
            published_at: fc.option(fc.constantFrom("2020-03-05", "2020-03-05T10:00:00Z"), { nil: undefined }),
          },
          { requiredKeys: ["url"] },
        ),
        ...(sources === "any"
          ? [
              fc
                .record(
                  { title: present(1000), publisher: fc.option(present(300), { nil: undefined }) },
                  { requiredKeys: ["title"] },
                )
                // Without a url a source is named by its normalised title or publisher: one of
                // nothing but invisible characters (U+200B) names none, and is refused (422).
                .filter((s) => normaliseText(s.title) !== "" || normaliseText(s.publisher ?? "") !== ""),
            ]
          : []),
      ),
      stated_at: fc.option(fc.constantFrom("2020-03-05", "2019-12-31T23:59:59+05:30"), { nil: undefined }),
      context: fc.option(present(10_000), { nil: undefined }),
      reported_via: fc.option(present(300), { nil: undefined }),
      tags: fc
        .array(tag, { maxLength: 6 })
        .chain((t) => (t.length ? fc.constantFrom(t, [...t, ...t]) : fc.constant(t))),
    },
    { requiredKeys: ["text", "kind", "speaker", "source"] },
  );

type ClaimBody = {
  text: string;
  kind: string;
  speaker: { name: string; role?: string; kind?: string };
  source: { url?: string; title?: string; publisher?: string; published_at?: string };
  stated_at?: string;
  context?: string;
  reported_via?: string;
  tags?: readonly string[];
};

function expected(body: ClaimBody) {
  return {
    text: normalised(body.text),
    kind: body.kind,
    context: normalisedOrNull(body.context),
    reported_via: normalisedOrNull(body.reported_via),
    tags: [...new Set((body.tags ?? []).map(normalised))].sort(utf8Order),
  };
}

/** A speaker is found by name and role as normaliseText compares them (curly and straight
 * quotes, case, spacing): the claim gets the speaker already on file under an equal name. */
const sameSpeaker = (read: { name: string; role: string | null }, body: ClaimBody) =>
  normaliseText(read.name) === normaliseText(normalised(body.speaker.name)) &&
  normaliseText(read.role ?? "") === normaliseText(normalisedOrNull(body.speaker.role) ?? "");

let n = 0;

/** A fifth of the suite's cases. The export-then-import properties read the whole table each
 * case, which grows by the claims each case files: past ~150 cases each costs seconds, so they
 * stop there and create-then-read takes the rest. */
const ROUNDTRIP_RUNS = runsFor(0.2);
const WHOLE_TABLE_RUNS = Math.min(runsFor(0.06), 150);
const CREATE_READ_RUNS = Math.max(1, ROUNDTRIP_RUNS - 2 * WHOLE_TABLE_RUNS);

beforeAll(async () => {
  await installWriteCounter();
});

/** The object without its undefined members (toMatchObject takes `a: undefined` as "a is there"). */
function definedOnly<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

async function claimCount(): Promise<number> {
  return (await env.DB.prepare("SELECT count(*) AS n FROM claims").first<{ n: number }>())?.n ?? 0;
}

/** Every claim, exported in the format and imported again: nothing is created, nothing is written. */
async function exportImportIsANoOp(format: "csv" | "ndjson", contentType: string) {
  const exported = await fetchExport(format);
  const claims = await claimCount();
  forgetWrites();
  const before = await writes();
  const imported = await api("POST", "/import", { body: exported, headers: { "content-type": contentType } });
  const what = `${format} export:\n${exported.slice(0, 3000)}\n→ ${imported.status} ${imported.text.slice(0, 2000)}`;
  expect(imported.status, what).toBe(200);
  expect(imported.json, what).toEqual({ created: 0, duplicates: claims, errors: [] });
  expect(await writes(), what).toEqual(before);
}

async function fetchExport(format: string): Promise<string> {
  const res = await api("GET", `/export?format=${format}`);
  expect(res.status).toBe(200);
  return res.text;
}

const someClaims = (sources: "with url" | "any") =>
  fc.integer().chain(() => fc.array(claimBody(++n, sources), { minLength: 1, maxLength: 3 }));

/** Values that start with an apostrophe before a formula start: the CSV guard must keep them. */
const APOSTROPHES: ClaimBody[] = ["'=1+1 was the count", "'-5 degrees, he said", "''@once", "'plain"].map(
  (text, i) => ({
    text,
    kind: "direct_quote",
    speaker: { name: `'=Speaker ${i}`, role: "'-role" },
    source: { url: `https://example.com/apostrophes/${i}`, title: "'+title" },
    context: "'\tcontext",
    tags: ["'=tag"],
  }),
);

async function create(bodies: ClaimBody[]) {
  for (const body of bodies) {
    const made = await api("POST", "/claims", { body });
    expect([201, 409], made.text).toContain(made.status);
  }
}

// First, while every source has a url: the no-op holds for the whole table.
describe("export, then import", () => {
  const runs = WHOLE_TABLE_RUNS;

  it(
    "CSV: importing the export again creates nothing and writes nothing (sources with a url)",
    async () => {
      await fc.assert(
        fc.asyncProperty(someClaims("with url"), async (bodies) => {
          await create(bodies);
          await exportImportIsANoOp("csv", "text/csv");
        }),
        fcParams(runs),
      );
    },
    timeoutFor(runs * 3),
  );

  it(
    "CSV: each record reads back as its claim's own fields (the import's parser, apostrophe guards included)",
    async () => {
      await fc.assert(
        fc.asyncProperty(someClaims("any"), async (bodies) => {
          await create(bodies);
          const claims = (await fetchExport("ndjson"))
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line));
          const rows = importRows("csv", await fetchExport("csv"));
          if (!rows.ok) throw new Error(JSON.stringify(rows.error));
          expect(rows.value.length).toBe(claims.length);
          for (const [i, row] of rows.value.entries()) {
            const claim = claims[i];
            // The store canonicalises source urls (src/domain/url.ts): compare in that form.
            const read =
              "body" in row && row.body.source.url
                ? { ...row.body, source: { ...row.body.source, url: canonicalUrl(row.body.source.url) } }
                : "body" in row
                  ? row.body
                  : row;
            expect(read, JSON.stringify(claim)).toMatchObject(
              definedOnly({
                text: claim.text,
                kind: claim.kind,
                context: claim.context ?? undefined,
                reported_via: claim.reported_via ?? undefined,
                stated_at: claim.stated_at ?? undefined,
                tags: claim.tags,
                speaker: { name: claim.speaker.name, role: claim.speaker.role },
                source: {
                  url: claim.source.url ?? undefined,
                  title: claim.source.title ?? undefined,
                  publisher: claim.source.publisher ?? undefined,
                  published_at: claim.source.published_at ?? undefined,
                },
              }),
            );
          }
        }),
        { ...fcParams<[ClaimBody[]]>(runs), examples: [[APOSTROPHES]] },
      );
    },
    timeoutFor(runs * 3),
  );

  // A source without a url is found again by its title and publisher (sources.match_key).
  it("CSV: importing the export again creates nothing, also for sources without a url", async () => {
    await create([
      {
        text: "a claim from wire copy without a link",
        kind: "direct_quote",
        speaker: { name: "Wire desk" },
        source: { title: "Wire copy" },
      },
    ]);
    await exportImportIsANoOp("csv", "text/csv");
  });

  // The import reads the export's own NDJSON rows (speaker and source by their fields).
  it(
    "NDJSON: importing the export again creates nothing and writes nothing",
    async () => {
      await fc.assert(
        fc.asyncProperty(someClaims("with url"), async (bodies) => {
          await create(bodies);
          await exportImportIsANoOp("ndjson", "application/x-ndjson");
        }),
        fcParams(runs),
      );
    },
    timeoutFor(runs * 3),
  );
});

describe("create, then read", () => {
  const runs = CREATE_READ_RUNS;
  it(
    "returns the claim as sent, normalised",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer().chain(() => claimBody(++n)),
          async (body) => {
            const made = await api("POST", "/claims", { body });
            const what = `${JSON.stringify(body)}\n→ ${made.status} ${made.text.slice(0, 400)}`;
            // A duplicate of an earlier case (normalisation made them equal) is the one other answer.
            expect([201, 409], what).toContain(made.status);
            if (made.status === 409) return;
            const read = await api("GET", `/claims/${made.json.id}`);
            for (const claim of [made.json, read.json]) {
              expect(claim, what).toMatchObject(expected(body));
              expect(sameSpeaker(claim.speaker, body), `${what}\nspeaker ${JSON.stringify(claim.speaker)}`).toBe(true);
            }
          },
        ),
        fcParams(runs),
      );
    },
    timeoutFor(runs),
  );
});
