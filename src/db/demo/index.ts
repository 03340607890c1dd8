// The demo data: the AFP report from Kunduz (2020-03-05) and its 12 hand-labelled claims.
// Loading is idempotent and atomic: one D1 batch, and a second load adds nothing.
import { eq, inArray } from "drizzle-orm";
import { DEMO_ACTOR } from "../../domain/actors";
import { contentHash } from "../../domain/hash";
import { newId } from "../../domain/ids";
import { sourceMatchKey } from "../../domain/normalise";
import { sentenceAround } from "../../domain/sentences";
import type { ClaimKind, SpeakerKind } from "../../domain/vocabulary";
import { type Db, runBatch } from "../client";
import { createClaimStatements } from "../queries/claims";
import { addEvidenceStatements } from "../queries/evidence";
import { upsertSpeakerStatement } from "../queries/speakers";
import { claims, sources } from "../schema";

export interface DemoFixture {
  source: { title: string; publisher: string; published_at: string; url: string | null };
  speakers: { key: string; name: string; role: string | null; kind: SpeakerKind }[];
  claims: {
    id: string;
    kind: ClaimKind;
    speaker: string;
    reported_via: string;
    quote: string;
    corroborated_by?: string[];
  }[];
}

function speakerInput(fixture: DemoFixture, key: string) {
  const speaker = fixture.speakers.find((s) => s.key === key);
  if (!speaker) throw new Error(`unknown speaker key ${key}`);
  return { name: speaker.name, role: speaker.role, kind: speaker.kind };
}

/** The article sentence where a corroborating speaker confirms the account. */
function corroboration(article: string, speakerName: string): string {
  const name = speakerName.replace(/^(an?|the)\s+/i, "");
  const sentences = article.split(/(?<=[.!?][”"’]?)\s+/);
  return sentences.find((s) => s.includes(name) && /confirm/i.test(s)) ?? `Confirmed by ${speakerName}.`;
}

export async function loadDemoData(db: Db, fixture: DemoFixture, article: string): Promise<{ created: number }> {
  const at = new Date().toISOString();
  const { title, publisher, published_at: publishedAt } = fixture.source;
  const matchKey = fixture.source.url ? null : sourceMatchKey({ title, publisher, publishedAt });
  const existing = await db
    .select({ id: sources.id })
    .from(sources)
    .where(fixture.source.url ? eq(sources.url, fixture.source.url) : eq(sources.matchKey, matchKey ?? ""))
    .get();
  const sourceId = existing?.id ?? newId("source");
  const statements = [];
  if (!existing) {
    statements.push(
      db.insert(sources).values({
        id: sourceId,
        url: fixture.source.url,
        title: fixture.source.title,
        publisher: fixture.source.publisher,
        publishedAt: fixture.source.published_at,
        text: article,
        contentHash: await contentHash(article),
        matchKey,
        createdAt: at,
        updatedAt: at,
      }),
    );
  }
  const seen = new Map<string, number>();
  const ids: string[] = [];
  for (const claim of fixture.claims) {
    const occurrence = seen.get(claim.quote) ?? 0;
    seen.set(claim.quote, occurrence + 1);
    const made = await createClaimStatements(
      db,
      {
        text: claim.quote,
        kind: claim.kind,
        context: sentenceAround(article, claim.quote, occurrence),
        reportedVia: claim.reported_via,
        speaker: speakerInput(fixture, claim.speaker),
        source: { id: sourceId },
        tags: ["afghanistan", "demo"],
      },
      DEMO_ACTOR,
      at,
    );
    statements.push(...made.statements);
    ids.push(made.id);
    for (const key of claim.corroborated_by ?? []) {
      const speaker = upsertSpeakerStatement(db, speakerInput(fixture, key), at);
      const note = corroboration(article, speakerInput(fixture, key).name);
      statements.push(
        speaker.insert,
        ...addEvidenceStatements(db, made.id, { stance: "supports", note, speakerId: speaker.idExpr }, DEMO_ACTOR, at)
          .statements,
      );
    }
  }
  await runBatch(db, statements);
  return { created: await db.$count(claims, inArray(claims.id, ids)) };
}
