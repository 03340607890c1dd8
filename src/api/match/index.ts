// "Checked before?" over HTTP: parse, call the matching service, answer JSON or problem+json.
// No rate limit: a match is three indexed reads, as cheap as a search, which has none.
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
