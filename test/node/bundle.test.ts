// The Worker as wrangler bundles it for deployment (`wrangler deploy --dry-run`): zod's
// messages in other languages stay out (src/bundle/zod.ts), English stays in, and the whole
// stays small: 274 KiB gzip with every locale and unminified, 181 KiB after that (issue 9), 224 KiB
// with matching, publishing and the team workflow (issues 12-14; zod is still the largest part,
// ~190 KiB of the 710 KiB minified), 238 KiB once the doors were loaded on first use (issue 21:
// esbuild wraps every module a dynamic import reaches, about 8 KiB gzip, offset by leaving out
// zod's fromJSONSchema), 251.7 KiB after the dashboard, the claim page's work and speaker
// resolution; then 235.3 KiB without keep_names' __name wrappers (wrangler.toml), 229.0 KiB with the
// Access assertion checked by WebCrypto instead of jose, 221.8 KiB without zod's compiler.
//
// Two budgets, from one build. The code: 240 KiB gzip. A generated model module (issue 24's
// check-worthiness weights, src/worthiness/*weights*: data a fitting script writes, not code):
// 60 KiB gzip on its own. A model module's own size is its source minified by the esbuild wrangler
// bundles with and gzipped alone (zlib's default level, as wrangler's figure); the test checks that
// text is what the bundle holds (its bytesInOutput in the metafile within 10%). The code's size is
// wrangler's gzip figure for the whole bundle less the model modules' own: gzip does not add up
// exactly across the seam, and measured on the worthiness branch (with keep_names off, before jose
// and zod's compiler went) that estimate was on the strict side: 223.9 KiB, against 223.1 KiB for
// a build with the weights emptied out (its weights.ts: 45 KiB minified, 15.5 KiB gzip on its
// own). Until a model module is on main, its test is skipped and the code's figure is the whole
// bundle's. The budgets leave room for growth, not for a regression of that size.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { transformSync } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
let dir = "";
let stdout = "";
let code = "";
let bundled: Record<string, { bytesInOutput: number }> = {};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "claimdesk-bundle-"));
  ({ stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(root, "node_modules/wrangler/bin/wrangler.js"), "deploy", "--dry-run", "--outdir", dir, "--metafile"],
    { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" } },
  ));
  const meta = JSON.parse(await readFile(path.join(dir, "bundle-meta.json"), "utf8"));
  const [, output] = Object.entries(meta.outputs as Record<string, { inputs: typeof bundled }>).find(([file]) =>
    file.endsWith("index.js"),
  ) ?? ["", { inputs: {} }];
  bundled = output.inputs;
  code = await readFile(path.join(dir, "index.js"), "utf8");
}, 120_000);

// zod's messages, language by language: its locale modules' string literals (and the text of its
// template literals up to the first substitution) with a space in them, 10 characters or more.
const localesDir = path.join(root, "node_modules/zod/v4/locales");
const messagesOf = (file: string, quotedOnly = false) =>
  [...readFileSync(path.join(localesDir, file), "utf8").matchAll(/"((?:[^"\\\n]|\\.)*)"|`([^`$\\\n]*)/g)]
    .map((m) => m[1] ?? (quotedOnly ? undefined : m[2]))
    .filter((m): m is string => m !== undefined && m.length >= 10 && /\S\s\S/.test(m));

// The generated model modules: src/worthiness/*weights* (none yet on main: their test is skipped).
const modelDir = path.join(root, "src/worthiness");
const modelFiles = existsSync(modelDir)
  ? readdirSync(modelDir)
      .filter((f) => f.includes("weights") && /\.(ts|js|json)$/.test(f))
      .map((f) => `src/worthiness/${f}`)
  : [];
const KiB = 1024;

/** A model module as it is bundled: minified by wrangler's esbuild, on its own. */
function minifiedAlone(file: string): string {
  const source = readFileSync(path.join(root, file), "utf8");
  const loader = file.endsWith(".json") ? "json" : file.endsWith(".js") ? "js" : "ts";
  return transformSync(source, { loader, minify: true, format: "esm" }).code;
}
const gzipKiB = (text: string) => gzipSync(text).byteLength / KiB;

/** wrangler's own gzip figure for the whole bundle, KiB. */
function totalGzipKiB(): number {
  const size = stdout.match(/Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/);
  expect(size, stdout).not.toBeNull();
  return Number(size?.[2]);
}

afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

describe("the deployed bundle", () => {
  it("carries zod's English messages and no other language's", () => {
    // Read in the code itself, whichever way esbuild wraps the modules (the doors are loaded on
    // first use, so every module is wrapped, and zod's locales index is left as an empty stub).
    const english = messagesOf("en.js", true);
    expect(english.length).toBeGreaterThan(10);
    expect(english.filter((m) => !code.includes(m))).toEqual([]);
    const known = new Set(messagesOf("en.js"));
    const others = readdirSync(localesDir).filter((f) => f.endsWith(".js") && f !== "en.js" && f !== "index.js");
    expect(others.length).toBeGreaterThan(30);
    const found: string[] = [];
    for (const file of others) {
      const messages = messagesOf(file).filter((m) => !known.has(m));
      expect(messages.length, file).toBeGreaterThan(0);
      found.push(...messages.filter((m) => code.includes(m)).map((m) => `${file}: ${m}`));
    }
    expect(found).toEqual([]);
    // zod is taken through src/bundle/zod.ts, which also leaves out fromJSONSchema …
    expect(bundled[Object.keys(bundled).find((f) => f.endsWith("src/bundle/zod.ts")) ?? ""]).toBeDefined();
    const fromJSONSchema = Object.entries(bundled).find(([f]) => f.endsWith("zod/v4/classic/from-json-schema.js"));
    expect(fromJSONSchema?.[1].bytesInOutput ?? 0).toBe(0);
    // … and zod's compiler (src/bundle/zod-core.ts): at most its module's empty wrapper is left.
    const compiler = Object.entries(bundled).find(([f]) => f.endsWith("zod/v4/core/compile.js"));
    expect(compiler?.[1].bytesInOutput ?? 0).toBeLessThan(100);
  });

  it.skipIf(modelFiles.length === 0)("holds each generated model module to 60 KiB gzip on its own", () => {
    for (const file of modelFiles) {
      const inBundle = Object.entries(bundled).find(([f]) => f.endsWith(file))?.[1].bytesInOutput ?? 0;
      expect(inBundle, `${file} is not in the bundle`).toBeGreaterThan(0);
      const minified = minifiedAlone(file);
      // What is measured is what is bundled (esbuild's module wrapper and renamed locals aside).
      expect(Math.abs(minified.length - inBundle) / inBundle, file).toBeLessThan(0.1);
      expect(gzipKiB(minified), file).toBeLessThanOrEqual(60);
    }
  });

  it("holds the code to 240 KiB gzip (minified, wrangler.toml), a generated model module aside", () => {
    const model = modelFiles.reduce((sum, file) => sum + gzipKiB(minifiedAlone(file)), 0);
    expect(totalGzipKiB() - model).toBeLessThanOrEqual(240);
  });
});
