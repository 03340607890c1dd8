// The migration that makes the database refuse cycles of repeats (0013) first unlinks the cycles
// that links made at the same moment may have left: each claim on one, with its event.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { idPattern } from "../src/domain/ids";

const T = "2026-01-01T00:00:00.000Z";
const migration = env.TEST_MIGRATIONS.find((m) => m.name.includes("repeat_cycles"));

async function links(): Promise<Record<string, { repeat_of: string | null; version: number }>> {
  const { results } = await env.DB.prepare("SELECT id, repeat_of, version FROM claims WHERE id LIKE 'clm_m%'").all<{
    id: string;
    repeat_of: string | null;
    version: number;
  }>();
  return Object.fromEntries(results.map((r) => [r.id, { repeat_of: r.repeat_of, version: r.version }]));
}

describe("the repeat-cycles migration", () => {
  it("unlinks every claim on a cycle with a repeat_unlinked event, leaves the rest, and refuses cycles after", async () => {
    if (!migration) throw new Error("no repeat_cycles migration among TEST_MIGRATIONS");
    // A database from before the migration: no triggers, and cycles left by races.
    await env.DB.prepare("DROP TRIGGER claims_repeat_of_acyclic_update").run();
    await env.DB.prepare("DROP TRIGGER claims_repeat_of_acyclic_insert").run();
    const ids = ["a1", "a2", "b1", "b2", "b3", "s1", "in", "c1", "c2"].map((x) => `clm_m${x}`);
    const link: Record<string, string> = {
      clm_ma1: "clm_ma2", // a two-claim cycle
      clm_ma2: "clm_ma1",
      clm_mb1: "clm_mb2", // a three-claim cycle
      clm_mb2: "clm_mb3",
      clm_mb3: "clm_mb1",
      clm_ms1: "clm_ms1", // a claim repeating itself
      clm_min: "clm_mb1", // leads into a cycle, is not on it
      clm_mc1: "clm_mc2", // a plain chain
    };
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO speakers (id, name, kind, match_key, created_at, updated_at) VALUES ('spk_m', 'M', 'person', 'km', '${T}', '${T}')`,
      ),
      env.DB.prepare(
        `INSERT INTO sources (id, url, title, created_at, updated_at) VALUES ('src_m', 'https://example.org/m', 'M', '${T}', '${T}')`,
      ),
      ...ids.map((id) =>
        env.DB.prepare(
          `INSERT INTO claims (id, text, speaker_id, source_id, dedupe_key, created_by, created_at, updated_at) VALUES (?, ?, 'spk_m', 'src_m', ?, 't', '${T}', '${T}')`,
        ).bind(id, id, id),
      ),
      ...Object.entries(link).map(([id, to]) =>
        env.DB.prepare("UPDATE claims SET repeat_of = ? WHERE id = ?").bind(to, id),
      ),
    ]);

    for (const query of migration.queries) await env.DB.prepare(query).run();

    const cyclic = ["clm_ma1", "clm_ma2", "clm_mb1", "clm_mb2", "clm_mb3", "clm_ms1"];
    const after = await links();
    for (const id of cyclic) expect(after[id], id).toEqual({ repeat_of: null, version: 2 });
    expect(after.clm_min).toEqual({ repeat_of: "clm_mb1", version: 1 });
    expect(after.clm_mc1).toEqual({ repeat_of: "clm_mc2", version: 1 });
    expect(after.clm_mc2).toEqual({ repeat_of: null, version: 1 });

    const { results: events } = await env.DB.prepare(
      "SELECT id, claim_id, at, actor, action, from_value, to_value FROM claim_events WHERE claim_id LIKE 'clm_m%' ORDER BY claim_id",
    ).all<Record<string, string | null>>();
    expect(events.map((e) => [e.claim_id, e.from_value])).toEqual(cyclic.sort().map((id) => [id, link[id]]));
    for (const e of events) {
      expect(e).toMatchObject({ actor: "migration 0013", action: "repeat_unlinked", to_value: null });
      expect(e.id).toMatch(idPattern("event"));
      expect(Math.abs(Date.parse(e.at ?? "") - Date.now())).toBeLessThan(60_000);
      // The id's time part is the event's time, as the Worker's ids are.
      expect(e.id?.slice(4, 14)).toBe(timePart(Date.parse(e.at ?? "")));
    }

    await expect(env.DB.prepare("UPDATE claims SET repeat_of = 'clm_ma1' WHERE id = 'clm_ma1'").run()).rejects.toThrow(
      /repeat_of would close a cycle/,
    );
    await expect(env.DB.prepare("UPDATE claims SET repeat_of = 'clm_min' WHERE id = 'clm_mb1'").run()).rejects.toThrow(
      /repeat_of would close a cycle/,
    );
  });
});

/** The first ten characters of a ULID made at `ms` (src/domain/ids.ts). */
function timePart(ms: number): string {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  let out = "";
  for (let rest = ms, i = 0; i < 10; i++, rest = Math.floor(rest / 32)) out = alphabet[rest % 32] + out;
  return out;
}
