// "Checked before?" over the API: POST /match and GET /claims/{id}/matches on the demo data.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { STRONG_MATCH } from "../../src/match";
import { loadDemo } from "../demo";
import { cookieFor, get } from "../pages-helpers";
import { api, tokenFor } from "./helpers";

let viewer: string;
beforeAll(async () => {
  await loadDemo(env.DB);
  viewer = await tokenFor("viewer");
});

interface Match {
  score: number;
  strong: boolean;
  reasons: { kind: string }[];
  warnings: { kind: string; query?: unknown; claim?: unknown }[];
  claim: { id: string; text: string; status: string; speaker: { name: string }; source: { id: string } };
}

async function matches(body: unknown, token = viewer): Promise<Match[]> {
  const res = await api("POST", "/match", { body, token });
  expect(res.status).toBe(200);
  return res.json.data as Match[];
}

describe("POST /match", () => {
  it("finds the seeded claim first for a paraphrase, with its reasons, status and speaker", async () => {
    const found = await matches({ text: "Sonny Leggett: insurgents carried out 43 attacks on checkpoints in Helmand" });
    expect(found[0]?.claim.text).toBe(
      "insurgents had carried out 43 attacks on checkpoints in Helmand on Tuesday alone",
    );
    expect(found[0]?.claim.speaker.name).toBe("Sonny Leggett");
    expect(found[0]?.claim.status).toBe("unverified");
    expect(found[0]?.reasons.map((r) => r.kind)).toEqual(expect.arrayContaining(["shared_words", "same_numbers"]));
    expect(found[0]?.warnings).toEqual([]);
    const scores = found.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const m of found) expect(m.strong).toBe(m.score >= STRONG_MATCH);
  });

  it("warns that the numbers differ (34 vs 43 attacks), and that the speaker differs", async () => {
    const [top] = await matches({
      text: "insurgents had carried out 34 attacks on checkpoints in Helmand",
      speaker: { name: "A Taliban spokesman" },
    });
    expect(top?.claim.text).toContain("43 attacks");
    expect(top?.warnings).toContainEqual({ kind: "numbers_differ", query: ["34"], claim: ["43"] });
    expect(top?.warnings).toContainEqual({
      kind: "speaker_differs",
      query: "A Taliban spokesman",
      claim: "Sonny Leggett",
    });
  });

  it("answers the limit asked, none for words no claim has, and FTS syntax as plain text", async () => {
    expect(await matches({ text: "Taliban attacks", limit: 2 })).toHaveLength(2);
    expect(await matches({ text: "zyxwvut qwertyuiop" })).toEqual([]);
    expect(await matches({ text: 'NEAR("Taliban" attacks) OR * "' })).not.toHaveLength(0);
  });

  it("refuses empty, oversized and unknown input with problem+json", async () => {
    for (const body of [
      { text: "" },
      { text: "   " },
      { text: "a".repeat(10_001) },
      { text: "x", limit: 0 },
      { text: "x", limit: 21 },
      { text: "x", limit: 2.5 },
      { text: "x", speaker: {} },
      { text: "x", stated_at: "2020-02-31" },
      { text: "x", model: "bert" },
    ]) {
      const res = await api("POST", "/match", { body, token: viewer });
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.json.errors.length).toBeGreaterThan(0);
    }
  });

  it("is for every role that reads, not for anonymous callers", async () => {
    expect((await api("POST", "/match", { body: { text: "Taliban" }, token: null })).status).toBe(401);
    for (const role of ["viewer", "reviewer", "admin"] as const)
      expect((await api("POST", "/match", { body: { text: "Taliban" }, token: await tokenFor(role) })).status).toBe(
        200,
      );
  });
});

describe("GET /claims/{id}/matches", () => {
  it("matches a stored claim against the others, itself left out", async () => {
    const list = await api("GET", "/claims?q=relationship", { token: viewer });
    const claim = (list.json.data as { id: string; text: string }[]).find((c) => c.text.startsWith("The relationship"));
    expect(claim).toBeDefined();
    const res = await api("GET", `/claims/${claim?.id}/matches?limit=3`, { token: viewer });
    expect(res.status).toBe(200);
    const data = res.json.data as Match[];
    expect(data.length).toBeGreaterThan(0);
    expect(data.length).toBeLessThanOrEqual(3);
    expect(data.map((m) => m.claim.id)).not.toContain(claim?.id);
    // Trump's "very good" relationship claim is the nearest: same speaker, same words.
    expect(data[0]?.claim.text).toMatch(/very good/);
    expect(data[0]?.reasons).toContainEqual({ kind: "same_speaker" });
  });

  it("answers 404 for an unknown claim and 400 for a bad limit", async () => {
    const missing = await api("GET", "/claims/clm_nope/matches", { token: viewer });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
    for (const limit of ["0", "21", "x", "1.5"])
      expect((await api("GET", `/claims/clm_nope/matches?limit=${limit}`, { token: viewer })).status).toBe(400);
  });
});

// Text pasted from PDFs and web pages has long runs of spaces and tabs. The matcher's pattern for a
// post's trailing signature backtracked through them: 8.5 s for 1,000 spaces (the Worker blocked
// meanwhile), minutes for 4,000, and a stored claim with a few hundred in its context was slow on
// every view of its matches. Not a timing test: the bound is for requests that took seconds to minutes.
describe("long runs of spaces and tabs (issue 20)", () => {
  const QUICK_MS = 2_000;

  async function timed<T>(call: () => Promise<T>): Promise<T> {
    const started = Date.now();
    const answer = await call();
    expect(Date.now() - started).toBeLessThan(QUICK_MS);
    return answer;
  }

  it("answers POST /match with 4,000 spaces, tabs or NBSPs between two words", async () => {
    for (const run of [" ".repeat(4_000), "\t".repeat(4_000), " \t\u00a0\u2003".repeat(1_000)]) {
      const res = await timed(() => api("POST", "/match", { body: { text: `a${run}b` }, token: viewer }));
      expect(res.status).toBe(200);
      expect(res.json.data).toEqual([]);
    }
  });

  it("still reads the signature after such a run as the post's speaker", async () => {
    const text = `Insurgents carried out 43 attacks on checkpoints in Helmand${"\t ".repeat(2_000)}— Sonny Leggett (@sleggett) March 5, 2020`;
    const [top] = await timed(() => matches({ text }));
    expect(top?.claim.text).toContain("43 attacks");
    expect(top?.reasons).toContainEqual({ kind: "same_speaker" });
  });

  it("matches a stored claim with a few hundred spaces in its context: its matches, its page, an import", async () => {
    const context = `The spokesman said${" ".repeat(800)}insurgents had carried out 43 attacks on checkpoints near Kunduz.`;
    const made = await api("POST", "/claims", {
      body: {
        text: "insurgents had carried out 43 attacks on checkpoints near Kunduz",
        kind: "statistic",
        context,
        speaker: { name: "Sonny Leggett" },
        source: { title: "Pasted from a PDF" },
      },
    });
    expect(made.status, made.text).toBe(201);
    const found = await timed(() => api("GET", `/claims/${made.json.id}/matches`, { token: viewer }));
    expect(found.status).toBe(200);
    expect(found.json.data[0]?.claim.text).toContain("43 attacks");
    const { cookie } = await cookieFor("viewer", "issue 20 viewer");
    const page = await timed(() => get(`/claims/${made.json.id}`, cookie));
    expect(page.status).toBe(200);
    const imported = await timed(() =>
      api("POST", "/import?match=true", {
        body: `${JSON.stringify({ text: "43 attacks on checkpoints near Kunduz", context, speaker: { name: "Ann Lee" }, source: { title: "Another PDF" } })}\n`,
        headers: { "content-type": "application/x-ndjson" },
      }),
    );
    expect(imported.status, imported.text).toBe(200);
    expect(imported.json.created).toBe(1);
  });
});
