// The output path: ip_local_out (OUTPUT), ip_forward (FORWARD), POSTROUTING, then the
// neighbour layer or the loopback.

import type { Ipv4 } from '../addr.ts';
import { type Device, ifaPrefix } from '../device.ts';
import type { Netns } from '../netns.ts';
import type { CtInfo } from '../netfilter/conntrack.ts';
import type { Decision } from '../netfilter/eval.ts';
import { queueDrop } from '../netfilter/rule.ts';
import { conntrackConfirm, conntrackIn, filterHook, natHook, rawHook } from '../netfilter/hooks.ts';
import {
  ETH_P_IP,
  ICMP_DEST_UNREACH,
  ICMP_REDIRECT,
  ICMP_TIME_EXCEEDED,
  IPPROTO_TCP,
  type Ipv4Packet,
  ipLength,
  wireLen,
  withTtl,
} from '../packet.ts';
import { summarize } from '../summary.ts';
import { drop, queueWhy, rawDrop } from './drop.ts';
import { dockerForward, forwardPolicyFix, noteForwarded } from './explain.ts';
import { icmpSend, sendReject } from './icmp.ts';
import { countRx, countTx } from '../link/stats.ts';
import { localDeliver } from './input.ts';
import { tapRcv } from '../capture/tap.ts';
import { neighOutput } from './neigh.ts';
import { forwardMtu, type OutRoute, routeMtu, routeOutput } from './route-io.ts';
import { formatIpv4, inPrefix, isMulticast } from '../addr.ts';
import { icmpOutCount, ipInc, ipRcvCount, ipTransmitCount } from './snmp-mib.ts';

export type LocalOutResult = 'ok' | 'EPERM' | 'ENETUNREACH' | 'EHOSTUNREACH' | 'EACCES' | 'EINVAL';

function traceRoute(ns: Netns, p: Ipv4Packet, rt: OutRoute, why: string): void {
  if (!ns.world.tracing()) return;
  const r = rt.route;
  const text = r
    ? `${r.type === 'unicast' ? '' : r.type + ' '}${r.plen === 0 ? 'default' : `${formatIpv4(r.dst)}/${r.plen}`}${r.gw !== null ? ` via ${formatIpv4(r.gw)}` : ''}${r.dev ? ` dev ${r.dev.name}` : ''}`
    : `${formatIpv4(p.dst)} dev ${rt.dev.name} (on link)`;
  ns.world.emit({ type: 'route', t: ns.world.clock.now(), ns: ns.label, dev: rt.dev.name, pkt: summarize(p), route: text, why });
}

/**
 * ip_local_out for a packet this namespace made (probe, reply, ICMP error, RST).
 * `attached` is a conntrack entry handed over (REJECT's RST is related to what it answers).
 */
export function ipLocalOut(
  ns: Netns,
  p: Ipv4Packet,
  rt: OutRoute,
  oifBound: Device | null,
  attached: CtInfo | null = null,
): LocalOutResult {
  traceRoute(ns, p, rt, rt.local ? 'the destination is an address of this namespace (local table)' : 'longest matching prefix');
  // __ip_local_out counts the request; __ip_make_skb counts an ICMP message by its type
  ipInc(ns.mib, 'OutRequests');
  if (p.icmp) icmpOutCount(ns.mib, p.icmp.type);
  const res = localOut(ns, p, rt, oifBound, attached);
  // ip_send_skb (datagrams, ICMP): a send the hooks refused is an output discard; TCP's
  // ip_queue_xmit and netfilter's own resets count none
  if (res === 'EPERM' && p.proto !== IPPROTO_TCP) ipInc(ns.mib, 'OutDiscards');
  return res;
}

function localOut(ns: Netns, p: Ipv4Packet, rt: OutRoute, oifBound: Device | null, attached: CtInfo | null): LocalOutResult {
  const raw = rawHook(ns, 'OUTPUT', p, null, rt.dev);
  if (raw.decision) {
    rawDrop(ns, rt.dev, p, 'OUTPUT', raw.decision);
    return sendErrno(raw.decision);
  }
  const ci = attached ?? conntrackIn(ns, raw.pkt);
  const nat = natHook(ns, 'OUTPUT', raw.pkt, ci, null, rt.dev, null);
  if (nat.decision) {
    drop(ns, rt.dev, p, 'nat-drop', `dropped by the ${nat.decision.table ?? 'nat'} table's OUTPUT chain${queueWhy(nat.decision)}`);
    return sendErrno(nat.decision);
  }
  const pkt = nat.pkt;
  let route = rt;
  const remarked = (pkt.mark ?? 0) !== (p.mark ?? 0);
  if (pkt.dst !== p.dst || remarked) {
    // ip_route_me_harder: DNAT changed the destination or mangle the mark, route again (the
    // source address the first route chose stays)
    const why = pkt.dst !== p.dst ? 'DNAT' : 'a new mark';
    const again = routeOutput(ns, pkt.dst, pkt.src, oifBound, pkt.mark ?? 0);
    if (!again.ok) {
      drop(ns, null, pkt, 'no-route', `no route to ${formatIpv4(pkt.dst)} after ${why}`);
      return again.errno;
    }
    route = again;
    traceRoute(ns, pkt, route, `routed again after ${why} in OUTPUT`);
  }
  const f = filterHook(ns, 'OUTPUT', pkt, null, route.dev, ci);
  if (f.decision) {
    refused(ns, 'OUTPUT', pkt, f.decision, route.dev, ci);
    return sendErrno(f.decision);
  }
  postRouting(ns, f.pkt, route, ci, null);
  return 'ok';
}

/**
 * what the sender hears of a packet a table dropped in OUTPUT: NF_DROP fails the send with
 * EPERM; a packet NFQUEUE could not queue was consumed by nf_queue, so the send succeeded
 */
function sendErrno(d: Decision): LocalOutResult {
  return queueDrop(d.target) ? 'ok' : 'EPERM';
}

function refused(
  ns: Netns,
  hook: string,
  p: Ipv4Packet,
  d: Decision,
  dev: Device | null,
  ci: CtInfo | null,
  bridgedFrame = false,
  iif: Device | null = null,
): void {
  const where = d.ruleNum === null ? `${hook} policy ${d.target.kind}` : `rule ${d.ruleNum} of ${d.chain}`;
  const prefix = `${ns.name ? `ip netns exec ${ns.name} ` : ''}iptables${d.table && d.table !== 'filter' ? ` -t ${d.table}` : ''}`;
  // a FORWARD policy: the narrow rule for this pair of devices, not the policy for everything
  const fix =
    d.ruleNum !== null
      ? `${prefix} -D ${d.chain} ${d.ruleNum}`
      : hook === 'FORWARD' && iif && dev && ns.world.tracing() && (d.table ?? 'filter') === 'filter'
        ? forwardPolicyFix(ns, p, iif, dev, ci)
        : `${prefix} -P ${hook} ACCEPT`;
  const bridged = bridgedFrame && ns.sysctl.bridgeNfCallIptables;
  drop(
    ns,
    dev,
    p,
    d.target.kind === 'REJECT' ? 'rejected' : 'filtered',
    `${d.target.kind === 'REJECT' ? 'rejected' : 'dropped'} by ${where} (${d.table ?? 'filter'} table)` +
      queueWhy(d) +
      (bridged
        ? '; bridged traffic meets FORWARD because net.bridge.bridge-nf-call-iptables=1 (br_netfilter): accept it there, or set it to 0 to keep bridged frames out of iptables'
        : '') +
      (hook === 'FORWARD' && d.ruleNum === null && dockerForward(ns)
        ? "; Docker set FORWARD's policy to DROP when it started: traffic between devices it does not manage needs an ACCEPT in DOCKER-USER, the chain it leaves to you"
        : ''),
    fix,
  );
  if (d.target.kind === 'REJECT') sendReject(ns, p, d.target.with, hook, ci, iif);
}

/** POSTROUTING, conntrack confirmation, then out of the device (or into lo) */
export function postRouting(ns: Netns, p: Ipv4Packet, rt: OutRoute, ci: CtInfo | null, iif: Device | null): void {
  const nat = natHook(ns, 'POSTROUTING', p, ci, iif, rt.dev, rt.nexthop);
  if (nat.decision) {
    drop(ns, rt.dev, p, 'nat-drop', `dropped in the ${nat.decision.table ?? 'nat'} table's POSTROUTING chain${queueWhy(nat.decision)}`);
    return;
  }
  conntrackConfirm(ns, ci, p);
  let pkt = nat.pkt;
  // ip_fragment: what is larger than the route's MTU leaves in fragments (DF was checked before)
  if (!rt.local && pkt.len !== undefined) {
    const mtu = iif ? forwardMtu(rt) : routeMtu(ns, rt, pkt.dst);
    if (wireLen(pkt) > mtu) pkt = { ...pkt, frag: mtu };
  }
  if (iif && ns.world.tracing()) noteForwarded(ns, rt.dev, p, pkt);
  ipTransmitCount(ns.mib, ipLength(pkt), rt.broadcast ? 'broadcast' : isMulticast(pkt.dst) ? 'multicast' : 'unicast');
  if (rt.local) {
    const lo = rt.dev;
    ns.world.defer(() => {
      if (!lo.up) return drop(ns, lo, pkt, 'link-down', 'lo is down');
      if (!ns.world.hop(`${ns.label}:lo`)) return;
      if (ns.world.tracing()) ns.world.emit({ type: 'xmit', t: ns.world.clock.now(), ns: ns.label, dev: 'lo', pkt: summarize(pkt) });
      // loopback_xmit → netif_rx: lo's taps see the frame come in (libpcap drops its way out)
      const frame = { src: 0, dst: 0, type: ETH_P_IP, ip: pkt };
      countTx(lo, frame, false);
      countRx(lo, frame, false);
      if (ns.world.taps) tapRcv(lo, frame);
      ipRcvCount(ns.mib, ipLength(pkt), pkt.tos ?? 0);
      // loopback packets keep their route and conntrack: straight to INPUT
      localDeliver(ns, lo, pkt, ci);
    });
    return;
  }
  neighOutput(ns, rt.dev, rt.nexthop, pkt, rt.broadcast);
}

/**
 * IPSKB_DOREDIRECT (__mkroute_input): the packet leaves by the device it came in on, its
 * sender is on that link (the route back to it has no gateway), and send_redirects is on.
 */
function shouldRedirect(ns: Netns, iif: Device, p: Ipv4Packet, rt: OutRoute): boolean {
  if (rt.dev !== iif || !ns.conf(iif, 'send_redirects')) return false;
  const back = ns.fib.lookup(p.src);
  if (!back || back.type !== 'unicast' || back.gw !== null) return false;
  return ns.conf(iif, 'shared_media') !== 0 || iif.addrs.some((a) => inPrefix(p.src, ifaPrefix(a), a.plen));
}

/** ip_forward: TTL, FORWARD, then POSTROUTING */
export function ipForward(ns: Netns, iif: Device, p: Ipv4Packet, rt: OutRoute, ci: CtInfo | null): void {
  if (p.ttl <= 1) {
    drop(
      ns,
      iif,
      p,
      'ttl-exceeded',
      `TTL reached 0 in ${ns.label}: it answers with ICMP time exceeded`,
      'send with a larger TTL (ping -t, traceroute -m)',
    );
    ipInc(ns.mib, 'InHdrErrors');
    icmpSend(ns, p, ICMP_TIME_EXCEEDED, 0, undefined, iif, ci);
    return;
  }
  // ip_forward: too big for the next hop with DF set is "fragmentation needed", before FORWARD
  const mtu = forwardMtu(rt);
  if (p.len !== undefined && p.df && wireLen(p) > mtu) {
    drop(
      ns,
      iif,
      p,
      'frag-needed',
      `${wireLen(p)} bytes with DF set, and ${rt.dev.name} has MTU ${mtu}: it answers "fragmentation needed"`,
    );
    ipInc(ns.mib, 'FragFails');
    icmpSend(ns, p, ICMP_DEST_UNREACH, 4, undefined, iif, ci, mtu);
    return;
  }
  const fwd = withTtl(p, p.ttl - 1);
  traceRoute(ns, fwd, rt, 'forwarding: longest matching prefix');
  // the redirect goes before FORWARD (ip_forward), so even a packet FORWARD drops causes one
  if (shouldRedirect(ns, iif, p, rt)) icmpSend(ns, fwd, ICMP_REDIRECT, 1, rt.nexthop, iif);
  const f = filterHook(ns, 'FORWARD', fwd, iif, rt.dev, ci);
  if (f.decision) {
    refused(ns, 'FORWARD', fwd, f.decision, rt.dev, ci, false, iif);
    return;
  }
  // ip_forward_finish
  ipInc(ns.mib, 'ForwDatagrams');
  postRouting(ns, f.pkt, rt, ci, iif);
}

export function refusedAt(
  ns: Netns,
  hook: string,
  p: Ipv4Packet,
  d: Decision,
  dev: Device | null,
  ci: CtInfo | null,
  bridgedFrame = false,
): void {
  // INPUT and bridged FORWARD: `dev` is the device the packet came in by
  refused(ns, hook, p, d, dev, ci, bridgedFrame, dev);
}

export function outRouteVia(dev: Device, nexthop: Ipv4, src: Ipv4): OutRoute {
  return { ok: true, dev, src, nexthop, local: false, broadcast: false, route: null };
}
