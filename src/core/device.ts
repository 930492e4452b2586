// Network devices: one shape for every kind, with the fields each kind uses. Behaviour per kind
// lives in link/ (transmit and receive paths); this file is the data and the carrier rules.

import type { Ipv4, Mac } from './addr.ts';

/** 33:33:00:00:00:01, ff02::1 (joined when IPv6 attaches to a device, even with IPv6 disabled) */
export const MC_IPV6_ALL_NODES: Mac = 0x333300000001;
/** 01:00:5e:00:00:01, 224.0.0.1: joined by every IPv4 device when it comes up */
export const MC_IPV4_ALL_HOSTS: Mac = 0x01005e000001;
/** 01:00:5e:00:00:6a and 33:33:00:00:00:6a: a bridge's multicast snooping joins the all-snoopers groups */
export const MC_IPV4_ALL_SNOOPERS: Mac = 0x01005e00006a;
export const MC_IPV6_ALL_SNOOPERS: Mac = 0x33330000006a;
import { type LinkStats, newLinkStats } from './link/stats.ts';
import type { Netns } from './netns.ts';

export type DevKind = 'loopback' | 'veth' | 'bridge' | 'dummy' | 'macvlan' | 'ipvlan' | 'vxlan';
export type MacvlanMode = 'private' | 'vepa' | 'bridge' | 'passthru';
export type IpvlanMode = 'l2' | 'l3' | 'l3s';

/** the STP states of a bridge port (BR_STATE_*), in the kernel's numbering */
export const PORT_STATES = ['disabled', 'listening', 'learning', 'forwarding', 'blocking'] as const;
export type PortState = (typeof PORT_STATES)[number];

export interface IfAddr {
  readonly addr: Ipv4;
  readonly plen: number;
  /** a second address in a subnet the device already has */
  secondary: boolean;
  /** IFA_BROADCAST, when given (`brd ADDR`, `brd +`) */
  readonly brd?: Ipv4;
  /** IFA_LABEL, when it is not the device's name (`label DEV:N`) */
  readonly label?: string;
  /** IFA_F_NOPREFIXROUTE: the kernel adds no route for the address's prefix */
  readonly noprefixroute?: boolean;
  /** IFA_RT_PRIORITY: the metric of the prefix route (0 when not given) */
  readonly metric?: number;
  /** IFA_ADDRESS of a point-to-point address (`peer`): the far end, whose prefix plen is */
  readonly peer?: Ipv4;
  /** ifa_scope when given (`scope host|link|…|N`): 0 global, 200 site, 253 link, 254 host */
  readonly scope?: number;
  /**
   * IFA_CACHEINFO's lifetimes in seconds, counted from `tstamp` (the clock's ms when set);
   * absent: forever (IFA_F_PERMANENT). Set by `valid_lft` / `preferred_lft`.
   */
  lifetimes?: { valid: number | null; preferred: number | null; tstamp: number };
}

/** ifa_scope: as given, else host for 127/8 (iproute2 asks for it) and global otherwise */
export function ifaScope(a: IfAddr): number {
  return a.scope ?? (a.addr >>> 24 === 127 ? 254 : 0);
}

/** ifa_address: the address whose prefix an address stands for (the peer's, if it has one) */
export function ifaPrefix(a: IfAddr): Ipv4 {
  return a.peer ?? a.addr;
}

export interface FdbEntry {
  readonly port: Device;
  /** the bridge's own address or a port's: frames to it go up to the bridge device */
  readonly local: boolean;
  /** added by hand (`bridge fdb add … master static|permanent`): never learnt over, never aged */
  readonly static?: boolean;
  updated: number;
}

export interface VxlanConf {
  readonly vni: number;
  readonly dstport: number;
  readonly remote: Ipv4 | null;
  /** a multicast group (with `dev`): joined on dev while the device is up, the default entry's destination */
  readonly group: Ipv4 | null;
  readonly local: Ipv4 | null;
  /** the underlay device name at creation */
  readonly dev: Device | null;
  /** the namespace whose routing and netfilter carry the UDP (where it was created) */
  readonly underlay: Netns;
  /** learn remotes from the outer source of what arrives (`learning`, the default) */
  learning: boolean;
  /** answer ARP requests from the device's own neighbour table, never send them (`proxy`) */
  proxy: boolean;
  /** l2miss / l3miss: netlink notifications for a control plane (no effect on forwarding) */
  l2miss: boolean;
  l3miss: boolean;
  /** the outer TTL: a number (0 is `auto`, the namespace's default TTL) or the inner packet's (`inherit`) */
  ttl: number | 'inherit';
  /** the forwarding database: inner MAC -> remote VTEPs; 00:00:00:00:00:00 is the default (flood) entry */
  readonly fdb: Map<Mac, VxlanFdb>;
}

/** one entry of a VXLAN device's FDB (`bridge fdb … self`) */
export interface VxlanFdb {
  /** remote VTEPs: a frame is sent to each (head-end replication for the default entry) */
  dsts: Ipv4[];
  /** permanent (`bridge fdb add`, the default), static, or learnt / dynamic (shown without a state) */
  state: 'permanent' | 'static' | 'dynamic';
  /** the ifindex of the underlay device its first remote is sent by (`via`): the default entry of a device made with `dev` */
  via?: number;
}

export class Device {
  readonly id: number;
  ifindex: number;
  name: string;
  readonly kind: DevKind;
  ns: Netns;
  mac: Mac;
  mtu: number;
  /** IFF_UP: administratively up */
  up = false;
  /** has been up once: the noqueue qdisc it got then stays when it goes down (noop before) */
  everUp = false;
  promisc = false;
  /**
   * a bridge whose port states have been selected once (br_port_state_selection: a port
   * joined, or its address changed): its carrier follows its ports from then on
   */
  hadPort = false;
  /** IFF_NOARP set by `ip link set DEV arp off`: no ARP asked or answered on the device */
  arpOff = false;
  /** tx_queue_len (`txqueuelen`), as the signed int iproute2 prints */
  txqlen = 1000;
  addrs: IfAddr[] = [];
  /** bridge this device is a port of */
  master: Device | null = null;
  /** as a bridge port: send frames back out the port they came in on */
  hairpin = false;
  /** as a bridge port (BR_LEARNING): learn the source MACs of frames that come in by it */
  learning = true;
  /** as a bridge port (BR_FLOOD): unknown unicast is flooded out of it */
  flood = true;
  /** as a bridge port (BR_ISOLATED): never forwards to another isolated port */
  isolated = false;
  /** as a bridge port: the STP state set by hand, until the port's link changes */
  portStateSet: PortState | null = null;
  /** the MTU was set by hand (a bridge then stops following its ports') */
  mtuSet = false;
  /** a bridge: stp_state, non-zero runs the kernel's STP */
  stpState = 0;
  /** dev->tso_max_size: a bridge starts at 64 KiB and takes the smallest of its ports' once one joins */
  tsoMaxSize = 524280;
  /** veth: the other end */
  peer: Device | null = null;
  /** macvlan / ipvlan: the parent device; vxlan: unused */
  lower: Device | null = null;
  macvlanMode: MacvlanMode = 'bridge';
  ipvlanMode: IpvlanMode = 'l2';
  /** bridge: its ports, in the order they were added */
  ports: Device[] = [];
  /** macvlan / ipvlan devices stacked on this one */
  uppers: Device[] = [];
  /** bridge: forwarding database */
  readonly fdb: Map<Mac, FdbEntry> = new Map();
  vxlan: VxlanConf | null = null;
  /** `bridge fdb add MAC dev DEV self` on a device that is neither a bridge port nor VXLAN: its unicast list */
  readonly selfFdb = new Set<Mac>();
  /** bridge: the address half of its STP bridge id: the lowest port address, all zero with no port yet, or the address set by hand */
  bridgeId: Mac = 0;
  /** the address was given by the user (a bridge then keeps it instead of taking a port's) */
  macSet = false;
  /**
   * the device's multicast address list (dev->mc), in the order the groups were joined: the
   * IPv6 all-nodes group from registration, the IPv4 all-hosts group while up, a bridge's
   * all-snoopers groups while up. `bridge fdb show` lists them as `self permanent`.
   */
  mc: Mac[] = [MC_IPV6_ALL_NODES];
  /** IPv4 multicast groups joined on this device besides 224.0.0.1 (in_dev->mc_list): a VXLAN's group */
  mcGroups: Ipv4[] = [];
  /** rtnl_link_stats64: what the driver counted (link/stats.ts) */
  readonly stats: LinkStats = newLinkStats();
  /** the carrier netif_carrier_on/off last left (a device registers with it on) */
  carrierSeen = true;

  constructor(id: number, ifindex: number, name: string, kind: DevKind, ns: Netns, mac: Mac, mtu: number) {
    this.id = id;
    this.ifindex = ifindex;
    this.name = name;
    this.kind = kind;
    this.ns = ns;
    this.mac = mac;
    this.mtu = mtu;
  }

  /** carrier as the kernel reports it (NO-CARRIER when false) */
  carrier(): boolean {
    switch (this.kind) {
      case 'veth':
        return this.peer !== null && this.peer.up;
      case 'bridge':
        // br_port_state_selection turns the carrier off only once a port has come and gone
        // or gone down: a bridge that never had a port keeps the carrier it registered with
        return !this.hadPort || this.ports.some((p) => p.operUp());
      case 'macvlan':
      case 'ipvlan':
        return this.lower !== null && this.lower.operUp();
      default:
        return true;
    }
  }

  /** IFF_RUNNING: up and with carrier */
  operUp(): boolean {
    return this.up && this.carrier();
  }

  /** ARP is used on this device (loopback and ipvlan l3/l3s slaves have none) */
  noarp(): boolean {
    return this.kind === 'loopback' || this.arpOff || (this.kind === 'ipvlan' && this.ipvlanMode !== 'l2');
  }

  /** primary addresses first, in the order they were added */
  primaryAddrs(): IfAddr[] {
    return this.addrs.filter((a) => !a.secondary);
  }
}
