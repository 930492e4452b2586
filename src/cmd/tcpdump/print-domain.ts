// tcpdump 4.99's DNS printer (print-domain.c, domain_print): a UDP datagram from or to port 53.
// A query: `ID[+][%] [Na] [Nn] [Nau] TYPE? NAME. (LEN)` (+ RD, % CD); a response:
// `ID[ RCODE][*][-][|][$] AN/NS/AR ANSWERS (LEN)` (* AA, - no RA, | TC, $ AD); -v names each
// answer's owner, -vv adds the question (`q: A? NAME.`) and the ns: and ar: sections, -vvv
// each record's TTL (`[10m]`).

import { formatIpv4 } from '../../core/addr.ts';
import { readName } from '../../core/dns-wire.ts';

const OPCODES = [
  '',
  ' inv_q',
  ' stat',
  ' op3',
  ' notify',
  ' update',
  ' op6',
  ' op7',
  ' op8',
  ' updateA',
  ' updateD',
  ' updateDA',
  ' updateM',
  ' updateMA',
  ' zoneInit',
  ' zoneRef',
];
const RCODES = [
  '',
  ' FormErr',
  ' ServFail',
  ' NXDomain',
  ' NotImp',
  ' Refused',
  ' YXDomain',
  ' YXRRSet',
  ' NXRRSet',
  ' NotAuth',
  ' NotZone',
  ' Resp11',
  ' Resp12',
  ' Resp13',
  ' Resp14',
  ' NoChange',
];

/** ns_type2str, the types a lab's message or a common client's may hold */
const TYPES: Readonly<Record<number, string>> = {
  1: 'A',
  2: 'NS',
  5: 'CNAME',
  6: 'SOA',
  12: 'PTR',
  13: 'HINFO',
  15: 'MX',
  16: 'TXT',
  28: 'AAAA',
  33: 'SRV',
  35: 'NAPTR',
  39: 'DNAME',
  41: 'OPT',
  43: 'DS',
  46: 'RRSIG',
  47: 'NSEC',
  48: 'DNSKEY',
  64: 'SVCB',
  65: 'HTTPS',
  251: 'IXFR',
  252: 'AXFR',
  255: 'ANY',
  257: 'CAA',
};
const CLASSES: Readonly<Record<number, string>> = { 1: 'IN', 3: 'CHAOS', 4: 'HS', 255: 'ANY' };

const be16 = (b: Uint8Array, o: number): number => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);

class Truncated extends Error {}

/** fqdn_print: the labels each followed by a dot, the root a lone dot */
function fqdn(b: Uint8Array, o: number): { text: string; end: number } {
  const n = readName(b, o);
  if (!n) throw new Truncated();
  return { text: n.name ? `${n.name}.` : '.', end: n.end };
}

const SPANS: ReadonlyArray<[number, string]> = [
  [31536000, 'y'],
  [604800, 'w'],
  [86400, 'd'],
  [3600, 'h'],
  [60, 'm'],
  [1, 's'],
];

/** unsigned_relts_print: 0s, 10m, 1d1h1m1s */
function relts(secs: number): string {
  if (secs === 0) return '0s';
  let s = '';
  let left = secs;
  for (const [n, unit] of SPANS) {
    if (left >= n) {
      s += `${Math.floor(left / n)}${unit}`;
      left %= n;
    }
  }
  return s;
}

/** ns_qprint: ` TYPE[ CLASS]? NAME.` */
function question(b: Uint8Array, o: number): { text: string; end: number } {
  const n = fqdn(b, o);
  if (n.end + 4 > b.length) throw new Truncated();
  const type = be16(b, n.end);
  const cls = be16(b, n.end + 2);
  const c = cls === 1 ? '' : ` ${CLASSES[cls] ?? `(Class ${cls})`}`;
  return { text: ` ${TYPES[type] ?? `Type${type}`}${c}? ${n.text}`, end: n.end + 4 };
}

const EDNS_OPTIONS: Readonly<Record<number, string>> = { 3: 'NSID', 8: 'ECS', 9: 'EXPIRE', 10: 'COOKIE', 11: 'KEEPALIVE', 12: 'PADDING' };

/** an OPT record's options, each its name (`Opt15` when unknown) and its data in hex (dig's client cookie) */
function ednsOptions(b: Uint8Array, from: number, to: number): string {
  const out: string[] = [];
  for (let o = from; o + 4 <= to; ) {
    const code = be16(b, o);
    const len = be16(b, o + 2);
    const data = [...b.subarray(o + 4, Math.min(to, o + 4 + len))].map((x) => x.toString(16).padStart(2, '0')).join('');
    out.push(`${EDNS_OPTIONS[code] ?? `Opt${code}`} ${data}`);
    o += 4 + len;
  }
  return out.join(',');
}

/** ns_rprint: `[ OWNER.] TYPE DATA` (the owner from -v on; the TTL never) */
function record(b: Uint8Array, o: number, vflag: number): { text: string; end: number } {
  const owner = fqdn(b, o);
  let s = vflag ? ` ${owner.text}` : '';
  const at = owner.end;
  if (at + 10 > b.length) throw new Truncated();
  const type = be16(b, at);
  const cls = be16(b, at + 2);
  const len = be16(b, at + 8);
  const rd = at + 10;
  if (cls !== 1 && type !== 41) s += ` ${CLASSES[cls] ?? `(Class ${cls})`}`;
  // -vvv: the TTL as unsigned_relts_print writes a span of time
  if (vflag > 2 && type !== 41) s += ` [${relts(be16(b, at + 4) * 65536 + be16(b, at + 6))}]`;
  s += ` ${TYPES[type] ?? `Type${type}`}`;
  if (rd + len > b.length) throw new Truncated();
  switch (type) {
    case 1:
      s += ` ${formatIpv4(be16(b, rd) * 65536 + be16(b, rd + 2))}`;
      break;
    case 2:
    case 5:
    case 12:
    case 39:
      s += ` ${fqdn(b, rd).text}`;
      break;
    case 41:
      s += ` UDPsize=${cls}`;
      if (b[at + 6]! & 0x80) s += ' DO';
      if (len) s += ` [${ednsOptions(b, rd, rd + len)}]`;
      break;
  }
  return { text: s, end: rd + len };
}

/** the records of one section, comma-separated */
function section(b: Uint8Array, o: number, n: number, vflag: number): { text: string; end: number } {
  let s = '';
  let at = o;
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      if (at >= b.length) throw new Truncated();
      s += ',';
    }
    const r = record(b, at, vflag);
    s += r.text;
    at = r.end;
  }
  return { text: s, end: at };
}

/** what tcpdump prints after `SRC.PORT > DST.PORT: ` for a DNS message of LENGTH bytes */
export function domainPrint(b: Uint8Array, length: number, vflag: number): string {
  if (b.length < 12) return '[|domain]';
  const id = be16(b, 0);
  const flags = be16(b, 2);
  const [qd, an, ns, ar] = [be16(b, 4), be16(b, 6), be16(b, 8), be16(b, 10)];
  const opcode = OPCODES[(flags >> 11) & 0xf]!;
  let s = '';
  try {
    let o = 12;
    if (flags & 0x8000) {
      s = `${id}${opcode}${RCODES[flags & 0xf]}${flags & 0x0400 ? '*' : ''}${flags & 0x0080 ? '' : '-'}${flags & 0x0200 ? '|' : ''}${flags & 0x0020 ? '$' : ''}`;
      if (qd !== 1) s += ` [${qd}q]`;
      for (let i = 0; i < qd; i++) {
        if (vflag > 1) {
          if (i > 0) s += ',';
          const q = question(b, o);
          s += ` q:${q.text}`;
          o = q.end;
        } else o = fqdn(b, o).end + 4;
      }
      s += ` ${an}/${ns}/${ar}`;
      const a = section(b, o, an, vflag);
      s += a.text;
      o = a.end;
      if (vflag > 1) {
        for (const [n, tag] of [
          [ns, ' ns:'],
          [ar, ' ar:'],
        ] as const) {
          if (n && o < b.length) {
            const r = section(b, o, n, vflag);
            s += tag + r.text;
            o = r.end;
          }
        }
      }
    } else {
      s = `${id}${opcode}${flags & 0x0100 ? '+' : ''}${flags & 0x0010 ? '%' : ''}`;
      if (flags & 0x6cf) s += ` [b2&3=0x${flags.toString(16)}]`;
      if (((flags >> 11) & 0xf) === 1) {
        if (qd) s += ` [${qd}q]`;
        if (an !== 1) s += ` [${an}a]`;
      } else {
        if (an) s += ` [${an}a]`;
        if (qd !== 1) s += ` [${qd}q]`;
      }
      if (ns) s += ` [${ns}n]`;
      if (ar) s += ` [${ar}au]`;
      for (let i = 0; i < qd; i++) {
        const q = question(b, o);
        s += q.text;
        o = q.end;
      }
      if (vflag > 1) {
        const a = section(b, o, an, vflag);
        s += a.text;
        o = a.end;
        for (const [n, tag] of [
          [ns, ' ns:'],
          [ar, ' ar:'],
        ] as const) {
          if (n && o < b.length) {
            const r = section(b, o, n, vflag);
            s += tag + r.text;
            o = r.end;
          }
        }
      }
    }
  } catch (e) {
    if (e instanceof Truncated) return `${s} [|domain]`;
    throw e;
  }
  return `${s} (${length})`;
}
