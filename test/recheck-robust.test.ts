// The re-check job when things go wrong around it: a source that breaks, a run that crashes
// halfway, two runs at once, and the Queue path with its consumer.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import { createDb } from "../src/db/client";
import { leaseDueClaims, loadLeasedClaims } from "../src/db/queries/rechecks";
import type { RecheckMessage } from "../src/domain/recheck";
import { configOf } from "../src/env";
import worker from "../src/index";
import { runRecheckJob } from "../src/jobs/recheck";
import { recheckSettings } from "../src/services/rechecks";
import { visitClaims } from "../src/services/rechecks/visit";
import {
  claimRow,
  flagsOf,
  MINUTE,
  page,
  plus,
  rechecksOf,
  requests,
  run,
  seed,
  T0,
  testEnv,
  useWeb,
  web,
} from "./recheck-helpers";

useWeb();

const QUOTE = "insurgents had carried out 43 attacks on checkpoints";
const html = (body: string) => new HttpResponse(page(body), { headers: { "content-type": "text/html" } });

describe("faults", () => {
  it("one source that breaks never stops the batch: each claim gets its outcome", async () => {
    const [badUrl] = await seed("http://bad host.example/a", [{ text: QUOTE }]);
    const [brokenBody] = await seed("https://news.example/reset", [{ text: QUOTE }]);
    const [good] = await seed("https://news.example/fine", [{ text: QUOTE }]);
    web.use(
      http.get("https://news.example/reset", () => {
        const body = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode("<p>insurgents had"));
            controller.error(new Error("connection reset"));
          },
        });
        return new HttpResponse(body, { headers: { "content-type": "text/html" } });
      }),
      http.get("https://news.example/fine", () => html(`<p>${QUOTE}</p>`)),
    );
    const summary = await run(T0);
    expect(summary).toMatchObject({ due: 3, visited: 3 });
    expect(await rechecksOf(badUrl as string)).toMatchObject([
      { outcome: "error", detail: "internal error: stored url does not parse: http://bad host.example/a" },
    ]);
    expect(await rechecksOf(brokenBody as string)).toMatchObject([{ outcome: "unreachable" }]);
    expect((await rechecksOf(brokenBody as string))[0]?.detail).toMatch(/^network error: .*connection reset/);
    expect(await rechecksOf(good as string)).toMatchObject([{ outcome: "quote_present" }]);
    // Our own fault is retried with backoff like a failure, and raises no flag about the source.
    expect(await claimRow(badUrl as string)).toMatchObject({
      recheck_failures: 1,
      recheck_due_at: plus(60 * MINUTE).toISOString(),
    });
    expect(await flagsOf(badUrl as string)).toEqual([]);
  });

  describe("our own faults are recorded as `error` with a reference, never with the raw error", () => {
    /** Runs the job with a trigger that makes D1 fail as given; answers the JSON lines logged as errors. */
    async function runWithFault(trigger: string): Promise<Record<string, unknown>[]> {
      await env.DB.prepare(trigger).run();
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        await run(T0);
        return errors.mock.calls.map(([line]) => JSON.parse(String(line)));
      } finally {
        errors.mockRestore();
        await env.DB.prepare("DROP TRIGGER fault").run();
      }
    }
    const generic = /^internal error \(ref ([0-9a-f-]{36})\)$/;

    it("a D1 error while recording the visit", async () => {
      const [id] = await seed("https://news.example/fault-record", [{ text: QUOTE }]);
      web.use(http.get("https://news.example/fault-record", () => html(`<p>${QUOTE}</p>`)));
      const logged =
        await runWithFault(`CREATE TRIGGER fault BEFORE INSERT ON rechecks WHEN NEW.outcome = 'quote_present'
        BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: claim_flags_secret_rule'); END`);
      const [recheck] = await rechecksOf(id as string);
      expect(recheck?.outcome).toBe("error");
      expect(recheck?.detail).toMatch(generic);
      const ref = generic.exec(recheck?.detail ?? "")?.[1];
      expect(logged).toEqual([
        expect.objectContaining({
          job: "recheck",
          ref,
          claim: id,
          error: expect.stringContaining("claim_flags_secret_rule"),
        }),
      ]);
    });

    it("a D1 error while keeping the page: every claim of the source", async () => {
      const ids = await seed("https://news.example/fault-keep", [{ text: QUOTE }, { text: "checkpoints" }]);
      web.use(http.get("https://news.example/fault-keep", () => html(`<p>${QUOTE}</p>`)));
      const logged = await runWithFault(`CREATE TRIGGER fault BEFORE UPDATE OF latest_text ON sources
        BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: sources.secret_column'); END`);
      const details = [];
      for (const id of ids) {
        const [recheck] = await rechecksOf(id);
        expect(recheck?.outcome).toBe("error");
        expect(recheck?.detail).toMatch(generic);
        details.push(recheck?.detail);
      }
      const ref = generic.exec(details[0] ?? "")?.[1];
      expect(details[1]).toBe(details[0]);
      expect(logged).toEqual([
        expect.objectContaining({ job: "recheck", ref, error: expect.stringContaining("sources.secret_column") }),
      ]);
    });
  });

  it("a run that crashed halfway: the re-run visits only what was left, once, after the lease ends", async () => {
    const ids = await seed(null, [{ text: "a" }, { text: "b" }, { text: "c" }, { text: "d" }]);
    const db = createDb(env.DB);
    const settings = recheckSettings(configOf(testEnv()));
    // The crashed run: it leased all four and recorded two before it died.
    const leaseUntil = plus(15 * MINUTE);
    const leased = await leaseDueClaims(db, T0, leaseUntil, 50);
    expect(leased.sort()).toEqual([...ids].sort());
    const held = await loadLeasedClaims(db, new Map(leased.map((id) => [id, leaseUntil.toISOString()])));
    const done = held.filter((c) => c.id === ids[0] || c.id === ids[1]);
    await visitClaims(db, settings, done, T0);

    // While the dead run's lease lasts, nothing is visited twice, nor taken from it.
    expect(await run(plus(MINUTE))).toMatchObject({ due: 0 });
    // Once it has ended, the re-run visits the two left over, and only them.
    expect(await run(plus(16 * MINUTE))).toMatchObject({ due: 2, visited: 2 });
    expect(await run(plus(17 * MINUTE))).toMatchObject({ due: 0 });
    for (const id of ids) expect(await rechecksOf(id)).toHaveLength(1);
  });

  it("a run that lost its lease writes nothing", async () => {
    const [id] = await seed(null, [{ text: "a" }]);
    const db = createDb(env.DB);
    const leaseUntil = plus(15 * MINUTE);
    await leaseDueClaims(db, T0, leaseUntil, 50);
    const held = await loadLeasedClaims(db, new Map([[id as string, leaseUntil.toISOString()]]));
    // A later run took the claim over after the lease ended, and visited it.
    expect(await run(plus(20 * MINUTE))).toMatchObject({ visited: 1 });
    const [result] = await visitClaims(db, recheckSettings(configOf(testEnv())), held, T0);
    expect(result).toEqual({ claimId: id, recheck: null });
    expect(await rechecksOf(id as string)).toHaveLength(1);
  });

  it("two overlapping runs never visit the same claim, and fetch each source once", async () => {
    const ids = [
      ...(await seed("https://news.example/one", [{ text: QUOTE }, { text: "checkpoints" }])),
      ...(await seed("https://news.example/two", [{ text: QUOTE }])),
      ...(await seed("https://news.example/three", [{ text: QUOTE }])),
      ...(await seed(null, [{ text: QUOTE }])),
    ];
    web.use(http.get("https://news.example/:page", () => html(`<p>${QUOTE}</p>`)));
    const [first, second] = await Promise.all([run(T0), run(T0)]);
    expect((first?.visited ?? 0) + (second?.visited ?? 0)).toBe(ids.length);
    for (const id of ids) expect(await rechecksOf(id)).toHaveLength(1);
    expect(requests.map((r) => r.url).sort()).toEqual([
      "https://news.example/one",
      "https://news.example/three",
      "https://news.example/two",
    ]);
  });

  it("runs twice in a row: the second finds nothing due and changes nothing", async () => {
    const [id] = await seed("https://news.example/twice", [{ text: "not in the page" }]);
    web.use(http.get("https://news.example/twice", () => html("<p>Other words.</p>")));
    await run(T0);
    const before = await claimRow(id as string);
    expect(await run(T0)).toMatchObject({ due: 0, visited: 0 });
    expect(await claimRow(id as string)).toEqual(before);
    expect(await rechecksOf(id as string)).toHaveLength(1);
  });
});

describe("the Queue path", () => {
  const queue = (env as unknown as { TEST_RECHECK_QUEUE: Queue<RecheckMessage> }).TEST_RECHECK_QUEUE;

  async function waitFor(check: () => Promise<boolean>) {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 100));
  }

  it("the cron queues the due claims (sendBatch, 100 at a time) and the consumer visits them", async () => {
    const noUrl = await seed(
      null,
      Array.from({ length: 120 }, (_, i) => ({ text: `statement ${i}` })),
    );
    const [present, missing] = await seed("https://news.example/queued", [{ text: QUOTE }, { text: "withdrawn" }]);
    web.use(http.get("https://news.example/queued", () => html(`<p>${QUOTE}</p>`)));
    const summary = await runRecheckJob(testEnv({ RECHECK_QUEUE: queue, RECHECK_BATCH: "200" }), T0);
    expect(summary).toMatchObject({ due: 122, queued: 122, visited: 0 });
    // Queued claims stay leased: a run meanwhile does not take them.
    expect(await run(plus(20 * MINUTE))).toMatchObject({ due: 0 });

    await waitFor(async () => {
      const row = await env.DB.prepare("SELECT count(*) AS n FROM claims WHERE recheck_lease_until IS NOT NULL").first<{
        n: number;
      }>();
      return row?.n === 0;
    });
    expect((await rechecksOf(present as string))[0]?.outcome).toBe("quote_present");
    expect((await rechecksOf(missing as string))[0]?.outcome).toBe("quote_missing");
    expect(await flagsOf(missing as string)).toEqual(["quote_missing"]);
    for (const id of noUrl) expect(await rechecksOf(id)).toMatchObject([{ outcome: "no_url" }]);
  });

  it("the consumer acks a message whose lease has moved on, without visiting", async () => {
    const [id] = await seed(null, [{ text: QUOTE }]);
    await run(T0);
    const batch = createMessageBatch<RecheckMessage>("claimdesk-recheck-test", [
      { id: "m1", timestamp: T0, attempts: 1, body: { claimId: id as string, lease: plus(60 * MINUTE).toISOString() } },
    ]);
    await worker.queue(batch, testEnv());
    const result = await getQueueResult(batch, createExecutionContext());
    expect(result.explicitAcks).toEqual(["m1"]);
    expect(result.retryMessages).toEqual([]);
    expect(await rechecksOf(id as string)).toHaveLength(1);
  });
});
