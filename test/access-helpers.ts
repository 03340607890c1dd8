// Cloudflare Access for tests: RSA keys made here, and RS256 tokens signed with them.
export const RS256 = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

export const b64url = (data: Uint8Array | string) =>
  btoa(typeof data === "string" ? data : String.fromCharCode(...data))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
export const encodeJson = (value: unknown) => b64url(JSON.stringify(value));

export interface Key {
  kid: string;
  pair: CryptoKeyPair;
  jwk: JsonWebKey & { kid: string };
}

export async function makeKey(kid: string, modulusLength = 2048): Promise<Key> {
  const pair = (await crypto.subtle.generateKey(
    { ...RS256, modulusLength, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  const { kty, n, e } = (await crypto.subtle.exportKey("jwk", pair.publicKey)) as JsonWebKey;
  return { kid, pair, jwk: { kty, n, e, kid, alg: "RS256", use: "sig" } };
}

export async function sign(key: Key, payload: Record<string, unknown>, header: Record<string, unknown> = {}) {
  const input = `${encodeJson({ alg: "RS256", kid: key.kid, typ: "JWT", ...header })}.${encodeJson(payload)}`;
  const signature = await crypto.subtle.sign(RS256, key.pair.privateKey, new TextEncoder().encode(input));
  return `${input}.${b64url(new Uint8Array(signature))}`;
}
