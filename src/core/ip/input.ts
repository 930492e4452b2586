// The receive path: ip_rcv (PREROUTING, routing decision), ip_local_deliver (INPUT) and the
// protocol handlers behind it.

import type { Device } from '../device.ts';
import type { Netns } from '../netns.ts';
import type { CtInfo } from '../netfilter/conntrack.ts';
import { conntrackConfirm, conntrackIn, filterHook, natHook, rawHook } from '../netfilter/hooks.ts';
import { ICMP_DEST_UNREACH, IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, type Ipv4Packet, ipLength } from '../packet.ts';
import { summarize } from '../summary.ts';
import { drop, queueWhy, rawDrop } from './drop.ts';
import { missingNat } from './explain.ts';
import { icmpRcv, icmpSend } from './icmp.ts';
import { ipErrorAllow } from './icmp-ratelimit.ts';
import { ipForward, ipLocalOut, refusedAt } from './output.ts';
import { ipvsLocalIn } from '../netfilter/ipvs.ts';
import { formatIpv4 } from '../addr.ts';
import { routeInput, routeOutput } from './route-io.ts';
import { tcpRcv, udpRcv } from './transport.ts';
import { ipExtAdd, ipInc, ipRcvCount, tcpExtInc } from './snmp-mib.ts';
import { isMulticast } from '../addr.ts';

export interface RcvOpts {
  /** br_netfilter already ran PREROUTING for this packet */
  readonly ct?: CtInfo | null;
  readonly prerouted?: boolean;
}

export function ipRcv(dev: Device, p: Ipv4Packet, opts: RcvOpts = {}): void {
  const ns = dev.ns;
  const w = ns.world;
  if (w.tracing()) w.emit({ type: 'rcv', t: w.clock.now(), ns: ns.label, dev: dev.name, pkt: summarize(p) });
  ipRcvCount(ns.mib, ipLength(p), p.tos ?? 0);
  let ci: CtInfo | null;
  let pkt = p;
  if (opts.prerouted) {
    ci = opts.ct ?? null;
  } else {
    const raw = rawHook(ns, 'PREROUTING', p, dev, null);
    if (raw.decision) return rawDrop(ns, dev, p, 'PREROUTING', raw.decision);
    ci = conntrackIn(ns, raw.pkt);
    const nat = natHook(ns, 'PREROUTING', raw.pkt, ci, dev, null, null);
    if (nat.decision)
      return drop(
        ns,
        dev,
        p,
        'nat-drop',
        `dropped in the ${nat.decision.table ?? 'nat'} table's PREROUTING chain${queueWhy(nat.decision)}`,
      );
    pkt = nat.pkt;
  }
  const d = routeInput(ns, dev, pkt.src, pkt.dst, pkt.mark ?? 0);
  switch (d.kind) {
    case 'local':
      // ip_rcv_finish_core: a multicast or broadcast route counts the packet apart
      if (d.broadcast) {
        const len = ipLength(pkt);
        const mc = isMulticast(pkt.dst);
        ipExtAdd(ns.mib, mc ? 'InMcastPkts' : 'InBcastPkts');
        ipExtAdd(ns.mib, mc ? 'InMcastOctets' : 'InBcastOctets', len);
      }
      return localDeliver(ns, dev, pkt, ci, d.broadcast);
    case 'drop':
      // ip_error for a host that does not forward (EHOSTUNREACH); rp_filter's EXDEV in ip_rcv_finish
      if (d.code === 'ip-forward-off') ipInc(ns.mib, 'InAddrErrors');
      else if (d.code === 'rp-filter') tcpExtInc(ns.mib, 'IPReversePathFilter');
      return drop(ns, dev, pkt, d.code, d.reason, d.fix);
    case 'unreach': {
      // ip_error: ENETUNREACH (no route) is InNoRoutes
      if (d.icmpCode === 0) ipExtAdd(ns.mib, 'InNoRoutes');
      const nat = d.icmpCode === 0 ? missingNat(ns, pkt, 'the answer') : null;
      if (nat) drop(ns, dev, pkt, 'no-route', nat.reason, nat.fix, nat.fixNs);
      else
        drop(
          ns,
          dev,
          pkt,
          d.icmpCode === 0 ? 'no-route' : 'unreachable',
          d.reason,
          d.icmpCode === 0 ? `${ns.name ? `ip netns exec ${ns.name} ` : ''}ip route add <prefix> via <gateway>` : undefined,
        );
      // ip_error pays from the sender's bucket before icmp_send does
      if (ipErrorAllow(ns, pkt.src, ns.world.clock.now())) icmpSend(ns, pkt, ICMP_DEST_UNREACH, d.icmpCode, undefined, dev);
      return;
    }
    case 'forward': {
      const r = d.route;
      const dev2 = r.dev!;
      ipForward(
        ns,
        dev,
        pkt,
        { ok: true, dev: dev2, src: 0, nexthop: ns.nexthopFor(r, pkt.dst), local: false, broadcast: false, route: r },
        ci,
      );
      return;
    }
  }
}

/** ip_local_deliver: INPUT (filter, then nat), confirm, then the protocol */
/** ip_vs_nat_xmit: routed to the real server, then LOCAL_OUT and POSTROUTING with the connection it has */
function ipvsXmit(ns: Netns, p: Ipv4Packet, ci: CtInfo | null): void {
  const rt = routeOutput(ns, p.dst, null, null, p.mark ?? 0);
  if (!rt.ok) return drop(ns, null, p, 'no-route', `IPVS has no route to its real server ${formatIpv4(p.dst)}`);
  if (p.ttl <= 0) return drop(ns, null, p, 'ttl', 'the TTL ran out on the way to the real server');
  ipLocalOut(ns, p, rt, null, ci);
}

export function localDeliver(ns: Netns, dev: Device, p: Ipv4Packet, ci: CtInfo | null, broadcast = false): void {
  const f = filterHook(ns, 'INPUT', p, dev, null, ci);
  if (f.decision) return refusedAt(ns, 'INPUT', p, f.decision, dev, ci);
  // IPVS (after filter, before nat's INPUT): a virtual service's packet goes on to a real server
  const vs = ipvsLocalIn(ns, f.pkt, ci);
  if (vs.kind === 'drop') return drop(ns, dev, p, 'ipvs', 'IPVS has no real server of weight > 0 for this virtual service');
  if (vs.kind === 'forward') return ipvsXmit(ns, vs.pkt, ci);
  const nat = natHook(ns, 'INPUT', f.pkt, ci, dev, null, null);
  if (nat.decision) return drop(ns, dev, p, 'nat-drop', `dropped in the nat table's INPUT chain${queueWhy(nat.decision)}`);
  conntrackConfirm(ns, ci);
  const pkt = nat.pkt;
  const w = ns.world;
  // ip_protocol_deliver_rcu: a protocol with a handler delivers, whatever the handler does then
  if (pkt.proto === IPPROTO_ICMP || pkt.proto === IPPROTO_TCP || pkt.proto === IPPROTO_UDP) ipInc(ns.mib, 'InDelivers');
  switch (pkt.proto) {
    case IPPROTO_ICMP:
      return icmpRcv(ns, dev, pkt, broadcast);
    case IPPROTO_TCP:
      if (broadcast) return;
      return tcpRcv(ns, dev, pkt);
    case IPPROTO_UDP:
      return udpRcv(ns, dev, pkt, broadcast);
    default:
      ipInc(ns.mib, 'InUnknownProtos');
      if (w.tracing())
        w.emit({
          type: 'deliver',
          t: w.clock.now(),
          ns: ns.label,
          dev: dev.name,
          pkt: summarize(pkt),
          what: 'no handler for this protocol',
        });
      icmpSend(ns, pkt, ICMP_DEST_UNREACH, 2);
  }
}
