// VXLAN: Ethernet frames carried in UDP across an underlay. The outer packet is a real UDP
// packet of the namespace the device was made in: it is routed, filtered and NATed there.
// The device has its own FDB (inner MAC -> remote VTEPs): entries added with `bridge fdb`,
// learnt from what arrives, and the default 00:00:00:00:00:00 entry (`remote`, or appended
// VTEPs) that floods to every VTEP it lists. With `proxy`, ARP requests never leave: the
// device answers them from its own neighbour table (arp_reduce), as Docker's overlay does.

import { formatIpv4, formatMac, isLoopback, isMulticast, isMulticastMac, isMulticastOrBroadcast, type Ipv4, type Mac } from '../addr.ts';
import type { Device, VxlanFdb } from '../device.ts';
import { drop } from '../ip/drop.ts';
import { ipId } from '../ip/icmp.ts';
import { ipLocalOut } from '../ip/output.ts';
import { routeMtu, routeOutput, updatePmtu } from '../ip/route-io.ts';
import {
  ETH_P_ARP,
  ETH_P_IP,
  ICMP_DEST_UNREACH,
  IPPROTO_ICMP,
  IPPROTO_UDP,
  type Frame,
  type Ipv4Packet,
  isIcmpError,
  wireLen,
} from '../packet.ts';
import { summarize, summarizeFrame } from '../summary.ts';
import { countRx, countTx } from './stats.ts';
import { netifReceive } from './xmit.ts';

/** the default entry's MAC */
export const VXLAN_DEFAULT: Mac = 0;

function srcPort(f: Frame): number {
  // udp_flow_src_port: a hash of the inner flow into the local port range
  const h = (Math.floor(f.src / 65536) ^ (f.src & 0xffff) ^ Math.floor(f.dst / 65536) ^ (f.dst & 0xffff)) >>> 0;
  return 32768 + (h % (60999 - 32768 + 1));
}

/** vxlan_find_mac, then the default entry for what has none (and for broadcast / multicast) */
function lookup(dev: Device, f: Frame): VxlanFdb | undefined {
  const fdb = dev.vxlan!.fdb;
  return (isMulticastMac(f.dst) ? undefined : fdb.get(f.dst)) ?? fdb.get(VXLAN_DEFAULT);
}

export function vxlanXmit(dev: Device, f: Frame): void {
  const vx = dev.vxlan;
  if (!vx) return;
  if (vx.proxy && f.type === ETH_P_ARP) return arpReduce(dev, f);
  const e = lookup(dev, f);
  const dsts = e?.dsts.filter((d) => d !== 0) ?? [];
  if (!dsts.length) {
    dev.stats.txDropped++;
    return drop(
      dev.ns,
      dev,
      f,
      'vxlan-no-remote',
      `${dev.name} knows no remote VTEP for ${formatMac(f.dst)}${vx.l2miss ? ' (an L2 miss: a control plane would be told)' : ''}`,
      'give the device a remote (ip link add … type vxlan … remote IP) or an FDB entry (bridge fdb append MAC dev DEV dst IP)',
    );
  }
  // the entry's first remote may be bound to the underlay device (vxlan_rdst's remote_ifindex);
  // remotes appended by hand are routed
  e?.dsts.forEach((remote, i) => {
    if (remote !== 0) xmitOne(dev, f, remote, i === 0 && e.via !== undefined);
  });
}

function xmitOne(dev: Device, f: Frame, remote: Ipv4, bound: boolean): void {
  const vx = dev.vxlan!;
  const ns = vx.underlay;
  const rt = routeOutput(ns, remote, vx.local, bound && vx.dev && vx.dev.ns === ns ? vx.dev : null);
  if (!rt.ok) {
    dev.stats.txErrors++;
    dev.stats.txCarrierErrors++;
    return drop(ns, null, null, 'no-route', `VXLAN: no route to the remote ${formatIpv4(remote)} in ${ns.label}`);
  }
  countTx(dev, f, false);
  const outer: Ipv4Packet = {
    src: rt.src,
    dst: remote,
    // vxlan_xmit_one: a multicast destination gets TTL 1 unless one was set
    ttl: vx.ttl === 'inherit' ? (f.ip?.ttl ?? ns.defaultTtl()) : vx.ttl || (isMulticast(remote) ? 1 : ns.defaultTtl()),
    proto: IPPROTO_UDP,
    id: ipId(),
    udp: { sport: srcPort(f), dport: vx.dstport, vxlan: { vni: vx.vni, frame: f } },
    // udpcsum (the default): the outer UDP checksum is left to the device like a socket's
    csumPartial: true,
    // outer IP, UDP and VXLAN headers and the inner Ethernet header: 50 bytes more
    ...(f.ip?.len !== undefined ? { len: wireLen(f.ip) + 50 } : {}),
  };
  // skb_tunnel_check_pmtu: an inner packet that will not fit the underlay route less the 50
  // bytes teaches its own route that path MTU and still leaves (the outer packet has no DF
  // and is fragmented); on a bridge port the tunnel answers a DF one itself instead
  if (f.ip?.len !== undefined) {
    const room = routeMtu(ns, rt, remote) - 50;
    if (wireLen(f.ip) > room) {
      if (!dev.master) updatePmtu(dev.ns, f.ip.dst, room);
      else if (pmtudIcmp(dev, f, f.ip, room)) return;
    }
  }
  const w = ns.world;
  if (w.tracing())
    w.emit({ type: 'vxlan', t: w.clock.now(), ns: ns.label, dev: dev.name, pkt: summarize(outer), action: 'encap', vni: vx.vni });
  ipLocalOut(ns, outer, rt, null);
}

/**
 * iptunnel_pmtud_check_icmp: a bridged DF packet (not a fragment) too big for the tunnel is
 * answered with "fragmentation needed" in the name of its destination, looped back into the
 * device as if it came through the tunnel; the packet itself is dropped. Nothing is said
 * below 576 bytes, for broadcasts and odd sources, or about an ICMP error.
 */
function pmtudIcmp(dev: Device, f: Frame, p: Ipv4Packet, mtu: number): boolean {
  if (mtu < 576 || !p.df || p.frag !== undefined) return false;
  if (isMulticastOrBroadcast(p.dst) || p.src === 0 || isLoopback(p.src) || isMulticastOrBroadcast(p.src)) return false;
  if (isIcmpError(p)) return false;
  const err: Ipv4Packet = {
    src: p.dst,
    dst: p.src,
    ttl: p.ttl,
    proto: IPPROTO_ICMP,
    id: 0,
    icmp: { type: ICMP_DEST_UNREACH, code: 4, id: 0, seq: 0, inner: p, mtu },
  };
  drop(
    dev.ns,
    dev,
    f,
    'frag-needed',
    `${wireLen(p)} bytes with DF set do not fit ${dev.name}'s underlay less 50 (${mtu}): the tunnel answers "fragmentation needed"`,
  );
  netifReceive(dev, { src: f.dst, dst: f.src, type: ETH_P_IP, ip: err });
  return true;
}

/**
 * arp_reduce: an ARP request is answered here from the neighbour table of the VXLAN device
 * (entries a control plane added, NUD_CONNECTED: permanent, noarp or reachable); the reply
 * comes back in through the device. Anything else ARP is consumed.
 */
function arpReduce(dev: Device, f: Frame): void {
  const a = f.arp;
  const ns = dev.ns;
  const w = ns.world;
  if (!a || a.op !== 1) return drop(ns, dev, f, 'vxlan-proxy', `${dev.name} (proxy) sends no ARP but requests, and answers those itself`);
  if (a.tpa >>> 24 === 127 || a.tpa >>> 28 === 0xe)
    return drop(ns, dev, f, 'vxlan-proxy', `${dev.name} (proxy) does not answer for ${formatIpv4(a.tpa)}`);
  const n = ns.neigh.find(
    (x) => x.dev === dev && x.ip === a.tpa && x.mac !== null && (x.state === 'PERMANENT' || x.state === 'NOARP' || x.state === 'REACHABLE'),
  );
  if (!n || n.mac === null) {
    return drop(
      ns,
      dev,
      f,
      'vxlan-proxy-miss',
      `${dev.name} answers ARP from its neighbour table (proxy) and has no entry for ${formatIpv4(a.tpa)}${vx3(dev)}`,
      `add one: ip neigh add ${formatIpv4(a.tpa)} lladdr MAC dev ${dev.name} nud permanent`,
    );
  }
  // the target is behind this very device locally (an FDB entry without a remote): no answer
  const local = dev.vxlan!.fdb.get(n.mac);
  if (local && local.dsts.every((d) => d === 0))
    return drop(ns, dev, f, 'vxlan-proxy', `${formatIpv4(a.tpa)} is local to ${dev.name}: the proxy keeps quiet`);
  const reply: Frame = { src: n.mac, dst: a.sha, type: ETH_P_ARP, arp: { op: 2, sha: n.mac, spa: a.tpa, tha: a.sha, tpa: a.spa } };
  if (w.tracing())
    w.emit({
      type: 'arp',
      t: w.clock.now(),
      ns: ns.label,
      dev: dev.name,
      pkt: summarizeFrame(reply),
      op: 'reply',
      ip: formatIpv4(a.tpa),
      mac: formatMac(n.mac),
      proxy: true,
    });
  w.defer(() => netifReceive(dev, reply));
}

const vx3 = (dev: Device): string => (dev.vxlan?.l3miss ? ' (an L3 miss: a control plane would be told)' : '');

export function vxlanRcv(dev: Device, p: Ipv4Packet): void {
  const vx = dev.vxlan;
  const inner = p.udp?.vxlan?.frame;
  if (!vx || !inner) return;
  // vxlan_snoop: learn where the inner source lives, unless an entry was set by hand
  if (vx.learning && !isMulticastMac(inner.src) && inner.src !== 0) {
    const e = vx.fdb.get(inner.src);
    if (!e) vx.fdb.set(inner.src, { dsts: [p.src], state: 'dynamic' });
    else if (e.state === 'dynamic' && e.dsts[0] !== p.src) e.dsts = [p.src];
  }
  const w = dev.ns.world;
  if (w.tracing())
    w.emit({ type: 'vxlan', t: w.clock.now(), ns: dev.ns.label, dev: dev.name, pkt: summarize(p), action: 'decap', vni: vx.vni });
  if (!dev.up) return drop(dev.ns, dev, inner, 'link-down', `${dev.name} is down`);
  countRx(dev, inner, false);
  w.defer(() => netifReceive(dev, inner));
}
