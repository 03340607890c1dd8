// Source urls are stored canonical, so the same article filed twice is one source:
// lower-case scheme and host, no default port, no fragment, no utm_* (or other pure
// tracking) parameters, remaining parameters sorted, no trailing slash on the path.

const TRACKING_PARAMS = /^(utm_.*|fbclid|gclid|mc_cid|mc_eid)$/i;

export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

export function canonicalUrl(value: string): string {
  const url = new URL(value.trim());
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError("only http(s) urls");
  url.hash = "";
  url.username = "";
  url.password = "";
  for (const key of [...url.searchParams.keys()]) if (TRACKING_PARAMS.test(key)) url.searchParams.delete(key);
  url.searchParams.sort();
  if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, "");
  // URL already lower-cases the scheme and host and drops default ports.
  let out = url.toString();
  if (url.pathname === "/" && !url.search) out = out.replace(/\/$/, "");
  return out;
}
