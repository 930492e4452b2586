// dev_queue_xmit and netif_receive_skb: a frame leaving a device and a frame arriving on one,
// with the rx handlers (bridge port, macvlan / ipvlan parent) the kernel consults first.

import { isMulticastMac } from '../addr.ts';
import { tapRcv, tapXmit } from '../capture/tap.ts';
import type { Device } from '../device.ts';
import { drop } from '../ip/drop.ts';
import { ipRcv } from '../ip/input.ts';
import { arpRcv } from '../ip/neigh.ts';
import { type Frame, wireLen, withMark, withRx } from '../packet.ts';
import { summarizeFrame } from '../summary.ts';
import { bridgeInput, bridgeXmit } from './bridge.ts';
import { ipvlanHandleFrame, ipvlanXmit } from './ipvlan.ts';
import { macvlanHandleFrame, macvlanXmit } from './macvlan.ts';
import { countRx, countTx } from './stats.ts';
import { vxlanXmit } from './vxlan.ts';

export function devXmit(dev: Device, f: Frame): void {
  const ns = dev.ns;
  const w = ns.world;
  if (!dev.up)
    return drop(
      ns,
      dev,
      f,
      'link-down',
      `${dev.name} is down in ${ns.label}`,
      `${ns.name ? `ip -n ${ns.name} ` : 'ip '}link set ${dev.name} up`,
    );
  if (!w.hop(`${ns.label}:${dev.name}`)) return;
  // veth_xmit → __dev_forward_skb: the peer takes no frame beyond its MTU (and a VLAN tag's
  // 4 bytes of slack, is_skb_forwardable); the sender's xmit fails with NET_XMIT_DROP
  if (f.ip?.len !== undefined && dev.kind === 'veth' && dev.peer && wireLen(f.ip) > dev.peer.mtu + 4) {
    w.xmitNobufs = true;
    vethDropped(dev, dev.peer);
    return drop(ns, dev, f, 'mtu', `a ${wireLen(f.ip)}-byte packet is larger than the MTU of ${dev.peer.name} (${dev.peer.mtu})`);
  }
  if (w.tracing()) {
    const to = dev.kind === 'veth' && dev.peer ? { to: { ns: dev.peer.ns.label, dev: dev.peer.name } } : {};
    w.emit({ type: 'xmit', t: w.clock.now(), ns: ns.label, dev: dev.name, pkt: summarizeFrame(f), ...to });
  }
  if (w.taps) tapXmit(dev, f);
  switch (dev.kind) {
    case 'loopback':
      countTx(dev, f, false);
      countRx(dev, f, false);
      w.defer(() => stackReceive(dev, f, true));
      return;
    case 'veth': {
      const peer = dev.peer;
      if (!peer || !peer.up) {
        // veth_xmit drops it before __dev_forward_skb: only the sender counts it
        dev.stats.txDropped++;
        return drop(
          ns,
          dev,
          f,
          'no-carrier',
          `${dev.name} has no carrier: its peer ${peer ? `${peer.name} in ${peer.ns.label}` : ''} is down`,
          peer ? `${peer.ns.name ? `ip -n ${peer.ns.name} ` : 'ip '}link set ${peer.name} up` : undefined,
        );
      }
      // skb_scrub_packet: the packet leaves its conntrack state (and IPVS's mark on it) behind,
      // and its firewall mark when it changes namespace
      const ip = f.ip;
      const xnet = peer.ns !== ns;
      const g =
        ip && ((xnet && ip.mark) || ip.untracked || ip.ipvs)
          ? { ...f, ip: { ...(xnet ? withMark(ip, 0) : ip), untracked: false, ipvs: false } }
          : f;
      countTx(dev, f);
      countRx(peer, f);
      w.defer(() => netifReceive(peer, g));
      return;
    }
    case 'dummy':
      countTx(dev, f);
      return drop(ns, dev, f, 'dummy', `${dev.name} is a dummy device: it discards what it sends`);
    case 'bridge':
      countTx(dev, f);
      return bridgeXmit(dev, f);
    case 'macvlan':
      return macvlanXmit(dev, f);
    case 'ipvlan':
      return ipvlanXmit(dev, f);
    case 'vxlan':
      return vxlanXmit(dev, f);
  }
}

/** veth_xmit's drop of a frame __dev_forward_skb refused as too large: both ends count it */
function vethDropped(dev: Device, peer: Device): void {
  dev.stats.txDropped++;
  peer.stats.rxDropped++;
}

/** __netif_receive_skb: rx handlers first, then the device's own stack */
export function netifReceive(dev: Device, f: Frame): void {
  const ns = dev.ns;
  if (!dev.up) return drop(ns, dev, f, 'link-down', `${dev.name} is down in ${ns.label}`);
  if (ns.world.taps) tapRcv(dev, f);
  if (dev.master) return bridgeInput(dev.master, dev, f);
  if (dev.uppers.length > 0) {
    const first = dev.uppers[0]!;
    if (first.kind === 'macvlan' && macvlanHandleFrame(dev, f)) return;
    if (first.kind === 'ipvlan' && ipvlanHandleFrame(dev, f)) return;
  }
  stackReceive(dev, f, false);
}

/** the frame is for this device's own stack; `forced` when a handler already chose it */
export function stackReceive(dev: Device, f: Frame, forced: boolean): void {
  const ns = dev.ns;
  if (!dev.up) return drop(ns, dev, f, 'link-down', `${dev.name} is down in ${ns.label}`);
  // a handler passed the frame up to this device (bridge, macvlan, loopback): its taps see it
  if (forced && ns.world.taps) tapRcv(dev, f);
  if (!forced && f.dst !== dev.mac && !isMulticastMac(f.dst)) {
    // PACKET_OTHERHOST: not addressed to this device
    return drop(ns, dev, f, 'other-host', `frame for another MAC address arrived at ${dev.name}`);
  }
  if (f.arp) {
    const w = ns.world;
    if (w.tracing()) w.emit({ type: 'rcv', t: w.clock.now(), ns: ns.label, dev: dev.name, pkt: summarizeFrame(f) });
    return arpRcv(dev, f);
  }
  if (f.ip) return ipRcv(dev, withRx(f.ip, f));
}
