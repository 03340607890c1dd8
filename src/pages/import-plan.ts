// The /import page's logic: the article form's rules, the candidates the extractor proposes
// (with their context and whether they are already tracked), and the one batch that stores
// the source and the chosen claims.
import { z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { SourceFields } from "../api/schemas";
import { type Db, runBatch } from "../db/client";
import { createClaimStatements, type NewClaim } from "../db/queries/claims";
import { upsertSourceStatement } from "../db/queries/sources";
import { claims } from "../db/schema";
import { claimDedupeKey } from "../domain/normalise";
import { sentenceAround } from "../domain/sentences";
import { canonicalUrl } from "../domain/url";
import { type Candidate, extractClaims } from "../extract";
import type { FormValues } from "./forms";

/** Claims one import may create: each is up to five statements of the single atomic batch,
 * which keeps the batch within the size the API's CSV import uses. */
export const MAX_CLAIMS = 100;

/** The article form, with the API's own field rules. With a link, the import finds the source,
 * and what earlier imports of it created, by its canonical url; wire copy without one needs a
 * title and always makes a new source. */
const ArticleForm = z
  .strictObject({
    text: SourceFields.text.refine((t) => Boolean(t?.trim()), "paste the article's text"),
    source_url: SourceFields.url,
    source_title: SourceFields.title,
    source_publisher: SourceFields.publisher,
    source_published_at: SourceFields.published_at,
  })
  .refine((a) => Boolean(a.source_url || a.source_title), {
    message: "give the article's link, or its title when it has no link",
    path: ["source_url"],
  });
export type Article = z.infer<typeof ArticleForm> & { text: string };

export const ARTICLE_FIELDS = [
  "text",
  "source_url",
  "source_title",
  "source_publisher",
  "source_published_at",
] as const;

/** The article and source fields of a form; line breaks as "\n", because browsers post a
 * textarea's (and a hidden field's) line breaks as "\r\n" and offsets index the text. */
export function articleValues(form: FormValues): FormValues {
  const values: FormValues = {};
  for (const name of ARTICLE_FIELDS) values[name] = form[name] ?? "";
  values.text = (values.text ?? "").replace(/\r\n?/g, "\n");
  return values;
}

export function checkArticle(values: FormValues): { article: Article } | { errors: Record<string, string> } {
  const blank = (v: string | undefined) => (v?.trim() ? v : undefined);
  const result = ArticleForm.safeParse({
    text: values.text ?? "",
    source_url: blank(values.source_url),
    source_title: blank(values.source_title),
    source_publisher: blank(values.source_publisher),
    source_published_at: blank(values.source_published_at),
  });
  if (result.success) return { article: result.data as Article };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return { errors };
}

export interface Proposal {
  /** Names the candidate's form fields; the same extraction of the same text gives the same key. */
  key: string;
  number: number;
  candidate: Candidate;
  context: string;
  /** The claim that already tracks it (same source, same words in the same sentence). */
  trackedId: string | null;
}

/** The sentence around a candidate, as the demo data's claims have it, so that re-importing
 * an article finds the same duplicates. */
function contextOf(text: string, c: Candidate): string {
  const words = text.slice(c.start, c.end);
  let occurrence = 0;
  for (let at = text.indexOf(words); at >= 0 && at < c.start; at = text.indexOf(words, at + 1)) occurrence++;
  return sentenceAround(text, words, occurrence);
}

/** The claims of the source at `url` whose dedupe key is among `keys`, by key. */
async function trackedByKey(db: Db, url: string, keys: string[]): Promise<Map<string, string>> {
  // The keys travel as one JSON parameter: D1 allows 100 bound parameters per statement.
  const rows = await db.all<{ id: string; dedupe_key: string }>(sql`
    SELECT c.id, c.dedupe_key FROM claims c JOIN sources s ON s.id = c.source_id
    WHERE s.url = ${canonicalUrl(url)}
      AND c.dedupe_key IN (SELECT value FROM json_each(${JSON.stringify(keys)}))
    ORDER BY c.seq`);
  const found = new Map<string, string>();
  for (const row of rows) if (!found.has(row.dedupe_key)) found.set(row.dedupe_key, row.id);
  return found;
}

export async function propose(db: Db, article: Article): Promise<Proposal[]> {
  const proposals = extractClaims(article.text).map((candidate, i) => ({
    key: `${candidate.start}-${candidate.end}-${candidate.kind === "statistic" ? "s" : "q"}`,
    number: i + 1,
    candidate,
    context: contextOf(article.text, candidate),
    trackedId: null as string | null,
  }));
  const dedupeKeys = proposals.map((p) => claimDedupeKey(p.candidate.text, p.context));
  const tracked = article.source_url
    ? await trackedByKey(db, article.source_url, [...new Set(dedupeKeys)])
    : new Map<string, string>();
  for (const [i, p] of proposals.entries()) p.trackedId = tracked.get(dedupeKeys[i] ?? "") ?? null;
  return proposals;
}

/** The form values a first preview starts from: confident, untracked candidates ticked and
 * the extracted speakers filled in. */
export function defaultChoices(proposals: Proposal[]): FormValues {
  const values: FormValues = {};
  for (const p of proposals) {
    if (p.candidate.confidence >= 0.5 && !p.trackedId) values[`pick_${p.key}`] = "1";
    values[`speaker_name_${p.key}`] = p.candidate.speaker?.name ?? "";
    values[`speaker_role_${p.key}`] = p.candidate.speaker?.role ?? "";
  }
  return values;
}

/** The flat new-claim form (the names claimBodyFromForm reads) of one chosen candidate. */
export function claimForm(article: Article, p: Proposal, form: FormValues): FormValues {
  return {
    text: p.candidate.text,
    kind: p.candidate.kind,
    context: p.context,
    reported_via: p.candidate.cue ?? "",
    tags: form.tags ?? "",
    speaker_name: form[`speaker_name_${p.key}`] ?? "",
    speaker_role: form[`speaker_role_${p.key}`] ?? "",
    source_url: article.source_url ?? "",
    source_title: article.source_title ?? "",
    source_publisher: article.source_publisher ?? "",
    source_published_at: article.source_published_at ?? "",
  };
}

/** Stores the source with the article archived, then the claims, in one atomic D1 batch:
 * everything lands or nothing does. Duplicates are skipped by the claims' unique key. */
export async function storeImport(db: Db, article: Article, chosen: NewClaim[], actor: string) {
  const at = new Date().toISOString();
  const source = await upsertSourceStatement(
    db,
    {
      url: article.source_url,
      title: article.source_title,
      publisher: article.source_publisher,
      publishedAt: article.source_published_at,
      text: article.text,
    },
    at,
  );
  // With a url, each claim names the source by it: its own find-or-create finds the source this
  // batch's first statement made (or an earlier import did). Without one, by the new source's id.
  const inputs = article.source_url ? chosen : chosen.map((input) => ({ ...input, source: { id: source.id } }));
  const planned = await Promise.all(inputs.map((input) => createClaimStatements(db, input, actor, at)));
  const ids = planned.map((plan) => plan.id);
  const landed = db
    .select({ id: claims.id })
    .from(claims)
    .where(sql`${claims.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
  const sourceId = db.select({ id: sql<string>`${source.idExpr}` }).from(sql`(SELECT 1)`);
  const results = await runBatch(db, [source.insert, ...planned.flatMap((plan) => plan.statements), landed, sourceId]);
  const created = (results.at(-2) as { id: string }[]).length;
  const found = (results.at(-1) as { id: string }[])[0]?.id;
  if (!found) throw new Error("import: the source was neither created nor found");
  return { sourceId: found, created, duplicates: ids.length - created };
}
