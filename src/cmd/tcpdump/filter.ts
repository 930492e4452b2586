// The pcap-filter language (libpcap 1.10) as tcpdump reads it, evaluated on a captured frame's
// bytes: qualified primitives (host, net, port, portrange with src / dst and ether / ip / arp /
// tcp / udp / icmp), protocols alone, broadcast, less / greater, relations between arithmetic
// expressions over len and proto[offset:size], and not / and / or (and and or of equal
// precedence, left to right, as libpcap's grammar has them) with parentheses. A bare value
// after and / or keeps the qualifiers before it ("host a or b"). Errors are libpcap's words.

import { parseMac } from '../../core/addr.ts';

export class FilterError extends Error {}

/** where a frame's network layer starts and what it is (EN10MB or LINUX_SLL2) */
export interface FrameView {
  readonly data: Uint8Array;
  /** wire length */
  readonly len: number;
  readonly link: 'ether' | 'sll2';
}

export type Filter = (v: FrameView) => boolean;

const SYNTAX = "can't parse filter expression: syntax error";

const ETHERTYPE_IP = 0x800;
const ETHERTYPE_ARP = 0x806;

const NAMED: Record<string, number> = {
  tcpflags: 13,
  'tcp-fin': 0x01,
  'tcp-syn': 0x02,
  'tcp-rst': 0x04,
  'tcp-push': 0x08,
  'tcp-ack': 0x10,
  'tcp-urg': 0x20,
  'tcp-ece': 0x40,
  'tcp-cwr': 0x80,
  icmptype: 0,
  icmpcode: 1,
  'icmp-echoreply': 0,
  'icmp-unreach': 3,
  'icmp-sourcequench': 4,
  'icmp-redirect': 5,
  'icmp-echo': 8,
  'icmp-routeradvert': 9,
  'icmp-routersolicit': 10,
  'icmp-timxceed': 11,
  'icmp-paramprob': 12,
  'icmp-tstamp': 13,
  'icmp-tstampreply': 14,
  'icmp-ireq': 15,
  'icmp-ireqreply': 16,
  'icmp-maskreq': 17,
  'icmp-maskreply': 18,
};

/** the services tcpdump's resolver knows (netbase's /etc/services, the ones a lab meets) */
export const SERVICES: Record<string, number> = {
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  bootps: 67,
  bootpc: 68,
  http: 80,
  www: 80,
  pop3: 110,
  ntp: 123,
  imap2: 143,
  snmp: 161,
  https: 443,
  'http-alt': 8080,
};

const IP_PROTOS: Record<string, number> = { icmp: 1, igmp: 2, tcp: 6, udp: 17, sctp: 132 };

type Tok = { t: 'word' | 'num' | 'op'; v: string };

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const two = ['&&', '||', '!=', '==', '<=', '>=', '<<', '>>'];
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pair = s.slice(i, i + 2);
    if (two.includes(pair)) {
      out.push({ t: 'op', v: pair });
      i += 2;
      continue;
    }
    if ('()[]:&|!=<>+-*/%^'.includes(c)) {
      out.push({ t: 'op', v: c });
      i++;
      continue;
    }
    const m = /^[A-Za-z0-9_.\-:\\]+/.exec(s.slice(i));
    if (!m) throw new FilterError(SYNTAX);
    let w = m[0];
    // "tcp[13]" and "1:2" inside brackets: a word ends before ':' unless it is a MAC address
    if (w.includes(':') && !/^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$/.test(w)) w = w.slice(0, w.indexOf(':')) || ':';
    if (w === ':') {
      out.push({ t: 'op', v: ':' });
      i++;
      continue;
    }
    out.push({ t: /^(0x[0-9a-fA-F]+|\d+)$/.test(w) ? 'num' : 'word', v: w });
    i += w.length;
  }
  return out;
}

interface Quals {
  proto?: string;
  dir?: 'src' | 'dst' | 'src or dst' | 'src and dst';
  type?: 'host' | 'net' | 'port' | 'portrange' | 'proto' | 'gateway';
}

type Arith = (v: FrameView) => number | null;

// ---- reading the frame ----------------------------------------------------------------------

function etherType(v: FrameView): number {
  const d = v.data;
  return v.link === 'ether' ? (d[12]! << 8) | d[13]! : (d[0]! << 8) | d[1]!;
}
const l3Off = (v: FrameView): number => (v.link === 'ether' ? 14 : 20);
function u(v: FrameView, off: number, size: number): number | null {
  if (off < 0 || off + size > v.data.length) return null;
  let x = 0;
  for (let i = 0; i < size; i++) x = x * 256 + v.data[off + i]!;
  return x;
}
const isIp = (v: FrameView): boolean => etherType(v) === ETHERTYPE_IP && v.data.length >= l3Off(v) + 20;
const isArp = (v: FrameView): boolean => etherType(v) === ETHERTYPE_ARP && v.data.length >= l3Off(v) + 28;
function ipProto(v: FrameView): number | null {
  return isIp(v) ? v.data[l3Off(v) + 9]! : null;
}
/** the first fragment (or the whole datagram): the one that holds the transport header */
function firstFrag(v: FrameView): boolean {
  const o = l3Off(v);
  return (((v.data[o + 6]! & 0x1f) << 8) | v.data[o + 7]!) === 0;
}
function l4Off(v: FrameView): number {
  const o = l3Off(v);
  return o + (v.data[o]! & 0x0f) * 4;
}

// ---- the parser -----------------------------------------------------------------------------

class Parser {
  private i = 0;
  private last: Quals = {};
  constructor(
    private readonly toks: Tok[],
    private readonly link: 'ether' | 'sll2',
  ) {}

  private peek(k = 0): Tok | undefined {
    return this.toks[this.i + k];
  }
  private isOp(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t?.t === 'op' && t.v === v;
  }
  private isWord(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t?.t === 'word' && t.v === v;
  }
  private expectOp(v: string): void {
    if (!this.isOp(v)) throw new FilterError(SYNTAX);
    this.i++;
  }

  parse(): Filter {
    if (this.toks.length === 0) return () => true;
    const f = this.expr();
    if (this.i !== this.toks.length) throw new FilterError(SYNTAX);
    return f;
  }

  private expr(): Filter {
    let f = this.term();
    for (;;) {
      if (this.isWord('and') || this.isOp('&&')) {
        this.i++;
        const a = f;
        const b = this.term(true);
        f = (v) => a(v) && b(v);
      } else if (this.isWord('or') || this.isOp('||')) {
        this.i++;
        const a = f;
        const b = this.term(true);
        f = (v) => a(v) || b(v);
      } else return f;
    }
  }

  private term(afterConj = false): Filter {
    if (this.isWord('not') || this.isOp('!')) {
      this.i++;
      const a = this.term(afterConj);
      return (v) => !a(v);
    }
    if (this.isOp('(')) {
      // a parenthesised relation "(tcp[13] & 2) != 0" or a parenthesised expression
      const save = this.i;
      const saveQ = this.last;
      try {
        return this.relation();
      } catch (e) {
        if (!(e instanceof FilterError) || e.message !== SYNTAX) throw e;
        this.i = save;
        this.last = saveQ;
      }
      this.i++;
      const f = this.expr();
      this.expectOp(')');
      return f;
    }
    const t = this.peek();
    if (!t) throw new FilterError(SYNTAX);
    // a bare value after and / or: the qualifiers before it apply
    if (afterConj && (t.t === 'num' || (t.t === 'word' && !KEYWORDS.has(t.v) && !(t.v in NAMED))) && this.last.type) {
      if (!this.startsRelation()) {
        this.i++;
        return this.primitive({ ...this.last }, t.v);
      }
    }
    if (this.startsRelation()) return this.relation();
    return this.qualified();
  }

  /** does a relation start here (an arithmetic expression, then a comparison)? */
  private startsRelation(): boolean {
    const t = this.peek();
    if (!t) return false;
    if (t.t === 'num' || (t.t === 'word' && (t.v === 'len' || t.v in NAMED))) return true;
    if (t.t === 'word' && this.isOp('[', 1)) return true;
    return false;
  }

  private relation(): Filter {
    const a = this.arith();
    const op = this.peek();
    if (!op || op.t !== 'op' || !['>', '<', '>=', '<=', '=', '==', '!='].includes(op.v)) throw new FilterError(SYNTAX);
    this.i++;
    const b = this.arith();
    return (v) => {
      const x = a(v);
      const y = b(v);
      if (x === null || y === null) return false;
      switch (op.v) {
        case '>':
          return x > y;
        case '<':
          return x < y;
        case '>=':
          return x >= y;
        case '<=':
          return x <= y;
        case '!=':
          return x !== y;
        default:
          return x === y;
      }
    };
  }

  // arithmetic, by C's precedence: | ^ & << >> + - * / %
  private arith(): Arith {
    return this.binary(0);
  }
  private static readonly LEVELS = [['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];
  private binary(level: number): Arith {
    if (level >= Parser.LEVELS.length) return this.unary();
    let a = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      if (!t || t.t !== 'op' || !Parser.LEVELS[level]!.includes(t.v)) return a;
      this.i++;
      const l = a;
      const r = this.binary(level + 1);
      const op = t.v;
      a = (v) => {
        const x = l(v);
        const y = r(v);
        if (x === null || y === null) return null;
        switch (op) {
          case '|':
            return (x | y) >>> 0;
          case '^':
            return (x ^ y) >>> 0;
          case '&':
            return (x & y) >>> 0;
          case '<<':
            return (x << y) >>> 0;
          case '>>':
            return x >>> y;
          case '+':
            return (x + y) >>> 0;
          case '-':
            return (x - y) >>> 0;
          case '*':
            return Math.imul(x, y) >>> 0;
          case '/':
            return y === 0 ? null : Math.floor(x / y);
          default:
            return y === 0 ? null : x % y;
        }
      };
    }
  }
  private unary(): Arith {
    if (this.isOp('-')) {
      this.i++;
      const a = this.unary();
      return (v) => {
        const x = a(v);
        return x === null ? null : -x >>> 0;
      };
    }
    if (this.isOp('(')) {
      this.i++;
      const a = this.arith();
      this.expectOp(')');
      return a;
    }
    const t = this.peek();
    if (!t) throw new FilterError(SYNTAX);
    this.i++;
    if (t.t === 'num') {
      const n = Number(t.v.startsWith('0') && !t.v.startsWith('0x') && t.v.length > 1 ? Number.parseInt(t.v, 8) : t.v);
      return () => n >>> 0;
    }
    if (t.v === 'len') return (v) => v.len;
    if (t.v in NAMED) {
      const n = NAMED[t.v]!;
      return () => n;
    }
    if (this.isOp('[')) return this.load(t.v);
    throw new FilterError(SYNTAX);
  }

  /** proto[expr] or proto[expr:size] */
  private load(proto: string): Arith {
    this.expectOp('[');
    const off = this.arith();
    let size = 1;
    if (this.isOp(':')) {
      this.i++;
      const s = this.peek();
      if (!s || s.t !== 'num') throw new FilterError(SYNTAX);
      this.i++;
      size = Number(s.v);
      if (size !== 1 && size !== 2 && size !== 4) throw new FilterError('data size must be 1, 2, or 4');
    }
    this.expectOp(']');
    const base = ((): ((v: FrameView) => number | null) | null => {
      switch (proto) {
        case 'ether':
        case 'link':
          return () => 0;
        case 'ip':
          return (v) => (isIp(v) ? l3Off(v) : null);
        case 'arp':
          return (v) => (isArp(v) ? l3Off(v) : null);
        case 'tcp':
        case 'udp':
        case 'icmp':
        case 'igmp': {
          const p = IP_PROTOS[proto]!;
          return (v) => (ipProto(v) === p && firstFrag(v) ? l4Off(v) : null);
        }
        default:
          return null;
      }
    })();
    if (!base) throw new FilterError(SYNTAX);
    return (v) => {
      const b = base(v);
      const o = off(v);
      return b === null || o === null ? null : u(v, b + o, size);
    };
  }

  /** [proto] [dir] [type] id, or a keyword primitive */
  private qualified(): Filter {
    const q: Quals = {};
    const t0 = this.peek()!;
    if (t0.t !== 'word') throw new FilterError(SYNTAX);
    if (['ether', 'ip', 'arp', 'tcp', 'udp', 'icmp', 'link', 'igmp', 'sctp', 'rarp'].includes(t0.v)) {
      q.proto = t0.v;
      this.i++;
    }
    // src / dst, "src or dst", "src and dst"
    if (this.isWord('src') || this.isWord('dst')) {
      const d = this.peek()!.v as 'src' | 'dst';
      this.i++;
      if ((this.isWord('or') || this.isWord('and')) && (this.isWord('src', 1) || this.isWord('dst', 1)) && this.isTypeOrId(2)) {
        q.dir = this.isWord('or') ? 'src or dst' : 'src and dst';
        this.i += 2;
      } else q.dir = d;
    }
    const t = this.peek();
    if (t?.t === 'word' && ['host', 'net', 'port', 'portrange', 'proto', 'gateway'].includes(t.v)) {
      q.type = t.v as NonNullable<Quals['type']>;
      this.i++;
    }
    // keyword primitives
    if (!q.dir && !q.type) {
      if (this.isWord('broadcast') || this.isWord('multicast')) {
        const w = this.peek()!.v;
        this.i++;
        return this.cast(w, q.proto);
      }
      if (q.proto && (this.isWord('proto') || this.peek() === undefined || this.endsPrimitive())) {
        return this.protoAlone(q.proto);
      }
      if (this.isWord('less') || this.isWord('greater')) {
        const w = this.peek()!.v;
        this.i++;
        const n = this.peek();
        if (!n || n.t !== 'num') throw new FilterError(SYNTAX);
        this.i++;
        const x = Number(n.v);
        return w === 'less' ? (v) => v.len <= x : (v) => v.len >= x;
      }
    }
    const id = this.peek();
    if (!id || (id.t !== 'word' && id.t !== 'num') || (id.t === 'word' && KEYWORDS.has(id.v))) {
      if (q.proto && !q.dir && !q.type) return this.protoAlone(q.proto);
      throw new FilterError(SYNTAX);
    }
    this.i++;
    // "proto \icmp", "ip proto 1", "ether proto 0x806"
    if (q.type === 'proto') return this.protoNumber(q.proto, id.v);
    return this.primitive(q, id.v);
  }

  private isTypeOrId(k: number): boolean {
    const t = this.peek(k);
    return t !== undefined && (t.t === 'num' || (t.t === 'word' && !['and', 'or', 'not'].includes(t.v)));
  }

  private endsPrimitive(): boolean {
    const t = this.peek();
    return !t || (t.t === 'word' && (t.v === 'and' || t.v === 'or')) || (t.t === 'op' && ['&&', '||', ')'].includes(t.v));
  }

  private cast(what: string, proto: string | undefined): Filter {
    if (proto === 'ip') {
      if (what === 'multicast') return (v) => isIp(v) && v.data[l3Off(v) + 16]! >= 224 && v.data[l3Off(v) + 16]! < 240;
      return (v) => isIp(v) && u(v, l3Off(v) + 16, 4) === 0xffffffff;
    }
    if (this.link !== 'ether') throw new FilterError(what === 'broadcast' ? 'not a broadcast link' : 'not a broadcast link');
    if (what === 'broadcast') return (v) => u(v, 0, 6) === 0xffffffffffff;
    return (v) => (v.data[0]! & 1) === 1;
  }

  private protoAlone(proto: string): Filter {
    if (this.isWord('proto')) {
      this.i++;
      const id = this.peek();
      if (!id) throw new FilterError(SYNTAX);
      this.i++;
      return this.protoNumber(proto, id.v);
    }
    switch (proto) {
      case 'ip':
        return isIp;
      case 'arp':
        return isArp;
      case 'rarp':
        return (v) => etherType(v) === 0x8035;
      case 'ether':
      case 'link':
        throw new FilterError(SYNTAX);
      default: {
        const p = IP_PROTOS[proto]!;
        return (v) => ipProto(v) === p;
      }
    }
  }

  private protoNumber(proto: string | undefined, id: string): Filter {
    const name = id.replace(/^\\/, '');
    if (proto === 'ether' || proto === 'link') {
      const n = /^(0x[0-9a-f]+|\d+)$/i.test(name)
        ? Number(name)
        : ({ ip: ETHERTYPE_IP, arp: ETHERTYPE_ARP } as Record<string, number>)[name];
      if (n === undefined) throw new FilterError(`unknown ether proto '${name}'`);
      return (v) => etherType(v) === n;
    }
    const n = /^(0x[0-9a-f]+|\d+)$/i.test(name) ? Number(name) : IP_PROTOS[name];
    if (n === undefined) throw new FilterError(SYNTAX);
    return (v) => ipProto(v) === n;
  }

  private primitive(q: Quals, id0: string): Filter {
    this.last = q;
    let id = id0;
    // "net 10.0.0.0/24": the prefix length follows the address
    if ((q.type === 'net' || q.type === undefined) && this.isOp('/')) {
      const n = this.peek(1);
      if (!n || n.t !== 'num') throw new FilterError(SYNTAX);
      id = `${id0}/${n.v}`;
      this.i += 2;
      if (q.type === undefined) q = { ...q, type: 'net' };
    }
    // the grammar is read before any value is looked up: "hst 1.2.3.4" is a syntax error
    if (!this.endsPrimitive() && !this.isWord('mask')) throw new FilterError(SYNTAX);
    const type = q.type ?? 'host';
    const dir = q.dir ?? 'src or dst';
    const proto = q.proto;
    const both = (src: Filter, dst: Filter): Filter =>
      dir === 'src' ? src : dir === 'dst' ? dst : dir === 'src and dst' ? (v) => src(v) && dst(v) : (v) => src(v) || dst(v);
    if (type === 'port' || type === 'portrange') {
      if (proto && proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp' && proto !== 'ip')
        throw new FilterError(`illegal qualifier of '${type}'`);
      let lo: number;
      let hi: number;
      if (type === 'portrange') {
        const m = /^(\w+)-(\w+)$/.exec(id);
        if (!m) throw new FilterError(SYNTAX);
        lo = portNumber(m[1]!);
        hi = portNumber(m[2]!);
        if (lo > hi) [lo, hi] = [hi, lo];
      } else lo = hi = portNumber(id);
      const protos = proto === 'tcp' ? [6] : proto === 'udp' ? [17] : proto === 'sctp' ? [132] : [6, 17, 132];
      const at =
        (off: number): Filter =>
        (v) => {
          const p = ipProto(v);
          if (p === null || !protos.includes(p) || !firstFrag(v)) return false;
          const x = u(v, l4Off(v) + off, 2);
          return x !== null && x >= lo && x <= hi;
        };
      return both(at(0), at(2));
    }
    if (type === 'gateway') throw new FilterError(SYNTAX);
    if (proto === 'tcp' || proto === 'udp' || proto === 'icmp' || proto === 'sctp' || proto === 'igmp')
      throw new FilterError(`'${proto}' modifier applied to ${type}`);
    if (proto === 'ether' || proto === 'link') {
      if (type !== 'host') throw new FilterError(SYNTAX);
      if (this.link !== 'ether')
        throw new FilterError('ethernet addresses supported only on ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel');
      const mac = parseMac(id);
      if (mac === null) throw new FilterError(`unknown ether host '${id}'`);
      return both(
        (v) => u(v, 6, 6) === mac,
        (v) => u(v, 0, 6) === mac,
      );
    }
    const { addr, mask } = type === 'net' ? this.netOf(id) : hostOf(id);
    const ipSide =
      (off: number): Filter =>
      (v) =>
        isIp(v) && (u(v, l3Off(v) + off, 4)! & mask) >>> 0 === addr;
    const arpSide =
      (off: number): Filter =>
      (v) =>
        isArp(v) && (u(v, l3Off(v) + off, 4)! & mask) >>> 0 === addr;
    const ipF = both(ipSide(12), ipSide(16));
    const arpF = both(arpSide(14), arpSide(24));
    if (proto === 'ip') return ipF;
    if (proto === 'arp' || proto === 'rarp') return arpF;
    return (v) => ipF(v) || arpF(v);
  }

  private netOf(id: string): { addr: number; mask: number } {
    // "net N mask M"
    if (this.isWord('mask')) {
      this.i++;
      const m = this.peek();
      if (!m) throw new FilterError(SYNTAX);
      this.i++;
      const a = atoin(id);
      const mk = atoin(m.v);
      if (!a || !mk || mk.bits !== 32) throw new FilterError(SYNTAX);
      if ((a.addr & ~mk.addr) >>> 0 !== 0) throw new FilterError(`non-network bits set in "${id} mask ${m.v}"`);
      return { addr: a.addr >>> 0, mask: mk.addr >>> 0 };
    }
    const [net, len] = id.split('/');
    const a = atoin(net!);
    if (!a) throw new FilterError(`unknown network '${id}'`);
    if (len !== undefined) {
      if (!/^\d+$/.test(len)) throw new FilterError(SYNTAX);
      const l = Number(len);
      if (l > 32) throw new FilterError('mask length must be <= 32');
      const mask = l === 0 ? 0 : (0xffffffff << (32 - l)) >>> 0;
      const full = a.bits === 32 ? a.addr : (a.addr << (32 - a.bits)) >>> 0;
      if ((full & ~mask) >>> 0 !== 0) throw new FilterError(`non-network bits set in "${id}"`);
      return { addr: full, mask };
    }
    const mask = a.bits === 0 ? 0 : (0xffffffff << (32 - a.bits)) >>> 0;
    return { addr: (a.addr << (32 - a.bits)) >>> 0, mask };
  }
}

const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'src',
  'dst',
  'host',
  'net',
  'port',
  'portrange',
  'proto',
  'ether',
  'ip',
  'arp',
  'rarp',
  'tcp',
  'udp',
  'icmp',
  'igmp',
  'sctp',
  'broadcast',
  'multicast',
  'less',
  'greater',
  'mask',
  'gateway',
  'link',
]);

/** __pcap_atoin: a dotted address of 1 to 4 parts, and how many bits it gave */
function atoin(s: string): { addr: number; bits: number } | null {
  if (!/^\d+(\.\d+){0,3}$/.test(s)) return null;
  const parts = s.split('.').map(Number);
  if (parts.some((p) => p > 255)) return null;
  let addr = 0;
  for (const p of parts) addr = addr * 256 + p;
  return { addr: addr >>> 0, bits: parts.length * 8 };
}

function hostOf(id: string): { addr: number; mask: number } {
  const a = atoin(id);
  if (!a) throw new FilterError(`unknown host '${id}'`);
  // a partial address ("host 10.1") stands for its network, as libpcap reads it
  const mask = a.bits === 32 ? 0xffffffff : (0xffffffff << (32 - a.bits)) >>> 0;
  return { addr: (a.bits === 32 ? a.addr : (a.addr << (32 - a.bits)) >>> 0) >>> 0, mask };
}

function portNumber(s: string): number {
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    if (n > 65535) throw new FilterError(`illegal port number ${n} > 65535`);
    return n;
  }
  const n = SERVICES[s];
  if (n === undefined) throw new FilterError(`unknown port '${s}'`);
  return n;
}

/** compile a filter expression (tcpdump's arguments joined by spaces) */
export function compileFilter(expr: string, link: 'ether' | 'sll2'): Filter {
  return new Parser(tokenize(expr), link).parse();
}
