// `ip link show` and `ip addr show` as iproute2 6.1 prints them (ip/ipaddress.c,
// print_linkinfo and print_addrinfo), in text, one line (-o), brief (-br), JSON (-j, -p),
// with details (-d) and statistics (-s).

import { formatIpv4, formatMac } from '../core/addr.ts';
import { type Device, ifaScope } from '../core/device.ts';
import { promiscByTap } from '../core/capture/tap.ts';
import { portState } from '../core/link/bridge.ts';
import { portCost } from './bridge-port.ts';
import { Printer } from './print.ts';
import { printLinkStats } from './show-stats.ts';

export interface IpShowOpts {
  readonly brief?: boolean;
  readonly json?: boolean;
  readonly pretty?: boolean;
  readonly oneline?: boolean;
  readonly details?: boolean;
  /** -4 / -f inet: IPv4 only; -0 / -f link: links only */
  readonly family?: 'inet' | 'link';
  /**
   * ip addr show's address filters (scope, to, label, primary, secondary, permanent,
   * dynamic): only the addresses they keep are listed, and only devices with one of them
   */
  readonly addrFilter?: (d: Device, a: Device['addrs'][number]) => boolean;
  /** a `label` filter: iproute2 then prints the address lines without their device's header */
  readonly labelOnly?: boolean;
  /** -s: the device's counters; -s -s: with the error counters */
  readonly stats?: number;
}

/** the device a veth, macvlan or ipvlan points at (IFLA_LINK) */
function linkOf(d: Device): Device | null {
  return d.kind === 'veth' ? d.peer : d.kind === 'macvlan' || d.kind === 'ipvlan' ? d.lower : null;
}

/** /etc/iproute2/rt_scopes as iproute2 6.1 ships it */
export const RT_SCOPES: Readonly<Record<string, number>> = { global: 0, site: 200, link: 253, host: 254, nowhere: 255 };

/** rtnl_rtscope_n2a: the name of a scope, else its number */
export function rtScopeName(n: number): string {
  return Object.keys(RT_SCOPES).find((k) => RT_SCOPES[k] === n) ?? String(n);
}

export function linkFlags(d: Device): string[] {
  const f: string[] = [];
  if (d.kind === 'loopback') f.push('LOOPBACK');
  else f.push('BROADCAST', 'MULTICAST');
  if (d.kind === 'ipvlan' && d.ipvlanMode !== 'l2') f.splice(0, f.length, 'BROADCAST', 'NOARP');
  else if (d.arpOff) f.push('NOARP');
  if (d.promisc) f.push('PROMISC');
  if (d.up) {
    f.push('UP');
    if (d.carrier()) f.push('LOWER_UP');
    else f.unshift('NO-CARRIER');
  }
  // M-DOWN: the device this one is linked to (a veth's peer, a macvlan's parent) is down;
  // iproute2 looks only when that device is in the same namespace (no IFLA_LINK_NETNSID)
  const link = linkOf(d);
  if (link && link.ns === d.ns && !link.up) f.push('M-DOWN');
  return f;
}

export function operstate(d: Device): string {
  if (!d.up) return 'DOWN';
  if (d.kind === 'loopback' || d.kind === 'dummy' || d.kind === 'vxlan') return 'UNKNOWN';
  // a bridge that never had a port has never had its operstate set
  if (d.kind === 'bridge' && !d.hadPort) return 'UNKNOWN';
  if (d.carrier()) return 'UP';
  // default_operstate: without carrier, LOWERLAYERDOWN when the linked device (found by its
  // index in this namespace: a veth's peer, a macvlan's parent) has no carrier either
  const link = linkOf(d);
  const peer = link ? d.ns.deviceList().find((x) => x.ifindex === link.ifindex && x !== d) : undefined;
  return peer && !(peer.up && peer.carrier()) ? 'LOWERLAYERDOWN' : 'DOWN';
}

/** name and link (print_name_and_link): `v0@v1`, `v0@if7` across namespaces */
export function ifname(d: Device): string {
  const other = linkOf(d);
  if (!other) return d.name;
  return other.ns === d.ns ? `${d.name}@${other.name}` : `${d.name}@if${other.ifindex}`;
}

function nameAndLink(p: Printer, d: Device, brief: boolean): void {
  const other = linkOf(d);
  if (other && other.ns !== d.ns) p.json('link_index', other.ifindex);
  else if (other) p.json('link', other.name);
  p.json('ifname', d.name);
  p.fp(brief ? ifname(d).padEnd(16) + ' ' : `${ifname(d)}: `);
}

function flagsArray(p: Printer, d: Device): void {
  p.fp('<');
  p.openArray('flags');
  for (const [i, f] of linkFlags(d).entries()) p.item(i === 0 ? '%s' : ',%s', f);
  p.closeArray();
  p.fp('> ');
}

function address(d: Device): string {
  return d.kind === 'loopback' ? '00:00:00:00:00:00' : formatMac(d.mac);
}

/** the number of the other namespace, as this one knows it (IFLA_LINK_NETNSID) */
function linkNetns(p: Printer, d: Device): void {
  const other = linkOf(d);
  if (!other || other.ns === d.ns) return;
  p.json('link_netnsid', d.ns.peerId(other.ns));
  // iproute2 names a namespace when /run/netns has it; otherwise its id
  p.fp(other.ns.name ? ` link-netns ${other.ns.name}` : ` link-netnsid ${d.ns.peerId(other.ns)}`);
}

/** the machine the recordings were made on had 2 CPUs: a veth gets one queue per CPU */
const CPUS = 2;

/** a bridge id as iproute2 prints it: priority, a dot, the address bytes in %x (no padding) */
function bridgeId(mac: number): string {
  const bytes = formatMac(mac)
    .split(':')
    .map((b) => Number.parseInt(b, 16).toString(16));
  return `8000.${bytes.join(':')}`;
}

/** a bridge's IFLA_INFO_DATA as iproute2's bridge_print_opt prints it: JSON names, text words, values */
function bridgeInfo(p: Printer, d: Device): void {
  const id = bridgeId(d.bridgeId);
  const ints: [string, string, number][] = [
    ['forward_delay', 'forward_delay', 1500],
    ['hello_time', 'hello_time', 200],
    ['max_age', 'max_age', 2000],
    ['ageing_time', 'ageing_time', 30000],
    ['stp_state', 'stp_state', d.stpState],
    ['priority', 'priority', 32768],
    ['vlan_filtering', 'vlan_filtering', 0],
  ];
  for (const [k, t, v] of ints) p.any(k, `${t} %s `, v);
  p.any('bridge_id', 'bridge_id %s ', id);
  p.any('root_id', 'designated_root %s ', id);
  for (const [k, t, v] of [
    ['root_port', 'root_port', 0],
    ['root_path_cost', 'root_path_cost', 0],
    ['topology_change', 'topology_change', 0],
    ['topology_change_detected', 'topology_change_detected', 0],
  ] as const)
    p.any(k, `${t} %s `, v);
  for (const k of ['hello_timer', 'tcn_timer', 'topology_change_timer', 'gc_timer']) p.anyRaw(k, `${k} %s `, p.isJson ? '0.00' : '   0.00');
  p.any('group_fwd_mask', 'group_fwd_mask %s ', '0');
  p.any('group_addr', 'group_address %s ', '01:80:c2:00:00:00');
  for (const [k, t, v] of [
    ['mcast_snooping', 'mcast_snooping', 1],
    ['no_linklocal_learn', 'no_linklocal_learn', 0],
    ['mcast_vlan_snooping', 'mcast_vlan_snooping', 0],
    ['mcast_router', 'mcast_router', 1],
    ['mcast_query_use_ifaddr', 'mcast_query_use_ifaddr', 0],
    ['mcast_querier', 'mcast_querier', 0],
    ['mcast_hash_elasticity', 'mcast_hash_elasticity', 16],
    ['mcast_hash_max', 'mcast_hash_max', 4096],
    ['mcast_last_member_cnt', 'mcast_last_member_count', 2],
    ['mcast_startup_query_cnt', 'mcast_startup_query_count', 2],
    ['mcast_last_member_intvl', 'mcast_last_member_interval', 100],
    ['mcast_membership_intvl', 'mcast_membership_interval', 26000],
    ['mcast_querier_intvl', 'mcast_querier_interval', 25500],
    ['mcast_query_intvl', 'mcast_query_interval', 12500],
    ['mcast_query_response_intvl', 'mcast_query_response_interval', 1000],
    ['mcast_startup_query_intvl', 'mcast_startup_query_interval', 3124],
    ['mcast_stats_enabled', 'mcast_stats_enabled', 0],
    ['mcast_igmp_version', 'mcast_igmp_version', 2],
    ['mcast_mld_version', 'mcast_mld_version', 1],
    ['nf_call_iptables', 'nf_call_iptables', 0],
    ['nf_call_ip6tables', 'nf_call_ip6tables', 0],
    ['nf_call_arptables', 'nf_call_arptables', 0],
  ] as const)
    p.any(k, `${t} %s `, v);
}

function linkinfo(p: Printer, d: Device): void {
  const kind = d.kind === 'loopback' ? null : d.kind;
  if (kind) {
    p.nl();
    p.open('linkinfo');
    p.any('info_kind', '    %s ', kind);
    if (kind === 'macvlan') {
      p.open('info_data');
      p.any('mode', 'mode %s ', d.macvlanMode);
      p.any('bcqueuelen', 'bcqueuelen %s ', 1000);
      p.any('usedbcqueuelen', 'usedbcqueuelen %s ', 1000);
      p.close();
    } else if (kind === 'vxlan' && d.vxlan) {
      const v = d.vxlan;
      p.open('info_data');
      p.any('id', 'id %s ', v.vni);
      if (v.remote !== null) p.any('remote', 'remote %s ', formatIpv4(v.remote));
      if (v.group !== null) p.any('group', 'group %s ', formatIpv4(v.group));
      if (v.local !== null) p.any('local', 'local %s ', formatIpv4(v.local));
      if (v.dev) p.any('link', 'dev %s ', v.dev.name);
      // vxlan_print_opt: the source port range, then the attributes every vxlan carries,
      // some only in JSON (learning unless off, ttl 0 for auto, df unset)
      p.open('port_range');
      p.any('low', 'srcport %s ', 0);
      p.any('high', '%s ', 0);
      p.close();
      p.any('port', 'dstport %s ', v.dstport);
      p.json('learning', true);
      p.json('ttl', 0);
      p.fp('ttl auto ');
      p.json('df', 'unset');
      p.any('ageing', 'ageing %s ', 300);
      p.any('udp_csum', 'udpcsum ', true);
      p.json('udp_zero_csum6_tx', false);
      p.fp('noudp6zerocsumtx ');
      p.json('udp_zero_csum6_rx', false);
      p.fp('noudp6zerocsumrx ');
      p.close();
    } else if (kind === 'bridge') {
      p.open('info_data');
      bridgeInfo(p, d);
      p.close();
    }
    p.close();
  }
  const br = d.master;
  if (br) {
    const no = br.ports.indexOf(d) + 1;
    const id = bridgeId(br.bridgeId);
    p.nl();
    p.any('info_slave_kind', '    %s_slave ', 'bridge');
    p.fp(
      `state ${portState(d)} priority 32 cost ${portCost(d)} hairpin ${d.hairpin ? 'on' : 'off'} guard off root_block off fastleave off learning ${d.learning ? 'on' : 'off'} flood ${d.flood ? 'on' : 'off'} port_id 0x${(0x8000 + no).toString(16)} port_no 0x${no.toString(16)} designated_port ${0x8000 + no} designated_cost 0 designated_bridge ${id} designated_root ${id} hold_timer    0.00 message_age_timer    0.00 forward_delay_timer    0.00 topology_change_ack 0 config_pending 0 proxy_arp off proxy_arp_wifi off mcast_router 1 mcast_fast_leave off mcast_flood on bcast_flood on mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 vlan_tunnel off isolated ${d.isolated ? 'on' : 'off'} locked off `,
    );
  }
}

/**
 * dev->promiscuity, the count `ip -d` prints: the user's `promisc on` (the only one that also
 * shows the PROMISC flag), being a bridge port (br_add_if), a promiscuous capture, an up
 * passthru macvlan child (macvlan_open), and dev->uc_promisc: an up macvlan child whose
 * address differs from the parent's puts it on the parent's unicast list, which a device
 * without unicast filtering (veth, bridge) serves by going promiscuous once.
 */
function promiscuity(d: Device): number {
  const up = d.uppers.filter((u) => u.kind === 'macvlan' && u.up);
  const passthru = up.some((u) => u.macvlanMode === 'passthru');
  const ucPromisc = up.some((u) => u.macvlanMode !== 'passthru' && u.mac !== d.mac);
  return [d.promisc, d.master !== null, promiscByTap(d), passthru, ucPromisc].filter(Boolean).length;
}

function details(p: Printer, d: Device, family?: 'inet' | 'link'): void {
  p.any('promiscuity', ' promiscuity %s ', promiscuity(d));
  p.any('allmulti', ' allmulti %s ', d.master ? 1 : 0);
  const lo = d.kind === 'loopback';
  p.any('min_mtu', 'minmtu %s ', lo ? 0 : 68);
  p.any('max_mtu', 'maxmtu %s ', lo ? 0 : 65535);
  linkinfo(p, d);
  // IPv6's part of IFLA_AF_SPEC: left out when only IPv4 is asked for, and on a device whose
  // MTU is below IPv6's minimum of 1280 (addrconf_notify drops its inet6_dev)
  if (family !== 'inet' && d.mtu >= 1280) p.any('inet6_addr_gen_mode', 'addrgenmode %s ', 'eui64');
  const queues = d.kind === 'veth' ? CPUS : 1;
  p.any('num_tx_queues', 'numtxqueues %s ', queues);
  p.any('num_rx_queues', 'numrxqueues %s ', queues);
  p.any('gso_max_size', 'gso_max_size %s ', 65536);
  p.any('gso_max_segs', 'gso_max_segs %s ', 65535);
  p.any('tso_max_size', 'tso_max_size %s ', d.tsoMaxSize);
  p.any('tso_max_segs', 'tso_max_segs %s ', 65535);
  p.any('gro_max_size', 'gro_max_size %s ', 65536);
}

function linkinfoHead(p: Printer, d: Device, opts: IpShowOpts, doLink: boolean): void {
  p.any('ifindex', '%s: ', d.ifindex);
  nameAndLink(p, d, false);
  flagsArray(p, d);
  p.any('mtu', 'mtu %s ', d.mtu);
  // a device with IFF_NO_QUEUE (veth, bridge, lo, …) gets noqueue when it first comes up and
  // keeps it; one never brought up still has noop
  p.any('qdisc', 'qdisc %s ', d.up || d.everUp ? 'noqueue' : 'noop');
  if (d.master) p.any('master', 'master %s ', d.master.name);
  p.any('operstate', 'state %s ', operstate(d));
  if (doLink) p.any('linkmode', 'mode %s ', 'DEFAULT');
  p.any('group', 'group %s ', 'default');
  p.any('txqlen', 'qlen %s', d.txqlen);
  // print_linkinfo: the link line only without a family filter other than link, or with -d
  if (opts.family === 'inet' && !opts.details) {
    linkNetns(p, d);
    return;
  }
  p.nl();
  p.any('link_type', '    link/%s ', d.kind === 'loopback' ? 'loopback' : 'ether');
  p.any('address', '%s', address(d));
  p.any('broadcast', ' brd %s', d.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff');
  linkNetns(p, d);
  if (opts.details) details(p, d, opts.family);
}

export function showLink(devs: readonly Device[], opts: IpShowOpts = {}): string {
  const p = new Printer(opts);
  for (const d of devs) {
    p.open();
    if (opts.brief) {
      nameAndLink(p, d, true);
      p.json('operstate', operstate(d));
      p.fp(`${operstate(d).padEnd(14)} `);
      p.any('address', '%s ', address(d));
      flagsArray(p, d);
    } else {
      linkinfoHead(p, d, opts, true);
      if (opts.stats) printLinkStats(p, d, opts.stats, true);
    }
    p.close();
    p.eol();
  }
  return p.done();
}

function addrInfo(p: Printer, d: Device, a: Device['addrs'][number], opts: IpShowOpts): void {
  p.open();
  const scope = rtScopeName(ifaScope(a));
  if (opts.brief) {
    // print_addrinfo's brief form keeps the peer: LOCAL peer PEER/PLEN
    p.any('local', '%s', formatIpv4(a.addr));
    if (a.peer !== undefined) p.any('address', ' peer %s', formatIpv4(a.peer));
    p.any('prefixlen', '/%s ', a.plen);
    p.close();
    return;
  }
  if (opts.oneline) p.fp(`${d.ifindex}: ${d.name}`);
  p.any('family', '    %s ', 'inet');
  p.any('local', '%s', formatIpv4(a.addr));
  if (a.peer !== undefined) p.any('address', ' peer %s', formatIpv4(a.peer));
  p.any('prefixlen', '/%s ', a.plen);
  if (a.brd !== undefined) p.any('broadcast', 'brd %s ', formatIpv4(a.brd));
  if (a.metric) p.any('metric', 'metric %s ', a.metric);
  p.any('scope', 'scope %s ', scope);
  // inet_fill_ifaddr: what is left of each lifetime, whole seconds since it was set taken off;
  // an address whose preferred lifetime has run out is deprecated (check_lifetime)
  const lt = a.lifetimes;
  const spent = lt ? Math.floor((d.ns.world.clock.now() - lt.tstamp) / 1000) : 0;
  const left = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : Math.max(0, x - spent));
  const valid = left(lt?.valid);
  const preferred = left(lt?.preferred);
  if (a.secondary) p.any('secondary', 'secondary ', true);
  if (preferred === 0) p.any('deprecated', 'deprecated ', true);
  if (lt) p.any('dynamic', 'dynamic ', true);
  if (a.noprefixroute) p.any('noprefixroute', 'noprefixroute ', true);
  p.any('label', '%s', a.label ?? d.name);
  p.nl();
  p.json('valid_life_time', valid ?? 4294967295);
  p.json('preferred_life_time', preferred ?? 4294967295);
  const lft = (x: number | null): string => (x === null ? 'forever' : `${x}sec`);
  p.fp(`       valid_lft ${lft(valid)} preferred_lft ${lft(preferred)}`);
  p.close();
  p.eol();
}

/** the device's address list as __inet_insert_ifa keeps it: primaries in the order added, then secondaries */
function kernelOrder(d: Device): Device['addrs'] {
  return [...d.addrs.filter((a) => !a.secondary), ...d.addrs.filter((a) => a.secondary)];
}

export function showAddr(devs: readonly Device[], opts: IpShowOpts = {}): string {
  const p = new Printer(opts);
  for (const d of devs) {
    // a family filter leaves out the devices without an address of that family
    if (opts.family === 'inet' && d.addrs.length === 0) continue;
    const filter = opts.addrFilter;
    const addrs = filter ? kernelOrder(d).filter((a) => filter(d, a)) : kernelOrder(d);
    if (filter && addrs.length === 0) continue;
    if (opts.labelOnly && !opts.brief && !opts.json) {
      for (const a of addrs) addrInfo(p, d, a, opts);
      continue;
    }
    if (opts.family === 'link' && !opts.brief) {
      p.open();
      linkinfoHead(p, d, opts, false);
      p.close();
      p.eol();
      continue;
    }
    if (opts.oneline && !opts.json && !opts.brief) {
      // -o: one line per address, each headed by the device's index and name
      for (const a of addrs) addrInfo(p, d, a, opts);
      continue;
    }
    p.open();
    if (opts.brief) {
      nameAndLink(p, d, true);
      p.json('operstate', operstate(d));
      p.fp(`${operstate(d).padEnd(14)} `);
    } else {
      linkinfoHead(p, d, opts, false);
      p.eol();
    }
    p.openArray('addr_info');
    for (const a of addrs) addrInfo(p, d, a, opts);
    p.closeArray();
    if (opts.stats && !opts.brief) {
      printLinkStats(p, d, opts.stats, false);
      p.eol();
    }
    p.close();
    if (opts.brief) p.eol();
  }
  return p.done();
}
