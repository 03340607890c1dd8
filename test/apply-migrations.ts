import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Every test file starts from the real migrations, applied to the test's own D1, and from empty
// tables: the workers project runs its files in shared Workers (isolate: false in
// test/vitest.config.ts, which spares each file a Worker's start), so the database outlives a file.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
const { results: tables } = await env.DB.prepare(
  `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'
     AND name <> 'd1_migrations' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
     AND name NOT LIKE 'claims_fts_%' AND name NOT LIKE 'claims_match_%'`,
).all<{ name: string }>();
// The triggers that refuse deletes (the append-only history) step aside for the reset and are
// made again from their own SQL in the same batch.
const { results: guards } = await env.DB.prepare(
  "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%BEFORE DELETE%'",
).all<{ name: string; sql: string }>();
// One batch with the foreign keys checked at its end, when every table is empty; the search
// indexes empty themselves through their triggers.
await env.DB.batch([
  env.DB.prepare("PRAGMA defer_foreign_keys = on"),
  ...guards.map((g) => env.DB.prepare(`DROP TRIGGER "${g.name}"`)),
  ...tables.map((t) => env.DB.prepare(`DELETE FROM "${t.name}"`)),
  ...guards.map((g) => env.DB.prepare(g.sql)),
]);

// The Cache API outlives a file in a shared Worker, and a fresh database reuses the publication
// revisions the public pages' cache keys carry: each file gets a cache of its own as
// `caches.default` (the Worker reads `caches.default` on every request).
const shared = globalThis as unknown as { caches: CacheStorage & { default: Cache }; sharedCaches?: CacheStorage };
shared.sharedCaches ??= shared.caches;
const own = await shared.sharedCaches.open(`test-file-${crypto.randomUUID()}`);
Object.defineProperty(globalThis, "caches", {
  configurable: true,
  value: Object.create(shared.sharedCaches, { default: { value: own } }),
});
