// Team workflow over the API: assignment (and its filters), internal notes (never exported),
// bulk actions (a stale claim skipped), and who may do what.
import { beforeAll, describe, expect, it } from "vitest";
import { api, attacksClaim, tokenFor } from "./helpers";

let viewer: string;
let reviewer: string;
let n = 0;

async function file(text = "a team claim") {
  n += 1;
  const res = await api("POST", "/claims", {
    body: { ...attacksClaim, text: `${text} (${n})`, source: { publisher: "Team Desk Wire" } },
  });
  expect(res.status).toBe(201);
  return res.json as { id: string; version: number; assignee: string | null };
}

const ifMatch = (version: number) => ({ "if-match": `"${version}"` });

async function history(id: string) {
  return (await api("GET", `/claims/${id}/history`)).json.data as {
    action: string;
    actor: string;
    from: string | null;
    to: string | null;
  }[];
}

beforeAll(async () => {
  viewer = await tokenFor("viewer", "Vera Viewer");
  reviewer = await tokenFor("reviewer", "Rita Reviewer");
});

describe("assignment", () => {
  it("assigns to a name or to the caller, unassigns, each with an event, and needs If-Match", async () => {
    const claim = await file();
    expect(claim.assignee).toBeNull();
    expect((await api("PUT", `/claims/${claim.id}/assignee`, { body: { me: true }, token: reviewer })).status).toBe(
      428,
    );
    const mine = await api("PUT", `/claims/${claim.id}/assignee`, {
      body: { me: true },
      token: reviewer,
      headers: ifMatch(claim.version),
    });
    expect(mine.status).toBe(200);
    expect(mine.json.assignee).toBe("Rita Reviewer");
    expect(mine.headers.get("etag")).toBe(`"${claim.version + 1}"`);
    const stale = await api("PUT", `/claims/${claim.id}/assignee`, {
      body: { assignee: "Someone Else" },
      headers: ifMatch(claim.version),
    });
    expect(stale.status).toBe(412);
    const other = await api("PUT", `/claims/${claim.id}/assignee`, {
      body: { assignee: "  Omar Desk  " },
      headers: ifMatch(claim.version + 1),
    });
    expect(other.json.assignee).toBe("Omar Desk");
    const back = await api("DELETE", `/claims/${claim.id}/assignee`, { headers: ifMatch(claim.version + 2) });
    expect(back.status).toBe(200);
    expect(back.json.assignee).toBeNull();
    const events = (await history(claim.id)).filter((e) => e.action.includes("assign"));
    expect(events).toEqual([
      expect.objectContaining({ action: "assigned", actor: "Rita Reviewer", from: null, to: "Rita Reviewer" }),
      expect.objectContaining({ action: "assigned", from: "Rita Reviewer", to: "Omar Desk" }),
      expect.objectContaining({ action: "unassigned", from: "Omar Desk", to: null }),
    ]);
  });

  it("refuses a body naming nobody, or both ways at once", async () => {
    const claim = await file();
    for (const body of [{}, { assignee: "" }, { assignee: "x", me: true }, { me: false }]) {
      const res = await api("PUT", `/claims/${claim.id}/assignee`, { body, headers: ifMatch(claim.version) });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("filters the list by assignee, and by assigned or not", async () => {
    const a = await file("filter me");
    const b = await file("filter me");
    await api("PUT", `/claims/${a.id}/assignee`, { body: { assignee: "Filter Person" }, headers: ifMatch(a.version) });
    const byName = await api("GET", `/claims?assignee=${encodeURIComponent("Filter Person")}`);
    expect(byName.json.data.map((c: { id: string }) => c.id)).toEqual([a.id]);
    const unassigned = await api("GET", "/claims?assigned=false&limit=100");
    const ids = unassigned.json.data.map((c: { id: string }) => c.id);
    expect(ids).toContain(b.id);
    expect(ids).not.toContain(a.id);
    expect(unassigned.json.data.every((c: { assignee: string | null }) => c.assignee === null)).toBe(true);
    const assigned = await api("GET", "/claims?assigned=true&limit=100");
    expect(assigned.json.data.every((c: { assignee: string | null }) => c.assignee !== null)).toBe(true);
    expect((await api("GET", "/claims?assigned=maybe")).status).toBe(400);
  });

  it("is refused to a viewer", async () => {
    const claim = await file();
    const res = await api("PUT", `/claims/${claim.id}/assignee`, {
      body: { me: true },
      token: viewer,
      headers: ifMatch(claim.version),
    });
    expect(res.status).toBe(403);
  });
});

describe("notes", () => {
  it("are written by reviewers with author and time, read by viewers, refused to viewers", async () => {
    const claim = await file();
    const made = await api("POST", `/claims/${claim.id}/notes`, {
      body: { text: "  Called the ministry\u0000; waiting.  " },
      token: reviewer,
    });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ author: "Rita Reviewer", text: "Called the ministry; waiting." });
    expect(Date.parse(made.json.created_at)).not.toBeNaN();
    const read = await api("GET", `/claims/${claim.id}/notes`, { token: viewer });
    expect(read.status).toBe(200);
    expect(read.json.data).toEqual([made.json]);
    const refused = await api("POST", `/claims/${claim.id}/notes`, { body: { text: "viewer's note" }, token: viewer });
    expect(refused.status).toBe(403);
    // Not a change of the claim: its version and history stay.
    const after = await api("GET", `/claims/${claim.id}`);
    expect(after.json.version).toBe(claim.version);
  });

  it("are refused when empty or over 4,000 characters (422 naming the field), and 404 on an unknown claim", async () => {
    const claim = await file();
    for (const text of ["   ", "x".repeat(4_001), "x".repeat(10_000)]) {
      const refused = await api("POST", `/claims/${claim.id}/notes`, { body: { text } });
      expect(refused.status).toBe(422);
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
      expect(refused.json.errors).toEqual([
        { path: "text", message: text.trim() ? "at most 4000 characters" : "must not be empty" },
      ]);
    }
    expect((await api("POST", `/claims/${claim.id}/notes`, { body: { text: "x".repeat(4_000) } })).status).toBe(201);
    expect((await api("GET", `/claims/${claim.id}/notes`)).json.data).toHaveLength(1);
    expect((await api("POST", "/claims/clm_nope/notes", { body: { text: "hello" } })).status).toBe(404);
    expect((await api("GET", "/claims/clm_nope/notes")).status).toBe(404);
  });

  it("are listed newest first, a page at a time (limit, cursor, next_cursor), every note once", async () => {
    const claim = await file("a claim with many notes");
    const texts = Array.from({ length: 23 }, (_, i) => `note number ${i}`);
    for (const text of texts) {
      expect((await api("POST", `/claims/${claim.id}/notes`, { body: { text }, token: reviewer })).status).toBe(201);
    }
    type Note = { id: string; text: string; created_at: string };
    const seen: Note[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await api("GET", `/claims/${claim.id}/notes?limit=10${cursor ? `&cursor=${cursor}` : ""}`, {
        token: viewer,
      });
      expect(res.status).toBe(200);
      expect(res.json.data.length).toBeLessThanOrEqual(10);
      seen.push(...res.json.data);
      cursor = res.json.next_cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((n) => n.text).sort()).toEqual([...texts].sort());
    // Newest first: by time, then id (notes made in the same millisecond).
    const key = (n: Note) => `${n.created_at} ${n.id}`;
    expect(seen.map(key)).toEqual(seen.map(key).sort().reverse());
    // The default page is 50.
    const all = await api("GET", `/claims/${claim.id}/notes`);
    expect(all.json).toMatchObject({ next_cursor: null });
    expect(all.json.data).toEqual(seen);
  });

  it("answer 400 problem+json to a cursor or limit that is not one of ours", async () => {
    const claim = await file();
    await api("POST", `/claims/${claim.id}/notes`, { body: { text: "one note" } });
    const bad = [
      ["cursor", "%%%"],
      ["cursor", "e30"],
      ["cursor", btoa('{"at":1,"id":"x"}').replace(/=+$/, "")],
      ["cursor", btoa('{"seq":1}').replace(/=+$/, "")],
      ["cursor", "A".repeat(201)],
      ["limit", "0"],
      ["limit", "101"],
      ["limit", "ten"],
      ["limit", "1.5"],
    ];
    for (const [name, value] of bad) {
      const res = await api("GET", `/claims/${claim.id}/notes?${name}=${value}`);
      expect(res.status, `${name}=${value}`).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual([name]);
    }
  });

  it("never leave the desk: not in the claim, its history, or any export format", async () => {
    const claim = await file("a claim with a secret note");
    const secret = "SOURCE-IS-JANE-DOE-do-not-publish";
    await api("POST", `/claims/${claim.id}/notes`, { body: { text: secret } });
    // With a verdict, so the ClaimReview export (everything, as an admin asks) includes the claim.
    await api("POST", `/claims/${claim.id}/reviews`, {
      body: { status: "verified", rationale: "Checked against the ministry's statement." },
      headers: ifMatch(claim.version),
    });
    expect((await api("GET", `/claims/${claim.id}`)).text).not.toContain(secret);
    expect((await api("GET", `/claims/${claim.id}/history`)).text).not.toContain(secret);
    const review = await api("GET", `/claims/${claim.id}/claimreview`);
    expect(review.status).toBe(200);
    expect(review.text).not.toContain(secret);
    for (const format of ["ndjson", "csv", "claimreview&include=all"]) {
      const res = await api("GET", `/export?format=${format}`);
      expect(res.status).toBe(200);
      expect(res.text, format).toContain(claim.id);
      expect(res.text, format).not.toContain(secret);
    }
  });
});

describe("POST /claims/bulk", () => {
  it("tags claims at the versions seen, skips a stale one and reports why", async () => {
    const [a, b, c] = [await file("bulk"), await file("bulk"), await file("bulk")];
    // Someone changes c after the page was shown.
    await api("PUT", `/claims/${c.id}/assignee`, {
      body: { assignee: "Quick Colleague" },
      headers: ifMatch(c.version),
    });
    const res = await api("POST", "/claims/bulk", {
      token: reviewer,
      body: {
        action: "tag",
        tag: "election-2026",
        claims: [a, b, c].map(({ id, version }) => ({ id, version })),
      },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ action: "tag", done: 2, unchanged: 0, skipped: 1 });
    expect(res.json.results[2]).toMatchObject({
      id: c.id,
      outcome: "skipped",
      reason: "stale",
      current_version: c.version + 1,
    });
    for (const claim of [a, b]) {
      const now = (await api("GET", `/claims/${claim.id}`)).json;
      expect(now.tags).toContain("election-2026");
      expect((await history(claim.id)).at(-1)?.action).toBe("edited");
    }
    const cNow = (await api("GET", `/claims/${c.id}`)).json;
    expect(cNow.tags).not.toContain("election-2026");
    expect(cNow.assignee).toBe("Quick Colleague");
  });

  it("assigns to me, moves to in review, untags; says what was already so, and skips unknown claims", async () => {
    const a = await file("bulk two");
    const assigned = await api("POST", "/claims/bulk", {
      token: reviewer,
      body: {
        action: "assign",
        me: true,
        claims: [
          { id: a.id, version: a.version },
          { id: "clm_missing", version: 1 },
        ],
      },
    });
    expect(assigned.json.results).toEqual([
      { id: a.id, outcome: "done", version: a.version + 1 },
      expect.objectContaining({ id: "clm_missing", outcome: "skipped", reason: "not_found" }),
    ]);
    const again = await api("POST", "/claims/bulk", {
      token: reviewer,
      body: { action: "assign", me: true, claims: [{ id: a.id, version: a.version + 1 }] },
    });
    expect(again.json.results[0]).toMatchObject({ outcome: "unchanged" });
    const moved = await api("POST", "/claims/bulk", {
      body: { action: "in_review", claims: [{ id: a.id, version: a.version + 1 }] },
    });
    expect(moved.json.results[0]).toMatchObject({ outcome: "done", version: a.version + 2 });
    expect((await api("GET", `/claims/${a.id}`)).json.status).toBe("in_review");
    const untag = await api("POST", "/claims/bulk", {
      body: { action: "untag", tag: "afghanistan", claims: [{ id: a.id, version: a.version + 2 }] },
    });
    expect(untag.json.results[0]).toMatchObject({ outcome: "done" });
    expect((await api("GET", `/claims/${a.id}`)).json.tags).toEqual([]);
  });

  it("refuses more than 100 claims, a missing tag or assignee, and viewers", async () => {
    const claims = Array.from({ length: 101 }, (_, i) => ({ id: `clm_${i}`, version: 1 }));
    expect((await api("POST", "/claims/bulk", { body: { action: "unassign", claims } })).status).toBe(422);
    expect((await api("POST", "/claims/bulk", { body: { action: "tag", claims: claims.slice(0, 1) } })).status).toBe(
      422,
    );
    expect((await api("POST", "/claims/bulk", { body: { action: "assign", claims: claims.slice(0, 1) } })).status).toBe(
      422,
    );
    expect((await api("POST", "/claims/bulk", { body: { action: "unassign", claims: [] } })).status).toBe(422);
    const res = await api("POST", "/claims/bulk", {
      token: viewer,
      body: { action: "unassign", claims: claims.slice(0, 1) },
    });
    expect(res.status).toBe(403);
  });
});
