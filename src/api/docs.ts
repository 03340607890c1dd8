// /api/docs: the OpenAPI document as a readable page, rendered once on the server. No script,
// nothing from a CDN and nothing inline: its stylesheets are the desk's (/assets/app.css, for the
// desk's header) and /assets/docs.css, and the page's CSP allows that one origin for styles and
// nothing else, so it renders offline and under the CSP. At 375 px a code sample scrolls inside
// its own box (focusable, for the keyboard) and tables stack their rows; the page never scrolls sideways.
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../env";

export type OpenAPIDocument = ReturnType<import("@hono/zod-openapi").OpenAPIHono["getOpenAPI31Document"]>;
type Json = Record<string, unknown>;

export const DOCS_STYLESHEET = `body{background:#fff}main.docs{max-width:64rem;overflow-wrap:break-word}
a{color:#0b4f9c}code,pre{font:14px/1.4 ui-monospace,monospace}
pre{background:#f4f4f4;padding:.75rem;overflow:auto;border-radius:4px}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2.5rem;border-bottom:2px solid #1a1a1a}h3{font-size:1.1rem;margin:.5rem 0}
h4{font-size:1rem;margin:1rem 0 .25rem}
section{border-top:1px solid #ddd;padding:.5rem 0 1rem}section:target{background:#fffbe6}
nav ul{columns:2 18rem;padding-left:1.2rem}nav li{break-inside:avoid}
.m{display:inline-block;min-width:4.5rem;font-weight:700}
.get{color:#05642c}.post{color:#0b4f9c}.put,.patch{color:#7a4b00}.delete{color:#a11}
table{border-collapse:collapse;width:100%;margin:.25rem 0}
@media (max-width:600px){main.docs table,main.docs tbody,main.docs tr,main.docs td{display:block;width:auto}
main.docs tr:first-child:has(th){display:none}main.docs tr{border:1px solid #ddd;margin:0 0 .4rem}main.docs td{border:0;padding:.15rem .4rem}}
td code,li code,p code{overflow-wrap:anywhere}
td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f4f4f4}
td table{font-size:.95em}.req{color:#a11;font-size:.85em;white-space:nowrap}.muted{color:#555}
ul.notes{margin:0;padding-left:1.1rem}td p{margin:0 0 .35rem}td p:last-child{margin-bottom:0}`;

const esc = (text: unknown) =>
  String(text).replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
  );

/** Markdown-ish prose from the document: paragraphs and `code`, everything else escaped. */
const prose = (text: unknown) =>
  typeof text === "string" && text.trim()
    ? text
        .split(/\n{2,}/)
        .map((para) => `<p>${esc(para).replace(/`([^`]+)`/g, "<code>$1</code>")}</p>`)
        .join("")
    : "";

/** A short description inside a table or list: `code`, paragraphs as line breaks. */
const phrase = (text: string) =>
  text
    .trim()
    .split(/\n{2,}/)
    .map((para) => esc(para).replace(/`([^`]+)`/g, "<code>$1</code>"))
    .join("<br>");

const json = (value: unknown) => JSON.stringify(value);
const slug = (text: string) => text.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");
const opId = (method: string, path: string) => `op-${method}-${slug(path)}`;
const refName = (ref: string) => decodeURIComponent(ref.split("/").pop() ?? "");
const schemaLink = (name: string) => `<a href="#schema-${esc(slug(name))}">${esc(name)}</a>`;

const isObj = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const types = (s: Json): string[] => (Array.isArray(s.type) ? s.type.map(String) : s.type ? [String(s.type)] : []);
/** `{type: "null"}` or `{type: [..., "null"]}` with nothing else: the nullable half of a ref. */
const onlyNull = (s: Json) => types(s).includes("null") && Object.keys(s).every((k) => k === "type") && !s.properties;
const hasProperties = (s: unknown): s is Json & { properties: Record<string, Json> } =>
  isObj(s) && isObj(s.properties) && Object.keys(s.properties).length > 0;

/** A one-line type: `string | null`, `array of Evidence`, a link for a $ref. */
function typeOf(s: unknown): string {
  if (!isObj(s)) return "any";
  // OpenAPI 3.0's spelling; 3.1 (this API's) puts "null" in `type` or an allOf/anyOf part.
  if (s.nullable === true) return `${typeOf({ ...s, nullable: undefined })} | null`;
  if (typeof s.$ref === "string") return schemaLink(refName(s.$ref));
  for (const key of ["allOf", "anyOf", "oneOf"] as const) {
    const parts = s[key];
    if (!Array.isArray(parts)) continue;
    const nullable = parts.some((p) => isObj(p) && onlyNull(p)) || types(s).includes("null");
    const shown = parts.filter((p) => !(isObj(p) && onlyNull(p))).map(typeOf);
    const joined = shown.join(key === "allOf" ? " and " : key === "oneOf" ? " | one of " : " | ");
    return nullable ? `${joined} | null` : joined;
  }
  if (s.const !== undefined) return `<code>${esc(json(s.const))}</code>`;
  const named = types(s);
  if (!named.length) return hasProperties(s) ? "object" : "any";
  return named
    .map((t) => {
      if (t === "array") return `array of ${typeOf(s.items)}`;
      if (t === "string" && typeof s.format === "string") return `string (${esc(s.format)})`;
      return esc(t);
    })
    .join(" | ");
}

/** Description, constraints, values, defaults and examples of one schema, as list items
 * (an object's example is left to the caller when `objectExample` is false). */
function notes(s: unknown, prefix = "", objectExample = true): string[] {
  if (!isObj(s) || typeof s.$ref === "string") return [];
  const out: string[] = [];
  if (prefix === "" && typeof s.description === "string") out.push(phrase(s.description));
  if (Array.isArray(s.enum)) out.push(`one of ${s.enum.map((v) => `<code>${esc(json(v))}</code>`).join(", ")}`);
  const range = (min: unknown, max: unknown, unit: string) => {
    if (typeof min === "number" && typeof max === "number") out.push(`${min} to ${max}${unit}`);
    else if (typeof min === "number") out.push(`at least ${min}${unit}`);
    else if (typeof max === "number") out.push(`at most ${max}${unit}`);
  };
  range(s.minLength, s.maxLength, " characters");
  range(s.minimum, s.maximum, "");
  range(s.minItems, s.maxItems, " items");
  if (typeof s.exclusiveMinimum === "number") out.push(`more than ${s.exclusiveMinimum}`);
  if (typeof s.exclusiveMaximum === "number") out.push(`less than ${s.exclusiveMaximum}`);
  if (typeof s.pattern === "string") out.push(`matches <code>${esc(s.pattern)}</code>`);
  if (s.uniqueItems === true) out.push("unique items");
  if (s.default !== undefined) out.push(`default <code>${esc(json(s.default))}</code>`);
  const showExample = objectExample || !hasProperties(s);
  if (s.example !== undefined && showExample) out.push(`example <code>${esc(json(s.example))}</code>`);
  if (Array.isArray(s.examples) && showExample)
    out.push(`examples ${s.examples.map((v) => `<code>${esc(json(v))}</code>`).join(", ")}`);
  if (s.additionalProperties === false && hasProperties(s)) out.push("no other fields");
  if (isObj(s.additionalProperties) && !hasProperties(s)) out.push("any fields");
  const items = isObj(s.items) ? notes(s.items, "each item: ") : [];
  return [...out.map((n) => prefix + n), ...items];
}

const noteList = (list: string[]) =>
  list.length ? `<ul class="notes">${list.map((n) => `<li>${n}</li>`).join("")}</ul>` : "";

/** A schema in full: its one-line type, notes, the fields of an object (nested objects inline,
 * $refs as links), what an allOf adds to the schemas it names, and its example. */
function schemaBlock(s: unknown, depth = 0, showType = true): string {
  if (!isObj(s)) return "<p>any</p>";
  const inlineParts = (key: "allOf" | "anyOf" | "oneOf") =>
    Array.isArray(s[key]) ? s[key].filter((p): p is Json => isObj(p) && !p.$ref && !onlyNull(p)) : [];
  const extending = inlineParts("allOf").some(hasProperties);
  const parts: string[] = [];
  if (extending) {
    const refs = (s.allOf as unknown[])
      .filter((p): p is Json => isObj(p) && typeof p.$ref === "string")
      .map((p) => schemaLink(refName(String(p.$ref))));
    parts.push(`<p>${refs.length ? `Every field of ${refs.join(" and ")}, and:` : "object"}</p>`);
  } else if (showType) parts.push(`<p>${typeOf(s)}</p>`);
  parts.push(noteList(notes(s, "", false)));
  for (const part of inlineParts("allOf")) parts.push(schemaBlock(part, depth + 1, !extending));
  for (const part of [...inlineParts("anyOf"), ...inlineParts("oneOf")]) parts.push(schemaBlock(part, depth + 1));
  parts.push(fields(s, depth));
  if (s.example !== undefined && hasProperties(s))
    parts.push(`<p>Example:</p><pre tabindex="0">${esc(JSON.stringify(s.example, null, 2))}</pre>`);
  return parts.join("");
}

/** The fields of an object schema (or of an array's items) as a table. */
function fields(s: Json, depth: number): string {
  const target = hasProperties(s) ? s : isObj(s.items) && hasProperties(s.items) ? s.items : null;
  if (!target || depth > 8) return "";
  const required = new Set(Array.isArray(target.required) ? target.required.map(String) : []);
  const rows = Object.entries(target.properties).map(([name, prop]) => {
    const nested =
      isObj(prop) && !prop.$ref && (hasProperties(prop) || (isObj(prop.items) && hasProperties(prop.items)));
    return `<tr><td><code>${esc(name)}</code>${required.has(name) ? ' <span class="req">required</span>' : ""}</td><td>${typeOf(prop)}</td><td>${noteList(notes(prop))}${
      nested ? fields(prop, depth + 1) : ""
    }</td></tr>`;
  });
  const caption = target === s ? "" : "<p>Each item:</p>";
  return `${caption}<table><tr><th>field</th><th>type</th><th>notes</th></tr>${rows.join("")}</table>`;
}

/** Each media type of a request body or response with its schema. An inline schema is shown in
 * full; a $ref is a link, and for request bodies (`components` given) also shown in full here. */
function content(body: unknown, components?: Json): string {
  if (!isObj(body) || !isObj(body.content)) return "";
  return Object.entries(body.content)
    .map(([type, media]) => {
      const schema = isObj(media) ? media.schema : undefined;
      const ref = isObj(schema) && typeof schema.$ref === "string" ? refName(schema.$ref) : undefined;
      const shown = ref === undefined ? schema : components?.[ref];
      return `<div><p><code>${esc(type)}</code>: ${typeOf(schema)}</p>${isObj(shown) ? schemaBlock(shown, 1, false) : ""}</div>`;
    })
    .join("");
}

function operation(path: string, method: string, op: Json, base: string, components: Json): string {
  const params = Array.isArray(op.parameters) ? op.parameters.filter(isObj) : [];
  const body = isObj(op.requestBody) ? op.requestBody : undefined;
  const responses = isObj(op.responses) ? Object.entries(op.responses) : [];
  const out = [
    `<section id="${esc(opId(method, path))}">`,
    `<h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(base + path)}</code></h3>`,
    op.summary ? `<p><strong>${esc(op.summary)}</strong></p>` : "",
    prose(op.description),
  ];
  if (op.deprecated === true) out.push("<p><strong>Deprecated.</strong></p>");
  if (params.length) {
    const rows = params.map((p) => {
      const list = notes(p.schema);
      if (typeof p.description === "string" && p.description !== (isObj(p.schema) ? p.schema.description : undefined))
        list.unshift(phrase(p.description));
      return `<tr><td><code>${esc(p.name)}</code>${p.required ? ' <span class="req">required</span>' : ""}</td><td>${esc(p.in)}</td><td>${typeOf(p.schema)}</td><td>${noteList(list)}</td></tr>`;
    });
    out.push(
      `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>type</th><th>notes</th></tr>${rows.join("")}</table>`,
    );
  }
  if (body) {
    out.push(`<h4>Request body${body.required ? ' <span class="req">required</span>' : ""}</h4>`);
    out.push(prose(body.description), content(body, components));
  }
  if (responses.length) {
    const rows = responses.map(([status, r]) => {
      const res = isObj(r) ? r : {};
      const headers = isObj(res.headers)
        ? Object.entries(res.headers).map(
            ([name, h]) =>
              `<p>Header <code>${esc(name)}</code>: ${typeOf(isObj(h) ? h.schema : undefined)}${isObj(h) && h.description ? `. ${esc(h.description)}` : ""}</p>`,
          )
        : [];
      return `<tr><td><code>${esc(status)}</code></td><td>${prose(res.description)}${headers.join("")}${content(res)}</td></tr>`;
    });
    out.push(`<h4>Responses</h4><table><tr><th>status</th><th>answer</th></tr>${rows.join("")}</table>`);
  }
  out.push("</section>");
  return out.join("\n");
}

function component(name: string, s: unknown): string {
  return `<section id="schema-${esc(slug(name))}">\n<h3>${esc(name)}</h3>\n${schemaBlock(s)}\n</section>`;
}

export function renderDocs(doc: OpenAPIDocument): string {
  const base = doc.servers?.[0]?.url?.startsWith("/") ? doc.servers[0].url.replace(/\/$/, "") : "";
  const ops = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(isObj(item) ? item : {})
      .filter(
        ([method, op]) => ["get", "put", "post", "delete", "patch", "head", "options"].includes(method) && isObj(op),
      )
      .map(([method, op]) => {
        const tags = (op as Json).tags;
        return { path, method, op: op as Json, tag: Array.isArray(tags) && tags.length ? String(tags[0]) : "other" };
      }),
  );
  const tags = [...new Set(ops.map((o) => o.tag))];
  const schemas = Object.entries((doc.components?.schemas ?? {}) as Record<string, unknown>);
  const toc = tags
    .map(
      (tag) =>
        `<li>${esc(tag)}<ul>${ops
          .filter((o) => o.tag === tag)
          .map(
            (o) =>
              `<li><a href="#${esc(opId(o.method, o.path))}">${esc(o.method.toUpperCase())} ${esc(base + o.path)}</a>${o.op.summary ? ` <span class="muted">${esc(o.op.summary)}</span>` : ""}</li>`,
          )
          .join("")}</ul></li>`,
    )
    .join("");
  const problem = schemas.some(([name]) => name === "Problem") ? schemaLink("Problem") : "problem details";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} ${esc(doc.info.version)}</title>
<link rel="stylesheet" href="/assets/app.css"><link rel="stylesheet" href="/assets/docs.css"></head><body>
<header class="top"><a class="brand" href="/review">claimdesk</a>
<nav aria-label="Main"><a href="/review">Desk</a> · <a href="/fact-checks">Fact-checks</a> · <a href="${esc(base)}/openapi.json">OpenAPI document</a></nav></header>
<main id="main" class="docs">
<h1>${esc(doc.info.title)} <span class="muted">${esc(doc.info.version)}</span></h1>
${prose(doc.info.description)}
<p>Send <code>Authorization: Bearer &lt;token&gt;</code>. Roles: viewer (read), reviewer (read, create, review), admin (everything, tokens).
The machine-readable document is <a href="${esc(base)}/openapi.json">${esc(base)}/openapi.json</a> (OpenAPI ${esc(doc.openapi)}).</p>
<p>Every error is <code>application/problem+json</code> (RFC 9457), shaped as ${problem}; a 422 lists each field that broke a rule in <code>errors</code>, as <code>{path, message}</code>.</p>
<nav aria-label="Contents"><h2>Contents</h2>
<h3>Operations</h3><ul>${toc}</ul>
<h3>Schemas</h3><ul>${schemas.map(([name]) => `<li>${schemaLink(name)}</li>`).join("")}</ul></nav>
<h2>Quick example</h2>
<pre tabindex="0">curl -X POST http://127.0.0.1:8787${esc(base)}/claims \\
  -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\
  -d '{"text":"insurgents had carried out 43 attacks on checkpoints","kind":"statistic",
       "speaker":{"name":"Sonny Leggett","role":"US Forces-Afghanistan spokesman"},
       "source":{"url":"https://www.example.com/afp/kunduz","publisher":"AFP"}}'</pre>
${tags
  .map(
    (tag) =>
      `<h2>${esc(tag)}</h2>\n${ops
        .filter((o) => o.tag === tag)
        .map((o) => operation(o.path, o.method, o.op, base, Object.fromEntries(schemas)))
        .join("\n")}`,
  )
  .join("\n")}
<h2>Schemas</h2>
${schemas.map(([name, s]) => component(name, s)).join("\n")}
</main></body></html>`;
}

/** GET /api/docs and its stylesheet, GET /assets/docs.css. The page is rendered on its first
 * request, from the document as `doc()` gives it. */
export function docs(doc: () => OpenAPIDocument) {
  let page: string | undefined;
  const app = new Hono<AppEnv>();
  app.get("/assets/docs.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(DOCS_STYLESHEET, 200, { "Content-Type": "text/css; charset=utf-8" });
  });
  app.get(
    "/api/docs",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: "no-referrer",
    }),
    (c) => {
      page ??= renderDocs(doc());
      return c.html(page);
    },
  );
  return app;
}
