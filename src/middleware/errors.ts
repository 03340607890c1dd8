// The app's last word on every failure: problem+json, never a stack trace.
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type AppEnv, ConfigError } from "../env";
import { Problem, problemResponse } from "./problem";

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  413: "Payload too large",
  415: "Unsupported media type",
};

export const handleError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof Problem) return problemResponse(c, err.init);
  if (err instanceof ConfigError) {
    // The operator's fault, said in the log with the variables' names (never their values).
    console.error(JSON.stringify({ level: "error", requestId: c.get("requestId"), message: err.message }));
    return problemResponse(c, {
      status: 500,
      title: "Misconfigured",
      detail: `claimdesk cannot run with its current settings: check ${err.problems.map((p) => p.variable).join(", ")}.`,
    });
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return problemResponse(c, { status, title: TITLES[status] ?? "Error", detail: err.message || undefined });
  }
  // Our own fault: log it with the request id, tell the client only that id.
  const requestId = c.get("requestId");
  console.error(JSON.stringify({ level: "error", requestId, message: String(err), stack: (err as Error)?.stack }));
  return problemResponse(c, {
    status: 500,
    title: "Internal error",
    detail: `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
    extensions: { request_id: requestId },
  });
};

export const handleNotFound: NotFoundHandler<AppEnv> = (c: Context) =>
  problemResponse(c, {
    status: 404,
    title: "Not found",
    detail: `Nothing is served at ${c.req.method} ${new URL(c.req.url).pathname}.`,
  });
