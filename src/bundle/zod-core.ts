// `z.core` for ./zod.ts: zod's core, with `locales` cut down to English as there.
import en from "zod/v4/locales/en.js";

export * from "zod/v4/core";
export const locales = { en };
