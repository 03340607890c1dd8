// `z.core` for ./zod.ts: zod's core, with `locales` cut down to English as there, and without
// zod's compiler (`compile`, `compileFn`, `withParser` and their errors: turning a schema into a
// specialised parse function, 29 KiB of the bundle, 6 KiB gzip, which nothing in the Worker or its
// libraries calls; zod's own parse never imports it, it only checks its sentinel symbol). These
// are shadowed the way ./zod.ts shadows `fromJSONSchema`: a local export wins over `export *`.
import type * as zodCore from "zod/v4/core";
import en from "zod/v4/locales/en.js";

export * from "zod/v4/core";
export const locales = { en };

function leftOut(): never {
  throw new Error("zod's compiler is left out of claimdesk's bundle (src/bundle/zod-core.ts)");
}
/** zod's own sentinel: the same registered symbol zod/v4/core/parse.js compares with. */
export const INVALID = Symbol.for("zod.compile.invalid") as typeof zodCore.INVALID;
export const compile: typeof zodCore.compile = leftOut;
export const compileFn: typeof zodCore.compileFn = leftOut;
export const withParser: typeof zodCore.withParser = leftOut;
export const ZodCompileAsyncError = leftOut as unknown as typeof zodCore.ZodCompileAsyncError;
export const ZodCompileUnsupportedError = leftOut as unknown as typeof zodCore.ZodCompileUnsupportedError;
