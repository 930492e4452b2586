// A network namespace: its devices, routing tables, neighbours, sysctls, netfilter tables,
// conntrack and listening sockets.

import type { Ipv4, Mac } from './addr.ts';
import type { Device } from './device.ts';
import type { DnsZone } from './dns.ts';
import type { Ipv4Packet } from './packet.ts';
import type { Ipv4 as Ipv4Addr } from './addr.ts';
import { Fib, type Route } from './ip/fib.ts';
import type { Task, TcpSock } from './ip/tcp-sock.ts';
import { Conntrack } from './netfilter/conntrack.ts';
import { SnmpMib } from './ip/snmp-mib.ts';
import type { IpvsService } from './netfilter/ipvs.ts';
import { newTable, type Table, type TableName } from './netfilter/rule.ts';
import type { World } from './world.ts';

export interface NeighEntry {
  readonly ip: Ipv4;
  readonly dev: Device;
  mac: Mac | null;
  /** PERMANENT and NOARP are set by hand (ip neigh add): ARP never changes them */
  state: 'REACHABLE' | 'STALE' | 'DELAY' | 'PROBE' | 'FAILED' | 'INCOMPLETE' | 'PERMANENT' | 'NOARP';
  updated: number;
  /** when the neighbour was last confirmed reachable (ip/nud.ts) */
  confirmed?: number;
  /** when a packet last went out through the entry */
  used?: number;
  /** when its timer fires next (null: none) */
  timerAt?: number | null;
  /** unicast probes sent in PROBE; broadcast requests sent in INCOMPLETE */
  probes?: number;
  /** INCOMPLETE: the sender address of its requests (arp_solicit takes the queued packet's) */
  solicitSrc?: Ipv4;
}

export interface Sysctls {
  ipForward: boolean;
  /** net.ipv4.conf.all.rp_filter and .default.rp_filter */
  rpFilterAll: number;
  rpFilterDefault: number;
  /** per device, by name at the time it was set (follows renames through the device id) */
  rpFilterDev: Map<number, number>;
  bridgeNfCallIptables: boolean;
  /** conf.default.forwarding when set apart from ip_forward (new devices copy it) */
  forwardingDefault: number | null;
  /** conf.DEV.forwarding written for one device (inet_forward_change resets them all) */
  forwardingDev: Map<number, number>;
  /** the other net.ipv4.conf.{all,default,DEV}.KEY values that differ from CONF_DEFAULTS */
  confAll: Map<string, number>;
  confDefault: Map<string, number>;
  confDev: Map<number, Map<string, number>>;
  /** net.ipv4.neigh.DEV.KEY values written (the ARP table's timers and queues; no `default` outside the first namespace) */
  neighDev: Map<number, Map<string, number>>;
  /** net.ipv4.KEY scalars (ip_default_ttl, icmp_echo_ignore_all, …) that were written */
  ipv4: Map<string, number>;
}

/** per-device keys of net.ipv4.conf.* besides forwarding and rp_filter, with a fresh namespace's values */
export const CONF_DEFAULTS: Readonly<Record<string, number>> = {
  send_redirects: 1,
  accept_redirects: 1,
  secure_redirects: 1,
  shared_media: 1,
  arp_ignore: 0,
  arp_announce: 0,
  arp_filter: 0,
  arp_accept: 0,
  arp_notify: 0,
  proxy_arp: 0,
  proxy_arp_pvlan: 0,
  route_localnet: 0,
  accept_local: 0,
  log_martians: 0,
  promote_secondaries: 0,
  // ipv4_devconf_dflt: default and every device 1, `all` 0 (CONF_ALL_DEFAULTS)
  accept_source_route: 1,
  bootp_relay: 0,
  src_valid_mark: 0,
  ignore_routes_with_linkdown: 0,
  drop_gratuitous_arp: 0,
  drop_unicast_in_l2_multicast: 0,
  bc_forwarding: 0,
  disable_policy: 0,
  disable_xfrm: 0,
  medium_id: 0,
  tag: 0,
  force_igmp_version: 0,
  mc_forwarding: 0,
  arp_evict_nocarrier: 1,
};

/** where conf.all starts from other values than default and the devices (ipv4_devconf vs ipv4_devconf_dflt) */
export const CONF_ALL_DEFAULTS: Readonly<Record<string, number>> = { accept_source_route: 0 };

/** how the kernel combines conf.all and conf.DEV (IN_DEV_ORCONF / IN_DEV_MAXCONF) */
const CONF_MAX = new Set(['arp_ignore', 'arp_announce']);

/** net.ipv4 scalars: fresh value and accepted range (u8 keys without bounds take 0..255) */
export const IPV4_KEYS: Readonly<Record<string, { readonly init: number; readonly min: number; readonly max: number }>> = {
  ip_default_ttl: { init: 64, min: 1, max: 255 },
  icmp_echo_ignore_all: { init: 0, min: 0, max: 1 },
  icmp_echo_ignore_broadcasts: { init: 1, min: 0, max: 1 },
  icmp_ignore_bogus_error_responses: { init: 1, min: 0, max: 1 },
  icmp_errors_use_inbound_ifaddr: { init: 0, min: 0, max: 1 },
  // core/ip/icmp-ratelimit.ts: per destination, and the namespace's credit
  icmp_ratelimit: { init: 1000, min: 0, max: 2147483647 },
  icmp_ratemask: { init: 0x1818, min: -2147483648, max: 2147483647 },
  icmp_msgs_per_sec: { init: 1000, min: 0, max: 2147483647 },
  icmp_msgs_burst: { init: 50, min: 0, max: 2147483647 },
  ip_nonlocal_bind: { init: 0, min: 0, max: 255 },
  ip_no_pmtu_disc: { init: 0, min: 0, max: 255 },
  tcp_syncookies: { init: 1, min: 0, max: 255 },
  // core/ip/tcp-syn-sent.ts: how long connect() sends its SYN again (MAX_TCP_SYNCNT 127), and
  // how many of its timeouts stay at 1 s before they double
  tcp_syn_retries: { init: 6, min: 1, max: 127 },
  tcp_syn_linear_timeouts: { init: 4, min: 0, max: 127 },
  // the passive side's SYN-ACK, sent again while the handshake's last ACK is missing (not modelled)
  tcp_synack_retries: { init: 5, min: 0, max: 255 },
};

export interface Listener {
  /** 0 = any address */
  readonly addr: Ipv4;
  readonly port: number;
  readonly proto: 'tcp' | 'udp';
  readonly what: string;
  /** a name server: the zone it answers queries from */
  readonly dns?: DnsZone;
  /** the command line that started it, as `netlab` writes the lab back out */
  readonly argv?: readonly string[];
  /** a userland proxy (docker-proxy): each request is made again, from here, to this address */
  readonly proxyTo?: { readonly addr: Ipv4; readonly port: number };
  /** an HTTP server (python3 -m http.server): what it has written to its stderr, a line each */
  readonly log?: string[];
  /** an AF_INET6 socket bound to `::` (dual stack): an IPv4 peer reaches it as ::ffff:a.b.c.d */
  readonly mapped?: boolean;
  /** the HTTP server that answers, when it is not python3 -m http.server: an image's own */
  readonly http?: 'nginx' | 'httpd';
  /** its process's output, stream by stream (a container's, as docker logs shows it) */
  readonly output?: Array<{ readonly stream: 'stdout' | 'stderr'; readonly text: string; readonly time: number }>;
  /** the nginx worker that takes its connections (its pid in the error log) */
  readonly worker?: number;
  /** connections it accepted so far (nginx numbers them in its error log) */
  accepted?: number;
  /** its process is frozen (docker pause, the cgroup freezer): the kernel completes handshakes and acknowledges data, nothing answers */
  readonly frozen?: boolean;
  /** the process that listens, and its descriptor (ss -p, netstat -p) */
  owner?: { readonly task: Task; readonly fd: number };
  /** the process accepts each connection and holds it open (nc -l) instead of answering it */
  readonly holds?: { readonly verbose: boolean; readonly keep: boolean; readonly numeric: boolean };
}

/** a probe's socket: ping's raw ICMP socket, curl's TCP socket, traceroute's UDP socket */
export interface ProbeSocket {
  readonly proto: 'icmp' | 'tcp' | 'udp';
  /** icmp: echo identifier; tcp / udp: local port */
  readonly port: number;
  /** a connected socket only takes packets from its peer */
  readonly remote?: { readonly addr: Ipv4Addr; readonly port: number };
  onPacket(p: Ipv4Packet, dev: Device): void;
  /** an ICMP error whose inner packet is ours */
  onError(p: Ipv4Packet): void;
}

export class Netns {
  readonly world: World;
  /** null for the host's own (root) namespace */
  readonly name: string | null;
  readonly devices = new Map<string, Device>();
  fib = new Fib();
  neigh: NeighEntry[] = [];
  sysctl: Sysctls;
  tables: Record<TableName, Table> = {
    filter: newTable('filter'),
    nat: newTable('nat'),
    mangle: newTable('mangle'),
    security: newTable('security'),
    raw: newTable('raw'),
  };
  conntrack = new Conntrack();
  /** the SNMP MIB counters (/proc/net/snmp, /proc/net/netstat) */
  readonly mib = new SnmpMib();
  /** whether the ruleset needs conntrack, as of world generation ctActiveGen */
  ctActive = false;
  ctActiveGen = -1;
  listeners: Listener[] = [];
  /** TCP connections past their handshake: established, closing, TIME-WAIT (ip/tcp-sock.ts) */
  tcpSocks: TcpSock[] = [];
  /** IPVS's virtual services (ipvsadm); null until ip_vs is first used in this namespace */
  ipvs: IpvsService[] | null = null;
  sockets: ProbeSocket[] = [];
  /** packets waiting for an ARP answer */
  readonly arpQueue = new Map<NeighEntry, Ipv4Packet[]>();
  nextIfindex = 1;
  /**
   * Next-hop exceptions (fib_nh_exception) learnt from ICMP redirects: per route, the
   * destinations that go to another gateway. They live and die with the route.
   */
  fnhe = new WeakMap<Route, Map<Ipv4, Ipv4>>();
  /**
   * path MTUs learnt from "fragmentation needed" (the MTU of a route exception), per
   * destination: locked when the router named less than min_pmtu, learnt at virtual time `at`
   */
  readonly pmtu = new Map<Ipv4, { readonly mtu: number; readonly lock: boolean; readonly at: number }>();
  /** a redirect ever installed an exception here (the hot path skips the lookup otherwise) */
  hasFnhe = false;

  /** the ids this namespace gives the other namespaces it sees (peernet2id_alloc), from 0 */
  private readonly peerIds = new Map<Netns, number>();

  /** this namespace's id for OTHER (IFLA_LINK_NETNSID), given on first use */
  peerId(other: Netns): number {
    let id = this.peerIds.get(other);
    if (id === undefined) {
      id = this.peerIds.size;
      this.peerIds.set(other, id);
    }
    return id;
  }

  /** the id this namespace has given OTHER, if any yet (`ip netns list` prints it) */
  knownPeerId(other: Netns): number | undefined {
    return this.peerIds.get(other);
  }

  constructor(world: World, name: string | null) {
    this.world = world;
    this.name = name;
    this.sysctl = {
      ipForward: false,
      rpFilterAll: 0,
      rpFilterDefault: 0,
      rpFilterDev: new Map(),
      bridgeNfCallIptables: true,
      forwardingDefault: null,
      forwardingDev: new Map(),
      confAll: new Map(),
      confDefault: new Map(),
      confDev: new Map(),
      neighDev: new Map(),
      ipv4: new Map(),
    };
  }

  /** how traces and probes name it */
  get label(): string {
    return this.name ?? 'root';
  }

  dev(name: string): Device | undefined {
    return this.devices.get(name);
  }

  /** devices in ifindex order, as `ip link` lists them */
  deviceList(): Device[] {
    return [...this.devices.values()].sort((a, b) => a.ifindex - b.ifindex);
  }

  loopback(): Device {
    for (const d of this.devices.values()) if (d.kind === 'loopback') return d;
    throw new Error('namespace without loopback');
  }

  /** the address belongs to this namespace (weak host model: any device) */
  isLocalAddr(ip: Ipv4): boolean {
    const r = this.fib.lookup(ip);
    return r !== null && r.type === 'local';
  }

  /** IN_DEV_FORWARD: forwarding is a property of the device a packet comes in by */
  forwarding(dev: Device): boolean {
    return (this.sysctl.forwardingDev.get(dev.id) ?? (this.sysctl.ipForward ? 1 : 0)) !== 0;
  }

  /** a conf key as the kernel reads it for a device: all and the device's own, OR-ed (or max) */
  conf(dev: Device | null, key: string): number {
    const s = this.sysctl;
    const all = s.confAll.get(key) ?? CONF_ALL_DEFAULTS[key] ?? CONF_DEFAULTS[key] ?? 0;
    if (!dev) return all;
    const own = s.confDev.get(dev.id)?.get(key) ?? CONF_DEFAULTS[key] ?? 0;
    return CONF_MAX.has(key) ? Math.max(all, own) : all || own ? 1 : 0;
  }

  /** IN_DEV_ANDCONF: both all and the device's own must be set */
  confAnd(dev: Device, key: string): boolean {
    const s = this.sysctl;
    const all = s.confAll.get(key) ?? CONF_ALL_DEFAULTS[key] ?? CONF_DEFAULTS[key] ?? 0;
    const own = s.confDev.get(dev.id)?.get(key) ?? CONF_DEFAULTS[key] ?? 0;
    return all !== 0 && own !== 0;
  }

  /** the gateway a unicast route leads to for `dst`, a redirect's exception first (rt_nexthop) */
  nexthopFor(r: Route, dst: Ipv4): Ipv4 {
    if (!this.hasFnhe) return this.gatewayOf(r) ?? dst;
    return this.fnhe.get(r)?.get(dst) ?? this.gatewayOf(r) ?? dst;
  }

  /**
   * The gateway a route's nexthop uses: a gateway that is one of this namespace's own
   * addresses gives the nexthop host scope, and rt_set_nexthop then sends straight to the
   * destination (`ip route get` prints no `via`).
   */
  gatewayOf(r: Route): Ipv4 | null {
    return r.gw !== null && this.isLocalAddr(r.gw) ? null : r.gw;
  }

  /** a net.ipv4 scalar */
  ipv4(key: string): number {
    return this.sysctl.ipv4.get(key) ?? IPV4_KEYS[key]?.init ?? 0;
  }

  /** the TTL of what this namespace sends itself (net.ipv4.ip_default_ttl) */
  defaultTtl(): number {
    return this.sysctl.ipv4.size === 0 ? 64 : this.ipv4('ip_default_ttl');
  }

  rpFilterFor(dev: Device): number {
    return Math.max(this.sysctl.rpFilterAll, this.sysctl.rpFilterDev.get(dev.id) ?? this.sysctl.rpFilterDefault);
  }
}
