import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, attacksClaim } from "./helpers";

let n = 0;
/** A claim body unique to the calling test. */
const fresh = (over: Record<string, unknown> = {}) => ({
  ...attacksClaim,
  text: `${attacksClaim.text} (${++n}-${Math.random().toString(36).slice(2, 8)})`,
  ...over,
});

async function create(over: Record<string, unknown> = {}) {
  const res = await api("POST", "/claims", { body: fresh(over) });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

describe("POST /claims", () => {
  it("files a claim with its speaker and source, and answers Location and ETag", async () => {
    const res = await api("POST", "/claims", { body: fresh() });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe(`/api/v1/claims/${res.json.id}`);
    expect(res.headers.get("etag")).toBe('"1"');
    expect(res.json).toMatchObject({
      kind: "statistic",
      status: "unverified",
      attribution: "unchecked",
      speaker: { name: "Sonny Leggett", role: "US Forces-Afghanistan spokesman", kind: "person" },
      source: { url: "https://www.example.com/afp/2020/03/05/kunduz", publisher: "AFP" },
      tags: ["afghanistan"],
      evidence: [],
      version: 1,
    });
    expect(res.json.id).toMatch(/^clm_[0-9A-Z]{26}$/);
  });

  it("finds the same speaker by name and role, and the same source by canonical url", async () => {
    const a = await create({ source: { url: "https://News.Example.org/story/?utm_source=x#top" } });
    const b = await create({
      speaker: { name: "  sonny  LEGGETT ", role: "US Forces-Afghanistan spokesman" },
      source: { url: "https://news.example.org/story?utm_campaign=y" },
    });
    expect(b.speaker.id).toBe(a.speaker.id);
    expect(b.source.id).toBe(a.source.id);
    expect(a.source.url).toBe("https://news.example.org/story");
    const other = await create({ speaker: { name: "Sonny Leggett", role: "Colonel" } });
    expect(other.speaker.id).not.toBe(a.speaker.id);
  });

  it("answers 409 with the existing id for a duplicate, whatever the quotes, spacing and case", async () => {
    const first = await create({ text: "We call on the Taliban to stop “needless” attacks" });
    const dup = await api("POST", "/claims", {
      body: { ...attacksClaim, text: 'we call on the  taliban to stop "needless" attacks' },
    });
    expect(dup.status).toBe(409);
    expect(dup.headers.get("content-type")).toBe("application/problem+json");
    expect(dup.json.existing_id).toBe(first.id);
  });

  it("takes speaker and source by id, and refuses ids that do not exist", async () => {
    const a = await create();
    const byId = await create({ speaker: { id: a.speaker.id }, source: { id: a.source.id } });
    expect(byId.speaker.id).toBe(a.speaker.id);
    const { speaker: _s, source: _o, ...rest } = fresh();
    const flat = await api("POST", "/claims", { body: { ...rest, speaker_id: a.speaker.id, source_id: a.source.id } });
    expect(flat.status, flat.text).toBe(201);
    expect(flat.json.speaker.id).toBe(a.speaker.id);
    const both = await api("POST", "/claims", { body: { ...fresh(), speaker_id: a.speaker.id } });
    expect(both.status).toBe(422);
    const bad = await api("POST", "/claims", { body: fresh({ speaker: { id: "spk_nope" } }) });
    expect(bad.status).toBe(422);
    expect(bad.json.errors).toEqual([{ path: "speaker.id", message: "no speaker with this id" }]);
  });

  it.each([
    ["an unknown field", { colour: "red" }, "", /unknown field: colour/],
    ["text over 5,000 characters", { text: "x".repeat(5001) }, "text", /at most 5000/],
    ["empty text", { text: "   " }, "text", /empty/],
    ["a kind outside the vocabulary", { kind: "rumour" }, "kind", /./],
    ["a javascript: source url", { source: { url: "javascript:alert(1)" } }, "source.url", /http/],
    ["a url over 2,048 characters", { source: { url: `https://e.org/${"a".repeat(2048)}` } }, "source.url", /2048/],
    ["a speaker with neither id nor name", { speaker: { role: "spokesman" } }, "speaker", /either/],
    ["a malformed date", { stated_at: "March 5" }, "stated_at", /date/],
    ["a date that does not exist", { stated_at: "2020-02-31" }, "stated_at", /date/],
    ["tags that are not strings", { tags: [1] }, "tags.0", /./],
  ])("answers 422 with the field for %s", async (_case, over, path, message) => {
    const res = await api("POST", "/claims", { body: fresh(over) });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const error = res.json.errors.find((e: { path: string }) => e.path === path);
    expect(error, JSON.stringify(res.json.errors)).toBeDefined();
    expect(error.message).toMatch(message);
  });

  it("answers 400 for malformed JSON, 415 for another content type, 413 over 1 MB", async () => {
    const malformed = await api("POST", "/claims", { body: '{"text": "unterminated' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get("content-type")).toBe("application/problem+json");
    const form = await api("POST", "/claims", {
      body: "text=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    const huge = await api("POST", "/claims", { body: { ...fresh(), context: "x".repeat(1_100_000) } });
    expect(huge.status).toBe(413);
    expect(huge.json.title).toBe("Payload too large");
  });

  it("replays the first answer to a retried Idempotency-Key instead of filing twice", async () => {
    const body = fresh();
    const headers = { "idempotency-key": `retry-${n}` };
    const first = await api("POST", "/claims", { body, headers });
    const retry = await api("POST", "/claims", { body, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    const count = await env.DB.prepare("SELECT count(*) AS n FROM claims WHERE text = ?")
      .bind(body.text)
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
    const reused = await api("POST", "/claims", { body: fresh(), headers });
    expect(reused.status).toBe(422);
  });
});

describe("GET /claims", () => {
  it("filters by status, attribution, speaker, source, tag and flag, and searches", async () => {
    const tag = `t${Date.now()}`;
    const a = await create({ tags: [tag], source: { url: `https://example.org/${tag}` } });
    await create({ tags: [tag] });
    await env.DB.prepare(
      "INSERT INTO claim_flags (claim_id, flag, raised_at) VALUES (?, 'quote_missing', '2026-01-01')",
    )
      .bind(a.id)
      .run();
    const ids = async (query: string) =>
      (await api("GET", `/claims?${query}`)).json.data.map((c: { id: string }) => c.id);
    expect(await ids(`tag=${tag}`)).toHaveLength(2);
    expect(await ids(`tag=${tag}&source_id=${a.source.id}`)).toEqual([a.id]);
    expect(await ids(`flag=quote_missing&tag=${tag}`)).toEqual([a.id]);
    expect(await ids(`speaker_id=${a.speaker.id}&tag=${tag}&status=unverified&attribution=unchecked`)).toHaveLength(2);
    expect(await ids(`status=verified&tag=${tag}`)).toEqual([]);
    expect(await ids(`q=${encodeURIComponent(a.text.split("(")[1]?.replace(")", "") ?? "")}`)).toEqual([a.id]);
  });

  it("pages newest first without skipping or repeating while claims are added between pages", async () => {
    const tag = `page${Date.now()}`;
    const made: string[] = [];
    for (let i = 0; i < 12; i++) made.push((await create({ tags: [tag] })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api("GET", `/claims?tag=${tag}&limit=5${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      seen.push(...res.json.data.map((c: { id: string }) => c.id));
      cursor = res.json.next_cursor;
      await create({ tags: [tag] }); // lands before the next page is read
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(made));
    expect(seen.slice(0, 12)).toEqual([...made].reverse());
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=ten", "limit"],
    ["status=true", "status"],
    ["cursor=garbage", "cursor"],
  ])("answers 400 problem+json for %s", async (query, path) => {
    const res = await api("GET", `/claims?${query}`);
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});

describe("GET /claims/{id}", () => {
  it("answers 404 problem+json for an unknown claim", async () => {
    const res = await api("GET", "/claims/clm_01ARZ3NDEKTSV4RRFFQ69G5FAV");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("PATCH /claims/{id}", () => {
  it("needs If-Match (428), refuses a stale one (412, with the current version), applies a fresh one", async () => {
    const claim = await create();
    const edit = { context: "He said insurgents had carried out 43 attacks on checkpoints." };
    expect((await api("PATCH", `/claims/${claim.id}`, { body: edit })).status).toBe(428);
    expect((await api("PATCH", `/claims/${claim.id}`, { body: edit, headers: { "if-match": "banana" } })).status).toBe(
      400,
    );
    const ok = await api("PATCH", `/claims/${claim.id}`, {
      body: { ...edit, tags: ["helmand"] },
      headers: { "if-match": '"1"' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("etag")).toBe('"2"');
    expect(ok.json).toMatchObject({ context: edit.context, tags: ["helmand"], version: 2 });
    const stale = await api("PATCH", `/claims/${claim.id}`, {
      body: { kind: "paraphrase" },
      headers: { "if-match": '"1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.json.current_version).toBe(2);
    expect(stale.json.detail).toContain("version 2");
  });

  it("answers 409 when the edit would duplicate another claim", async () => {
    const a = await create();
    const b = await create();
    const res = await api("PATCH", `/claims/${b.id}`, { body: { text: a.text }, headers: { "if-match": '"1"' } });
    expect(res.status).toBe(409);
    expect(res.json.existing_id).toBe(a.id);
    expect((await api("GET", `/claims/${b.id}`)).json.version).toBe(1);
  });
});

describe("POST /claims/{id}/reviews", () => {
  it("needs a rationale for a verdict and evidence for false or misleading (422 with a clear detail)", async () => {
    const claim = await create();
    const headers = { "if-match": '"1"' };
    const bare = await api("POST", `/claims/${claim.id}/reviews`, { body: { status: "verified" }, headers });
    expect(bare.status).toBe(422);
    expect(bare.json.errors).toEqual([{ path: "rationale", message: expect.stringMatching(/needs a rationale/) }]);
    const noEvidence = await api("POST", `/claims/${claim.id}/reviews`, {
      body: { status: "false", rationale: "Wrong." },
      headers,
    });
    expect(noEvidence.status).toBe(422);
    expect(noEvidence.json.detail).toMatch(/evidence/);
    const nothing = await api("POST", `/claims/${claim.id}/reviews`, { body: {}, headers });
    expect(nothing.status).toBe(422);
    expect((await api("GET", `/claims/${claim.id}/history`)).json.data).toHaveLength(1);
  });

  it("records status and attribution with their events; the history is complete and in order", async () => {
    const claim = await create();
    await api("PATCH", `/claims/${claim.id}`, { body: { text: `${claim.text}!` }, headers: { "if-match": '"1"' } });
    const ev = await api("POST", `/claims/${claim.id}/evidence`, {
      body: { url: "https://www.rs.nato.int/statement", title: "USFOR-A statement", stance: "supports" },
    });
    expect(ev.status).toBe(201);
    const reviewed = await api("POST", `/claims/${claim.id}/reviews`, {
      body: { status: "verified", attribution: "confirmed", rationale: "The USFOR-A statement gives the same count." },
      headers: { "if-match": '"3"' },
    });
    expect(reviewed.status, reviewed.text).toBe(200);
    expect(reviewed.json).toMatchObject({ status: "verified", attribution: "confirmed", version: 4 });
    expect(reviewed.json.verdict_at).not.toBeNull();
    const history = (await api("GET", `/claims/${claim.id}/history`)).json.data;
    expect(history.map((e: { action: string }) => e.action)).toEqual([
      "created",
      "edited",
      "evidence_added",
      "status_changed",
      "attribution_changed",
    ]);
    expect(history[3]).toMatchObject({
      from: "unverified",
      to: "verified",
      note: "The USFOR-A statement gives the same count.",
      actor: "admin (ADMIN_TOKEN)",
    });
  });

  it("lets exactly one of two concurrent writers with the same version win", async () => {
    const claim = await create();
    const [a, b] = await Promise.all([
      api("POST", `/claims/${claim.id}/reviews`, { body: { status: "in_review" }, headers: { "if-match": '"1"' } }),
      api("POST", `/claims/${claim.id}/reviews`, {
        body: { status: "unproven", rationale: "No data." },
        headers: { "if-match": '"1"' },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const history = (await api("GET", `/claims/${claim.id}/history`)).json.data;
    expect(history.filter((e: { action: string }) => e.action === "status_changed")).toHaveLength(1);
    const final = (await api("GET", `/claims/${claim.id}`)).json;
    expect(final.version).toBe(2);
    expect(final.status).toBe(a.status === 200 ? "in_review" : "unproven");
  });
});

describe("evidence", () => {
  it("needs a url or a note, and keeps the last evidence of a false claim", async () => {
    const claim = await create();
    const empty = await api("POST", `/claims/${claim.id}/evidence`, { body: { stance: "refutes" } });
    expect(empty.status).toBe(422);
    expect(empty.json.errors[0].path).toBe("note");
    const ev = await api("POST", `/claims/${claim.id}/evidence`, {
      body: { note: "Provincial police count differs.", stance: "refutes" },
    });
    expect(ev.status).toBe(201);
    const rated = await api("POST", `/claims/${claim.id}/reviews`, {
      body: { status: "false", rationale: "Police figures contradict it." },
      headers: { "if-match": '"2"' },
    });
    expect(rated.status).toBe(200);
    const keep = await api("DELETE", `/claims/${claim.id}/evidence/${ev.json.id}`);
    expect(keep.status).toBe(409);
    await api("POST", `/claims/${claim.id}/evidence`, {
      body: { url: "https://example.org/police", stance: "refutes" },
    });
    expect((await api("DELETE", `/claims/${claim.id}/evidence/${ev.json.id}`)).status).toBe(204);
    expect((await api("DELETE", `/claims/${claim.id}/evidence/${ev.json.id}`)).status).toBe(404);
    const actions = (await api("GET", `/claims/${claim.id}/history`)).json.data.map(
      (e: { action: string }) => e.action,
    );
    expect(actions.filter((a: string) => a === "evidence_removed")).toHaveLength(1);
  });

  it("refuses evidence on an unknown claim and an unknown speaker", async () => {
    expect((await api("POST", "/claims/clm_nope/evidence", { body: { note: "n", stance: "context" } })).status).toBe(
      404,
    );
    const claim = await create();
    const res = await api("POST", `/claims/${claim.id}/evidence`, {
      body: { note: "n", stance: "context", speaker_id: "spk_nope" },
    });
    expect(res.status).toBe(422);
  });
});

describe("flags", () => {
  it("a reviewer clears a raised flag with a note, which writes the event", async () => {
    const claim = await create();
    await env.DB.prepare(
      "INSERT INTO claim_flags (claim_id, flag, raised_at) VALUES (?, 'source_changed', '2026-01-01')",
    )
      .bind(claim.id)
      .run();
    expect((await api("GET", `/claims/${claim.id}`)).json.flags).toHaveLength(1);
    const noNote = await api("POST", `/claims/${claim.id}/flags/source_changed/clear`, { body: {} });
    expect(noNote.status).toBe(422);
    const cleared = await api("POST", `/claims/${claim.id}/flags/source_changed/clear`, {
      body: { note: "Only the byline changed." },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.json.flags).toEqual([]);
    const last = (await api("GET", `/claims/${claim.id}/history`)).json.data.at(-1);
    expect(last).toMatchObject({ action: "flag_cleared", from: "source_changed", note: "Only the byline changed." });
    expect(
      (await api("POST", `/claims/${claim.id}/flags/source_changed/clear`, { body: { note: "again" } })).status,
    ).toBe(404);
    expect((await api("POST", `/claims/${claim.id}/flags/made_up/clear`, { body: { note: "x" } })).status).toBe(400);
  });
});
