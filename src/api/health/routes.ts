import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { problemResponse } from "../../middleware/problem";

export const health = new Hono<AppEnv>();

/** Liveness and D1 reachability; no auth, so a load balancer or uptime check can call it. */
health.get("/healthz", async (c) => {
  const started = Date.now();
  try {
    await c.env.DB.prepare("SELECT 1").first();
  } catch (err) {
    console.error(
      JSON.stringify({ level: "error", requestId: c.get("requestId"), message: `healthz: ${String(err)}` }),
    );
    return problemResponse(c, {
      status: 503,
      title: "Database unreachable",
      detail: "D1 did not answer a trivial query.",
    });
  }
  c.header("Cache-Control", "no-store");
  return c.json({ status: "ok", database: "ok", latency_ms: Date.now() - started });
});
