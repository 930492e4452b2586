// tcpdump 4.99's lines for what the lab's frames carry, read from their bytes as tcpdump reads
// them (print-ether.c, print-sll.c, print-arp.c, print-ip.c, print-icmp.c, print-tcp.c,
// print-udp.c, print-vxlan.c, print-domain.c (print-domain.ts); the -x / -X / -A dumps of print-ascii.c).

import { formatIpv4, formatMac } from '../../core/addr.ts';
import { inetChecksum } from '../../core/capture/wire.ts';
import { SERVICES } from './filter.ts';
import { domainPrint } from './print-domain.ts';

export interface PrintOptions {
  /** -e: the link-level header */
  readonly eflag: boolean;
  /** -v, -vv, -vvv */
  readonly vflag: number;
  /** -q: quick output */
  readonly qflag: boolean;
  /** -n: no address or port names (the lab has no resolver: addresses print as numbers anyway) */
  readonly nflag: number;
  /** -S: absolute TCP sequence numbers */
  readonly Sflag: boolean;
  /** -x (1), -xx (2) */
  readonly xflag: number;
  /** -X (1), -XX (2) */
  readonly Xflag: number;
  /** -A */
  readonly Aflag: boolean;
  /** -t count: 0 the time of day, 1 none, 2 seconds since the epoch, 3 since the previous, 4 date and time, 5 since the first */
  readonly tflag: number;
}

export interface Packet {
  readonly tsUs: number;
  readonly data: Uint8Array;
  readonly len: number;
  readonly link: 'ether' | 'sll2';
  /** LINUX_SLL2: the interface name (if_indextoname) */
  readonly ifname?: string;
}

const TCP_FLAGS: Array<[number, string]> = [
  [0x01, 'F'],
  [0x02, 'S'],
  [0x04, 'R'],
  [0x08, 'P'],
  [0x10, '.'],
  [0x20, 'U'],
  [0x40, 'E'],
  [0x80, 'W'],
];

const ETHERTYPES: Record<number, string> = { 2048: 'IPv4', 2054: 'ARP', 34525: 'IPv6', 33024: '802.1Q' };
const PKTTYPES = ['In', 'B', 'M', 'P', 'Out'];
const IP_PROTO_NAMES: Record<number, string> = { 1: 'ICMP', 2: 'IGMP', 6: 'TCP', 17: 'UDP', 132: 'SCTP' };

const be16 = (d: Uint8Array, o: number): number => ((d[o] ?? 0) << 8) | (d[o + 1] ?? 0);
const be32 = (d: Uint8Array, o: number): number => be16(d, o) * 65536 + be16(d, o + 2);
const mac = (d: Uint8Array, o: number): string => formatMac(be16(d, o) * 2 ** 32 + be32(d, o + 2));
const ip4 = (d: Uint8Array, o: number): string => formatIpv4(be32(d, o));

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad6 = (n: number): string => String(n).padStart(6, '0');

function clock(us: number): string {
  const s = Math.floor(us / 1e6);
  return `${pad2(Math.floor(s / 3600) % 24)}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}.${pad6(us % 1e6)}`;
}

function delta(us: number): string {
  const s = Math.floor(us / 1e6);
  return `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}.${pad6(us % 1e6)}`;
}

/** the printer of one capture: it keeps what tcpdump keeps between packets (TCP's first sequence numbers, the previous time) */
/** txtproto_print with -v: every line of the text on its own, after a newline and a tab */
function textLines(b: Uint8Array): string {
  const text = new TextDecoder().decode(b);
  let out = '';
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    // a last line with no end: printed as cut short
    if (nl < 0) return `${out}\n\t${text.slice(at)} [|http]`;
    out += `\n\t${text.slice(at, nl).replace(/\r$/, '')}`;
    at = nl + 1;
  }
  return out;
}

const hex4 = (v: number): string => v.toString(16).padStart(4, '0');

/** in_cksum_shouldbe: the checksum the segment should carry (its field taken as zero) */
function shouldBe(ipb: Uint8Array, b: Uint8Array, at: number, proto: number): number {
  const c = b.slice();
  c[at] = 0;
  c[at + 1] = 0;
  return inetChecksum(c, 0, c.length, pseudo(ipb, proto, c.length));
}

export class Printer {
  private readonly tcpSeqs = new Map<string, { seq: number; ack: number }>();
  private first: number | null = null;
  private prev: number | null = null;
  constructor(private readonly o: PrintOptions) {}

  private timestamp(us: number): string {
    const t = Math.floor(us);
    this.first ??= t;
    const prev = this.prev ?? t;
    this.prev = t;
    switch (this.o.tflag) {
      case 0:
        return `${clock(t)} `;
      case 1:
        return '';
      case 2:
        return `${Math.floor(t / 1e6)}.${pad6(t % 1e6)} `;
      case 3:
        return `${delta(t - prev)} `;
      case 4: {
        const d = new Date(Math.floor(t / 1000));
        return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${clock(t)} `;
      }
      default:
        return `${delta(t - this.first)} `;
    }
  }

  /** the line (and dump lines) tcpdump prints for a packet */
  print(p: Packet): string {
    let s = this.timestamp(p.tsUs);
    const d = p.data;
    let l3: number;
    let type: number;
    if (p.link === 'sll2') {
      s += `${(p.ifname ?? '?').padEnd(5)} ${(PKTTYPES[d[10] ?? 0] ?? '?').padEnd(3)} `;
      type = be16(d, 0);
      l3 = 20;
      if (this.o.eflag) s += `ifindex ${be32(d, 4)} ${mac(d, 12)} ${this.ethertype(type)}, length ${p.len}: `;
    } else {
      type = be16(d, 12);
      l3 = 14;
      if (this.o.eflag) s += `${mac(d, 6)} > ${mac(d, 0)}, ${this.ethertype(type)}, length ${p.len}: `;
    }
    s += this.network(type, d.subarray(l3), p.len - l3);
    const hdr = this.o.xflag > 1 || this.o.Xflag > 1 ? 0 : l3;
    if (this.o.Xflag) s += hexDump(d.subarray(hdr), true);
    else if (this.o.xflag) s += hexDump(d.subarray(hdr), false);
    else if (this.o.Aflag) s += asciiDump(d.subarray(l3));
    return s;
  }

  private ethertype(type: number): string {
    const name = ETHERTYPES[type];
    if (this.o.qflag) return name ?? `ethertype Unknown (0x${type.toString(16).padStart(4, '0')})`;
    return `ethertype ${name ?? 'Unknown'} (0x${type.toString(16).padStart(4, '0')})`;
  }

  /** what follows the link-level header: "IP …", "ARP, …", or the payload after -e's header */
  private network(type: number, d: Uint8Array, len: number): string {
    const e = this.o.eflag;
    if (type === 0x0806) return (e ? '' : 'ARP, ') + this.arp(d, len);
    if (type === 0x0800) return (e ? '' : 'IP ') + this.ip(d);
    return e ? '' : `ethertype Unknown (0x${type.toString(16).padStart(4, '0')}), length ${len + 14}: `;
  }

  private arp(d: Uint8Array, len: number): string {
    const op = be16(d, 6);
    const v = this.o.vflag ? 'Ethernet (len 6), IPv4 (len 4), ' : '';
    const tha = mac(d, 18);
    if (op === 1)
      return `${v}Request who-has ${ip4(d, 24)}${tha !== '00:00:00:00:00:00' ? ` (${tha})` : ''} tell ${ip4(d, 14)}, length ${len}`;
    if (op === 2) return `${v}Reply ${ip4(d, 14)} is-at ${mac(d, 8)}, length ${len}`;
    return `${v}Unknown opcode (${op}), length ${len}`;
  }

  private ip(d: Uint8Array): string {
    const ihl = (d[0]! & 0x0f) * 4;
    const tot = be16(d, 2);
    const frag = be16(d, 6);
    const off = (frag & 0x1fff) * 8;
    const proto = d[9]!;
    const src = ip4(d, 12);
    const dst = ip4(d, 16);
    const body = d.subarray(ihl, tot);
    const fragmented = off !== 0 || (frag & 0x2000) !== 0;
    let head = '';
    if (this.o.vflag) {
      const flags = `${frag & 0x4000 ? 'DF' : ''}${frag & 0x2000 ? '+' : ''}` || 'none';
      head = `(tos 0x${d[1]!.toString(16)}, ttl ${d[8]}, id ${be16(d, 4)}, offset ${off}, flags [${flags}], proto ${IP_PROTO_NAMES[proto] ?? 'unknown'} (${proto}), length ${tot})\n    `;
    }
    if (off !== 0) {
      // a later fragment: no transport header to read
      return `${head}${src} > ${dst}: ${this.o.vflag ? '' : `ip-proto-${proto}`}`;
    }
    switch (proto) {
      case 1:
        return `${head}${src} > ${dst}: ${this.icmp(body, fragmented)}`;
      case 6:
        return `${head}${this.tcp(d, body, src, dst, fragmented)}`;
      case 17:
        return `${head}${this.udp(d, body, src, dst, fragmented)}`;
      default:
        return `${head}${src} > ${dst}: ip-proto-${proto} ${tot - ihl}`;
    }
  }

  private icmp(b: Uint8Array, fragmented: boolean): string {
    const type = b[0]!;
    const code = b[1]!;
    const inner = b.subarray(8);
    const innerDst = ip4(inner, 16);
    let str: string;
    switch (type) {
      case 0:
      case 8:
        str = `echo ${type === 8 ? 'request' : 'reply'}, id ${be16(b, 4)}, seq ${be16(b, 6)}`;
        break;
      case 3:
        str = unreach(code, inner, innerDst, be16(b, 6), this.o.nflag);
        break;
      case 5:
        str = `redirect ${innerDst} to ${code === 0 ? 'net' : code === 1 ? 'host' : code === 2 ? 'net' : 'host'} ${ip4(b, 4)}`;
        break;
      case 11:
        str = code === 0 ? 'time exceeded in-transit' : code === 1 ? 'ip reassembly time exceeded' : `time exceeded-#${code}`;
        break;
      default:
        str = `type-#${type}`;
    }
    let s = `ICMP ${str}, length ${b.length}`;
    if (this.o.vflag && !fragmented && inetChecksum(b) !== 0) s += ` (wrong icmp cksum ${be16(b, 2).toString(16)})`;
    if (this.o.vflag && (type === 3 || type === 5 || type === 11 || type === 4 || type === 12)) {
      // the quoted datagram, printed as an IP packet of its own
      const sub = new Printer({ ...this.o, vflag: 1 });
      s += `\n\tIP ${sub.ip(inner).replace(/\n {4}/, '\n    ')}`;
    }
    return s;
  }

  private port(p: number, proto: 'tcp' | 'udp'): string {
    return this.o.nflag ? String(p) : portName(p, proto);
  }

  private tcp(ipb: Uint8Array, b: Uint8Array, src: string, dst: string, fragmented: boolean): string {
    const sport = be16(b, 0);
    const dport = be16(b, 2);
    let s = `${src}.${this.port(sport, 'tcp')} > ${dst}.${this.port(dport, 'tcp')}: `;
    const hlen = (b[12]! >> 4) * 4;
    const length = b.length - hlen;
    if (this.o.qflag) return `${s}tcp ${length}`;
    const flags = b[13]!;
    let seq = be32(b, 4);
    let ack = be32(b, 8);
    const win = be16(b, 14);
    s += `Flags [${
      TCP_FLAGS.filter(([bit]) => flags & bit)
        .map(([, c]) => c)
        .join('') || 'none'
    }]`;
    if (!this.o.Sflag && flags & 0x10) {
      // tcp_seq_hash: one entry for both directions, relative numbers once the pair is known
      const rev = sport > dport || (sport === dport && be32(ipb, 12) > be32(ipb, 16));
      const key = rev ? `${dst}.${dport}-${src}.${sport}` : `${src}.${sport}-${dst}.${dport}`;
      const th = this.tcpSeqs.get(key);
      if (!th || flags & 0x02) {
        this.tcpSeqs.set(key, rev ? { ack: seq, seq: (ack - 1) >>> 0 } : { seq, ack: (ack - 1) >>> 0 });
      } else if (rev) {
        seq = (seq - th.ack) >>> 0;
        ack = (ack - th.seq) >>> 0;
      } else {
        seq = (seq - th.seq) >>> 0;
        ack = (ack - th.ack) >>> 0;
      }
    }
    if (this.o.vflag && !fragmented) {
      const sum = inetChecksum(b, 0, b.length, pseudo(ipb, 6, b.length));
      s += `, cksum 0x${hex4(be16(b, 16))} (${sum === 0 ? 'correct' : `incorrect -> 0x${hex4(shouldBe(ipb, b, 16, 6))}`})`;
    }
    if (this.o.vflag > 1 || length > 0 || flags & 0x07) {
      s += `, seq ${seq}`;
      if (length > 0) s += `:${(seq + length) >>> 0}`;
    }
    if (flags & 0x10) s += `, ack ${ack}`;
    s += `, win ${win}`;
    if (hlen > 20) s += `, options [${tcpOptions(b.subarray(20, hlen))}]`;
    s += `, length ${length}`;
    const payload = b.subarray(hlen);
    if (payload.length && (sport === 80 || dport === 80 || sport === 8080 || dport === 8080)) {
      // txtproto_print: the protocol's name always; -v every text line, else the first line of
      // a request or a response only (not a body's continuation)
      const line = new TextDecoder().decode(payload).split('\r\n')[0] ?? '';
      const reqResp = /^(GET|POST|HEAD|PUT|DELETE|OPTIONS|TRACE|CONNECT|PATCH) |^\S+ \d{3}(\s|$)/i.test(line);
      s += this.o.vflag ? `: HTTP, length: ${payload.length}${textLines(payload)}` : reqResp ? `: HTTP: ${line}` : ': HTTP';
    }
    return s;
  }

  private udp(ipb: Uint8Array, b: Uint8Array, src: string, dst: string, fragmented: boolean): string {
    const sport = be16(b, 0);
    const dport = be16(b, 2);
    const ulen = be16(b, 4);
    let s = `${src}.${this.port(sport, 'udp')} > ${dst}.${this.port(dport, 'udp')}: `;
    // udp_print checks an IPv4 datagram's checksum from -vv on
    if (this.o.vflag > 1 && !fragmented) {
      const sum = be16(b, 6);
      if (sum === 0) s += '[no cksum] ';
      else if (inetChecksum(b, 0, b.length, pseudo(ipb, 17, b.length)) === 0) s += '[udp sum ok] ';
      else s += `[bad udp cksum 0x${hex4(sum)} -> 0x${hex4(shouldBe(ipb, b, 6, 17))}!] `;
    }
    if (this.o.qflag) return `${s}UDP, length ${ulen - 8}`;
    if (sport === 53 || dport === 53) return s + domainPrint(b.subarray(8, ulen), ulen - 8, this.o.vflag);
    if ((dport === 4789 || sport === 4789) && b.length >= 16) {
      const flags = b[8]!;
      const vni = (b[12]! << 16) | (b[13]! << 8) | b[14]!;
      const inner = b.subarray(16);
      const type = be16(inner, 12);
      const e = this.o.eflag ? `${mac(inner, 6)} > ${mac(inner, 0)}, ${this.ethertype(type)}, length ${inner.length}: ` : '';
      return `${s}VXLAN, flags [${flags & 0x08 ? 'I' : 'invalid'}] (0x${flags.toString(16).padStart(2, '0')}), vni ${vni}\n${e}${this.network(type, inner.subarray(14), inner.length - 14)}`;
    }
    return `${s}UDP, length ${ulen - 8}`;
  }
}

function pseudo(ipb: Uint8Array, proto: number, len: number): number {
  return be16(ipb, 12) + be16(ipb, 14) + be16(ipb, 16) + be16(ipb, 18) + proto + len;
}

function portName(p: number, proto: 'tcp' | 'udp'): string {
  for (const [name, n] of Object.entries(SERVICES)) {
    if (n !== p || name === 'www') continue;
    if (proto === 'udp' && (name === 'http' || name === 'https' || name === 'ssh' || name === 'http-alt')) continue;
    if (proto === 'tcp' && (name === 'bootps' || name === 'bootpc' || name === 'ntp' || name === 'snmp')) continue;
    return name;
  }
  return String(p);
}

function unreach(code: number, inner: Uint8Array, dst: string, mtu: number, nflag: number): string {
  switch (code) {
    case 0:
      return `net ${dst} unreachable`;
    case 1:
      return `host ${dst} unreachable`;
    case 2:
      return `${dst} protocol ${inner[9]} unreachable`;
    case 3: {
      const proto = inner[9]!;
      const hl = (inner[0]! & 0x0f) * 4;
      const dport = be16(inner, hl + 2);
      if (proto === 6) return `${dst} tcp port ${nflag ? dport : portName(dport, 'tcp')} unreachable`;
      if (proto === 17) return `${dst} udp port ${nflag ? dport : portName(dport, 'udp')} unreachable`;
      return `${dst} protocol ${proto} port ${dport} unreachable`;
    }
    case 4:
      return mtu ? `${dst} unreachable - need to frag (mtu ${mtu})` : `${dst} unreachable - need to frag`;
    case 9:
      return `net ${dst} unreachable - admin prohibited`;
    case 10:
      return `host ${dst} unreachable - admin prohibited`;
    case 13:
      return `host ${dst} unreachable - admin prohibited filter`;
    default:
      return `${dst} unreachable - #${code}`;
  }
}

function tcpOptions(o: Uint8Array): string {
  const out: string[] = [];
  let i = 0;
  while (i < o.length) {
    const kind = o[i]!;
    if (kind === 0) {
      out.push('eol');
      break;
    }
    if (kind === 1) {
      out.push('nop');
      i++;
      continue;
    }
    const len = o[i + 1] ?? 2;
    const v = o.subarray(i + 2, i + len);
    switch (kind) {
      case 2:
        out.push(`mss ${be16(v, 0)}`);
        break;
      case 3:
        out.push(`wscale ${v[0]}`);
        break;
      case 4:
        out.push('sackOK');
        break;
      case 8:
        out.push(`TS val ${be32(v, 0)} ecr ${be32(v, 4)}`);
        break;
      default:
        out.push(`unknown-${kind}`);
    }
    i += Math.max(2, len);
  }
  return out.join(',');
}

/** hex_and_ascii_print / hex_print: 16 bytes a line, offset first */
export function hexDump(b: Uint8Array, ascii: boolean): string {
  let s = '';
  for (let o = 0; o < b.length; o += 16) {
    const row = b.subarray(o, o + 16);
    const groups: string[] = [];
    for (let i = 0; i < row.length; i += 2)
      groups.push(row[i]!.toString(16).padStart(2, '0') + (i + 1 < row.length ? row[i + 1]!.toString(16).padStart(2, '0') : ''));
    const hex = groups.join(' ');
    s += `\n\t0x${o.toString(16).padStart(4, '0')}:  `;
    if (ascii) s += `${hex.padEnd(39)}  ${[...row].map((c) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.')).join('')}`;
    else s += hex;
  }
  return s;
}

/** ascii_print: printable bytes, newlines kept, CR before LF dropped, the rest as dots */
export function asciiDump(b: Uint8Array): string {
  let s = '\n';
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === 0x0d) {
      if (i + 1 >= b.length || b[i + 1] !== 0x0a) s += '.';
    } else if ((c > 0x20 && c < 0x7f) || c === 0x09 || c === 0x20 || c === 0x0a) s += String.fromCharCode(c);
    else s += '.';
  }
  return s;
}
