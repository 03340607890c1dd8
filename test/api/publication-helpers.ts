// Arranging publications the way reviewers make them: a verdict by one reviewer, a sign-off by
// another, publishing, through the API with If-Match.
import { expect } from "vitest";
import { api, attacksClaim, tokenFor } from "./helpers";

let made = 0;

/** Two reviewers with their own token names (actors). */
export async function reviewers() {
  made += 1;
  return {
    a: await tokenFor("reviewer", `reviewer A ${made}`),
    b: await tokenFor("reviewer", `reviewer B ${made}`),
    nameA: `reviewer A ${made}`,
    nameB: `reviewer B ${made}`,
  };
}

export async function etagOf(id: string): Promise<string> {
  const res = await api("GET", `/claims/${id}`);
  expect(res.status, res.text).toBe(200);
  return res.headers.get("etag") ?? "";
}

/** Files a claim with evidence and gives it `status` as `token`'s reviewer. */
export async function claimRated(status: string, token: string, overrides: Record<string, unknown> = {}) {
  const created = await api("POST", "/claims", { body: { ...attacksClaim, stated_at: "2020-03-04", ...overrides } });
  expect(created.status, created.text).toBe(201);
  const id: string = created.json.id;
  // The rater adds the evidence: the two-person rule counts whoever adds it as a writer.
  const evidence = await api("POST", `/claims/${id}/evidence`, {
    token,
    body: { url: "https://evidence.example.org/statement", title: "The ministry's statement", stance: "refutes" },
  });
  expect(evidence.status, evidence.text).toBe(201);
  await review(id, token, status);
  return id;
}

export async function review(id: string, token: string, status: string, rationale = `Rated ${status} on the record.`) {
  const res = await api("POST", `/claims/${id}/reviews`, {
    token,
    body: { status, rationale },
    headers: { "if-match": await etagOf(id) },
  });
  expect(res.status, res.text).toBe(200);
}

/** POST /claims/{id}/publication with the current ETag. */
export async function act(id: string, token: string, action: string, reason?: string) {
  return api("POST", `/claims/${id}/publication`, {
    token,
    body: reason === undefined ? { action } : { action, reason },
    headers: { "if-match": await etagOf(id) },
  });
}

/** A published fact-check: rated by A, signed off by B where the verdict needs it, published by A. */
export async function publishedClaim(status: string, overrides: Record<string, unknown> = {}) {
  const people = await reviewers();
  const id = await claimRated(status, people.a, overrides);
  if (status === "false" || status === "misleading") {
    const signed = await act(id, people.b, "sign_off", "Read the evidence.");
    expect(signed.status, signed.text).toBe(200);
  }
  const published = await act(id, people.a, "publish");
  expect(published.status, published.text).toBe(200);
  return { id, url: published.json.url as string, people };
}

export { tokenFor };
