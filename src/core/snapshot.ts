// A plain-data picture of the world for the browser (it crosses the worker boundary) and for
// tests that compare the world before and after a refused command.

import { formatIpv4, formatMac } from './addr.ts';
import type { Device } from './device.ts';
import { type FibRule, tableName } from './ip/fib.ts';
import { formatRuleSpec } from './netfilter/format.ts';
import { notSimulated, type Table, type TableName } from './netfilter/rule.ts';
import type { Netns } from './netns.ts';
import type { World } from './world.ts';

export interface DeviceSnapshot {
  readonly id: number;
  readonly ifindex: number;
  readonly name: string;
  readonly kind: Device['kind'];
  readonly mac: string;
  readonly mtu: number;
  readonly up: boolean;
  readonly carrier: boolean;
  readonly promisc: boolean;
  /** `arp off` (IFF_NOARP set by hand) */
  readonly arpOff: boolean;
  /** txqueuelen */
  readonly txqlen: number;
  /** "10.0.0.1/24" */
  readonly addrs: readonly string[];
  /** per address, the options beyond it that `ip addr add` takes again (" metric 50 noprefixroute"), else "" */
  readonly addrOpts?: readonly string[];
  /** the bridge this device is a port of (same namespace) */
  readonly master: string | null;
  readonly hairpin: boolean;
  /** as a bridge port: the flags `bridge link set` changes, and a state set by hand */
  readonly learning: boolean;
  readonly flood: boolean;
  readonly isolated: boolean;
  readonly portStateSet: string | null;
  /** a bridge: stp_state */
  readonly stpState: number;
  /** veth: the other end */
  readonly peer: { readonly ns: string; readonly name: string; readonly id: number } | null;
  /** macvlan / ipvlan: the parent */
  readonly lower: { readonly ns: string; readonly name: string; readonly id: number } | null;
  readonly mode: string | null;
  readonly vxlan: {
    readonly vni: number;
    readonly dstport: number;
    readonly remote: string | null;
    readonly group: string | null;
    readonly local: string | null;
    readonly dev: string | null;
    readonly underlay: string;
    readonly learning: boolean;
    readonly proxy: boolean;
    readonly l2miss: boolean;
    readonly l3miss: boolean;
    readonly ttl: number | 'inherit';
  } | null;
  /** the address was set by hand (`ip link set … address`) */
  readonly macSet: boolean;
  /** FDB entries made by hand for this device (`bridge fdb add|append`): a VXLAN's remotes, a port's static entries */
  readonly fdb: readonly HandFdb[];
}

export interface HandFdb {
  readonly mac: string;
  /** VXLAN: the remote VTEP */
  readonly dst: string | null;
  readonly state: 'permanent' | 'static';
  /** an entry of the bridge this device is a port of (`master`), else the device's own (`self`) */
  readonly master: boolean;
}

type FdbEntry = Device['fdb'] extends Map<number, infer E> ? E : never;

/** one bridge's forwarding entries grouped by port, in table order: read once per snapshot, not once per port */
let byPortCache = new WeakMap<Device, Map<Device, Array<[number, FdbEntry]>>>();
function entriesByPort(br: Device): Map<Device, Array<[number, FdbEntry]>> {
  let m = byPortCache.get(br);
  if (!m) {
    m = new Map();
    for (const [mac, e] of br.fdb) {
      let l = m.get(e.port);
      if (!l) m.set(e.port, (l = []));
      l.push([mac, e]);
    }
    byPortCache.set(br, m);
  }
  return m;
}

function handFdb(d: Device): HandFdb[] {
  const out: HandFdb[] = [];
  const vx = d.vxlan;
  if (vx) {
    for (const [mac, e] of vx.fdb) {
      if (e.state === 'dynamic') continue;
      e.dsts.forEach((dst, i) => {
        // the default entry's first remote is the device's `remote`
        if (mac === 0 && i === 0 && (dst === vx.remote || dst === vx.group)) return;
        out.push({ mac: formatMac(mac), dst: formatIpv4(dst), state: e.state as 'permanent' | 'static', master: false });
      });
    }
  }
  const br = d.master;
  if (br) {
    for (const [mac, e] of entriesByPort(br).get(d) ?? []) {
      if (e.static || (e.local && mac !== d.mac))
        out.push({ mac: formatMac(mac), dst: null, state: e.static ? 'static' : 'permanent', master: true });
    }
  }
  for (const mac of d.selfFdb) out.push({ mac: formatMac(mac), dst: null, state: 'permanent', master: false });
  return out;
}

export interface RouteSnapshot {
  /** main, local, default or the table's number */
  readonly table: string;
  readonly type: string;
  readonly dst: string;
  readonly gw: string | null;
  readonly dev: string | null;
  readonly src: string | null;
  readonly metric: number;
  readonly proto: string;
  readonly scope: string;
  readonly onlink: boolean;
  /** RTAX_MTU as `ip route … mtu` takes it: "1400" or "lock 1400" */
  readonly mtu?: string;
}

export interface NetnsSnapshot {
  /** "root" for the host namespace */
  readonly name: string;
  readonly root: boolean;
  readonly devices: readonly DeviceSnapshot[];
  readonly routes: readonly RouteSnapshot[];
  /** the policy rules as `ip rule add` arguments, preference first (`pref 0 lookup local`, …) */
  readonly rules: readonly string[];
  readonly sysctl: {
    readonly ipForward: boolean;
    readonly rpFilterAll: number;
    readonly rpFilterDefault: number;
    readonly rpFilter: Readonly<Record<string, number>>;
    readonly bridgeNfCallIptables: boolean;
    /** net.ipv4.conf.{all,default,DEV}.KEY values written (other than forwarding and rp_filter) */
    readonly conf: Readonly<Record<string, Readonly<Record<string, number>>>>;
    /** net.ipv4.conf.{default,DEV}.forwarding where it differs from ip_forward */
    readonly forwarding: Readonly<Record<string, number>>;
    /** net.ipv4.neigh.DEV.KEY values written, per device name */
    readonly neigh: Readonly<Record<string, Readonly<Record<string, number>>>>;
  };
  /** per table: chain policies (null for user chains) and rules as `iptables -S` prints them */
  readonly iptables: Readonly<
    Record<
      TableName,
      {
        readonly chains: ReadonlyArray<{
          readonly name: string;
          readonly policy: string | null;
          readonly rules: readonly string[];
          /** per rule, the extensions the lab parses and prints but does not simulate */
          readonly notSimulated: ReadonlyArray<readonly string[]>;
          readonly counters: ReadonlyArray<{ pkts: number; bytes: number }>;
        }>;
      }
    >
  >;
  /**
   * servers: the http.server's address and port; another server's command line as `cmd`; an
   * image's own server model (nginx, httpd) as `http`, which an exported script stands in for
   */
  readonly listeners: ReadonlyArray<{
    readonly addr: string;
    readonly port: number;
    readonly cmd?: string;
    readonly http?: 'nginx' | 'httpd';
  }>;
  readonly neigh: ReadonlyArray<{ readonly ip: string; readonly dev: string; readonly mac: string | null; readonly state: string }>;
  readonly conntrack: number;
}

export interface WorldSnapshot {
  readonly namespaces: readonly NetnsSnapshot[];
  /** names in /run/netns with no namespace mounted (made by `ip netns add` inside `ip netns exec`) */
  readonly unmounted?: readonly string[];
  /** the files of /etc the lab keeps (resolv.conf), by path */
  readonly etc?: Readonly<Record<string, string>>;
}

/** a word as a shell line needs it: quoted when it holds anything but plain characters */
function quoteArg(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

function devSnap(d: Device): DeviceSnapshot {
  const vx = d.vxlan;
  return {
    id: d.id,
    ifindex: d.ifindex,
    name: d.name,
    kind: d.kind,
    mac: formatMac(d.mac),
    mtu: d.mtu,
    up: d.up,
    carrier: d.carrier(),
    promisc: d.promisc,
    arpOff: d.arpOff,
    txqlen: d.txqlen,
    addrs: d.addrs.map((a) => `${formatIpv4(a.addr)}/${a.plen}`),
    addrOpts: d.addrs.map(
      (a) =>
        `${a.peer !== undefined ? ` peer ${formatIpv4(a.peer)}/${a.plen}` : ''}${a.metric ? ` metric ${a.metric}` : ''}${a.noprefixroute ? ' noprefixroute' : ''}${a.scope !== undefined ? ` scope ${a.scope}` : ''}`,
    ),
    master: d.master?.name ?? null,
    hairpin: d.hairpin,
    learning: d.learning,
    flood: d.flood,
    isolated: d.isolated,
    portStateSet: d.portStateSet,
    stpState: d.stpState,
    peer: d.peer ? { ns: d.peer.ns.label, name: d.peer.name, id: d.peer.id } : null,
    lower: d.lower ? { ns: d.lower.ns.label, name: d.lower.name, id: d.lower.id } : null,
    mode: d.kind === 'macvlan' ? d.macvlanMode : d.kind === 'ipvlan' ? d.ipvlanMode : null,
    vxlan: vx
      ? {
          vni: vx.vni,
          dstport: vx.dstport,
          remote: vx.remote === null ? null : formatIpv4(vx.remote),
          group: vx.group === null ? null : formatIpv4(vx.group),
          local: vx.local === null ? null : formatIpv4(vx.local),
          dev: vx.dev?.name ?? null,
          underlay: vx.underlay.label,
          learning: vx.learning,
          proxy: vx.proxy,
          l2miss: vx.l2miss,
          l3miss: vx.l3miss,
          ttl: vx.ttl,
        }
      : null,
    macSet: d.macSet,
    fdb: handFdb(d),
  };
}

function ruleArgs(r: FibRule): string {
  const pfx = (p: { addr: number; plen: number }) => `${formatIpv4(p.addr)}/${p.plen}`;
  const parts = [`pref ${r.pref}`];
  if (r.not) parts.push('not');
  if (r.src) parts.push(`from ${pfx(r.src)}`);
  if (r.dst) parts.push(`to ${pfx(r.dst)}`);
  if (r.fwmark) parts.push(`fwmark 0x${r.fwmark.mark.toString(16)}/0x${r.fwmark.mask.toString(16)}`);
  if (r.iif !== null) parts.push(`iif ${r.iif}`);
  if (r.oif !== null) parts.push(`oif ${r.oif}`);
  parts.push(r.action === 'lookup' ? `lookup ${tableName(r.table)}` : r.action);
  return parts.join(' ');
}

function confSnap(ns: Netns): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  const put = (which: string, m: ReadonlyMap<string, number> | undefined) => {
    if (m?.size) out[which] = Object.fromEntries(m);
  };
  put('all', ns.sysctl.confAll);
  put('default', ns.sysctl.confDefault);
  for (const d of ns.deviceList()) put(d.name, ns.sysctl.confDev.get(d.id));
  return out;
}

function nsSnap(ns: Netns): NetnsSnapshot {
  const rp: Record<string, number> = {};
  for (const d of ns.deviceList()) rp[d.name] = ns.sysctl.rpFilterDev.get(d.id) ?? 0;
  const table = (t: TableName) => {
    const tb = ns.tables[t];
    if (isPristine(tb)) return (pristine[t] ??= tableSnap(tb));
    return tableSnap(tb);
  };
  return {
    name: ns.label,
    root: ns.name === null,
    devices: ns.deviceList().map(devSnap),
    routes: ns.fib.routes.map((r) => ({
      table: tableName(r.table),
      type: r.type,
      dst: `${formatIpv4(r.dst)}/${r.plen}`,
      gw: r.gw === null ? null : formatIpv4(r.gw),
      dev: r.dev?.name ?? null,
      src: r.src === null ? null : formatIpv4(r.src),
      metric: r.metric,
      proto: r.proto,
      scope: r.scope,
      onlink: r.onlink === true,
      ...(r.mtu ? { mtu: `${r.mtuLock ? 'lock ' : ''}${r.mtu}` } : {}),
    })),
    rules: ns.fib.rules.map(ruleArgs),
    sysctl: {
      ipForward: ns.sysctl.ipForward,
      rpFilterAll: ns.sysctl.rpFilterAll,
      rpFilterDefault: ns.sysctl.rpFilterDefault,
      rpFilter: rp,
      bridgeNfCallIptables: ns.sysctl.bridgeNfCallIptables,
      conf: confSnap(ns),
      forwarding: Object.fromEntries([
        ...(ns.sysctl.forwardingDefault !== null ? [['default', ns.sysctl.forwardingDefault] as const] : []),
        ...ns
          .deviceList()
          .filter((d) => ns.sysctl.forwardingDev.has(d.id))
          .map((d) => [d.name, ns.sysctl.forwardingDev.get(d.id)!] as const),
      ]),
      neigh: Object.fromEntries(
        ns
          .deviceList()
          .filter((d) => ns.sysctl.neighDev.get(d.id)?.size)
          .map((d) => [d.name, Object.fromEntries(ns.sysctl.neighDev.get(d.id)!)]),
      ),
    },
    iptables: { filter: table('filter'), nat: table('nat'), mangle: table('mangle'), security: table('security'), raw: table('raw') },
    // servers the lab runs; a userland proxy and the embedded DNS are Docker's, made again by its docker command
    listeners: ns.listeners
      .filter((l) => !l.proxyTo && !l.dns?.answer)
      .map((l) => ({
        addr: formatIpv4(l.addr),
        port: l.port,
        ...(l.argv ? { cmd: l.argv.map(quoteArg).join(' ') } : {}),
        ...(l.http ? { http: l.http } : {}),
      })),
    neigh: ns.neigh.map((n) => ({ ip: formatIpv4(n.ip), dev: n.dev.name, mac: n.mac === null ? null : formatMac(n.mac), state: n.state })),
    conntrack: ns.conntrack.size,
  };
}

function tableSnap(tb: Table) {
  return {
    chains: [...tb.chains.values()].map((c) => ({
      name: c.name,
      policy: c.policy,
      rules: c.rules.map((r) => formatRuleSpec(r)),
      notSimulated: c.rules.map((r) => notSimulated(r)),
      counters: c.rules.map((r) => ({ pkts: r.pkts, bytes: r.bytes })),
    })),
  };
}

/** a table no command changed: its built-in chains, accepting, with no rule */
function isPristine(tb: Table): boolean {
  for (const c of tb.chains.values()) if (c.policy !== 'ACCEPT' || c.rules.length) return false;
  return true;
}

/**
 * One snapshot of each untouched table, shared by every namespace (read-only, as every
 * snapshot is): a message to the page clones a shared object once, so 4,000 fresh namespaces
 * cost one copy of their five tables, not 20,000.
 */
const pristine: Partial<Record<TableName, ReturnType<typeof tableSnap>>> = {};

export function snapshot(w: World): WorldSnapshot {
  byPortCache = new WeakMap(); // this snapshot reads the tables as they are now
  return {
    namespaces: w.allNs().map(nsSnap),
    ...(w.unmounted.size ? { unmounted: [...w.unmounted] } : {}),
    ...(w.etc.size ? { etc: Object.fromEntries(w.etc) } : {}),
  };
}

/** everything a command can change, as one string: equal strings mean an unchanged world */
export function fingerprint(w: World): string {
  const s = snapshot(w);
  return JSON.stringify({
    s,
    fdb: w
      .allDevices()
      .map((d) => [
        d.id,
        [...d.fdb.entries()].map(([m, e]) => [m, e.port.id, e.local, !!e.static]),
        d.vxlan ? [...d.vxlan.fdb.entries()] : null,
      ]),
    ct: w.allNs().map((n) => n.conntrack.entries.map((e) => [e.orig, e.reply, e.seenReply])),
  });
}
