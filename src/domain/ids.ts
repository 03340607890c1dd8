// Opaque, prefixed, time-sortable ids (`clm_01J…`): a ULID (48-bit millisecond time +
// 80 random bits, Crockford base32) after a prefix that names the entity.

const PREFIXES = {
  claim: "clm",
  speaker: "spk",
  source: "src",
  evidence: "evd",
  event: "evt",
  recheck: "rck",
  token: "tok",
  correction: "cor",
  note: "nte",
  webhook: "whk",
  attempt: "wat",
} as const;
export type Entity = keyof typeof PREFIXES;

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function encodeTime(ms: number): string {
  let out = "";
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function encodeRandom(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte % 32];
  return out;
}

export function newId(entity: Entity, now = Date.now()): string {
  return `${PREFIXES[entity]}_${encodeTime(now)}${encodeRandom()}`;
}

export function idPattern(entity: Entity): RegExp {
  return new RegExp(`^${PREFIXES[entity]}_[0-9A-HJKMNP-TV-Z]{26}$`);
}
