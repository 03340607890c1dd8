// The admins' webhook page: endpoints (a disabled one flagged, with why), registering one (its
// secret shown once, on the answer page), the delivery log with every attempt, redelivery.
import type { Context } from "hono";
import { WebhookBody } from "../domain/schemas";
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENTS } from "../domain/webhooks";
import type { AppEnv } from "../env";
import {
  createWebhook,
  type EndpointView,
  editWebhook,
  redeliver,
  removeWebhook,
  webhookDetail,
  webhookList,
} from "../services/webhooks";
import { FieldError, invalid, Layout, Notice, When } from "./components";
import { failurePage, type Refusal, refusalPage } from "./failures";
import { allValues, type FieldErrors, type FormValues, readFormData, validate } from "./forms";
import { render } from "./render";

const DONE: Record<string, string> = {
  enabled: "Endpoint enabled.",
  disabled: "Endpoint disabled.",
  deleted: "Endpoint deleted.",
  redeliver: "Delivery queued again: it goes out now, or with the next cron run.",
};

function Health({ endpoint }: { endpoint: EndpointView }) {
  if (!endpoint.enabled) {
    return (
      <span class="badge flag">
        ⚑ Disabled <When iso={endpoint.disabled_at} />
      </span>
    );
  }
  if (endpoint.failing_since) {
    return (
      <span class="badge status-unproven">
        Failing since <When iso={endpoint.failing_since} />
      </span>
    );
  }
  // No attempt yet: nothing is known of its health.
  if (!endpoint.last_success_at && !endpoint.last_failure_at)
    return <span class="badge status-unverified">Never called</span>;
  return (
    <span class="badge status-verified">
      OK, last called <When iso={endpoint.last_success_at} />
    </span>
  );
}

const TO_WEBHOOKS = { href: "/admin/webhooks", label: "Back to the webhooks" };

export async function webhooksPage(
  c: Context<AppEnv>,
  state: {
    values?: FormValues;
    events?: string[];
    errors?: FieldErrors;
    message?: string;
    created?: EndpointView & { secret: string };
  } = {},
  status: 200 | Refusal["status"] = 200,
) {
  const principal = c.get("principal");
  const listed = await webhookList(c.get("db"), principal);
  if (!listed.ok) return failurePage(c, listed.error);
  const endpoints = listed.value;
  const disabled = endpoints.filter((e) => !e.enabled);
  const done = DONE[c.req.query("done") ?? ""];
  const wanted = new Set(state.events ?? []);
  return render(
    c,
    <Layout title="Webhooks" principal={principal} nonce={c.get("secureHeadersNonce")}>
      <h1>Webhooks</h1>
      {done && <Notice kind="ok">{done}</Notice>}
      {state.message && <Notice kind="bad">{state.message}</Notice>}
      {state.created && (
        <Notice kind="ok">
          <p>
            <strong>Endpoint registered.</strong> Its signing secret, shown this once (copy it to the receiver now):
          </p>
          <p>
            <code id="webhook-secret" class="secret-text">
              {state.created.secret}
            </code>
          </p>
          <p>
            <button type="button" class="secondary small" data-copy="webhook-secret" hidden>
              Copy the secret
            </button>{" "}
            <span class="copy-state" aria-live="polite" />
          </p>
          <p>
            <a href={`/admin/webhooks/${state.created.id}`}>See its deliveries</a>
          </p>
        </Notice>
      )}
      {disabled.length > 0 && (
        <Notice kind="bad">
          {disabled.length === 1 ? "One endpoint is" : `${disabled.length} endpoints are`} disabled and receive nothing:{" "}
          {disabled.map((e) => (
            <>
              <a href={`/admin/webhooks/${e.id}`}>{e.url}</a> ({e.disabled_reason}){" "}
            </>
          ))}
        </Notice>
      )}
      <p class="muted">
        claimdesk tells other systems what happened: each delivery is a signed POST (Standard Webhooks: webhook-id,
        webhook-timestamp, webhook-signature) carrying the claim as it stands. Failures are retried with backoff; an
        endpoint failing for a day is disabled.
      </p>
      {endpoints.length === 0 ? (
        <p>No endpoints yet.</p>
      ) : (
        <table class="stack">
          <thead>
            <tr>
              <th>Url</th>
              <th>Events</th>
              <th>Health</th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((e) => (
              <tr>
                <td>
                  <a href={`/admin/webhooks/${e.id}`}>{e.url}</a>
                  {e.description && <div class="muted">{e.description}</div>}
                </td>
                <td>
                  <span class="cell-label">Events: </span>
                  {e.events.join(", ")}
                </td>
                <td>
                  <span class="cell-label">Health: </span>
                  <Health endpoint={e} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action="/admin/webhooks" class="card">
        <h2>Register an endpoint</h2>
        <label for="url">Url (public https address)</label>
        <input type="url" id="url" name="url" value={state.values?.url ?? ""} {...invalid(state.errors, "url")} />
        <FieldError errors={state.errors} name="url" />
        <label for="description">Description</label>
        <input type="text" id="description" name="description" value={state.values?.description ?? ""} />
        <fieldset {...invalid(state.errors, "events")}>
          <legend>Events</legend>
          {WEBHOOK_EVENTS.map((type) => (
            <label class="check">
              <input type="checkbox" name="events" value={type} checked={wanted.has(type)} /> <code>{type}</code>:{" "}
              {WEBHOOK_EVENT_DESCRIPTIONS[type]}
            </label>
          ))}
        </fieldset>
        <FieldError errors={state.errors} name="events" />
        <p>
          <button type="submit">Register</button>
        </p>
      </form>
    </Layout>,
    status,
  );
}

export async function postWebhook(c: Context<AppEnv>) {
  const form = await readFormData(c.req.raw);
  const one = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const events = allValues(form, "events");
  const values = { url: one("url"), description: one("description") };
  const checked = validate(WebhookBody, {
    url: values.url,
    events,
    description: values.description.trim() || undefined,
  });
  if ("errors" in checked) return webhooksPage(c, { values, events, errors: checked.errors }, 422);
  const made = await createWebhook(
    c.get("db"),
    c.get("principal"),
    checked.data,
    c.get("config").WEBHOOK_ALLOW_PRIVATE,
  );
  if (!made.ok)
    return refusalPage(c, made.error, (r) =>
      webhooksPage(c, { values, events, errors: r.errors, message: r.message }, r.status),
    );
  return webhooksPage(c, { created: made.value });
}

export async function webhookPage(c: Context<AppEnv>, id: string) {
  const principal = c.get("principal");
  const found = await webhookDetail(c.get("db"), principal, id);
  if (!found.ok) return failurePage(c, found.error, TO_WEBHOOKS);
  const endpoint = found.value;
  const done = DONE[c.req.query("done") ?? ""];
  return render(
    c,
    <Layout title="Webhook endpoint" principal={principal} nonce={c.get("secureHeadersNonce")}>
      <p>
        <a href="/admin/webhooks">All webhooks</a>
      </p>
      <h1>{endpoint.url}</h1>
      {done && <Notice kind="ok">{done}</Notice>}
      {!endpoint.enabled && (
        <Notice kind="bad">
          Disabled <When iso={endpoint.disabled_at} />: {endpoint.disabled_reason}. Enabling it forgets its failures;
          then redeliver what it missed.
        </Notice>
      )}
      <p>
        <Health endpoint={endpoint} /> · events: {endpoint.events.join(", ")} · registered by {endpoint.created_by},{" "}
        <When iso={endpoint.created_at} />
      </p>
      <form
        method="post"
        action={`/admin/webhooks/${endpoint.id}/${endpoint.enabled ? "disable" : "enable"}`}
        class="inline"
      >
        <button type="submit" class="secondary">
          {endpoint.enabled ? "Disable" : "Enable"}
        </button>
      </form>{" "}
      <form method="post" action={`/admin/webhooks/${endpoint.id}/delete`} class="inline">
        <button type="submit" class="secondary">
          Delete
        </button>
      </form>
      <h2>Deliveries (latest {endpoint.deliveries.length})</h2>
      {endpoint.deliveries.length === 0 ? (
        <p class="muted">Nothing sent yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Event</th>
              <th>State</th>
              <th>Attempts (status, time, duration, error)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {endpoint.deliveries.map((d) => (
              <tr>
                <td>
                  <code>{d.event_type}</code> · <a href={`/claims/${d.claim_id}`}>{d.claim_id}</a>
                  <div class="muted">
                    <code>{d.id}</code>, <When iso={d.created_at} />
                  </div>
                </td>
                <td>
                  {d.state}
                  {d.next_attempt_at && (
                    <div class="muted">
                      next <When iso={d.next_attempt_at} />
                    </div>
                  )}
                </td>
                <td>
                  <ul>
                    {d.attempt_log.map((a) => (
                      <li>
                        {a.http_status ?? "no answer"} · <When iso={a.at} /> · {a.duration_ms} ms
                        {a.error ? ` · ${a.error}` : ""}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  {d.state !== "pending" && endpoint.enabled && (
                    <form method="post" action={`/admin/webhooks/${endpoint.id}/deliveries/${d.id}/redeliver`}>
                      <button type="submit" class="secondary small">
                        Redeliver
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>,
  );
}

export async function postWebhookToggle(c: Context<AppEnv>, id: string, enabled: boolean) {
  const result = await editWebhook(
    c.get("db"),
    c.get("principal"),
    id,
    { enabled },
    c.get("config").WEBHOOK_ALLOW_PRIVATE,
  );
  if (!result.ok) return failurePage(c, result.error, TO_WEBHOOKS);
  return c.redirect(`/admin/webhooks/${id}?done=${enabled ? "enabled" : "disabled"}`, 303);
}

export async function postWebhookDelete(c: Context<AppEnv>, id: string) {
  const result = await removeWebhook(c.get("db"), c.get("principal"), id);
  if (!result.ok) return failurePage(c, result.error, TO_WEBHOOKS);
  return c.redirect("/admin/webhooks?done=deleted", 303);
}

export async function postRedeliver(c: Context<AppEnv>, id: string, deliveryId: string) {
  const result = await redeliver(c.get("db"), c.get("principal"), id, deliveryId);
  if (!result.ok) return failurePage(c, result.error, TO_WEBHOOKS);
  return c.redirect(`/admin/webhooks/${id}?done=redeliver`, 303);
}
