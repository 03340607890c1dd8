// The local D1 that `wrangler dev` uses (.wrangler/state), opened from Node through wrangler's
// platform proxy, so the demo loader runs the same query code as the Worker.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { getPlatformProxy } from "wrangler";
import { createDb } from "../db/client";
import { type DemoFixture, loadDemoData } from "../db/demo";
import { worthiness } from "../worthiness/model";

const demoDir = path.resolve(import.meta.dirname, "../db/demo");

/** Loads the demo data when the local database holds no claims; answers how many it added.
 * `persistTo` is a `wrangler --persist-to` directory (the browser tests' fresh D1); without it,
 * the developer's own `.wrangler/state`. */
export async function seedLocalWhenEmpty(persistTo?: string): Promise<number> {
  const proxy = await openLocalDb(persistTo);
  try {
    return await seedWhenEmpty(proxy.env.DB);
  } finally {
    await proxy.dispose();
  }
}

/** The local D1 through wrangler's platform proxy (dispose it when done). */
export function openLocalDb(persistTo?: string) {
  return getPlatformProxy<{ DB: D1Database }>({
    configPath: "wrangler.toml",
    ...(persistTo ? { persist: { path: path.join(persistTo, "v3") } } : {}),
  });
}

/** Loads the demo data into `db` when it holds no claims; answers how many it added. */
export async function seedWhenEmpty(db: D1Database): Promise<number> {
  const row = await db.prepare("SELECT count(*) AS n FROM claims").first<{ n: number }>();
  if ((row?.n ?? 0) > 0) return 0;
  const fixture = JSON.parse(
    await readFile(path.join(demoDir, "article-2020-03-05-kunduz.claims.json"), "utf8"),
  ) as DemoFixture;
  const article = await readFile(path.join(demoDir, "article-2020-03-05-kunduz.txt"), "utf8");
  const { created } = await loadDemoData(createDb(db), fixture, article, (text) => worthiness(text).score);
  return created;
}
