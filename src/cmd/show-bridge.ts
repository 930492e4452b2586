// `bridge link` and `bridge fdb` as iproute2 6.1 prints them (bridge/link.c print_linkinfo,
// bridge/fdb.c print_fdb): text, one line (-o), JSON (-j, -p), details (-d), statistics (-s).

import { formatIpv4, formatMac } from '../core/addr.ts';
import type { Device } from '../core/device.ts';
import type { Netns } from '../core/netns.ts';
import { type PrintOptions, Printer } from './print.ts';
import { portState } from '../core/link/bridge.ts';
import { portCost } from './bridge-port.ts';
import { CmdError } from './result.ts';
import { linkFlags } from './show-link.ts';

export interface BridgeShowOpts extends PrintOptions {
  /** -d */
  readonly details?: boolean;
  /** -s */
  readonly stats?: boolean;
}

/** IFLA_LINK as the device reports it (dev_get_iflink), when it is another device's index */
function iflink(d: Device): number | null {
  if (d.kind === 'veth') return d.peer ? d.peer.ifindex : 0;
  if ((d.kind === 'macvlan' || d.kind === 'ipvlan') && d.lower) return d.lower.ifindex;
  return null;
}

/** on/off fields of the -d line, in print_protinfo's order */
function portFlags(d: Device): [string, boolean | number][] {
  return [
    ['hairpin', d.hairpin],
    ['guard', false],
    ['root_block', false],
    ['fastleave', false],
    ['learning', d.learning],
    ['flood', d.flood],
    ['mcast_flood', true],
    ['bcast_flood', true],
    ['mcast_router', 1],
    ['mcast_to_unicast', false],
    ['neigh_suppress', false],
    ['vlan_tunnel', false],
    ['isolated', d.isolated],
    ['locked', false],
  ];
}

/**
 * `bridge link [show] [dev DEV]`: one line per bridge port. The bridge's message carries
 * IFLA_LINK without the peer's namespace, so iproute2 names the index as if it were local:
 * a veth whose peer is elsewhere shows whatever device has that index here (`p1@br0`), or
 * `ifN` when none has, and `M-DOWN` when that device is down or missing.
 */
export function showBridgeLink(ns: Netns, only: Device | null, opts: BridgeShowOpts = {}): string {
  const p = new Printer(opts);
  const devs = ns.deviceList();
  for (const d of devs) {
    const br = d.master;
    if (!br || (only && d !== only)) continue;
    p.open();
    p.any('ifindex', '%s: ', d.ifindex);
    const link = iflink(d);
    let mDown = false;
    let name = d.name;
    if (link !== null) {
      const target = link === 0 ? undefined : devs.find((x) => x.ifindex === link);
      const linkName = link === 0 ? null : (target?.name ?? `if${link}`);
      p.json('link', linkName);
      name = `${d.name}@${linkName ?? 'NONE'}`;
      mDown = link !== 0 && !target?.up;
    }
    p.json('ifname', d.name);
    p.fp(`${name}: `);
    p.fp('<');
    p.openArray('flags');
    const flags = linkFlags(d).filter((f) => f !== 'M-DOWN');
    for (const [i, f] of flags.entries()) p.item(i === 0 ? '%s' : ',%s', f);
    if (mDown) p.item(',%s', 'M-DOWN');
    p.closeArray();
    p.fp('> ');
    p.any('mtu', 'mtu %s ', d.mtu);
    p.any('master', 'master %s ', br.name);
    p.any('state', 'state %s ', portState(d));
    p.any('priority', 'priority %s ', 32);
    p.any('cost', 'cost %s ', portCost(d));
    if (opts.details) {
      p.nl();
      p.fp('    ');
      for (const [k, v] of portFlags(d)) {
        if (typeof v === 'number') p.any(k, `${k} %s `, v);
        else {
          p.json(k, v);
          p.fp(`${k} ${v ? 'on' : 'off'} `);
        }
      }
    }
    p.fp('\n');
    p.close();
  }
  return p.done();
}

/** one entry as print_fdb prints it */
interface FdbLine {
  readonly mac: number;
  readonly dev: Device;
  readonly dst?: number;
  readonly via?: string;
  /** seconds since the entry was used / updated (-s) */
  readonly age?: number;
  readonly self: boolean;
  readonly master?: string;
  readonly state: '' | 'permanent' | 'static';
}

function printFdb(p: Printer, e: FdbLine, filtered: boolean, opts: BridgeShowOpts): void {
  p.open();
  p.any('mac', '%s ', formatMac(e.mac));
  if (!filtered) {
    p.fp('dev ');
    p.any('ifname', '%s ', e.dev.name);
  }
  if (e.dst !== undefined) {
    p.fp('dst ');
    p.any('dst', '%s ', formatIpv4(e.dst));
  }
  if (e.via !== undefined) {
    p.fp('via ');
    p.any('viaIf', '%s ', e.via);
  }
  if (opts.stats && e.age !== undefined) {
    p.json('used', e.age);
    p.json('updated', e.age);
    p.fp(`used ${e.age}/${e.age} `);
  }
  p.openArray('flags');
  if (e.self) p.item('%s ', 'self');
  p.closeArray();
  if (e.master !== undefined) p.any('master', 'master %s ', e.master);
  p.any('state', '%s', e.state);
  p.fp('\n');
  p.close();
}

/** ` via DEV` for a VXLAN entry bound to an underlay device (by its index in the underlay namespace) */
function via(d: Device, ifindex: number | undefined): string | undefined {
  if (ifindex === undefined || !d.vxlan) return undefined;
  return d.vxlan.underlay.deviceList().find((x) => x.ifindex === ifindex)?.name;
}

/**
 * `bridge fdb show` as rtnl_fdb_dump walks it: device by device in ifindex order, first what
 * the device's bridge knows about it as a port (`master`, newest first), then the device's
 * own table (`self`): a bridge's unicast and multicast lists and then the entries that belong
 * to the bridge itself, a VXLAN device's forwarding table, any other device's address lists.
 * `dev` (`only`) keeps one device and leaves its name out; `br` keeps a bridge and its ports.
 */
export function showFdb(ns: Netns, only: Device | null, br: Device | null, opts: BridgeShowOpts = {}): string {
  const p = new Printer(opts);
  const now = ns.world.clock.now();
  const age = (t: number): number => Math.floor((now - t) / 1000);
  const filtered = only !== null;
  const lists = (d: Device): void => {
    for (const mac of [...d.selfFdb, ...d.mc]) printFdb(p, { mac, dev: d, self: true, state: 'permanent' }, filtered, opts);
  };
  for (const d of ns.deviceList()) {
    if (d.kind === 'loopback' || (only && d !== only)) continue;
    if (br && d !== br && d.master !== br) continue;
    const master = d.master;
    if (master) {
      for (const [mac, e] of [...master.fdb].reverse()) {
        if (e.port !== d) continue;
        const state = e.local ? 'permanent' : e.static ? 'static' : '';
        printFdb(p, { mac, dev: d, age: age(e.updated), self: false, master: master.name, state }, filtered, opts);
      }
    }
    if (d.kind === 'bridge') {
      lists(d);
      for (const [mac, e] of [...d.fdb].reverse()) {
        if (e.port !== d || d.ports.some((x) => x.mac === mac)) continue;
        printFdb(p, { mac, dev: d, age: age(e.updated), self: false, master: d.name, state: 'permanent' }, filtered, opts);
      }
    } else if (d.kind === 'vxlan' && d.vxlan) {
      // newest first, as the kernel's hash happens to list a handful of entries
      for (const [mac, e] of [...d.vxlan.fdb].reverse()) {
        const state = e.state === 'dynamic' ? '' : e.state;
        for (const [i, dst] of e.dsts.entries()) {
          // only the device's own remote (or group) is bound to its underlay device
          const v = i === 0 ? via(d, e.via) : undefined;
          printFdb(p, { mac, dev: d, dst, ...(v !== undefined ? { via: v } : {}), self: true, state }, filtered, opts);
        }
      }
    } else lists(d);
  }
  return p.done();
}

/**
 * brctl showmacs BR: the bridge's forwarding table as /sys/class/net/BR/brforward lists it
 * (the entries of its ports, not the bridge device's own), sorted by address; a learnt
 * entry's ageing timer is the time since it was last refreshed, a local one's 0.
 */
export function brctlShowmacs(ns: Netns, name: string): string {
  const br = ns.dev(name);
  if (!br) throw new CmdError('read of forward table failed: No such device', 1);
  if (br.kind !== 'bridge') throw new CmdError('read of forward table failed: Operation not supported', 1);
  const now = ns.world.clock.now();
  const rows = [...br.fdb.entries()].filter(([, e]) => e.port !== br).sort(([a], [b]) => a - b);
  let out = 'port no\tmac addr\t\tis local?\tageing timer\n';
  for (const [mac, e] of rows) {
    const ageing = e.local ? 0 : Math.floor((now - e.updated) / 10);
    const timer = `${String(Math.floor(ageing / 100)).padStart(4)}.${String(ageing % 100).padStart(2, '0')}`;
    out += `${String(br.ports.indexOf(e.port) + 1).padStart(3)}\t${formatMac(mac)}\t${e.local ? 'yes' : 'no'}\t\t${timer}\n`;
  }
  return out;
}
