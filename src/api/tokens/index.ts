import { createRoute, z } from "@hono/zod-openapi";
import { NewTokenBody } from "../../domain/schemas";
import { requirePermission } from "../../middleware/auth";
import { withholdFromRetries } from "../../middleware/idempotency";
import { createToken, revokeToken, tokenList } from "../../services/tokens";
import { IdParam, jsonBody, jsonResponse, problems, router } from "../openapi";
import { unwrap } from "../results";
import { Token } from "../schemas";

const admin = [requirePermission("admin")];

const list = createRoute({
  method: "get",
  path: "/tokens",
  tags: ["tokens"],
  summary: "List API tokens (never their secrets)",
  middleware: admin,
  responses: { 200: jsonResponse(z.object({ data: z.array(Token) }), "All tokens, newest first"), ...problems() },
});

const create = createRoute({
  method: "post",
  path: "/tokens",
  tags: ["tokens"],
  summary: "Make a token; its secret is in this answer only",
  description: [
    "The name is the actor of everything done with the token (history, assignment, sign-offs), so it identifies one person or tool:",
    "- it is unique among live tokens after NFKC, removing invisible characters (zero-width spaces and the like) and case folding: `Dana` beside `DANA` answers 409 with the live token's `existing_id`;",
    "- a name that reads like claimdesk's own actors (`admin (ADMIN_TOKEN)`, `recheck job`, `webhook job`, `demo data`, `admin`, `system`, in any case or punctuation) answers 422.",
    "The caller is recorded as the token's minter (`created_by`): for the two-person rule the token counts as its minter too.",
  ].join("\n"),
  middleware: admin,
  request: { body: jsonBody(NewTokenBody) },
  responses: {
    201: jsonResponse(
      Token.extend({
        token: z.string().openapi({ description: "The secret. Shown once; only its SHA-256 is kept." }),
      }).openapi("NewTokenCreated"),
      "Created",
    ),
    ...problems(409, 413, 415, 422),
  },
});

const revoke = createRoute({
  method: "delete",
  path: "/tokens/{id}",
  tags: ["tokens"],
  summary: "Revoke a token; it stops working at once",
  middleware: admin,
  request: { params: IdParam("id", "tok_01JNDX8Y3T6M5V0A7K2Q9R4B1C") },
  responses: { 204: { description: "Revoked (or already revoked)" }, ...problems(404) },
});

export const tokens = router()
  .openapi(list, async (c) => {
    const tokens = unwrap(await tokenList(c.get("db"), c.get("principal")));
    return c.json({ data: tokens }, 200);
  })
  .openapi(create, async (c) => {
    const made = unwrap(await createToken(c.get("db"), c.get("principal"), c.req.valid("json")));
    c.header("Cache-Control", "no-store");
    // The secret is never kept for Idempotency-Key retries; a retry is told which token was made.
    withholdFromRetries(c, {
      detail: `Already done: token ${made.id} was made by the first request with this Idempotency-Key; its secret was shown once, in that answer, and is not kept. Revoke the token and make another if the secret was lost.`,
      extensions: { token_id: made.id },
    });
    return c.json(made, 201);
  })
  .openapi(revoke, async (c) => {
    unwrap(await revokeToken(c.get("db"), c.get("principal"), c.req.valid("param").id));
    return c.body(null, 204);
  });
