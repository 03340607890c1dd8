// What a page says when a use case fails in a way no form field can show.
import type { Context } from "hono";
import type { AppEnv } from "../env";
import type { ServiceError } from "../services/result";
import { Layout } from "./components";
import { render } from "./render";

export function notFoundPage(c: Context<AppEnv>, what: string) {
  return render(
    c,
    <Layout title="Not found" principal={c.get("principal")}>
      <h1>Not found</h1>
      <p>There is no {what} here.</p>
      <p>
        <a href="/review">Back to the queue</a>
      </p>
    </Layout>,
    404,
  );
}

export function notAllowedPage(c: Context<AppEnv>) {
  return render(
    c,
    <Layout title="Not allowed" principal={c.get("principal")}>
      <h1>Not allowed</h1>
      <p>Your role ({c.get("principal").role}) may read claims but not change them.</p>
    </Layout>,
    403,
  );
}

/** One sentence for a failure shown above a form. */
export function failureMessage(error: ServiceError): string {
  switch (error.kind) {
    case "not_found":
      return error.detail ?? `There is no ${error.what} ${error.id}.`;
    case "forbidden":
      return `This needs the ${error.needs} role; you are a ${error.role}.`;
    case "stale":
      return `Someone else changed this claim first (it is now at version ${error.currentVersion}).`;
    case "invalid":
    case "malformed":
    case "too_large":
    case "duplicate":
    case "conflict":
      return error.detail;
  }
}

/** The HTTP status a page answers a failure with: the API's, so both doors agree. */
export function failureStatus(error: ServiceError): 403 | 404 | 409 | 400 | 413 | 422 {
  switch (error.kind) {
    case "not_found":
      return 404;
    case "forbidden":
      return 403;
    case "stale":
    case "duplicate":
    case "conflict":
      return 409;
    case "invalid":
      return 422;
    case "malformed":
      return 400;
    case "too_large":
      return 413;
  }
}
