// ss's filter expression (iproute2 6.1, misc/ssfilter.y) over the lab's sockets: `sport` and
// `dport` compared with a port (`= :80`, `eq :http`, `>= :1024`…), `src` and `dst` with an
// address, a prefix and an optional port; juxtaposition or `and`, `or`, `not` / `!`, and
// parentheses. What the lab cannot read is refused with a netlab message, never ignored.

import { type Ipv4, parseIpv4 } from '../core/addr.ts';
import { CmdError } from './result.ts';
import { serviceToPort } from './services.ts';

/** the four things a filter looks at, the peer of a listener being 0.0.0.0:0 */
export interface SockEnds {
  readonly src: Ipv4;
  readonly sport: number;
  readonly dst: Ipv4;
  readonly dport: number;
}

export type SockFilter = (s: SockEnds) => boolean;

/** the socket tables the listing shows (-t, -u) */
export interface Protos {
  readonly tcp: boolean;
  readonly udp: boolean;
}

const OPS: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '==': (a, b) => a === b,
  eq: (a, b) => a === b,
  '!=': (a, b) => a !== b,
  ne: (a, b) => a !== b,
  neq: (a, b) => a !== b,
  '>': (a, b) => a > b,
  gt: (a, b) => a > b,
  '<': (a, b) => a < b,
  lt: (a, b) => a < b,
  '>=': (a, b) => a >= b,
  ge: (a, b) => a >= b,
  '<=': (a, b) => a <= b,
  le: (a, b) => a <= b,
};

function unmodelled(text: string): CmdError {
  return new CmdError(
    `netlab: ss filter ${text} is not modelled (sport|dport [= != < > <= >=] :PORT, src|dst ADDR[/LEN][:PORT], and, or, not, ( ))`,
    1,
  );
}

/**
 * `:PORT` or `:SERVICE` (a port alone; `*` is any): a name is looked up for UDP, then TCP, as far
 * as the listing shows them (parse_hostcond)
 */
function portOf(v: string, protos: Protos, text: string): number | null {
  const m = /^:(.+)$/.exec(v);
  if (!m) throw unmodelled(text);
  if (m[1] === '*') return null;
  if (/^\d+$/.test(m[1]!)) return Number(m[1]);
  const u = protos.udp ? serviceToPort(m[1]!, 'udp') : null;
  const t = protos.tcp ? serviceToPort(m[1]!, 'tcp') : null;
  if (u !== null && t !== null && u !== t) throw new CmdError(`Error: ambiguous port "${v}".`, 255);
  const p = u ?? t;
  if (p === null) throw unmodelled(text);
  return p;
}

/** ADDR[/LEN][:PORT], `*` or `*:PORT`: what src and dst compare */
function hostCond(v: string, protos: Protos, text: string): SockFilter {
  const m = /^([^:/]+)(?:\/(\d+))?(?::(.+))?$/.exec(v);
  if (!m) throw unmodelled(text);
  const port = m[3] === undefined ? null : portOf(`:${m[3]}`, protos, text);
  let test: (a: Ipv4) => boolean = () => true;
  if (m[1] !== '*') {
    const addr = parseIpv4(m[1]!);
    if (addr === null) throw unmodelled(text);
    const len = m[2] === undefined ? 32 : Number(m[2]);
    if (len > 32) throw unmodelled(text);
    const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
    test = (a) => (a & mask) >>> 0 === (addr & mask) >>> 0;
  }
  return (s) => test(s.src) && (port === null || s.sport === port);
}

/** parse the words after the state filters into one predicate */
export function parseSockFilter(words: readonly string[], protos: Protos): SockFilter | null {
  if (!words.length) return null;
  const text = words.join(' ');
  // ss's lexer reads blanks inside a word too (the man page quotes the whole expression:
  // ss -t '( dport = :ssh or sport = :ssh )'), and parentheses may stick to their words
  const toks = words.flatMap((w) => w.split(/([()])|\s+/).filter(Boolean));
  let i = 0;
  const peek = () => toks[i];
  const primary = (): SockFilter => {
    const t = toks[i++];
    if (t === undefined) throw unmodelled(text);
    if (t === 'not' || t === '!') {
      const f = primary();
      return (s) => !f(s);
    }
    if (t === '(') {
      const f = orExpr();
      if (toks[i++] !== ')') throw unmodelled(text);
      return f;
    }
    if (t === 'sport' || t === 'dport') {
      const op = peek() !== undefined && OPS[peek()!] ? OPS[toks[i++]!]! : OPS['=']!;
      const v = toks[i++];
      if (v === undefined) throw unmodelled(text);
      const port = portOf(v, protos, text);
      return (s) => port === null || op(t === 'sport' ? s.sport : s.dport, port);
    }
    if (t === 'src' || t === 'dst') {
      if (peek() === '=' || peek() === '==' || peek() === 'eq') i++;
      const v = toks[i++];
      if (v === undefined) throw unmodelled(text);
      const f = hostCond(v, protos, text);
      return t === 'src' ? f : (s) => f({ src: s.dst, sport: s.dport, dst: s.src, dport: s.sport });
    }
    throw unmodelled(text);
  };
  const andExpr = (): SockFilter => {
    let f = primary();
    while (peek() !== undefined && peek() !== ')' && peek() !== 'or' && peek() !== '||' && peek() !== ',') {
      if (peek() === 'and' || peek() === '&&') i++;
      const a = f;
      const b = primary();
      f = (s) => a(s) && b(s);
    }
    return f;
  };
  const orExpr = (): SockFilter => {
    let f = andExpr();
    while (peek() === 'or' || peek() === '||' || peek() === ',') {
      i++;
      const a = f;
      const b = andExpr();
      f = (s) => a(s) || b(s);
    }
    return f;
  };
  const f = orExpr();
  if (i < toks.length) throw unmodelled(text);
  return f;
}
