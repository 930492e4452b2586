// NAT: choosing a binding when a connection's first packet meets a nat chain, and rewriting
// every later packet (and related ICMP errors) from the binding, as nf_nat_core does.

import type { Ipv4 } from '../addr.ts';
import type { Device } from '../device.ts';
import { selectSourceAddr } from '../ip/addrsel.ts';
import { IPPROTO_ICMP, type Ipv4Packet } from '../packet.ts';
import type { CtEntry, CtInfo, Tuple } from './conntrack.ts';
import { invert } from './conntrack.ts';
import type { Netns } from '../netns.ts';
import type { NatRange, Target } from './rule.ts';

export type Manip = 'SRC' | 'DST';

export function manipOf(hook: string): Manip {
  return hook === 'PREROUTING' || hook === 'OUTPUT' ? 'DST' : 'SRC';
}

/** rewrite the addresses (and ports / echo id) of one side of a packet from a target tuple */
export function manipPacket(p: Ipv4Packet, t: Tuple, m: Manip): Ipv4Packet {
  if (m === 'SRC') {
    if (p.tcp) return { ...p, src: t.src, tcp: { ...p.tcp, sport: t.sport } };
    if (p.udp) return { ...p, src: t.src, udp: { ...p.udp, sport: t.sport } };
    if (p.icmp && !p.icmp.inner && p.proto === IPPROTO_ICMP && t.proto === IPPROTO_ICMP)
      return { ...p, src: t.src, icmp: { ...p.icmp, id: t.sport } };
    return { ...p, src: t.src };
  }
  if (p.tcp) return { ...p, dst: t.dst, tcp: { ...p.tcp, dport: t.dport } };
  if (p.udp) return { ...p, dst: t.dst, udp: { ...p.udp, dport: t.dport } };
  return { ...p, dst: t.dst };
}

/** nf_nat_packet: apply the entry's binding to a packet of the given direction, if it has one */
export function natPacket(ci: CtInfo, p: Ipv4Packet, m: Manip): Ipv4Packet {
  const e = ci.entry;
  let need = m === 'SRC' ? e.srcNat : e.dstNat;
  if (ci.dir === 'reply') need = m === 'SRC' ? e.dstNat : e.srcNat;
  if (!need) return p;
  const other = ci.dir === 'orig' ? e.reply : e.orig;
  return manipPacket(p, invert(other), m);
}

/** nf_nat_icmp_reply_translation: an ICMP error related to a NATed connection */
export function natRelatedIcmp(ci: CtInfo, p: Ipv4Packet, m: Manip): Ipv4Packet {
  const e = ci.entry;
  let need = m === 'SRC' ? e.srcNat : e.dstNat;
  if (ci.dir === 'reply') need = m === 'SRC' ? e.dstNat : e.srcNat;
  if (!need || !p.icmp?.inner) return p;
  const other = ci.dir === 'orig' ? e.reply : e.orig;
  // the inner packet gets the opposite manip, from the other direction's tuple as it is
  const inner = manipPacket(p.icmp.inner, other, m === 'SRC' ? 'DST' : 'SRC');
  const outerTarget = invert(other);
  const outer = m === 'SRC' ? { ...p, src: outerTarget.src } : { ...p, dst: outerTarget.dst };
  return { ...outer, icmp: { ...p.icmp, inner } };
}

function withPort(t: Tuple, side: 'src' | 'dst', addr: Ipv4, port: number | null): Tuple {
  if (side === 'src') return { ...t, src: addr, sport: port ?? t.sport };
  return { ...t, dst: addr, dport: port ?? (t.proto === IPPROTO_ICMP ? t.dport : t.dport) };
}

export interface NatChoice {
  readonly kind: 'SNAT' | 'DNAT';
  readonly addr: Ipv4;
  readonly port: number | null;
}

/** the address and port a NAT target chooses for this connection */
export function chooseBinding(
  ns: Netns,
  tg: Target,
  e: CtEntry,
  iif: Device | null,
  oif: Device | null,
  nexthop: Ipv4 | null,
  hook: string,
): NatChoice | null {
  const cur = invert(e.reply); // the connection as it looks now on the wire (orig direction)
  const ported = cur.proto !== IPPROTO_ICMP;
  switch (tg.kind) {
    case 'DNAT': {
      const port = ported && tg.to.portLo !== null ? tg.to.portLo : null;
      return { kind: 'DNAT', addr: tg.to.noIps ? cur.dst : bestIp(cur, tg.to), port };
    }
    case 'REDIRECT': {
      let addr = 0x7f000001;
      if (hook === 'PREROUTING') {
        const a = iif?.primaryAddrs()[0];
        if (!a) return null; // no address on the incoming device: the kernel drops
        addr = a.addr;
      }
      return { kind: 'DNAT', addr, port: ported && tg.ports ? tg.ports.lo : null };
    }
    case 'SNAT': {
      // get_unique_tuple tries the connection's own source first when the range holds it
      const keep =
        (tg.to.noIps || (cur.src >= tg.to.lo && cur.src <= tg.to.hi)) &&
        (!ported || tg.to.portLo === null || (cur.sport >= tg.to.portLo && cur.sport <= (tg.to.portHi ?? tg.to.portLo)));
      if (keep && !ns.conntrack.taken(invert(cur), e)) return { kind: 'SNAT', addr: cur.src, port: null };
      const port = ported && tg.to.portLo !== null ? tg.to.portLo : null;
      return { kind: 'SNAT', addr: tg.to.noIps ? cur.src : bestIp(cur, tg.to), port };
    }
    case 'XT': {
      // netmap_tg4: the hook's side of the address into the target network, host bits kept
      if (tg.act?.t !== 'netmap') return null;
      const dst = hook === 'PREROUTING' || hook === 'OUTPUT';
      const addr = ((((dst ? cur.dst : cur.src) & ~tg.act.mask) | tg.act.net) >>> 0) as Ipv4;
      const to = { lo: addr, hi: addr, portLo: null, portHi: null };
      return chooseBinding(ns, { kind: dst ? 'DNAT' : 'SNAT', to }, e, iif, oif, nexthop, hook);
    }
    case 'MASQUERADE': {
      if (!oif) return null;
      const addr = selectSourceAddr(ns, oif, nexthop ?? cur.dst, 'global');
      if (addr === null) return null;
      return { kind: 'SNAT', addr, port: ported && tg.ports ? tg.ports.lo : null };
    }
    default:
      return null;
  }
}

/** the kernel's jhash2 (lookup3) over 32-bit words */
export function jhash2(k: readonly number[], initval: number): number {
  const rol = (x: number, r: number) => ((x << r) | (x >>> (32 - r))) >>> 0;
  let a = (0xdeadbeef + (k.length << 2) + initval) >>> 0;
  let b = a;
  let c = a;
  let n = k.length;
  let i = 0;
  while (n > 3) {
    a = (a + k[i]!) >>> 0;
    b = (b + k[i + 1]!) >>> 0;
    c = (c + k[i + 2]!) >>> 0;
    // __jhash_mix
    a = ((a - c) >>> 0) ^ rol(c, 4);
    c = (c + b) >>> 0;
    b = ((b - a) >>> 0) ^ rol(a, 6);
    a = (a + c) >>> 0;
    c = ((c - b) >>> 0) ^ rol(b, 8);
    b = (b + a) >>> 0;
    a = ((a - c) >>> 0) ^ rol(c, 16);
    c = (c + b) >>> 0;
    b = ((b - a) >>> 0) ^ rol(a, 19);
    a = (a + c) >>> 0;
    c = ((c - b) >>> 0) ^ rol(b, 4);
    b = (b + a) >>> 0;
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    n -= 3;
    i += 3;
  }
  if (n === 0) return c;
  if (n >= 3) c = (c + k[i + 2]!) >>> 0;
  if (n >= 2) b = (b + k[i + 1]!) >>> 0;
  a = (a + k[i]!) >>> 0;
  // __jhash_final
  c = ((c ^ b) - rol(b, 14)) >>> 0;
  a = ((a ^ c) - rol(c, 11)) >>> 0;
  b = ((b ^ a) - rol(a, 25)) >>> 0;
  c = ((c ^ b) - rol(b, 16)) >>> 0;
  a = ((a ^ c) - rol(c, 4)) >>> 0;
  b = ((b ^ a) - rol(a, 14)) >>> 0;
  c = ((c ^ b) - rol(b, 24)) >>> 0;
  return c;
}

/** an address as the kernel's u32 holds it: network byte order read on a little-endian host */
function wireWord(ip: Ipv4): number {
  return (((ip & 0xff) << 24) | (((ip >>> 8) & 0xff) << 16) | (((ip >>> 16) & 0xff) << 8) | (ip >>> 24)) >>> 0;
}

/**
 * find_best_ips_proto: one address of a range, chosen by a hash of the connection's source
 * (nf_inet_addr: four words, zero-padded for IPv4) keyed by its destination, so one client
 * talking to one server always gets the same address.
 */
export function bestIp(cur: Tuple, r: NatRange): Ipv4 {
  if (r.lo === r.hi) return r.lo;
  const j = jhash2([wireWord(cur.src), 0, 0, 0], wireWord(cur.dst));
  const dist = (r.hi - r.lo + 1) >>> 0;
  // reciprocal_scale(j, dist)
  return (r.lo + Math.floor((j * dist) / 2 ** 32)) >>> 0;
}

/** install a binding: the reply tuple now expects the rewritten addresses; keep it unique */
export function applyBinding(ns: Netns, e: CtEntry, c: NatChoice): void {
  const cur = invert(e.reply);
  let next = withPort(cur, c.kind === 'SNAT' ? 'src' : 'dst', c.addr, c.port);
  if (c.kind === 'SNAT') {
    // nf_nat_unique_tuple: another connection already owns this reply tuple: move the port / id
    for (let k = 0; k < 65536 && ns.conntrack.taken(invert(next), e); k++) {
      const sp = next.proto === IPPROTO_ICMP ? (next.sport + 1) & 0xffff : next.sport >= 65535 ? 1024 : next.sport + 1;
      next = { ...next, sport: sp };
    }
    e.srcNat = true;
  } else {
    e.dstNat = true;
  }
  e.reply = invert(next);
}
