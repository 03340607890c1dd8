// The demo fixture as tests load it (vite's ?raw import; the CLI reads the same files from disk).

import { createDb } from "../src/db/client";
import { type DemoFixture, loadDemoData } from "../src/db/demo";
import fixture from "../src/db/demo/article-2020-03-05-kunduz.claims.json";
import article from "../src/db/demo/article-2020-03-05-kunduz.txt?raw";
import { worthiness } from "../src/worthiness/model";

export const demoArticle = article;
export const demoFixture = fixture as DemoFixture;

/** Scores a demo claim's words as the CLI's loader does. */
export const demoScore = (text: string) => worthiness(text).score;

export function loadDemo(d1: D1Database) {
  return loadDemoData(createDb(d1), demoFixture, demoArticle, demoScore);
}
