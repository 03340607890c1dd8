// The demo data: the AFP report from Kunduz (2020-03-05) and its 12 hand-labelled claims.
// Loading is idempotent and atomic: one D1 batch, and a second load adds nothing.
import { DEMO_ACTOR } from "../../domain/actors";
import { sentenceAround } from "../../domain/sentences";
import type { ClaimKind, SpeakerKind } from "../../domain/vocabulary";
import { type Db, runBatch } from "../client";
import { newClaimsStatements } from "../queries/claims";
import { addEvidenceStatements } from "../queries/evidence";
import { upsertSpeakerStatement } from "../queries/speakers";

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

/** Loads the demo's claims with the worthiness `scoreOf` gives their words (src/worthiness, handed in by
 * the caller: the db layer scores nothing), as every other door files a claim. */
export async function loadDemoData(
  db: Db,
  fixture: DemoFixture,
  article: string,
  scoreOf: (text: string) => number,
): Promise<{ created: number }> {
  const at = new Date().toISOString();
  // Found or created as any source is (its canonical url, or its title, publisher and date), with
  // the article archived: the article import finds the same source.
  const source = {
    url: fixture.source.url,
    title: fixture.source.title,
    publisher: fixture.source.publisher,
    publishedAt: fixture.source.published_at,
    text: article,
  };
  const seen = new Map<string, number>();
  const inputs = fixture.claims.map((claim) => {
    const occurrence = seen.get(claim.quote) ?? 0;
    seen.set(claim.quote, occurrence + 1);
    return {
      text: claim.quote,
      kind: claim.kind,
      worthiness: scoreOf(claim.quote),
      context: sentenceAround(article, claim.quote, occurrence),
      reportedVia: claim.reported_via,
      speaker: speakerInput(fixture, claim.speaker),
      source,
      tags: ["afghanistan", "demo"],
    };
  });
  const made = await newClaimsStatements(db, inputs, DEMO_ACTOR, at);
  // Each corroboration is evidence on its claim, which lands only where the claim did.
  const corroborations = fixture.claims.flatMap((claim, i) =>
    (claim.corroborated_by ?? []).flatMap((key) => {
      const speaker = upsertSpeakerStatement(db, speakerInput(fixture, key), at);
      const note = corroboration(article, speakerInput(fixture, key).name);
      const evidence = addEvidenceStatements(
        db,
        made.ids[i] ?? "",
        { stance: "supports", note, speakerId: speaker.idExpr },
        DEMO_ACTOR,
        at,
      );
      return [speaker.insert, ...evidence.statements];
    }),
  );
  const [landed] = await runBatch(db, [...made.statements, ...corroborations], made.landed);
  return { created: landed.length };
}
