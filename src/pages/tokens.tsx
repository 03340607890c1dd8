// /admin/tokens: the admins' token page. Lists tokens (role, who made it, last use), makes one
// (its secret on the answer page only, with a copy button the script adds), and revokes one
// after a confirmation page (a plain link and form: it works without JavaScript). The use cases
// are the API's (src/services/tokens.ts); this file only translates forms and results.
import type { Context } from "hono";
import { NewTokenBody } from "../domain/schemas";
import { ROLES } from "../domain/vocabulary";
import type { AppEnv } from "../env";
import { createToken, revokeToken, type TokenView, tokenDetail, tokenList } from "../services/tokens";
import { FieldError, invalid, Layout, Notice, When } from "./components";
import { failurePage, type Refusal, refusalPage } from "./failures";
import { type FieldErrors, type FormValues, readForm, validate } from "./forms";
import { render } from "./render";

const TO_TOKENS = { href: "/admin/tokens", label: "Back to the tokens" };

const ROLE_HINTS: Record<string, string> = {
  viewer: "viewer: reads claims",
  reviewer: "reviewer: files, edits and reviews claims",
  admin: "admin: everything, including tokens and webhooks",
};

function TokenState({ token }: { token: TokenView }) {
  if (token.revoked_at)
    return (
      <span class="badge flag">
        Revoked <When iso={token.revoked_at} />
      </span>
    );
  return <span class="badge status-verified">Live</span>;
}

export async function tokensPage(
  c: Context<AppEnv>,
  state: {
    values?: FormValues;
    errors?: FieldErrors;
    message?: string;
    created?: TokenView & { token: string };
  } = {},
  status: 200 | 201 | Refusal["status"] = 200,
) {
  const principal = c.get("principal");
  const listed = await tokenList(c.get("db"), principal);
  if (!listed.ok) return failurePage(c, listed.error);
  const tokens = listed.value;
  const live = tokens.filter((t) => !t.revoked_at);
  const revoked = tokens.filter((t) => t.revoked_at);
  const done = c.req.query("done") === "revoked" ? "Token revoked: it no longer works, and its sessions ended." : null;
  const role = state.values?.role ?? "reviewer";
  // The secret is on this answer only: never stored by a cache, never shown again.
  if (state.created) c.header("Cache-Control", "no-store");
  return render(
    c,
    <Layout title="API tokens" principal={principal} nonce={c.get("secureHeadersNonce")}>
      <h1>API tokens</h1>
      {done && <Notice kind="ok">{done}</Notice>}
      {state.message && <Notice kind="bad">{state.message}</Notice>}
      {state.created && (
        <div class="notice ok secret" role="status">
          <p>
            <strong>Token made for {state.created.name}</strong> ({state.created.role}). Its secret, shown this once
            (only its hash is kept): copy it now and hand it over.
          </p>
          <p>
            <code id="token-secret" class="secret-text">
              {state.created.token}
            </code>
          </p>
          <p>
            <button type="button" class="secondary small" data-copy="token-secret" hidden>
              Copy the secret
            </button>{" "}
            <span class="copy-state" aria-live="polite" />
          </p>
        </div>
      )}
      <p class="muted">
        A token is a person's or a tool's key to the desk and the API. Its name is written in the history as who did
        what, so give each person their own. Revoking one stops it at once and ends its sessions.
      </p>
      <h2>Live tokens ({live.length})</h2>
      {live.length === 0 ? (
        <p>No live tokens yet: make the first one below. Until then only the setup admin (ADMIN_TOKEN) can sign in.</p>
      ) : (
        <TokenTable tokens={live} me={principal.key} />
      )}
      <form method="post" action="/admin/tokens" class="card">
        <h2>Make a token</h2>
        <label for="name">Name (the person or tool it is for)</label>
        <input
          type="text"
          id="name"
          name="name"
          required
          maxlength={200}
          value={state.created ? "" : (state.values?.name ?? "")}
          {...invalid(state.errors, "name")}
        />
        <FieldError errors={state.errors} name="name" />
        <fieldset {...invalid(state.errors, "role")}>
          <legend>Role</legend>
          {ROLES.map((r) => (
            <label class="check">
              <input type="radio" name="role" value={r} checked={r === role} /> {ROLE_HINTS[r]}
            </label>
          ))}
        </fieldset>
        <FieldError errors={state.errors} name="role" />
        <p>
          <button type="submit">Make the token</button>
        </p>
      </form>
      {revoked.length > 0 && (
        <details>
          <summary>Revoked tokens ({revoked.length})</summary>
          <TokenTable tokens={revoked} me={principal.key} />
        </details>
      )}
    </Layout>,
    status,
  );
}

function TokenTable({ tokens, me }: { tokens: TokenView[]; me: string }) {
  return (
    <div class="table-wrap">
      <table class="tokens stack">
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Made by</th>
            <th>Last used</th>
            <th>
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr>
              <td>
                {t.name}
                {t.id === me && <span class="muted"> (you)</span>}
                {t.duplicate_name && <div class="warning">Another live token has the same name.</div>}
                <div class="muted">
                  <code>{t.id}</code>, made <When iso={t.created_at} />
                </div>
              </td>
              <td>
                <span class="cell-label">Role: </span>
                {t.role}
              </td>
              <td>
                <span class="cell-label">Made by: </span>
                {t.created_by ?? "unknown"}
              </td>
              <td>
                <span class="cell-label">Last used: </span>
                {t.last_used_at ? <When iso={t.last_used_at} /> : "never"}
              </td>
              <td>
                {t.revoked_at ? (
                  <TokenState token={t} />
                ) : (
                  <a class="button secondary small" href={`/admin/tokens/${t.id}/revoke`}>
                    Revoke<span class="sr-only"> {t.name}</span>…
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export async function postToken(c: Context<AppEnv>) {
  const form = await readForm(c.req.raw);
  const values = { name: form.name ?? "", role: form.role ?? "" };
  const checked = validate(NewTokenBody, values);
  if ("errors" in checked) return tokensPage(c, { values, errors: checked.errors }, 422);
  const made = await createToken(c.get("db"), c.get("principal"), checked.data);
  if (!made.ok)
    return refusalPage(c, made.error, (r) =>
      tokensPage(
        c,
        {
          values,
          errors: r.errors ?? (r.status === 409 ? { name: "A live token has this name." } : undefined),
          message: r.message,
        },
        r.status,
      ),
    );
  return tokensPage(c, { created: made.value }, 201);
}

/** The confirmation: names the token, says what revoking does, and asks once more. */
export async function revokeTokenPage(c: Context<AppEnv>, id: string) {
  const principal = c.get("principal");
  const found = await tokenDetail(c.get("db"), principal, id);
  if (!found.ok) return failurePage(c, found.error, TO_TOKENS);
  const token = found.value;
  return render(
    c,
    <Layout title="Revoke a token" principal={principal} nonce={c.get("secureHeadersNonce")}>
      <p>
        <a href="/admin/tokens">All tokens</a>
      </p>
      <h1>Revoke the token “{token.name}”?</h1>
      {token.revoked_at ? (
        <Notice>
          This token was revoked <When iso={token.revoked_at} />; it no longer works.
        </Notice>
      ) : (
        <>
          <p>
            {token.name} ({token.role}, made by {token.created_by ?? "unknown"}, last used{" "}
            {token.last_used_at ? <When iso={token.last_used_at} /> : "never"}) stops working at once: programs using it
            are refused and its browser sessions end. Their history keeps the name. This cannot be undone; make a new
            token if it is needed again.
          </p>
          {token.id === principal.key && (
            <Notice kind="bad">This is the token you are signed in with: you will be logged out.</Notice>
          )}
          <form method="post" action={`/admin/tokens/${token.id}/revoke`} class="inline">
            <button type="submit" class="danger">
              Revoke “{token.name}”
            </button>
          </form>{" "}
          <a class="button secondary" href="/admin/tokens">
            Keep it
          </a>
        </>
      )}
    </Layout>,
  );
}

export async function postRevokeToken(c: Context<AppEnv>, id: string) {
  const result = await revokeToken(c.get("db"), c.get("principal"), id);
  if (!result.ok) return failurePage(c, result.error, TO_TOKENS);
  return c.redirect("/admin/tokens?done=revoked", 303);
}
