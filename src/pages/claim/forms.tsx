// The claim page's form element: every form posts to the claim's own address with its intent
// (./post.ts), and versioned forms carry the version and time the reviewer saw.
import type { PropsWithChildren } from "hono/jsx";

/** A form of the claim page: it posts to the claim's own address with what it does (`intent`), so
 * after any post the address bar shows the claim page (actions.ts postClaim). */
export function ClaimForm(
  props: PropsWithChildren<{
    claim: { id: string; version: number; updated_at: string };
    intent: string;
    /** Versioned forms carry what the reviewer saw, so a concurrent change is shown, not overwritten. */
    seen?: boolean;
    id?: string;
    class?: string;
    /** The section the answer opens at (a refusal, a confirmation; a redirect keeps it). */
    section?: string;
  }>,
) {
  const { claim, section } = props;
  return (
    <form
      method="post"
      action={`${claimHref(claim.id)}${section ? `#${section}` : ""}`}
      id={props.id}
      class={props.class}
    >
      <input type="hidden" name="intent" value={props.intent} />
      {props.seen !== false && (
        <>
          <input type="hidden" name="version" value={String(claim.version)} />
          <input type="hidden" name="seen_at" value={claim.updated_at} />
        </>
      )}
      {props.children}
    </form>
  );
}

export const claimHref = (id: string) => `/claims/${encodeURIComponent(id)}`;
