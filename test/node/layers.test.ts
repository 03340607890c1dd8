// The layers point one way (README, Layout): entry → api | pages | jobs → services → domain | db.
// This reads every import in src/ and holds each file to what its layer may import, and finds
// import cycles.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const src = path.resolve(import.meta.dirname, "../../src");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

/** The layer of a file: its folder under src/, or the entry files themselves. */
function layerOf(file: string): string {
  const rel = path.relative(src, file).replace(/\\/g, "/");
  // The Worker's entry, and its doors (each a part of the app in the shell, loaded on first use).
  if (rel === "index.ts" || rel === "app.ts" || rel.startsWith("doors/")) return "entry";
  if (rel === "env.ts") return "env";
  // Opening the database and recognising its refusals: plumbing every db layer shares.
  if (rel === "db/client.ts" || rel === "db/errors.ts") return "db-client";
  if (rel === "db/schema.ts") return "db-schema";
  if (rel.startsWith("db/queries/")) return "db-queries";
  return rel.split("/")[0] ?? rel;
}

// What each layer may import besides itself. db/client (opening the database) is for every
// door; the stored rows (db/queries) only for services, which alone decide what to read and
// write; the tables (db/schema) only for db/queries and the demo loader. The parsed variables
// (env.ts) are read by the doors, which hand services their settings as arguments.
const MAY_IMPORT: Record<string, string[]> = {
  entry: ["api", "pages", "jobs", "services", "middleware", "domain", "env", "db-client"],
  api: ["services", "middleware", "domain", "env", "db-client"],
  pages: ["services", "middleware", "domain", "env", "db-client"],
  jobs: ["services", "domain", "env", "db-client"],
  middleware: ["services", "domain", "db-client", "env"],
  services: ["domain", "db-queries", "db-client", "extract", "match", "worthiness"],
  extract: ["domain", "worthiness"],
  worthiness: ["domain"],
  match: ["domain"],
  "db-queries": ["domain", "db-schema", "db-client"],
  db: ["domain", "db-queries", "db-schema", "db-client"],
  "db-schema": ["domain"],
  "db-client": ["db-schema"],
  env: ["domain", "db-client"],
  domain: [],
  bundle: [],
  cli: ["db", "db-client", "domain", "env", "worthiness"],
};

const IMPORT = /^\s*(?:import|export)\b[^'"]*?from\s+["'](\.[^"']+)["']/gm;
// A module loaded on first use (src/index.ts's doors) is still a dependency.
const DYNAMIC_IMPORT = /\bimport\(\s*["'](\.[^"']+)["']\s*\)/g;
// What a module evaluates when it is evaluated: its static imports that are not types only.
const VALUE_IMPORT = /^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+["']([^"']+)["']|^\s*import\s+["']([^"']+)["']/gm;

function resolveFrom(file: string, specifier: string): string | undefined {
  const target = path.resolve(path.dirname(file), specifier);
  const candidates = [".ts", ".tsx", "/index.ts", "/index.tsx", ""].map((ext) => target + ext);
  return candidates.find((c) => files.includes(c));
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of [...text.matchAll(IMPORT), ...text.matchAll(DYNAMIC_IMPORT)]) {
    const resolved = resolveFrom(file, match[1] ?? "");
    // A module may import its own namespace (src/bundle/zod.ts does, to re-export it as `z`).
    if (resolved && resolved !== file) found.push(resolved);
  }
  return found;
}

const files = filesUnder(src);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const rel = (file: string) => path.relative(src, file);

describe("the layers of src/", () => {
  it("knows every layer", () => {
    const unknown = files.filter((file) => !(layerOf(file) in MAY_IMPORT)).map(rel);
    expect(unknown).toEqual([]);
  });

  it("imports only downwards", () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      for (const target of targets) {
        const to = layerOf(target);
        if (to !== from && !MAY_IMPORT[from]?.includes(to))
          wrong.push(`${rel(file)} (${from}) → ${rel(target)} (${to})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("has no import cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, "open");
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next].map(rel).join(" → "));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, "done");
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it("reads the Worker's variables only through the parsed config", () => {
    // The variables are ConfigSchema's keys (src/env.ts); bindings (DB, queues, limiters) are not.
    const envFile = readFileSync(path.join(src, "env.ts"), "utf8");
    const schema = envFile.slice(envFile.indexOf("const ConfigSchema"), envFile.indexOf("export type Config"));
    const variables = [...schema.matchAll(/^\s+([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]);
    expect(variables).toContain("ADMIN_TOKEN");
    // process.env is a Node script's environment (src/cli), not the Worker's variables.
    const raw = new RegExp(
      `(?<!process\\.)\\benv\\.(?:${variables.join("|")})\\b|\\{[^}]*\\}\\s*=\\s*(?:c\\.)?env\\b`,
      "g",
    );
    const reads = files
      .filter((file) => layerOf(file) !== "env")
      .flatMap((file) => [...readFileSync(file, "utf8").matchAll(raw)].map((m) => `${rel(file)}: ${m[0]}`));
    expect(reads).toEqual([]);
  });
});

describe("the Worker's cold start", () => {
  it("evaluates the entry and its door table only: every door, the jobs, zod and drizzle wait for first use", () => {
    // The modules src/index.ts evaluates when the Worker starts, and the packages they import.
    const evaluated = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (evaluated.has(file)) return;
      evaluated.add(file);
      for (const match of readFileSync(file, "utf8").matchAll(VALUE_IMPORT)) {
        const specifier = match[1] ?? match[2] ?? "";
        if (!specifier.startsWith(".")) packages.add(specifier);
        else {
          const resolved = resolveFrom(file, specifier);
          if (resolved && resolved !== file) visit(resolved);
        }
      }
    };
    visit(path.join(src, "index.ts"));
    // The table of doors needs the domain's list of public paths (and what that module imports).
    expect([...evaluated].map(rel).filter((file) => !file.startsWith("domain/"))).toEqual([
      "index.ts",
      "doors/paths.ts",
    ]);
    expect([...packages]).toEqual(["hono/utils/url"]);
  });
});
