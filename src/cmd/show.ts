// The show commands, printed the way iproute2 prints them.

import { formatIpv4, formatMac } from '../core/addr.ts';
import type { Device } from '../core/device.ts';
import { RT_TABLE_MAIN, type Route, tableName } from '../core/ip/fib.ts';
import type { Netns } from '../core/netns.ts';

function flags(d: Device): string {
  const f: string[] = [];
  if (d.kind === 'loopback') f.push('LOOPBACK');
  else f.push('BROADCAST', 'MULTICAST');
  if (d.kind === 'ipvlan' && d.ipvlanMode !== 'l2') f.splice(0, f.length, 'BROADCAST', 'NOARP');
  if (d.promisc || d.promiscByPassthru) f.push('PROMISC');
  if (d.up) {
    f.push('UP');
    if (d.carrier()) f.push('LOWER_UP');
    else f.unshift('NO-CARRIER');
  }
  // M-DOWN: the device this one is linked to (a veth's peer, a macvlan's parent) is down;
  // iproute2 looks only when that device is in the same namespace (no IFLA_LINK_NETNSID)
  const link = d.kind === 'veth' ? d.peer : d.kind === 'macvlan' || d.kind === 'ipvlan' ? d.lower : null;
  if (link && link.ns === d.ns && !link.up) f.push('M-DOWN');
  return f.join(',');
}

function state(d: Device): string {
  if (!d.up) return 'DOWN';
  if (d.kind === 'loopback' || d.kind === 'dummy' || d.kind === 'vxlan') return d.kind === 'vxlan' ? 'UNKNOWN' : 'UNKNOWN';
  if (d.carrier()) return 'UP';
  // default_operstate: without carrier, LOWERLAYERDOWN when the linked device (found by its
  // index in this namespace: a veth's peer, a macvlan's parent) has no carrier either
  const link = d.kind === 'veth' ? d.peer : d.kind === 'macvlan' || d.kind === 'ipvlan' ? d.lower : null;
  const peer = link ? d.ns.deviceList().find((x) => x.ifindex === link.ifindex && x !== d) : undefined;
  return peer && !(peer.up && peer.carrier()) ? 'LOWERLAYERDOWN' : 'DOWN';
}

function ifname(d: Device): string {
  const other = d.kind === 'veth' ? d.peer : d.kind === 'macvlan' || d.kind === 'ipvlan' ? d.lower : null;
  if (!other) return d.name;
  return other.ns === d.ns ? `${d.name}@${other.name}` : `${d.name}@if${other.ifindex}`;
}

function linkHead(d: Device, mode: boolean): string {
  const qdisc = d.up ? 'noqueue' : 'noop';
  const master = d.master ? ` master ${d.master.name}` : '';
  return `${d.ifindex}: ${ifname(d)}: <${flags(d)}> mtu ${d.mtu} qdisc ${qdisc}${master} state ${state(d)}${mode ? ' mode DEFAULT' : ''} group default qlen 1000`;
}

function linkLine(d: Device): string {
  if (d.kind === 'loopback') return '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00';
  let s = `    link/ether ${formatMac(d.mac)} brd ff:ff:ff:ff:ff:ff`;
  const other = d.kind === 'veth' ? d.peer : d.kind === 'macvlan' || d.kind === 'ipvlan' ? d.lower : null;
  // iproute2 names a peer's namespace when /run/netns knows it; the host's has only an id
  if (other && other.ns !== d.ns) s += other.ns.name ? ` link-netns ${other.ns.name}` : ' link-netnsid 0';
  return s;
}

/** -brief: name and state in columns, then what the object has (print_name_and_link, "%-16s %-14s ") */
function briefHead(d: Device): string {
  return `${ifname(d).padEnd(16)} ${state(d).padEnd(14)} `;
}

export function showLink(devs: readonly Device[], brief = false): string {
  if (brief)
    return devs.map((d) => `${briefHead(d)}${d.kind === 'loopback' ? '00:00:00:00:00:00' : formatMac(d.mac)} <${flags(d)}> \n`).join('');
  return devs.map((d) => `${linkHead(d, true)}\n${linkLine(d)}\n`).join('');
}

export function showAddr(devs: readonly Device[], brief = false): string {
  if (brief) return devs.map((d) => `${briefHead(d)}${d.addrs.map((a) => `${formatIpv4(a.addr)}/${a.plen} `).join('')}\n`).join('');
  let out = '';
  for (const d of devs) {
    out += `${linkHead(d, false)}\n${linkLine(d)}\n`;
    for (const a of d.addrs) {
      const scope = a.addr >>> 24 === 127 ? 'host' : 'global';
      out += `    inet ${formatIpv4(a.addr)}/${a.plen} scope ${scope}${a.secondary ? ' secondary' : ''} ${d.name}\n       valid_lft forever preferred_lft forever\n`;
    }
  }
  return out;
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
export function showRoutes(ns: Netns, table: number | 'all'): string {
  const rs = ns.fib.routes.filter((r) => table === 'all' || r.table === table);
  const sorted =
    table === 'all'
      ? [...rs].sort((a, b) => (a.table & 255) - (b.table & 255) || a.table - b.table || routeOrder(a, b))
      : [...rs].sort(routeOrder);
  return sorted.map((r) => formatRoute(r, table === 'all') + '\n').join('');
}

/** `ip neigh show`: with `dev DEV` given, iproute2 leaves "dev DEV" out of each line */
export function showNeigh(ns: Netns, keep: (n: Netns['neigh'][number]) => boolean = () => true, only: Device | null = null): string {
  return ns.neigh
    .filter((n) => keep(n) && (only === null || n.dev === only))
    .map(
      (n) => `${formatIpv4(n.ip)}${only ? '' : ` dev ${n.dev.name}`}${n.mac !== null ? ` lladdr ${formatMac(n.mac)}` : ''} ${n.state} \n`,
    )
    .join('');
}

export function showFdb(ns: Netns, only: Device | null = null): string {
  let out = '';
  const devPart = (d: Device): string => (only ? '' : ` dev ${d.name}`);
  for (const br of ns.deviceList()) {
    if (br.kind !== 'bridge') continue;
    for (const [mac, e] of br.fdb) {
      if (only && e.port !== only) continue;
      if (e.port === br) {
        if (!br.ports.some((p) => p.mac === mac)) out += `${formatMac(mac)}${devPart(br)} master ${br.name} permanent\n`;
      } else out += `${formatMac(mac)}${devPart(e.port)} master ${br.name} ${e.local ? 'permanent' : e.static ? 'static' : ''}\n`;
    }
  }
  for (const d of ns.deviceList()) {
    if (only && d !== only) continue;
    for (const mac of d.selfFdb) out += `${formatMac(mac)}${devPart(d)} self permanent\n`;
    if (d.kind !== 'vxlan' || !d.vxlan) continue;
    // newest first, as the kernel's hash happens to list a handful of entries
    for (const [mac, e] of [...d.vxlan.fdb].reverse()) {
      for (const dst of e.dsts)
        out += `${formatMac(mac)}${devPart(d)} dst ${formatIpv4(dst)} self ${e.state === 'dynamic' ? '' : e.state}\n`;
    }
  }
  return out;
}
