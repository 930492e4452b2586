// A device's counters (struct rtnl_link_stats64), counted where each driver counts them:
//   veth      veth_xmit counts what it hands to the peer as the sender's tx; the peer reports
//             the sender's tx as its rx (veth_get_stats64); a frame for a peer that is down is
//             the sender's tx_dropped, one too large for the peer its rx_dropped as well
//   loopback  loopback_xmit counts each frame once, after eth_type_trans (without its 14-byte
//             Ethernet header), and reports it as both rx and tx
//   bridge    br_dev_xmit counts every frame the bridge device sends, ports or none;
//             br_pass_frame_up counts what goes up to its own stack (without the Ethernet header)
//   macvlan / ipvlan  tx what reached the parent's queue, tx_dropped what did not; rx what a
//             sub-interface takes in (with its header), broadcast and multicast also as mcast
//   vxlan     tx the inner packet from its network header (iptunnel_xmit_stats); rx the
//             decapsulated frame after eth_type_trans (without its header); no remote is
//             tx_dropped, no route to the remote tx_carrier_errors and tx_errors
//   dummy     dummy_xmit counts what it discards as sent
// Lengths are the frame's bytes on the wire (a fragmented packet counts per fragment).

import { frameBytes } from '../capture/wire.ts';
import type { Device } from '../device.ts';
import { type Frame, ICMP_ECHO, ICMP_ECHOREPLY, ipLength } from '../packet.ts';

export interface LinkStats {
  rxPackets: number;
  txPackets: number;
  rxBytes: number;
  txBytes: number;
  rxDropped: number;
  txDropped: number;
  /** tx_errors and tx_carrier_errors: a tunnel that found no route to its remote */
  txErrors: number;
  txCarrierErrors: number;
  /** received broadcast and multicast frames, for the drivers that count them */
  multicast: number;
  /** carrier_changes: netif_carrier_on/off transitions since the device was registered */
  carrierChanges: number;
}

export function newLinkStats(): LinkStats {
  return {
    rxPackets: 0,
    txPackets: 0,
    rxBytes: 0,
    txBytes: 0,
    rxDropped: 0,
    txDropped: 0,
    txErrors: 0,
    txCarrierErrors: 0,
    multicast: 0,
    carrierChanges: 0,
  };
}

const ETH_HLEN = 14;
const lengths = new WeakMap<Frame, readonly number[]>();
const ARP_FRAME: readonly number[] = [ETH_HLEN + 28];

/** the lengths of the frames F is on the wire: one, or one per fragment */
export function wireLengths(f: Frame): readonly number[] {
  // the common frames without building their bytes (a ping flood counts every hop): an ARP
  // message, and an echo or echo reply that is not fragmented (its bytes are the IP total length)
  if (f.arp) return ARP_FRAME;
  const ic = f.ip?.icmp;
  if (f.ip && ic && (ic.type === ICMP_ECHO || ic.type === ICMP_ECHOREPLY)) {
    const total = ipLength(f.ip);
    if (f.ip.frag === undefined || total <= f.ip.frag) return [ETH_HLEN + total];
  }
  let l = lengths.get(f);
  if (!l) {
    l = frameBytes(f).map((b) => b.length);
    lengths.set(f, l);
  }
  return l;
}

/** a frame DEV sent; `withHeader` false where the driver counts after eth_type_trans */
export function countTx(dev: Device, f: Frame, withHeader = true): void {
  for (const n of wireLengths(f)) {
    dev.stats.txPackets++;
    dev.stats.txBytes += withHeader ? n : n - ETH_HLEN;
  }
}

/** a frame DEV received; `mcast` where the driver counts broadcast and multicast apart */
export function countRx(dev: Device, f: Frame, withHeader = true, mcast = false): void {
  for (const n of wireLengths(f)) {
    dev.stats.rxPackets++;
    dev.stats.rxBytes += withHeader ? n : n - ETH_HLEN;
  }
  if (mcast && f.dst >= 0x010000000000 && Math.floor(f.dst / 2 ** 40) % 2 === 1) dev.stats.multicast++;
}

/** the carrier as netif_carrier_on/off keep it: a veth has it only while both ends are up */
function kernelCarrier(d: Device): boolean {
  if (d.kind === 'veth') return d.up && d.peer !== null && d.peer.up;
  return d.carrier();
}

/**
 * carrier_changes: compare each device's carrier with the one last seen and count a change.
 * Every device registers with its carrier on (a veth's newlink then turns it off: one change).
 */
export function countCarrierChanges(devs: Iterable<Device>): void {
  for (const d of devs) {
    const now = kernelCarrier(d);
    if (d.carrierSeen !== now) {
      d.stats.carrierChanges++;
      d.carrierSeen = now;
    }
  }
}
