// POST /review/bulk: the queue's bulk form. The selected claims come as `claim=<id>:<version>`
// (the version the queue showed); the result page lists what was done and what was skipped, and why.
import type { Context } from "hono";
import { BulkBody, describeErrors, parseWith } from "../domain/schemas";
import type { AppEnv } from "../env";
import { type BulkOutcome, bulkChange } from "../services/bulk";
import { Layout, Notice } from "./components";
import { failurePage } from "./failures";
import { allValues, readFormData } from "./forms";
import { render, safeNext } from "./render";

const ACTION_LABELS: Record<string, string> = {
  assign: "Assigned",
  unassign: "Unassigned",
  tag: "Tagged",
  untag: "Untagged",
  in_review: "Moved to in review",
};

/** `clm_…:3` as {id, version}; anything else keeps a version zod refuses, so the page says so. */
function selected(value: string) {
  const at = value.lastIndexOf(":");
  const version = at > 0 ? Number(value.slice(at + 1)) : Number.NaN;
  return { id: at > 0 ? value.slice(0, at) : value, version: Number.isInteger(version) ? version : 0 };
}

export async function postBulk(c: Context<AppEnv>) {
  const form = await readFormData(c.req.raw);
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" && v.trim() !== "" ? v : undefined;
  };
  const back = safeNext(text("back") ?? "/review");
  const action = text("action");
  const body = {
    action: action === "assign_me" ? "assign" : action,
    ...(action === "assign_me" ? { me: true } : {}),
    ...(action === "assign" ? { assignee: text("assignee") } : {}),
    ...(action === "tag" || action === "untag" ? { tag: text("tag") } : {}),
    claims: allValues(form, "claim").map(selected),
  };
  const principal = c.get("principal");
  const parsed = parseWith(BulkBody, body);
  if (!parsed.ok) {
    const message = describeErrors(parsed.errors)
      .replace(/claims\.\d+\.version: [^;]+/g, "a selected claim is not one the queue showed")
      .replace(/^claims: /, "");
    return render(
      c,
      <Layout title="Bulk action" principal={principal} nonce={c.get("secureHeadersNonce")}>
        <h1>Nothing was changed</h1>
        <Notice kind="bad">{message}</Notice>
        <p>
          <a href={back}>Back to the queue</a>
        </p>
      </Layout>,
      422,
    );
  }
  const result = await bulkChange(c.get("db"), principal, parsed.data);
  if (!result.ok) return failurePage(c, result.error, { href: back, label: "Back to the queue" });
  const report = result.value;
  const by = (o: BulkOutcome["outcome"]) => report.results.filter((r) => r.outcome === o);
  const what = ACTION_LABELS[report.action] ?? report.action;
  return render(
    c,
    <Layout title="Bulk action" principal={principal} nonce={c.get("secureHeadersNonce")}>
      <h1>
        {what}: {report.done} of {report.results.length}
      </h1>
      {report.skipped > 0 ? (
        <Notice kind="bad">
          {report.skipped} {report.skipped === 1 ? "claim was" : "claims were"} skipped: see why below. Nothing of
          theirs was overwritten.
        </Notice>
      ) : (
        <Notice kind="ok">Done.</Notice>
      )}
      <Outcomes title="Done" rows={by("done")} />
      <Outcomes title="Already so (nothing to do)" rows={by("unchanged")} />
      <Outcomes title="Skipped" rows={by("skipped")} />
      <p>
        <a class="button" href={back}>
          Back to the queue
        </a>
      </p>
    </Layout>,
  );
}

function Outcomes({ title, rows }: { title: string; rows: BulkOutcome[] }) {
  if (rows.length === 0) return null;
  return (
    <section class="card" aria-label={title}>
      <h2>
        {title} ({rows.length})
      </h2>
      <ul class={`bulk-${rows[0]?.outcome}`}>
        {rows.map((r) => (
          <li>
            <a href={`/claims/${r.id}`}>{r.id}</a>
            {r.outcome === "skipped" && <>: {r.detail}</>}
          </li>
        ))}
      </ul>
    </section>
  );
}
