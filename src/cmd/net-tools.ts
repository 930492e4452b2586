// net-tools 2.10 as Debian 12 ships it: `arp`, and `route [-n]` and `netstat -r[n]`, which print the main
// table as the kernel lists it in /proc/net/route (fib_route_seq_show: main table only, no
// broadcast or multicast routes, flags from the route's type, gateway and mask); `netstat -i`
// (the interface table, from /proc/net/dev) and `netstat -[l|a][tu][n][p]` (the sockets, their process).

import { netstatStatistics } from './snmp-files.ts';
import { formatIpv4, formatMac, type Ipv4, maskOf } from '../core/addr.ts';
import { RT_TABLE_MAIN, type Route } from '../core/ip/fib.ts';
import type { Device } from '../core/device.ts';
import { acceptQueue, recvQueue } from '../core/ip/tcp-sock.ts';
import type { Netns } from '../core/netns.ts';
import { IFF_BROADCAST, IFF_LOOPBACK, IFF_MULTICAST, IFF_NOARP, IFF_PROMISC, IFF_RUNNING, IFF_UP, ifFlags, nstrcmp } from './ifconfig.ts';
import { HOST_NAMES } from './netdb.ts';
import { CmdError, type ExecResult, ok } from './result.ts';
import { portToService } from './services.ts';

const RTF_UP = 0x1;
const RTF_GATEWAY = 0x2;
const RTF_HOST = 0x4;
const RTF_REJECT = 0x200;

/** the routes /proc/net/route lists, in the order of the FIB's walk (as ip route show) */
function procRoutes(ns: Netns): Route[] {
  return ns.fib.routes
    .filter((r) => r.table === RT_TABLE_MAIN && r.type !== 'broadcast')
    .sort((a, b) => a.dst - b.dst || b.plen - a.plen || a.metric - b.metric);
}

/** fib_flag_trans: unreachable and prohibit are rejects; a gateway, a /32; always up */
function flagsOf(r: Route): number {
  let f = r.type === 'unreachable' || r.type === 'prohibit' ? RTF_REJECT : 0;
  if (r.gw !== null) f |= RTF_GATEWAY;
  if (r.plen === 32) f |= RTF_HOST;
  return f | RTF_UP;
}

/** net-tools' flag letters: a reject is `!` (and no U) */
function flagText(f: number): string {
  let s = f & RTF_REJECT ? '!' : f & RTF_UP ? 'U' : '';
  if (f & RTF_GATEWAY) s += 'G';
  if (f & RTF_HOST) s += 'H';
  return s;
}

interface Row {
  dst: string;
  gw: string;
  mask: string;
  flags: string;
  reject: boolean;
  metric: number;
  iface: string;
}

function rows(ns: Netns, numeric: boolean): Row[] {
  return procRoutes(ns).map((r) => {
    const f = flagsOf(r);
    const reject = (f & RTF_REJECT) !== 0;
    const dst = formatIpv4(r.dst);
    return {
      dst: !numeric && r.plen === 0 ? 'default' : dst,
      gw: reject ? '-' : formatIpv4(r.gw ?? 0),
      mask: formatIpv4(maskOf(r.plen)),
      flags: flagText(f),
      reject,
      metric: r.metric,
      iface: reject ? '-' : (r.dev?.name ?? '*'),
    };
  });
}

const HEAD = 'Kernel IP routing table\n';

/** route [-n] [-e|-ee]: the routing table with Metric, Ref and Use; -e as netstat -r, -ee both and more */
export function routeCommand(ns: Netns, args: readonly string[]): ExecResult {
  let numeric = false;
  let extend = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--numeric') numeric = true;
    else if (a === '--extend') extend++;
    else if (/^-[n4e]+$/.test(a)) {
      numeric ||= a.includes('n');
      extend += a.split('e').length - 1;
    } else if (a === '-A' && args[i + 1] === 'inet') i++;
    else if (a === 'add' || a === 'del') throw new CmdError(`netlab: route ${a} is not modelled: use ip route ${a} (the same table)`, 1);
    else throw new CmdError(`netlab: route ${a} is not modelled (route [-n] [-e|-ee])`, 1);
  }
  if (extend === 1) return ok(netstatRoutes(ns, numeric));
  if (extend > 1) {
    let out = `${HEAD}Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt\n`;
    for (const r of rows(ns, numeric)) {
      const z = r.reject ? '-' : '0';
      out += `${r.dst.padEnd(15)} ${r.gw.padEnd(15)} ${r.mask.padEnd(15)} ${r.flags.padEnd(5)} ${String(r.metric).padEnd(6)} ${z.padEnd(3)} ${'0'.padStart(6)} ${r.iface.padEnd(8)} ${z.padEnd(5)} ${z.padEnd(6)} ${z}\n`;
    }
    return ok(out);
  }
  let out = `${HEAD}Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n`;
  for (const r of rows(ns, numeric)) {
    // "%-15s %-15s %-15s %-5s %-6d %-2s %7d %s"
    out += `${r.dst.padEnd(15)} ${r.gw.padEnd(15)} ${r.mask.padEnd(15)} ${r.flags.padEnd(5)} ${String(r.metric).padEnd(6)} ${(r.reject ? '-' : '0').padEnd(2)} ${'0'.padStart(7)} ${r.iface}\n`;
  }
  return ok(out);
}

/** netstat -r[n]: the same table with MSS, Window and irtt */
export function netstatRoutes(ns: Netns, numeric: boolean): string {
  let out = `${HEAD}Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n`;
  for (const r of rows(ns, numeric)) {
    const z = r.reject ? '-' : '0';
    out += `${r.dst.padEnd(15)} ${r.gw.padEnd(15)} ${r.mask.padEnd(15)} ${r.flags.padEnd(5)} ${z.padStart(5)} ${z.padEnd(6)} ${z.padStart(5)} ${r.iface}\n`;
  }
  return out;
}

/** ife_print_short's flag letters, in its order */
function shortFlags(d: Device): string {
  const f = ifFlags(d);
  let out = '';
  if (f & IFF_BROADCAST) out += 'B';
  if (f & IFF_LOOPBACK) out += 'L';
  if (f & IFF_MULTICAST) out += 'M';
  if (f & IFF_PROMISC) out += 'P';
  if (f & IFF_NOARP) out += 'O';
  if (f & IFF_RUNNING) out += 'R';
  if (f & IFF_UP) out += 'U';
  return out;
}

/** ife_print_short: one device a line, as `netstat -i` and `ifconfig -s` print it */
export function interfaceRows(ns: Netns, all: boolean, only?: Device): string {
  let out = '';
  const devs = only ? [only] : ns.deviceList().filter((x) => all || x.up);
  for (const d of devs.sort((a, b) => nstrcmp(a.name, b.name))) {
    const s = d.stats;
    const n = (w: number, v: number) => String(v).padStart(w);
    out += `${d.name.slice(0, 15).padEnd(15)} ${n(5, d.mtu)} ${n(8, s.rxPackets)} ${n(6, 0)} ${n(6, s.rxDropped)} ${'0'.padEnd(6)} `;
    out += `${n(8, s.txPackets)} ${n(6, s.txErrors)} ${n(6, s.txDropped)} ${n(6, 0)} ${shortFlags(d)}\n`;
  }
  return out;
}

const IFACE_COLUMNS = 'MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n';

/** netstat -i [-a]: the kernel interface table */
function netstatInterfaces(ns: Netns, all: boolean): string {
  return `Kernel Interface table\nIface             ${IFACE_COLUMNS}${interfaceRows(ns, all)}`;
}

/** ifconfig -s: the same rows under ifconfig's own (narrower) header */
export function ifconfigShort(ns: Netns, all: boolean, only?: Device): string {
  return `Iface      ${IFACE_COLUMNS}${interfaceRows(ns, all, only)}`;
}

/** which sockets a listing shows: -l listeners only, -a all, neither the connections only */
type Which = 'servers' | 'all' | 'connections';

const TITLE: Record<Which, string> = {
  servers: 'only servers',
  all: 'servers and established',
  connections: 'w/o servers',
};

/** -p: PID/Program name of the process holding the socket, `-` when none does */
function program(owner: { readonly task: { readonly pid: number; readonly comm: string; readonly alive: boolean } } | undefined): string {
  return owner?.task.alive ? `${owner.task.pid}/${owner.task.comm}` : '-';
}

/**
 * netstat -[l|a][t][u]n[p]: the sockets of /proc/net/tcp and /proc/net/udp, listeners first
 * (the listening hash), then the connections past their handshake (the established hash);
 * -p names the process holding each (PID/Program name)
 */
function netstatSockets(ns: Netns, tcp: boolean, udp: boolean, which: Which, processes: boolean, numeric: boolean): string {
  const unix = !tcp && !udp;
  let out = '';
  // without -n: a host name from /etc/hosts (no name server answers for the rest) and a service
  // name from /etc/services; the host is cut so that HOST:PORT fits its 23 columns (no -W)
  const end = (addr: Ipv4, port: number, proto: 'tcp' | 'udp'): string => {
    const p = port === 0 ? '*' : numeric ? String(port) : (portToService(port, proto) ?? String(port));
    const host = numeric ? formatIpv4(addr) : (HOST_NAMES.get(addr) ?? formatIpv4(addr));
    return `${host.slice(0, Math.max(0, 22 - p.length))}:${p}`;
  };
  const row = (proto: string, recvQ: number, local: string, foreign: string, state: string, owner: string | null): string =>
    `${proto.padEnd(4)}  ${String(recvQ).padStart(6)} ${'0'.padStart(6)} ${local.padEnd(23)} ${foreign.padEnd(23)} ${state.padEnd(11)}${owner === null ? '' : ` ${owner.padEnd(20)}`}\n`;
  out += `Active Internet connections (${TITLE[which]})\n`;
  out += `Proto Recv-Q Send-Q Local Address           Foreign Address         State      ${processes ? ' PID/Program name    ' : ''}\n`;
  const want = (p: 'tcp' | 'udp') => (p === 'tcp' ? tcp || unix : udp || unix);
  for (const proto of ['tcp', 'udp'] as const) {
    if (!want(proto)) continue;
    if (which !== 'connections')
      for (const l of ns.listeners.filter((x) => x.proto === proto)) {
        // tcp_state: LISTEN; an unconnected UDP socket (TCP_CLOSE) prints no state
        const state = proto === 'tcp' ? 'LISTEN' : '';
        out += row(
          proto,
          proto === 'tcp' ? acceptQueue(ns, l) : 0,
          end(l.addr, l.port, proto),
          '0.0.0.0:*',
          state,
          processes ? program(l.owner) : null,
        );
      }
    if (which === 'servers' || proto !== 'tcp') continue;
    for (const sk of ns.tcpSocks) {
      const local = end(sk.local.addr, sk.local.port, proto);
      const foreign = end(sk.remote.addr, sk.remote.port, proto);
      out += row(proto, recvQueue(sk), local, foreign, sk.state, processes ? program(sk.owner) : null);
    }
  }
  if (unix)
    out += `Active UNIX domain sockets (${TITLE[which]})\nProto RefCnt Flags       Type       State         I-Node   ${processes ? 'PID/Program name    ' : ''}Path\n`;
  return out;
}

/** netstat -r[n] (routes), -i[a] (interfaces), -l[tun] (listening sockets) */
export function netstatCommand(ns: Netns, args: readonly string[]): ExecResult {
  const letters = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).flatMap((a) => [...a.slice(1)]);
  const other = args.filter((a) => !/^-[a-zA-Z]+$/.test(a));
  const only = (allowed: string) => letters.every((l) => allowed.includes(l));
  // -s: the SNMP counters (-t/-u/-w narrowing them are not modelled)
  if (other.length === 0 && letters.includes('s') && only('s')) return ok(netstatStatistics(ns));
  if (other.length === 0 && letters.includes('r') && only('rn')) return ok(netstatRoutes(ns, letters.includes('n')));
  if (other.length === 0 && letters.includes('i') && only('ian')) return ok(netstatInterfaces(ns, letters.includes('a')));
  const sockets = letters.includes('l') || letters.includes('a') || letters.includes('t') || letters.includes('u');
  if (other.length === 0 && sockets && only('lantup')) {
    // -a shows every socket whatever -l says (net-tools' flag_all before flag_lst)
    const which: Which = letters.includes('a') ? 'all' : letters.includes('l') ? 'servers' : 'connections';
    return ok(netstatSockets(ns, letters.includes('t'), letters.includes('u'), which, letters.includes('p'), letters.includes('n')));
  }
  throw new CmdError(
    `netlab: netstat ${args.join(' ')} is not modelled (netstat -r[n], -i[a], -[l|a][t][u][n][p], -s; ss and ip show the rest)`,
    1,
  );
}

/**
 * arp [-n] [-a|-e] [-i IF] [HOST]: the neighbour table as /proc/net/arp lists it (NOARP entries
 * left out; an entry without a usable address, INCOMPLETE or FAILED, is "(incomplete)";
 * C for a complete entry, M for a permanent one). -a prints BSD style, -e (winning over -a)
 * the default Linux style; the table's header comes with its first entry.
 */
export function arpCommand(ns: Netns, args: readonly string[]): ExecResult {
  let bsd = false;
  let linux = false;
  let iface: string | null = null;
  let host: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-i' || a === '--device') {
      iface = args[++i] ?? null;
      if (iface === null) throw new CmdError("arp: option requires an argument -- 'i'", 1);
    } else if (/^-[aen]+$/.test(a)) {
      bsd ||= a.includes('a');
      linux ||= a.includes('e');
    } else if (a.startsWith('-'))
      throw new CmdError(`netlab: arp ${a} is not modelled (arp [-n] [-a|-e] [-i IF] [HOST]; ip neigh changes the table)`, 1);
    else host = a;
  }
  const hostIp = host === null ? null : parseIpv4Loose(host);
  if (host !== null && hostIp === null) throw new CmdError(`${host}: Unknown host`, 1);
  const dev = iface === null ? null : (ns.dev(iface) ?? null);
  if (linux) bsd = false;
  const all = ns.neigh.filter((n) => n.state !== 'NOARP');
  const entries = all.filter(
    (n) => (dev === null || n.dev === dev) && (hostIp === null || n.ip === hostIp) && (iface === null || dev !== null),
  );
  // net-tools says so on stdout, and exits 0
  if (entries.length === 0) {
    if (host !== null && !bsd) return ok(`${host} (${host}) -- no entry\n`);
    if (host !== null || iface !== null) return ok(`arp: in ${all.length} entries no match found.\n`);
    return ok('');
  }
  let out = '';
  if (!bsd) out += 'Address                  HWtype  HWaddress           Flags Mask            Iface\n';
  for (const n of entries) {
    const complete = n.mac !== null && n.state !== 'INCOMPLETE' && n.state !== 'FAILED';
    const ip = formatIpv4(n.ip);
    if (bsd) {
      out += complete
        ? `? (${ip}) at ${formatMac(n.mac!)} [ether] ${n.state === 'PERMANENT' ? 'PERM ' : ''}on ${n.dev.name}\n`
        : `? (${ip}) at <incomplete> on ${n.dev.name}\n`;
      continue;
    }
    out += complete
      ? `${ip.padEnd(24)} ${'ether'.padEnd(7)} ${formatMac(n.mac!).padEnd(19)} ${(n.state === 'PERMANENT' ? 'CM' : 'C').padEnd(5)} ${''.padEnd(15)} ${n.dev.name}\n`
      : `${ip.padEnd(24)} ${''.padEnd(7)} ${'(incomplete)'.padEnd(19)} ${''.padEnd(5)} ${''.padEnd(15)} ${n.dev.name}\n`;
  }
  return ok(out);
}

function parseIpv4Loose(s: string): number | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (!m || m.slice(1).some((x) => Number(x) > 255)) return null;
  return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
}

/** a __be32 as %08X prints it on a little-endian machine */
function be32Hex(ip: number): string {
  const le = (((ip & 0xff) << 24) | (((ip >>> 8) & 0xff) << 16) | (((ip >>> 16) & 0xff) << 8) | (ip >>> 24)) >>> 0;
  return le.toString(16).toUpperCase().padStart(8, '0');
}

/** seq_setwidth(seq, 127) … seq_pad(seq, '\n'): each record padded with blanks to 127 bytes */
const pad127 = (s: string): string => `${s.padEnd(127)}\n`;

/** /proc/net/route (fib_route_seq_show): the main table, addresses in network byte order */
export function procNetRoute(ns: Netns): string {
  let out = pad127('Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT');
  for (const r of procRoutes(ns)) {
    const f = flagsOf(r);
    const iface = f & RTF_REJECT ? '*' : (r.dev?.name ?? '*');
    const flags = f.toString(16).toUpperCase().padStart(4, '0');
    out += pad127(`${iface}\t${be32Hex(r.dst)}\t${be32Hex(r.gw ?? 0)}\t${flags}\t0\t0\t${r.metric}\t${be32Hex(maskOf(r.plen))}\t0\t0\t0`);
  }
  return out;
}

/** /proc/net/arp (arp_seq_show): every entry but NOARP's; ATF_COM once valid, ATF_PERM when permanent */
export function procNetArp(ns: Netns): string {
  let out = 'IP address       HW type     Flags       HW address            Mask     Device\n';
  for (const n of ns.neigh) {
    if (n.state === 'NOARP') continue;
    const valid = n.mac !== null && n.state !== 'INCOMPLETE' && n.state !== 'FAILED';
    const flags = (valid ? 0x2 : 0) | (n.state === 'PERMANENT' ? 0x4 : 0);
    const mac = valid ? formatMac(n.mac!) : '00:00:00:00:00:00';
    out += `${formatIpv4(n.ip).padEnd(16)} 0x${'1'.padEnd(10)}0x${flags.toString(16).padEnd(10)}${mac.padEnd(17)}     ${'*'.padEnd(8)} ${n.dev.name}\n`;
  }
  return out;
}

/** a file provider (files.ts): /proc/net/route and /proc/net/arp */
export function procNetRouteFiles(_w: unknown, ns: Netns, path: string): string | null {
  if (path === '/proc/net/route') return procNetRoute(ns);
  if (path === '/proc/net/arp') return procNetArp(ns);
  return null;
}
