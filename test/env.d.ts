/// <reference types="vite/client" />
import type { D1Migration } from "cloudflare:test";
import type { Env as WorkerEnv } from "../src/env";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
      /** Limit 3 a minute, for test/rate-limits.test.ts (the others are generous in tests). */
      STRICT_AUTH_FAILURE_LIMITER: RateLimit;
      STRICT_EXTRACT_LIMITER: RateLimit;
      STRICT_RECHECK_LIMITER: RateLimit;
      STRICT_MATCH_LIMITER: RateLimit;
      /** The fuzz suite's number of cases and seed (test/fuzz), from the environment of `npm test`. */
      FUZZ_RUNS?: string;
      FUZZ_SEED?: string;
    }
    interface GlobalProps {
      mainModule: typeof import("../src/index");
    }
  }
}
