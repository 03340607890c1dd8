// Inputs that broke something once (or were reported as breaking it), kept as explicit cases:
// each answers a clear 4xx that wrote nothing, or the same result as the clean input.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeNoteCursor } from "../../src/domain/cursor";
import { api, attacksClaim } from "../api/helpers";
import { attrs, cookieFor, get, ORIGIN } from "../pages-helpers";
import { BAD_CURSORS, b64url } from "./arbitraries";
import { type FuzzRequest, installWriteCounter, sendAndCheck } from "./harness";

const NUL = "\u0000";
let reviewer = "";
let n = 0;

beforeAll(async () => {
  await installWriteCounter();
  reviewer = (await cookieFor("reviewer", "known cases reviewer")).cookie;
});

const json = (method: string, path: string, body: unknown, headers: Record<string, string> = {}): FuzzRequest => ({
  method,
  path: `/api/v1${path}`,
  headers: {
    authorization: `Bearer ${env.ADMIN_TOKEN}`,
    "content-type": "application/json",
    ...headers,
  },
  body: JSON.stringify(body),
});

const form = (path: string, fields: Record<string, string>): FuzzRequest => ({
  method: "POST",
  path,
  headers: { cookie: reviewer, origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

/** A fresh claim (its own text) to aim at; answers its id and version. */
async function freshClaim(extra: Record<string, unknown> = {}) {
  const made = await api("POST", "/claims", { body: { ...attacksClaim, text: `known case ${++n}`, ...extra } });
  expect(made.status, made.text).toBe(201);
  return made.json as { id: string; version: number };
}

const claimOf = async (id: string) => (await api("GET", `/claims/${id}`)).json;

describe("a NUL at the start of a field is dropped, as every control character is (API)", () => {
  it("claim text", async () => {
    const { answer } = await sendAndCheck(json("POST", "/claims", { ...attacksClaim, text: `${NUL}nul first` }), "api");
    expect(answer.status).toBe(201);
    expect(answer.json.text).toBe("nul first");
    expect((await claimOf(answer.json.id)).text).toBe("nul first");
  });

  it("a claim text that is only a NUL is empty: 422", async () => {
    const { answer } = await sendAndCheck(json("POST", "/claims", { ...attacksClaim, text: NUL }), "api");
    expect(answer.status).toBe(422);
    expect(answer.json.errors).toEqual([{ path: "text", message: "must not be empty" }]);
  });

  it("speaker name", async () => {
    const body = { ...attacksClaim, text: "nul speaker", speaker: { name: `${NUL}Sonny Leggett`, role: "spokesman" } };
    const { answer } = await sendAndCheck(json("POST", "/claims", body), "api");
    expect(answer.status).toBe(201);
    expect(answer.json.speaker.name).toBe("Sonny Leggett");
    const speakers = await api("POST", "/speakers", { body: { name: `${NUL}Sonny Leggett`, role: "spokesman" } });
    // The same speaker, found again by its name without the NUL.
    expect(speakers.status).toBe(409);
    expect(speakers.json.existing_id).toBe(answer.json.speaker.id);
  });

  it("tag", async () => {
    const body = { ...attacksClaim, text: "nul tag", tags: [`${NUL}kunduz`, "kunduz", `kunduz${NUL}`] };
    const { answer } = await sendAndCheck(json("POST", "/claims", body), "api");
    expect(answer.status).toBe(201);
    expect(answer.json.tags).toEqual(["kunduz"]);
    const only = await sendAndCheck(
      json("POST", "/claims", { ...attacksClaim, text: "nul-only tag", tags: [NUL] }),
      "api",
    );
    expect(only.answer.status).toBe(422);
  });

  it("evidence note", async () => {
    const { id } = await freshClaim();
    const { answer } = await sendAndCheck(
      json("POST", `/claims/${id}/evidence`, { stance: "refutes", note: `${NUL}the ministry denied it` }),
      "api",
    );
    expect(answer.status).toBe(201);
    expect(answer.json.note).toBe("the ministry denied it");
    const only = await sendAndCheck(json("POST", `/claims/${id}/evidence`, { stance: "refutes", note: NUL }), "api");
    expect(only.answer.status).toBe(422);
  });

  it("rationale", async () => {
    const { id, version } = await freshClaim();
    const review = (rationale: string, v: number) =>
      json("POST", `/claims/${id}/reviews`, { status: "unproven", rationale }, { "if-match": `"${v}"` });
    const only = await sendAndCheck(review(NUL, version), "api");
    expect(only.answer.status).toBe(422);
    const { answer } = await sendAndCheck(review(`${NUL}no record either way`, version), "api");
    expect(answer.status).toBe(200);
    expect(answer.json.rationale).toBe("no record either way");
  });
});

describe("a lone surrogate (JSON's \\ud800 escape) is stored as one U+FFFD", () => {
  it("in a claim's text, speaker name and tags, an evidence note and a speaker", async () => {
    const body = {
      ...attacksClaim,
      text: "lone \ud800 surrogate",
      speaker: { name: "Sonny \udc00" },
      tags: ["t\ud800"],
    };
    const { answer } = await sendAndCheck(json("POST", "/claims", body), "api");
    expect(answer.status).toBe(201);
    const claim = await claimOf(answer.json.id);
    expect(claim).toMatchObject({ text: "lone \ufffd surrogate", tags: ["t\ufffd"] });
    expect(claim.speaker.name).toBe("Sonny \ufffd");
    // The same claim as one sent with the U+FFFD itself.
    const same = await api("POST", "/claims", {
      body: { ...body, text: "lone \ufffd surrogate", speaker: { name: "Sonny \ufffd" } },
    });
    expect(same.status).toBe(409);
    const note = await sendAndCheck(
      json("POST", `/claims/${claim.id}/evidence`, { stance: "context", note: "\udfff" }),
      "api",
    );
    expect(note.answer.json.note).toBe("\ufffd");
    const speaker = await sendAndCheck(json("POST", "/speakers", { name: "\ud83d\ude00 and \ud83d" }), "api");
    expect(speaker.answer.json.name).toBe("\ud83d\ude00 and \ufffd");
  });
});

describe("a NUL at the start of a field is dropped (review pages)", () => {
  it("new claim: text, speaker name and tags", async () => {
    const { answer } = await sendAndCheck(
      form("/claims/new", {
        text: `${NUL}nul first, by form`,
        speaker_name: `${NUL}Sonny Leggett`,
        source_title: `${NUL}Wire copy`,
        tags: `${NUL}kunduz, kunduz${NUL}`,
      }),
      "page",
    );
    expect(answer.status).toBe(303);
    const id = /\/claims\/(clm_[^?]+)/.exec(answer.headers.get("location") ?? "")?.[1] ?? "";
    const claim = await claimOf(id);
    expect(claim).toMatchObject({ text: "nul first, by form", tags: ["kunduz"] });
    expect(claim.speaker.name).toBe("Sonny Leggett");
    expect(claim.source.title).toBe("Wire copy");
  });

  it("a field that is only a NUL is refused with 422", async () => {
    const cases: Record<string, string>[] = [
      { text: NUL, speaker_name: "X", source_title: "Y" },
      { text: "x", speaker_name: NUL, source_title: "Y" },
      { text: "x", speaker_name: "X", source_title: "Y", tags: NUL },
    ];
    for (const fields of cases) {
      const { answer } = await sendAndCheck(form("/claims/new", fields), "page");
      expect(answer.status).toBe(422);
    }
  });

  it("evidence note and rationale", async () => {
    const { id, version } = await freshClaim();
    const evidence = await sendAndCheck(
      form(`/claims/${id}/evidence`, { stance: "supports", note: `${NUL}seen on video` }),
      "page",
    );
    expect(evidence.answer.status).toBe(303);
    const review = await sendAndCheck(
      form(`/claims/${id}/review`, {
        status: "verified",
        attribution: "confirmed",
        rationale: `${NUL}matches the video`,
        version: String(version + 1),
      }),
      "page",
    );
    expect(review.answer.status).toBe(303);
    const claim = await claimOf(id);
    expect(claim.rationale).toBe("matches the video");
    expect(claim.evidence[0].note).toBe("seen on video");
  });
});

describe("evidence url http:example.com (the URL parser takes it; the database wants http://)", () => {
  it("is stored as the parser writes it, http://example.com/ (API)", async () => {
    const { id } = await freshClaim();
    const { answer } = await sendAndCheck(
      json("POST", `/claims/${id}/evidence`, { stance: "supports", url: "http:example.com" }),
      "api",
    );
    expect(answer.status, answer.text).toBe(201);
    expect(answer.json.url).toBe("http://example.com/");
  });

  it("is stored as http://example.com/path (review page)", async () => {
    const { id } = await freshClaim();
    const { answer } = await sendAndCheck(
      form(`/claims/${id}/evidence`, { stance: "supports", url: "http:example.com/path" }),
      "page",
    );
    expect(answer.status).toBe(303);
    expect((await claimOf(id)).evidence[0].url).toBe("http://example.com/path");
  });

  it.each([
    ["HTTPS://Example.COM:443/a b", "https://example.com/a%20b"],
    ["https:\\\\example.com\\x", "https://example.com/x"],
    ["http:/example.com", "http://example.com/"],
  ])("%s is stored as %s", async (url, stored) => {
    const { id } = await freshClaim();
    const { answer } = await sendAndCheck(json("POST", `/claims/${id}/evidence`, { stance: "context", url }), "api");
    expect(answer.status, answer.text).toBe(201);
    expect(answer.json.url).toBe(stored);
  });

  it("a source url in the same form is the same source", async () => {
    const one = await freshClaim({ source: { url: "http:example.com/article" } });
    const two = await freshClaim({ source: { url: "http://example.com/article" } });
    expect((await claimOf(one.id)).source.id).toBe((await claimOf(two.id)).source.id);
  });
});

describe("evidence naming its speaker", () => {
  it.each([
    ["an empty speaker_id", "", "must not be empty"],
    ["an unknown speaker_id", "spk_nobody", "no speaker with this id"],
  ])("with %s answers 422 and writes nothing", async (_name, speakerId, message) => {
    const { id } = await freshClaim();
    const { answer } = await sendAndCheck(
      json("POST", `/claims/${id}/evidence`, { stance: "refutes", note: "denied", speaker_id: speakerId }),
      "api",
    );
    expect(answer.status).toBe(422);
    expect(answer.json.errors).toEqual([{ path: "speaker_id", message }]);
  });
});

const MALFORMED_CURSORS = [
  ["malformed base64", "%%%"],
  ['{"offset":[1,2]}', b64url('{"offset":[1,2]}')],
  ["{}", b64url("{}")],
  ['"abc"', b64url('"abc"')],
  ["1e308", b64url("1e308")],
  ['{"rank":1}', b64url('{"rank":1}')],
  ["a valid seq next to a bad offset", b64url('{"seq":5,"offset":"x"}')],
];

describe("malformed cursors", () => {
  it.each(MALFORMED_CURSORS)("GET /api/v1/claims with %s answers 400 problem+json", async (_name, cursor) => {
    for (const q of ["", "&q=attacks", "&status=unverified"]) {
      const { answer } = await sendAndCheck(
        {
          method: "GET",
          path: `/api/v1/claims?cursor=${cursor}${q}`,
          headers: { authorization: `Bearer ${env.ADMIN_TOKEN}` },
        },
        "api",
      );
      expect(answer.status).toBe(400);
      expect(answer.json.errors).toEqual([{ path: "cursor", message: "invalid cursor" }]);
    }
  });

  it.each(MALFORMED_CURSORS)("GET /review with %s shows the first page", async (_name, cursor) => {
    await freshClaim();
    const first = await get("/review", reviewer);
    expect(first.status).toBe(200);
    const shown = await attrs(first.html, "main a[href^='/claims/clm_']", "href");
    for (const q of ["", "&q=attacks"]) {
      const res = await get(`/review?cursor=${cursor}${q}`, reviewer);
      expect(res.status).toBe(200);
      if (q === "") expect(await attrs(res.html, "main a[href^='/claims/clm_']", "href")).toEqual(shown);
    }
  });

  it.each(["/speakers", "/sources", "/rechecks"])("GET %s answers 400 for each", async (path) => {
    for (const [, cursor] of MALFORMED_CURSORS) {
      const res = await api("GET", `${path}?cursor=${cursor}`);
      expect(res.status).toBe(400);
    }
  });

  it("GET /claims/{id}/notes answers 400 problem+json for each, and for each of BAD_CURSORS and bad limits", async () => {
    const claim = await api("POST", "/claims", { body: { ...attacksClaim, text: "a claim whose notes are paged" } });
    const path = `/api/v1/claims/${claim.json.id}/notes`;
    const auth = { authorization: `Bearer ${env.ADMIN_TOKEN}` };
    const query = [
      ...[...MALFORMED_CURSORS.map(([, c]) => c), ...BAD_CURSORS.filter(Boolean)].map((c) => `cursor=${c}`),
      ...["0", "-1", "101", "1e3", "x", "%FF", "50&limit=2"].map((l) => `limit=${l}`),
    ];
    for (const q of query) {
      const { answer } = await sendAndCheck({ method: "GET", path: `${path}?${q}`, headers: auth }, "api");
      // A well-formed (time, id) cursor of another list (`{"at":"x","id":"y"}`) is only a position.
      const position = q.startsWith("cursor=") && !q.includes("%") && decodeNoteCursor(q.slice(7)) !== null;
      expect(answer.status, q).toBe(position ? 200 : 400);
    }
  });
});

describe("list filters past D1's 50-byte LIKE pattern limit", () => {
  it("GET /speakers?name= with a long name answers 200", async () => {
    await api("POST", "/speakers", {
      body: { name: "Helmand police said attacks on checkpoints were up, a spokesman" },
    });
    for (const name of ["Helmand 43 2020 Helmand police said attacks 602705", "é".repeat(40), "x".repeat(300)]) {
      const res = await api("GET", `/speakers?name=${encodeURIComponent(name)}`);
      expect(res.status, res.text).toBe(200);
    }
    const found = await api(
      "GET",
      `/speakers?name=${encodeURIComponent("POLICE SAID ATTACKS ON CHECKPOINTS WERE UP")}`,
    );
    expect(found.json.data.map((s: { name: string }) => s.name)).toEqual([
      "Helmand police said attacks on checkpoints were up, a spokesman",
    ]);
    const percent = await api("GET", `/speakers?name=${encodeURIComponent("%")}`);
    expect(percent.json.data).toEqual([]);
  });
});

// workerd's formData() throws on these; readForm (src/pages/forms.ts) answers 400 (was a 500).
describe("a form post the form parser cannot read", () => {
  const posts: [string, Record<string, string>, string | Uint8Array][] = [
    ["as JSON", { "content-type": "application/json" }, '{"text":"x"}'],
    ["as text/plain", { "content-type": "text/plain" }, "text=x"],
    ["without a Content-Type", {}, new TextEncoder().encode("text=x")],
    [
      "as multipart with a part named ''",
      { "content-type": "multipart/form-data; boundary=b" },
      '--b\r\nContent-Disposition: form-data; name=""\r\n\r\nx\r\n--b--\r\n',
    ],
  ];
  it.each(posts)("%s answers a 4xx, not a 500", async (_name, headers, body) => {
    const { answer } = await sendAndCheck(
      { method: "POST", path: "/claims/new", headers: { cookie: reviewer, origin: ORIGIN, ...headers }, body },
      "page",
    );
    expect(answer.status).toBeLessThan(500);
  });
});

// Found by `npm run fuzz` (seed 5356927): an empty speaker_id slipped past the "does it exist"
// check and reached the foreign key, a 500.
describe("evidence naming a speaker by an empty id", () => {
  it("answers 422 on speaker_id and writes nothing", async () => {
    const { id } = await freshClaim();
    const { answer } = await sendAndCheck(
      json("POST", `/claims/${id}/evidence`, { url: "https://example.com/a", stance: "context", speaker_id: "" }),
      "api",
    );
    expect(answer.status).toBe(422);
  });
});
