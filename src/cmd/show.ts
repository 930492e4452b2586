// The show commands, printed the way iproute2 prints them.

import { formatIpv4, formatMac } from '../core/addr.ts';
import type { Device } from '../core/device.ts';
import { RT_TABLE_MAIN, type Route, tableName } from '../core/ip/fib.ts';
import type { Netns } from '../core/netns.ts';
import { type PrintOptions, Printer } from './print.ts';

/** one route as print_route prints it: text fields in order, their JSON names */
export function printRoute(p: Printer, r: Route, withTable: boolean): void {
  if (r.type !== 'unicast') p.any('type', '%s ', r.type);
  p.any(
    'dst',
    '%s ',
    r.plen === 0 && r.type === 'unicast' ? 'default' : r.plen === 32 ? formatIpv4(r.dst) : `${formatIpv4(r.dst)}/${r.plen}`,
  );
  if (r.gw !== null) p.any('gateway', 'via %s ', formatIpv4(r.gw));
  if (r.dev) p.any('dev', 'dev %s ', r.dev.name);
  if (withTable && r.table !== RT_TABLE_MAIN) p.any('table', 'table %s ', tableName(r.table));
  if (r.proto === 'kernel') p.any('protocol', 'proto %s ', 'kernel');
  if (r.scope === 'link' || r.scope === 'host') p.any('scope', 'scope %s ', r.scope);
  if (r.src !== null) p.any('prefsrc', 'src %s ', formatIpv4(r.src));
  if (r.metric) p.any('metric', 'metric %s ', r.metric);
  p.openArray('flags');
  if (r.onlink) p.item('%s ', 'onlink');
  if (r.dev && r.type === 'unicast' && !r.dev.carrier()) p.item('%s ', 'linkdown');
  p.closeArray();
}

export function formatRoute(r: Route, withTable: boolean): string {
  const parts: string[] = [];
  if (r.type !== 'unicast') parts.push(r.type);
  parts.push(r.plen === 0 && r.type === 'unicast' ? 'default' : r.plen === 32 ? formatIpv4(r.dst) : `${formatIpv4(r.dst)}/${r.plen}`);
  if (r.gw !== null) parts.push(`via ${formatIpv4(r.gw)}`);
  if (r.dev) parts.push(`dev ${r.dev.name}`);
  if (withTable && r.table !== RT_TABLE_MAIN) parts.push(`table ${tableName(r.table)}`);
  if (r.proto === 'kernel') parts.push('proto kernel');
  if (r.scope === 'link') parts.push('scope link');
  else if (r.scope === 'host') parts.push('scope host');
  if (r.src !== null) parts.push(`src ${formatIpv4(r.src)}`);
  if (r.metric) parts.push(`metric ${r.metric}`);
  if (r.onlink) parts.push('onlink');
  if (r.dev && r.type === 'unicast' && !r.dev.carrier()) parts.push('linkdown');
  return parts.join(' ') + ' ';
}

function routeOrder(a: Route, b: Route): number {
  return a.dst - b.dst || b.plen - a.plen || a.metric - b.metric;
}

/** one table, or all of them in the order the kernel dumps them (by the table id's hash bucket) */
export function showRoutes(ns: Netns, table: number | 'all', opts: PrintOptions = {}): string {
  const rs = ns.fib.routes.filter((r) => table === 'all' || r.table === table);
  const sorted =
    table === 'all'
      ? [...rs].sort((a, b) => (a.table & 255) - (b.table & 255) || a.table - b.table || routeOrder(a, b))
      : [...rs].sort(routeOrder);
  const p = new Printer(opts);
  for (const r of sorted) {
    p.open();
    printRoute(p, r, table === 'all');
    p.close();
    p.eol();
  }
  return p.done();
}

/** `ip neigh show`: with `dev DEV` given, iproute2 leaves "dev DEV" out of each line */
export function showNeigh(
  ns: Netns,
  keep: (n: Netns['neigh'][number]) => boolean = () => true,
  only: Device | null = null,
  opts: PrintOptions = {},
): string {
  const p = new Printer(opts);
  for (const n of ns.neigh) {
    if (!keep(n) || (only !== null && n.dev !== only)) continue;
    p.open();
    p.any('dst', '%s ', formatIpv4(n.ip));
    if (!only) p.any('dev', 'dev %s ', n.dev.name);
    if (n.mac !== null) p.any('lladdr', 'lladdr %s ', formatMac(n.mac));
    p.openArray('state');
    p.item('%s ', n.state);
    p.closeArray();
    p.close();
    p.eol();
  }
  return p.done();
}

/** ` via DEV` for a VXLAN entry bound to an underlay device (by its index in the underlay namespace) */
function via(d: Device, ifindex: number | undefined): string {
  if (ifindex === undefined || !d.vxlan) return '';
  const u = d.vxlan.underlay.deviceList().find((x) => x.ifindex === ifindex);
  return u ? ` via ${u.name}` : '';
}

/**
 * `bridge fdb show` as rtnl_fdb_dump walks it: device by device in ifindex order, first what
 * the device's bridge knows about it as a port (`master`, newest first), then the device's
 * own table (`self`): a bridge's unicast and multicast lists and its own addresses, a VXLAN
 * device's forwarding table, any other device's address lists. `dev` (`only`) keeps one
 * device and leaves its name out; `br` keeps a bridge and its ports.
 */
export function showFdb(ns: Netns, only: Device | null = null, br: Device | null = null): string {
  let out = '';
  const devPart = (d: Device): string => (only ? '' : ` dev ${d.name}`);
  const lists = (d: Device): void => {
    for (const mac of d.selfFdb) out += `${formatMac(mac)}${devPart(d)} self permanent\n`;
    for (const mac of d.mc) out += `${formatMac(mac)}${devPart(d)} self permanent\n`;
  };
  for (const d of ns.deviceList()) {
    if (d.kind === 'loopback' || (only && d !== only)) continue;
    if (br && d !== br && d.master !== br) continue;
    const master = d.master;
    if (master) {
      for (const [mac, e] of [...master.fdb].reverse()) {
        if (e.port !== d) continue;
        out += `${formatMac(mac)}${devPart(d)} master ${master.name} ${e.local ? 'permanent' : e.static ? 'static' : ''}\n`;
      }
    }
    if (d.kind === 'bridge') {
      lists(d);
      for (const [mac, e] of [...d.fdb].reverse()) {
        if (e.port === d && !d.ports.some((p) => p.mac === mac)) out += `${formatMac(mac)}${devPart(d)} master ${d.name} permanent\n`;
      }
    } else if (d.kind === 'vxlan' && d.vxlan) {
      // newest first, as the kernel's hash happens to list a handful of entries
      for (const [mac, e] of [...d.vxlan.fdb].reverse()) {
        for (const dst of e.dsts)
          out += `${formatMac(mac)}${devPart(d)} dst ${formatIpv4(dst)}${via(d, e.via)} self ${e.state === 'dynamic' ? '' : e.state}\n`;
      }
    } else lists(d);
  }
  return out;
}
