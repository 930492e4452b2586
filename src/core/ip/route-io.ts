// Route decisions: ip_route_output (locally generated) and ip_route_input (received), with
// source validation (martians, rp_filter) as fib_validate_source does it.

import { formatIpv4, isLoopback, isMulticast, type Ipv4 } from '../addr.ts';
import type { Device } from '../device.ts';
import type { Netns } from '../netns.ts';
import { selectSourceAddr } from './addrsel.ts';
import { rpFilterFix } from './explain.ts';
import type { Route } from './fib.ts';
import type { Ipv4Packet } from '../packet.ts';

export type OutErrno = 'ENETUNREACH' | 'EHOSTUNREACH' | 'EACCES' | 'EINVAL';

export interface OutRoute {
  readonly ok: true;
  readonly dev: Device;
  readonly src: Ipv4;
  readonly nexthop: Ipv4;
  /** delivered to this namespace through lo */
  readonly local: boolean;
  readonly broadcast: boolean;
  readonly route: Route | null;
}

export type OutResult = OutRoute | { readonly ok: false; readonly errno: OutErrno };

export function routeOutput(ns: Netns, dst: Ipv4, src: Ipv4 | null, oif: Device | null, mark = 0): OutResult {
  if (oif && !oif.up) return { ok: false, errno: 'ENETUNREACH' };
  // a multicast destination with a device bound needs no route (__ip_route_output_key: make_route)
  if (isMulticast(dst) && oif) {
    return {
      ok: true,
      dev: oif,
      src: src ?? selectSourceAddr(ns, oif, null, 'link') ?? 0,
      nexthop: dst,
      local: false,
      broadcast: false,
      route: null,
    };
  }
  if (dst === 0xffffffff && oif) {
    return {
      ok: true,
      dev: oif,
      src: src ?? selectSourceAddr(ns, oif, null, 'link') ?? 0,
      nexthop: dst,
      local: false,
      broadcast: true,
      route: null,
    };
  }
  const found = ns.fib.lookup(dst, oif, { src: src ?? 0, iif: 'lo', mark });
  // with a device bound, any failed lookup (no route, or a blackhole, unreachable or prohibit
  // route or rule) falls back to the on-link assumption below
  const r = found && oif && found.type !== 'unicast' && found.type !== 'local' && found.type !== 'broadcast' ? null : found;
  if (!r) {
    if (oif) {
      // "routing tables are wrong; assume the destination is on link"
      return {
        ok: true,
        dev: oif,
        src: src ?? selectSourceAddr(ns, oif, dst, 'link') ?? 0,
        nexthop: dst,
        local: false,
        broadcast: false,
        route: null,
      };
    }
    return { ok: false, errno: 'ENETUNREACH' };
  }
  // 255.255.255.255 through any route is a broadcast (__mkroute_output: RTN_BROADCAST)
  if (dst === 0xffffffff && r.type === 'unicast') {
    return {
      ok: true,
      dev: r.dev!,
      src: src ?? r.src ?? selectSourceAddr(ns, r.dev!, null, 'link') ?? 0,
      nexthop: dst,
      local: false,
      broadcast: true,
      route: r,
    };
  }
  switch (r.type) {
    case 'local':
      return { ok: true, dev: ns.loopback(), src: src ?? r.src ?? dst, nexthop: dst, local: true, broadcast: false, route: r };
    case 'broadcast':
      return { ok: true, dev: r.dev!, src: src ?? r.src ?? 0, nexthop: dst, local: false, broadcast: true, route: r };
    case 'blackhole':
      return { ok: false, errno: 'EINVAL' };
    case 'unreachable':
      // a rule's unreachable is ENETUNREACH, a route's EHOSTUNREACH (fib_props)
      return { ok: false, errno: r.rule ? 'ENETUNREACH' : 'EHOSTUNREACH' };
    case 'throw':
      return { ok: false, errno: 'ENETUNREACH' };
    case 'prohibit':
      return { ok: false, errno: 'EACCES' };
    case 'unicast': {
      const dev = r.dev!;
      const s = src ?? r.src ?? selectSourceAddr(ns, dev, r.gw ?? dst, r.gw ? 'global' : 'link') ?? 0;
      return { ok: true, dev, src: s, nexthop: ns.nexthopFor(r, dst), local: false, broadcast: false, route: r };
    }
  }
}

function isLocalIfaddr(ns: Netns, ip: Ipv4): boolean {
  for (const d of ns.devices.values()) for (const a of d.addrs) if (a.addr === ip) return true;
  return false;
}

/** fib_validate_source: null when the source is acceptable, else why not */
export function validateSource(ns: Netns, dev: Device, src: Ipv4, dst: Ipv4 = 0): string | null {
  if (dev.kind === 'loopback') return null;
  const rpf = ns.rpFilterFor(dev);
  // accept_local (conf.all or the device's): a source this namespace owns is let in
  const acceptLocal = ns.conf(dev, 'accept_local') !== 0;
  if (!rpf) {
    return !acceptLocal && isLocalIfaddr(ns, src) ? 'martian source: the packet claims to come from an address of this namespace' : null;
  }
  // the reverse flow: to the source, from the destination, as if sent by this namespace
  const r = ns.fib.lookup(src, null, { src: dst, iif: 'lo', mark: 0 });
  if (!r) return `rp_filter=${rpf}: no route back to the source`;
  if (r.type === 'local' && acceptLocal) return null;
  if (r.type !== 'unicast')
    return r.type === 'local'
      ? 'martian source: the packet claims to come from an address of this namespace'
      : `rp_filter=${rpf}: no route back to the source`;
  if (r.dev === dev) return null;
  if (dev.addrs.length === 0) return `rp_filter=${rpf}: no route back to the source`;
  if (rpf === 1)
    return `rp_filter=1 (strict): the route back to ${formatIpv4(src)} leaves by ${r.dev?.name ?? '?'}, not ${dev.name} (asymmetric routing); loose mode (2) on ${dev.name} accepts a source reachable by any route`;
  return null;
}

export type InDecision =
  | { readonly kind: 'local'; readonly broadcast: boolean }
  | { readonly kind: 'forward'; readonly route: Route }
  | { readonly kind: 'drop'; readonly code: string; readonly reason: string; readonly fix?: string }
  | { readonly kind: 'unreach'; readonly icmpCode: number; readonly reason: string; readonly fix?: string };

/** ip_route_input_slow (`mark`: the packet's firewall mark, for rules with fwmark) */
export function routeInput(ns: Netns, dev: Device, src: Ipv4, dst: Ipv4, mark = 0): InDecision {
  if (dev.kind !== 'loopback') {
    // 127/8 on a real device is martian unless route_localnet lets it be routed
    // (route_localnet is read only when 127/8 is involved: this runs for every packet)
    const localnet = (isLoopback(src) || isLoopback(dst)) && ns.conf(dev, 'route_localnet') !== 0;
    if (src >>> 28 === 0xe || src === 0xffffffff || (isLoopback(src) && !localnet))
      return { kind: 'drop', code: 'martian-source', reason: 'martian source address' };
    if (isLoopback(dst) && !localnet)
      return {
        kind: 'drop',
        code: 'martian-destination',
        reason: 'martian destination: 127.0.0.0/8 arriving on a real device',
        fix: `sysctl -w net.ipv4.conf.${dev.name}.route_localnet=1`,
      };
  }
  if (isMulticast(dst)) {
    // ip_route_input_rcu: delivered here only for a group the device has joined (ip_check_mc_rcu);
    // with no multicast routing, nothing is forwarded
    if (dst !== 0xe0000001 && !dev.mcGroups.includes(dst))
      return { kind: 'drop', code: 'multicast-not-joined', reason: `${dev.name} has not joined the group` };
    const why = validateSource(ns, dev, src, dst);
    return why ? { kind: 'drop', code: 'rp-filter', reason: why } : { kind: 'local', broadcast: true };
  }
  if (dst === 0xffffffff) {
    const why = validateSource(ns, dev, src, dst);
    return why ? { kind: 'drop', code: 'rp-filter', reason: why } : { kind: 'local', broadcast: true };
  }
  const r = ns.fib.lookup(dst, null, { src, iif: dev.name, mark });
  if (r && (r.type === 'local' || r.type === 'broadcast')) {
    const why = validateSource(ns, dev, src, dst);
    if (why)
      return {
        kind: 'drop',
        code: why.startsWith('martian') ? 'martian-source' : 'rp-filter',
        reason: why,
        ...(why.startsWith('rp') ? { fix: rpFilterFix(ns, dev, src, why.includes('(strict)')) } : {}),
      };
    return { kind: 'local', broadcast: r.type === 'broadcast' };
  }
  if (!ns.forwarding(dev)) {
    // IN_DEV_FORWARD of the device the packet came in by
    const why = ns.sysctl.ipForward ? `net.ipv4.conf.${dev.name}.forwarding is 0` : 'net.ipv4.ip_forward is 0';
    const fix = ns.sysctl.ipForward ? `sysctl -w net.ipv4.conf.${dev.name}.forwarding=1` : 'sysctl -w net.ipv4.ip_forward=1';
    return {
      kind: 'drop',
      code: 'ip-forward-off',
      reason: `not for this host and ${why} in ${ns.label}`,
      fix: `${ns.name ? `ip netns exec ${ns.name} ` : ''}${fix}`,
    };
  }
  if (!r) return { kind: 'unreach', icmpCode: 0, reason: `no route to the destination in ${ns.label}` };
  if (r.type === 'blackhole') return { kind: 'drop', code: 'blackhole', reason: 'blackhole route' };
  if (r.type === 'unreachable')
    return r.rule
      ? { kind: 'unreach', icmpCode: 0, reason: `ip rule ${r.rule.pref}: unreachable` }
      : { kind: 'unreach', icmpCode: 1, reason: 'unreachable route' };
  if (r.type === 'throw') return { kind: 'unreach', icmpCode: 0, reason: `no route to the destination in ${ns.label}` };
  if (r.type === 'prohibit') return { kind: 'unreach', icmpCode: 13, reason: 'prohibit route' };
  const why = validateSource(ns, dev, src, dst);
  if (why)
    return {
      kind: 'drop',
      code: why.startsWith('martian') ? 'martian-source' : 'rp-filter',
      reason: why,
      ...(why.startsWith('rp') ? { fix: rpFilterFix(ns, dev, src, why.includes('(strict)')) } : {}),
    };
  return { kind: 'forward', route: r };
}

/** ipv4_mtu: what a locally generated packet meets on this route: a learnt path MTU, else the device's */
export function routeMtu(ns: Netns, rt: OutRoute, dst: Ipv4): number {
  const base = rt.route?.mtu ?? rt.dev.mtu;
  if (rt.local) return base;
  return Math.min(base, ns.pmtu.get(dst)?.mtu ?? base);
}

/**
 * ipv4_default_advmss: the MSS a SYN or SYN-ACK offers on this route, its MTU less the IP and
 * TCP headers (40), at least ip_rt_min_advmss (256) and at most IPV4_MAX_PMTU less 40 (65495)
 */
export function advMss(ns: Netns, rt: OutRoute, dst: Ipv4): number {
  return Math.min(Math.max(routeMtu(ns, rt, dst) - 40, 256), 65535 - 40);
}

/**
 * a segment as TCP sends it on this route: a SYN carries the route's MSS option and offers a
 * window of whole segments within 65535 (tcp_select_initial_window); a SYN-ACK's segments are
 * the MSS less the timestamp option (tcp_openreq_init_rwin), a SYN's the whole MSS
 */
export function withAdvMss(ns: Netns, rt: OutRoute, p: Ipv4Packet): Ipv4Packet {
  if (!p.tcp?.flags.syn || p.tcp.mss !== undefined) return p;
  const mss = advMss(ns, rt, p.dst);
  const seg = p.tcp.flags.ack ? mss - 12 : mss;
  return { ...p, tcp: { ...p.tcp, mss, window: Math.floor(65535 / seg) * seg } };
}

/** dst_metric_locked(RTAX_MTU): the route's `mtu lock`, or a path MTU learnt below min_pmtu */
export function mtuLocked(ns: Netns, rt: OutRoute, dst: Ipv4): boolean {
  if (rt.local) return false;
  return (rt.route?.mtuLock ?? false) || (ns.pmtu.get(dst)?.lock ?? false);
}

/** ip_dst_mtu_maybe_forward: a forwarded packet meets the route's MTU, else the device's (never a learnt one) */
export function forwardMtu(rt: OutRoute): number {
  return rt.route?.mtu ?? rt.dev.mtu;
}

/**
 * __ip_rt_update_pmtu: a smaller path MTU to dst becomes a route exception (10 minutes); one
 * larger than the route's MTU now teaches nothing, and none goes below ip_rt_min_pmtu (552):
 * asked for less, the exception takes 552 locked, so packets that may fragment leave without DF.
 */
export function updatePmtu(ns: Netns, dst: Ipv4, mtu: number): void {
  const rt = routeOutput(ns, dst, null, null);
  if (!rt.ok || rt.local || rt.route?.mtuLock) return;
  const old = routeMtu(ns, rt, dst);
  if (old < mtu) return;
  const lock = mtu < 552;
  ns.pmtu.set(dst, { mtu: lock ? Math.min(old, 552) : mtu, lock, at: ns.world.clock.now() });
}
