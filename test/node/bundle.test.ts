// The Worker as wrangler bundles it for deployment (`wrangler deploy --dry-run`): zod's
// messages in other languages stay out (src/bundle/zod.ts), English stays in, and the whole
// stays small: 274 KiB gzip with every locale and unminified, 181 KiB after that (issue 9), 224 KiB
// with matching, publishing and the team workflow (issues 12-14; zod is still the largest part,
// ~190 KiB of the 710 KiB minified). The budget leaves room for growth, not for a regression of
// that size.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
let dir = "";
let stdout = "";
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
}, 120_000);

afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

describe("the deployed bundle", () => {
  it("carries zod's English messages and no other language's", () => {
    const locales = Object.keys(bundled)
      .filter((file) => file.includes("zod/v4/locales/"))
      .map((file) => path.basename(file));
    expect(locales).toEqual(["en.js"]);
    expect(bundled[Object.keys(bundled).find((f) => f.endsWith("src/bundle/zod.ts")) ?? ""]).toBeDefined();
  });

  it("stays within 240 KiB gzip (minified, wrangler.toml)", () => {
    const size = stdout.match(/Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/);
    expect(size, stdout).not.toBeNull();
    expect(Number(size?.[2])).toBeLessThanOrEqual(240);
  });
});
