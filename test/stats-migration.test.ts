// Migration 0014 counts what was there before it: on a database holding claims, tags, flags, a
// history of status changes and re-checks, its backfill gives the same counters as its triggers
// give when the same history happens after it.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const migration = env.TEST_MIGRATIONS.find((m) => m.name.includes("dashboard_stats"));
const run = (sql: string, ...binds: unknown[]) => env.DB.prepare(sql).bind(...binds);

let events = 0;
function claim(id: string, speaker: string, at: string, extra: { assignee?: string; repeatOf?: string } = {}) {
  return run(
    `INSERT INTO claims (id, text, speaker_id, source_id, dedupe_key, created_by, created_at, updated_at, assignee, repeat_of)
     VALUES (?, ?, ?, 'src_mig', ?, 't', ?, ?, ?, ?)`,
    id,
    id,
    speaker,
    id,
    at,
    at,
    extra.assignee ?? null,
    extra.repeatOf ?? null,
  );
}
function review(id: string, from: string, to: string, at: string, actor: string) {
  const verdict = !["unverified", "in_review"].includes(to);
  events += 1;
  return [
    run(
      "UPDATE claims SET status = ?, rationale = ?, verdict_at = ?, updated_at = ? WHERE id = ?",
      to,
      verdict ? "r" : null,
      verdict ? at : null,
      at,
      id,
    ),
    run(
      "INSERT INTO claim_events (id, claim_id, at, actor, action, from_value, to_value) VALUES (?, ?, ?, ?, 'status_changed', ?, ?)",
      `evt_mig${events}`,
      id,
      at,
      actor,
      from,
      to,
    ),
  ];
}

async function counters() {
  const { results } = await env.DB.prepare(
    "SELECT scope, metric, day, key, n FROM stat_counters WHERE n <> 0 ORDER BY scope, metric, day, key",
  ).all();
  return results;
}

describe("migration 0014's backfill", () => {
  it("gives the counters the triggers keep", async () => {
    if (!migration) throw new Error("no dashboard_stats migration among TEST_MIGRATIONS");
    await env.DB.batch([
      run(
        "INSERT INTO speakers (id, name, match_key, created_at, updated_at) VALUES ('spk_m1', 'One', 'm1', '2026-01-01', '2026-01-01'), ('spk_m2', 'Two', 'm2', '2026-01-01', '2026-01-01')",
      ),
      run(
        "INSERT INTO sources (id, url, created_at, updated_at) VALUES ('src_mig', 'https://example.org/mig', '2026-01-01', '2026-01-01')",
      ),
      claim("m1", "spk_m1", "2026-03-01T08:00:00.000Z"),
      run("INSERT INTO claim_tags (claim_id, tag) VALUES ('m1', 'energy'), ('m1', 'health')"),
      claim("m2", "spk_m1", "2026-03-02T08:00:00.000Z", { assignee: "dana", repeatOf: "m1" }),
      run("INSERT INTO claim_tags (claim_id, tag) VALUES ('m2', 'energy')"),
      claim("m3", "spk_m2", "2026-03-03T08:00:00.000Z", { assignee: "eli" }),
      ...review("m1", "unverified", "false", "2026-03-04T09:30:00.000Z", "dana"),
      ...review("m3", "unverified", "in_review", "2026-03-05T00:00:00.000Z", "eli"),
      ...review("m3", "in_review", "verified", "2026-03-09T00:00:00.000Z", "eli"),
      ...review("m3", "verified", "unverified", "2026-03-10T00:00:00.000Z", "dana"),
      ...review("m3", "unverified", "misleading", "2026-03-12T00:00:00.000Z", "dana"),
      run(
        "INSERT INTO claim_flags (claim_id, flag, raised_at) VALUES ('m1', 'verdict_stale', '2026-03-20'), ('m2', 'quote_missing', '2026-03-20')",
      ),
      run(
        "INSERT INTO rechecks (id, claim_id, source_id, at, outcome) VALUES ('rck_m1', 'm1', 'src_mig', '2026-03-06T00:00:00.000Z', 'source_changed')",
      ),
    ]);
    const kept = await counters();
    expect(kept.length).toBeGreaterThan(20);
    const firstVerdicts = await env.DB.prepare("SELECT id, first_verdict_at FROM claims ORDER BY id").all();

    // The database as it was before 0014: none of its tables, views, triggers or columns.
    const { results: made } = await env.DB.prepare(
      "SELECT type, name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'stats_%' OR name LIKE 'stat_%' OR name LIKE 'claim_publications_speaker_%' OR name = 'speakers_public_key')",
    ).all<{ type: string; name: string }>();
    await env.DB.batch([
      ...made.map((t) => run(`DROP TRIGGER "${t.name}"`)),
      run("DROP VIEW stat_bumps"),
      run("DROP TABLE stat_counters"),
      run("DROP INDEX claim_publications_speaker_idx"),
      run("ALTER TABLE claim_publications DROP COLUMN speaker_key"),
      run("DROP INDEX speakers_public_key_unique"),
      run("ALTER TABLE speakers DROP COLUMN public_key"),
      run("ALTER TABLE claims DROP COLUMN first_verdict_at"),
    ]);

    for (const query of migration.queries) await env.DB.prepare(query).run();

    expect(await counters()).toEqual(kept);
    expect((await env.DB.prepare("SELECT id, first_verdict_at FROM claims ORDER BY id").all()).results).toEqual(
      firstVerdicts.results,
    );
    // m3's first verdict came 6 days after filing (its later ones do not count).
    expect(kept).toContainEqual({ scope: "*", metric: "ttv", day: "2026-03-09", key: "136", n: 1 });
  });
});
