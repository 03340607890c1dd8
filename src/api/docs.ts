// /api/docs: the OpenAPI document as a readable page, rendered on the server. It needs no
// script and nothing from a CDN, so it works offline and under the strict CSP.
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

type Doc = ReturnType<import("@hono/zod-openapi").OpenAPIHono["getOpenAPI31Document"]>;
type Json = Record<string, unknown>;

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a}
code,pre{font:14px/1.4 ui-monospace,monospace}pre{background:#f4f4f4;padding:.75rem;overflow:auto;border-radius:4px}
section{border-top:1px solid #ddd;padding:.5rem 0}h3{margin:.5rem 0}.m{display:inline-block;min-width:4.5rem;font-weight:700}
.get{color:#05642c}.post{color:#0b4f9c}.patch{color:#7a4b00}.delete{color:#a11}table{border-collapse:collapse}
td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}`;

function resolve(doc: Doc, schema: unknown): unknown {
  const ref = (schema as Json | undefined)?.$ref;
  if (typeof ref === "string")
    return resolve(doc, (doc.components?.schemas as Json | undefined)?.[ref.split("/").pop() ?? ""]);
  return schema;
}

function operation(doc: Doc, path: string, method: string, op: Json): HtmlEscapedString | Promise<HtmlEscapedString> {
  const params = (op.parameters as Json[] | undefined) ?? [];
  const body = ((op.requestBody as Json | undefined)?.content as Json | undefined)?.["application/json"] as
    | Json
    | undefined;
  const responses = Object.entries((op.responses as Json | undefined) ?? {});
  return html`<section id="${method}-${path}">
    <h3><span class="m ${method}">${method.toUpperCase()}</span> <code>/api/v1${path}</code></h3>
    <p>${String(op.summary ?? "")}</p>
    ${op.description ? html`<p>${String(op.description)}</p>` : ""}
    ${
      params.length
        ? html`<table><tr><th>parameter</th><th>in</th><th>schema</th></tr>${params.map(
            (p) =>
              html`<tr><td><code>${String(p.name)}</code>${p.required ? " (required)" : ""}</td><td>${String(p.in)}</td><td><code>${JSON.stringify(p.schema)}</code></td></tr>`,
          )}</table>`
        : ""
    }
    ${body ? html`<p>Body (application/json):</p><pre>${JSON.stringify(resolve(doc, body.schema), null, 2)}</pre>` : ""}
    <p>Responses: ${responses.map(([status, r]) => html`<code>${status}</code> ${String((r as Json).description ?? "")}; `)}</p>
  </section>`;
}

export function renderDocs(doc: Doc): string {
  const ops = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Json).map(([method, op]) => operation(doc, path, method, op as Json)),
  );
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>claimdesk API v1</title><style>${raw(STYLE)}</style></head><body>
<h1>claimdesk API v1</h1>
<p>${doc.info.description ?? ""}</p>
<p>Send <code>Authorization: Bearer &lt;token&gt;</code>. Roles: viewer (read), reviewer (read, create, review), admin (everything, tokens).
The machine-readable document is <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
Errors are <code>application/problem+json</code> (RFC 9457).</p>
<h2>Quick example</h2>
<pre>curl -X POST http://127.0.0.1:8787/api/v1/claims \\
  -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\
  -d '{"text":"insurgents had carried out 43 attacks on checkpoints","kind":"statistic",
       "speaker":{"name":"Sonny Leggett","role":"US Forces-Afghanistan spokesman"},
       "source":{"url":"https://www.example.com/afp/kunduz","publisher":"AFP"}}'</pre>
${ops}
</body></html>`.toString();
}
