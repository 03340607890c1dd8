// What a page says when a use case fails in a way no form field can show.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Principal } from "../domain/permissions";
import type { AppEnv } from "../env";
import { describeError, notFoundDetail } from "../middleware/errors";
import type { ServiceError } from "../services/result";
import { Layout, Notice } from "./components";
import { type FieldErrors, formErrors } from "./forms";
import { render } from "./render";
import { currentPrincipal } from "./session";

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

/** The pages' CSP for a page answered outside the page routes (an unknown path, a thrown error):
 * the same as theirs, without scripts. */
const ERROR_PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Who is signed in, for the header of a page answered outside the page routes; nobody when the
 * session cannot be read (the failure may be that very thing). */
async function whoever(c: Context<AppEnv>): Promise<Principal | null> {
  const known = c.get("principal");
  if (known) return known;
  try {
    return await currentPrincipal(c);
  } catch {
    return null;
  }
}

function ErrorBody({ title, detail, principal }: { title: string; detail?: string; principal: Principal | null }) {
  return (
    <Layout title={title} principal={principal}>
      <h1>{title}</h1>
      {detail && <p>{detail}</p>}
      <p>
        {principal ? <a href="/review">Back to the queue</a> : <a href="/fact-checks">See the published fact-checks</a>}
        {principal ? null : (
          <>
            {" "}
            or <a href="/login">log in to the desk</a>
          </>
        )}
      </p>
    </Layout>
  );
}

/** A browser's unknown path: a 404 page in the desk's layout (the API answers problem+json). */
export async function pageNotFound(c: Context<AppEnv>) {
  c.header("Content-Security-Policy", ERROR_PAGE_CSP);
  const principal = await whoever(c);
  return render(c, <ErrorBody title="Not found" detail={notFoundDetail(c)} principal={principal} />, 404);
}

/** A browser route's failure (a refused form body, a CSRF refusal, our own fault): an HTML page
 * with the status and words the API would give (src/middleware/errors.ts says both). */
export async function errorPage(err: unknown, c: Context<AppEnv>) {
  const problem = describeError(err, c);
  c.header("Content-Security-Policy", ERROR_PAGE_CSP);
  const principal = problem.status >= 500 ? null : await whoever(c);
  const title = problem.status === 403 ? "Not allowed" : problem.title;
  return render(
    c,
    <ErrorBody title={title} detail={problem.detail} principal={principal} />,
    problem.status as ContentfulStatusCode,
  );
}

export function notAllowedPage(c: Context<AppEnv>, needs = "reviewer") {
  const role = c.get("principal").role;
  return render(
    c,
    <Layout title="Not allowed" principal={c.get("principal")}>
      <h1>Not allowed</h1>
      <p>
        {needs === "admin"
          ? `This is for admins; your role is ${role}.`
          : `Your role (${role}) may read claims but not change them.`}
      </p>
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

/** A refused form's answer, for the page that shows the form again with the input kept. */
export interface Refusal {
  status: 400 | 404 | 409 | 413 | 422;
  /** Beside each field (a rule a field broke). */
  errors?: FieldErrors;
  /** Above the form (a rule about the state, a duplicate, a missing part). */
  message?: string;
  /** The claim changed first: the version it is at now. */
  currentVersion?: number;
}

/**
 * The one mapping of a use case's failure to a page: 403 and 404 pages where there is nothing to
 * show again (the caller's role; the page's own subject is gone), else `again` with the refusal,
 * so the reviewer's input stays on screen. Statuses are the API's (src/api/results.ts), so both
 * doors agree.
 */
export function refusalPage(
  c: Context<AppEnv>,
  error: ServiceError,
  again: (refusal: Refusal) => Response | Promise<Response>,
  options: { subject?: { what: string; id: string }; duplicate?: (existingId: string) => string } = {},
) {
  switch (error.kind) {
    case "forbidden":
      return notAllowedPage(c, error.needs);
    case "not_found": {
      const { subject } = options;
      if (!subject || (error.what === subject.what && error.id === subject.id)) return notFoundPage(c, error.what);
      return again({ status: 404, message: failureMessage(error) });
    }
    case "invalid":
      return again({ status: 422, errors: formErrors(error.errors) });
    case "stale":
      return again({ status: 409, message: failureMessage(error), currentVersion: error.currentVersion });
    case "duplicate":
      return again({ status: 409, message: options.duplicate?.(error.existingId) ?? error.detail });
    case "conflict":
      return again({ status: 409, message: error.detail });
    case "malformed":
      return again({ status: 400, message: error.detail });
    case "too_large":
      return again({ status: 413, message: error.detail });
  }
}

/** A failure with no form to show again: its 403 or 404 page, or a page that says why. */
export function failurePage(
  c: Context<AppEnv>,
  error: ServiceError,
  back = { href: "/review", label: "Back to the queue" },
) {
  return refusalPage(c, error, (refusal) =>
    render(
      c,
      <Layout title="Not done" principal={c.get("principal")}>
        <h1>Not done</h1>
        <Notice kind="bad">{refusal.message ?? failureMessage(error)}</Notice>
        <p>
          <a href={back.href}>{back.label}</a>
        </p>
      </Layout>,
      refusal.status,
    ),
  );
}
