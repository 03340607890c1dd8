// The one statement builder that files claims (db/queries/claims.ts newClaimsStatements), called
// directly against the test's real D1: the row rules, the find-or-create of speakers and sources,
// duplicates, D1's parameter limit, and the demo loader that goes through it.
import { env } from "cloudflare:workers";
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb, runBatch } from "../src/db/client";
import { loadDemoData } from "../src/db/demo";
import { isForeignKeyViolation, isRepeatCycle, isUniqueViolation } from "../src/db/errors";
import { createClaim, type NewClaim, newClaimsStatements } from "../src/db/queries/claims";
import { listEvents } from "../src/db/queries/events";
import { addEvidenceStatements, listEvidence, removeEvidence } from "../src/db/queries/evidence";
import { claims, claimTags, sources, speakers } from "../src/db/schema";
import type { Principal } from "../src/domain/permissions";
import { proposeClaims } from "../src/services/article-import";
import { demoArticle, demoFixture, demoScore } from "./demo";

const db = createDb(env.DB);
const AT = "2026-01-02T03:04:05.000Z";
const reviewer: Principal = { role: "reviewer", actor: "Rita Reviewer", key: "tok_test" };

const stored = (id: string) => db.select().from(claims).where(eq(claims.id, id)).get();
const tagsOf = async (id: string) =>
  (await db.select().from(claimTags).where(eq(claimTags.claimId, id)).orderBy(claimTags.tag)).map((t) => t.tag);

describe("the claim statement builder", () => {
  it("writes a claim by the row rules: trimmed, default kind, clean tags, due for a re-check, its created event", async () => {
    const outcome = await createClaim(
      db,
      {
        text: "  Insurgents carried out 43 attacks.  ",
        context: "   ",
        reportedVia: " told AFP ",
        tags: [" security ", "security", "", "afghanistan"],
        speaker: { name: " Sonny Leggett ", role: "spokesman" },
        source: { publisher: "AFP", title: "Row rules" },
      },
      "builder test",
      AT,
    );
    if (!outcome.created) throw new Error("expected a new claim");
    expect(await stored(outcome.id)).toMatchObject({
      text: "Insurgents carried out 43 attacks.",
      kind: "direct_quote",
      context: null,
      reportedVia: "told AFP",
      statedAt: null,
      status: "unverified",
      recheckDueAt: AT,
      createdBy: "builder test",
      createdAt: AT,
      version: 1,
    });
    expect(await tagsOf(outcome.id)).toEqual(["afghanistan", "security"]);
    const events = await listEvents(db, outcome.id);
    expect(events).toMatchObject([
      {
        action: "created",
        to: "unverified",
        actor: "builder test",
        data: { text: "  Insurgents carried out 43 attacks.  " },
      },
    ]);
  });

  it("answers the stored claim a duplicate meets, and writes nothing for it", async () => {
    const input: NewClaim = {
      text: "The checkpoint was overrun.",
      speaker: { name: "Dup Speaker" },
      source: { url: "https://example.org/dup" },
    };
    const first = await createClaim(db, input, "builder test", AT);
    // Same words after normalising (quotes, spacing, case), same speaker and source.
    const again = await createClaim(
      db,
      { ...input, text: "  the CHECKPOINT   was overrun. ", source: { url: "https://EXAMPLE.org/dup/#top" } },
      "builder test",
      AT,
    );
    if (!first.created) throw new Error("expected a new claim");
    expect(again).toEqual({ created: false, existingId: first.id });
    const [row] = await db.select({ n: sql<number>`count(*)` }).from(claims).where(eq(claims.text, input.text));
    expect(row?.n).toBe(1);
  });

  it("stores a source under its canonical url and finds or creates each speaker and source once", async () => {
    const source = { url: "HTTPS://News.Example.org/story/?utm_source=feed&b=2&a=1#comments", title: "Canonical" };
    const inputs: NewClaim[] = ["one", "two", "three"].map((n) => ({
      text: `Claim ${n} about the canonical source`,
      // Spelled apart, the same speaker by its normalised name and role.
      speaker: { name: n === "two" ? "ANNA  Analyst" : "Anna Analyst", role: "analyst" },
      source: { ...source },
    }));
    const made = await newClaimsStatements(db, inputs, "builder test", AT);
    const [landed] = await runBatch(db, made.statements, made.landed);
    expect(landed.map((r) => r.id).sort()).toEqual([...made.ids].sort());
    const rows = await db.select().from(claims).where(inArray(claims.id, made.ids));
    expect(new Set(rows.map((r) => r.sourceId)).size).toBe(1);
    expect(new Set(rows.map((r) => r.speakerId)).size).toBe(1);
    const found = await db
      .select()
      .from(sources)
      .where(eq(sources.id, rows[0]?.sourceId ?? ""))
      .get();
    expect(found?.url).toBe("https://news.example.org/story?a=1&b=2");
    const named = await db
      .select()
      .from(speakers)
      .where(eq(speakers.id, rows[0]?.speakerId ?? ""))
      .get();
    expect(named).toMatchObject({ name: "Anna Analyst", role: "analyst", kind: "person" });
  });

  it("files many claims within D1's 100 bound parameters, each landing once, duplicates among them too", async () => {
    // Each claim its own speaker and source by fields: each binds its match keys, so the claims
    // need several INSERTs.
    const inputs: NewClaim[] = Array.from({ length: 150 }, (_, i) => ({
      text: `Many claims, number ${i % 120}`,
      kind: "statistic",
      tags: [`t${i % 3}`],
      speaker: { name: `Many Speaker ${i % 120}` },
      source: { url: `https://many.example.org/${i % 120}` },
    }));
    const made = await newClaimsStatements(db, inputs, "builder test", AT);
    const [landed, first, repeated] = await runBatch(
      db,
      made.statements,
      made.landed,
      made.storedAs(5),
      made.storedAs(125),
    );
    // Rows 120..149 repeat rows 0..29: they meet them and write nothing.
    expect(landed).toHaveLength(120);
    expect(repeated).toEqual(first);
    expect(first[0]?.id).toBe(made.ids[5]);
    expect(await tagsOf(made.ids[7] ?? "")).toEqual(["t1"]);
    expect(await tagsOf(made.ids[127] ?? "")).toEqual([]);
    expect(await listEvents(db, made.ids[127] ?? "")).toEqual([]);
    expect(await listEvents(db, made.ids[7] ?? "")).toHaveLength(1);
  });
});

describe("the evidence guard", () => {
  it("keeps the last evidence of a claim only at the statuses its caller names", async () => {
    const outcome = await createClaim(
      db,
      { text: "Guarded evidence", speaker: { name: "Guard Speaker" }, source: { title: "Guarded" } },
      "builder test",
      AT,
    );
    if (!outcome.created) throw new Error("expected a new claim");
    const id = outcome.id;
    await runBatch(
      db,
      addEvidenceStatements(db, id, { note: "Only item", stance: "context" }, "builder test", AT).statements,
    );
    const [item] = await listEvidence(db, id);
    // The claim is unverified: kept when the caller names that status, removable when not.
    expect(await removeEvidence(db, id, item?.id ?? "", ["unverified"], "builder test")).toBe("needed_by_verdict");
    expect(await listEvidence(db, id)).toHaveLength(1);
    expect(await removeEvidence(db, id, item?.id ?? "", ["misleading", "false"], "builder test")).toBe("removed");
    expect(await listEvidence(db, id)).toEqual([]);
  });
});

describe("the database's refusals, recognised in one module", () => {
  const refusal = (run: () => Promise<unknown>) =>
    run().then(
      () => {
        throw new Error("expected the database to refuse");
      },
      (err: unknown) => err,
    );

  it("tells a unique violation by its column, from a batch and from a single query", async () => {
    const outcome = await createClaim(
      db,
      { text: "Unique words", speaker: { name: "Unique Speaker" }, source: { title: "Unique" } },
      "builder test",
      AT,
    );
    if (!outcome.created) throw new Error("expected a new claim");
    const row = await stored(outcome.id);
    if (!row) throw new Error("expected the claim stored");
    // The same claim again under another id: its dedupe key is taken.
    const { seq: _seq, queueRank: _rank, ...copy } = { ...row, id: "clm_copy" };
    const single = await refusal(() => db.insert(claims).values(copy));
    const batched = await refusal(() => db.batch([db.insert(claims).values(copy)]));
    for (const err of [single, batched]) {
      expect(isUniqueViolation(err, "claims.dedupe_key")).toBe(true);
      expect(isUniqueViolation(err, "api_tokens.name_key")).toBe(false);
      expect(isForeignKeyViolation(err)).toBe(false);
      expect(isRepeatCycle(err)).toBe(false);
    }
  });

  it("tells a foreign key and the repeat-cycle trigger", async () => {
    const orphan = await refusal(() => db.insert(claimTags).values({ claimId: "clm_none", tag: "t" }));
    expect(isForeignKeyViolation(orphan)).toBe(true);
    expect(isUniqueViolation(orphan, "claims.dedupe_key")).toBe(false);
    const outcome = await createClaim(
      db,
      { text: "Repeats itself", speaker: { name: "Cycle Speaker" }, source: { title: "Cycle" } },
      "builder test",
      AT,
    );
    if (!outcome.created) throw new Error("expected a new claim");
    const id = outcome.id;
    const cycle = await refusal(() => db.update(claims).set({ repeatOf: id }).where(eq(claims.id, id)));
    expect(isRepeatCycle(cycle)).toBe(true);
    expect(isForeignKeyViolation(cycle)).toBe(false);
  });
});

describe("the demo loader", () => {
  it("finds or creates its source by the canonical url, so the article import finds the demo's claims", async () => {
    const url = "https://WWW.Example.org/2020/03/05/kunduz/?utm_source=demo";
    const fixture = { ...demoFixture, source: { ...demoFixture.source, url } };
    const demoDb = createDb(env.DB);
    expect((await loadDemoData(demoDb, fixture, demoArticle, demoScore)).created).toBe(demoFixture.claims.length);
    expect((await loadDemoData(demoDb, fixture, demoArticle, demoScore)).created).toBe(0);
    const [source] = await db.select().from(sources).where(eq(sources.title, demoFixture.source.title));
    expect(source?.url).toBe("https://www.example.org/2020/03/05/kunduz");
    const proposals = await proposeClaims(db, reviewer, {
      text: demoArticle,
      source_url: "https://www.example.org/2020/03/05/kunduz",
    });
    if (!proposals.ok) throw new Error("expected proposals");
    expect(proposals.value.filter((p) => p.trackedId !== null).length).toBeGreaterThan(0);
  });

  it("keeps each demo claim's worthiness, as any door files a claim, so 'most worth checking' orders them", async () => {
    await loadDemoData(createDb(env.DB), demoFixture, demoArticle, demoScore);
    const quotes = demoFixture.claims.map((c) => c.quote);
    const stored = await db
      .select({ text: claims.text, worthiness: claims.worthiness })
      .from(claims)
      .where(inArray(claims.text, quotes));
    expect(stored.length).toBeGreaterThanOrEqual(demoFixture.claims.length);
    for (const claim of stored) expect(claim.worthiness).toBe(demoScore(claim.text));
  });
});
