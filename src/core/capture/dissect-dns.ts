// A DNS message as Wireshark 4.0 lists and dissects it (packet-dns.c): the Info column
// (`Standard query 0x1234 A example.com`, `Standard query response 0x1234 Refused AAAA
// example.com`, the answers after the question) and the tree: Transaction ID, the flag bits in
// its words, the four counts, Queries, Answers, Authoritative nameservers, Additional records.

import { formatIpv4 } from '../addr.ts';
import { type DnsRecord, parseDns, readName } from '../dns-wire.ts';
import type { HeaderField } from './dissect.ts';

const be16 = (d: Uint8Array, o: number): number => ((d[o] ?? 0) << 8) | (d[o + 1] ?? 0);
const field = (text: string, at: number, len: number, children?: HeaderField[]): HeaderField =>
  children ? { text, at, len, children } : { text, at, len };

const OPCODES: Readonly<Record<number, string>> = {
  0: 'Standard query',
  1: 'Inverse query',
  2: 'Server status request',
  4: 'Zone change notification',
  5: 'Dynamic update',
};
const RCODES: Readonly<Record<number, string>> = {
  0: 'No error',
  1: 'Format error',
  2: 'Server failure',
  3: 'No such name',
  4: 'Not implemented',
  5: 'Refused',
};
/** dns_types_vals: the short name and Wireshark's description */
const TYPES: Readonly<Record<number, readonly [string, string]>> = {
  1: ['A', 'Host Address'],
  2: ['NS', 'authoritative Name Server'],
  5: ['CNAME', 'Canonical NAME for an alias'],
  6: ['SOA', 'Start Of a zone of Authority'],
  12: ['PTR', 'domain name PoinTeR'],
  15: ['MX', 'Mail eXchange'],
  16: ['TXT', 'Text strings'],
  28: ['AAAA', 'IPv6 Address'],
  33: ['SRV', 'Server Selection'],
  41: ['OPT', ''],
  65: ['HTTPS', 'HTTPS Specific Service Endpoints'],
  255: ['ANY', 'Request for all records the server/cache has available'],
};
const typeName = (t: number): string => TYPES[t]?.[0] ?? `Unknown (${t})`;
const typeText = (t: number): string => {
  const x = TYPES[t];
  return x ? (x[1] ? `${x[0]} (${x[1]}) (${t})` : `${x[0]} (${t})`) : `Unknown (${t})`;
};
const className = (c: number): string => (c === 1 ? 'IN' : c === 3 ? 'CH' : c === 4 ? 'HS' : c === 255 ? 'ANY' : `Unknown (${c})`);
const nameText = (n: string): string => n || '<Root>';

/** one bit field of the flags word as Wireshark draws it: `.... .1.. .... .... = Authoritative: …` */
function bits(word: number, mask: number, label: string): string {
  let s = '';
  for (let i = 15; i >= 0; i--) {
    s += mask & (1 << i) ? ((word >> i) & 1 ? '1' : '0') : '.';
    if (i % 4 === 0 && i) s += ' ';
  }
  return `${s} = ${label}`;
}

/** a TTL as Wireshark spells a time span: `600 (10 minutes)`, `0 (0 seconds)` */
function ttlText(ttl: number): string {
  if (ttl === 0) return '0 (0 seconds)';
  const parts: string[] = [];
  let left = ttl;
  for (const [n, unit] of [
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ] as const) {
    const k = Math.floor(left / n);
    if (k) parts.push(`${k} ${unit}${k === 1 ? '' : 's'}`);
    left %= n;
  }
  return `${ttl} (${parts.join(', ')})`;
}

/** what an answer's data says in the Info column and in its tree line */
function rdata(d: Uint8Array, r: DnsRecord): { info: string; line: string; kids: HeaderField[] } {
  const at = r.rdata;
  if (r.type === 1 && r.addr !== undefined) {
    const a = formatIpv4(r.addr);
    return { info: `A ${a}`, line: `, addr ${a}`, kids: [field(`Address: ${a}`, at, 4)] };
  }
  if (r.target !== undefined) {
    const t = typeName(r.type);
    const label = r.type === 5 ? 'CNAME' : r.type === 12 ? 'Domain Name' : 'Name Server';
    const lower = r.type === 5 ? 'cname' : r.type === 12 ? '' : 'ns';
    return {
      info: `${t} ${r.target}`,
      line: lower ? `, ${lower} ${r.target}` : ` ${r.target}`,
      kids: [field(`${label}: ${r.target}`, at, r.rdlength)],
    };
  }
  return { info: typeName(r.type), line: '', kids: r.rdlength ? [field(`Data (${r.rdlength} bytes)`, at, r.rdlength)] : [] };
}

function recordTree(d: Uint8Array, r: DnsRecord, start: number): { node: HeaderField; info: string } {
  const end = r.rdata + r.rdlength;
  if (r.type === 41) {
    const kids = [
      field(`Name: ${nameText(r.name)}`, start, r.rdata - 10 - start),
      field(`Type: ${typeText(41)}`, r.rdata - 10, 2),
      field(`UDP payload size: ${r.cls}`, r.rdata - 8, 2),
      field(`Higher bits in extended RCODE: 0x${(d[r.rdata - 6] ?? 0).toString(16).padStart(2, '0')}`, r.rdata - 6, 1),
      field(`EDNS0 version: ${d[r.rdata - 5] ?? 0}`, r.rdata - 5, 1),
      field(
        `Z: 0x${be16(d, r.rdata - 4)
          .toString(16)
          .padStart(4, '0')}`,
        r.rdata - 4,
        2,
        [
          field(
            bits(be16(d, r.rdata - 4), 0x8000, `DO bit: ${d[r.rdata - 4]! & 0x80 ? 'Accepts' : 'Cannot handle'} DNSSEC security RRs`),
            r.rdata - 4,
            2,
          ),
          field(
            bits(be16(d, r.rdata - 4), 0x7fff, `Reserved: 0x${(be16(d, r.rdata - 4) & 0x7fff).toString(16).padStart(4, '0')}`),
            r.rdata - 4,
            2,
          ),
        ],
      ),
      field(`Data length: ${r.rdlength}`, r.rdata - 2, 2),
    ];
    return { node: field(`${nameText(r.name)}: type OPT`, start, end - start, kids), info: 'OPT' };
  }
  const x = rdata(d, r);
  const kids = [
    field(`Name: ${nameText(r.name)}`, start, r.rdata - 10 - start),
    field(`Type: ${typeText(r.type)}`, r.rdata - 10, 2),
    field(`Class: ${className(r.cls)} (0x${r.cls.toString(16).padStart(4, '0')})`, r.rdata - 8, 2),
    field(`Time to live: ${ttlText(r.ttl)}`, r.rdata - 6, 4),
    field(`Data length: ${r.rdlength}`, r.rdata - 2, 2),
    ...x.kids,
  ];
  return {
    node: field(`${nameText(r.name)}: type ${typeName(r.type)}, class ${className(r.cls)}${x.line}`, start, end - start, kids),
    info: x.info,
  };
}

export interface DnsDissection {
  readonly id: number;
  readonly response: boolean;
  readonly info: string;
  /** the "Domain Name System (query)" node */
  readonly node: HeaderField;
}

/** the message in d[o, end), or null when it is not one Wireshark would read as DNS */
export function dissectDns(d: Uint8Array, o: number, end: number, requestIn?: (id: number) => number | undefined): DnsDissection | null {
  const b = d.subarray(o, end);
  const m = parseDns(b);
  if (!m) return null;
  const response = (m.flags & 0x8000) !== 0;
  const opcode = (m.flags >> 11) & 0xf;
  const rcode = m.flags & 0xf;
  const op = OPCODES[opcode] ?? `Unknown operation (${opcode})`;
  const flagKids: HeaderField[] = [
    field(bits(m.flags, 0x8000, `Response: Message is a ${response ? 'response' : 'query'}`), o + 2, 2),
    field(bits(m.flags, 0x7800, `Opcode: ${op} (${opcode})`), o + 2, 2),
  ];
  if (response)
    flagKids.push(
      field(bits(m.flags, 0x0400, `Authoritative: Server ${m.flags & 0x0400 ? 'is' : 'is not'} an authority for domain`), o + 2, 2),
    );
  flagKids.push(
    field(bits(m.flags, 0x0200, `Truncated: Message is ${m.flags & 0x0200 ? '' : 'not '}truncated`), o + 2, 2),
    field(bits(m.flags, 0x0100, `Recursion desired: ${m.flags & 0x0100 ? 'Do' : "Don't do"} query recursively`), o + 2, 2),
  );
  if (response)
    flagKids.push(
      field(bits(m.flags, 0x0080, `Recursion available: Server ${m.flags & 0x0080 ? 'can' : "can't"} do recursive queries`), o + 2, 2),
    );
  flagKids.push(field(bits(m.flags, 0x0040, `Z: reserved (${(m.flags >> 6) & 1})`), o + 2, 2));
  // a query shows the AD bit only when it asks for it (dig does)
  if (!response && m.flags & 0x0020) flagKids.push(field(bits(m.flags, 0x0020, 'AD bit: Set'), o + 2, 2));
  if (response)
    flagKids.push(
      field(
        bits(
          m.flags,
          0x0020,
          `Answer authenticated: Answer/authority portion was ${m.flags & 0x0020 ? '' : 'not '}authenticated by the server`,
        ),
        o + 2,
        2,
      ),
    );
  flagKids.push(field(bits(m.flags, 0x0010, `Non-authenticated data: ${m.flags & 0x0010 ? 'Acceptable' : 'Unacceptable'}`), o + 2, 2));
  if (response) flagKids.push(field(bits(m.flags, 0x000f, `Reply code: ${RCODES[rcode] ?? 'Unknown'} (${rcode})`), o + 2, 2));
  const flagText = response ? `${op} response, ${RCODES[rcode] ?? 'Unknown'}` : op;
  const id = `0x${m.id.toString(16).padStart(4, '0')}`;
  const kids: HeaderField[] = [
    field(`Transaction ID: ${id}`, o, 2),
    field(`Flags: 0x${m.flags.toString(16).padStart(4, '0')} ${flagText}`, o + 2, 2, flagKids),
    field(`Questions: ${m.qdcount}`, o + 4, 2),
    field(`Answer RRs: ${m.ancount}`, o + 6, 2),
    field(`Authority RRs: ${m.nscount}`, o + 8, 2),
    field(`Additional RRs: ${m.arcount}`, o + 10, 2),
  ];
  let info = `${op}${response ? ' response' : ''} ${id}${response && rcode ? ` ${RCODES[rcode] ?? 'Unknown'}` : ''}`;
  // the questions: each name, its length and labels, type and class
  let at = 12;
  const qs: HeaderField[] = [];
  for (const q of m.questions) {
    const n = q.name;
    const nameLen = (readName(b, at)?.end ?? at) - at;
    const start = o + at;
    const t = typeName(q.type);
    qs.push(
      field(`${nameText(n)}: type ${t}, class ${className(q.cls)}`, start, nameLen + 4, [
        field(`Name: ${nameText(n)}`, start, nameLen),
        field(`[Name Length: ${n.length}]`, start, nameLen),
        field(`[Label Count: ${n ? n.split('.').length : 0}]`, start, nameLen),
        field(`Type: ${typeText(q.type)}`, start + nameLen, 2),
        field(`Class: ${className(q.cls)} (0x${q.cls.toString(16).padStart(4, '0')})`, start + nameLen + 2, 2),
      ]),
    );
    info += ` ${t} ${nameText(n)}`;
    at += nameLen + 4;
  }
  if (qs.length) kids.push(field('Queries', o + 12, at - 12, qs));
  for (const [records, title] of [
    [m.answers, 'Answers'],
    [m.authorities, 'Authoritative nameservers'],
    [m.additionals, 'Additional records'],
  ] as const) {
    if (!records.length) continue;
    const from = at;
    const nodes: HeaderField[] = [];
    for (const r of records) {
      const t = recordTree(d, { ...r, rdata: o + r.rdata }, o + at);
      nodes.push(t.node);
      info += ` ${t.info}`;
      at = r.rdata + r.rdlength;
    }
    kids.push(field(title, o + from, at - from, nodes));
  }
  const req = response ? requestIn?.(m.id) : undefined;
  if (req !== undefined) kids.push(field(`[Request In: ${req}]`, o, 0));
  return { id: m.id, response, info, node: field(`Domain Name System (${response ? 'response' : 'query'})`, o, end - o, kids) };
}
