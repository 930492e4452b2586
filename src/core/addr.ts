// Addresses as integers inside the core: IPv4 is an unsigned 32-bit number, a MAC a 48-bit
// number. Text is parsed at the edge (commands, links) and printed at the edge.

export type Ipv4 = number;
export type Mac = number;

export const MAC_BROADCAST: Mac = 0xffffffffffff;

/** Parse dotted quad; null when not exactly four decimal octets 0..255. */
export function parseIpv4(s: string): Ipv4 | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let v = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    v = v * 256 + n;
  }
  return v >>> 0;
}

/**
 * C's strtoul(s + i, &end, 0): optional sign, then 0x hex, 0 octal or decimal digits.
 * Returns the value and where parsing stopped, or null when no digit was read.
 */
export function strtoul0(s: string, i = 0): { value: number; end: number } | null {
  let p = i;
  // isspace: space, \t \n \v \f \r
  for (let c = s.charCodeAt(p); c === 32 || (c >= 9 && c <= 13); c = s.charCodeAt(++p));
  let negative = false;
  if (s[p] === '+' || s[p] === '-') {
    negative = s[p] === '-';
    p++;
  }
  let base = 10;
  if (s[p] === '0') {
    if ((s[p + 1] === 'x' || s[p + 1] === 'X') && digitValue(s.charCodeAt(p + 2)) < 16) {
      base = 16;
      p += 2;
    } else base = 8;
  }
  const start = p;
  let v = 0;
  for (let d = digitValue(s.charCodeAt(p)); d < base; d = digitValue(s.charCodeAt(++p))) v = v * base + d;
  if (p === start) return null;
  // unsigned wrap of a negative number: any non-zero value is out of every range here
  return { value: negative && v !== 0 ? Number.MAX_SAFE_INTEGER : v, end: p };
}

/** a character code's value as a digit of any base up to 16; 99 for anything else (NaN included) */
function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return 99;
}

/**
 * iproute2's get_addr_ipv4: one to four parts, each strtoul(…, 0) up to 255; missing parts
 * are zero. So "10.1.010" is 10.1.8.0 and "10.95.2" is 10.95.2.0.
 */
export function parseInetIproute(s: string): Ipv4 | null {
  const b = [0, 0, 0, 0];
  let i = 0;
  for (let k = 0; k < 4; k++) {
    const r = strtoul0(s, i);
    if (!r || r.value > 255) return null;
    b[k] = r.value;
    if (r.end === s.length) return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    if (k === 3 || s[r.end] !== '.') return null;
    i = r.end + 1;
  }
  return null;
}

/** the prefix length of a contiguous netmask, or -1 */
export function maskToPlen(m: number): number {
  for (let p = 0; p <= 32; p++) if (maskOf(p) === m >>> 0) return p;
  return -1;
}

/**
 * iproute2's get_prefix: ADDR[/LEN], LEN by strtoul(…, 0) or as a dotted contiguous mask;
 * "default", "any" and "all" are 0/0. No "/LEN" is a host (/32).
 */
export function parsePrefixIproute(s: string): Cidr | null {
  const slash = s.indexOf('/');
  const head = slash < 0 ? s : s.slice(0, slash);
  if (head === 'default' || head === 'any' || head === 'all') return slash < 0 ? { addr: 0, plen: 0 } : null;
  const addr = parseInetIproute(head);
  if (addr === null) return null;
  if (slash < 0) return { addr, plen: 32 };
  const t = s.slice(slash + 1);
  const n = strtoul0(t);
  if (n && n.end === t.length && t[0] !== '-') return n.value <= 32 ? { addr, plen: n.value } : null;
  const m = parseInetIproute(t);
  const plen = m === null ? -1 : maskToPlen(m);
  return plen < 0 ? null : { addr, plen };
}

/**
 * inet_aton, as getaddrinfo reads a numeric host: "a.b.c.d", "a.b.c" (c 16 bits), "a.b"
 * (b 24 bits) or "a" (32 bits), each part in C notation (0x hex, leading 0 octal).
 */
export function parseInetAton(s: string): Ipv4 | null {
  const parts: number[] = [];
  let i = 0;
  for (;;) {
    if (!/[0-9]/.test(s[i] ?? '')) return null;
    const r = strtoul0(s, i);
    if (!r) return null;
    parts.push(r.value);
    i = r.end;
    if (i === s.length) break;
    if (s[i] !== '.' || parts.length === 4) return null;
    i++;
  }
  const n = parts.length;
  const lastBits = 32 - 8 * (n - 1);
  let v = 0;
  for (let k = 0; k < n - 1; k++) {
    if (parts[k]! > 255) return null;
    v = v * 256 + parts[k]!;
  }
  const last = parts[n - 1]!;
  if (last >= 2 ** lastBits) return null;
  return (v * 2 ** lastBits + last) >>> 0;
}

export function formatIpv4(v: Ipv4): string {
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

export function maskOf(plen: number): number {
  return plen === 0 ? 0 : (0xffffffff << (32 - plen)) >>> 0;
}

export function inPrefix(ip: Ipv4, net: Ipv4, plen: number): boolean {
  const m = maskOf(plen);
  return (ip & m) >>> 0 === (net & m) >>> 0;
}

export function networkOf(ip: Ipv4, plen: number): Ipv4 {
  return (ip & maskOf(plen)) >>> 0;
}

export function broadcastOf(ip: Ipv4, plen: number): Ipv4 {
  return (networkOf(ip, plen) | (~maskOf(plen) >>> 0)) >>> 0;
}

export interface Cidr {
  readonly addr: Ipv4;
  readonly plen: number;
}

/** "10.0.0.1/24" or "10.0.0.1" (plen 32). */
export function parseCidr(s: string): Cidr | null {
  const i = s.indexOf('/');
  const a = parseIpv4(i < 0 ? s : s.slice(0, i));
  if (a === null) return null;
  if (i < 0) return { addr: a, plen: 32 };
  const p = s.slice(i + 1);
  if (!/^\d{1,2}$/.test(p)) return null;
  const plen = Number(p);
  if (plen > 32) return null;
  return { addr: a, plen };
}

export function formatCidr(c: Cidr): string {
  return `${formatIpv4(c.addr)}/${c.plen}`;
}

export function isLoopback(ip: Ipv4): boolean {
  return ip >>> 24 === 127;
}

export function isMulticastOrBroadcast(ip: Ipv4): boolean {
  return ip >>> 28 === 0xe || ip === 0xffffffff;
}

/** ipv4_is_multicast: 224.0.0.0/4 */
export function isMulticast(ip: Ipv4): boolean {
  return ip >>> 28 === 0xe;
}

/** ip_eth_mc_map: 01:00:5e and the group's low 23 bits */
export function ipMcMac(group: Ipv4): Mac {
  return 0x01005e000000 + (group & 0x7fffff);
}

export function parseMac(s: string): Mac | null {
  if (!/^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$/.test(s)) return null;
  let v = 0;
  for (const p of s.split(':')) v = v * 256 + parseInt(p, 16);
  return v;
}

export function formatMac(m: Mac): string {
  const out: string[] = [];
  let v = m;
  for (let i = 0; i < 6; i++) {
    out.unshift((v % 256).toString(16).padStart(2, '0'));
    v = Math.floor(v / 256);
  }
  return out.join(':');
}

export function isMulticastMac(m: Mac): boolean {
  // the group bit is the lowest bit of the first octet
  return Math.floor(m / 2 ** 40) % 2 === 1;
}
