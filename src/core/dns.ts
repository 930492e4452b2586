// DNS as the probes need it: one question of type A, the answer a name server gives from its
// zone (RFC 1035 in the few fields that matter here: id, QR, RCODE, the question, the A
// records), and the stub resolver's reading of /etc/resolv.conf. A message travels as the UDP
// payload of a datagram to port 53, so it is routed, filtered and NATed like any datagram.

import { type Ipv4, parseIpv4 } from './addr.ts';

/** RCODE: 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED */
export type DnsRcode = 0 | 2 | 3 | 5;

/** the RCODE's name, as dig and nslookup print it */
export const RCODE_NAMES: Readonly<Record<DnsRcode, string>> = { 0: 'NOERROR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 5: 'REFUSED' };

export interface DnsMessage {
  readonly id: number;
  /** QR: false for a query, true for a response */
  readonly response: boolean;
  readonly rcode: DnsRcode;
  /** the question: a name (lower case, no trailing dot) and type A */
  readonly qname: string;
  /** the A records of the answer section */
  readonly answers: readonly Ipv4[];
}

export const DNS_PORT = 53;

/** a name server's authoritative data: names and the addresses of their A records */
export interface DnsZone {
  /** name -> addresses; a name also answers for every name below it (dnsmasq's --address=/NAME/) */
  readonly records: ReadonlyMap<string, readonly Ipv4[]>;
  /** a server whose answers are computed when asked (Docker's embedded DNS): used instead of records */
  readonly answer?: (qname: string) => { readonly rcode: DnsRcode; readonly answers: readonly Ipv4[] };
}

/** a name as compared in DNS: case-insensitive, a trailing dot is the root */
export function canonicalName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** the addresses a zone holds for a name or the nearest name above it, or null */
export function zoneLookup(zone: DnsZone, qname: string): readonly Ipv4[] | null {
  let n = canonicalName(qname);
  for (;;) {
    const hit = zone.records.get(n);
    if (hit) return hit;
    const dot = n.indexOf('.');
    if (dot < 0) return null;
    n = n.slice(dot + 1);
  }
}

/**
 * A server's response to a query: the records it holds, else REFUSED (a server with no
 * upstream to forward to refuses what it does not know; it is authoritative for nothing else).
 */
export function answerQuery(zone: DnsZone, q: DnsMessage): DnsMessage {
  if (zone.answer) return { id: q.id, response: true, qname: q.qname, ...zone.answer(q.qname) };
  const hit = zoneLookup(zone, q.qname);
  return { id: q.id, response: true, rcode: hit ? 0 : 5, qname: q.qname, answers: hit ?? [] };
}

/**
 * resolv.conf(5) as glibc reads it: every `nameserver ADDR` line, at most three (MAXNS); none
 * (or no file) means 127.0.0.1
 */
export function nameservers(resolvConf: string | undefined): Ipv4[] {
  const out: Ipv4[] = [];
  for (const line of (resolvConf ?? '').split('\n')) {
    const m = /^\s*nameserver\s+(\S+)/.exec(line);
    const ip = m ? parseIpv4(m[1]!) : null;
    if (ip !== null && out.length < 3) out.push(ip);
  }
  return out.length ? out : [0x7f000001];
}
