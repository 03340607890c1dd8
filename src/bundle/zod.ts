// What `import … from "zod"` resolves to in the Worker's bundle (wrangler.toml [alias]) and in
// the workerd tests (test/vitest.config.ts): zod, with `locales` cut down to English.
//
// Why: @hono/zod-openapi imports zod's `z` namespace and hands it around as a value
// (extendZodWithOpenApi(z), `export { z }`), so esbuild cannot tree-shake it and bundled every
// member, `z.locales` included: every language's messages, about 360 KiB of the 1.4 MB bundle.
// Here `z` (and `default`) is this module's own namespace, `locales` and `core` are shadowed
// (a local export wins over `export *`), so nothing leads back to zod's full namespaces.
//
// English stays the language in use: zod's classic schemas register it on first use by
// importing zod/v4/locales/en.js directly, not through any namespace.
//
// `fromJSONSchema` (reading a JSON Schema into zod schemas) is shadowed the same way: nothing in
// the Worker reads JSON Schema, and it was 12 KiB of the bundle (5 KiB gzip), which the Worker's
// doors loaded on first use (src/index.ts) need for their module wrappers.
import type { fromJSONSchema as zodFromJSONSchema } from "zod/v4";
import en from "zod/v4/locales/en.js";
import * as z from "./zod";
import * as core from "./zod-core";

export * from "zod/v4";
export const locales = { en };
export const fromJSONSchema: typeof zodFromJSONSchema = () => {
  throw new Error("zod's fromJSONSchema is left out of claimdesk's bundle (src/bundle/zod.ts)");
};
// zod's compiler, left out as in ./zod-core.ts (zod/v4 re-exports it from its core).
export {
  compile,
  INVALID,
  withParser,
  ZodCompileAsyncError,
  ZodCompileUnsupportedError,
} from "./zod-core";
export { core, z, z as default };
