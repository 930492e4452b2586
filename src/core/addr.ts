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

export function formatIpv4(v: Ipv4): string {
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

export function maskOf(plen: number): number {
  return plen === 0 ? 0 : (0xffffffff << (32 - plen)) >>> 0;
}

export function inPrefix(ip: Ipv4, net: Ipv4, plen: number): boolean {
  const m = maskOf(plen);
  return ((ip & m) >>> 0) === ((net & m) >>> 0);
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
