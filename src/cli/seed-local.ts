// `npm run db:seed:local`: the demo data into the local D1, if it holds no claims yet.
import { seedLocalWhenEmpty } from "./local-db";

const added = await seedLocalWhenEmpty();
console.log(
  added > 0 ? `Loaded the demo data: ${added} claims.` : "The local database already has claims; nothing loaded.",
);
