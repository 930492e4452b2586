// What one rule matches: the address, interface and protocol fields and the -m matches,
// tested against a packet at a hook. ./compile.ts builds closures from these; ruleHit is the
// plain reading that the compiled form is tested against.

import { inPrefix, type Ipv4 } from '../addr.ts';
import type { Device } from '../device.ts';
import { RT_TABLE_LOCAL } from '../ip/fib.ts';
import type { Netns } from '../netns.ts';
import type { CtEntry } from './conntrack.ts';
import { connlimitHit } from './connlimit.ts';
import { hashlimitHit } from './hashlimit.ts';
import { recentHit } from './recent.ts';
import { ipv4Bytes } from '../capture/wire.ts';
import { type Ipv4Packet, ipLength } from '../packet.ts';
import type { AddrMatch, CtState, Hook, IfaceMatch, IpRange, Match, PortMatch, Rule, XtTest } from './rule.ts';

function addrMatches(ip: Ipv4, a: AddrMatch): boolean {
  return a.mask !== undefined ? (ip & a.mask) >>> 0 === a.addr : inPrefix(ip, a.addr, a.plen);
}

export interface HookCtx {
  readonly hook: Hook;
  readonly iif: Device | null;
  readonly oif: Device | null;
  /** under br_netfilter: the bridge ports a bridged frame came in and goes out by (nf_bridge's physindev / physoutdev) */
  readonly physIn?: Device | null;
  readonly physOut?: Device | null;
  /** conntrack state as the conntrack / state matches see it */
  readonly ctState: CtState | 'INVALID';
  /** the connection's NAT so far (IPS_SRC_NAT / IPS_DST_NAT): the SNAT and DNAT states */
  readonly ctSnat?: boolean;
  readonly ctDnat?: boolean;
  /** the packet's connection, if conntrack tracks it (CONNMARK and -m connmark use its mark) */
  readonly ct?: CtEntry | null;
  /** asking what would happen (an explanation): matches that keep state leave it as it is */
  readonly peek?: boolean;
}

function ifaceHit(m: IfaceMatch, dev: Device | null): boolean {
  const name = dev?.name ?? '';
  const hit = m.name.endsWith('+') ? name.startsWith(m.name.slice(0, -1)) : name === m.name;
  return hit !== m.neg;
}

function portHit(m: PortMatch, port: number): boolean {
  return (port >= m.lo && port <= m.hi) !== m.neg;
}

function addrTypeOf(ns: Netns, ip: number): string {
  if (ip === 0xffffffff) return 'BROADCAST';
  if (ip >>> 28 === 0xe) return 'MULTICAST';
  if (ip === 0) return 'UNSPEC';
  // inet_dev_addr_type: the local table alone; what main says (blackhole, …) does not count
  const r = ns.fib.lookupTable(RT_TABLE_LOCAL, ip);
  if (!r) return 'UNICAST';
  switch (r.type) {
    case 'local':
      return 'LOCAL';
    case 'broadcast':
      return 'BROADCAST';
    case 'blackhole':
      return 'BLACKHOLE';
    case 'unreachable':
      return 'UNREACHABLE';
    case 'prohibit':
      return 'PROHIBIT';
    default:
      return 'UNICAST';
  }
}

function inRange(ip: Ipv4, r: IpRange): boolean {
  return (ip >= r.lo && ip <= r.hi) !== r.neg;
}

/**
 * owner_mt: without a socket, a match only of inverted options; a kernel socket has no file (so
 * no owner); a process's socket is root's
 */
function ownerHit(x: Extract<XtTest, { t: 'owner' }>, p: Ipv4Packet): boolean {
  const opts = [x.uid, x.gid, x.socket].filter((o) => o !== undefined);
  if (!p.sk) return opts.every((o) => o.neg);
  if (x.socket?.neg) return false;
  if (p.sk === 'kernel') return [x.uid, x.gid].every((o) => !o || o.neg);
  for (const o of [x.uid, x.gid]) if (o && (o.lo <= 0 && 0 <= o.hi) === o.neg) return false;
  return true;
}

/** the matches of the extensions the lab simulates */
/** nft_limit_eval: refill by the time since the last packet, then take the cost if it is there */
function limitHit(ns: Netns, x: Extract<XtTest, { t: 'limit' }>, ctx: HookCtx): boolean {
  const now = ns.world.clock.now() * 1e6;
  const b = x.bucket;
  const tokens = b.last === null ? x.max : Math.min(x.max, b.tokens + now - b.last);
  const hit = tokens >= x.cost;
  if (!ctx.peek) {
    b.last = now;
    b.tokens = hit ? tokens - x.cost : tokens;
  }
  return hit;
}

function xtTestHit(ns: Netns, x: XtTest, p: Ipv4Packet, ctx: HookCtx): boolean {
  switch (x.t) {
    case 'limit':
      return limitHit(ns, x, ctx);
    case 'recent':
      return recentHit(ns, x, p, ctx);
    case 'hashlimit':
      return hashlimitHit(ns, x, p, ctx);
    case 'connlimit':
      return connlimitHit(ns, x, p, ctx);
    case 'statistic-nth': {
      const count = x.state.count === x.every - 1 ? 0 : x.state.count + 1;
      if (!ctx.peek) x.state.count = count;
      return (count === 0) !== x.neg;
    }
    case 'statistic-random':
      return (ctx.peek ? false : ((ns.world.rng.next() >>> 0) & 0x7fffffff) < x.probability) !== x.neg;
    case 'ipvs':
      return (p.ipvs === true) !== x.neg;
    case 'iprange':
      return (!x.src || inRange(p.src, x.src)) && (!x.dst || inRange(p.dst, x.dst));
    case 'length': {
      const n = ipLength(p);
      return (n >= x.lo && n <= x.hi) !== x.neg;
    }
    case 'string':
      return findText(ipv4Bytes(p), x.pattern, x.from, x.to, x.icase) !== x.neg;
    case 'connmark':
      // no connection: no match, negated or not
      return ctx.ct ? ((ctx.ct.mark & x.mask) >>> 0 === x.value) !== x.neg : false;
    case 'tos':
      return (((p.tos ?? 0) & x.mask) === x.value) !== x.neg;
    case 'ecn':
      if (x.ip && (((p.tos ?? 0) & 3) === x.ip.value) === x.ip.neg) return false;
      // ECE and CWR are 0 on every segment the lab sends
      if (x.ece !== undefined || x.cwr !== undefined) return !!p.tcp && x.ece !== true && x.cwr !== true;
      return true;
    case 'const':
      return x.hit;
    case 'owner':
      return ownerHit(x, p);
    case 'mac':
      return p.macSrc !== undefined && (p.macSrc === x.mac) !== x.neg;
    case 'pkttype':
      return ((p.pktType ?? 'unicast') === x.type) !== x.neg;
    case 'tcpmss':
      // tcpmss_mt: not TCP (or a truncated header) drops the packet as a hotdrop; the rule asks for -p tcp
      if (!p.tcp) return false;
      if (p.tcp.mss === undefined) return x.neg;
      return (p.tcp.mss >= x.lo && p.tcp.mss <= x.hi) !== x.neg;
    case 'ttl':
      switch (x.op) {
        case 'eq':
          return p.ttl === x.value;
        case 'ne':
          return p.ttl !== x.value;
        case 'lt':
          return p.ttl < x.value;
        case 'gt':
          return p.ttl > x.value;
      }
  }
}

export function matchHit(ns: Netns, m: Match, p: Ipv4Packet, ctx: HookCtx): boolean {
  switch (m.kind) {
    case 'tcp':
    case 'udp': {
      const h = m.kind === 'tcp' ? p.tcp : p.udp;
      if (!h) return false;
      if (m.sport && !portHit(m.sport, h.sport)) return false;
      if (m.dport && !portHit(m.dport, h.dport)) return false;
      if (m.flags && p.tcp) {
        const f = p.tcp.flags;
        // PSH rides on every segment that carries data
        const bits = (f.fin ? 1 : 0) | (f.syn ? 2 : 0) | (f.rst ? 4 : 0) | (p.tcp.data ? 8 : 0) | (f.ack ? 16 : 0);
        if (((bits & m.flags.mask) === m.flags.comp) === m.flags.neg) return false;
      }
      return true;
    }
    case 'icmp': {
      if (!p.icmp) return false;
      const hit = (m.icmpType < 0 || p.icmp.type === m.icmpType) && (m.icmpCode === null || p.icmp.code === m.icmpCode);
      return hit !== m.neg;
    }
    case 'conntrack':
    case 'state': {
      // the state bits: one of NEW / ESTABLISHED / RELATED / INVALID, plus SNAT and DNAT
      const hit =
        m.states.includes(ctx.ctState as CtState) ||
        (ctx.ctSnat === true && m.states.includes('SNAT')) ||
        (ctx.ctDnat === true && m.states.includes('DNAT'));
      return hit !== m.neg;
    }
    case 'addrtype': {
      if (m.src && (addrTypeOf(ns, p.src) === m.src.type) === m.src.neg) return false;
      if (m.dst && (addrTypeOf(ns, p.dst) === m.dst.type) === m.dst.neg) return false;
      return true;
    }
    case 'multiport': {
      const h = p.tcp ?? p.udp;
      if (!h) return false;
      const hit = m.ports.some(
        (r) => (m.which !== 'sports' && h.dport >= r.lo && h.dport <= r.hi) || (m.which !== 'dports' && h.sport >= r.lo && h.sport <= r.hi),
      );
      return hit !== m.neg;
    }
    case 'mark':
      return (((p.mark ?? 0) & m.mask) >>> 0 === m.value) !== m.neg;
    case 'xt':
      return m.test ? xtTestHit(ns, m.test, p, ctx) : true;
    case 'comment':
      return true;
  }
}

export function ruleHit(ns: Netns, r: Rule, p: Ipv4Packet, ctx: HookCtx): boolean {
  if (r.src && addrMatches(p.src, r.src) === r.src.neg) return false;
  if (r.dst && addrMatches(p.dst, r.dst) === r.dst.neg) return false;
  if (r.iif && !ifaceHit(r.iif, ctx.iif)) return false;
  if (r.oif && !ifaceHit(r.oif, ctx.oif)) return false;
  if (r.proto && (p.proto === r.proto.num) === r.proto.neg) return false;
  for (const m of r.matches) if (!matchHit(ns, m, p, ctx)) return false;
  return true;
}

/** textsearch over bytes [from, to): bm and kmp find the same occurrences (TS_IGNORECASE: ASCII letters fold) */
function findText(b: Uint8Array, pat: readonly number[], from: number, to: number, icase: boolean): boolean {
  const fold = (c: number) => (icase && c >= 0x61 && c <= 0x7a ? c - 0x20 : c);
  const end = Math.min(to, b.length) - pat.length;
  outer: for (let i = from; i <= end; i++) {
    for (let j = 0; j < pat.length; j++) if (fold(b[i + j]!) !== fold(pat[j]!)) continue outer;
    return true;
  }
  return false;
}
