// NAT: choosing a binding when a connection's first packet meets a nat chain, and rewriting
// every later packet (and related ICMP errors) from the binding, as nf_nat_core does.

import type { Ipv4 } from '../addr.ts';
import type { Device } from '../device.ts';
import { selectSourceAddr } from '../ip/addrsel.ts';
import { IPPROTO_ICMP, type Ipv4Packet } from '../packet.ts';
import type { CtEntry, CtInfo, Tuple } from './conntrack.ts';
import { invert } from './conntrack.ts';
import type { Netns } from '../netns.ts';
import type { Target } from './rule.ts';

export type Manip = 'SRC' | 'DST';

export function manipOf(hook: string): Manip {
  return hook === 'PREROUTING' || hook === 'OUTPUT' ? 'DST' : 'SRC';
}

/** rewrite the addresses (and ports / echo id) of one side of a packet from a target tuple */
export function manipPacket(p: Ipv4Packet, t: Tuple, m: Manip): Ipv4Packet {
  if (m === 'SRC') {
    if (p.tcp) return { ...p, src: t.src, tcp: { ...p.tcp, sport: t.sport } };
    if (p.udp) return { ...p, src: t.src, udp: { ...p.udp, sport: t.sport } };
    if (p.icmp && !p.icmp.inner && p.proto === IPPROTO_ICMP && t.proto === IPPROTO_ICMP) return { ...p, src: t.src, icmp: { ...p.icmp, id: t.sport } };
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
export function chooseBinding(ns: Netns, tg: Target, e: CtEntry, iif: Device | null, oif: Device | null, nexthop: Ipv4 | null, hook: string): NatChoice | null {
  const cur = invert(e.reply); // the connection as it looks now on the wire (orig direction)
  const ported = cur.proto !== IPPROTO_ICMP;
  switch (tg.kind) {
    case 'DNAT': {
      const port = ported && tg.to.portLo !== null ? tg.to.portLo : null;
      return { kind: 'DNAT', addr: tg.to.lo, port };
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
      const port = ported && tg.to.portLo !== null ? tg.to.portLo : null;
      return { kind: 'SNAT', addr: tg.to.lo, port };
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
