// A DNS message as it crosses the wire (RFC 1035 4.1): the 12-byte header, the question, and
// the answer records, each owner name a pointer to the question's name (0xc00c) as dnsmasq and
// Docker's embedded DNS compress it. parseDns reads any message back (names decompressed, every
// section's records with their raw data) for the capture view and tcpdump.

import type { Ipv4 } from './addr.ts';
import { DNS_TYPE_A, type DnsMessage } from './dns.ts';

export const DNS_CLASS_IN = 1;
/** the header's flag bits (RFC 1035 4.1.1) */
export const DNS_QR = 0x8000;
export const DNS_AA = 0x0400;
export const DNS_TC = 0x0200;
export const DNS_RD = 0x0100;
export const DNS_RA = 0x0080;
/** the first name of a message starts right after the header: a pointer to it is 0xc00c */
const QNAME_POINTER = 0xc000 | 12;

/** a name's labels: `example.com` -> 7 example 3 com 0 (the root is a single 0) */
function nameBytes(name: string): number[] {
  const out: number[] = [];
  for (const label of name.split('.')) {
    if (!label) continue;
    const b = new TextEncoder().encode(label);
    out.push(b.length, ...b);
  }
  out.push(0);
  return out;
}

/** the header's second word: QR, opcode 0 (QUERY), AA, TC, RD, RA, Z, RCODE */
export function dnsFlags(m: DnsMessage): number {
  return (m.response ? DNS_QR : 0) | (m.aa ? DNS_AA : 0) | (m.rd ? DNS_RD : 0) | (m.ra ? DNS_RA : 0) | m.rcode;
}

/** the message's bytes: what the datagram to or from port 53 carries */
export function dnsBytes(m: DnsMessage): Uint8Array {
  const out: number[] = [];
  const u16 = (v: number): void => {
    out.push((v >>> 8) & 0xff, v & 0xff);
  };
  const u32 = (v: number): void => {
    u16((v >>> 16) & 0xffff);
    u16(v & 0xffff);
  };
  const answers = m.response ? m.answers : [];
  u16(m.id & 0xffff);
  u16(dnsFlags(m));
  u16(1); // QDCOUNT
  u16(answers.length); // ANCOUNT
  u16(0); // NSCOUNT
  u16(0); // ARCOUNT
  out.push(...nameBytes(m.qname));
  u16(m.qtype ?? DNS_TYPE_A);
  u16(DNS_CLASS_IN);
  for (const a of answers) {
    u16(QNAME_POINTER);
    u16(DNS_TYPE_A);
    u16(DNS_CLASS_IN);
    u32(m.ttl ?? 0);
    u16(4);
    u32(a);
  }
  return Uint8Array.from(out);
}

/** the message's length in bytes, without building it */
export function dnsLength(m: DnsMessage): number {
  let name = 1;
  for (const label of m.qname.split('.')) if (label) name += 1 + new TextEncoder().encode(label).length;
  return 12 + name + 4 + (m.response ? m.answers.length * 16 : 0);
}

/** a resource record as read from the wire */
export interface DnsRecord {
  readonly name: string;
  readonly type: number;
  readonly cls: number;
  readonly ttl: number;
  /** RDATA's offset in the message and its length */
  readonly rdata: number;
  readonly rdlength: number;
  /** an A record's address */
  readonly addr?: Ipv4;
  /** a name RDATA holds (CNAME, PTR, NS) */
  readonly target?: string;
}

export interface ParsedDns {
  readonly id: number;
  readonly flags: number;
  readonly qdcount: number;
  readonly ancount: number;
  readonly nscount: number;
  readonly arcount: number;
  readonly questions: ReadonlyArray<{ readonly name: string; readonly type: number; readonly cls: number }>;
  readonly answers: readonly DnsRecord[];
  readonly authorities: readonly DnsRecord[];
  readonly additionals: readonly DnsRecord[];
}

/** a name at OFFSET (pointers followed, at most 127 of them): the name and where it ends, or null */
export function readName(b: Uint8Array, offset: number): { name: string; end: number } | null {
  const labels: string[] = [];
  let o = offset;
  let end = -1;
  for (let hops = 0; hops < 128; ) {
    const len = b[o];
    if (len === undefined) return null;
    if ((len & 0xc0) === 0xc0) {
      const low = b[o + 1];
      if (low === undefined) return null;
      if (end < 0) end = o + 2;
      o = ((len & 0x3f) << 8) | low;
      hops++;
      continue;
    }
    if (len & 0xc0) return null;
    if (len === 0) return { name: labels.join('.'), end: end < 0 ? o + 1 : end };
    if (o + 1 + len > b.length) return null;
    labels.push(new TextDecoder().decode(b.subarray(o + 1, o + 1 + len)));
    o += 1 + len;
  }
  return null;
}

const be16 = (b: Uint8Array, o: number): number => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);

/** a DNS message read from a datagram's payload, or null when it is not one (truncated, bad names) */
export function parseDns(b: Uint8Array): ParsedDns | null {
  if (b.length < 12) return null;
  const count = (i: number): number => be16(b, 4 + 2 * i);
  let o = 12;
  const questions: Array<{ name: string; type: number; cls: number }> = [];
  for (let i = 0; i < count(0); i++) {
    const n = readName(b, o);
    if (!n || n.end + 4 > b.length) return null;
    questions.push({ name: n.name, type: be16(b, n.end), cls: be16(b, n.end + 2) });
    o = n.end + 4;
  }
  const section = (n: number): DnsRecord[] | null => {
    const out: DnsRecord[] = [];
    for (let i = 0; i < n; i++) {
      const name = readName(b, o);
      if (!name || name.end + 10 > b.length) return null;
      const at = name.end;
      const type = be16(b, at);
      const rdlength = be16(b, at + 8);
      const rdata = at + 10;
      if (rdata + rdlength > b.length) return null;
      const ttl = be16(b, at + 4) * 65536 + be16(b, at + 6);
      const rec: DnsRecord = { name: name.name, type, cls: be16(b, at + 2), ttl, rdata, rdlength };
      if (type === DNS_TYPE_A && rdlength === 4) out.push({ ...rec, addr: (be16(b, rdata) * 65536 + be16(b, rdata + 2)) as Ipv4 });
      else if (type === 5 || type === 12 || type === 2) {
        const t = readName(b, rdata);
        out.push(t ? { ...rec, target: t.name } : rec);
      } else out.push(rec);
      o = rdata + rdlength;
    }
    return out;
  };
  const answers = section(count(1));
  const authorities = answers && section(count(2));
  const additionals = authorities && section(count(3));
  if (!answers || !authorities || !additionals) return null;
  return {
    id: be16(b, 0),
    flags: be16(b, 2),
    qdcount: count(0),
    ancount: count(1),
    nscount: count(2),
    arcount: count(3),
    questions,
    answers,
    authorities,
    additionals,
  };
}
