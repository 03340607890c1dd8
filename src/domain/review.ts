// The rules of a review, once: the API and the review pages both ask this module.
import type { FieldError } from "./errors";
import { type Attribution, isVerdict, needsEvidence, type Status } from "./vocabulary";

export interface ReviewInput {
  status?: Status;
  attribution?: Attribution;
  rationale?: string | null;
}

/** What is wrong with a review of a claim that has `evidenceCount` evidence items; [] when fine. */
export function reviewProblems(input: ReviewInput, evidenceCount: number): FieldError[] {
  const problems: FieldError[] = [];
  if (input.status === undefined && input.attribution === undefined) {
    problems.push({ path: "status", message: "Give a status, an attribution, or both." });
  }
  const rationale = input.rationale?.trim() ?? "";
  if (input.status && isVerdict(input.status) && rationale === "") {
    problems.push({ path: "rationale", message: `A verdict (${input.status}) needs a rationale: say why.` });
  }
  if (input.status && needsEvidence(input.status) && evidenceCount === 0) {
    problems.push({
      path: "status",
      message: `A claim rated ${input.status} needs at least one evidence item; add the evidence first.`,
    });
  }
  return problems;
}
