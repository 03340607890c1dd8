// Every constraint of the data model, each proven by a write the database must refuse.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";

const T = "2026-01-01T00:00:00.000Z";
const HASH = "a".repeat(64);

async function exec(sql: string) {
  return env.DB.prepare(sql).run();
}

beforeEach(async () => {
  await env.DB.batch(
    [
      `INSERT OR IGNORE INTO speakers (id, name, kind, match_key, created_at, updated_at) VALUES ('spk_1', 'Sonny Leggett', 'person', 'k1', '${T}', '${T}')`,
      `INSERT OR IGNORE INTO sources (id, url, title, created_at, updated_at) VALUES ('src_1', 'https://example.org/a', 'A', '${T}', '${T}')`,
      `INSERT OR IGNORE INTO claims (id, text, speaker_id, source_id, dedupe_key, created_by, created_at, updated_at) VALUES ('clm_1', 'We call on the Taliban', 'spk_1', 'src_1', 'we call on the taliban', 't', '${T}', '${T}')`,
      `INSERT OR IGNORE INTO api_tokens (id, name, role, token_hash, created_at) VALUES ('tok_1', 'desk', 'viewer', '${HASH}', '${T}')`,
    ].map((s) => env.DB.prepare(s)),
  );
});

const claim = (cols: string, vals: string) =>
  `INSERT INTO claims (id, speaker_id, source_id, created_by, created_at, updated_at, ${cols}) VALUES ('clm_x', 'spk_1', 'src_1', 't', '${T}', '${T}', ${vals})`;

const refused: [rule: string, sql: string, error: RegExp][] = [
  // CHECK: vocabularies
  ["claim kind", claim("text, dedupe_key, kind", "'x', 'x', 'rumour'"), /CHECK constraint failed: claims_kind/],
  ["claim status", claim("text, dedupe_key, status", "'x', 'x', 'true'"), /CHECK constraint failed: claims_status/],
  [
    "claim attribution",
    claim("text, dedupe_key, attribution", "'x', 'x', 'made_up'"),
    /CHECK constraint failed: claims_attribution/,
  ],
  [
    "speaker kind",
    `INSERT INTO speakers (id, name, kind, match_key, created_at, updated_at) VALUES ('spk_x', 'X', 'robot', 'kx', '${T}', '${T}')`,
    /CHECK constraint failed: speakers_kind/,
  ],
  [
    "evidence stance",
    `INSERT INTO evidence (id, claim_id, note, stance, created_by, created_at) VALUES ('evd_x', 'clm_1', 'n', 'agrees', 't', '${T}')`,
    /CHECK constraint failed: evidence_stance/,
  ],
  [
    "flag name",
    `INSERT INTO claim_flags (claim_id, flag, raised_at) VALUES ('clm_1', 'looks_odd', '${T}')`,
    /CHECK constraint failed: claim_flags_flag/,
  ],
  [
    "event action",
    `INSERT INTO claim_events (id, claim_id, at, actor, action) VALUES ('evt_x', 'clm_1', '${T}', 't', 'deleted')`,
    /CHECK constraint failed: claim_events_action/,
  ],
  [
    "recheck outcome",
    `INSERT INTO rechecks (id, claim_id, source_id, at, outcome) VALUES ('rck_x', 'clm_1', 'src_1', '${T}', 'fine')`,
    /CHECK constraint failed: rechecks_outcome/,
  ],
  [
    "recheck http status",
    `INSERT INTO rechecks (id, claim_id, source_id, at, outcome, http_status) VALUES ('rck_x', 'clm_1', 'src_1', '${T}', 'unreachable', 999)`,
    /CHECK constraint failed: rechecks_http_status/,
  ],
  [
    "token role",
    `INSERT INTO api_tokens (id, name, role, token_hash, created_at) VALUES ('tok_x', 'n', 'owner', '${"b".repeat(64)}', '${T}')`,
    /CHECK constraint failed: api_tokens_role/,
  ],
  // CHECK: shapes and domain rules
  ["empty claim text", claim("text, dedupe_key", "'   ', 'x'"), /CHECK constraint failed: claims_text_present/],
  [
    "verdict without rationale",
    claim("text, dedupe_key, status", "'x', 'x', 'false'"),
    /CHECK constraint failed: claims_verdict_has_rationale/,
  ],
  [
    "version below 1",
    claim("text, dedupe_key, version", "'x', 'x', 0"),
    /CHECK constraint failed: claims_version_positive/,
  ],
  [
    "negative flag count",
    claim("text, dedupe_key, flag_count", "'x', 'x', -1"),
    /CHECK constraint failed: claims_flag_count/,
  ],
  [
    "blank speaker name",
    `INSERT INTO speakers (id, name, match_key, created_at, updated_at) VALUES ('spk_x', ' ', 'ky', '${T}', '${T}')`,
    /CHECK constraint failed: speakers_name_present/,
  ],
  [
    "non-http source url",
    `INSERT INTO sources (id, url, created_at, updated_at) VALUES ('src_x', 'javascript:alert(1)', '${T}', '${T}')`,
    /CHECK constraint failed: sources_url_http/,
  ],
  [
    "source with neither url, title nor publisher",
    `INSERT INTO sources (id, author, created_at, updated_at) VALUES ('src_x', 'Jane Doe', '${T}', '${T}')`,
    /CHECK constraint failed: sources_named/,
  ],
  [
    "source with a url and a match key (the key is for sources without one)",
    `INSERT INTO sources (id, url, match_key, created_at, updated_at) VALUES ('src_x', 'https://example.org/k', 'k', '${T}', '${T}')`,
    /CHECK constraint failed: sources_url_or_match_key/,
  ],
  [
    "evidence with neither url nor note",
    `INSERT INTO evidence (id, claim_id, title, stance, created_by, created_at) VALUES ('evd_x', 'clm_1', 'T', 'supports', 't', '${T}')`,
    /CHECK constraint failed: evidence_url_or_note/,
  ],
  [
    "non-http evidence url",
    `INSERT INTO evidence (id, claim_id, url, stance, created_by, created_at) VALUES ('evd_x', 'clm_1', 'ftp://x', 'supports', 't', '${T}')`,
    /CHECK constraint failed: evidence_url_http/,
  ],
  [
    "blank tag",
    `INSERT INTO claim_tags (claim_id, tag) VALUES ('clm_1', '  ')`,
    /CHECK constraint failed: claim_tags_tag_present/,
  ],
  [
    "token hash that is not a sha-256",
    `INSERT INTO api_tokens (id, name, role, token_hash, created_at) VALUES ('tok_x', 'n', 'viewer', 'plaintext-token', '${T}')`,
    /CHECK constraint failed: api_tokens_hash_shape/,
  ],
  // UNIQUE
  [
    "duplicate claim (same text key, speaker, source)",
    claim("text, dedupe_key", "'We call on the Taliban', 'we call on the taliban'"),
    /UNIQUE constraint failed: claims.dedupe_key, claims.speaker_id, claims.source_id/,
  ],
  [
    "duplicate claim id",
    `INSERT INTO claims (id, text, speaker_id, source_id, dedupe_key, created_by, created_at, updated_at) VALUES ('clm_1', 'other', 'spk_1', 'src_1', 'other', 't', '${T}', '${T}')`,
    /UNIQUE constraint failed: claims.id/,
  ],
  [
    "duplicate source url",
    `INSERT INTO sources (id, url, created_at, updated_at) VALUES ('src_x', 'https://example.org/a', '${T}', '${T}')`,
    /UNIQUE constraint failed: sources.url/,
  ],
  [
    "duplicate source match key (same title and publisher, no url)",
    `INSERT INTO sources (id, publisher, match_key, created_at, updated_at) VALUES ('src_y', 'AFP', 'afp-key', '${T}', '${T}'), ('src_z', 'afp', 'afp-key', '${T}', '${T}')`,
    /UNIQUE constraint failed: sources.match_key/,
  ],
  [
    "duplicate speaker (same name and role)",
    `INSERT INTO speakers (id, name, match_key, created_at, updated_at) VALUES ('spk_x', 'Sonny Leggett', 'k1', '${T}', '${T}')`,
    /UNIQUE constraint failed: speakers.match_key/,
  ],
  [
    "duplicate token hash",
    `INSERT INTO api_tokens (id, name, role, token_hash, created_at) VALUES ('tok_x', 'n', 'viewer', '${HASH}', '${T}')`,
    /UNIQUE constraint failed: api_tokens.token_hash/,
  ],
  // NOT NULL
  [
    "claim without speaker",
    `INSERT INTO claims (id, text, source_id, dedupe_key, created_by, created_at, updated_at) VALUES ('clm_x', 'x', 'src_1', 'x', 't', '${T}', '${T}')`,
    /NOT NULL constraint failed: claims.speaker_id/,
  ],
  // FOREIGN KEY
  [
    "claim with unknown speaker",
    `INSERT INTO claims (id, text, speaker_id, source_id, dedupe_key, created_by, created_at, updated_at) VALUES ('clm_x', 'x', 'spk_nope', 'src_1', 'x', 't', '${T}', '${T}')`,
    /FOREIGN KEY constraint failed/,
  ],
  [
    "claim with unknown source",
    `INSERT INTO claims (id, text, speaker_id, source_id, dedupe_key, created_by, created_at, updated_at) VALUES ('clm_x', 'x', 'spk_1', 'src_nope', 'x', 't', '${T}', '${T}')`,
    /FOREIGN KEY constraint failed/,
  ],
  [
    "evidence on unknown claim",
    `INSERT INTO evidence (id, claim_id, note, stance, created_by, created_at) VALUES ('evd_x', 'clm_nope', 'n', 'supports', 't', '${T}')`,
    /FOREIGN KEY constraint failed/,
  ],
  [
    "evidence naming an unknown speaker",
    `INSERT INTO evidence (id, claim_id, note, stance, speaker_id, created_by, created_at) VALUES ('evd_x', 'clm_1', 'n', 'supports', 'spk_nope', 't', '${T}')`,
    /FOREIGN KEY constraint failed/,
  ],
  [
    "event on unknown claim",
    `INSERT INTO claim_events (id, claim_id, at, actor, action) VALUES ('evt_x', 'clm_nope', '${T}', 't', 'edited')`,
    /FOREIGN KEY constraint failed/,
  ],
  [
    "recheck of unknown claim",
    `INSERT INTO rechecks (id, claim_id, source_id, at, outcome) VALUES ('rck_x', 'clm_nope', 'src_1', '${T}', 'no_url')`,
    /FOREIGN KEY constraint failed/,
  ],
  [
    "tag on unknown claim",
    `INSERT INTO claim_tags (claim_id, tag) VALUES ('clm_nope', 'x')`,
    /FOREIGN KEY constraint failed/,
  ],
  [
    "flag on unknown claim",
    `INSERT INTO claim_flags (claim_id, flag, raised_at) VALUES ('clm_nope', 'quote_missing', '${T}')`,
    /FOREIGN KEY constraint failed/,
  ],
  ["deleting a speaker that has claims", `DELETE FROM speakers WHERE id = 'spk_1'`, /FOREIGN KEY constraint failed/],
  // TRIGGER: repeats never form a cycle
  [
    "a claim repeating itself",
    `UPDATE claims SET repeat_of = 'clm_1' WHERE id = 'clm_1'`,
    /repeat_of would close a cycle/,
  ],
  [
    "a new claim repeating itself",
    claim("text, dedupe_key, repeat_of", "'x', 'x', 'clm_x'"),
    /repeat_of would close a cycle/,
  ],
];

describe("the database refuses", () => {
  it.each(refused)("%s", async (_rule, sql, error) => {
    await expect(exec(sql)).rejects.toThrow(error);
  });

  it("editing or deleting history (claim events are append-only)", async () => {
    await exec(
      `INSERT OR IGNORE INTO claim_events (id, claim_id, at, actor, action) VALUES ('evt_1', 'clm_1', '${T}', 't', 'created')`,
    );
    await expect(exec(`UPDATE claim_events SET actor = 'someone else' WHERE id = 'evt_1'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(exec(`DELETE FROM claim_events WHERE id = 'evt_1'`)).rejects.toThrow(/append-only/);
  });

  it("a repeat link that closes a chain of repeats, and no other", async () => {
    await env.DB.batch(
      ["clm_r1", "clm_r2", "clm_r3", "clm_r4"].map((id) =>
        env.DB.prepare(
          `INSERT OR IGNORE INTO claims (id, text, speaker_id, source_id, dedupe_key, created_by, created_at, updated_at) VALUES (?, ?, 'spk_1', 'src_1', ?, 't', '${T}', '${T}')`,
        ).bind(id, id, id),
      ),
    );
    // r1 -> r2 -> r3 -> r4, r1 -> r4 instead of r2 and back (a claim may move along its chain)
    await exec(`UPDATE claims SET repeat_of = 'clm_r2' WHERE id = 'clm_r1'`);
    await exec(`UPDATE claims SET repeat_of = 'clm_r3' WHERE id = 'clm_r2'`);
    await exec(`UPDATE claims SET repeat_of = 'clm_r4' WHERE id = 'clm_r3'`);
    await exec(`UPDATE claims SET repeat_of = 'clm_r4' WHERE id = 'clm_r1'`);
    await exec(`UPDATE claims SET repeat_of = 'clm_r2' WHERE id = 'clm_r1'`);
    for (const from of ["clm_r2", "clm_r3", "clm_r4"]) {
      await expect(exec(`UPDATE claims SET repeat_of = 'clm_r1' WHERE id = '${from}'`)).rejects.toThrow(
        /repeat_of would close a cycle/,
      );
    }
    // Two rows in one statement: the second is checked against the first as written.
    await expect(
      exec(
        `UPDATE claims SET repeat_of = CASE id WHEN 'clm_1' THEN 'clm_r4' ELSE 'clm_1' END WHERE id IN ('clm_1', 'clm_r4')`,
      ),
    ).rejects.toThrow(/repeat_of would close a cycle/);
  });
});

describe("the database keeps in step", () => {
  it("flag_count and the queue rank follow claim_flags", async () => {
    const rank = async () =>
      env.DB.prepare("SELECT flag_count, queue_rank FROM claims WHERE id = 'clm_1'").first<{
        flag_count: number;
        queue_rank: number;
      }>();
    expect(await rank()).toEqual({ flag_count: 0, queue_rank: 1 });
    await exec(`INSERT INTO claim_flags (claim_id, flag, raised_at) VALUES ('clm_1', 'quote_missing', '${T}')`);
    expect(await rank()).toEqual({ flag_count: 1, queue_rank: 0 });
    await exec(`DELETE FROM claim_flags WHERE claim_id = 'clm_1'`);
    expect(await rank()).toEqual({ flag_count: 0, queue_rank: 1 });
  });

  it("the search index follows a speaker's new name", async () => {
    await exec(`UPDATE speakers SET name = 'Col. Sonny Leggett' WHERE id = 'spk_1'`);
    const hit = await env.DB.prepare(
      `SELECT c.id FROM claims_fts JOIN claims c ON c.seq = claims_fts.rowid WHERE claims_fts MATCH '"col"'`,
    ).first<{ id: string }>();
    expect(hit?.id).toBe("clm_1");
  });
});
