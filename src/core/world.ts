// The world: every namespace, every device, the packet queue and the clock. Structural changes
// (devices, addresses, link state) live here because they ripple across namespaces (a veth's
// carrier follows its peer, deleting a parent deletes its macvlans, moving a device flushes it).

import { igmpReportsSent } from './ip/snmp-mib.ts';
import { broadcastOf, ipMcMac, networkOf, type Ipv4, type Mac } from './addr.ts';
import type { TapHub } from './capture/tap.ts';
import { Clock } from './clock.ts';
import { nudTimers } from './ip/nud.ts';
import { KernelLog } from './kmsg.ts';
import {
  Device,
  type DevKind,
  type IfAddr,
  ifaPrefix,
  MC_IPV4_ALL_HOSTS,
  MC_IPV4_ALL_SNOOPERS,
  MC_IPV6_ALL_NODES,
  MC_IPV6_ALL_SNOOPERS,
} from './device.ts';
import { RT_TABLE_LOCAL, RT_TABLE_MAIN } from './ip/fib.ts';
import { findL2Loop } from './link/loops.ts';
import { countCarrierChanges } from './link/stats.ts';
import { expireTimeWait } from './ip/tcp-sock.ts';
import { Netns } from './netns.ts';
import type { TraceEvent, TraceSink } from './trace.ts';

/** a deterministic source of MAC addresses and ephemeral ports, seeded by the host */
export class Rng {
  private s: number;
  constructor(seed = 0x2545f491) {
    this.s = seed >>> 0 || 1;
  }
  next(): number {
    // xorshift32
    let x = this.s;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.s = x;
    return x;
  }
}

/** a lab's size limits: past them a command is refused up front, with the limit named */
export const MAX_NAMESPACES = 4096;
export const MAX_DEVICES = 16384;

/** frames a single probe may move before the simulator calls it a storm */
export const DEFAULT_HOP_BUDGET = 10_000;

export interface WorldOptions {
  readonly clock?: Clock;
  readonly seed?: number;
}

export class World {
  readonly clock: Clock;
  readonly rng: Rng;
  /** the neighbour timers' draws (reachable_time), apart so they move no other random choice */
  readonly nudRng: Rng;
  readonly root: Netns;
  readonly named = new Map<string, Netns>();
  /**
   * names in /run/netns that hold no namespace: `ip netns add` run inside `ip netns exec`
   * mounts the namespace only in that command's own mount namespace, and leaves an empty file
   */
  readonly unmounted = new Set<string>();
  /** the files of /etc that programs here read (resolv.conf), by path; the mount namespace every netns shares */
  readonly etc = new Map<string, string>();
  /** the kernel's log buffer (printk), one for the machine: dmesg and journalctl -k read it */
  readonly kmsg = new KernelLog();
  /**
   * net.netfilter.nf_log_all_netns, a key only the first (root) namespace has: 0 keeps LOG
   * silent in every other namespace (nf_log_allowed)
   */
  nfLogAllNetns = false;
  /** counts the probes' runs (beginRun): what one packet's journey noted can be told from an earlier one's */
  runs = 0;
  private nextDevId = 1;
  private queue: Array<() => void> = [];
  private qHead = 0;
  private sinks: TraceSink[] = [];
  /** frames moved in the current run, and the cap */
  hops = 0;
  /** open packet captures (capture/tap.ts); null until the first one opens */
  taps: TapHub | null = null;
  hopBudget = DEFAULT_HOP_BUDGET;
  stormed = false;
  /** the client address the last HTTP server to answer saw (after any NAT): its request log's first field */
  servedClient: string | null = null;
  /** the loop the last storm circulated in */
  lastStorm: string[] | null = null;
  /** the last devices a frame crossed, to name a storm's loop */
  private recentPath: string[] = [];

  constructor(opts: WorldOptions = {}) {
    this.clock = opts.clock ?? new Clock();
    this.rng = new Rng(opts.seed);
    this.nudRng = new Rng((opts.seed ?? 0x2545f491) ^ 0x9e3779b9);
    this.root = this.makeNs(null);
    // the recorder brings the host namespace's lo up before the scenario starts
    this.setUp(this.root.loopback());
  }

  // ---- namespaces -------------------------------------------------------------------------

  private makeNs(name: string | null): Netns {
    const ns = new Netns(this, name);
    const lo = this.createDevice(ns, 'lo', 'loopback', 0);
    lo.mtu = 65536;
    return ns;
  }

  addNetns(name: string): Netns {
    const ns = this.makeNs(name);
    this.named.set(name, ns);
    this.nsCache = null;
    return ns;
  }

  /** the namespace by name; "root" is never a name lookup (a namespace may be called root) */
  ns(name: string): Netns | undefined {
    return this.named.get(name);
  }

  private nsCache: Netns[] | null = null;

  allNs(): Netns[] {
    return (this.nsCache ??= [this.root, ...this.named.values()]);
  }

  /** namespaces with packets waiting for an ARP answer */
  readonly arpPending = new Set<Netns>();

  /** ip netns del: virtual devices inside are destroyed (a veth takes its peer with it) */
  delNetns(name: string): void {
    const ns = this.named.get(name);
    if (!ns) return;
    for (const d of ns.deviceList()) if (d.kind !== 'loopback') this.deleteDevice(d);
    // a VXLAN device whose underlay namespace goes loses its socket: the kernel deletes it
    for (const d of [...this.vxlans]) if (d.vxlan?.underlay === ns) this.deleteDevice(d);
    this.deviceCount--;
    this.named.delete(name);
    this.nsCache = null;
    this.arpPending.delete(ns);
  }

  // ---- devices ----------------------------------------------------------------------------

  randomMac(): Mac {
    const hi = (this.next16() & 0xfeff) | 0x0200; // unicast, locally administered
    return hi * 2 ** 32 + ((this.rng.next() >>> 0) % 2 ** 32);
  }

  private next16(): number {
    return this.rng.next() >>> 16;
  }

  /** an ephemeral port (32768..60999), as the kernel picks for connect() */
  ephemeralPort(): number {
    return 32768 + (this.rng.next() % (60999 - 32768 + 1));
  }

  /** the number of devices in every namespace */
  deviceCount = 0;
  /** VXLAN devices, whose UDP sockets live in their underlay namespace */
  readonly vxlans = new Set<Device>();

  /** throws RangeError when adding this many namespaces and devices would pass the limits */
  ensureRoom(namespaces: number, devices: number): void {
    if (this.named.size + 1 + namespaces > MAX_NAMESPACES) {
      throw new RangeError(`this lab holds at most ${MAX_NAMESPACES.toLocaleString('en-US')} namespaces`);
    }
    if (this.deviceCount + devices + namespaces > MAX_DEVICES) {
      throw new RangeError(`this lab holds at most ${MAX_DEVICES.toLocaleString('en-US')} network devices`);
    }
  }

  createDevice(ns: Netns, name: string, kind: DevKind, mac: Mac): Device {
    this.deviceCount++;
    const dev = new Device(this.nextDevId++, ns.nextIfindex++, name, kind, ns, mac, 1500);
    ns.devices.set(name, dev);
    this.devconfInit(ns, dev);
    // br_dev_newlink: the bridge's own (random) address is a local entry of its FDB from the start
    if (kind === 'bridge') {
      dev.fdb.set(mac, { port: dev, local: true, updated: this.clock.now() });
      dev.tsoMaxSize = 65536;
    }
    return dev;
  }

  /** inetdev_init: a device's conf starts as a copy of the namespace's conf.default */
  private devconfInit(ns: Netns, dev: Device): void {
    const s = ns.sysctl;
    s.rpFilterDev.set(dev.id, s.rpFilterDefault);
    if (s.forwardingDefault !== null && s.forwardingDefault !== (s.ipForward ? 1 : 0)) s.forwardingDev.set(dev.id, s.forwardingDefault);
    if (s.confDefault.size) s.confDev.set(dev.id, new Map(s.confDefault));
  }

  private devconfDrop(ns: Netns, dev: Device): void {
    ns.sysctl.rpFilterDev.delete(dev.id);
    ns.sysctl.forwardingDev.delete(dev.id);
    ns.sysctl.confDev.delete(dev.id);
    ns.sysctl.neighDev.delete(dev.id);
  }

  allDevices(): Device[] {
    return this.allNs().flatMap((n) => [...n.devices.values()]);
  }

  portsOf(bridge: Device): Device[] {
    return bridge.ports;
  }

  /** macvlan / ipvlan devices whose parent is `lower`, in creation order */
  childrenOf(lower: Device): Device[] {
    return lower.uppers;
  }

  /** a macvlan / ipvlan device stacked on its parent */
  stack(upper: Device, lower: Device): void {
    upper.lower = lower;
    lower.uppers.push(upper);
  }

  deleteDevice(dev: Device): void {
    if (!dev.ns.devices.has(dev.name) || dev.ns.devices.get(dev.name) !== dev) return;
    this.setDown(dev);
    // NETDEV_UNREGISTER: every route through the device goes, its own addresses' too
    dev.ns.fib.remove((r) => r.dev === dev);
    this.deviceCount--;
    this.vxlans.delete(dev);
    dev.ns.devices.delete(dev.name);
    this.devconfDrop(dev.ns, dev);
    dev.addrs = [];
    if (dev.master) this.release(dev);
    if (dev.kind === 'bridge') for (const p of [...dev.ports]) this.release(p);
    for (const child of [...dev.uppers]) this.deleteDevice(child);
    if (dev.lower) {
      const lower = dev.lower;
      lower.uppers = lower.uppers.filter((u) => u !== dev);
    }
    const peer = dev.peer;
    if (peer) {
      dev.peer = null;
      peer.peer = null;
      this.deleteDevice(peer);
    }
    this.carrierChanged();
  }

  /**
   * br_stp_recalculate_bridge_id: a bridge whose address nobody set takes the lowest address
   * among its ports.
   */
  recalcBridgeMac(br: Device): void {
    if (br.macSet) return;
    if (br.ports.length === 0) {
      // no port left: br_stp_change_bridge_id gives the id and the device the zero address,
      // when the id had one from a port (261-bridge-carrier-ports.sh)
      if (br.bridgeId === 0) return;
      br.bridgeId = 0;
      const own = br.fdb.get(br.mac);
      if (own && own.port === br) br.fdb.delete(br.mac);
      br.mac = 0;
      return;
    }
    let low = br.ports[0]!.mac;
    for (const p of br.ports) if (p.mac < low) low = p.mac;
    br.bridgeId = low;
    if (low === br.mac) return;
    const own = br.fdb.get(br.mac);
    if (own && own.port === br) br.fdb.delete(br.mac);
    br.mac = low;
    if (!br.fdb.has(low)) br.fdb.set(low, { port: br, local: true, updated: this.clock.now() });
  }

  /** ip link set DEV master BR */
  enslave(dev: Device, br: Device): void {
    if (dev.master) this.release(dev);
    dev.master = br;
    dev.hairpin = false;
    br.ports.push(dev);
    br.hadPort = true;
    // br_set_gso_limits: the smallest of the ports' limits, TSO_MAX_SIZE with none
    br.tsoMaxSize = Math.min(524280, ...br.ports.map((p) => p.tsoMaxSize));
    // the port's own address is a local FDB entry of the bridge
    br.fdb.set(dev.mac, { port: dev, local: true, updated: this.clock.now() });
    if (!br.fdb.has(br.mac)) br.fdb.set(br.mac, { port: br, local: true, updated: this.clock.now() });
    this.recalcBridgeMac(br);
    this.recalcBridgeMtu(br);
  }

  /** br_mtu_auto_adjust: a bridge whose MTU nobody set takes the smallest of its ports' */
  recalcBridgeMtu(br: Device): void {
    if (br.mtuSet || !br.ports.length) return;
    br.mtu = Math.min(...br.ports.map((p) => p.mtu));
  }

  release(dev: Device): void {
    const br = dev.master;
    if (!br) return;
    dev.master = null;
    dev.hairpin = false;
    br.ports = br.ports.filter((p) => p !== dev);
    br.tsoMaxSize = Math.min(524280, ...br.ports.map((p) => p.tsoMaxSize));
    for (const [mac, e] of br.fdb) if (e.port === dev) br.fdb.delete(mac);
    if (!br.fdb.has(br.mac)) br.fdb.set(br.mac, { port: br, local: true, updated: this.clock.now() });
    this.recalcBridgeMac(br);
    this.recalcBridgeMtu(br);
  }

  /** ip link set DEV netns NS: the device arrives down and without addresses */
  moveDevice(dev: Device, to: Netns): void {
    const from = dev.ns;
    // dev_change_net_namespace names the new namespace by an id of the old one's (IFLA_NEW_NETNSID)
    from.peerId(to);
    this.setDown(dev);
    from.fib.remove((r) => r.dev === dev);
    if (dev.master) this.release(dev);
    if (dev.kind === 'bridge') for (const p of [...dev.ports]) this.release(p);
    dev.addrs = [];
    from.devices.delete(dev.name);
    this.devconfDrop(from, dev);
    from.neigh = from.neigh.filter((n) => n.dev !== dev);
    let idx = dev.ifindex;
    if ([...to.devices.values()].some((d) => d.ifindex === idx)) idx = to.nextIfindex++;
    else to.nextIfindex = Math.max(to.nextIfindex, idx + 1);
    dev.ifindex = idx;
    dev.ns = to;
    // registered anew there: IPv6 attaches again and joins ff02::1; its qdisc is gone
    dev.mc = [MC_IPV6_ALL_NODES];
    dev.everUp = false;
    to.devices.set(dev.name, dev);
    this.devconfInit(to, dev);
    // its RTM_NEWLINK there names the namespace of the device it is linked to by an id
    const link = dev.peer ?? dev.lower;
    if (link && link.ns !== to) to.peerId(link.ns);
  }

  rename(dev: Device, name: string): void {
    dev.ns.devices.delete(dev.name);
    dev.name = name;
    dev.ns.devices.set(name, dev);
  }

  // ---- link state and the routes that follow it ------------------------------------------

  /**
   * br_port_carrier_check / br_stp_disable_bridge: a port's link (or its bridge) going up or
   * down puts the port back under the bridge's own state machine, forgetting a state set by hand
   */
  private resetPortStates(dev: Device): void {
    dev.portStateSet = null;
    if (dev.peer) dev.peer.portStateSet = null;
    for (const p of dev.ports) p.portStateSet = null;
  }

  setUp(dev: Device): void {
    if (dev.up) return;
    dev.up = true;
    dev.everUp = true;
    this.resetPortStates(dev);
    if (dev.kind === 'loopback' && !dev.addrs.some((a) => a.addr === 0x7f000001)) {
      // the kernel gives lo 127.0.0.1/8 the first time it comes up
      dev.addrs.unshift({ addr: 0x7f000001, plen: 8, secondary: false });
    }
    for (const a of dev.addrs) this.addAddrRoutes(dev, a.addr, a.plen, a.secondary, a);
    if (dev.kind === 'bridge' && !dev.fdb.has(dev.mac)) dev.fdb.set(dev.mac, { port: dev, local: true, updated: this.clock.now() });
    // br_multicast_open joins the all-snoopers groups (ndo_open), then NETDEV_UP: ip_mc_up joins
    // 224.0.0.1; with IPv6 disabled, ipv6_mc_up does not run and ff02::1 stays as it was
    if (dev.kind === 'bridge') {
      dev.mc.push(MC_IPV4_ALL_SNOOPERS, MC_IPV6_ALL_SNOOPERS);
      // joining 224.0.0.106 sends IGMPv3 reports, robustness (2) of them, 40 bytes each, from
      // 0.0.0.0 to 224.0.0.22: the lab counts them (IP OutRequests, IpExt OutMcastPkts) but
      // does not put them on the wire
      igmpReportsSent(dev.ns.mib, 2);
    }
    if (dev.kind !== 'loopback') dev.mc.push(MC_IPV4_ALL_HOSTS);
    // ip_mc_up: the groups still joined on the device take their filters again
    for (const g of dev.mcGroups) if (!dev.mc.includes(ipMcMac(g))) dev.mc.push(ipMcMac(g));
    // vxlan_open: a VXLAN with a group joins it on its underlay device (vxlan_igmp_join)
    const vx = dev.vxlan;
    if (vx?.group && vx.dev) this.mcJoin(vx.dev, vx.group);
    this.carrierChanged();
  }

  setDown(dev: Device): void {
    if (!dev.up) return;
    dev.up = false;
    // br_multicast_stop, ip_mc_down and ipv6_mc_down leave every group
    dev.mc = [];
    if (dev.vxlan?.group && dev.vxlan.dev) this.mcLeave(dev.vxlan.dev, dev.vxlan.group);
    this.resetPortStates(dev);
    // NETDEV_DOWN: every route through the device dies, static ones included; host-scope
    // routes (the local table's own addresses) have no nexthop to kill and stay
    dev.ns.fib.remove((r) => r.dev === dev && r.scope !== 'host');
    dev.ns.neigh = dev.ns.neigh.filter((n) => n.dev !== dev);
    if (dev.master) {
      for (const [mac, e] of dev.master.fdb) if (e.port === dev && !e.local && !e.static) dev.master.fdb.delete(mac);
    }
    if (dev.kind === 'bridge') for (const [mac, e] of dev.fdb) if (!e.local && !e.static) dev.fdb.delete(mac);
    // vxlan_stop: what was learnt goes, what was set by hand stays
    if (dev.vxlan) for (const [mac, e] of dev.vxlan.fdb) if (e.state === 'dynamic') dev.vxlan.fdb.delete(mac);
    this.carrierChanged();
  }

  /** ip_mc_inc_group: join an IPv4 group on dev (its MAC filter while the device is up) */
  mcJoin(dev: Device, group: Ipv4): void {
    dev.mcGroups.push(group);
    if (dev.up && !dev.mc.includes(ipMcMac(group))) dev.mc.push(ipMcMac(group));
  }

  /** ip_mc_dec_group: leave it once; the filter goes with the last member */
  mcLeave(dev: Device, group: Ipv4): void {
    const i = dev.mcGroups.indexOf(group);
    if (i < 0) return;
    dev.mcGroups.splice(i, 1);
    if (!dev.mcGroups.includes(group)) dev.mc = dev.mc.filter((m) => m !== ipMcMac(group));
  }

  /** carrier is computed on demand; this hook exists so hosts can observe link changes */
  carrierChanged(): void {
    this.linkGeneration++;
  }
  linkGeneration = 0;
  /** a device refused a frame for its size in the xmit just made (ENOBUFS to a local sender) */
  xmitNobufs = false;
  /** bumped by every accepted command that may change the topology: a cheap "did it change?" */
  generation = 0;
  /** ip_vs is loaded (ipvsadm used it somewhere): the kernel then has the `ipvs` match too */
  ipvsLoaded = false;

  /** the routes the kernel adds for an address (fib_add_ifaddr) */
  addAddrRoutes(dev: Device, addr: Ipv4, plen: number, secondary: boolean, ifa0?: IfAddr): void {
    const fib = dev.ns.fib;
    const ifa = ifa0 ?? dev.addrs.find((a) => a.addr === addr && a.plen === plen);
    // the prefix is the peer's for a point-to-point address
    const pfx = ifa ? ifaPrefix(ifa) : addr;
    const prim = secondary
      ? (dev.addrs.find((a) => !a.secondary && networkOf(ifaPrefix(a), a.plen) === networkOf(pfx, plen) && a.plen === plen)?.addr ?? addr)
      : addr;
    if (!fib.routes.some((r) => r.table === RT_TABLE_LOCAL && r.dst === addr && r.plen === 32 && r.type === 'local')) {
      // fib_magic(RTN_LOCAL, addr, 32, prim): a secondary's local route prefers the primary
      fib.add({
        table: RT_TABLE_LOCAL,
        type: 'local',
        dst: addr,
        plen: 32,
        gw: null,
        dev,
        src: prim,
        metric: 0,
        proto: 'kernel',
        scope: 'host',
      });
    }
    if (!dev.up) return;
    // fib_add_ifaddr: a broadcast address given explicitly (brd) is a broadcast route of its own
    const brd = ifa?.brd;
    if (
      brd !== undefined &&
      brd !== 0 &&
      brd !== 0xffffffff &&
      !fib.routes.some((r) => r.table === RT_TABLE_LOCAL && r.dst === brd && r.plen === 32 && r.dev === dev)
    ) {
      fib.add({
        table: RT_TABLE_LOCAL,
        type: 'broadcast',
        dst: brd,
        plen: 32,
        gw: null,
        dev,
        src: prim,
        metric: 0,
        proto: 'kernel',
        scope: 'link',
      });
    }
    if (plen < 31) {
      const b = broadcastOf(pfx, plen);
      if (!fib.routes.some((r) => r.table === RT_TABLE_LOCAL && r.dst === b && r.plen === 32 && r.dev === dev)) {
        fib.add({
          table: RT_TABLE_LOCAL,
          type: 'broadcast',
          dst: b,
          plen: 32,
          gw: null,
          dev,
          src: prim,
          metric: 0,
          proto: 'kernel',
          scope: 'link',
        });
      }
    }
    if (!secondary && (plen < 32 || pfx !== addr) && !ifa?.noprefixroute) {
      const net = networkOf(pfx, plen);
      if (dev.kind === 'loopback') {
        if (!fib.routes.some((r) => r.table === RT_TABLE_LOCAL && r.dst === net && r.plen === plen && r.dev === dev)) {
          fib.add({
            table: RT_TABLE_LOCAL,
            type: 'local',
            dst: net,
            plen,
            gw: null,
            dev,
            src: addr,
            metric: 0,
            proto: 'kernel',
            scope: 'host',
          });
        }
      } else if (
        !fib.routes.some((r) => r.table === RT_TABLE_MAIN && r.dst === net && r.plen === plen && r.dev === dev && r.proto === 'kernel')
      ) {
        fib.add({
          table: RT_TABLE_MAIN,
          type: 'unicast',
          dst: net,
          plen,
          gw: null,
          dev,
          src: addr,
          metric: ifa?.metric ?? 0,
          proto: 'kernel',
          scope: 'link',
        });
      }
    }
  }

  /**
   * __inet_del_ifa with promote_secondaries: the primary goes, `next` (its subnet's first
   * secondary) becomes the primary, placed after the last primary, and the routes that named
   * the old primary as their source are made again from the new one (fib_del_ifaddr, then
   * fib_add_ifaddr for the promoted and for each secondary left).
   */
  promoteSecondary(dev: Device, primary: IfAddr, next: IfAddr): void {
    const rest = dev.addrs.filter((a) => a !== primary && a !== next);
    const promoted: IfAddr = { ...next, secondary: false };
    let at = 0;
    for (let i = 0; i < rest.length; i++) if (!rest[i]!.secondary) at = i + 1;
    rest.splice(at, 0, promoted);
    dev.addrs = rest;
    const fib = dev.ns.fib;
    const stillLocal = dev.ns.deviceList().some((d) => d.addrs.some((a) => a.addr === primary.addr));
    fib.remove(
      (r) =>
        r.proto === 'kernel' &&
        (r.src === primary.addr ||
          (!stillLocal && r.table === RT_TABLE_LOCAL && r.type === 'local' && r.dst === primary.addr && r.plen === 32)),
    );
    fib.remove((r) => r.src === primary.addr && r.proto !== 'kernel');
    this.addAddrRoutes(dev, promoted.addr, promoted.plen, false, promoted);
    const net = networkOf(ifaPrefix(promoted), promoted.plen);
    for (const a of dev.addrs)
      if (a.secondary && a.plen === promoted.plen && networkOf(ifaPrefix(a), a.plen) === net)
        this.addAddrRoutes(dev, a.addr, a.plen, true, a);
  }

  /** fib_del_ifaddr: the address's routes go, unless another address still needs them */
  delAddrRoutes(dev: Device, addr: Ipv4, plen: number, peer?: Ipv4, brd?: Ipv4): void {
    const fib = dev.ns.fib;
    // an explicit broadcast goes with the last address of the device that names it
    if (brd !== undefined && !dev.addrs.some((a) => a.brd === brd || (a.plen < 31 && broadcastOf(a.addr, a.plen) === brd)))
      fib.remove((r) => r.dev === dev && r.type === 'broadcast' && r.dst === brd);
    const stillLocal = dev.ns.deviceList().some((d) => d.addrs.some((a) => a.addr === addr));
    if (!stillLocal) fib.remove((r) => r.table === RT_TABLE_LOCAL && r.type === 'local' && r.dst === addr && r.plen === 32);
    const pfx = peer ?? addr;
    const net = networkOf(pfx, plen);
    const sameNet = dev.addrs.some((a) => a.plen === plen && networkOf(ifaPrefix(a), a.plen) === net);
    if (!sameNet) {
      fib.remove((r) => r.dev === dev && r.proto === 'kernel' && r.dst === net && r.plen === plen);
      fib.remove((r) => r.dev === dev && r.type === 'broadcast' && r.dst === broadcastOf(pfx, plen));
    }
    // routes whose gateway is no longer reachable on-link are flushed (fib_sync_down_addr)
    fib.remove((r) => r.src === addr && r.proto !== 'kernel');
  }

  // ---- the packet queue ---------------------------------------------------------------------

  onTrace(sink: TraceSink): () => void {
    this.sinks.push(sink);
    return () => {
      this.sinks = this.sinks.filter((s) => s !== sink);
    };
  }

  tracing(): boolean {
    return this.sinks.length > 0;
  }

  emit(e: TraceEvent): void {
    for (const s of this.sinks) s(e);
  }

  /** schedule work (a frame arriving somewhere); runs in FIFO order */
  defer(task: () => void): void {
    this.queue.push(task);
  }

  /** count one frame crossing a device; false once the probe's budget is spent (a storm) */
  hop(where: string): boolean {
    this.hops++;
    this.recentPath.push(where);
    if (this.recentPath.length > 64) this.recentPath.shift();
    if (this.hops > this.hopBudget) {
      if (!this.stormed) {
        this.stormed = true;
        this.lastStorm = findL2Loop(this) ?? this.loopPath();
        this.emit({ type: 'storm', t: this.clock.now(), ns: '', path: this.lastStorm });
      }
      return false;
    }
    return true;
  }

  /** the shortest repeating cycle among the last devices crossed */
  loopPath(): string[] {
    const p = this.recentPath;
    for (let len = 2; len <= p.length / 2; len++) {
      let ok = true;
      for (let i = p.length - len; i < p.length; i++)
        if (p[i] !== p[i - len]) {
          ok = false;
          break;
        }
      if (ok) return p.slice(p.length - len);
    }
    return p.slice(-8);
  }

  /** what processes do next, once the frames in flight have settled */
  private processes: Array<() => void> = [];

  /**
   * work a process does after the packets that woke it (a server closing its connection once
   * it has written its answer): it runs when the queued frames have all been handled, as a
   * process runs after the softirqs that are already moving packets
   */
  afterSettle(task: () => void): void {
    this.processes.push(task);
  }

  /** run queued work until nothing is left (or the hop budget is spent) */
  run(): void {
    for (;;) {
      while (this.qHead < this.queue.length) {
        const task = this.queue[this.qHead++]!;
        if (this.stormed) continue;
        task();
        if (this.qHead > 4096 && this.qHead * 2 > this.queue.length) {
          this.queue = this.queue.slice(this.qHead);
          this.qHead = 0;
        }
      }
      this.queue = [];
      this.qHead = 0;
      const next = this.processes.shift();
      if (!next) break;
      if (!this.stormed) next();
    }
  }

  /** start a new probe: fresh budget */
  beginRun(budget = DEFAULT_HOP_BUDGET): void {
    this.runs++;
    this.hops = 0;
    this.hopBudget = budget;
    this.stormed = false;
    this.lastStorm = null;
    this.recentPath = [];
  }

  /** what the kernel's timers did by now: conntrack entries expire, neighbour states move on */
  expireState(): void {
    const now = this.clock.now();
    for (const n of this.allNs()) {
      n.conntrack.expire(now);
      expireTimeWait(n, now);
      countCarrierChanges(n.devices.values());
    }
    nudTimers(this);
  }
}
