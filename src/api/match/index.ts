// "Checked before?" over HTTP: parse, call the matching service, answer JSON or problem+json.
// POST /match spends from the token's matching budget (MATCH_LIMITER, see routes.ts): a match reads
// up to 10,000 characters and ranks 100 candidates. A stored claim's matches are not limited:
// its text is bounded by what was stored, and its page shows them on every view.
import { findMatches, matchesForClaim } from "../../services/matching";
import { router } from "../openapi";
import { unwrap } from "../results";
import * as routes from "./routes";

export const matching = router()
  .openapi(routes.match, async (c) => {
    const { text, limit, speaker, stated_at } = c.req.valid("json");
    const data = unwrap(
      await findMatches(c.get("db"), c.get("principal"), {
        text,
        limit,
        speakerId: speaker?.id,
        speakerName: speaker?.name,
        statedAt: stated_at,
      }),
    );
    return c.json({ data }, 200);
  })
  .openapi(routes.claimMatches, async (c) => {
    const { id } = c.req.valid("param");
    const { limit } = c.req.valid("query");
    return c.json({ data: unwrap(await matchesForClaim(c.get("db"), c.get("principal"), id, limit)) }, 200);
  });
