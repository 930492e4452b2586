// DNS as the probes need it: one question of type A, the answer a name server gives from its
// zone (RFC 1035 in the few fields that matter here: id, QR, RCODE, the question, the A
// records), and the stub resolver's reading of /etc/resolv.conf. A message travels as the UDP
// payload of a datagram to port 53, so it is routed, filtered and NATed like any datagram.

import { type Ipv4, parseIpv4 } from './addr.ts';

/** RCODE: 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED */
export type DnsRcode = 0 | 2 | 3 | 5;

/** the RCODE's name, as dig and nslookup print it */
export const RCODE_NAMES: Readonly<Record<DnsRcode, string>> = { 0: 'NOERROR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 5: 'REFUSED' };

/** QTYPE: the record types the lab asks and answers (RFC 1035 3.2.2, RFC 3596 for AAAA) */
export const DNS_TYPE_A = 1;
export const DNS_TYPE_AAAA = 28;
export type DnsQtype = typeof DNS_TYPE_A | typeof DNS_TYPE_AAAA;

export interface DnsMessage {
  readonly id: number;
  /** QR: false for a query, true for a response */
  readonly response: boolean;
  readonly rcode: DnsRcode;
  /** the question: a name (lower case, no trailing dot) */
  readonly qname: string;
  /** the question's type: A when absent */
  readonly qtype?: DnsQtype;
  /** RD, recursion desired: set by a stub resolver, copied into the response */
  readonly rd?: boolean;
  /** AA, authoritative answer: a server answering from its own data */
  readonly aa?: boolean;
  /** RA, recursion available: set by a server that would forward what it does not hold */
  readonly ra?: boolean;
  /** the A records of the answer section */
  readonly answers: readonly Ipv4[];
  /** the answers' TTL in seconds (0 when absent) */
  readonly ttl?: number;
}

export const DNS_PORT = 53;

/** a name server's authoritative data: names and the addresses of their A records */
export interface DnsZone {
  /** name -> addresses; a name also answers for every name below it (dnsmasq's --address=/NAME/) */
  readonly records: ReadonlyMap<string, readonly Ipv4[]>;
  /** a server whose answers are computed when asked (Docker's embedded DNS): used instead of records */
  readonly answer?: (qname: string) => { readonly rcode: DnsRcode; readonly answers: readonly Ipv4[] };
  /** the TTL its answers carry (dnsmasq's local-ttl: 0; Docker's embedded DNS: 600) */
  readonly ttl?: number;
  /**
   * AA on answers from its own data (dnsmasq's --address names; Docker's resolver leaves it
   * clear). Either server sets RA and copies the query's RD.
   */
  readonly authoritative?: boolean;
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
 * The zones hold IPv4 addresses only: an AAAA question for a name held is what dnsmasq would
 * forward (REFUSED with no upstream, as recorded in 400), and what Docker's resolver answers
 * with no record (NOERROR: the name exists with IPv4 only).
 */
export function answerQuery(zone: DnsZone, q: DnsMessage): DnsMessage {
  const head = {
    id: q.id,
    response: true,
    qname: q.qname,
    ...(q.qtype !== undefined ? { qtype: q.qtype } : {}),
    ...(q.rd ? { rd: true } : {}),
    ra: true,
    ...(zone.ttl !== undefined ? { ttl: zone.ttl } : {}),
  };
  const aaaa = q.qtype === DNS_TYPE_AAAA;
  if (zone.answer) {
    const a = zone.answer(q.qname);
    return { ...head, rcode: a.rcode, answers: aaaa ? [] : a.answers };
  }
  const hit = zoneLookup(zone, q.qname);
  if (!hit || aaaa) return { ...head, rcode: 5, answers: [] };
  return { ...head, rcode: 0, answers: hit, ...(zone.authoritative ? { aa: true } : {}) };
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

/** the `options` of resolv.conf the stub resolver acts on: single-request (RES_SNGLKUP) */
export function resolvOptions(resolvConf: string | undefined): { readonly singleRequest: boolean } {
  let singleRequest = false;
  for (const line of (resolvConf ?? '').split('\n')) {
    const m = /^\s*options\s+(.*)$/.exec(line);
    if (m && m[1]!.split(/\s+/).includes('single-request')) singleRequest = true;
  }
  return { singleRequest };
}
