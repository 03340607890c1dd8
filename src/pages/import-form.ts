// The /import page's form: the article's fields, the first choices a preview offers, and each
// ticked candidate as the flat claim fields the new-claim form has.
import { ArticleBody } from "../domain/schemas";
import type { Proposal } from "../services/article-import";
import { type FieldErrors, type FormValues, validate } from "./forms";

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

export function checkArticle(values: FormValues): { article: ArticleBody } | { errors: FieldErrors } {
  const blank = (v: string | undefined) => (v?.trim() ? v : undefined);
  const checked = validate(ArticleBody, {
    text: values.text ?? "",
    source_url: blank(values.source_url),
    source_title: blank(values.source_title),
    source_publisher: blank(values.source_publisher),
    source_published_at: blank(values.source_published_at),
  });
  return "errors" in checked ? checked : { article: checked.data as ArticleBody };
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
