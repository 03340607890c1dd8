// `npm run bench`: the import rate, measured against a real `wrangler dev` (workerd with its
// local SQLite-backed D1) in a throwaway directory. Times one 10,000-row NDJSON import and,
// as the baseline, 1,000 claims filed one POST /claims at a time, then stops the server.
import { type LocalWorker, startLocalWorker } from "../local-worker";

const IMPORT_ROWS = 10_000;
const SINGLE_POSTS = 1_000;
const DEADLINE_MS = 10 * 60 * 1000;

let server: LocalWorker | undefined;

const claim = (label: string, i: number) => ({
  text: `${label} claim ${i}: insurgents carried out ${i} attacks on checkpoints`,
  kind: "statistic",
  speaker: { name: `Bench Speaker ${i % 50}`, role: "spokesman" },
  source: { url: `https://bench.example.org/${label}/${i % 200}`, title: "Bench article", publisher: "Bench" },
  reported_via: "said",
  tags: ["bench", `${label}${i % 10}`],
});

async function main(): Promise<void> {
  const timer = setTimeout(() => {
    console.error(`bench: gave up after ${DEADLINE_MS / 60_000} minutes`);
    void server?.stop().finally(() => process.exit(1));
  }, DEADLINE_MS);

  server = await startLocalWorker({ label: "bench-import" });
  const base = server.baseUrl;
  const headers = { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" };

  // Warm-up: the first request compiles and opens the database.
  await fetch(`${base}/api/v1/claims`, { method: "POST", headers, body: JSON.stringify(claim("warmup", 0)) });

  let started = performance.now();
  for (let i = 0; i < SINGLE_POSTS; i++) {
    const res = await fetch(`${base}/api/v1/claims`, {
      method: "POST",
      headers,
      body: JSON.stringify(claim("single", i)),
    });
    if (res.status !== 201) throw new Error(`POST /claims answered ${res.status}: ${await res.text()}`);
  }
  const singleSeconds = (performance.now() - started) / 1000;

  const body = Array.from({ length: IMPORT_ROWS }, (_, i) => JSON.stringify(claim("import", i))).join("\n");
  started = performance.now();
  const res = await fetch(`${base}/api/v1/import`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/x-ndjson" },
    body,
  });
  const result = (await res.json()) as { created: number; duplicates: number; errors: unknown[] };
  const importSeconds = (performance.now() - started) / 1000;
  if (res.status !== 200 || result.created !== IMPORT_ROWS) {
    throw new Error(`import answered ${res.status}: ${JSON.stringify(result).slice(0, 500)}`);
  }

  const singleRate = SINGLE_POSTS / singleSeconds;
  const importRate = IMPORT_ROWS / importSeconds;
  console.log(`body: ${(body.length / 1024 / 1024).toFixed(1)} MB of NDJSON`);
  console.log(
    `POST /import, ${IMPORT_ROWS} rows in one request: ${importSeconds.toFixed(2)} s, ${importRate.toFixed(0)} rows/s`,
  );
  console.log(
    `POST /claims, ${SINGLE_POSTS} claims one at a time: ${singleSeconds.toFixed(2)} s, ${singleRate.toFixed(0)} rows/s`,
  );
  console.log(`import is ${(importRate / singleRate).toFixed(1)}x the per-row rate of single POSTs`);
  clearTimeout(timer);
}

try {
  await main();
} finally {
  await server?.stop();
}
