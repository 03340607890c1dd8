import type { Context } from "hono";
import { decodeClaimCursor, encodeCursor } from "../domain/cursor";
import { allows } from "../domain/permissions";
import { ClaimFilters, describeErrors, parseLeniently } from "../domain/schemas";
import { shorten } from "../domain/text";
import { ATTRIBUTIONS, FLAGS, STATUSES } from "../domain/vocabulary";
import type { AppEnv } from "../env";
import { claimCounts, claimOrder, listClaims, RANKED_SEARCH_MAX } from "../services/claims";
import { ATTRIBUTION_LABELS, FLAG_LABELS, Layout, Notice, STATUS_LABELS } from "./components";
import { notAllowedPage } from "./failures";
import { EmptyQueue, StatusChart } from "./queue-parts";
import { render } from "./render";
import { QueueList } from "./team-queue";

/** Team workflow: the claims assigned to the reviewer looking, or to nobody. */
const ASSIGNED_FILTERS = ["me", "none"] as const;

export async function queuePage(c: Context<AppEnv>) {
  const q = c.req.query();
  const db = c.get("db");
  const principal = c.get("principal");
  // The filters are the API's (ClaimFilters); a value it refuses (a hand-edited link) is left out
  // and said. The queue's form sends empty selects for "any", and cuts an over-long search.
  const given = Object.fromEntries(
    Object.entries({ ...q, q: shorten(q.q ?? "", 500, ""), tag: q.tag?.trim() }).filter(([, v]) => v),
  );
  const filters = parseLeniently(ClaimFilters, given);
  const { status, attribution, flag, repeat } = filters.data;
  const assigned = ASSIGNED_FILTERS.find((a) => a === q.assigned);
  const search = filters.data.q ?? "";
  const showAll = q.all === "1" || status !== undefined;
  const sort = filters.data.sort;
  const order = claimOrder({ q: search, order: "queue", sort });
  // A cursor that is not one we handed out (edited, or from another order) starts from the top.
  const cursor = q.cursor ? (decodeClaimCursor(q.cursor, order) ?? undefined) : undefined;
  const [counted, listed] = await Promise.all([
    claimCounts(db, principal),
    listClaims(db, principal, {
      status,
      attribution,
      flag,
      speakerId: filters.data.speaker_id,
      sourceId: filters.data.source_id,
      tag: filters.data.tag,
      repeat,
      repeatOf: filters.data.repeat_of,
      ...(assigned === "me" ? { assignee: principal.actor } : assigned === "none" ? { assigned: false } : {}),
      q: search || undefined,
      order: "queue",
      sort,
      openOnly: !showAll && !search,
      flaggedOnly: q.flagged === "1",
      limit: 25,
      cursor,
    }),
  ]);
  if (!counted.ok || !listed.ok) return notAllowedPage(c);
  const counts = counted.value;
  const page = listed.value;
  const claims = page.claims;
  const canReview = allows(principal.role, "review");
  // How many of the folded filters are set (the fold opens for them).
  const moreSet = [
    attribution,
    flag,
    repeat,
    assigned,
    filters.data.tag,
    sort,
    q.all === "1" ? "all" : undefined,
  ].filter(Boolean).length;
  const narrowed = Boolean(
    search || status || moreSet || q.flagged === "1" || q.speaker_id || q.source_id || q.repeat_of,
  );
  const queryString = Object.keys(q).length ? `?${new URLSearchParams(q)}` : "";
  const nextParams = new URLSearchParams({ ...q, cursor: page.next ? encodeCursor(page.next) : "" });
  return render(
    c,
    <Layout title="Review queue" principal={principal} nonce={c.get("secureHeadersNonce")}>
      <h1>Review queue</h1>
      {filters.errors.length > 0 && (
        <Notice kind="bad">Some filters in this address were left out: {describeErrors(filters.errors)}.</Notice>
      )}
      <StatusChart counts={counts.byStatus} flagged={counts.flagged} current={status} />
      <search>
        <form method="get" action="/review" class="card filters">
          <div class="search-box">
            <label for="q">Search</label>
            <input
              type="search"
              id="q"
              name="q"
              value={search}
              placeholder="words from the claim, context or speaker"
            />
          </div>
          <div>
            <label for="status">Status</label>
            <select id="status" name="status">
              <option value="">Any open</option>
              {STATUSES.map((s) => (
                <option value={s} selected={s === status}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div class="filter-go">
            <button type="submit">Filter</button>
          </div>
          {/* The other filters fold away; open when one of them is set, so what narrows the list shows. */}
          <details class="more-filters" open={moreSet > 0}>
            <summary>More filters{moreSet ? ` (${moreSet} set)` : ""}</summary>
            <div class="filters">
              <div>
                <label for="attribution">Attribution</label>
                <select id="attribution" name="attribution">
                  <option value="">Any</option>
                  {ATTRIBUTIONS.map((a) => (
                    <option value={a} selected={a === attribution}>
                      {ATTRIBUTION_LABELS[a]}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label for="flag">Flag</label>
                <select id="flag" name="flag">
                  <option value="">Any</option>
                  {FLAGS.map((f) => (
                    <option value={f} selected={f === flag}>
                      {FLAG_LABELS[f]}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label for="repeat">Repeats</label>
                <select id="repeat" name="repeat">
                  <option value="">Any claim</option>
                  <option value="checked" selected={repeat === "checked"}>
                    Repeats of checked claims
                  </option>
                  <option value="any" selected={repeat === "any"}>
                    Any repeat
                  </option>
                </select>
              </div>
              <div>
                <label for="assigned">Assigned</label>
                <select id="assigned" name="assigned">
                  <option value="">To anyone or nobody</option>
                  <option value="me" selected={assigned === "me"}>
                    Mine
                  </option>
                  <option value="none" selected={assigned === "none"}>
                    Unassigned
                  </option>
                </select>
              </div>
              <div>
                <label for="tag">Tag</label>
                <input type="text" id="tag" name="tag" value={q.tag ?? ""} />
              </div>
              <div>
                <label for="sort">Order</label>
                <select id="sort" name="sort">
                  <option value="">Flagged, then unverified, newest first</option>
                  <option value="worth" selected={sort === "worth"}>
                    Most worth checking first
                  </option>
                </select>
              </div>
              <div>
                <label for="all">
                  <input type="checkbox" id="all" name="all" value="1" checked={q.all === "1"} /> Include reviewed
                </label>
              </div>
            </div>
          </details>
          {q.speaker_id && <input type="hidden" name="speaker_id" value={q.speaker_id} />}
          {q.source_id && <input type="hidden" name="source_id" value={q.source_id} />}
          {q.repeat_of && <input type="hidden" name="repeat_of" value={q.repeat_of} />}
          {q.flagged === "1" && <input type="hidden" name="flagged" value="1" />}
        </form>
      </search>
      {page.searchOrder === "newest" ? (
        <p class="muted search-order">
          More than {RANKED_SEARCH_MAX.toLocaleString("en")} claims match: newest first. Add words to rank them by
          relevance.
        </p>
      ) : page.searchOrder === "relevance" ? (
        <p class="muted search-order">Best matches first.</p>
      ) : (
        <p class="muted">
          Flagged claims first, then unverified, then in review. Press <kbd>?</kbd> for keyboard shortcuts.
        </p>
      )}
      {claims.length === 0 ? (
        <EmptyQueue narrowed={narrowed} canReview={canReview} />
      ) : (
        <QueueList
          claims={claims}
          canReview={canReview}
          me={principal.actor}
          back={`/review${queryString}`}
          leavesOnAssign={assigned === "none"}
        />
      )}
      {page.next && (
        <p>
          <a class="button secondary" href={`/review?${nextParams}`}>
            Next page
          </a>
        </p>
      )}
    </Layout>,
  );
}
