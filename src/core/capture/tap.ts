// Packet taps: what a packet socket (AF_PACKET, ETH_P_ALL) bound to a device, or to none
// ("any"), receives. The kernel hands every frame to such sockets at two points:
//   dev_queue_xmit_nit   a frame leaving a device (PACKET_OUTGOING), before the driver
//                        takes it: a veth's peer, a bridge's ports, a macvlan's parent;
//   __netif_receive_skb  a frame arriving on a device, before its rx handler (the bridge
//                        port's, the macvlan parent's) takes it, and again on the device the
//                        handler passes it to (the bridge, the macvlan) if it goes up.
// A capture opened in promiscuous mode raises the device's promiscuity: a bridge so raised
// passes a copy of every frame it forwards up to its own device (br_handle_frame_finish's
// local_rcv), which is why `tcpdump -i br0` shows the traffic between its ports.
// libpcap drops outgoing frames on a loopback device: it will see them again coming in.

import { isMulticastMac, MAC_BROADCAST } from '../addr.ts';
import type { Device } from '../device.ts';
import type { Netns } from '../netns.ts';
import type { Frame, Ipv4Packet, TcpHeader } from '../packet.ts';
import type { World } from '../world.ts';
import { frameBytes, isnOf, type TcpSeq } from './wire.ts';

/** sll_pkttype: how the frame met the device */
export type PacketType = 'host' | 'broadcast' | 'multicast' | 'otherhost' | 'outgoing';

export const PACKET_TYPE_CODE: Record<PacketType, number> = { host: 0, broadcast: 1, multicast: 2, otherhost: 3, outgoing: 4 };

export interface CapturedFrame {
  /** virtual time, microseconds */
  readonly tsUs: number;
  readonly ifindex: number;
  readonly dev: string;
  /** the device's namespace, as traces name it ("root" for the host) */
  readonly ns: string;
  readonly pktType: PacketType;
  /** the Ethernet frame as it crossed the device */
  readonly bytes: Uint8Array;
}

export interface CaptureOptions {
  /** raise the device's promiscuity (tcpdump does, unless -p); never for "any" */
  readonly promisc?: boolean;
  /** with no device: every device of every namespace (what a trace's capture sees), not only NS's */
  readonly everyNamespace?: boolean;
}

/** one open packet socket: a device of a namespace, or every device of it (dev null: "any") */
export class Capture {
  readonly ns: Netns;
  readonly dev: Device | null;
  readonly promisc: boolean;
  readonly everyNamespace: boolean;
  readonly frames: CapturedFrame[] = [];
  /** told of each frame as it is captured */
  onFrame: ((c: CapturedFrame) => void) | null = null;
  /** every device this capture has seen a frame on, by ifindex: its interface list */
  readonly seen = new Map<number, { name: string; ifindex: number }>();
  private open = true;

  constructor(ns: Netns, dev: Device | null, opts: CaptureOptions = {}) {
    this.ns = ns;
    this.dev = dev;
    this.promisc = dev !== null && (opts.promisc ?? true);
    this.everyNamespace = dev === null && (opts.everyNamespace ?? false);
    const hub = hubOf(ns.world);
    hub.captures.push(this);
  }

  get running(): boolean {
    return this.open;
  }

  /** close the socket: no frame is added from now on */
  stop(): void {
    if (!this.open) return;
    this.open = false;
    const hub = this.ns.world.taps;
    if (!hub) return;
    hub.captures = hub.captures.filter((c) => c !== this);
  }

  wants(dev: Device): boolean {
    if (this.everyNamespace) return true;
    return dev.ns === this.ns && (this.dev === null || this.dev === dev);
  }

  take(c: CapturedFrame): void {
    if (!this.seen.has(c.ifindex)) this.seen.set(c.ifindex, { name: c.dev, ifindex: c.ifindex });
    this.frames.push(c);
    this.onFrame?.(c);
  }
}

/** the world's open captures, and the TCP sequence numbers every capture shares */
export class TapHub {
  captures: Capture[] = [];
  private readonly seqOf = new WeakMap<TcpHeader, TcpSeq>();
  private readonly next = new Map<string, number>();

  /** the sequence numbers of a segment, the same on every device it crosses */
  tcpSeq = (p: Ipv4Packet, t: TcpHeader): TcpSeq => {
    const known = this.seqOf.get(t);
    if (known) return known;
    if (t.seq !== undefined) return { seq: t.seq, ack: t.flags.ack ? (t.ack ?? 0) : 0 };
    // a side's numbers are known by its ISN where the segment carries it, so NAT keeps them
    const me = t.isn !== undefined ? `isn ${t.isn}` : `${p.src}:${t.sport}>${p.dst}:${t.dport}`;
    const them = t.peerIsn !== undefined ? `isn ${t.peerIsn}` : `${p.dst}:${t.dport}>${p.src}:${t.sport}`;
    const isn = t.isn ?? isnOf(p.src, t.sport, p.dst, t.dport);
    const f = t.flags;
    let seq: number;
    if (f.syn) seq = isn;
    else if (f.rst && !this.next.has(me)) seq = 0;
    else seq = this.next.get(me) ?? (isn + 1) >>> 0;
    const ack = this.next.get(them) ?? (f.ack ? ((t.peerIsn ?? isnOf(p.dst, t.dport, p.src, t.sport)) + 1) >>> 0 : 0);
    const len = new TextEncoder().encode(t.data ?? '').length + (f.syn ? 1 : 0) + (f.fin ? 1 : 0);
    this.next.set(me, (seq + len) >>> 0);
    const r = { seq, ack: f.ack ? ack : 0 };
    this.seqOf.set(t, r);
    return r;
  };
}

function hubOf(w: World): TapHub {
  w.taps ??= new TapHub();
  return w.taps;
}

/** the virtual time of a frame: the clock, and a microsecond for each frame moved so far */
function stamp(w: World): number {
  return w.clock.now() * 1000 + w.hops;
}

function deliver(dev: Device, f: Frame, pktType: PacketType): void {
  const hub = dev.ns.world.taps;
  if (!hub || hub.captures.length === 0) return;
  let bytes: Uint8Array[] | null = null;
  let ts = 0;
  for (const c of hub.captures) {
    if (!c.wants(dev)) continue;
    if (pktType === 'outgoing' && dev.kind === 'loopback') continue;
    if (!bytes) {
      bytes = frameBytes(f, { tcpSeq: hub.tcpSeq });
      ts = stamp(dev.ns.world);
    }
    for (const b of bytes) c.take({ tsUs: ts, ifindex: dev.ifindex, dev: dev.name, ns: dev.ns.label, pktType, bytes: b });
  }
}

/** dev_queue_xmit_nit: a frame leaves DEV */
export function tapXmit(dev: Device, f: Frame): void {
  if (dev.ns.world.taps) deliver(dev, f, 'outgoing');
}

/** __netif_receive_skb's taps: a frame arrives on DEV */
export function tapRcv(dev: Device, f: Frame): void {
  if (!dev.ns.world.taps) return;
  const t: PacketType =
    f.dst === MAC_BROADCAST ? 'broadcast' : isMulticastMac(f.dst) ? 'multicast' : f.dst === dev.mac ? 'host' : 'otherhost';
  deliver(dev, f, t);
}

/** a capture has raised DEV's promiscuity */
export function promiscByTap(dev: Device): boolean {
  const hub = dev.ns.world.taps;
  return hub !== null && hub.captures.some((c) => c.promisc && c.dev === dev);
}
