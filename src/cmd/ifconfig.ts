// ifconfig as net-tools 2.10 (Debian 12) prints and sets it (lib/interface.c ife_print_long,
// ifconfig.c). The listing reads the device's flags as SIOCGIFFLAGS gives them, its first
// address labelled with its name (SIOCGIFADDR), and the counters of /proc/net/dev; interfaces
// come in net-tools' natural name order. Setting an address, netmask or broadcast is what
// devinet_ioctl does with SIOCSIFADDR / SIOCSIFNETMASK / SIOCSIFBRDADDR: the address takes
// its class's prefix and broadcast until told otherwise, and ifconfig then brings the device up.

import { broadcastOf, formatIpv4, formatMac, type Ipv4, maskOf, maskToPlen, parseIpv4 } from '../core/addr.ts';
import type { Device, IfAddr } from '../core/device.ts';
import type { Netns } from '../core/netns.ts';
import type { World } from '../core/world.ts';
import { ipCommand } from './ip.ts';
import { ifconfigShort } from './net-tools.ts';
import { CmdError, type ExecResult, ok } from './result.ts';

export const IFF_UP = 0x1;
export const IFF_BROADCAST = 0x2;
export const IFF_LOOPBACK = 0x8;
export const IFF_POINTOPOINT = 0x10;
export const IFF_RUNNING = 0x40;
export const IFF_NOARP = 0x80;
export const IFF_PROMISC = 0x100;
export const IFF_MULTICAST = 0x1000;
const IFF = {
  UP: IFF_UP,
  BROADCAST: IFF_BROADCAST,
  LOOPBACK: IFF_LOOPBACK,
  POINTOPOINT: IFF_POINTOPOINT,
  RUNNING: IFF_RUNNING,
  NOARP: IFF_NOARP,
  PROMISC: IFF_PROMISC,
  MULTICAST: IFF_MULTICAST,
} as const;

/** ife_print_long's flag names, in the order of their bits */
const FLAG_NAMES: readonly [number, string][] = [
  [IFF.UP, 'UP'],
  [IFF.BROADCAST, 'BROADCAST'],
  [IFF.LOOPBACK, 'LOOPBACK'],
  [IFF.POINTOPOINT, 'POINTOPOINT'],
  [IFF.RUNNING, 'RUNNING'],
  [IFF.NOARP, 'NOARP'],
  [IFF.PROMISC, 'PROMISC'],
  [IFF.MULTICAST, 'MULTICAST'],
];

/** dev_get_flags: what SIOCGIFFLAGS reports (RUNNING while the operational state is up) */
export function ifFlags(d: Device): number {
  let f = 0;
  if (d.up) f |= IFF.UP;
  if (d.kind === 'loopback') f |= IFF.LOOPBACK;
  else if (d.kind === 'ipvlan' && d.ipvlanMode !== 'l2') f |= IFF.BROADCAST | IFF.NOARP;
  else f |= IFF.BROADCAST | IFF.MULTICAST;
  if (d.arpOff) f |= IFF.NOARP;
  if (d.promisc) f |= IFF.PROMISC;
  if (d.operUp()) f |= IFF.RUNNING;
  return f;
}

/** the address SIOCGIFADDR answers with for LABEL: the first of the device's list (primaries first) labelled so */
function primaryOf(d: Device, label = d.name): IfAddr | undefined {
  const ordered = [...d.addrs.filter((a) => !a.secondary), ...d.addrs.filter((a) => a.secondary)];
  return ordered.find((a) => (a.label ?? d.name) === label);
}

/**
 * the alias names SIOCGIFCONF adds to /proc/net/dev's: each label other than the device's
 * own that one of its addresses carries, in the order of the device's address list
 */
function aliasesOf(d: Device): string[] {
  const ordered = [...d.addrs.filter((a) => !a.secondary), ...d.addrs.filter((a) => a.secondary)];
  return [...new Set(ordered.map((a) => a.label ?? d.name).filter((l) => l !== d.name))];
}

/** "(168.0 B)", "(1.1 KiB)": tenths, truncated, of the largest unit the count passes */
function human(n: number): string {
  const units: [number, string][] = [
    [2 ** 50, 'PiB'],
    [2 ** 40, 'TiB'],
    [2 ** 30, 'GiB'],
    [2 ** 20, 'MiB'],
    [2 ** 10, 'KiB'],
  ];
  const u = units.find(([limit]) => n > limit);
  const tenths = u ? Math.floor((n * 10) / u[0]) : n * 10;
  return `${Math.floor(tenths / 10)}.${tenths % 10} ${u ? u[1] : 'B'}`;
}

/**
 * ife_print_long for DEV, or for one of its aliases (LABEL `DEV:N`): the ioctls answer an
 * alias with its device's flags and MTU and the address of that label (none if no address
 * has it); only /proc/net/dev's own names have counters
 */
function printLong(d: Device, label = d.name): string {
  const flags = ifFlags(d);
  const names = FLAG_NAMES.filter(([bit]) => flags & bit).map(([, n]) => n);
  let out = `${label}: flags=${flags}<${names.join(',')}>  mtu ${d.mtu}\n`;
  const a = primaryOf(d, label);
  if (a) {
    out += `        inet ${formatIpv4(a.addr)}  netmask ${formatIpv4(maskOf(a.plen))}`;
    if (flags & IFF.BROADCAST) out += `  broadcast ${formatIpv4(a.brd ?? 0)}`;
    out += '\n';
  }
  out +=
    d.kind === 'loopback'
      ? `        loop  txqueuelen ${d.txqlen}  (Local Loopback)\n`
      : `        ether ${formatMac(d.mac)}  txqueuelen ${d.txqlen}  (Ethernet)\n`;
  if (label !== d.name) return `${out}\n`;
  const s = d.stats;
  out += `        RX packets ${s.rxPackets}  bytes ${s.rxBytes} (${human(s.rxBytes)})\n`;
  out += `        RX errors 0  dropped ${s.rxDropped}  overruns 0  frame 0\n`;
  out += `        TX packets ${s.txPackets}  bytes ${s.txBytes} (${human(s.txBytes)})\n`;
  out += `        TX errors ${s.txErrors}  dropped ${s.txDropped} overruns 0  carrier ${s.txCarrierErrors}  collisions 0\n\n`;
  return out;
}

/** net-tools' nstrcmp: names compared with their runs of digits as numbers (eth2 before eth10) */
export function nstrcmp(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) return Number(x) - Number(y) || (x < y ? -1 : 1);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

const HELP = "ifconfig: `--help' gives usage information.";

/** inet_abc_len: the prefix of the address's class (A /8, B /16, C /24); -1 for D and E */
function abcLen(addr: Ipv4): number {
  if (addr === 0 || addr === 0xffffffff) return 0;
  const top = addr >>> 24;
  if (top < 128) return 8;
  if (top < 192) return 16;
  if (top < 224) return 24;
  return -1;
}

interface Want {
  addr: Ipv4;
  plen: number;
  brd: Ipv4 | undefined;
}

/** ip addr del / add through the same code `ip` uses: inet_del_ifa, then inet_insert_ifa */
function setAddress(w: World, ns: Netns, d: Device, old: IfAddr | undefined, next: Want | null): void {
  if (old) ipCommand(w, ns, ['addr', 'del', `${formatIpv4(old.addr)}/${old.plen}`, 'dev', d.name]);
  if (!next || next.addr === 0) return;
  const brd = next.brd === undefined ? [] : ['brd', formatIpv4(next.brd)];
  ipCommand(w, ns, ['addr', 'add', `${formatIpv4(next.addr)}/${next.plen}`, ...brd, 'dev', d.name]);
}

function want(a: IfAddr | undefined): Want | null {
  return a ? { addr: a.addr, plen: a.plen, brd: a.brd } : null;
}

/** the device's flags and settings changed as ifconfig IF ARG… asks, one ioctl an argument */
function configure(w: World, ns: Netns, d: Device, args: readonly string[]): ExecResult {
  // validate every argument before the first change: bad input changes nothing
  type Step = () => string | null;
  const steps: Step[] = [];
  const link =
    (...set: string[]): Step =>
    () => {
      ipCommand(w, ns, ['link', 'set', d.name, ...set]);
      return null;
    };
  for (let i = 0; i < args.length; i++) {
    const k = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new CmdError(`netlab: ifconfig ${d.name} ${k} wants a value`, 3);
      return v;
    };
    if (k === 'up') steps.push(link('up'));
    else if (k === 'down') steps.push(link('down'));
    else if (k === 'mtu') {
      const v = value();
      const n = /^\d+$/.test(v) ? Number(v) : 0;
      const bad = d.kind === 'loopback' ? n < 68 || n > 65536 : n < 68 || n > 65535;
      if (bad) return { stdout: '', stderr: 'SIOCSIFMTU: Invalid argument\n', status: 1 };
      steps.push(link('mtu', String(n)));
    } else if (k === 'promisc' || k === '-promisc') {
      steps.push(link('promisc', k === 'promisc' ? 'on' : 'off'));
    } else if (k === 'arp' || k === '-arp') {
      steps.push(link('arp', k === 'arp' ? 'on' : 'off'));
    } else if (k === 'txqueuelen') {
      const v = value();
      if (!/^\d+$/.test(v)) throw new CmdError(`netlab: ifconfig txqueuelen ${v}: a number`, 1);
      steps.push(link('txqueuelen', v));
    } else if (k === 'netmask') {
      const v = value();
      const m = parseIpv4(v);
      if (m === null) return { stdout: '', stderr: `${v}: Unknown host\n${HELP}\n`, status: 1 };
      steps.push(() => {
        const a = primaryOf(d);
        if (!a) return 'SIOCSIFNETMASK: Cannot assign requested address';
        const plen = maskToPlen(m);
        if (plen < 0) return 'SIOCSIFNETMASK: Invalid argument';
        if (plen === a.plen) return null;
        // the broadcast follows the mask when it was the old mask's own
        const brd = a.brd !== undefined && plen < 31 && a.brd === broadcastOf(a.addr, a.plen) ? broadcastOf(a.addr, plen) : a.brd;
        setAddress(w, ns, d, a, { addr: a.addr, plen, brd });
        return null;
      });
    } else if (k === 'broadcast') {
      const v = value();
      const b = parseIpv4(v);
      if (b === null) return { stdout: '', stderr: `${v}: Unknown host\n${HELP}\n`, status: 1 };
      steps.push(() => {
        const a = primaryOf(d);
        if (!a) return 'SIOCSIFBRDADDR: Cannot assign requested address';
        if (a.brd !== b) setAddress(w, ns, d, a, { ...want(a)!, brd: b });
        return null;
      });
    } else if (/^\d/.test(k)) {
      const [text, len] = k.split('/');
      const addr = parseIpv4(text!);
      if (addr === null) return { stdout: '', stderr: `${text}: Unknown host\n${HELP}\n`, status: 1 };
      const given = len === undefined ? null : /^\d+$/.test(len) && Number(len) <= 32 ? Number(len) : -1;
      if (given === -1) return { stdout: '', stderr: `${k}: Unknown host\n${HELP}\n`, status: 1 };
      const abc = abcLen(addr);
      if (abc < 0) return { stdout: '', stderr: 'SIOCSIFADDR: Invalid argument\n', status: 1 };
      steps.push(() => {
        const a = primaryOf(d);
        if (!a || a.addr !== addr) {
          const brd = abc < 31 && addr !== 0 ? broadcastOf(addr, abc) : undefined;
          setAddress(w, ns, d, a, { addr, plen: abc, brd });
        }
        const now = primaryOf(d);
        if (given !== null && now && given !== now.plen) {
          const brd =
            now.brd !== undefined && given < 31 && now.brd === broadcastOf(now.addr, now.plen) ? broadcastOf(now.addr, given) : now.brd;
          setAddress(w, ns, d, now, { addr: now.addr, plen: given, brd });
        }
        // ifconfig brings the device up after setting an address (not after 0.0.0.0)
        if (addr !== 0) ipCommand(w, ns, ['link', 'set', d.name, 'up']);
        return null;
      });
    } else if (k.startsWith('-') || /^[a-z]/.test(k)) {
      const known = [
        'add',
        'del',
        'hw',
        'pointopoint',
        'dstaddr',
        'tunnel',
        'outfill',
        'keepalive',
        'trailers',
        'allmulti',
        'multicast',
        'mem_start',
        'io_addr',
        'irq',
        'media',
        'name',
        'dynamic',
        '-broadcast',
        '-pointopoint',
        '-trailers',
        '-allmulti',
        '-dynamic',
      ];
      if (known.includes(k))
        throw new CmdError(
          `netlab: ifconfig ${k} is not modelled (up, down, ADDR[/LEN], netmask, broadcast, mtu, promisc, arp, txqueuelen; ip link and ip addr do the rest)`,
          1,
        );
      return { stdout: '', stderr: `${k}: Host name lookup failure\n${HELP}\n`, status: 1 };
    }
  }
  let err = '';
  for (const s of steps) {
    const e = s();
    if (e) err += `${e}\n`;
  }
  return { stdout: '', stderr: err, status: err ? 1 : 0 };
}

/** each ioctl on a device that does not exist fails in turn: ifconfig goes on to the next */
function missingDevice(name: string, rest: readonly string[]): ExecResult {
  const flags = `${name}: ERROR while getting interface flags: No such device\n`;
  let err = '';
  for (let i = 0; i < rest.length; i++) {
    const k = rest[i]!;
    if (k === 'up' || k === 'down' || k === 'promisc' || k === '-promisc' || k === 'arp' || k === '-arp') err += flags;
    else if (/^\d/.test(k)) err += `SIOCSIFADDR: No such device\n${flags}`;
    else if (k === 'mtu' || k === 'netmask' || k === 'broadcast' || k === 'txqueuelen') {
      i++;
      err += `SIOC${{ mtu: 'SIFMTU', netmask: 'SIFNETMASK', broadcast: 'SIFBRDADDR', txqueuelen: 'SIFTXQLEN' }[k]}: No such device\n`;
    }
  }
  return { stdout: '', stderr: err || flags, status: err.includes('flags') ? 255 : 1 };
}

/** ifconfig [-a] [-v] [IF [ARG…]] */
export function ifconfigCommand(w: World, ns: Netns, args: readonly string[]): ExecResult {
  let all = false;
  let short = false;
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const o = args[i]!;
    if (o === '-a') all = true;
    else if (o === '-v') continue;
    else if (o === '-s') short = true;
    else throw new CmdError(`ifconfig: option \`${o}' not recognised.\n${HELP}`, 1);
  }
  const name = args[i];
  if (name === undefined && short) return ok(ifconfigShort(ns, all));
  if (name === undefined) {
    const devs = ns.deviceList().filter((d) => all || d.up);
    const aliases = ns
      .deviceList()
      .sort((a, b) => a.ifindex - b.ifindex)
      .filter((d) => all || d.up)
      .flatMap((d) => aliasesOf(d).map((l) => printLong(d, l)));
    return ok(
      devs
        .sort((a, b) => nstrcmp(a.name, b.name))
        .map((d) => printLong(d))
        .join('') + aliases.join(''),
    );
  }
  const rest = args.slice(i + 1);
  // DEV:N names an alias of DEV: the ioctls look DEV up
  const base = name.includes(':') && rest.length === 0 && !short ? ns.dev(name.slice(0, name.indexOf(':'))) : undefined;
  if (base) return ok(printLong(base, name));
  const d = ns.dev(name);
  if (!d) {
    if (rest.length === 0) throw new CmdError(`${name}: error fetching interface information: Device not found`, 1);
    return missingDevice(name, rest);
  }
  if (rest.length === 0 && short) return ok(ifconfigShort(ns, true, d));
  if (rest.length === 0) return ok(printLong(d));
  return configure(w, ns, d, rest);
}
