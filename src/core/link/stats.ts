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

import type { Device } from '../device.ts';
import { type Frame, ICMP_ECHO, ICMP_ECHOREPLY, type Ipv4Packet, ipLength } from '../packet.ts';

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
const ARP_HLEN = 28;
/** the model's IPv4 header: no options (ihl 5) */
const IP_HLEN = 20;
const ICMP_HLEN = 8;
const UDP_HLEN = 8;
const VXLAN_HLEN = 8;
/** icmp_send quotes the offending datagram up to 576 bytes in all: 576 - 20 - 8 */
const ICMP_QUOTE_MAX = 548;

/** what follows the IP header: the transport header and its payload (capture/wire.ts's transportBytes, counted) */
function transportLength(p: Ipv4Packet): number {
  const ic = p.icmp;
  if (ic) {
    if (ic.inner) return ICMP_HLEN + Math.min(IP_HLEN + transportLength(ic.inner), ICMP_QUOTE_MAX);
    if (ic.type === ICMP_ECHO || ic.type === ICMP_ECHOREPLY) return ICMP_HLEN + Math.max(0, ipLength(p) - 28);
    return ICMP_HLEN;
  }
  if (p.tcp) return ipLength(p) - IP_HLEN;
  const u = p.udp;
  if (u) {
    // VXLAN carries the inner frame whole (its first fragment, were it fragmented); any other
    // payload (a probe's, a DNS message) is the datagram's length less the headers
    if (u.vxlan) return UDP_HLEN + VXLAN_HLEN + frameLength(u.vxlan.frame);
    return UDP_HLEN + Math.max(0, ipLength(p) - IP_HLEN - UDP_HLEN);
  }
  return Math.max(0, ipLength(p) - IP_HLEN);
}

/** the first (or only) frame's length: a VXLAN packet encapsulates no more than that */
function frameLength(f: Frame): number {
  return wireLengths(f)[0] ?? ETH_HLEN;
}

const ARP_FRAME: readonly number[] = [ETH_HLEN + ARP_HLEN];
const EMPTY_FRAME: readonly number[] = [ETH_HLEN];

/**
 * the lengths of the frames F is on the wire: one, or one per fragment. Counted from the
 * headers, never by building the bytes (a ping flood counts every frame at every hop); the
 * capture's bytes (capture/wire.ts) have exactly these lengths, which stats.test.ts checks
 * for every frame of the scenarios' replays.
 */
export function wireLengths(f: Frame): readonly number[] {
  if (f.arp) return ARP_FRAME;
  const p = f.ip;
  if (!p) return EMPTY_FRAME;
  const l4 = transportLength(p);
  const frag = p.frag;
  if (frag === undefined || IP_HLEN + l4 <= frag) return [ETH_HLEN + IP_HLEN + l4];
  // ip_fragment: every fragment but the last carries a multiple of 8 bytes
  const step = Math.max(8, ((frag - IP_HLEN) >>> 3) << 3);
  const out: number[] = [];
  for (let off = 0; off < l4; off += step) out.push(ETH_HLEN + IP_HLEN + Math.min(step, l4 - off));
  return out;
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
