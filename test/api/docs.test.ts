// /api/docs: the OpenAPI document as a page that renders under a strict CSP, offline.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { renderDocs } from "../../src/api/docs";

const get = (path: string) => exports.default.fetch(`http://claimdesk.test${path}`);

async function page() {
  const res = await get("/api/docs");
  expect(res.status).toBe(200);
  return { res, html: await res.text() };
}

/** The inside of `<section id="…">`. */
function section(html: string, id: string): string {
  const found = html.match(new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`))?.[1];
  expect(found, `no section #${id}`).toBeDefined();
  return found ?? "";
}

interface Operation {
  responses: Record<string, { description: string; content?: Record<string, unknown> }>;
}
async function openapi() {
  const res = await get("/api/v1/openapi.json");
  return (await res.json()) as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, unknown> };
  };
}

const escaped = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("'", "&#39;");

describe("GET /api/docs", () => {
  it("has a CSP that allows its own stylesheet and nothing inline", async () => {
    const { res, html } = await page();
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("script-src");
    // Its resources are the desk's stylesheet and its own: nothing inline, no script, nothing from elsewhere.
    expect(html.match(/<link\b[^>]*>/g)).toEqual([
      '<link rel="stylesheet" href="/assets/app.css">',
      '<link rel="stylesheet" href="/assets/docs.css">',
    ]);
    // The desk's header, then the page; the contents come before the first operation.
    expect(html).toMatch(/<body>\s*<header class="top"><a class="brand" href="\/review">claimdesk<\/a>/);
    expect(html.indexOf('<nav aria-label="Contents">')).toBeLessThan(html.indexOf("<section id="));
    expect(html).not.toMatch(/<style|\sstyle=|<script|\ssrc=|<img|<iframe/);
  });

  it("serves its stylesheet as text/css, cached", async () => {
    const res = await get("/assets/docs.css");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/css/);
    expect(res.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const css = await res.text();
    expect(css).toContain("table{");
    expect(css).not.toMatch(/@import|url\(/);
  });

  it("lists every operation of the OpenAPI document, and every schema", async () => {
    const [{ html }, doc] = await Promise.all([page(), openapi()]);
    for (const [path, ops] of Object.entries(doc.paths))
      for (const method of Object.keys(ops))
        expect(html).toContain(`>${method.toUpperCase()}</span> <code>/api/v1${path}</code></h3>`);
    for (const name of Object.keys(doc.components.schemas)) section(html, `schema-${name}`);
  });

  it("links every nested $ref to its schema: ClaimDetail → Evidence → Speaker", async () => {
    const { html } = await page();
    const detail = section(html, "schema-ClaimDetail");
    expect(detail).toContain('Every field of <a href="#schema-Claim">Claim</a>');
    expect(detail).toMatch(/<code>evidence<\/code>.*?array of <a href="#schema-Evidence">Evidence<\/a>/);
    const evidence = section(html, "schema-Evidence");
    expect(evidence).toMatch(/<code>speaker<\/code>.*?<a href="#schema-Speaker">Speaker<\/a> \| null/);
    expect(evidence).toMatch(/<code>stance<\/code>.*?one of <code>&quot;supports&quot;<\/code>/);
    const speaker = section(html, "schema-Speaker");
    for (const field of ["name", "role", "kind"]) expect(speaker).toContain(`<code>${field}</code>`);
    // No link on the page leads nowhere.
    for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect(html).toContain(`id="${target}"`);
  });

  it("shows an operation's parameters, request body and every response", async () => {
    const [{ html }, doc] = await Promise.all([page(), openapi()]);
    const create = section(html, "op-post-claims");
    expect(create).toContain('<a href="#schema-NewClaim">NewClaim</a>');
    expect(create).toMatch(/<code>text<\/code> <span class="req">required<\/span>.*?1 to 5000 characters/);
    const responses = doc.paths["/claims"]?.post?.responses ?? {};
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(["201", "409", "422"]));
    for (const [status, response] of Object.entries(responses)) {
      // (up to the first `code`, which the page shows as <code>)
      const words = escaped(response.description.split("`")[0] ?? "");
      expect(create).toContain(`<td><code>${status}</code></td><td><p>${words}`);
      for (const type of Object.keys(response.content ?? {})) expect(create).toContain(`<code>${type}</code>`);
    }
    expect(create).toMatch(/201.*?Header <code>ETag<\/code>.*?<a href="#schema-ClaimDetail">ClaimDetail<\/a>/s);
    expect(create).toMatch(/409.*?<code>application\/problem\+json<\/code>: <a href="#schema-Problem">Problem<\/a>/s);

    const list = section(html, "op-get-claims");
    expect(list).toMatch(
      /<code>limit<\/code><\/td><td>query<\/td><td>integer<\/td><td>.*?1 to 100.*?default <code>50<\/code>/,
    );
    expect(list).toContain("<code>&quot;in_review&quot;</code>");
  });

  it("shows the error shape: Problem, as application/problem+json", async () => {
    const { html } = await page();
    expect(html).toContain('<code>application/problem+json</code> (RFC 9457), shaped as <a href="#schema-Problem">');
    const problem = section(html, "schema-Problem");
    for (const field of ["type", "title", "status", "detail", "instance", "errors", "path", "message"])
      expect(problem).toContain(`<code>${field}</code>`);
    expect(problem).toMatch(/<code>errors<\/code>.*?array of object.*?Each item:/s);
  });
});

describe("renderDocs", () => {
  it("escapes every text it takes from the document", () => {
    const evil = `<script>alert("x")</script>`;
    const html = renderDocs({
      openapi: "3.1.0",
      info: { title: evil, version: "1", description: `<img src=x onerror=alert(1)>` },
      servers: [{ url: "/api/v1" }],
      paths: {
        "/things/{id}": {
          get: {
            tags: [evil],
            summary: evil,
            description: `a \`${evil}\` b`,
            parameters: [{ name: evil, in: "query", description: evil, schema: { type: "string", example: evil } }],
            responses: {
              "200": {
                description: evil,
                headers: { [evil]: { description: evil, schema: { type: "string" } } },
                content: { [evil]: { schema: { $ref: `#/components/schemas/${encodeURIComponent(evil)}` } } },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          [evil]: {
            type: "object",
            description: evil,
            properties: { [evil]: { type: "string", enum: [evil], default: evil, pattern: evil } },
            example: { [evil]: evil },
          },
        },
      },
    } as unknown as Parameters<typeof renderDocs>[0]);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});
