// Which urls the re-check job may visit: http(s) on the default port, to public hosts only.
// Workers cannot resolve names before fetching, so this judges what the url itself says:
// address literals, and names that only mean something on a private network.

/** Why the url may not be visited, or null when it may. */
export function refusal(url: URL, allowPrivate: boolean): string | null {
  if (url.protocol !== "http:" && url.protocol !== "https:") return `scheme ${url.protocol} is not http(s)`;
  if (allowPrivate) return null;
  // URL drops default ports, so any port left is a non-default one.
  if (url.port !== "") return `non-default port ${url.port}`;
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("[")) return isPublicIpv6(host.slice(1, -1)) ? null : `private address ${host}`;
  const v4 = parseIpv4(host);
  if (v4) return isPublicIpv4(v4) ? null : `private address ${host}`;
  if (host === "localhost" || /\.(localhost|local|internal|lan|home\.arpa)$/.test(host)) return `private name ${host}`;
  if (!host.includes(".")) return `single-label name ${host}`;
  return null;
}

// URL has already turned every IPv4 spelling (hex, octal, one number) into dotted decimal.
function parseIpv4(host: string): number[] | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  return m ? m.slice(1).map(Number) : null;
}

function isPublicIpv4([a = 0, b = 0, c = 0]: number[]): boolean {
  return !(
    a === 0 ||
    a === 10 ||
    a === 127 ||
    a >= 224 || // multicast, reserved, broadcast
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) ||
    (a === 198 && (b === 18 || b === 19)) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113)
  );
}

/** Eight 16-bit groups from URL's compressed lower-case form (it never keeps dotted quads). */
function ipv6Groups(address: string): number[] | null {
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array(tail === undefined ? 0 : missing).fill("0"), ...right].map((g) =>
    Number.parseInt(g, 16),
  );
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** The IPv4 address in two 16-bit groups. */
const v4Of = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];

function isPublicIpv6(address: string): boolean {
  const g = ipv6Groups(address);
  if (!g) return false;
  const [g0 = 0, g1 = 0, g2 = 0, , g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  // Forms that carry an IPv4 address follow the IPv4 rules.
  if (zeros(0, 5) && g5 === 0xffff) return isPublicIpv4(v4Of(g6, g7)); // ::ffff:a.b.c.d, mapped
  if (zeros(0, 6)) return false; // ::a.b.c.d, compatible (deprecated), with :: and ::1
  if (zeros(0, 4) && g4 === 0xffff && g5 === 0) return isPublicIpv4(v4Of(g6, g7)); // ::ffff:0:a.b.c.d, translated
  if (g0 === 0x64 && g1 === 0xff9b) return zeros(2, 6) && isPublicIpv4(v4Of(g6, g7)); // NAT64 /96; 64:ff9b:1::/48 is local
  if (g0 === 0x2002) return isPublicIpv4(v4Of(g1, g2)); // 6to4
  return !(
    (g0 === 0x2001 && g1 === 0) || // Teredo: a tunnel through a relay to a hidden (XORed) client
    (g0 === 0x2001 && g1 === 0xdb8) || // documentation
    (g0 & 0xfe00) === 0xfc00 || // unique local
    (g0 & 0xffc0) === 0xfe80 || // link-local
    (g0 & 0xffc0) === 0xfec0 || // site-local (deprecated, still routed privately)
    (g0 & 0xff00) === 0xff00 // multicast
  );
}
