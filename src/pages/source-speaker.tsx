// A source's archived article with its claims highlighted, and a speaker's track record.
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { splitPageChrome } from "../domain/page-chrome";
import { shorten } from "../domain/text";
import { STATUSES } from "../domain/vocabulary";
import type { AppEnv } from "../env";
import { sourceRecord } from "../services/sources";
import { speakerRecord } from "../services/speakers";
import { StackedBar } from "./charts";
import { FlagBadge, Layout, Notice, SafeLink, STATUS_LABELS, StatusBadge, When } from "./components";
import { notFoundPage } from "./failures";
import { importedNotice } from "./import";
import { render } from "./render";

interface Mark {
  start: number;
  end: number;
  id: string;
  status: string;
}

/** Where each claim's words sit in the article: exact first, else ignoring case. */
function locate(article: string, claims: { id: string; text: string; status: string }[]): Mark[] {
  const lower = article.toLowerCase();
  const marks: Mark[] = [];
  for (const claim of claims) {
    let at = article.indexOf(claim.text);
    if (at < 0) at = lower.indexOf(claim.text.toLowerCase());
    // Fragments ("very good") occur more than once; mark each occurrence not yet taken.
    while (at >= 0 && marks.some((m) => at < m.end && at + claim.text.length > m.start)) {
      at = lower.indexOf(claim.text.toLowerCase(), at + 1);
    }
    if (at >= 0) marks.push({ start: at, end: at + claim.text.length, id: claim.id, status: claim.status });
  }
  return marks.sort((a, b) => a.start - b.start);
}

function highlighted(article: string, marks: Mark[]): Child[] {
  const parts: Child[] = [];
  let at = 0;
  for (const m of marks) {
    parts.push(article.slice(at, m.start));
    parts.push(
      <mark>
        <a href={`/claims/${m.id}`} title={STATUS_LABELS[m.status]}>
          {article.slice(m.start, m.end)}
        </a>
      </mark>,
    );
    at = m.end;
  }
  parts.push(article.slice(at));
  return parts;
}

export async function sourcePage(c: Context<AppEnv>, id: string) {
  const found = await sourceRecord(c.get("db"), c.get("principal"), id);
  if (!found.ok) return notFoundPage(c, "source");
  const source = found.value;
  const claims = source.claims;
  // The article from its first paragraph; the page's furniture around it is folded away below.
  const parts = source.text ? splitPageChrome(source.text) : null;
  const marks = parts ? locate(parts.article, claims) : [];
  const unplaced = claims.filter((cl) => !marks.some((m) => m.id === cl.id));
  const imported = importedNotice(c);
  const changed =
    source.latest_content_hash && source.content_hash && source.latest_content_hash !== source.content_hash;
  return render(
    c,
    <Layout title={source.title ?? "Source"} principal={c.get("principal")} nonce={c.get("secureHeadersNonce")}>
      {imported && <Notice kind="ok">{imported}</Notice>}
      <h1>{source.title ?? source.url ?? "Untitled source"}</h1>
      <p class="muted">
        {[source.publisher, source.author, source.published_at].filter(Boolean).join(" · ")}
        {source.url && (
          <>
            {source.publisher || source.author || source.published_at ? " · " : ""}
            <SafeLink url={source.url} />
          </>
        )}
      </p>
      <p>
        {claims.length} claim{claims.length === 1 ? "" : "s"} from this source ·{" "}
        <a href={`/review?source_id=${id}&all=1`}>see them in the queue</a>
      </p>
      {changed && (
        <p class="notice">
          The page has changed since it was archived (last seen <When iso={source.latest_fetched_at} />
          ).
        </p>
      )}
      <div class="grid">
        <section class="card" aria-labelledby="article-heading">
          <h2 id="article-heading">Archived text</h2>
          {parts ? (
            <>
              <div class="article">{highlighted(parts.article, marks)}</div>
              {(parts.before || parts.after) && (
                <details class="furniture">
                  <summary>Page furniture left out (around the article)</summary>
                  {parts.before && (
                    <>
                      <p class="muted">Before the article:</p>
                      <div class="article muted">{parts.before}</div>
                    </>
                  )}
                  {parts.after && (
                    <>
                      <p class="muted">After it:</p>
                      <div class="article muted">{parts.after}</div>
                    </>
                  )}
                </details>
              )}
            </>
          ) : (
            <p class="muted">No archived text yet.</p>
          )}
        </section>
        <section class="card" aria-labelledby="claims-heading">
          <h2 id="claims-heading">Claims</h2>
          <ul>
            {claims.map((cl) => (
              <li>
                <StatusBadge status={cl.status} />{" "}
                {cl.flags.map((f) => (
                  <FlagBadge flag={f.flag} />
                ))}{" "}
                <a href={`/claims/${cl.id}`}>“{shorten(cl.text, 120)}”</a> · {cl.speaker.name}
                {unplaced.includes(cl) && <span class="muted"> (not found verbatim in the archived text)</span>}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </Layout>,
  );
}

export async function speakerPage(c: Context<AppEnv>, id: string) {
  const found = await speakerRecord(c.get("db"), c.get("principal"), id);
  if (!found.ok) return notFoundPage(c, "speaker");
  const speaker = found.value;
  const { tally, repeats, claims } = speaker;
  const total = Object.values(tally).reduce((a, b) => a + b, 0);
  return render(
    c,
    <Layout title={speaker.name} principal={c.get("principal")} nonce={c.get("secureHeadersNonce")}>
      <h1>{speaker.name}</h1>
      <p class="muted">
        {speaker.role ?? "No role recorded"} · {speaker.kind}
      </p>
      <section class="card" aria-labelledby="record-heading">
        <h2 id="record-heading">Track record ({total} claims)</h2>
        <div class="record">
          <figure>
            <StackedBar
              id="chart-record"
              title={`${speaker.name}'s claims by status: ${STATUSES.map((s) => `${STATUS_LABELS[s]} ${tally[s]}`).join(", ")}`}
              segments={STATUSES.map((s) => ({ label: STATUS_LABELS[s] ?? s, value: tally[s] }))}
            />
          </figure>
          <p class="repeats">
            {repeats.total === 0 ? (
              "No claim linked as a repeat of an earlier one."
            ) : (
              <a href={`/review?speaker_id=${speaker.id}&repeat=any&all=1`}>
                {repeats.total} {repeats.total === 1 ? "claim repeats" : "claims repeat"} an earlier claim
              </a>
            )}
            {repeats.total > 0 &&
              `: ${repeats.of_checked} of a checked claim, ${repeats.of_false_or_misleading} of one rated false or misleading.`}
          </p>
        </div>
        <table>
          <caption class="sr-only">{speaker.name}'s claims by status</caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Claims</th>
            </tr>
          </thead>
          <tbody>
            {STATUSES.map((s) => (
              <tr>
                <td>
                  <StatusBadge status={s} />
                </td>
                <td>{tally[s]}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <a href={`/dashboard?speaker_id=${encodeURIComponent(speaker.id)}`}>
            {speaker.name}'s figures on the dashboard
          </a>
        </p>
      </section>
      <section class="card" aria-labelledby="claims-heading">
        <h2 id="claims-heading">Claims</h2>
        <ul>
          {claims.map((cl) => (
            <li>
              <StatusBadge status={cl.status} /> <a href={`/claims/${cl.id}`}>“{shorten(cl.text, 160)}”</a>
              <span class="muted"> · {cl.source.title ?? cl.source.url}</span>
            </li>
          ))}
        </ul>
      </section>
    </Layout>,
  );
}
