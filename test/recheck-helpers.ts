// Shared by the re-check tests: a web stood in for by msw, claims seeded straight into D1,
// and readers for what a visit wrote.
import { env } from "cloudflare:workers";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { contentHash } from "../src/domain/hash";
import type { Env } from "../src/env";
import { runRecheckJob } from "../src/jobs/recheck";

export const web = setupServer();
/** Every request the job made, in order. */
export const requests: Request[] = [];

/** Files share a Worker (and so this module): each file listens, and records, only while it runs. */
export function useWeb() {
  const record = ({ request }: { request: Request }) => void requests.push(request);
  beforeAll(() => {
    web.listen({ onUnhandledRequest: "error" });
    web.events.on("request:start", record);
  });
  beforeEach(async () => {
    requests.length = 0;
    // Storage is shared by the tests of a file: claims of earlier tests are never due again.
    await env.DB.prepare("UPDATE claims SET recheck_due_at = NULL, recheck_lease_until = NULL").run();
  });
  afterEach(() => web.resetHandlers());
  afterAll(() => {
    web.events.removeListener("request:start", record);
    web.close();
  });
}

export const T0 = new Date("2026-11-25T12:00:00.000Z");
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const plus = (ms: number, from = T0) => new Date(from.getTime() + ms);

/** The test env without a queue, as a Worker without RECHECK_QUEUE sees it. */
export function testEnv(vars: Partial<Env> = {}): Env {
  return { ...env, RECHECK_QUEUE: undefined, ...vars };
}

export function run(now: Date, vars: Partial<Env> = {}) {
  return runRecheckJob(testEnv(vars), now);
}

let n = 0;
const at = T0.toISOString();

export interface SeedClaim {
  text: string;
  status?: string;
  verdictAt?: string;
}

/** A source (with `url`, or none) and its claims, all due at T0. Answers the claim ids in order. */
export async function seed(url: string | null, claims: SeedClaim[], archived?: string): Promise<string[]> {
  n++;
  const sourceId = `src_${n}`;
  const statements = [
    env.DB.prepare(
      "INSERT OR IGNORE INTO speakers (id, name, kind, match_key, created_at, updated_at) VALUES ('spk_1', 'Sonny Leggett', 'person', 'k1', ?, ?)",
    ).bind(at, at),
    env.DB.prepare(
      "INSERT INTO sources (id, url, title, text, content_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ).bind(sourceId, url, `Source ${n}`, archived ?? null, archived ? await contentHash(archived) : null, at, at),
  ];
  const ids = claims.map((_, i) => `clm_${n}_${i}`);
  claims.forEach((claim, i) => {
    const verdict = claim.status && !["unverified", "in_review"].includes(claim.status);
    statements.push(
      env.DB.prepare(
        `INSERT INTO claims (id, text, speaker_id, source_id, dedupe_key, status, rationale, verdict_at,
           recheck_due_at, created_by, created_at, updated_at)
         VALUES (?, ?, 'spk_1', ?, ?, ?, ?, ?, ?, 'test', ?, ?)`,
      ).bind(
        ids[i],
        claim.text,
        sourceId,
        `${n}:${i}`,
        claim.status ?? "unverified",
        verdict ? "checked" : null,
        claim.verdictAt ?? null,
        at,
        at,
        at,
      ),
    );
  });
  await env.DB.batch(statements);
  return ids;
}

export async function rechecksOf(claimId: string) {
  const { results } = await env.DB.prepare("SELECT * FROM rechecks WHERE claim_id = ? ORDER BY at, id")
    .bind(claimId)
    .all<{ outcome: string; http_status: number | null; detail: string | null; content_hash: string | null }>();
  return results;
}

export async function flagsOf(claimId: string): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT flag FROM claim_flags WHERE claim_id = ? ORDER BY flag")
    .bind(claimId)
    .all<{ flag: string }>();
  return results.map((r) => r.flag);
}

export async function flagEventsOf(claimId: string) {
  const { results } = await env.DB.prepare(
    "SELECT action, from_value, to_value, actor, note FROM claim_events WHERE claim_id = ? AND action LIKE 'flag_%' ORDER BY rowid",
  )
    .bind(claimId)
    .all<{ action: string; from_value: string | null; to_value: string | null; actor: string; note: string | null }>();
  return results.map((e) => `${e.action}:${e.to_value ?? e.from_value}`);
}

export async function claimRow(claimId: string) {
  return env.DB.prepare(
    "SELECT recheck_due_at, recheck_lease_until, recheck_failures, flag_count FROM claims WHERE id = ?",
  )
    .bind(claimId)
    .first<{
      recheck_due_at: string | null;
      recheck_lease_until: string | null;
      recheck_failures: number;
      flag_count: number;
    }>();
}

export async function sourceOf(claimId: string) {
  return env.DB.prepare("SELECT s.* FROM sources s JOIN claims c ON c.source_id = s.id WHERE c.id = ?")
    .bind(claimId)
    .first<{
      text: string | null;
      content_hash: string | null;
      latest_text: string | null;
      latest_content_hash: string | null;
      latest_fetched_at: string | null;
    }>();
}

export function page(body: string): string {
  return `<!doctype html><html><head><title>t</title><style>p{}</style></head><body>
<nav>Home · World · Sport</nav><header>The Daily Example</header>
<article>${body}</article>
<script>var quote = "never shown";</script><footer>© Example</footer></body></html>`;
}
