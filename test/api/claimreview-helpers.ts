// Giving claims a verdict the way reviewers do: evidence, then a review with If-Match.
import { expect } from "vitest";
import { api, attacksClaim } from "./helpers";

/** Files a claim and, through the API, gives it a status with evidence and a rationale. */
export async function claimWithStatus(status: string | null, overrides: Record<string, unknown> = {}) {
  const created = await api("POST", "/claims", { body: { ...attacksClaim, ...overrides } });
  expect(created.status, created.text).toBe(201);
  const id: string = created.json.id;
  if (status === null) return id;
  const evidence = await api("POST", `/claims/${id}/evidence`, {
    body: { url: "https://evidence.example.org/statement", stance: "supports" },
  });
  expect(evidence.status, evidence.text).toBe(201);
  const current = await api("GET", `/claims/${id}`);
  const reviewed = await api("POST", `/claims/${id}/reviews`, {
    body: { status, rationale: `Rated ${status} after reading the statement.` },
    headers: { "if-match": current.headers.get("etag") ?? "" },
  });
  expect(reviewed.status, reviewed.text).toBe(200);
  return id;
}
