// The show commands, printed the way iproute2 prints them.

import { formatIpv4, formatMac } from '../core/addr.ts';
import type { Device } from '../core/device.ts';
import { RT_TABLE_MAIN, type Route, tableName } from '../core/ip/fib.ts';
import type { Netns } from '../core/netns.ts';
import { type PrintOptions, Printer } from './print.ts';
import type { RouteFilter } from './route-filter.ts';

const NO_HIDE: ReadonlySet<string> = new Set();

/**
 * one route as print_route prints it: text fields in order, their JSON names; with -d
 * (DETAILS) the type, protocol and scope it leaves out otherwise (unicast, boot, global)
 */
export function printRoute(p: Printer, r: Route, withTable: boolean, hide: ReadonlySet<string> = NO_HIDE, details = false): void {
  if (r.type !== 'unicast' || details) p.any('type', '%s ', r.type);
  p.any('dst', '%s ', r.plen === 0 ? 'default' : r.plen === 32 ? formatIpv4(r.dst) : `${formatIpv4(r.dst)}/${r.plen}`);
  if (r.gw !== null && !hide.has('gateway')) p.any('gateway', 'via %s ', formatIpv4(r.gw));
  if (r.dev && !hide.has('dev')) p.any('dev', 'dev %s ', r.dev.name);
  if (withTable && r.table !== RT_TABLE_MAIN) p.any('table', 'table %s ', tableName(r.table));
  // iproute2 leaves out the default protocol, boot
  if ((r.proto !== 'boot' || details) && !hide.has('protocol')) p.any('protocol', 'proto %s ', r.proto);
  if ((r.scope !== 'global' || details) && !hide.has('scope')) p.any('scope', 'scope %s ', r.scope);
  if (r.src !== null && !hide.has('prefsrc')) p.any('prefsrc', 'src %s ', formatIpv4(r.src));
  if (r.metric && !hide.has('metric')) p.any('metric', 'metric %s ', r.metric);
  p.openArray('flags');
  if (r.onlink) p.item('%s ', 'onlink');
  // RTNH_F_LINKDOWN: every nexthop on a device without carrier, but a host-scope (local) one
  if (r.dev && r.scope !== 'host' && !r.dev.carrier()) p.item('%s ', 'linkdown');
  p.closeArray();
  if (r.mtu) {
    p.openArray('metrics');
    p.open();
    p.fp(r.mtuLock ? 'mtu lock ' : 'mtu ');
    p.json('mtu', r.mtu);
    p.fp(`${r.mtu} `);
    p.close();
    p.closeArray();
  }
}

export function formatRoute(r: Route, withTable: boolean): string {
  const parts: string[] = [];
  if (r.type !== 'unicast') parts.push(r.type);
  parts.push(r.plen === 0 ? 'default' : r.plen === 32 ? formatIpv4(r.dst) : `${formatIpv4(r.dst)}/${r.plen}`);
  if (r.gw !== null) parts.push(`via ${formatIpv4(r.gw)}`);
  if (r.dev) parts.push(`dev ${r.dev.name}`);
  if (withTable && r.table !== RT_TABLE_MAIN) parts.push(`table ${tableName(r.table)}`);
  if (r.proto !== 'boot') parts.push(`proto ${r.proto}`);
  if (r.scope === 'link') parts.push('scope link');
  else if (r.scope === 'host') parts.push('scope host');
  if (r.src !== null) parts.push(`src ${formatIpv4(r.src)}`);
  if (r.metric) parts.push(`metric ${r.metric}`);
  if (r.onlink) parts.push('onlink');
  if (r.dev && r.scope !== 'host' && !r.dev.carrier()) parts.push('linkdown');
  if (r.mtu) parts.push(`mtu ${r.mtuLock ? 'lock ' : ''}${r.mtu}`);
  return parts.join(' ') + ' ';
}

function routeOrder(a: Route, b: Route): number {
  return a.dst - b.dst || b.plen - a.plen || a.metric - b.metric;
}

/**
 * One table, or all of them in the order the kernel dumps them (by the table id's hash
 * bucket); with a filter, only the routes it keeps, without the fields it fixes.
 */
export function showRoutes(
  ns: Netns,
  table: number | 'all',
  opts: PrintOptions & { readonly details?: boolean } = {},
  filter?: RouteFilter,
): string {
  const rs = ns.fib.routes.filter((r) => (table === 'all' || r.table === table) && (!filter || filter.keep(r)));
  const sorted =
    table === 'all'
      ? [...rs].sort((a, b) => (a.table & 255) - (b.table & 255) || a.table - b.table || routeOrder(a, b))
      : [...rs].sort(routeOrder);
  const p = new Printer(opts);
  for (const r of sorted) {
    p.open();
    printRoute(p, r, table === 'all', filter?.hide, opts.details === true);
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
