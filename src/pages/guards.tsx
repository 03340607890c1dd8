// What the pages refuse before any work: bodies over their size cap (413), checked before the
// form is read, CSRF-checked or the session looked up; and expensive actions over a reviewer's
// budget (429, src/middleware/rate-limit.ts).
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../env";
import { type LimiterName, retryAfter, spend } from "../middleware/rate-limit";
import { Layout } from "./components";
import { render } from "./render";

/** The login and logout forms: a token and a path. */
export const LOGIN_MAX_BYTES = 8 * 1024;
/** Every other form except /import's (src/pages/import.tsx): a claim's fields fit many times over. */
export const FORM_MAX_BYTES = 1024 * 1024;

export function tooLargePage(c: Context<AppEnv>, limit: string) {
  return render(
    c,
    <Layout title="Too large" principal={null}>
      <h1>Too large</h1>
      <p>What you sent is larger than this form accepts: at most {limit}. Nothing was saved.</p>
      <p>
        <a href="/review">Back to the queue</a>
      </p>
    </Layout>,
    413,
  );
}

/**
 * A cap on the request body: a Content-Length over it is refused without reading a byte, and a
 * body without one (chunked) is refused as soon as the bytes read pass it (hono's bodyLimit).
 */
export function bodyCap(maxSize: number, limit: string, onTooLarge = (c: Context<AppEnv>) => tooLargePage(c, limit)) {
  return bodyLimit({ maxSize, onError: (c) => onTooLarge(c as Context<AppEnv>) }) as MiddlewareHandler<AppEnv>;
}

/** The budgets pages spend from (matching is spent through the API only; the /import preview's
 * matches are part of its extraction). */
const ACTIONS: Record<Extract<LimiterName, "EXTRACT_LIMITER" | "RECHECK_LIMITER">, string> = {
  EXTRACT_LIMITER: "article imports",
  RECHECK_LIMITER: "re-checks",
};

/** After the session and role checks: a 429 page with Retry-After when over the budget. */
export function spendingLimitPage(name: keyof typeof ACTIONS): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limited = await spend(c.env, name, c.get("principal"));
    if (!limited) return next();
    retryAfter(c, limited);
    return render(
      c,
      <Layout title="Too many requests" principal={c.get("principal")}>
        <h1>Too many requests</h1>
        <p>
          You have asked for too many {ACTIONS[name]} in the last minute. Try again in {limited.retryAfter} seconds;
          nothing was changed.
        </p>
        <p>
          <a href="/review">Back to the queue</a>
        </p>
      </Layout>,
      429,
    );
  };
}
