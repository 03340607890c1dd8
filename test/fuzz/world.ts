// The fuzz suite's world: the callers (one per role, and ones that are no caller), a few real
// claims, speakers, sources, evidence items, flags and tokens to aim at, and the pools of ids
// that grow as the fuzz creates more.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { ADMIN, api, attacksClaim, tokenFor } from "../api/helpers";
import type { IdKind, IdPools } from "./arbitraries";
import { forgetWrites, installWriteCounter } from "./harness";

export const ROLES = ["admin", "reviewer", "viewer", "none", "bogus", "revoked"] as const;
export type Caller = (typeof ROLES)[number];

const POOL_SIZE = 40;
export const pools: Record<IdKind, string[]> = { claim: [], speaker: [], source: [], evidence: [], token: [] };

const PREFIX_KIND: Record<string, IdKind> = {
  clm: "claim",
  spk: "speaker",
  src: "source",
  evd: "evidence",
  tok: "token",
};

/** Remembers an id the API handed out (by its prefix), so later cases aim at it. */
export function learn(id: unknown) {
  if (typeof id !== "string") return;
  const kind = PREFIX_KIND[id.slice(0, 3)];
  if (!kind) return;
  const pool = pools[kind];
  if (pool.includes(id)) return;
  pool.push(id);
  if (pool.length > POOL_SIZE) pool.splice(3, 1); // the seeded first three stay
}

/** Real ids: the seeded ones (flagged, rated false, with evidence) a third of the time. */
export const ids: IdPools = {
  real: (kind) =>
    fc
      .oneof({ weight: 1, arbitrary: fc.nat(2) }, { weight: 2, arbitrary: fc.nat() })
      .map((n) => pools[kind][n % Math.max(1, pools[kind].length)] ?? `${kind}_none`),
};

export interface World {
  tokens: Record<Caller, string | null>;
  claims: string[];
  /** A claim rated false with one evidence item, which therefore cannot be removed. */
  falseClaim: string;
  /** The public page of a published fact-check (the third seed, rated verified). */
  publishedPath: string;
}

/** Raises every flag on the seeded claims again (fuzzed flag clears take them away). */
export async function raiseFlags(claimIds: string[]) {
  forgetWrites();
  const at = new Date().toISOString();
  await env.DB.batch(
    claimIds.flatMap((id) =>
      ["quote_missing", "source_changed", "source_unreachable", "verdict_stale"].map((flag) =>
        env.DB.prepare(
          "INSERT OR IGNORE INTO claim_flags (claim_id, flag, raised_at, detail) VALUES (?, ?, ?, 'fuzz')",
        ).bind(id, flag, at),
      ),
    ),
  );
}

async function ok<T>(res: Promise<{ status: number; json: T; text: string }>, status: number): Promise<T> {
  const r = await res;
  if (r.status !== status) throw new Error(`setup: expected ${status}, got ${r.status}: ${r.text}`);
  return r.json;
}

/** Made once per test file, in its beforeAll: test files share Workers (and this module), and
 * each starts from an emptied database, so the pools of the previous file's ids are dropped. */
export function setUpWorld(): Promise<World> {
  for (const pool of Object.values(pools)) pool.length = 0;
  return (async () => {
    await installWriteCounter();
    const revoked = await ok(api("POST", "/tokens", { body: { name: "fuzz revoked", role: "reviewer" } }), 201);
    await ok(api("DELETE", `/tokens/${revoked.id}`), 204);
    const tokens: Record<Caller, string | null> = {
      admin: ADMIN,
      reviewer: await tokenFor("reviewer", "fuzz reviewer"),
      viewer: await tokenFor("viewer", "fuzz viewer"),
      none: null,
      bogus: "cd_0000000000000000000000000000000000000000",
      revoked: revoked.token,
    };
    const claims: string[] = [];
    const seeds = [
      attacksClaim,
      {
        text: "the relationship is very good",
        kind: "direct_quote",
        speaker: { name: "Donald Trump", role: "US President", kind: "person" },
        source: { title: "Wire copy without a link", publisher: "AFP" },
        tags: ["us", "diplomacy"],
      },
      {
        text: "20 soldiers were killed",
        speaker: { name: "Abdul Ghani", role: "provincial council member" },
        source: { url: "https://www.example.org/kunduz-attack", title: "Kunduz attack", published_at: "2020-03-05" },
        context: "Overnight, 20 soldiers were killed in Kunduz, a council member said.",
      },
    ];
    for (const body of seeds) {
      const made = await ok(api("POST", "/claims", { body }), 201);
      claims.push(made.id);
      learn(made.id);
      learn(made.speaker.id);
      learn(made.source.id);
      const item = await ok(
        api("POST", `/claims/${made.id}/evidence`, {
          body: { url: "https://www.example.com/statement", title: "Statement", stance: "supports" },
        }),
        201,
      );
      learn(item.id);
    }
    const falseClaim = claims[0] as string;
    await ok(
      api("POST", `/claims/${falseClaim}/reviews`, {
        body: { status: "false", rationale: "The count was 34, per the statement." },
        headers: { "if-match": '"2"' },
      }),
      200,
    );
    const publishedClaim = claims[2] as string;
    await ok(
      api("POST", `/claims/${publishedClaim}/reviews`, {
        body: { status: "verified", rationale: "The ministry confirmed the toll." },
        headers: { "if-match": '"2"' },
      }),
      200,
    );
    const published = await ok(
      api("POST", `/claims/${publishedClaim}/publication`, {
        body: { action: "publish" },
        headers: { "if-match": '"3"' },
      }),
      200,
    );
    learn((await ok(api("POST", "/speakers", { body: { name: "Unnamed official", kind: "anonymous" } }), 201)).id);
    learn((await ok(api("POST", "/sources", { body: { url: "https://example.net/a", title: "A" } }), 201)).id);
    for (const name of ["fuzz disposable 1", "fuzz disposable 2"]) {
      learn((await ok(api("POST", "/tokens", { body: { name, role: "viewer" } }), 201)).id);
    }
    await raiseFlags(claims.slice(1));
    return { tokens, claims, falseClaim, publishedPath: published.url as string };
  })();
}

export function authorization(world: World, caller: Caller): Record<string, string> {
  const token = world.tokens[caller];
  return token === null ? {} : { authorization: `Bearer ${token}` };
}
