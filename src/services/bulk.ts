// Bulk actions on the queue and POST /claims/bulk: one action on up to BULK_MAX claims, each
// claim changed on its own (its own guarded batch: the change and its history land together),
// at the version the caller saw. A claim changed since is skipped and reported, never overwritten.
import type { Db } from "../db/client";
import { getClaimRow } from "../db/queries/claims";
import type { Principal } from "../domain/permissions";
import { type BulkBody, LIMITS } from "../domain/schemas";
import { refused } from "./access";
import { assigneeOf, setAssignee } from "./assignment";
import { editClaim, reviewClaim } from "./claims";
import { ok, type Result, type ServiceError } from "./result";

export type BulkOutcome =
  | { id: string; outcome: "done"; version: number }
  /** Nothing to do: the claim already was as asked. */
  | { id: string; outcome: "unchanged"; version: number }
  | {
      id: string;
      outcome: "skipped";
      reason: "stale" | "not_found" | "invalid" | "forbidden";
      detail: string;
      current_version?: number;
    };

export interface BulkReport {
  action: BulkBody["action"];
  results: BulkOutcome[];
  done: number;
  unchanged: number;
  skipped: number;
}

function skipped(id: string, error: ServiceError): BulkOutcome {
  switch (error.kind) {
    case "stale":
      return {
        id,
        outcome: "skipped",
        reason: "stale",
        detail: `changed by someone else since you loaded it (now at version ${error.currentVersion}); not overwritten`,
        current_version: error.currentVersion,
      };
    case "not_found":
      return { id, outcome: "skipped", reason: "not_found", detail: "no such claim" };
    case "forbidden":
      return { id, outcome: "skipped", reason: "forbidden", detail: `needs the ${error.needs} role` };
    case "invalid":
    case "duplicate":
    case "conflict":
    case "malformed":
    case "too_large":
      return { id, outcome: "skipped", reason: "invalid", detail: error.detail };
  }
}

/** One claim: its outcome. */
async function applyOne(db: Db, actor: Principal, body: BulkBody, id: string, version: number): Promise<BulkOutcome> {
  const row = await getClaimRow(db, id);
  if (!row) return skipped(id, { kind: "not_found", what: "claim", id });
  if (row.version !== version) return skipped(id, { kind: "stale", currentVersion: row.version });
  const unchanged: BulkOutcome = { id, outcome: "unchanged", version };
  let result: Result<{ version: number }>;
  switch (body.action) {
    case "assign":
    case "unassign": {
      const assignee = body.action === "assign" ? assigneeOf(actor, body) : null;
      if (assignee === row.assignee) return unchanged;
      result = await setAssignee(db, actor, id, version, assignee);
      break;
    }
    case "tag":
    case "untag": {
      const tag = body.tag ?? "";
      const has = row.tags.includes(tag);
      if (has === (body.action === "tag")) return unchanged;
      if (body.action === "tag" && row.tags.length >= LIMITS.tags) {
        return skipped(id, {
          kind: "invalid",
          errors: [],
          detail: `already has ${LIMITS.tags} tags, the most a claim may have`,
        });
      }
      const tags = body.action === "tag" ? [...row.tags, tag] : row.tags.filter((t) => t !== tag);
      result = await editClaim(db, actor, id, version, { tags });
      break;
    }
    case "in_review": {
      if (row.status === "in_review") return unchanged;
      const reviewed = await reviewClaim(db, actor, id, version, { status: "in_review" });
      result = reviewed.ok ? ok(reviewed.value.claim) : reviewed;
      break;
    }
  }
  return result.ok ? { id, outcome: "done", version: result.value.version } : skipped(id, result.error);
}

export async function bulkChange(db: Db, actor: Principal, body: BulkBody): Promise<Result<BulkReport>> {
  const denied = refused(actor, "review");
  if (denied) return denied;
  const results: BulkOutcome[] = [];
  const seen = new Set<string>();
  // One claim after another: each is its own atomic batch, and D1 runs batches one at a time anyway.
  for (const { id, version } of body.claims) {
    if (seen.has(id)) continue;
    seen.add(id);
    results.push(await applyOne(db, actor, body, id, version));
  }
  const count = (o: BulkOutcome["outcome"]) => results.filter((r) => r.outcome === o).length;
  return ok({
    action: body.action,
    results,
    done: count("done"),
    unchanged: count("unchanged"),
    skipped: count("skipped"),
  });
}
