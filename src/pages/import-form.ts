// The /import page's form: the article's fields, the first choices a preview offers, and each
// ticked candidate as the flat claim fields the new-claim form has.

import { headingOf } from "../domain/page-chrome";
import { tickable } from "../domain/ranking";
import { ArticleBody, ArticleDraft } from "../domain/schemas";
import { MAX_CLAIMS, type Proposal } from "../services/article-import";
import { type FieldErrors, type FormValues, validate } from "./forms";

const ARTICLE_FIELDS = ["text", "source_url", "source_title", "source_publisher", "source_published_at"] as const;

/** The article and source fields of a form; line breaks as "\n", because browsers post a
 * textarea's (and a hidden field's) line breaks as "\r\n" and offsets index the text. */
export function articleValues(form: FormValues): FormValues {
  const values: FormValues = {};
  for (const name of ARTICLE_FIELDS) values[name] = form[name] ?? "";
  values.text = (values.text ?? "").replace(/\r\n?/g, "\n");
  return values;
}

function articleInput(values: FormValues) {
  const blank = (v: string | undefined) => (v?.trim() ? v : undefined);
  return {
    text: values.text ?? "",
    source_url: blank(values.source_url),
    source_title: blank(values.source_title),
    source_publisher: blank(values.source_publisher),
    source_published_at: blank(values.source_published_at),
  };
}

/** The article as a preview reads it: the text, and whatever of its source is given, checked. */
export function checkDraft(values: FormValues): { article: ArticleDraft } | { errors: FieldErrors } {
  const checked = validate(ArticleDraft, articleInput(values));
  return "errors" in checked ? checked : { article: checked.data as ArticleDraft };
}

/** The article as filing needs it: its source identified too. */
export function checkArticle(values: FormValues): { article: ArticleBody } | { errors: FieldErrors } {
  const checked = validate(ArticleBody, articleInput(values));
  return "errors" in checked ? checked : { article: checked.data as ArticleBody };
}

/** The source's title, date and publisher a first preview suggests from the article's headline and dateline
 * (domain/page-chrome.ts's headingOf), for the fields the reviewer left empty. */
export function suggestedSource(values: FormValues): FormValues {
  const heading = headingOf(values.text ?? "");
  const suggested: FormValues = {};
  if (!values.source_title?.trim() && heading.title) suggested.source_title = heading.title;
  if (!values.source_published_at?.trim() && heading.publishedAt) suggested.source_published_at = heading.publishedAt;
  if (!values.source_publisher?.trim() && heading.publisher) suggested.source_publisher = heading.publisher;
  return suggested;
}

/** Suggested source fields as the article's own (for finding claims it already tracks). */
export function draftSource(fields: FormValues): Partial<ArticleDraft> {
  return {
    ...(fields.source_title ? { source_title: fields.source_title } : {}),
    ...(fields.source_published_at ? { source_published_at: fields.source_published_at } : {}),
    ...(fields.source_publisher ? { source_publisher: fields.source_publisher } : {}),
  };
}

/** How many candidates "Tick the top N" ticks when the field is left empty. */
export const DEFAULT_TOP = 10;

/** The ticks a preview offers (proposals in rank order): by default the untracked candidates whose
 * speaker is a resolved name given with confidence (domain/ranking.ts's tickable), most promising
 * first, never more than one import files (MAX_CLAIMS); "none" none; "top" the first `top`
 * untracked ones (at most MAX_CLAIMS). */
export function ticks(proposals: Proposal[], how: "default" | "none" | "top", top = DEFAULT_TOP): FormValues {
  const values: FormValues = {};
  if (how === "none") return values;
  const limit = Math.min(how === "top" ? top : MAX_CLAIMS, MAX_CLAIMS);
  let n = 0;
  for (const p of proposals) {
    if (n >= limit) break;
    if (p.trackedId || (how === "default" && !tickable(p.candidate))) continue;
    values[`pick_${p.key}`] = "1";
    n++;
  }
  return values;
}

/** The form values a first preview starts from: the default ticks and the extracted speakers. */
export function defaultChoices(proposals: Proposal[]): FormValues {
  const values: FormValues = ticks(proposals, "default");
  for (const p of proposals) {
    values[`speaker_name_${p.key}`] = p.candidate.speaker?.name ?? "";
    values[`speaker_role_${p.key}`] = p.candidate.speaker?.role ?? "";
  }
  return values;
}

/** Whether a candidate's speaker is uncertain (marked on the page for checking). */
export function uncertainSpeaker(p: Proposal): boolean {
  return !tickable(p.candidate);
}

/** The flat new-claim fields (what claimBodyFromFlat reads) of one chosen candidate. */
export function claimFields(article: ArticleBody, p: Proposal, form: FormValues): FormValues {
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
