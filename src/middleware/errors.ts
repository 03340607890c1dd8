// The app's last word on every failure: problem+json for the API (an HTML page for the
// browser's routes, src/pages/failures.tsx), never a stack trace.
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type AppEnv, ConfigError } from "../env";
import { Problem, type ProblemInit, problemResponse } from "./problem";

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  413: "Payload too large",
  415: "Unsupported media type",
};

/**
 * What a failure is, said once for both doors (the API's problem+json here, the pages' HTML
 * error page in src/pages/failures.tsx): our own faults and the operator's are logged with the
 * request id; the answer carries only the id, never a stack.
 */
export function describeError(err: unknown, c: Context<AppEnv>): ProblemInit {
  if (err instanceof Problem) return err.init;
  if (err instanceof ConfigError) {
    // The operator's fault, said in the log with the variables' names (never their values).
    console.error(JSON.stringify({ level: "error", requestId: c.get("requestId"), message: err.message }));
    return {
      status: 500,
      title: "Misconfigured",
      detail: `claimdesk cannot run with its current settings: check ${err.problems.map((p) => p.variable).join(", ")}.`,
    };
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return { status, title: TITLES[status] ?? "Error", detail: err.message || undefined };
  }
  // Our own fault: log it with the request id, tell the client only that id.
  const requestId = c.get("requestId");
  console.error(JSON.stringify({ level: "error", requestId, message: String(err), stack: (err as Error)?.stack }));
  return {
    status: 500,
    title: "Internal error",
    detail: `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
    extensions: { request_id: requestId },
  };
}

export const handleError: ErrorHandler<AppEnv> = (err, c) => problemResponse(c, describeError(err, c));

/** What answers problem+json: the API and the health check. Every other path is a browser's:
 * src/pages answers it with an HTML page in the desk's layout. */
export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/") || path === "/healthz";
}

export const notFoundDetail = (c: Context) => `Nothing is served at ${c.req.method} ${new URL(c.req.url).pathname}.`;

export const handleNotFound: NotFoundHandler<AppEnv> = (c: Context) =>
  problemResponse(c, { status: 404, title: "Not found", detail: notFoundDetail(c) });
