// VXLAN: Ethernet frames carried in UDP across an underlay. The outer packet is a real UDP
// packet of the namespace the device was made in: it is routed, filtered and NATed there.

import { formatIpv4 } from '../addr.ts';
import type { Device } from '../device.ts';
import { drop } from '../ip/drop.ts';
import { ipId } from '../ip/icmp.ts';
import { ipLocalOut } from '../ip/output.ts';
import { routeOutput } from '../ip/route-io.ts';
import { IPPROTO_UDP, type Frame, type Ipv4Packet } from '../packet.ts';
import { summarize } from '../summary.ts';
import { netifReceive } from './xmit.ts';

function srcPort(f: Frame): number {
  // udp_flow_src_port: a hash of the inner flow into the local port range
  const h = (Math.floor(f.src / 65536) ^ (f.src & 0xffff) ^ Math.floor(f.dst / 65536) ^ (f.dst & 0xffff)) >>> 0;
  return 32768 + (h % (60999 - 32768 + 1));
}

export function vxlanXmit(dev: Device, f: Frame): void {
  const vx = dev.vxlan;
  if (!vx) return;
  const remote = vx.fdb.get(f.dst) ?? vx.remote;
  if (remote === null) return drop(dev.ns, dev, f, 'vxlan-no-remote', `${dev.name} knows no remote VTEP for this frame`, 'give the device a remote (ip link add … type vxlan … remote IP)');
  const ns = vx.underlay;
  const rt = routeOutput(ns, remote, vx.local, vx.dev && vx.dev.ns === ns ? vx.dev : null);
  if (!rt.ok) return drop(ns, null, null, 'no-route', `VXLAN: no route to the remote ${formatIpv4(remote)} in ${ns.label}`);
  const outer: Ipv4Packet = {
    src: rt.src, dst: remote, ttl: ns.defaultTtl(), proto: IPPROTO_UDP, id: ipId(),
    udp: { sport: srcPort(f), dport: vx.dstport, vxlan: { vni: vx.vni, frame: f } },
  };
  const w = ns.world;
  if (w.tracing()) w.emit({ type: 'vxlan', t: w.clock.now(), ns: ns.label, dev: dev.name, pkt: summarize(outer), action: 'encap', vni: vx.vni });
  ipLocalOut(ns, outer, rt, null);
}

export function vxlanRcv(dev: Device, p: Ipv4Packet): void {
  const vx = dev.vxlan;
  const inner = p.udp?.vxlan?.frame;
  if (!vx || !inner) return;
  vx.fdb.set(inner.src, p.src);
  const w = dev.ns.world;
  if (w.tracing()) w.emit({ type: 'vxlan', t: w.clock.now(), ns: dev.ns.label, dev: dev.name, pkt: summarize(p), action: 'decap', vni: vx.vni });
  if (!dev.up) return drop(dev.ns, dev, inner, 'link-down', `${dev.name} is down`);
  w.defer(() => netifReceive(dev, inner));
}
