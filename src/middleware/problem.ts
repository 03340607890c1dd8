// RFC 9457 problem details: every error the Worker answers has this shape.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { FieldError } from "../domain/errors";

export interface ProblemInit {
  status: ContentfulStatusCode;
  title: string;
  detail?: string;
  /** A slug under /problems/ naming the kind of problem, e.g. "not-found". */
  type?: string;
  errors?: FieldError[];
  /** Extension members (RFC 9457 §3.2), e.g. the current version on a 412. */
  extensions?: Record<string, unknown>;
}

/** Thrown anywhere in a request; the app's error handler turns it into problem+json. */
export class Problem extends Error {
  constructor(readonly init: ProblemInit) {
    super(init.detail ?? init.title);
    this.name = "Problem";
  }
}

const SLUGS: Partial<Record<number, string>> = {
  400: "bad-request",
  401: "unauthorized",
  403: "forbidden",
  404: "not-found",
  405: "method-not-allowed",
  409: "conflict",
  412: "precondition-failed",
  413: "payload-too-large",
  415: "unsupported-media-type",
  422: "validation-failed",
  428: "precondition-required",
  429: "too-many-requests",
  500: "internal-error",
  503: "unavailable",
};

export function problemBody(init: ProblemInit, instance?: string) {
  const slug = init.type ?? SLUGS[init.status] ?? "about:blank";
  return {
    type: slug === "about:blank" ? slug : `/problems/${slug}`,
    title: init.title,
    status: init.status,
    ...(init.detail === undefined ? {} : { detail: init.detail }),
    ...(instance === undefined ? {} : { instance }),
    ...(init.errors === undefined ? {} : { errors: init.errors }),
    ...init.extensions,
  };
}

export function problemResponse(c: Context, init: ProblemInit): Response {
  return c.body(JSON.stringify(problemBody(init, new URL(c.req.url).pathname)), init.status, {
    "Content-Type": "application/problem+json",
  });
}
