// The review interface: server-rendered pages that work without JavaScript. A strict CSP with
// a per-request nonce, CSRF checks on every form post (plus SameSite=Strict sessions), and
// the same query and rule modules as the API.
import { Hono, type MiddlewareHandler } from "hono";
import { csrf } from "hono/csrf";
import { allows } from "../domain/permissions";
import type { AppEnv } from "../env";
import { clientAddress, countFailure, failureGate, type Limited, retryAfter } from "../middleware/rate-limit";
import { principalForSecret } from "../services/auth";
import { postBulk } from "./bulk";
import {
  postClearFlag,
  postEvidence,
  postPublication,
  postRecheck,
  postRemoveEvidence,
  postRepeat,
  postReview,
  postUnlinkRepeat,
} from "./claim/actions";
import { notesPage } from "./claim/notes-page";
import { claimPage } from "./claim/page";
import { postClaim } from "./claim/post";
import { postAssign, postAssignMe, postNote, postUnassign } from "./claim/team-actions";
import { editClaimPage, newClaimPage, postEditClaim, postNewClaim } from "./claim-form";
import { FieldError, Layout, Notice } from "./components";
import { dashboardPage } from "./dashboard";
import { notAllowedPage } from "./failures";
import { readForm } from "./forms";
import { bodyCap, FORM_MAX_BYTES, LOGIN_MAX_BYTES, spendingLimitPage } from "./guards";
import { pageHeaders } from "./headers";
import { importBodyLimit, importPage, postImport, postImportPreview } from "./import";
import { queuePage } from "./queue";
import { render, safeNext } from "./render";
import { currentPrincipal, endSession, startSession } from "./session";
import { sourcePage, speakerPage } from "./source-speaker";
import { postRevokeToken, postToken, revokeTokenPage, tokensPage } from "./tokens";
import {
  postRedeliver,
  postWebhook,
  postWebhookDelete,
  postWebhookToggle,
  webhookPage,
  webhooksPage,
} from "./webhooks";

const signedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  const principal = await currentPrincipal(c);
  if (!principal) {
    if (c.req.method === "GET")
      return c.redirect(`/login?next=${encodeURIComponent(c.req.path + new URL(c.req.url).search)}`, 303);
    return c.redirect("/login", 303);
  }
  c.set("principal", principal);
  await next();
};

/** Changes need the reviewer role; a viewer gets a page that says so before any form is read. */
const reviewerOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (allows(c.get("principal").role, "review")) return next();
  return notAllowedPage(c);
};

/** Admin pages (tokens, webhooks) are for admins; others get a page that says so. */
const adminOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (allows(c.get("principal").role, "admin")) return next();
  return notAllowedPage(c, "admin");
};

type LoginFailure = { kind: "wrong" } | { kind: "limited"; limited: Limited };

function loginPage(c: Parameters<MiddlewareHandler<AppEnv>>[0], next: string, failure?: LoginFailure) {
  const wrong = failure?.kind === "wrong";
  if (failure?.kind === "limited") retryAfter(c, failure.limited);
  return render(
    c,
    <Layout title="Log in" principal={null}>
      <h1>Log in</h1>
      {wrong && <Notice kind="bad">That token did not work.</Notice>}
      {failure?.kind === "limited" && (
        <Notice kind="bad">
          Too many failed logins from your address. Try again in {failure.limited.retryAfter} seconds.
        </Notice>
      )}
      <form method="post" action="/login" class="card">
        <input type="hidden" name="next" value={next} />
        <label for="token">API token</label>
        <input
          type="password"
          id="token"
          name="token"
          autocomplete="current-password"
          required
          {...(wrong ? { "aria-invalid": "true", "aria-describedby": "token-error" } : {})}
        />
        <FieldError errors={wrong ? { token: "This token is unknown or revoked." } : undefined} name="token" />
        <p>
          <button type="submit">Log in</button>
        </p>
      </form>
      <p class="muted">Ask an admin for a token, or use the ADMIN_TOKEN printed by npm start.</p>
    </Layout>,
    !failure ? 200 : wrong ? 401 : 429,
  );
}

export function createPages() {
  const pages = new Hono<AppEnv>();

  // Page middleware is attached route by route, so API paths and unknown paths never see it.
  const open = [pageHeaders, csrf()] as const;
  const read = [...open, signedIn] as const;
  const write = [...read, reviewerOnly] as const;
  // Every post: the body's size cap first, before the CSRF check, the session or the form.
  const loginCap = bodyCap(LOGIN_MAX_BYTES, "8 KB");
  const formCap = bodyCap(FORM_MAX_BYTES, "1 MB");
  const posted = (cap: MiddlewareHandler<AppEnv>) => [pageHeaders, cap, csrf(), signedIn, reviewerOnly] as const;
  const change = posted(formCap);

  pages.get("/", (c) => c.redirect("/review", 303));
  pages.get("/login", ...open, async (c) => {
    if (await currentPrincipal(c)) return c.redirect(safeNext(c.req.query("next")), 303);
    return loginPage(c, safeNext(c.req.query("next")));
  });
  pages.post("/login", pageHeaders, loginCap, csrf(), async (c) => {
    const form = await readForm(c.req.raw);
    const next = safeNext(form.next);
    // Failed logins are limited per address (src/middleware/rate-limit.ts): a blocked address is
    // refused before its token is checked; only a failure counts.
    const address = clientAddress(c.req.raw);
    const blocked = await failureGate(c.env, address);
    if (blocked) return loginPage(c, next, { kind: "limited", limited: blocked });
    const principal = form.token ? await principalForSecret(c.get("db"), form.token.trim(), c.get("config")) : null;
    if (!principal) {
      const limited = await countFailure(c.env, address);
      return loginPage(c, next, limited ? { kind: "limited", limited } : { kind: "wrong" });
    }
    await startSession(c, principal);
    return c.redirect(next, 303);
  });
  pages.post("/logout", pageHeaders, loginCap, csrf(), async (c) => {
    await endSession(c);
    return c.redirect("/login", 303);
  });

  pages.get("/review", ...read, (c) => queuePage(c));
  pages.get("/dashboard", ...read, (c) => dashboardPage(c));
  pages.get("/claims/new", ...write, (c) => newClaimPage(c));
  pages.post("/claims/new", ...change, (c) => postNewClaim(c));
  pages.get("/claims/:id", ...read, (c) => claimPage(c, c.req.param("id")));
  pages.post("/claims/:id", ...change, (c) => postClaim(c, c.req.param("id")));
  pages.get("/claims/:id/edit", ...write, (c) => editClaimPage(c, c.req.param("id")));
  pages.post("/claims/:id/edit", ...change, (c) => postEditClaim(c, c.req.param("id")));
  pages.post("/claims/:id/review", ...change, (c) => postReview(c, c.req.param("id")));
  pages.post("/claims/:id/evidence", ...change, (c) => postEvidence(c, c.req.param("id")));
  pages.post("/claims/:id/publication", ...change, (c) => postPublication(c, c.req.param("id")));
  pages.post("/claims/:id/evidence/:eid/delete", ...change, (c) =>
    postRemoveEvidence(c, c.req.param("id"), c.req.param("eid")),
  );
  pages.post("/claims/:id/flags/:flag/clear", ...change, (c) =>
    postClearFlag(c, c.req.param("id"), c.req.param("flag")),
  );
  pages.post("/claims/:id/repeat", ...change, (c) => postRepeat(c, c.req.param("id")));
  pages.post("/claims/:id/repeat/unlink", ...change, (c) => postUnlinkRepeat(c, c.req.param("id")));
  pages.post("/claims/:id/recheck", ...change, spendingLimitPage("RECHECK_LIMITER"), (c) =>
    postRecheck(c, c.req.param("id")),
  );
  // Team workflow: assignment, notes, bulk actions.
  pages.post("/claims/:id/assign-me", ...change, (c) => postAssignMe(c, c.req.param("id")));
  pages.post("/claims/:id/assign", ...change, (c) => postAssign(c, c.req.param("id")));
  pages.post("/claims/:id/unassign", ...change, (c) => postUnassign(c, c.req.param("id")));
  pages.get("/claims/:id/notes", ...read, (c) => notesPage(c, c.req.param("id")));
  pages.post("/claims/:id/notes", ...change, (c) => postNote(c, c.req.param("id")));
  pages.post("/review/bulk", ...change, (c) => postBulk(c));
  pages.get("/admin/webhooks", ...read, adminOnly, (c) => webhooksPage(c));
  pages.post("/admin/webhooks", ...change, adminOnly, (c) => postWebhook(c));
  pages.get("/admin/webhooks/:id", ...read, adminOnly, (c) => webhookPage(c, c.req.param("id")));
  pages.post("/admin/webhooks/:id/enable", ...change, adminOnly, (c) => postWebhookToggle(c, c.req.param("id"), true));
  pages.post("/admin/webhooks/:id/disable", ...change, adminOnly, (c) =>
    postWebhookToggle(c, c.req.param("id"), false),
  );
  pages.post("/admin/webhooks/:id/delete", ...change, adminOnly, (c) => postWebhookDelete(c, c.req.param("id")));
  pages.post("/admin/webhooks/:id/deliveries/:did/redeliver", ...change, adminOnly, (c) =>
    postRedeliver(c, c.req.param("id"), c.req.param("did")),
  );
  pages.get("/admin/tokens", ...read, adminOnly, (c) => tokensPage(c));
  pages.post("/admin/tokens", ...change, adminOnly, (c) => postToken(c));
  pages.get("/admin/tokens/:id/revoke", ...read, adminOnly, (c) => revokeTokenPage(c, c.req.param("id")));
  pages.post("/admin/tokens/:id/revoke", ...change, adminOnly, (c) => postRevokeToken(c, c.req.param("id")));
  pages.get("/import", ...write, (c) => importPage(c));
  pages.post("/import/preview", ...posted(importBodyLimit), spendingLimitPage("EXTRACT_LIMITER"), (c) =>
    postImportPreview(c),
  );
  pages.post("/import", ...posted(importBodyLimit), (c) => postImport(c));
  pages.get("/sources/:id", ...read, (c) => sourcePage(c, c.req.param("id")));
  pages.get("/speakers/:id", ...read, (c) => speakerPage(c, c.req.param("id")));
  return pages;
}
