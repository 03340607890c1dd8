// The pieces every page shares: the layout, status and flag badges, form fields with their errors.

import type { Child, PropsWithChildren } from "hono/jsx";
import { displayName } from "../domain/actors";
import * as labels from "../domain/labels";
import type { Principal } from "../domain/permissions";
import { allows } from "../domain/permissions";
import { isHttpUrl } from "../domain/url";
import type { FieldErrors, FormValues } from "./forms";

// The labels live in src/domain/labels.ts (one name per verdict in every door); these are the
// same tables, indexable by any string for the pages' convenience.
export const STATUS_LABELS: Record<string, string> = labels.STATUS_LABELS;
export const ATTRIBUTION_LABELS: Record<string, string> = labels.ATTRIBUTION_LABELS;
export const FLAG_LABELS: Record<string, string> = labels.FLAG_LABELS;

export function Layout(
  props: PropsWithChildren<{ title: string; principal: Principal | null; nonce?: string; search?: string }>,
) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · claimdesk`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="icon" href="data:," />
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/review">
            claimdesk
          </a>
          {props.principal && (
            <nav aria-label="Main">
              <a href="/review">Queue</a> · <a href="/claims/new">New claim</a> · <a href="/import">Import</a> ·{" "}
              <a href="/dashboard">Dashboard</a>
              {allows(props.principal.role, "admin") && (
                <>
                  {" "}
                  · <a href="/admin/tokens">Tokens</a> · <a href="/admin/webhooks">Webhooks</a>
                </>
              )}
            </nav>
          )}
          {props.principal && (
            <span>
              <span class="who">
                <strong>{displayName(props.principal.actor)}</strong>
                {props.principal.key !== "admin-token" && <span class="role"> ({props.principal.role})</span>}
              </span>{" "}
              <form method="post" action="/logout">
                <button type="submit">Log out</button>
              </form>
            </span>
          )}
        </header>
        <main id="main">{props.children}</main>
        <dialog id="shortcut-help" aria-labelledby="shortcut-title">
          <h2 id="shortcut-title">Keyboard shortcuts</h2>
          <table>
            <tbody>
              <tr>
                <td>
                  <kbd>j</kbd> / <kbd>k</kbd>
                </td>
                <td>next / previous claim in the queue</td>
              </tr>
              <tr>
                <td>
                  <kbd>Enter</kbd>
                </td>
                <td>open the selected claim</td>
              </tr>
              <tr>
                <td>
                  <kbd>x</kbd>
                </td>
                <td>select the claim for a bulk action; the action bar shows below (shift-click selects a range)</td>
              </tr>
              <tr>
                <td>
                  <kbd>a</kbd>
                </td>
                <td>assign the selected claim (or the open claim) to me; the queue comes back at the same row</td>
              </tr>
              <tr>
                <td>
                  <kbd>/</kbd>
                </td>
                <td>search</td>
              </tr>
              <tr>
                <td>
                  <kbd>v</kbd> <kbd>m</kbd> <kbd>f</kbd> <kbd>u</kbd> <kbd>o</kbd>
                </td>
                <td>
                  on a claim: True (<kbd>v</kbd>), Misleading, False, Unproven, Opinion (then write the rationale)
                </td>
              </tr>
              <tr>
                <td>
                  <kbd>?</kbd>
                </td>
                <td>this help</td>
              </tr>
            </tbody>
          </table>
          <form method="dialog">
            <button type="submit">Close</button>
          </form>
        </dialog>
        {props.nonce && <script nonce={props.nonce} src="/assets/shortcuts.js" />}
      </body>
    </html>
  );
}

const WHEN = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

/** A moment as people read it ("25 Nov 2026, 18:45 UTC"), the exact ISO time kept in `datetime`. */
export function When({ iso }: { iso: string | null }) {
  if (!iso) return null;
  const time = Date.parse(iso);
  return <time datetime={iso}>{Number.isNaN(time) ? iso : WHEN.format(time)}</time>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge status-${status}`}>{STATUS_LABELS[status] ?? status}</span>;
}

export function FlagBadge({ flag }: { flag: string }) {
  return <span class="badge flag">⚑ {FLAG_LABELS[flag] ?? flag}</span>;
}

/** A link only for http(s) urls; anything else is shown as text. */
export function SafeLink({ url, children }: PropsWithChildren<{ url: string | null }>) {
  if (!url) return <>{children}</>;
  if (!isHttpUrl(url)) return <span>{children ?? url}</span>;
  return (
    <a href={url} rel="noopener noreferrer nofollow" target="_blank">
      {children ?? url}
    </a>
  );
}

export function FieldError({ errors, name }: { errors?: FieldErrors; name: string }) {
  const message = errors?.[name];
  return message ? (
    <p class="error" id={`${name}-error`}>
      {message}
    </p>
  ) : null;
}

/** A labelled text input with its inline error, its value kept from the last post. */
export function Field(props: {
  name: string;
  label: string;
  values: FormValues;
  errors?: FieldErrors;
  type?: string;
  hint?: string;
}) {
  return (
    <>
      <label for={props.name}>{props.label}</label>
      {props.hint && <p class="muted">{props.hint}</p>}
      <input
        type={props.type ?? "text"}
        id={props.name}
        name={props.name}
        value={props.values[props.name] ?? ""}
        {...invalid(props.errors, props.name)}
      />
      <FieldError errors={props.errors} name={props.name} />
    </>
  );
}

/** Props that tie a control to its error message for screen readers. */
export function invalid(errors: FieldErrors | undefined, name: string) {
  return errors?.[name] ? { "aria-invalid": "true", "aria-describedby": `${name}-error` } : {};
}

export function Notice({ kind, children }: PropsWithChildren<{ kind?: "ok" | "bad" }>) {
  return (
    <div class={`notice ${kind ?? ""}`} role={kind === "bad" ? "alert" : "status"}>
      {children}
    </div>
  );
}

/** The quote shown inside its context, the quote's words marked (all escaped by JSX). */
export function QuoteInContext({ text, context }: { text: string; context: string | null }): Child {
  if (!context) return <mark>{text}</mark>;
  const at = context.indexOf(text);
  if (at < 0) {
    return (
      <>
        <mark>{text}</mark>
        <span class="context"> · {context}</span>
      </>
    );
  }
  return (
    <span class="context">
      {context.slice(0, at)}
      <mark>{text}</mark>
      {context.slice(at + text.length)}
    </span>
  );
}
