// Drop explanations that name the real cause. A drop happens where the packet dies, but the
// mistake is often elsewhere: the router that forwarded a private source unchanged (missing
// NAT), or the macvlan parent that cannot reach its own children. These read the world the way
// an admin would, after the fact, and change nothing the kernel does.

import { broadcastOf, formatIpv4, inPrefix, type Ipv4, networkOf } from '../addr.ts';
import type { Device } from '../device.ts';
import type { Netns } from '../netns.ts';
import type { CtInfo } from '../netfilter/conntrack.ts';
import { peekVerdict } from '../netfilter/peek.ts';
import { ICMP_ECHO, ICMP_ECHOREPLY, type Ipv4Packet } from '../packet.ts';
import type { World } from '../world.ts';

/** an explanation: the reason, and a fix (lines joined by "\n") for the namespace `fixNs` */
export interface Explained {
  readonly reason: string;
  readonly fix?: string;
  /** the namespace label the fix runs in, when not the one the packet died in */
  readonly fixNs?: string;
}

/** a command line as run from the host: `ip netns exec NS …` for a named namespace */
export function inNs(ns: Netns, line: string): string {
  return ns.name ? `ip netns exec ${ns.name} ${line}` : line;
}

/** RFC 1918 and the shared address space (RFC 6598): addresses the Internet does not route */
export function isPrivate(ip: Ipv4): boolean {
  return ip >>> 24 === 10 || ip >>> 20 === 0xac1 || ip >>> 16 === 0xc0a8 || ip >>> 22 === 0x191;
}

// ---- FORWARD policy -----------------------------------------------------------------------

/** the packet an answer to p would be, as far as the filter matches can tell */
function replyOf(p: Ipv4Packet): Ipv4Packet | null {
  const base = { src: p.dst, dst: p.src, ttl: 64, proto: p.proto, id: 0 };
  if (p.icmp) return p.icmp.type === ICMP_ECHO ? { ...base, icmp: { ...p.icmp, type: ICMP_ECHOREPLY } } : null;
  if (p.tcp) return { ...base, tcp: { sport: p.tcp.dport, dport: p.tcp.sport, flags: { ...p.tcp.flags, ack: true } } };
  if (p.udp) return { ...base, udp: { sport: p.udp.dport, dport: p.udp.sport } };
  return null;
}

/**
 * The FORWARD policy dropped p on its way from iif to oif: the rule a careful admin inserts
 * lets exactly this pair of devices through, plus the conntrack rule for the answers when
 * nothing in the chain would accept them already.
 */
export function forwardPolicyFix(ns: Netns, p: Ipv4Packet, iif: Device, oif: Device, ci: CtInfo | null): string {
  // on a Docker host the rule goes where Docker's documentation puts it: DOCKER-USER, the chain
  // FORWARD jumps to first and Docker never rewrites
  const chain = dockerForward(ns) ? 'DOCKER-USER' : 'FORWARD';
  const lines = [`iptables -I ${chain} -i ${iif.name} -o ${oif.name} -j ACCEPT`];
  const reply = replyOf(p);
  // a bridge forwarding between its own ports: the rule above matches the answers too
  if (reply && iif !== oif) {
    const ctx = {
      hook: 'FORWARD' as const,
      iif: oif,
      oif: iif,
      ctState: 'ESTABLISHED' as const,
      ctSnat: ci?.entry.srcNat ?? false,
      ctDnat: ci?.entry.dstNat ?? false,
    };
    if (peekVerdict(ns, 'filter', reply, ctx) !== 'ACCEPT')
      lines.push(`iptables -I ${chain} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`);
  }
  return lines.map((l) => inNs(ns, l)).join('\n');
}

/**
 * Docker set FORWARD's policy to DROP here: dockerd does it on every start (with ip_forward on)
 * and sends FORWARD to DOCKER-USER first. Traffic between devices Docker does not manage (a
 * bridge of one's own, a VPN, a second uplink) then dies at that policy.
 */
export function dockerForward(ns: Netns): boolean {
  const fwd = ns.tables.filter.chains.get('FORWARD');
  return !!fwd && fwd.policy === 'DROP' && fwd.rules.some((r) => r.target.kind === 'JUMP' && r.target.chain === 'DOCKER-USER');
}

// ---- rp_filter ----------------------------------------------------------------------------

/**
 * Reverse path filtering dropped a packet from src arriving on dev. In strict mode (1) with a
 * route back through another device (asymmetric routing), the narrow fix is loose mode (2) on
 * that device alone: the kernel takes the larger of conf.all and conf.DEV, so it wins over
 * all=1, and it still drops sources with no route back at all. With no route back, the route is
 * what is missing.
 */
export function rpFilterFix(ns: Netns, dev: Device, src: Ipv4, strictOtherDev: boolean): string {
  if (strictOtherDev) return inNs(ns, `sysctl -w net.ipv4.conf.${dev.name}.rp_filter=2`);
  return inNs(ns, `ip route add ${formatIpv4(src)} dev ${dev.name}`);
}

// ---- missing NAT --------------------------------------------------------------------------

interface Forwarded {
  readonly ns: Netns;
  readonly oif: Device;
  /** the run (World.runs) it was noted in */
  readonly run: number;
}

/**
 * per world: "src>dst" → the first router on the way that forwarded such a packet with its
 * source unchanged: the one where a private source should have been translated (the routers
 * after it only pass on what it let through)
 */
const unnatted = new WeakMap<World, Map<string, Forwarded>>();

/** POSTROUTING of a forwarded packet: remember who let a source through untranslated */
export function noteForwarded(ns: Netns, oif: Device, before: Ipv4Packet, after: Ipv4Packet): void {
  const w = ns.world;
  let m = unnatted.get(w);
  if (!m) {
    m = new Map();
    unnatted.set(w, m);
  }
  const key = `${before.src}>${before.dst}`;
  if (after.src !== before.src) {
    m.delete(key);
    return;
  }
  if (m.get(key)?.run === w.runs) return;
  if (m.size >= 4096) m.clear();
  m.set(key, { ns, oif, run: w.runs });
}

/**
 * An answer from a public address to a private one has no route where it starts (or on its
 * way): the private source should never have left the router that forwarded it unchanged.
 * Name the missing NAT and the MASQUERADE rule for that router's outgoing device.
 */
export function missingNat(ns: Netns, reply: Ipv4Packet, what: string): Explained | null {
  if (!isPrivate(reply.dst) || isPrivate(reply.src)) return null;
  const fwd = unnatted.get(ns.world)?.get(`${reply.dst}>${reply.src}`);
  if (!fwd || fwd.ns === ns) return null;
  const r = fwd.ns.fib.lookup(reply.dst);
  const net = r && r.plen > 0 && r.type === 'unicast' ? `${formatIpv4(r.dst)}/${r.plen}` : `${formatIpv4(reply.dst)}/32`;
  const src = formatIpv4(reply.dst);
  return {
    reason:
      `${what} has no route back to ${src} in ${ns.label}: ${src} is a private address, and ${fwd.ns.label} forwarded it ` +
      `out of ${fwd.oif.name} without source NAT (no MASQUERADE), so the far end sees a source it cannot answer`,
    fix: inNs(fwd.ns, `iptables -t nat -A POSTROUTING -s ${net} -o ${fwd.oif.name} -j MASQUERADE`),
    fixNs: fwd.ns.label,
  };
}

// ---- macvlan isolation --------------------------------------------------------------------

/** a host address of dev's subnet that no device in the world holds, from the top down */
function spareAddr(w: World, net: Ipv4, plen: number): Ipv4 | null {
  const used = new Set<number>();
  for (const d of w.allDevices()) for (const a of d.addrs) used.add(a.addr);
  const bcast = broadcastOf(net, plen);
  for (let a = bcast - 1; a > net && bcast - a < 4096; a--) if (!used.has(a >>> 0)) return (a >>> 0) as Ipv4;
  return null;
}

function ownerOn(dev: Device, ip: Ipv4): boolean {
  return dev.addrs.some((a) => a.addr === ip);
}

/**
 * ARP between a macvlan parent and one of its children is never answered: the parent's
 * frames are not looped back to its children, and a child's frames leave by the parent's
 * wire without visiting the parent's own stack. The fix the articles use gives the host a
 * macvlan of its own on the same parent (a bridge-mode sibling of the child) and routes the
 * child's address through it.
 */
export function macvlanIsolation(ns: Netns, dev: Device, ip: Ipv4): Explained | null {
  let parent: Device;
  let child: Device;
  const up = dev.uppers.find((c) => c.kind === 'macvlan' && ownerOn(c, ip));
  if (up) {
    parent = dev;
    child = up;
  } else if (dev.kind === 'macvlan' && dev.lower && ownerOn(dev.lower, ip)) {
    parent = dev.lower;
    child = dev;
  } else return null;
  const where = (d: Device) => `${d.name}${d.ns === ns ? '' : ` (in ${d.ns.label})`}`;
  const reason =
    `nobody answered ARP for ${formatIpv4(ip)} on ${dev.name} in ${ns.label}: ${where(child)} is a macvlan child of ${where(parent)}, ` +
    `and a macvlan child and its parent cannot talk directly (the parent's frames are not looped back to a ${child.macvlanMode}-mode child)`;
  const childAddr = child.addrs.find((a) => !a.secondary);
  const net = parent.addrs.find((a) => childAddr && inPrefix(childAddr.addr, a.addr, a.plen)) ?? childAddr;
  if (child.macvlanMode !== 'bridge' || !childAddr || !net) return { reason };
  const pns = parent.ns;
  const spare = spareAddr(ns.world, networkOf(net.addr, net.plen), net.plen);
  if (spare === null) return { reason };
  let name = 'macvlan_host';
  for (let i = 2; pns.devices.has(name); i++) name = `macvlan_host${i}`;
  const lines = [
    `ip link add ${name} link ${parent.name} type macvlan mode bridge`,
    `ip addr add ${formatIpv4(spare)}/${net.plen} dev ${name}`,
    `ip link set ${name} up`,
    `ip route add ${formatIpv4(childAddr.addr)} dev ${name}`,
  ];
  return {
    reason: `${reason}; give ${pns.label} a macvlan of its own on ${parent.name} and route ${formatIpv4(childAddr.addr)} through it`,
    fix: lines.map((l) => inNs(pns, l)).join('\n'),
    ...(pns !== ns ? { fixNs: pns.label } : {}),
  };
}
