import type { Env } from "../env";

// Placeholder until the re-check issue lands: counts the claims that are due.
export async function runRecheckJob(env: Env, now: Date): Promise<void> {
  const due = await env.DB.prepare("SELECT count(*) AS n FROM claims WHERE recheck_due_at <= ?")
    .bind(now.toISOString())
    .first<{ n: number }>();
  console.log(JSON.stringify({ job: "recheck", due: due?.n ?? 0 }));
}
