// Calling the Worker as API clients do: through its real fetch handler, with real tokens.
import { env, exports } from "cloudflare:workers";
import { createDb } from "../../src/db/client";
import { createToken } from "../../src/db/queries/tokens";
import { personKey } from "../../src/domain/actors";
import type { Role } from "../../src/domain/vocabulary";

export const ADMIN = env.ADMIN_TOKEN ?? "";

let unnamed = 0;

/** A token stored directly, as a fixture (no minter recorded); names must be new among live tokens. */
export async function storeToken(role: Role, name: string) {
  const made = await createToken(createDb(env.DB), { name, nameKey: personKey(name), role, createdBy: null });
  if (!made) throw new Error(`a live token is named ${JSON.stringify(name)} already`);
  return made;
}

export async function tokenFor(role: Role, name?: string): Promise<string> {
  unnamed += 1;
  return (await storeToken(role, name ?? `${role} test ${unnamed}`)).token;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function api(method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? ADMIN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await exports.default.fetch(`http://claimdesk.test/api/v1${path}`, { method, headers, body });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers of every shape the API has
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, json, text };
}

export const attacksClaim = {
  text: "insurgents had carried out 43 attacks on checkpoints in Helmand on Tuesday alone",
  kind: "statistic",
  speaker: { name: "Sonny Leggett", role: "US Forces-Afghanistan spokesman" },
  source: {
    url: "https://www.example.com/afp/2020/03/05/kunduz",
    title: "Taliban kill 20 Afghan soldiers",
    publisher: "AFP",
  },
  reported_via: "said",
  tags: ["afghanistan"],
};
