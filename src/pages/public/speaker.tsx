// A speaker's public page: their published fact-checks and their ratings drawn, with the figures
// as text, and a schema.org Person (or Organization) as JSON-LD. Published snapshots only.
import type { Child } from "hono/jsx";
import { PUBLISHABLE } from "../../domain/vocabulary";
import type { PublicSpeaker } from "../../services/public-speakers";
import { STATUS_FILL, StackedBar } from "../charts";
import { When } from "../components";
import type { Site } from "./views";
import { VerdictBadge, verdictLabel } from "./views";

/** The schema.org description of the speaker, at their page on the public origin. */
export function speakerJsonLd(speaker: PublicSpeaker, site: Site): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": speaker.kind === "organisation" || speaker.kind === "group" ? "Organization" : "Person",
    name: speaker.name,
    ...(speaker.role ? { jobTitle: speaker.role } : {}),
    url: `${site.origin}${speaker.path}`,
  };
}

export function SpeakerPage({ speaker }: { speaker: PublicSpeaker }): Child {
  const ratings = PUBLISHABLE.map((v) => ({ label: verdictLabel(v), value: speaker.ratings[v], fill: STATUS_FILL[v] }));
  return (
    <article aria-labelledby="speaker-heading">
      <p class="kicker">Speaker</p>
      <h1 id="speaker-heading">{speaker.name}</h1>
      {speaker.role && <p class="muted">{speaker.role}</p>}
      <section class="card" aria-labelledby="ratings-heading">
        <h2 id="ratings-heading">
          Our ratings of {speaker.total} {speaker.total === 1 ? "claim" : "claims"}
        </h2>
        <StackedBar
          id="chart-ratings"
          title={`Ratings of ${speaker.name}'s claims: ${ratings.map((r) => `${r.label} ${r.value}`).join(", ")}`}
          segments={ratings}
        />
        <table>
          <caption class="sr-only">Ratings of {speaker.name}'s claims</caption>
          <thead>
            <tr>
              <th scope="col">Rating</th>
              <th scope="col">Fact-checks</th>
            </tr>
          </thead>
          <tbody>
            {ratings.map((r) => (
              <tr>
                <td>{r.label}</td>
                <td>{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">Fact-checks</h2>
        <ol class="queue factchecks">
          {speaker.items.map((check) => (
            <li class="row">
              <VerdictBadge status={check.claim.status} /> <a href={check.path}>“{check.claim.text}”</a>
              <br />
              <span class="meta">
                published <When iso={check.first_published_at} />
                {check.corrections.length > 0 && " · corrected"}
              </span>
            </li>
          ))}
        </ol>
        {speaker.total > speaker.items.length && (
          <p class="muted">
            The latest {speaker.items.length} of {speaker.total}; <a href="/fact-checks">all fact-checks</a>.
          </p>
        )}
      </section>
    </article>
  );
}
