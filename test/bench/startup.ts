// `npm run bench:startup`: the Worker's startup CPU beside a bare hono Worker's, measured in the
// same run (this machine's speed and load change from run to run; their ratio much less). Each
// Worker is bundled once as `wrangler deploy` would (`--dry-run --outfile`), then started
// BENCH_ROUNDS times (default 7), the two alternating and each going first in turn, the way
// `wrangler check startup` does it: a fresh workerd (Miniflare, wrangler's own) whose first
// request does nothing but import the Worker's module, so the request holds the module's
// compilation and top-level evaluation.
//
// The measure is the CPU time the kernel counts to workerd's threads during that request, not
// `wrangler check startup`'s profile: its samples are a millisecond apart and its timeDeltas are
// wall-clock. A bare Worker starts within one sample, so its profile holds two or three, one of
// them carrying the tens of milliseconds spent waiting for the request (or descheduled, on a
// shared machine); its "active" figure jumped between 0 and 64 ms from run to run here. The
// kernel's count has neither fault; it includes a fixed cost (one request through a fresh
// workerd) that both Workers pay, which is most of the bare Worker's figure, so the difference
// is printed too. For where the time goes, `npx wrangler check startup` still writes a profile.
//
// Then the other side of the trade: the Worker loads each door (src/doors) on its first request,
// so that request pays for it. For each door (health, the API, the review pages, the public
// pages, the pages' stylesheet, the cron), a fresh workerd with an empty migrated D1 starts the
// Worker, answers one request through that door (the first: it loads what the door needs) and
// the same request again (warm); the CPU of each is printed. The database work is in both
// (Miniflare's D1 runs in the same workerd), so first minus warm is what loading the door cost.
// Linux only (/proc).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readD1Migrations } from "@cloudflare/vitest-plugin";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { wranglerEnv } from "../local-worker";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const root = path.resolve(import.meta.dirname, "../..");
const wranglerBin = path.join(root, "node_modules/wrangler/bin/wrangler.js");
const dir = mkdtempSync(path.join(tmpdir(), "claimdesk-startup-"));
const env = wranglerEnv(dir);

// The bare Worker: hono with one route, nothing else, the project's compatibility date.
const bareDir = path.join(dir, "bare");
mkdirSync(bareDir);
symlinkSync(path.join(root, "node_modules"), path.join(bareDir, "node_modules"), "dir");
writeFileSync(
  path.join(bareDir, "index.js"),
  `import { Hono } from "hono";\nconst app = new Hono();\napp.get("/", (c) => c.text("ok"));\nexport default app;\n`,
);
writeFileSync(
  path.join(bareDir, "wrangler.toml"),
  `name = "bare-hono"\nmain = "index.js"\ncompatibility_date = "2026-10-01"\n`,
);

interface Bundle {
  mainModule: string;
  compatibilityDate: string;
  compatibilityFlags: string[];
  modules: { type: "ESModule"; path: string; contents: string }[];
  bytes: number;
}

/** Bundles the Worker in `cwd` and reads the upload form back, as `wrangler check startup` does. */
async function bundle(cwd: string, name: string): Promise<Bundle> {
  const file = path.join(dir, `${name}.form`);
  const run = spawnSync(process.execPath, [wranglerBin, "deploy", "--dry-run", "--outfile", file], {
    cwd,
    env,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${run.stdout}\n${run.stderr}`);
  const body = readFileSync(file);
  const boundary = body.subarray(2, body.indexOf("\r\n")).toString();
  const form = await new Response(body, {
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  }).formData();
  const metadata = JSON.parse(String(form.get("metadata")));
  const modules: Bundle["modules"] = [];
  for (const [modulePath, entry] of form.entries()) {
    if (typeof entry === "string" || entry.type === "application/source-map") continue;
    if (entry.type !== "application/javascript+module") throw new Error(`${modulePath}: ${entry.type} not handled`);
    modules.push({ type: "ESModule", path: modulePath, contents: await entry.text() });
  }
  return {
    mainModule: metadata.main_module,
    compatibilityDate: metadata.compatibility_date,
    compatibilityFlags: metadata.compatibility_flags ?? [],
    modules,
    bytes: modules.reduce((sum, m) => sum + Buffer.byteLength(m.contents), 0),
  };
}

/** The workerd that Miniflare started for us: our child, by its name. */
function workerdPid(): string {
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const [, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(ppid) === process.pid && stat.includes("(workerd)")) return pid;
    } catch {
      // gone meanwhile
    }
  }
  throw new Error("no workerd child process");
}

/** Nanoseconds on CPU of all the process's threads (the first field of each schedstat). */
function cpuNs(pid: string): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // a thread that ended meanwhile
    }
  }
  return ns;
}

/** One cold start: CPU milliseconds of the first request, which imports the Worker's module. */
async function startupCpu(worker: Bundle): Promise<number> {
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      name: "startup",
      compatibilityDate: worker.compatibilityDate,
      compatibilityFlags: worker.compatibilityFlags,
      modulesRoot: "/",
      modules: [
        {
          type: "ESModule",
          path: "startup-entry.js",
          contents: `export default { async fetch() { await import(${JSON.stringify(worker.mainModule)}); return new Response("ok"); } };`,
        },
        ...worker.modules,
      ],
    }),
  );
  try {
    await mf.ready;
    const pid = workerdPid();
    const before = cpuNs(pid);
    const res = await mf.dispatchFetch("https://example.com/");
    const text = await res.text();
    const after = cpuNs(pid);
    if (text !== "ok") throw new Error(`the Worker did not start: ${res.status} ${text}`);
    return (after - before) / 1e6;
  } finally {
    await mf.dispose();
  }
}

const ADMIN_TOKEN = "bench-admin-token";

/** A request through one door of the Worker; the cron's is the scheduled handler. */
const DOORS: { door: string; path: string; headers?: Record<string, string> }[] = [
  { door: "health", path: "/healthz" },
  { door: "API", path: "/api/v1/claims", headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
  { door: "review pages", path: "/login" },
  { door: "public pages", path: "/fact-checks" },
  { door: "assets", path: "/assets/app.css" },
  { door: "cron", path: "/__bench/scheduled" },
];

interface DoorTimes {
  start: number;
  first: number;
  warm: number;
  firstWall: number;
}

/** A fresh workerd: the Worker's start, then the door's first request and the same again. */
async function doorCpu(worker: Bundle, door: (typeof DOORS)[number]): Promise<DoorTimes> {
  const main = JSON.stringify(worker.mainModule);
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      name: "doors",
      compatibilityDate: worker.compatibilityDate,
      compatibilityFlags: worker.compatibilityFlags,
      modulesRoot: "/",
      modules: [
        {
          type: "ESModule",
          path: "door-entry.js",
          contents: `let worker;
export default {
  async fetch(request, env, ctx) {
    worker ??= (await import(${main})).default;
    const path = new URL(request.url).pathname;
    if (path === "/__bench/start") return new Response("ok");
    if (path === "/__bench/scheduled") {
      await worker.scheduled({ scheduledTime: Date.now(), cron: "*/15 * * * *", noRetry() {} }, env, ctx);
      return new Response("ok");
    }
    return worker.fetch(request, env, ctx);
  },
};`,
        },
        ...worker.modules,
      ],
      d1Databases: { DB: "bench" },
      bindings: { ADMIN_TOKEN, SESSION_SECRET: "bench-session-secret" },
      // The cron's log lines; a failure shows in the status instead.
      handleStructuredLogs: () => {},
    }),
  );
  try {
    await mf.ready;
    const db = await mf.getD1Database("DB");
    for (const migration of migrations) await db.batch(migration.queries.map((q) => db.prepare(q)));
    // Let the migrations' work settle before anything is counted.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const pid = workerdPid();
    const timed = async (url: string) => {
      const before = cpuNs(pid);
      const started = performance.now();
      const res = await mf.dispatchFetch(url, { headers: door.headers });
      await res.arrayBuffer();
      const wall = performance.now() - started;
      const cpu = (cpuNs(pid) - before) / 1e6;
      if (res.status !== 200) throw new Error(`${door.door}: ${url} answered ${res.status}`);
      return { cpu, wall };
    };
    const start = await timed("https://example.com/__bench/start");
    const first = await timed(`https://example.com${door.path}`);
    const warm = await timed(`https://example.com${door.path}`);
    return { start: start.cpu, first: first.cpu, warm: warm.cpu, firstWall: first.wall };
  } finally {
    await mf.dispose();
  }
}

const migrations = await readD1Migrations(path.join(root, "drizzle"));

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

try {
  const workers = [
    { name: "claimdesk", bundle: await bundle(root, "claimdesk"), cpu: [] as number[] },
    { name: "bare hono", bundle: await bundle(bareDir, "bare"), cpu: [] as number[] },
  ];
  for (let round = 0; round < ROUNDS; round++) {
    const line: string[] = [];
    for (const worker of round % 2 ? [...workers].reverse() : workers) {
      const cpu = await startupCpu(worker.bundle);
      worker.cpu.push(cpu);
      line.push(`${worker.name} ${ms(cpu)}`);
    }
    console.log(`round ${round + 1}: ${line.join(", ")}`);
  }
  for (const worker of workers)
    console.log(
      `${worker.name}: median startup CPU ${ms(median(worker.cpu))} (bundle ${(worker.bundle.bytes / 1024).toFixed(0)} KiB)`,
    );
  const [app, bare] = workers.map((w) => median(w.cpu)) as [number, number];
  console.log(`ratio: ${(app / bare).toFixed(2)}x (target: within 3.5x), difference ${ms(app - bare)}`);

  // The first request through each door, and the same request warm, in a fresh workerd each time.
  const claimdesk = workers[0]?.bundle as Bundle;
  const doorRounds = Number(process.env.BENCH_DOOR_ROUNDS ?? 3);
  console.log(`\nfirst request per door (median of ${doorRounds} fresh workerds; CPU, D1 included):`);
  for (const door of DOORS) {
    const times: DoorTimes[] = [];
    for (let round = 0; round < doorRounds; round++) times.push(await doorCpu(claimdesk, door));
    const of = (key: keyof DoorTimes) => median(times.map((t) => t[key]));
    console.log(
      `  ${door.door.padEnd(13)} ${door.path.padEnd(19)} start ${ms(of("start"))}, first request ${ms(of("first"))} (wall ${ms(of("firstWall"))}), warm ${ms(of("warm"))}; start + first ${ms(of("start") + of("first"))}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
