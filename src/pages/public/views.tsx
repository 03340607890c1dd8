// The public fact-check pages: the list and one fact-check, for readers with no login. They show
// the published snapshot only, name the organisation (never a reviewer), and carry the page's
// ClaimReview JSON-LD, canonical link, Open Graph and Twitter card tags.
import type { Child, PropsWithChildren } from "hono/jsx";
import type { ClaimReview } from "../../domain/claimreview";
import { ATTRIBUTION_MEANINGS, attributionLabel, stanceLabel, statusLabel } from "../../domain/labels";
import type { CorrectionChange } from "../../domain/publication";
import type { FactCheck } from "../../services/publication";
import { SafeLink, When } from "../components";

export interface Site {
  /** PUBLIC_ORIGIN (https://factchecks.example.org), never the request's Host: absolute urls for
   * canonical links, feeds and ClaimReview, which shared caches keep. */
  origin: string;
  orgName: string;
  orgUrl: string;
}

export interface Meta {
  title: string;
  description: string;
  /** The page's path; absolute with the site's origin. */
  path: string;
  type: "website" | "article";
  /** The page's schema.org JSON-LD: a fact-check's ClaimReview, a speaker's Person. */
  jsonLd?: ClaimReview | Record<string, unknown>;
  /** Only the first page of the list is the canonical one; later pages are not indexed. */
  noindex?: boolean;
}

/** JSON for a <script> data block: nothing in it can end the element or open a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export function PublicLayout(props: PropsWithChildren<{ site: Site; meta: Meta }>) {
  const { site, meta } = props;
  const url = `${site.origin}${meta.path}`;
  const title = `${meta.title} · ${site.orgName}`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={meta.description} />
        {meta.noindex ? <meta name="robots" content="noindex, follow" /> : <link rel="canonical" href={url} />}
        <meta property="og:type" content={meta.type} />
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:url" content={url} />
        <meta property="og:site_name" content={site.orgName} />
        <meta name="twitter:card" content="summary" />
        <meta name="twitter:title" content={meta.title} />
        <meta name="twitter:description" content={meta.description} />
        <link
          rel="alternate"
          type="application/atom+xml"
          title={`${site.orgName} fact-checks (Atom)`}
          href="/fact-checks/feed.atom"
        />
        <link
          rel="alternate"
          type="application/feed+json"
          title={`${site.orgName} fact-checks (JSON Feed)`}
          href="/fact-checks/feed.json"
        />
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="icon" href="data:," />
        {meta.jsonLd && (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(meta.jsonLd) }} />
        )}
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/fact-checks">
            {site.orgName} fact-checks
          </a>
          <nav aria-label="Fact-checks">
            <a href="/fact-checks">All fact-checks</a> · <a href="/fact-checks/feed.atom">Feed</a>
          </nav>
        </header>
        <main id="main">{props.children}</main>
        <footer class="site">
          <p>
            Fact-checks by <SafeLink url={site.orgUrl}>{site.orgName}</SafeLink>.
          </p>
          <p>
            Corrections policy: when we get something wrong we correct it on the fact-check itself, saying when, why and
            what changed.
          </p>
          <p>
            Follow: <a href="/fact-checks/feed.atom">Atom feed</a> · <a href="/fact-checks/feed.json">JSON Feed</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

/** A verdict's one name (src/domain/labels.ts), as the desk shows it too. */
export const verdictLabel = statusLabel;

export function VerdictBadge({ status }: { status: string }) {
  return <span class={`badge verdict status-${status}`}>{verdictLabel(status)}</span>;
}

/** A correction's changes in words: "Verdict changed from True to False; also revised: rationale". */
export function describeChanges(changes: CorrectionChange[]): string {
  const verdict = changes.find((c) => c.field === "verdict");
  const others = changes.filter((c) => c.field !== "verdict").map((c) => c.field);
  const parts = [];
  if (verdict) parts.push(`Verdict changed from ${verdict.from} to ${verdict.to}`);
  if (others.length) parts.push(`${verdict ? "also revised" : "Revised"}: ${others.join(", ")}`);
  return parts.join("; ");
}

function SaidBy({ check }: { check: FactCheck }) {
  const { claim } = check;
  return (
    <>
      {claim.speaker.name}
      {claim.speaker.role && <>, {claim.speaker.role}</>}
      {claim.reported_via && <> ({claim.reported_via})</>}
    </>
  );
}

export function FactCheckPage({ check }: { check: FactCheck }): Child {
  const { claim } = check;
  const source = claim.source;
  return (
    <article class="factcheck" aria-labelledby="claim-heading">
      <p class="kicker">Fact-check</p>
      <h1 id="claim-heading">
        <span class="sr-only">Claim: </span>“{claim.text}”
      </h1>
      <p class="verdict-line">
        Our verdict: <VerdictBadge status={claim.status} />
      </p>
      <dl class="facts">
        <dt>Who said it</dt>
        <dd>
          <SaidBy check={check} />
          {check.speaker_path && (
            <>
              {" "}
              · <a href={check.speaker_path}>{`All fact-checks of ${claim.speaker.name}`}</a>
            </>
          )}
        </dd>
        {claim.stated_at && (
          <>
            <dt>When</dt>
            <dd>{claim.stated_at}</dd>
          </>
        )}
        <dt>Where</dt>
        <dd>
          {source.url ? <SafeLink url={source.url}>{source.title ?? source.url}</SafeLink> : (source.title ?? "")}
          {source.publisher && (
            <>
              {source.title || source.url ? ", " : ""}
              {source.publisher}
            </>
          )}
          {source.published_at && <>, {source.published_at}</>}
        </dd>
        {claim.attribution !== "unchecked" && (
          <>
            <dt>Attribution</dt>
            <dd>
              {attributionLabel(claim.attribution)}: {ATTRIBUTION_MEANINGS[claim.attribution]}
            </dd>
          </>
        )}
        <dt>Published</dt>
        <dd>
          <When iso={check.first_published_at} />
        </dd>
        {check.republished_at !== check.first_published_at && (
          <>
            <dt>Updated</dt>
            <dd>
              <When iso={check.republished_at} />
            </dd>
          </>
        )}
      </dl>
      {claim.context && (
        <section aria-labelledby="context-heading">
          <h2 id="context-heading">In context</h2>
          <blockquote class="quote">{claim.context}</blockquote>
        </section>
      )}
      <section aria-labelledby="verdict-heading">
        <h2 id="verdict-heading">Why we rated it {verdictLabel(claim.status)}</h2>
        <p class="rationale">{claim.rationale}</p>
      </section>
      <section aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">Evidence</h2>
        {claim.evidence.length === 0 ? (
          <p class="muted">No evidence items are listed for this fact-check.</p>
        ) : (
          <ul class="evidence">
            {claim.evidence.map((e) => (
              <li>
                <span class="badge">{stanceLabel(e.stance)}</span>{" "}
                {e.url ? (
                  <SafeLink url={e.url}>{e.title ?? e.url}</SafeLink>
                ) : (
                  <strong>{e.title ?? "Statement"}</strong>
                )}
                {e.speaker && <> · {e.speaker}</>}
                {e.note && <p>{e.note}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="corrections-heading">
        <h2 id="corrections-heading">Corrections</h2>
        {check.corrections.length === 0 ? (
          <p class="muted">None.</p>
        ) : (
          <ol class="corrections">
            {check.corrections.map((c) => (
              <li>
                <When iso={c.at} />: {c.reason}
                {c.changes.length > 0 && <span class="muted"> ({describeChanges(c.changes)})</span>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}

export function FactCheckList(props: {
  items: FactCheck[];
  q: string;
  nextHref: string | null;
  firstPage: boolean;
  message?: string;
}) {
  const { items, q, nextHref, firstPage, message } = props;
  return (
    <>
      <h1>Fact-checks</h1>
      <search>
        <form method="get" action="/fact-checks" class="card">
          <label for="fact-check-search">Search fact-checks</label>
          <input type="search" id="fact-check-search" name="q" value={q} maxlength={200} />
          <p>
            <button type="submit">Search</button>
          </p>
        </form>
      </search>
      {message && (
        <div class="notice bad" role="alert">
          {message}
        </div>
      )}
      {items.length === 0 ? (
        <p>{q ? "No fact-check matches these words." : "No fact-checks are published yet."}</p>
      ) : (
        <ol class="queue factchecks">
          {items.map((check) => (
            <li class="row">
              <VerdictBadge status={check.claim.status} /> <a href={check.path}>“{check.claim.text}”</a>
              <br />
              <span class="meta">
                <SaidBy check={check} /> · published <When iso={check.first_published_at} />
                {check.corrections.length > 0 && " · corrected"}
              </span>
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="More fact-checks" class="pager">
        {!firstPage && <a href={q ? `/fact-checks?q=${encodeURIComponent(q)}` : "/fact-checks"}>Newest</a>}
        {nextHref && (
          <>
            {" "}
            <a href={nextHref} rel="next">
              Older fact-checks
            </a>
          </>
        )}
      </nav>
    </>
  );
}

export function PublicNotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>There is no fact-check at this address.</p>
      <p>
        <a href="/fact-checks">See all fact-checks</a>
      </p>
    </>
  );
}
