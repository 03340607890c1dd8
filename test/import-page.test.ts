// /import through the Worker's real fetch handler: logged in with a real session, pages read
// with HTMLRewriter, and what the import stored read back from D1.
import { env, exports } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import article from "../src/db/demo/article-2020-03-05-kunduz.txt?raw";
import { listEvents } from "../src/db/queries/events";
import { contentHash } from "../src/domain/hash";
import { tickable } from "../src/domain/ranking";
import { extractClaims } from "../src/extract";
import { HighlightedArticle } from "../src/pages/import-highlight";
import { decodeEntities } from "../src/services/rechecks/html-text";
import { api } from "./api/helpers";
import { noiseInputs } from "./bench/extract-noise";
import { cookieFor, db, login, ORIGIN, squash, texts } from "./pages-helpers";

let cookie = "";

beforeAll(async () => {
  cookie = await login(env.ADMIN_TOKEN ?? "");
});

interface Field {
  type: string;
  value: string;
  checked: boolean;
}

interface Page {
  status: number;
  location: string | null;
  html: string;
  /** The create form's controls, by name, in document order. */
  fields: Map<string, Field>;
  /** Every <mark id>'s text (the candidate numbers left out). */
  marks: Map<string, string>;
  /** The highlighted article's text. */
  article: string;
  errors: Map<string, string>;
  textarea: string;
  inputs: Map<string, string>;
}

async function read(res: Response): Promise<Page> {
  const html = await res.text();
  const page: Page = {
    status: res.status,
    location: res.headers.get("location"),
    html,
    fields: new Map(),
    marks: new Map(),
    article: "",
    errors: new Map(),
    textarea: "",
    inputs: new Map(),
  };
  const attr = (el: Element, name: string) => decodeEntities(el.getAttribute(name) ?? "");
  const open: string[] = [];
  let inNumber = false;
  let errorId = "";
  await new HTMLRewriter()
    .on('form[action="/import"] input', {
      element(el) {
        page.fields.set(attr(el, "name"), {
          type: attr(el, "type"),
          value: attr(el, "value"),
          checked: el.hasAttribute("checked"),
        });
      },
    })
    .on("input", {
      element(el) {
        page.inputs.set(attr(el, "name"), attr(el, "value"));
      },
    })
    .on(".article mark", {
      element(el) {
        const id = el.getAttribute("id");
        open.push(id ?? "");
        if (id) page.marks.set(id, "");
        el.onEndTag(() => void open.pop());
      },
    })
    .on(".article", {
      text(chunk) {
        if (inNumber) return;
        page.article += chunk.text;
        for (const id of open) if (id) page.marks.set(id, (page.marks.get(id) ?? "") + chunk.text);
      },
    })
    .on(".error", {
      element(el) {
        errorId = el.getAttribute("id") ?? "";
        page.errors.set(errorId, "");
      },
      text(chunk) {
        page.errors.set(errorId, (page.errors.get(errorId) ?? "") + chunk.text);
      },
    })
    .on("textarea", {
      text(chunk) {
        page.textarea += chunk.text;
      },
    })
    // The candidate numbers before each mark are not the article's words.
    .on(".article sup", {
      element(el) {
        inNumber = true;
        el.onEndTag(() => {
          inNumber = false;
        });
      },
    })
    .transform(new Response(html))
    .text();
  page.article = decodeEntities(page.article);
  page.textarea = decodeEntities(page.textarea);
  for (const [id, text] of page.marks) page.marks.set(id, decodeEntities(text));
  for (const [id, text] of page.errors) page.errors.set(id, decodeEntities(text));
  return page;
}

async function request(method: string, path: string, form?: Record<string, string> | URLSearchParams) {
  const headers: Record<string, string> = { cookie, origin: ORIGIN };
  if (form) headers["content-type"] = "application/x-www-form-urlencoded";
  const res = await exports.default.fetch(`${ORIGIN}${path}`, {
    method,
    headers,
    body: form ? new URLSearchParams(form) : undefined,
    redirect: "manual",
  });
  return read(res);
}

/** What a browser posts from the preview's form: hidden fields, ticked boxes, text fields. */
function submission(page: Page, changes: Record<string, string | null> = {}): URLSearchParams {
  const values = new Map<string, string>();
  for (const [name, f] of page.fields) if (f.type !== "checkbox" || f.checked) values.set(name, f.value);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) values.delete(name);
    else values.set(name, value);
  }
  return new URLSearchParams([...values]);
}

/** Only the named candidates ticked. */
function onlyTicked(page: Page, keys: string[]): Record<string, string | null> {
  const changes: Record<string, string | null> = {};
  for (const name of page.fields.keys()) if (name.startsWith("pick_")) changes[name] = null;
  for (const key of keys) changes[`pick_${key}`] = "1";
  return changes;
}

const candidates = extractClaims(article);
const keyOf = (c: (typeof candidates)[number]) => `${c.start}-${c.end}-${c.kind === "statistic" ? "s" : "q"}`;
const find = (start: string) => {
  const c = candidates.find((x) => x.text.startsWith(start));
  if (!c) throw new Error(`no candidate starting ${start}`);
  return c;
};
const amiri = find("Taliban fighters attacked");
const ebadi = find("Unfortunately, six police");
const attacks = find("insurgents had carried out 43 attacks");
const defensive = find("This was a defensive strike");
const tuesday = find("On Tuesday Trump told reporters");

function seedArticle(url: string) {
  return {
    text: article,
    source_url: url,
    source_title: "Taliban kill 20 Afghan soldiers, police as US carries out first air strike in 11 days",
    source_publisher: "AFP",
    source_published_at: "2020-03-05",
  };
}

async function count(table: string, where = sql`1`) {
  const row = await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${sql.raw(table)} WHERE ${where}`);
  return row?.n ?? 0;
}

async function claimsOf(sourceId: string) {
  return db.all<{
    id: string;
    text: string;
    kind: string;
    context: string;
    reported_via: string;
    speaker: string;
    role: string | null;
  }>(sql`
    SELECT c.id, c.text, c.kind, c.context, c.reported_via, sp.name AS speaker, sp.role AS role
    FROM claims c JOIN speakers sp ON sp.id = c.speaker_id WHERE c.source_id = ${sourceId} ORDER BY c.seq`);
}

/** Files from a preview with `changes` where filing is refused: the refusal (a 422 page), nothing stored. */
async function refusedFiling(preview: Page, changes: Record<string, string | null>): Promise<Page> {
  const before = await Promise.all([count("sources"), count("claims"), count("speakers")]);
  const res = await request("POST", "/import", submission(preview, changes));
  expect(res.status).toBe(422);
  expect(await Promise.all([count("sources"), count("claims"), count("speakers")])).toEqual(before);
  return res;
}

function sourceIdFrom(location: string | null): string {
  const m = /^\/sources\/([^?]+)\?/.exec(location ?? "");
  if (!m?.[1]) throw new Error(`not a source page: ${location}`);
  return m[1];
}

describe("the highlighted article", () => {
  const html = (text: string, spans: { start: number; end: number; number: number }[]) =>
    String(HighlightedArticle({ text, spans }));
  const no = (n: number) => `<sup><a href="#candidate-${n}">${n}</a></sup>`;

  it("nests a candidate inside another, and cuts a partial overlap at the outer one's end", () => {
    expect(
      html("abcdefghij", [
        { start: 3, end: 6, number: 2 },
        { start: 0, end: 10, number: 1 },
      ]),
    ).toBe(`${no(1)}<mark id="mark-1">abc${no(2)}<mark id="mark-2">def</mark>ghij</mark>`);
    expect(
      html("abcdefghij", [
        { start: 0, end: 6, number: 1 },
        { start: 3, end: 10, number: 2 },
        { start: 8, end: 9, number: 3 },
      ]),
    ).toBe(
      `${no(1)}<mark id="mark-1">abc${no(2)}<mark id="mark-2">def</mark></mark><mark>gh${no(3)}<mark id="mark-3">i</mark>j</mark>`,
    );
  });

  it("escapes the article's text", () => {
    expect(html("<b>x</b> & y", [{ start: 3, end: 4, number: 1 }])).toBe(
      `&lt;b&gt;${no(1)}<mark id="mark-1">x</mark>&lt;/b&gt; &amp; y`,
    );
  });
});

describe("GET /import", () => {
  it("offers the article form, and the header links to it", async () => {
    const page = await request("GET", "/import");
    expect(page.status).toBe(200);
    expect(page.html).toContain('<a href="/import">Import</a>');
    expect(page.html).toContain('action="/import/preview"');
    for (const name of ["source_url", "source_title", "source_publisher", "source_published_at"]) {
      expect(page.inputs.has(name), page.html).toBe(true);
    }
  });

  it("is for reviewers: a viewer is refused", async () => {
    const viewer = (await cookieFor("viewer", "import viewer")).cookie;
    const page = await exports.default.fetch(`${ORIGIN}/import`, { headers: { cookie: viewer } });
    expect(page.status).toBe(403);
  });
});

describe("POST /import/preview", () => {
  it("shows the seed article with every candidate highlighted and listed with its speaker, storing nothing", async () => {
    const before = await Promise.all([count("sources"), count("claims"), count("speakers")]);
    const page = await request("POST", "/import/preview", seedArticle("https://www.example.com/afp/preview"));
    expect(page.status).toBe(200);
    // The highlighted article is the article, and each mark holds exactly its candidate's span.
    expect(page.article).toBe(article);
    expect(page.marks.size).toBe(candidates.length);
    for (const [i, c] of candidates.entries()) {
      expect(page.marks.get(`mark-${i + 1}`)).toBe(article.slice(c.start, c.end));
      expect(page.fields.get(`speaker_name_${keyOf(c)}`)?.value).toBe(c.speaker?.name ?? "");
      expect(page.fields.get(`speaker_role_${keyOf(c)}`)?.value).toBe(c.speaker?.role ?? "");
      // Ticked: a resolved name given with confidence (domain/ranking.ts), none tracked yet.
      expect(page.fields.get(`pick_${keyOf(c)}`)?.checked).toBe(tickable(c));
    }
    expect(page.fields.get(`speaker_name_${keyOf(amiri)}`)?.value).toBe("Safiullah Amiri");
    expect(page.fields.get(`speaker_name_${keyOf(defensive)}`)?.value).toBe("Sonny Leggett");
    expect(page.fields.get(`speaker_name_${keyOf(attacks)}`)?.value).toBe("Sonny Leggett");
    expect(page.html).toContain("confidence 0.90");
    expect(page.html).toContain("pronoun &quot;he&quot; resolved to Sonny Leggett");
    // The article travels in a hidden field; its source in fields the reviewer can still correct.
    expect(page.fields.get("text")).toMatchObject({ type: "hidden", value: article });
    expect(page.fields.get("source_publisher")).toMatchObject({ type: "text", value: "AFP" });
    expect(page.fields.get("source_url")).toMatchObject({ type: "url", value: "https://www.example.com/afp/preview" });
    expect(page.html).not.toContain('id="suggested-source"');
    expect(page.html).not.toContain("already tracked");
    expect(await Promise.all([count("sources"), count("claims"), count("speakers")])).toEqual(before);
  });

  it("marks a candidate that matches a claim checked before, with its verdict, before it is filed", async () => {
    const filed = await api("POST", "/claims", {
      body: {
        text: "Insurgents carried out 43 attacks on checkpoints in Helmand on Tuesday",
        kind: "statistic",
        speaker: { name: "Sonny Leggett" },
        source: { publisher: "Another Wire", title: "Helmand checkpoints" },
      },
    });
    expect(filed.status).toBe(201);
    const rated = await api("POST", `/claims/${filed.json.id}/reviews`, {
      body: { status: "unproven", rationale: "No independent count of the attacks." },
      headers: { "if-match": `"${filed.json.version}"` },
    });
    expect(rated.status).toBe(200);
    const page = await request("POST", "/import/preview", seedArticle("https://www.example.com/afp/matched"));
    expect(page.status).toBe(200);
    const item = squash((await texts(page.html, `#candidate-${candidates.indexOf(attacks) + 1}`))[0]);
    expect(item).toContain("checked before: Unproven");
    expect(item).toContain("Insurgents carried out 43 attacks on checkpoints in Helmand on Tuesday");
    expect(item).toContain("Unproven: No independent count of the attacks.");
    expect(page.html).toMatch(/\d matching a claim checked before/);
    // A candidate that only shares two common words with it and the speaker is not marked.
    const unrelated = squash((await texts(page.html, `#candidate-${candidates.indexOf(defensive) + 1}`))[0]);
    expect(unrelated).not.toContain("checked before");
  });

  it("keeps the input and says what is wrong: empty text, too long, a bad link or date", async () => {
    const empty = await request("POST", "/import/preview", {
      ...seedArticle("https://www.example.com/x"),
      text: "  \n",
    });
    expect(empty.status).toBe(422);
    expect(empty.errors.get("text-error")).toBe("paste the article's text");
    expect(empty.inputs.get("source_url")).toBe("https://www.example.com/x");
    expect(empty.inputs.get("source_publisher")).toBe("AFP");
    expect(empty.html).toContain('aria-describedby="text-error"');

    const long = `${"Words, words. ".repeat(15_000)}`.slice(0, 200_001);
    const tooLong = await request("POST", "/import/preview", {
      ...seedArticle("https://www.example.com/x"),
      text: long,
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.errors.get("text-error")).toBe("at most 200,000 characters");
    expect(tooLong.textarea).toBe(long);

    const badUrl = await request("POST", "/import/preview", {
      ...seedArticle('javascript:alert("x")'),
      text: article,
    });
    expect(badUrl.status).toBe(422);
    expect(badUrl.errors.get("source_url-error")).toBe("must be an absolute http:// or https:// url");
    expect(badUrl.inputs.get("source_url")).toBe('javascript:alert("x")');
    expect(badUrl.textarea).toBe(article);

    const badDate = await request("POST", "/import/preview", {
      ...seedArticle("https://www.example.com/x"),
      source_published_at: "5 March",
    });
    expect(badDate.errors.get("source_published_at-error")).toMatch(/must be a date/);
  });

  it("previews pasted text with no source given, suggesting the title and date from its headline and dateline", async () => {
    const pasted = [
      "Harbour council approves ferry fare rise despite protests",
      "",
      "Tuesday, March 3, 2026",
      "",
      'The council voted 7 to 2 on Monday to raise the fare by 40 cents. "Ridership is up 12 percent since the new boats arrived," said councillor Ana Ruiz.',
    ].join("\n");
    const before = await Promise.all([count("sources"), count("claims")]);
    const page = await request("POST", "/import/preview", { text: pasted });
    expect(page.status).toBe(200);
    expect(page.fields.get("source_title")?.value).toBe("Harbour council approves ferry fare rise despite protests");
    expect(page.fields.get("source_published_at")?.value).toBe("2026-03-03");
    expect(page.fields.get("source_url")?.value).toBe("");
    expect(decodeEntities(squash((await texts(page.html, "#suggested-source"))[0]))).toBe(
      "The title and date below were read from the article's first lines: check before creating.",
    );
    expect(page.html).toContain("Ridership is up 12 percent since the new boats arrived");
    expect(await Promise.all([count("sources"), count("claims")])).toEqual(before);

    // A title the reviewer typed is kept; only the empty date is suggested.
    const typed = await request("POST", "/import/preview", { text: pasted, source_title: "Ferry fares" });
    expect(typed.fields.get("source_title")?.value).toBe("Ferry fares");
    expect(typed.fields.get("source_published_at")?.value).toBe("2026-03-03");
    expect(squash((await texts(typed.html, "#suggested-source"))[0])).toMatch(/^The date below was read/);

    // Wire copy: the agency of its dateline is the publisher.
    const wire = await request("POST", "/import/preview", {
      text: pasted.replace("The council voted", "HARBOUR CITY (Reuters) - The council voted"),
    });
    expect(wire.fields.get("source_publisher")?.value).toBe("Reuters");
    expect(squash((await texts(wire.html, "#suggested-source"))[0])).toMatch(/^The title, date and publisher below/);
  });

  it("asks where the article was published only when filing, keeping the ticks and speakers", async () => {
    const preview = await request("POST", "/import/preview", { ...seedArticle(""), source_title: "" });
    expect(preview.status).toBe(200);
    // The seed's first line is page furniture, not a headline: no title is suggested.
    expect(preview.fields.get("source_title")?.value).toBe("");
    const res = await refusedFiling(preview, {
      ...onlyTicked(preview, [keyOf(amiri), keyOf(ebadi)]),
      [`speaker_name_${keyOf(ebadi)}`]: "Zergai Ebadi (spokesman)",
    });
    expect(res.html).toContain("Say where the article was published (marked below).");
    expect(res.errors.get("source_url-error")).toMatch(/give the article's link, or its title/);
    expect(res.fields.get(`pick_${keyOf(amiri)}`)?.checked).toBe(true);
    expect(res.fields.get(`pick_${keyOf(defensive)}`)?.checked).toBe(false);
    expect(res.fields.get(`speaker_name_${keyOf(ebadi)}`)?.value).toBe("Zergai Ebadi (spokesman)");

    // Named on the same page, the same ticks file.
    const filed = await request(
      "POST",
      "/import",
      submission(res, {
        source_title: "Kunduz, named at filing",
        source_publisher: "",
        source_published_at: "2020-03-05",
      }),
    );
    expect(filed.location).toMatch(/\?imported=2&skipped=0$/);
    expect((await claimsOf(sourceIdFrom(filed.location))).map((c) => c.speaker)).toEqual([
      "Safiullah Amiri",
      "Zergai Ebadi (spokesman)",
    ]);
    // The source page names what is known, with no separator left dangling for the missing publisher.
    const sourcePage = await request("GET", filed.location ?? "");
    expect(squash((await texts(sourcePage.html, "main p.muted"))[0])).toBe("2020-03-05");
  });

  it("answers an oversized post with the form and a message, without reading it", async () => {
    const page = await request("POST", "/import/preview", { text: "x".repeat(5 * 1024 * 1024), source_url: "" });
    expect(page.status).toBe(413);
    expect(page.errors.get("text-error")).toBe("The article is too long: at most 200,000 characters.");
  });

  it("escapes hostile text in the article, the candidates and the source fields", async () => {
    const hostile =
      "“<script>alert(1)</script> came <b>first</b>,” said John Smith, a witness.\n\nHe said 40 <img src=x onerror=alert(2)> people were hurt.";
    const page = await request("POST", "/import/preview", {
      text: hostile,
      source_url: "https://www.example.com/hostile",
      source_title: '"><script>alert(3)</script>',
    });
    expect(page.status).toBe(200);
    expect(page.html).not.toMatch(/<script>alert|<img src=x|<b>first/);
    expect(page.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.article).toBe(hostile);
    expect(page.marks.get("mark-1")).toBe("<script>alert(1)</script> came <b>first</b>,");
    expect(page.fields.get("text")?.value).toBe(hostile);
    expect(page.fields.get("source_title")?.value).toBe('"><script>alert(3)</script>');
    // Stored as written, and still escaped on the source page.
    const created = await request("POST", "/import", submission(page));
    expect(created.status).toBe(303);
    const source = await request("GET", created.location ?? "");
    expect(source.html).not.toMatch(/<script>alert|<img src=x|<b>first/);
    const [claim] = await claimsOf(sourceIdFrom(created.location));
    expect(claim?.text).toBe("<script>alert(1)</script> came <b>first</b>,");
  });
});

describe("POST /import", () => {
  const url = "https://www.example.com/afp/2020/03/05/kunduz-import";

  it("creates the source with the archived article and exactly the ticked claims, with their events", async () => {
    const preview = await request("POST", "/import/preview", seedArticle(`${url}?utm_source=feed`));
    // Browsers post a textarea's (and a hidden field's) line breaks as CRLF.
    const form = submission(preview, {
      ...onlyTicked(preview, [keyOf(amiri), keyOf(ebadi), keyOf(attacks)]),
      text: article.replace(/\n/g, "\r\n"),
      tags: "afghanistan, import",
    });
    const created = await request("POST", "/import", form);
    expect(created.status).toBe(303);
    expect(created.location).toMatch(/^\/sources\/src_\w+\?imported=3&skipped=0$/);
    const sourceId = sourceIdFrom(created.location);

    const source = await db.get<{ url: string; text: string; content_hash: string; title: string }>(
      sql`SELECT url, text, content_hash, title FROM sources WHERE id = ${sourceId}`,
    );
    expect(source).toEqual({
      url,
      text: article,
      content_hash: await contentHash(article),
      title: "Taliban kill 20 Afghan soldiers, police as US carries out first air strike in 11 days",
    });
    const stored = await claimsOf(sourceId);
    expect(stored.map((c) => c.text)).toEqual([amiri.text, ebadi.text, attacks.text]);
    expect(stored[0]).toMatchObject({
      kind: "direct_quote",
      reported_via: "said",
      speaker: "Safiullah Amiri",
      role: "a member of the provincial council",
    });
    expect(stored[0]?.context).toMatch(
      /^“Taliban fighters attacked .* said Safiullah Amiri, a member of the provincial council\.$/,
    );
    expect(stored[1]).toMatchObject({ reported_via: "told AFP", speaker: "Zergai Ebadi" });
    expect(stored[2]).toMatchObject({ kind: "statistic", speaker: "Sonny Leggett" });
    expect(stored[2]?.context).toBe(
      "He said insurgents had carried out 43 attacks on checkpoints in Helmand on Tuesday alone.",
    );
    for (const claim of stored) {
      const events = await listEvents(db, claim.id);
      expect(events.map((e) => [e.action, e.to, e.actor])).toEqual([["created", "unverified", "admin (ADMIN_TOKEN)"]]);
      expect(await count("claim_tags", sql`claim_id = ${claim.id}`)).toBe(2);
    }

    const page = await request("GET", created.location ?? "");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Imported 3 claims.");
  });

  it("files wire copy without a link under one new source named by its title", async () => {
    const preview = await request("POST", "/import/preview", seedArticle(""));
    expect(preview.status).toBe(200);
    const created = await request(
      "POST",
      "/import",
      submission(preview, onlyTicked(preview, [keyOf(amiri), keyOf(attacks)])),
    );
    expect(created.location).toMatch(/\?imported=2&skipped=0$/);
    const sourceId = sourceIdFrom(created.location);
    const source = await db.get<{ url: string | null; text: string }>(
      sql`SELECT url, text FROM sources WHERE id = ${sourceId}`,
    );
    expect(source).toEqual({ url: null, text: article });
    expect((await claimsOf(sourceId)).map((c) => c.text)).toEqual([amiri.text, attacks.text]);
  });

  it("finds a url-less article's source again by its title and publisher, with its claims tracked", async () => {
    const wire = { ...seedArticle(""), source_title: "Kunduz wire copy, imported twice", source_publisher: "A F P" };
    const first = await request("POST", "/import/preview", wire);
    const made = await request("POST", "/import", submission(first, onlyTicked(first, [keyOf(amiri), keyOf(attacks)])));
    expect(made.location).toMatch(/\?imported=2&skipped=0$/);
    const sourceId = sourceIdFrom(made.location);

    // The same article again, its title and publisher spelled differently.
    const again = { ...wire, source_title: "KUNDUZ wire copy,  imported twice ", source_publisher: "a f p" };
    const preview = await request("POST", "/import/preview", again);
    expect((preview.html.match(/already tracked<\/span>/g) ?? []).length).toBe(2);
    expect(preview.fields.get(`pick_${keyOf(amiri)}`)?.checked).toBe(false);
    const second = await request(
      "POST",
      "/import",
      submission(preview, onlyTicked(preview, [keyOf(amiri), keyOf(ebadi)])),
    );
    expect(second.location).toBe(`/sources/${sourceId}?imported=1&skipped=1`);
    expect((await claimsOf(sourceId)).map((c) => c.text)).toEqual([amiri.text, attacks.text, ebadi.text]);
    expect(await count("sources", sql`lower(title) LIKE 'kunduz wire copy%'`)).toBe(1);
  });

  it("shows a second import's known claims as already tracked, unticked, and creates no duplicates", async () => {
    const preview = await request("POST", "/import/preview", seedArticle(url));
    const sourceId = (await db.get<{ id: string }>(sql`SELECT id FROM sources WHERE url = ${url}`))?.id ?? "";
    const known = await claimsOf(sourceId);
    expect(known).toHaveLength(3);
    for (const [c, claim] of [
      [amiri, known[0]],
      [ebadi, known[1]],
      [attacks, known[2]],
    ] as const) {
      expect(preview.fields.get(`pick_${keyOf(c)}`)?.checked).toBe(false);
      expect(preview.html).toContain(`<a href="/claims/${claim?.id}">see the claim</a>`);
    }
    expect((preview.html.match(/already tracked<\/span>/g) ?? []).length).toBe(3);
    expect(preview.fields.get(`pick_${keyOf(defensive)}`)?.checked).toBe(true);

    // Ticking a tracked one anyway skips it as a duplicate.
    const form = submission(preview, onlyTicked(preview, [keyOf(amiri), keyOf(defensive)]));
    const created = await request("POST", "/import", form);
    expect(created.location).toBe(`/sources/${sourceId}?imported=1&skipped=1`);
    expect((await claimsOf(sourceId)).map((c) => c.text)).toEqual([
      amiri.text,
      ebadi.text,
      attacks.text,
      defensive.text,
    ]);
    expect(await count("sources", sql`url = ${url}`)).toBe(1);
    const again = await request("GET", created.location ?? "");
    expect(again.html).toContain("Imported 1 claim; 1 already tracked, skipped.");
  });

  it("files a claim under the speaker the reviewer corrected", async () => {
    const preview = await request("POST", "/import/preview", seedArticle("https://www.example.com/afp/corrected"));
    expect(preview.fields.get(`speaker_name_${keyOf(tuesday)}`)?.value).toBe("the insurgents");
    const created = await request(
      "POST",
      "/import",
      submission(preview, {
        ...onlyTicked(preview, [keyOf(tuesday), keyOf(ebadi)]),
        [`speaker_name_${keyOf(tuesday)}`]: "The Taliban (insurgents)",
        [`speaker_role_${keyOf(tuesday)}`]: "",
        [`speaker_role_${keyOf(ebadi)}`]: "Spokesman for the Uruzgan governor",
      }),
    );
    expect(created.status).toBe(303);
    const stored = await claimsOf(sourceIdFrom(created.location));
    expect(stored.map((c) => [c.speaker, c.role])).toEqual([
      ["Zergai Ebadi", "Spokesman for the Uruzgan governor"],
      ["The Taliban (insurgents)", null],
    ]);
  });

  it("stores nothing when a ticked claim is invalid, and says which, keeping the reviewer's choices", async () => {
    const url = "https://www.example.com/afp/invalid";
    const preview = await request("POST", "/import/preview", seedArticle(url));
    const res = await refusedFiling(preview, {
      ...onlyTicked(preview, [keyOf(amiri), keyOf(ebadi)]),
      [`speaker_name_${keyOf(ebadi)}`]: "  ",
      [`speaker_role_${keyOf(amiri)}`]: "x".repeat(301),
      tags: "ok, ",
    });
    expect(res.errors.get(`speaker_name_${keyOf(ebadi)}-error`)).toMatch(/give either the id/);
    expect(res.errors.get(`speaker_role_${keyOf(amiri)}-error`)).toBe("at most 300 characters");
    expect(res.fields.get(`pick_${keyOf(amiri)}`)?.checked).toBe(true);
    expect(res.fields.get(`pick_${keyOf(defensive)}`)?.checked).toBe(false);
    expect(res.fields.get(`speaker_role_${keyOf(amiri)}`)?.value).toBe("x".repeat(301));
    expect(res.fields.get("text")?.value).toBe(article);
    expect(await count("sources", sql`url = ${url}`)).toBe(0);

    const none = await request("POST", "/import", submission(preview, onlyTicked(preview, [])));
    expect(none.status).toBe(422);
    expect(none.html).toContain("Tick at least one claim to create.");

    const forged = await request("POST", "/import", submission(preview, { "pick_1-5-q": "1" }));
    expect(forged.status).toBe(422);
    expect(forged.html).toContain("The proposed claims changed since the preview");
    expect(await count("sources", sql`url = ${url}`)).toBe(0);
  });

  it("previews many quotes in one 'sentence' longer than a context may be at once, and files one without it", async () => {
    // No full stop for 100,000 characters: each quote's context was that whole text, read and
    // normalised once for each of its 5,000 quotes (a minute); such a context cannot be stored.
    const text = `${"“We will win,” he said, “and the war is over,” ".repeat(2_500)}she said.`;
    const started = Date.now();
    const preview = await request("POST", "/import/preview", {
      text,
      source_url: "https://www.example.com/no-full-stops",
    });
    expect(preview.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    const [first] = extractClaims(text);
    if (!first) throw new Error("no candidate");
    const ticked = { ...onlyTicked(preview, [keyOf(first)]), [`speaker_name_${keyOf(first)}`]: "Ann Lee" };
    const created = await request("POST", "/import", submission(preview, ticked));
    expect(created.location).toMatch(/\?imported=1&skipped=0$/);
    expect((await claimsOf(sourceIdFrom(created.location))).map((c) => [c.text, c.context])).toEqual([
      [first.text, null],
    ]);
  });

  it("previews 200,000 characters of noise, and refuses more than 100 claims in one import", async () => {
    const noise = noiseInputs(200_000)["random words"] ?? "";
    const started = Date.now();
    const preview = await request("POST", "/import/preview", {
      text: noise,
      source_url: "https://www.example.com/noise",
    });
    expect(preview.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(preview.article).toBe(noise);
    // At most 100 are ticked by default; a forged form with more is refused.
    const ticked = [...preview.fields].filter(([name, f]) => name.startsWith("pick_") && f.checked).length;
    expect(ticked).toBeLessThanOrEqual(100);
    const all = Object.fromEntries(
      [...preview.fields.keys()].filter((name) => name.startsWith("pick_")).map((name) => [name, "1"]),
    );
    expect(Object.keys(all).length).toBeGreaterThan(100);
    const res = await request("POST", "/import", submission(preview, all));
    expect(res.status).toBe(422);
    expect(res.html).toMatch(/At most 100 claims per import \(\d+ are ticked\)/);
    expect(await count("sources", sql`url = 'https://www.example.com/noise'`)).toBe(0);
  });
});

describe("the importer's ranking and ticks", () => {
  it("lists the candidates most promising first, in the order POST /extract ranks them", async () => {
    const preview = await request("POST", "/import/preview", seedArticle("https://www.example.com/afp/ranking"));
    const listed = [...preview.html.matchAll(/<li class="row[^"]*" id="candidate-(\d+)" data-rank="(\d+)"/g)];
    expect(listed.length).toBe(candidates.length);
    expect(listed.map((m) => Number(m[2]))).toEqual(listed.map((_, i) => i + 1));
    const extracted = await api("POST", "/extract", { body: { text: article } });
    const byRank = [...(extracted.json.candidates as { rank: number; start: number }[])].sort(
      (a, b) => a.rank - b.rank,
    );
    // The page numbers candidates in the article's order: the n-th listed is the API's n-th ranked.
    const numberOf = new Map(candidates.map((c, i) => [c.start, i + 1]));
    expect(listed.map((m) => Number(m[1]))).toEqual(byRank.map((c) => numberOf.get(c.start)));
  });

  it("unticks all and ticks the top N without JavaScript, keeping the speakers typed", async () => {
    const preview = await request("POST", "/import/preview", seedArticle("https://www.example.com/afp/ranking"));
    const picks = [...preview.fields.keys()].filter((name) => name.startsWith("pick_"));
    const none = await request(
      "POST",
      "/import/preview",
      submission(preview, { ticks: "none", [`speaker_name_${keyOf(amiri)}`]: "Safiullah Amiri (edited)" }),
    );
    expect(none.status).toBe(200);
    expect(picks.filter((name) => none.fields.get(name)?.checked)).toEqual([]);
    expect(none.fields.get(`speaker_name_${keyOf(amiri)}`)?.value).toBe("Safiullah Amiri (edited)");
    const top = await request("POST", "/import/preview", submission(none, { ticks: "top", top_n: "3" }));
    const ticked = [...top.html.matchAll(/id="(pick_[^"]+)" name="pick_[^"]+" value="1" checked/g)].map((m) => m[1]);
    expect(ticked).toHaveLength(3);
    const order = [...top.html.matchAll(/id="(pick_[^"]+)"/g)].map((m) => m[1]);
    expect(ticked).toEqual(order.slice(0, 3));
    expect(top.fields.get("top_n")?.value).toBe("3");
  });

  it("marks an uncertain speaker, editable, and does not tick it", async () => {
    const text =
      'Crime has fallen by 40 percent since I took office, "a figure the police union disputes," she said.\n\n' +
      '"We hired 300 new officers last year," said Mayor Ana Ruiz.';
    const preview = await request("POST", "/import/preview", { text, source_url: "https://www.example.com/crime" });
    expect(preview.status).toBe(200);
    const extracted = extractClaims(text);
    for (const c of extracted) {
      const key = `${c.start}-${c.end}-${c.kind === "statistic" ? "s" : "q"}`;
      expect(preview.fields.get(`pick_${key}`)?.checked, c.text).toBe(tickable(c));
      expect(preview.fields.get(`speaker_name_${key}`)?.type).toBe("text");
      if (!tickable(c)) expect(preview.html).toContain(`id="uncertain-${key}"`);
    }
    expect(extracted.some((c) => tickable(c))).toBe(true);
    expect(extracted.some((c) => !tickable(c))).toBe(true);
  });

  it("says how long reading may take, and has the progress line for script to show", async () => {
    const page = await request("GET", "/import");
    expect(page.html).toMatch(/a few seconds for the longest \(200,000\s+characters\)/);
    expect(page.html).toMatch(/id="import-progress"[^>]*hidden/);
  });
});
