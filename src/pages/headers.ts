// The pages' headers: a strict CSP whose scripts need the per-request nonce, for the review
// interface (src/pages/index.tsx) and the public pages (src/pages/public) alike.
import { NONCE, secureHeaders } from "hono/secure-headers";

export const pageHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: [NONCE],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
  referrerPolicy: "same-origin",
});
