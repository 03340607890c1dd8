// Linking a claim as a repeat of an earlier one, and carrying the earlier verdict over.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { linkClaim } from "../../src/db/queries/claim-changes";
import { getClaimRow } from "../../src/db/queries/claims";
import { claims } from "../../src/db/schema";
import { type CarriedVerdict, decideRepeatLink } from "../../src/domain/review";
import { ADMIN, api, attacksClaim, tokenFor } from "./helpers";

const store = createDb(env.DB);

/** The link as the service decides and writes it, with the service's checks skipped. */
async function storeLink(
  db: typeof store,
  current: { id: string; version: number; status: CarriedVerdict["status"]; repeatOf: string | null },
  repeatOf: string,
  carried: CarriedVerdict | undefined,
  actor: string,
) {
  const at = new Date().toISOString();
  const change = decideRepeatLink(current, repeatOf, carried, at);
  return change ? linkClaim(db, current, change, actor, at) : { ok: true, version: current.version };
}
let viewer: string;
let n = 0;

/** A new claim with its own text; answers its detail. */
async function file(text: string, speaker = "Sonny Leggett") {
  n += 1;
  const res = await api("POST", "/claims", {
    body: { ...attacksClaim, text: `${text} (${n})`, speaker: { name: speaker }, source: { publisher: "AFP" } },
  });
  expect(res.status).toBe(201);
  return res.json;
}

async function rate(id: string, status: string, rationale: string) {
  const current = await api("GET", `/claims/${id}`);
  const res = await api("POST", `/claims/${id}/reviews`, {
    body: { status, rationale },
    headers: { "if-match": current.headers.get("etag") ?? "" },
  });
  expect(res.status).toBe(200);
  return res.json;
}

async function link(id: string, body: unknown, options: { token?: string; ifMatch?: string | null } = {}) {
  const etag =
    options.ifMatch === undefined ? (await api("GET", `/claims/${id}`)).headers.get("etag") : options.ifMatch;
  return api("PUT", `/claims/${id}/repeat-of`, {
    body,
    token: options.token ?? ADMIN,
    headers: etag === null ? {} : { "if-match": etag ?? "" },
  });
}

async function history(id: string) {
  return (await api("GET", `/claims/${id}/history`)).json.data as {
    action: string;
    note: string | null;
    data: unknown;
  }[];
}

beforeAll(async () => {
  viewer = await tokenFor("viewer");
});

describe("PUT /claims/{id}/repeat-of", () => {
  it("links a repeat: the earlier claim lists it, the lists filter by it, the history records it", async () => {
    const original = await file("Insurgents carried out 43 attacks on checkpoints");
    const repeat = await file("They carried out 43 attacks on checkpoints", "Another Spokesman");
    const res = await link(repeat.id, { repeat_of: original.id });
    expect(res.status).toBe(200);
    expect(res.json.repeat_of).toBe(original.id);
    expect(res.json.repeat_of_claim).toMatchObject({ id: original.id, status: "unverified" });
    expect(res.json.status).toBe("unverified");
    expect(res.json.version).toBe(repeat.version + 1);
    expect(res.headers.get("etag")).toBe(`"${repeat.version + 1}"`);

    const earlier = (await api("GET", `/claims/${original.id}`)).json;
    expect(earlier.repeat_count).toBe(1);
    expect(earlier.repeats.map((r: { id: string }) => r.id)).toEqual([repeat.id]);
    expect((await api("GET", `/claims?repeat_of=${original.id}`)).json.data.map((c: { id: string }) => c.id)).toEqual([
      repeat.id,
    ]);
    const anyRepeat = (await api("GET", "/claims?repeat=any&limit=100")).json.data.map((c: { id: string }) => c.id);
    expect(anyRepeat).toContain(repeat.id);
    const ofChecked = (await api("GET", "/claims?repeat=checked&limit=100")).json.data.map((c: { id: string }) => c.id);
    expect(ofChecked).not.toContain(repeat.id);

    const events = await history(repeat.id);
    expect(events.at(-1)).toMatchObject({ action: "repeat_linked", to: original.id, from: null });
  });

  it("carries a verdict over only with a rationale, citing the original, with its own event", async () => {
    const original = await file("The ministry recorded 120 violations of the ceasefire");
    await rate(original.id, "verified", "The ministry's own bulletin lists them.");
    const repeat = await file("There were 120 violations of the ceasefire");
    const before = await history(repeat.id);

    const bare = await link(repeat.id, { repeat_of: original.id, carry_verdict: true });
    expect(bare.status).toBe(422);
    expect(bare.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(bare.json.errors).toEqual([{ path: "rationale", message: expect.stringMatching(/why/) }]);
    const untouched = (await api("GET", `/claims/${repeat.id}`)).json;
    expect(untouched).toMatchObject({ version: repeat.version, repeat_of: null, status: "unverified" });
    expect(await history(repeat.id)).toEqual(before);

    const res = await link(repeat.id, {
      repeat_of: original.id,
      carry_verdict: true,
      rationale: "The same figure from the same bulletin.",
    });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe("verified");
    expect(res.json.verdict_at).not.toBeNull();
    expect(res.json.rationale).toMatch(/^The same figure from the same bulletin\./);
    expect(res.json.rationale).toContain(`Verdict carried over from ${original.id} (verified`);
    expect(res.json.rationale).toContain("The ministry's own bulletin lists them.");
    expect(res.json.version).toBe(repeat.version + 1);
    const events = await history(repeat.id);
    expect(events.slice(-2).map((e) => e.action)).toEqual(["repeat_linked", "status_changed"]);
    expect(events.at(-1)).toMatchObject({
      from: "unverified",
      to: "verified",
      note: res.json.rationale,
      data: { carried_from: original.id, evidence_copied: [] },
    });
    const checked = (await api("GET", "/claims?repeat=checked&limit=100")).json.data.map((c: { id: string }) => c.id);
    expect(checked).toContain(repeat.id);
  });

  it("carrying a false verdict copies the original's evidence, so the evidence rule holds", async () => {
    const original = await file("Unemployment fell to 2 per cent last year");
    const etag = (await api("GET", `/claims/${original.id}`)).headers.get("etag") ?? "";
    const evidence = await api("POST", `/claims/${original.id}/evidence`, {
      body: { url: "https://stats.example.org/labour", title: "Labour survey", stance: "refutes" },
      headers: { "if-match": etag },
    });
    expect(evidence.status).toBe(201);
    await rate(original.id, "false", "The survey puts it at 7 per cent.");
    const repeat = await file("Unemployment fell to 2 per cent");
    const res = await link(repeat.id, { repeat_of: original.id, carry_verdict: true, rationale: "Same claim." });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe("false");
    expect(res.json.evidence).toEqual([
      expect.objectContaining({ url: "https://stats.example.org/labour", title: "Labour survey", stance: "refutes" }),
    ]);
    expect(res.json.evidence[0].id).not.toBe(evidence.json.id);
    const last = (await history(repeat.id)).at(-1);
    expect(last?.data).toEqual({ carried_from: original.id, evidence_copied: [res.json.evidence[0].id] });
  });

  it("refuses what makes no sense, with a reason, and writes nothing", async () => {
    const a = await file("The bridge will open in May");
    const b = await file("The bridge opens in May");
    const unverified = await link(b.id, { repeat_of: a.id, carry_verdict: true, rationale: "Same." });
    expect(unverified.status).toBe(422);
    expect(unverified.json.detail).toMatch(/no verdict to carry over/);
    const self = await link(a.id, { repeat_of: a.id });
    expect(self.status).toBe(422);
    expect(self.json.errors[0].path).toBe("repeat_of");
    const unknown = await link(a.id, { repeat_of: "clm_nothere" });
    expect(unknown.status).toBe(422);
    expect(unknown.json.detail).toMatch(/no claim clm_nothere/);

    expect((await link(b.id, { repeat_of: a.id })).status).toBe(200);
    const cycle = await link(a.id, { repeat_of: b.id });
    expect(cycle.status).toBe(422);
    expect(cycle.json.detail).toMatch(/already a repeat of/);
    expect((await api("GET", `/claims/${a.id}`)).json).toMatchObject({ version: a.version, repeat_of: null });

    const extra = await link(a.id, { repeat_of: b.id, note: "x" });
    expect(extra.status).toBe(422);
  });

  it("needs a reviewer and the claim's current version", async () => {
    const a = await file("Exports doubled in a year");
    const b = await file("Exports have doubled");
    expect((await link(b.id, { repeat_of: a.id }, { token: viewer })).status).toBe(403);
    expect((await link(b.id, { repeat_of: a.id }, { ifMatch: null })).status).toBe(428);
    const stale = await link(b.id, { repeat_of: a.id }, { ifMatch: `"${b.version + 5}"` });
    expect(stale.status).toBe(412);
    expect((await link("clm_nothere", { repeat_of: a.id }, { ifMatch: '"1"' })).status).toBe(404);
    expect((await api("GET", `/claims/${b.id}`)).json).toMatchObject({ version: b.version, repeat_of: null });
  });
});

describe("DELETE /claims/{id}/repeat-of", () => {
  it("unlinks, keeps a carried verdict, and records it", async () => {
    const original = await file("Rainfall was the highest in 50 years");
    await rate(original.id, "verified", "Met office records.");
    const repeat = await file("The highest rainfall in 50 years");
    const linked = await link(repeat.id, { repeat_of: original.id, carry_verdict: true, rationale: "Same record." });
    const res = await api("DELETE", `/claims/${repeat.id}/repeat-of`, {
      headers: { "if-match": linked.headers.get("etag") ?? "" },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ repeat_of: null, repeat_of_claim: null, status: "verified" });
    expect((await history(repeat.id)).at(-1)).toMatchObject({ action: "repeat_unlinked", from: original.id });
    expect((await api("GET", `/claims/${original.id}`)).json.repeat_count).toBe(0);
    const again = await api("DELETE", `/claims/${repeat.id}/repeat-of`, { headers: { "if-match": '"1"' } });
    expect(again.status).toBe(412);
  });
});

describe("repeat links under concurrent requests", () => {
  /** Fails when following repeat_of from any claim comes back to a claim already on the walk. */
  async function expectNoCycle() {
    const rows = await store.select({ id: claims.id, repeatOf: claims.repeatOf }).from(claims);
    const next = new Map(rows.map((r) => [r.id, r.repeatOf]));
    for (const start of next.keys()) {
      const seen = new Set<string>();
      for (let at: string | null | undefined = start; at; at = next.get(at)) {
        expect(seen.has(at), `a repeat_of cycle through ${at}`).toBe(false);
        seen.add(at);
      }
    }
  }

  /** Sends every link at once, each with the version its claim had before any of them. */
  async function linkAtOnce(pairs: [{ id: string; version: number }, { id: string }][]) {
    return Promise.all(
      pairs.map(async ([claim, original]) => ({
        claim,
        answer: await link(claim.id, { repeat_of: original.id }, { ifMatch: `"${claim.version}"` }),
      })),
    );
  }

  /** One link of a race lands at least, and the others are refused as a sequential cycle is, writing nothing. */
  async function expectOneWay(race: Awaited<ReturnType<typeof linkAtOnce>>) {
    expect(race.map((r) => r.answer.status)).toContain(200);
    for (const { claim, answer } of race) {
      if (answer.status === 200) continue;
      expect(answer).toMatchObject({
        status: 422,
        json: { status: 422, detail: expect.stringMatching(/already a repeat of/) },
      });
      expect(answer.headers.get("content-type")).toMatch(/application\/problem\+json/);
      expect((await api("GET", `/claims/${claim.id}`)).json).toMatchObject({ version: claim.version, repeat_of: null });
      expect((await history(claim.id)).map((e) => e.action)).toEqual(["created"]);
    }
    return race.map((r) => r.answer.status);
  }

  it("two claims linked to each other at the same moment: one link lands, never a cycle", async () => {
    for (let round = 0; round < 20; round++) {
      const x = await file(`Race ${round}: the port handled 9 million containers`);
      const y = await file(`Race ${round}: 9 million containers went through the port`);
      const statuses = await expectOneWay(
        await linkAtOnce([
          [x, y],
          [y, x],
        ]),
      );
      expect(statuses.sort()).toEqual([200, 422]);
    }
    await expectNoCycle();
  });

  it("three claims linked round in a ring at the same moment: never a cycle", async () => {
    for (let round = 0; round < 20; round++) {
      const x = await file(`Ring ${round}: the river rose 4 metres`);
      const y = await file(`Ring ${round}: a 4 metre rise of the river`);
      const z = await file(`Ring ${round}: the river is 4 metres higher`);
      const statuses = await expectOneWay(
        await linkAtOnce([
          [x, y],
          [y, z],
          [z, x],
        ]),
      );
      expect(statuses).toContain(422);
    }
    await expectNoCycle();
  });
});

describe("the database's own check, with the service's checks skipped", () => {
  const row = async (id: string) => {
    const claim = await getClaimRow(store, id);
    if (!claim) throw new Error(`no claim ${id}`);
    return { id, version: claim.version, status: claim.status, repeatOf: claim.repeatOf };
  };

  it("refuses a link that closes a chain, writing nothing: no event, no evidence copy, no version bump", async () => {
    const x = await file("The tunnel cost 3 billion dollars");
    const y = await file("3 billion dollars for the tunnel");
    const z = await file("A 3 billion dollar tunnel");
    expect((await link(x.id, { repeat_of: y.id })).status).toBe(200);
    expect((await link(y.id, { repeat_of: z.id })).status).toBe(200);
    // x gets a "false" verdict with evidence, so carrying it onto z would write a status, its event and a copy.
    const etag = (await api("GET", `/claims/${x.id}`)).headers.get("etag") ?? "";
    const added = await api("POST", `/claims/${x.id}/evidence`, {
      body: { url: "https://example.org/tunnel-audit", stance: "refutes" },
      headers: { "if-match": etag },
    });
    expect(added.status).toBe(201);
    await rate(x.id, "false", "The audit puts it at 5 billion.");
    const before = await row(z.id);
    const events = await history(z.id);

    const carried = {
      status: "false" as const,
      rationale: "Same tunnel.",
      evidence: [
        {
          url: "https://example.org/tunnel-audit",
          title: null,
          note: null,
          stance: "refutes" as const,
          speakerId: null,
        },
      ],
    };
    expect(await storeLink(store, before, x.id, carried, "test")).toEqual({ ok: false, reason: "repeat_cycle" });
    expect(await storeLink(store, before, z.id, undefined, "test")).toEqual({ ok: false, reason: "repeat_cycle" });
    expect(await row(z.id)).toEqual(before);
    expect(await history(z.id)).toEqual(events);
    expect((await api("GET", `/claims/${z.id}`)).json.evidence).toEqual([]);

    // A link that closes nothing still lands through the same query.
    const w = await file("The tunnel's cost: 3 billion");
    expect(await storeLink(store, await row(w.id), x.id, undefined, "test")).toMatchObject({ ok: true });
  });

  it("follows a chain of any length (longer than the 50 links the old check looked at)", async () => {
    const first = await row((await file("Link 0 of a long chain of repeats")).id);
    let last = first;
    for (let i = 1; i < 60; i++) {
      const next = await row((await file(`Link ${i} of a long chain of repeats`)).id);
      expect(await storeLink(store, next, last.id, undefined, "test")).toMatchObject({ ok: true });
      last = next;
    }
    const closing = await link(first.id, { repeat_of: last.id });
    expect(closing.status).toBe(422);
    expect(closing.json.detail).toMatch(/already a repeat of/);
    expect((await getClaimRow(store, first.id))?.repeatOf).toBeNull();
  });
});
