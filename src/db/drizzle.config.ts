import { defineConfig } from "drizzle-kit";

// drizzle-kit only writes the SQL; wrangler applies it (`npm run db:migrate:local`).
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./drizzle",
});
