// ip(8): netns, link, addr, route, neigh. Every command checks everything before it changes
// anything, so a refused command leaves the world exactly as it was.

import {
  broadcastOf,
  formatIpv4,
  inPrefix,
  MAC_BROADCAST,
  networkOf,
  parseInetIproute,
  parseMac,
  parsePrefixIproute,
  strtoul0,
  type Ipv4,
  type Mac,
} from '../core/addr.ts';
import { neighAdmin } from '../core/ip/neigh.ts';
import { nudConfirmed } from '../core/ip/nud.ts';
import { VXLAN_DEFAULT } from '../core/link/vxlan.ts';
import { type Device, type IfAddr, ifaPrefix, ifaScope, type IpvlanMode, type MacvlanMode } from '../core/device.ts';
import { mtuLocked, routeInput, routeOutput } from '../core/ip/route-io.ts';
import { type FibRule, RT_TABLE_DEFAULT, RT_TABLE_LOCAL, RT_TABLE_MAIN, type Route, type RouteScope, tableName } from '../core/ip/fib.ts';
import type { NeighEntry, Netns } from '../core/netns.ts';
import type { World } from '../core/world.ts';
import { checkPortFlags, type PortFlags, setPortFlags } from './misc.ts';
import { CmdError, ok, type ExecResult } from './result.ts';
import { parseRouteFilter } from './route-filter.ts';
import { formatRoute, showNeigh, showRoutes } from './show.ts';
import { Printer } from './print.ts';
import { type IpShowOpts, RT_SCOPES, showAddr, showLink } from './show-link.ts';

const NAME_RE = /^[^\s/:]{1,15}$/;

function is(word: string | undefined, full: string, min = 1): boolean {
  return word !== undefined && word.length >= min && full.startsWith(word);
}

/** the longest file name Linux takes (NAME_MAX), in bytes: a namespace's name is a file in /run/netns */
const NAME_MAX = 255;
const utf8 = new TextEncoder();

function nameTooLong(name: string): boolean {
  // a UTF-8 name is never shorter in bytes than in UTF-16 units, nor more than three times longer
  return name.length > NAME_MAX || (name.length * 3 > NAME_MAX && utf8.encode(name).length > NAME_MAX);
}

/**
 * iproute2's check of the NAME in `ip netns add|del|exec|… NAME`, made before /run/netns is
 * touched: empty, longer than NAME_MAX bytes, holding a `/`, or `.` or `..`.
 */
export function invalidNetnsName(name: string): CmdError | null {
  if (name === '' || nameTooLong(name) || name.includes('/') || name === '.' || name === '..') {
    return new CmdError(`Invalid netns name "${name}"`, 255);
  }
  return null;
}

export function nsMissing(name: string, w?: World): CmdError {
  // an empty file where a namespace should be mounted: setns() refuses it
  if (w?.unmounted.has(name)) return new CmdError(`setting the network namespace "${name}" failed: Invalid argument`, 255);
  // `ip -n NAME` opens /run/netns/NAME without iproute2's name check: open() says ENAMETOOLONG
  if (nameTooLong(name)) return new CmdError(`Cannot open network namespace "${name}": File name too long`, 1);
  return new CmdError(`Cannot open network namespace "${name}": No such file or directory`, 1);
}

/** `netns NAME` of ip link: a name with no namespace mounted is not a namespace file descriptor */
function netnsTarget(w: World, name: string): Netns | undefined {
  if (w.unmounted.has(name)) throw new CmdError('RTNETLINK answers: Invalid argument', 2);
  return w.ns(name);
}

function needDev(ns: Netns, name: string | undefined): Device {
  if (name === undefined) throw new CmdError('Not enough information: "dev" argument is required.', 1);
  const d = ns.dev(name);
  if (!d) throw new CmdError(`Cannot find device "${name}"`, 1);
  return d;
}

/**
 * Words iplink_parse takes as one of its keywords wherever a bare device name could stand: it
 * compares with matches(), so any abbreviation counts (`l` is `link`, `br` is `broadcast`,
 * `m` is `master`). A device with such a name must be written `dev NAME`. Measured on iproute2
 * 6.1: each keyword with the shortest abbreviation it takes.
 */
const IPLINK_KEYWORDS: ReadonlyArray<readonly [string, number]> = [
  ['address', 1],
  ['addrgenmode', 5],
  ['alias', 2],
  ['allmulticast', 12],
  ['arp', 3],
  ['broadcast', 1],
  ['carrier', 7],
  ['dev', 3],
  ['down', 4],
  ['dynamic', 1],
  ['gro_max_size', 12],
  ['group', 5],
  ['gso_max_segs', 12],
  ['gso_max_size', 12],
  ['help', 1],
  ['index', 5],
  ['link', 1],
  ['link-netns', 5],
  ['link-netnsid', 11],
  ['master', 1],
  ['mtu', 3],
  ['multicast', 9],
  ['name', 4],
  ['netns', 5],
  ['nomaster', 2],
  ['numrxqueues', 2],
  ['numtxqueues', 2],
  ['parentdev', 9],
  ['promisc', 7],
  ['protodown', 9],
  ['protodown_reason', 16],
  ['state', 5],
  ['trailers', 8],
  ['txqueuelen', 1],
  ['type', 2],
  ['up', 2],
  ['vf', 2],
  ['vrf', 3],
  ['xdp', 3],
  ['xdpdrv', 6],
  ['xdpgeneric', 10],
  ['xdpoffload', 10],
];

function isIplinkKeyword(word: string): boolean {
  if (word === 'n') return true; // ambiguous between numtxqueues and numrxqueues: still not a name
  return IPLINK_KEYWORDS.some(([k, min]) => word.length >= min && k.startsWith(word));
}

/** a bare device name where iplink_parse would read a keyword instead */
function bareName(word: string | undefined): string | undefined {
  if (word !== undefined && isIplinkKeyword(word)) {
    throw new CmdError(
      `Error: "${word}" is an ip link keyword here (${IPLINK_KEYWORDS.find(([k, min]) => word.length >= min && k.startsWith(word))?.[0] ?? 'numtxqueues'}); name the device with "dev ${word}".`,
      255,
    );
  }
  return word;
}

/** get_u32 / get_integer with base 0: the whole argument in C notation, up to max */
function cNumber(v: string | undefined, max: number): number | null {
  if (v === undefined || v.startsWith('-')) return null;
  const r = strtoul0(v);
  return r && r.end === v.length && r.value <= max ? r.value : null;
}

/** get_integer with base 0: a C int, signed, the whole argument */
function strtol0(v: string): number | null {
  const neg = v.startsWith('-');
  const r = strtoul0(neg || v.startsWith('+') ? v.slice(1) : v);
  if (!r || r.end !== v.length - (neg || v.startsWith('+') ? 1 : 0) || v.length === 0) return null;
  const n = neg ? -r.value : r.value;
  return n >= -2147483648 && n <= 2147483647 ? n : null;
}

/** is_valid_ether_addr: neither multicast nor all zeros */
function validEtherAddr(m: Mac): boolean {
  return m !== 0 && Math.floor(m / 2 ** 40) % 2 === 0;
}

function validName(name: string | undefined, what = 'name'): string {
  if (name === undefined) throw new CmdError(`Command line is not complete. Try option "help"`, 255);
  if (!NAME_RE.test(name)) throw new CmdError(`Error: argument "${name}" is wrong: "${what}" not a valid ifname`, 255);
  // iproute2 lets these through; the kernel's dev_valid_name refuses them
  if (name === '.' || name === '..') throw new CmdError('RTNETLINK answers: Invalid argument', 2);
  return name;
}

/** /etc/iproute2/rt_protos as iproute2 6.1 ships it */
const RT_PROTOS: Record<string, number> = {
  unspec: 0,
  redirect: 1,
  kernel: 2,
  boot: 3,
  static: 4,
  gated: 8,
  ra: 9,
  mrt: 10,
  zebra: 11,
  bird: 12,
  dnrouted: 13,
  xorp: 14,
  ntk: 15,
  dhcp: 16,
  keepalived: 18,
  babel: 42,
  openr: 99,
  bgp: 186,
  isis: 187,
  ospf: 188,
  rip: 189,
  eigrp: 192,
};

/** rtnl_rtscope_a2n: a name of rt_scopes or a number 0-255 */
function parseRtScope(v: string | undefined): number {
  if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
  const n = RT_SCOPES[v] ?? cNumber(v, 255);
  if (n === null) throw new CmdError(`Error: argument "${v}" is wrong: invalid scope value.`, 255);
  return n;
}

/** rtnl_rtprot_a2n: a name of rt_protos or a number 0-255, kept as the name ip prints back */
function parseRtProto(v: string | undefined): string {
  if (v !== undefined && v in RT_PROTOS) return v;
  const n = v === undefined ? null : cNumber(v, 255);
  if (n === null) throw new CmdError(`Error: argument "${v ?? ''}" is wrong: "protocol" value is invalid`, 255);
  return Object.keys(RT_PROTOS).find((k) => RT_PROTOS[k] === n) ?? String(n);
}

/** ip(8)'s global options, matched as iproute2 does (any prefix of the long name) */
const IP_OPTIONS = [
  '-family',
  '-stats',
  '-statistics',
  '-details',
  '-resolve',
  '-brief',
  '-json',
  '-pretty',
  '-Numeric',
  '-oneline',
  '-timestamp',
  '-tshort',
  '-human',
  '-human-readable',
  '-iec',
  '-color',
  '-colour',
];

function knownIpOption(opt: string): boolean {
  const o = opt.startsWith('--') ? opt.slice(1) : opt;
  if (['-4', '-0', '-s', '-d', '-o', '-r', '-j', '-p', '-h', '-c', '-t'].includes(o)) return true;
  if (/^-c(olou?r)?=(always|auto|never)$/.test(o)) return true;
  // "-b" alone is -batch (wants a file); "-br…" is -brief
  return o.length > 2 && IP_OPTIONS.some((l) => l.startsWith(o));
}

export function ipCommand(w: World, ns: Netns, args: string[], insideExec = false): ExecResult {
  const a = [...args];
  let target = ns;
  const opts: {
    brief?: boolean;
    json?: boolean;
    pretty?: boolean;
    oneline?: boolean;
    details?: boolean;
    family?: 'inet' | 'link';
    stats?: number;
  } = {};
  while (a[0]?.startsWith('-')) {
    const opt = a.shift()!;
    if (opt === '-n' || opt === '-netns' || opt === '--netns') {
      const name = a.shift();
      if (name === undefined) throw new CmdError('Option "-n" requires an argument', 255);
      const t = w.ns(name);
      if (!t) throw nsMissing(name, w);
      target = t;
    } else if (opt === '-all' && a[0] !== undefined && is(a[0], 'netns', 2) && (a[1] === 'del' || a[1] === 'delete') && a.length === 2) {
      // ip -all netns delete: every named namespace
      for (const n of [...w.named.keys()]) w.delNetns(n);
      return ok();
    } else if (
      opt === '-f' ||
      ((opt.startsWith('--') ? opt.slice(1) : opt).length >= 3 && '-family'.startsWith(opt.startsWith('--') ? opt.slice(1) : opt))
    ) {
      // -f FAMILY: inet (as -4) or link (as -0); the lab has no other family
      const f = a.shift();
      if (f === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
      if (f === 'inet') opts.family = 'inet';
      else if (f === 'link') opts.family = 'link';
      else if (['inet6', 'bridge', 'mpls', 'help'].includes(f))
        throw new CmdError(`netlab: ip -f ${f} is not modelled (IPv4 and links only)`, 255);
      else throw new CmdError(`Error: argument "${f}" is wrong: invalid protocol family`, 255);
    } else if (
      opt === '-N' ||
      (knownIpOption(opt) && opt.replace(/^--/, '-').length >= 3 && '-Numeric'.startsWith(opt.replace(/^--/, '-')))
    ) {
      // numeric protocols, scopes, tables and groups everywhere ip prints them: not modelled
      throw new CmdError(`netlab: ip ${opt} (numbers for names) is not modelled`, 255);
    } else if (knownIpOption(opt) && /^-c(olou?r)?(=(always|auto))?$|^-colou?r$/.test(opt.replace(/^--/, '-'))) {
      // iproute2 colours names, states and addresses (-c is always, even into a pipe): not modelled
      throw new CmdError(`netlab: ip ${opt} (colours) is not modelled; -color=never is`, 255);
    } else if (knownIpOption(opt)) {
      const o = opt.startsWith('--') ? opt.slice(1) : opt;
      if (o === '-4') opts.family = 'inet';
      else if (o === '-0') opts.family = 'link';
      else if (o.length >= 3 && '-brief'.startsWith(o)) opts.brief = true;
      else if (o === '-j' || (o.length >= 2 && '-json'.startsWith(o))) opts.json = true;
      else if (o === '-p' || (o.length >= 2 && '-pretty'.startsWith(o))) opts.pretty = true;
      else if (o === '-o' || (o.length >= 2 && '-oneline'.startsWith(o))) opts.oneline = true;
      else if (o === '-d' || (o.length >= 2 && '-details'.startsWith(o))) opts.details = true;
      else if (o === '-s' || (o.length >= 3 && ('-stats'.startsWith(o) || '-statistics'.startsWith(o)))) opts.stats = (opts.stats ?? 0) + 1;
    } else {
      throw new CmdError(`Option "${opt}" is unknown, try "ip -help".`, 255);
    }
  }
  const obj = a.shift();
  if (obj === undefined) throw new CmdError('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }', 255);
  if (is(obj, 'netns', 2)) return netnsCmd(w, target, a, insideExec);
  if (is(obj, 'link')) return linkCmd(w, target, a, opts);
  if (is(obj, 'address') || obj === 'a' || obj === 'addr') return addrCmd(w, target, a, opts);
  if (is(obj, 'route') || obj === 'r') return routeCmd(w, target, a, opts);
  if (is(obj, 'neighbour') || is(obj, 'neighbor') || obj === 'n') return neighCmd(target, a, opts);
  if (is(obj, 'rule', 2)) return ruleCmd(target, a, opts);
  throw new CmdError(`Object "${obj}" is unknown, try "ip help".`, 255);
}

// ---- ip netns ------------------------------------------------------------------------------

function netnsCmd(w: World, self: Netns, a: string[], insideExec: boolean): ExecResult {
  const cmd = a.shift();
  if (cmd === 'list-id') return ok();
  if (cmd === undefined || is(cmd, 'list') || cmd === 'show' || is(cmd, 'lst')) {
    // each name with the id the calling namespace has given it (RTM_GETNSID), if any
    const names = [...w.named.keys(), ...w.unmounted].reverse();
    const line = (n: string): string => {
      const ns = w.named.get(n);
      const id = ns ? self.knownPeerId(ns) : undefined;
      return id === undefined ? `${n}\n` : `${n} (id: ${id})\n`;
    };
    return ok(names.map(line).join(''));
  }
  if (cmd === 'add') {
    const name = a[0];
    if (name === undefined) throw new CmdError('No netns name specified', 1);
    const invalid = invalidNetnsName(name);
    if (invalid) throw invalid;
    if (w.named.has(name) || w.unmounted.has(name)) throw new CmdError(`Cannot create namespace file "/run/netns/${name}": File exists`, 1);
    // inside `ip netns exec` the new namespace is mounted in that command's mount namespace
    // only: when it ends, the namespace is gone and its name is an empty file
    if (insideExec) {
      w.unmounted.add(name);
      return ok();
    }
    w.ensureRoom(1, 0);
    w.addNetns(name);
    return ok();
  }
  if (cmd === 'del' || cmd === 'delete') {
    const name = a[0];
    if (name === undefined) throw new CmdError('No netns name specified', 1);
    const invalid = invalidNetnsName(name);
    if (invalid) throw invalid;
    if (w.unmounted.delete(name)) return ok();
    if (!w.named.has(name)) throw new CmdError(`Cannot remove namespace file "/run/netns/${name}": No such file or directory`, 1);
    w.delNetns(name);
    return ok();
  }
  throw new CmdError(`Command "${cmd}" is unknown, try "ip netns help".`, 255);
}

// ---- ip link ---------------------------------------------------------------------------------

/** ip addr show's address filters, gathered by shownDevs */
interface AddrFilters {
  readonly keep: Array<(d: Device, a: IfAddr) => boolean>;
  inet: boolean;
  label: boolean;
}

/**
 * The devices `ip link|addr show [dev] DEV` lists, with ipaddr_list's filters applied: `up`,
 * `master DEV`, `nomaster`, `type KIND` (`bridge_slave`: ports of a bridge). The address
 * filters (scope, to, label, primary, secondary, permanent, dynamic) go to `af` for ip addr;
 * ip link checks them and lists links, which have no addresses to filter.
 */
function shownDevs(ns: Netns, a: string[], af?: AddrFilters): Device[] {
  let devName: string | undefined;
  const keep: Array<(d: Device) => boolean> = [];
  for (let i = 0; i < a.length; i++) {
    const k = a[i]!;
    if (k === 'up') {
      keep.push((d) => d.up);
      continue;
    }
    if (k === 'nomaster') {
      keep.push((d) => d.master === null);
      continue;
    }
    // address flags: permanent (no lifetimes) or dynamic; none is tentative (IPv6's)
    if (k === 'dynamic' || k === 'permanent' || k === 'primary' || k === 'secondary' || k === 'tentative') {
      af?.keep.push(
        k === 'permanent'
          ? (_, x) => x.lifetimes === undefined
          : k === 'dynamic'
            ? (_, x) => x.lifetimes !== undefined
            : k === 'primary'
              ? (_, x) => !x.secondary
              : k === 'secondary'
                ? (_, x) => x.secondary
                : () => false,
      );
      continue;
    }
    if (k === 'scope') {
      const v = a[++i];
      if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
      // `scope all` keeps every scope
      if (v === 'all') continue;
      const n = RT_SCOPES[v] ?? cNumber(v, 255);
      if (n === null) throw new CmdError(`Error: argument "${v}" is wrong: invalid "scope"\n`, 255);
      af?.keep.push((_, x) => ifaScope(x) === n);
      continue;
    }
    if (k === 'to') {
      const v = a[++i];
      if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
      const c = parsePrefixIproute(v);
      if (c === null) throw new CmdError(`Error: inet prefix is expected rather than "${v}".`, 1);
      // get_prefix sets the family: the listing is then IPv4's (no link line)
      if (af) af.inet = true;
      af?.keep.push((_, x) => inPrefix(x.addr, c.addr, c.plen));
      continue;
    }
    if (k === 'label') {
      const v = a[++i];
      if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
      if (af) af.label = true;
      const re = new RegExp(
        `^${v
          .replace(/[.+^${}()|\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      );
      af?.keep.push((d, x) => re.test(x.label ?? d.name));
      continue;
    }
    if (k === 'master' || k === 'vrf') {
      const v = a[++i];
      if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
      const m = ns.dev(v);
      // iproute2's message itself ends in a newline, and invarg adds one
      if (!m) throw new CmdError(`Error: argument "${v}" is wrong: Device does not exist\n`, 255);
      if (k === 'master') keep.push((d) => d.master === m);
      continue;
    }
    if (k === 'type') {
      const v = a[++i];
      if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
      keep.push(v === 'bridge_slave' ? (d) => d.master !== null : (d) => d.kind === v && d.kind !== 'loopback');
      continue;
    }
    if (k === 'group') {
      // every device here is in group 0 (default)
      const v = a[++i];
      if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
      if (v !== 'default' && v !== '0') keep.push(() => false);
      continue;
    }
    if (k === 'dev') {
      devName = a[++i];
      continue;
    }
    if (devName !== undefined) throw new CmdError(`Error: either "dev" is duplicate, or "${k}" is a garbage.`, 255);
    devName = k;
  }
  let devs = ns.deviceList();
  if (devName !== undefined) {
    const d = ns.dev(devName);
    if (!d) throw new CmdError(`Device "${devName}" does not exist.`, 1);
    devs = [d];
  }
  return devs.filter((d) => keep.every((f) => f(d)));
}

function linkCmd(w: World, ns: Netns, a: string[], opts: IpShowOpts): ExecResult {
  const cmd = a.shift();
  if (cmd === undefined || is(cmd, 'show') || is(cmd, 'list')) return ok(showLink(shownDevs(ns, a), opts));
  if (cmd === 'add') return linkAdd(w, ns, a);
  if (cmd === 'set') return linkSet(w, ns, a);
  if (cmd === 'del' || cmd === 'delete') {
    const name = a[0] === 'dev' ? a[1] : bareName(a[0]);
    const d = needDev(ns, name);
    if (d.kind === 'loopback') throw new CmdError('RTNETLINK answers: Operation not supported', 2);
    w.deleteDevice(d);
    return ok();
  }
  throw new CmdError(`Command "${cmd}" is unknown, try "ip link help".`, 255);
}

function linkAdd(w: World, ns: Netns, a: string[]): ExecResult {
  let name: string | undefined;
  let type: string | undefined;
  let linkName: string | undefined;
  let intoNs: Netns | null = null;
  let mac: number | null = null;
  let mtu: number | null = null;
  let up = false;
  let arpOff: boolean | null = null;
  let txqlen: number | null = null;
  let i = 0;
  // options before `type`
  while (i < a.length && a[i] !== 'type') {
    const k = a[i]!;
    const v = a[i + 1];
    if (k === 'name' || k === 'dev') {
      name = v;
      i += 2;
      continue;
    }
    if (k === 'link') {
      linkName = v;
      i += 2;
      continue;
    }
    if (k === 'netns') {
      if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
      const t = netnsTarget(w, v);
      if (!t) throw new CmdError(`Error: argument "${v}" is wrong: Invalid "netns" value`, 255);
      intoNs = t;
      i += 2;
      continue;
    }
    if (k === 'address') {
      mac = parseMac(v ?? '');
      if (mac === null) throw new CmdError(`"${v}" is invalid lladdr.`, 255);
      if (!validEtherAddr(mac)) throw new CmdError('RTNETLINK answers: Cannot assign requested address', 2);
      i += 2;
      continue;
    }
    if (k === 'mtu') {
      mtu = cNumber(v, 2147483647);
      if (mtu === null) throw new CmdError(`Error: argument "${v}" is wrong: "mtu" value is invalid`, 255);
      // vxlan_validate has its own range, checked later
      if (mtu < 68 && a[a.indexOf('type') + 1] !== 'vxlan') throw new CmdError('Error: mtu less than device minimum.', 2);
      i += 2;
      continue;
    }
    if (k === 'up' || k === 'down') {
      up = k === 'up';
      i++;
      continue;
    }
    if (k === 'arp') {
      if (v !== 'on' && v !== 'off') throw new CmdError(`Error: argument of "arp" must be "on" or "off", not "${v ?? ''}"`, 255);
      arpOff = v === 'off';
      i += 2;
      continue;
    }
    if (k === 'qlen' || k === 'txqlen' || (k.length >= 2 && 'txqueuelen'.startsWith(k))) {
      txqlen = v === undefined ? null : strtol0(v);
      if (txqlen === null) throw new CmdError(`Error: argument "${v ?? ''}" is wrong: Invalid "txqueuelen" value`, 255);
      i += 2;
      continue;
    }
    if (name === undefined) {
      name = bareName(k);
      i++;
      continue;
    }
    throw new CmdError(`Error: either "dev" is duplicate, or "${k}" is a garbage.`, 255);
  }
  type = a[i + 1];
  const rest = a.slice(i + 2);
  if (type === undefined) throw new CmdError('Not enough information: "type" argument is required.', 1);
  if (name !== undefined) validName(name);
  const home = intoNs ?? ns;
  // no name: the kernel picks KIND%d (rtnl_newlink), a veth's after its peer is registered
  const dname = name ?? (type === 'veth' ? '' : nextFree(home, type));
  // IFF_UP in the request: the new device comes up once registered (rtnl_configure_link)
  const created = (d: Device): ExecResult => {
    if (txqlen !== null) d.txqlen = txqlen;
    if (arpOff !== null) d.arpOff = arpOff;
    if (up) w.setUp(d);
    return ok();
  };
  const known = ['veth', 'bridge', 'dummy', 'macvlan', 'ipvlan', 'vxlan'];
  // 802.1Q: iproute2 checks the id and protocol it reads; the recording kernel has no 8021q
  // module, so the device type itself is unknown to it (conformance/scenarios/168-vlan-unsupported.sh)
  if (type === 'vlan') vlanOptions(rest);
  if (!known.includes(type)) throw new CmdError(`Error: Unknown device type.`, 2);
  let lower: Device | null = null;
  if (type === 'macvlan' || type === 'ipvlan') {
    if (linkName === undefined) throw new CmdError('Error: Link not specified', 2);
    lower = ns.dev(linkName) ?? null;
    if (!lower) throw new CmdError(`Cannot find device "${linkName}"`, 1);
  } else if (linkName !== undefined) {
    if (!ns.dev(linkName)) throw new CmdError(`Cannot find device "${linkName}"`, 1);
  }
  if (home.dev(dname)) throw new CmdError('RTNETLINK answers: File exists', 2);
  w.ensureRoom(0, type === 'veth' ? 2 : 1);

  if (type === 'veth') {
    let peerName: string | undefined;
    // the peer is made in the namespace the command runs in; only the named end moves (veth_newlink)
    let peerNs: Netns = ns;
    let peerUp = false;
    if (rest[0] === 'peer') {
      let j = 1;
      while (j < rest.length) {
        const k = rest[j]!;
        const v = rest[j + 1];
        if (k === 'name') {
          peerName = v;
          j += 2;
          continue;
        }
        if (k === 'up' || k === 'down') {
          peerUp = k === 'up';
          j++;
          continue;
        }
        if (k === 'netns') {
          if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
          const t = netnsTarget(w, v);
          if (!t) throw new CmdError(`Error: argument "${v}" is wrong: Invalid "netns" value`, 255);
          peerNs = t;
          j += 2;
          continue;
        }
        if (peerName === undefined) {
          peerName = bareName(k);
          j++;
          continue;
        }
        throw new CmdError(`Error: either "dev" is duplicate, or "${k}" is a garbage.`, 255);
      }
    } else if (rest.length) {
      throw new CmdError(`Error: either "dev" is duplicate, or "${rest[0]}" is a garbage.`, 255);
    }
    // veth_newlink configures the peer before the pair is joined: veth_open finds no peer
    if (peerUp) throw new CmdError('RTNETLINK answers: Transport endpoint is not connected', 2);
    if (peerName !== undefined) validName(peerName);
    const pname = peerName ?? nextFree(peerNs, 'veth');
    if (peerNs.dev(pname) || (peerNs === home && pname === dname)) throw new CmdError('RTNETLINK answers: File exists', 2);
    // the kernel registers the peer first
    const peer = w.createDevice(peerNs, pname, 'veth', w.randomMac());
    const dev = w.createDevice(home, dname || nextFree(home, 'veth'), 'veth', mac ?? w.randomMac());
    dev.macSet = mac !== null;
    dev.peer = peer;
    peer.peer = dev;
    // the new device's RTM_NEWLINK carries its peer's namespace as an id (IFLA_LINK_NETNSID)
    if (peerNs !== home) home.peerId(peerNs);
    if (mtu) {
      dev.mtu = mtu;
    }
    return created(dev);
  }
  if (type === 'bridge' || type === 'dummy') {
    const opts = type === 'bridge' ? bridgeOptions(rest) : null;
    if (type === 'dummy' && rest.length)
      throw new CmdError(`Garbage instead of arguments "${rest.join(' ')} ...". Try "ip link help".`, 255);
    if (opts?.unsupported) {
      // br_dev_newlink registers the bridge before br_changelink refuses: its ifindex is spent
      home.nextIfindex++;
      throw new CmdError('RTNETLINK answers: Operation not supported', 2);
    }
    const dev = w.createDevice(home, dname, type, mac ?? w.randomMac());
    dev.macSet = mac !== null;
    if (mtu) {
      dev.mtu = mtu;
      dev.mtuSet = true;
    }
    const warn = opts ? applyBridgeOptions(dev, opts) : '';
    const r = created(dev);
    return warn ? ok(r.stdout, warn) : r;
  }
  if (type === 'macvlan') {
    let mode: MacvlanMode = 'vepa';
    if (rest[0] === 'mode') {
      const m = rest[1];
      if (m !== 'private' && m !== 'vepa' && m !== 'bridge' && m !== 'passthru' && m !== 'source') {
        throw new CmdError(`Error: argument of "mode" must be "private", "vepa", "bridge", "passthru" or "source"`, 255);
      }
      if (m === 'source') throw new CmdError('RTNETLINK answers: Operation not supported', 2);
      mode = m;
    }
    const low = lower!;
    if (low.kind === 'loopback') throw new CmdError('RTNETLINK answers: Invalid argument', 2);
    if (low.master) throw new CmdError('RTNETLINK answers: Device or resource busy', 2);
    const siblings = low.uppers.filter((u) => u.kind === 'macvlan');
    if (low.uppers.some((u) => u.kind === 'ipvlan')) throw new CmdError('RTNETLINK answers: Device or resource busy', 2);
    if (siblings.some((s) => s.macvlanMode === 'passthru')) throw new CmdError('RTNETLINK answers: Invalid argument', 2);
    if (mode === 'passthru' && siblings.length > 0) throw new CmdError('RTNETLINK answers: Invalid argument', 2);
    const dev = w.createDevice(home, dname, 'macvlan', mode === 'passthru' ? low.mac : (mac ?? w.randomMac()));
    dev.macvlanMode = mode;
    dev.mtu = mtu ?? low.mtu;
    w.stack(dev, low);
    return created(dev);
  }
  if (type === 'ipvlan') {
    let mode: IpvlanMode = 'l3';
    if (rest[0] === 'mode') {
      const m = rest[1];
      if (m !== 'l2' && m !== 'l3' && m !== 'l3s') throw new CmdError(`Error: argument of "mode" must be "l2", "l3" or "l3s"`, 255);
      mode = m;
    }
    const low = lower!;
    if (low.kind === 'loopback' || low.kind === 'ipvlan') throw new CmdError('RTNETLINK answers: Invalid argument', 2);
    if (low.master || low.uppers.some((u) => u.kind === 'macvlan')) throw new CmdError('RTNETLINK answers: Device or resource busy', 2);
    const dev = w.createDevice(home, dname, 'ipvlan', low.mac);
    dev.ipvlanMode = mode;
    dev.mtu = low.mtu;
    w.stack(dev, low);
    // the port's mode is the last one set: siblings follow it
    for (const u of low.uppers) u.ipvlanMode = mode;
    return created(dev);
  }
  // vxlan
  let vni: number | null = null;
  let dstport = 8472;
  let remote: Ipv4 | null = null;
  let group: Ipv4 | null = null;
  let ttl: number | 'inherit' = 0;
  let local: Ipv4 | null = null;
  let dev: Device | null = null;
  const flags = { learning: true, proxy: false, l2miss: false, l3miss: false };
  for (let j = 0; j < rest.length; j += 2) {
    const k = rest[j]!;
    const v = rest[j + 1];
    if (k === 'learning' || k === 'nolearning') {
      flags.learning = k === 'learning';
      j -= 1;
      continue;
    }
    if (k === 'proxy' || k === 'noproxy') {
      flags.proxy = k === 'proxy';
      j -= 1;
      continue;
    }
    if (k === 'l2miss' || k === 'nol2miss') {
      flags.l2miss = k === 'l2miss';
      j -= 1;
      continue;
    }
    if (k === 'l3miss' || k === 'nol3miss') {
      flags.l3miss = k === 'l3miss';
      j -= 1;
      continue;
    }
    if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
    if (k === 'id' || k === 'vni') {
      vni = Number(v);
      if (!Number.isInteger(vni) || vni < 0 || vni > 16777215) throw new CmdError(`Error: argument "${v}" is wrong: invalid id`, 255);
    } else if (k === 'dstport') {
      dstport = Number(v);
      if (!Number.isInteger(dstport) || dstport < 0 || dstport > 65535) throw new CmdError(`Error: argument "${v}" is wrong: dstport`, 255);
    } else if (k === 'remote' || k === 'group') {
      const addr = parseInetIproute(v);
      if (addr === null) throw new CmdError(`Error: an inet address is expected rather than "${v}".`, 1);
      const multicast = addr >>> 28 === 0xe;
      if (k === 'group' && !multicast) throw new CmdError(`Error: argument "${v}" is wrong: invalid group address`, 255);
      if (k === 'remote' && multicast) throw new CmdError(`Error: argument "${v}" is wrong: invalid remote address`, 255);
      if (k === 'group') group = addr;
      else remote = addr;
    } else if (k === 'ttl' || k === 'hoplimit') {
      if (v === 'inherit') ttl = 'inherit';
      else if (v === 'auto') ttl = 0;
      else {
        const n = cNumber(v, 4294967295);
        if (n === null) throw new CmdError(`Error: argument "${v}" is wrong: invalid TTL`, 255);
        if (n > 255) throw new CmdError(`Error: argument "${v}" is wrong: TTL must be <= 255`, 255);
        ttl = n;
      }
    } else if (k === 'local') {
      local = parseInetIproute(v);
      if (local === null) throw new CmdError(`Error: an inet address is expected rather than "${v}".`, 1);
    } else if (k === 'dev') {
      dev = ns.dev(v) ?? null;
      if (!dev) throw new CmdError(`Cannot find device "${v}"`, 1);
    } else if (k === 'tos' || k === 'port' || k === 'srcport') {
      // the outer TOS and UDP source port range: nothing a probe sees
    } else throw new CmdError(`vxlan: unknown command "${k}"?`, 255);
  }
  if (group !== null && remote !== null) throw new CmdError('vxlan: both group and remote cannot be specified', 1);
  if (group !== null && dev === null) throw new CmdError("vxlan: 'group' requires 'dev' to be specified", 1);
  if (vni === null) throw new CmdError('vxlan: missing virtual network identifier', 255);
  const clash = [...w.vxlans].find(
    (d) => d.vxlan && d.vxlan.underlay === ns && d.vxlan.vni === vni && d.vxlan.dstport === dstport && d.vxlan.local === local,
  );
  if (mtu !== null && (mtu < 68 || mtu > 65535)) throw new CmdError('Error: MTU must be between 68 and 65535.', 2);
  if (clash) throw new CmdError('Error: A VXLAN device with the specified VNI already exists.', 2);
  const vx = w.createDevice(home, dname, 'vxlan', mac ?? w.randomMac());
  // vxlan_config_apply: with dev, the underlay's MTU less the 50 bytes of headers (a larger
  // mtu given is cut to it); without, Ethernet's 1500 (packets then outgrow a 1500-byte underlay)
  vx.mtu = dev ? Math.min(mtu ?? 65535, dev.mtu - 50) : (mtu ?? 1500);
  vx.mtuSet = mtu !== null;
  // `remote` is the default FDB entry (00:00:00:00:00:00), permanent
  vx.vxlan = {
    vni,
    dstport,
    remote,
    group,
    local,
    dev,
    underlay: ns,
    ...flags,
    ttl,
    fdb: new Map(
      (remote ?? group) !== null
        ? [[VXLAN_DEFAULT, { dsts: [(remote ?? group)!], state: 'permanent' as const, ...(dev ? { via: dev.ifindex } : {}) }]]
        : [],
    ),
  };
  w.vxlans.add(vx);
  return created(vx);
}

/** vlan_parse_opt's checks of the values it reads (id: get_u16; protocol: ll_proto_a2n) */
function vlanOptions(a: string[]): void {
  for (let i = 0; i < a.length; i++) {
    const k = a[i]!;
    const v = a[i + 1];
    if (k !== 'id' && k !== 'protocol') continue;
    if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
    if (k === 'id' && cNumber(v, 65535) === null) throw new CmdError(`Error: argument "${v}" is wrong: id is invalid`, 255);
    if (k === 'protocol' && vlanProto(v) === null) throw new CmdError(`Error: argument "${v}" is wrong: protocol is invalid`, 255);
    i++;
  }
}

/** ll_proto_a2n for the VLAN protocols: a name or a number */
function vlanProto(v: string): number | null {
  const l = v.toLowerCase();
  if (l === '802.1q') return 0x8100;
  if (l === '802.1ad') return 0x88a8;
  return cNumber(v, 65535);
}

/** the bridge options of `ip link add|set BR type bridge …` this lab models: stp_state */
interface BridgeOptions {
  stpState: number | null;
  /** accepted, with what Linux would do, but not modelled here */
  unmodelled: string[];
  /** a VLAN filtering option: the kernel refuses the whole request */
  unsupported: boolean;
}

/** iplink_bridge.c's options that take one value; only stp_state has an effect here */
const BRIDGE_VALUE_OPTIONS = [
  'forward_delay',
  'hello_time',
  'max_age',
  'ageing_time',
  'priority',
  'group_fwd_mask',
  'group_address',
  'mcast_snooping',
  'mcast_router',
  'mcast_querier',
  'nf_call_iptables',
  'nf_call_ip6tables',
  'nf_call_arptables',
];

function bridgeOptions(a: string[]): BridgeOptions {
  const o: BridgeOptions = { stpState: null, unmodelled: [], unsupported: false };
  for (let i = 0; i < a.length; i += 2) {
    const k = a[i]!;
    const v = a[i + 1];
    if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
    if (k === 'stp_state') {
      // get_u32: any unsigned number, in C notation; the kernel takes every non-zero value as on
      const n = cNumber(v, 4294967295);
      if (n === null) throw new CmdError(`Error: argument "${v}" is wrong: invalid stp_state`, 255);
      o.stpState = n;
    } else if (k === 'vlan_filtering' || k === 'vlan_protocol' || k === 'vlan_default_pvid') {
      // parsed as iplink_bridge.c does; the recording kernel, built without bridge VLAN
      // filtering, refuses vlan_filtering whatever its value, and takes the other two to no
      // effect: without filtering there is no VLAN for them to name (168-vlan-unsupported.sh)
      const bad =
        k === 'vlan_filtering' ? cNumber(v, 255) === null : k === 'vlan_protocol' ? vlanProto(v) === null : cNumber(v, 65535) === null;
      if (bad) throw new CmdError(`Error: argument "${v}" is wrong: invalid ${k}`, 255);
      if (k === 'vlan_filtering') o.unsupported = true;
    } else if (BRIDGE_VALUE_OPTIONS.includes(k)) o.unmodelled.push(`${k} ${v}`);
    else throw new CmdError(`bridge: unknown command "${k}"?`, 255);
  }
  return o;
}

/** what the options do to the bridge; a warning naming the ones this lab does not model */
function applyBridgeOptions(br: Device, o: BridgeOptions): string {
  let warn = '';
  if (o.stpState !== null) {
    // br_stp_set_enabled: turning STP off leaves the ports to finish their timers in Linux
    if (br.stpState && !o.stpState && br.ports.length)
      warn += `netlab: warning: STP off on ${br.name}: Linux lets its ports finish listening and learning (up to 30 s) before they forward; here they forward at once\n`;
    br.stpState = o.stpState;
  }
  if (o.unmodelled.length) warn += `netlab: warning: bridge ${o.unmodelled.join(', ')} accepted but not modelled\n`;
  return warn;
}

function nextFree(ns: Netns, base: string): string {
  for (let i = 0; ; i++) if (!ns.dev(`${base}${i}`)) return `${base}${i}`;
}

function linkSet(w: World, ns: Netns, a: string[]): ExecResult {
  let i = 0;
  let devName: string | undefined;
  if (a[0] === 'dev') {
    devName = a[1];
    i = 2;
  } else {
    devName = bareName(a[0]);
    i = 1;
  }
  const d = needDev(ns, devName);
  // parse everything first
  type Op = () => void;
  const ops: Op[] = [];
  let newName: string | null = null;
  let moveTo: Netns | null = null;
  let warning = '';
  while (i < a.length) {
    const k = a[i]!;
    const v = a[i + 1];
    if (k === 'up') {
      ops.push(() => w.setUp(d));
      i++;
      continue;
    }
    if (k === 'down') {
      ops.push(() => w.setDown(d));
      i++;
      continue;
    }
    if (k === 'nomaster') {
      ops.push(() => w.release(d));
      i++;
      continue;
    }
    if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
    if (k === 'master') {
      const br = ns.dev(v);
      if (!br) throw new CmdError(`Error: argument "${v}" is wrong: Device does not exist`, 255);
      if (br.kind !== 'bridge') throw new CmdError('RTNETLINK answers: Operation not supported', 2);
      if (br === d) throw new CmdError('Error: Can not enslave a bridge to itself.', 2);
      if (d.kind === 'bridge' || d.kind === 'loopback')
        throw new CmdError(
          d.kind === 'loopback' ? 'Error: Can not enslave loopback device.' : 'Error: Can not enslave a bridge to a bridge.',
          2,
        );
      if (d.uppers.length) throw new CmdError('Error: Device is already in use by another upper device.', 2);
      ops.push(() => {
        if (d.master !== br) w.enslave(d, br);
      });
      i += 2;
      continue;
    }
    if (k === 'netns') {
      const t = netnsTarget(w, v);
      if (!t) throw new CmdError(`Error: argument "${v}" is wrong: Invalid "netns" value`, 255);
      // NETIF_F_NETNS_LOCAL: lo and bridges stay where they were made
      if (d.kind === 'loopback' || d.kind === 'bridge') throw new CmdError('Error: The interface netns is immutable.', 2);
      if (t !== ns && t.dev(d.name)) throw new CmdError('RTNETLINK answers: File exists', 2);
      moveTo = t;
      i += 2;
      continue;
    }
    if (k === 'name') {
      validName(v);
      if (v !== d.name && ns.dev(v)) throw new CmdError('RTNETLINK answers: File exists', 2);
      newName = v;
      i += 2;
      continue;
    }
    if (k === 'address') {
      const m = parseMac(v);
      if (m === null) throw new CmdError(`"${v}" is invalid lladdr.`, 255);
      if (!validEtherAddr(m)) throw new CmdError('RTNETLINK answers: Cannot assign requested address', 2);
      ops.push(() => setMac(d, m));
      i += 2;
      continue;
    }
    if (k === 'mtu') {
      const m = cNumber(v, 2147483647);
      if (m === null) throw new CmdError(`Error: argument "${v}" is wrong: "mtu" value is invalid`, 255);
      // vxlan_change_mtu: with an underlay device, at most its MTU less the 50 bytes of headers
      const max =
        d.kind === 'loopback'
          ? 2147483647
          : d.kind === 'macvlan' || d.kind === 'ipvlan'
            ? (d.lower?.mtu ?? 65535)
            : d.vxlan?.dev
              ? d.vxlan.dev.mtu - 50
              : 65535;
      // vxlan_change_mtu refuses beyond its underlay with a bare EINVAL (a value unchanged is no change)
      if (d.vxlan?.dev && m > max && m !== d.mtu) throw new CmdError('RTNETLINK answers: Invalid argument', 2);
      // lo has no minimum (min_mtu 0); Ethernet-like devices 68
      const min = d.kind === 'loopback' ? 0 : 68;
      if ((m < min || m > max) && m !== d.mtu)
        throw new CmdError(`Error: mtu ${m < min ? 'less than device minimum' : 'greater than device maximum'}.`, 2);
      ops.push(() => {
        if (m === d.mtu) return;
        d.mtu = m;
        d.mtuSet = true;
        if (d.master) w.recalcBridgeMtu(d.master);
        // macvlan_device_event (NETDEV_CHANGEMTU): a macvlan larger than its parent now shrinks to it
        for (const u of d.uppers) {
          if (u.kind !== 'macvlan' || u.mtu <= m) continue;
          u.mtu = m;
          if (u.master) w.recalcBridgeMtu(u.master);
        }
        // inetdev_event (NETDEV_CHANGEMTU): below 68 bytes IPv4 leaves the device, its
        // addresses and their routes with it; a larger MTU later brings IPv4 back empty
        if (m < 68) {
          const gone = d.addrs;
          d.addrs = [];
          for (const g of gone) w.delAddrRoutes(d, g.addr, g.plen, g.peer, g.brd);
        }
      });
      i += 2;
      continue;
    }
    if (k === 'arp') {
      if (v !== 'on' && v !== 'off') throw new CmdError(`Error: argument of "arp" must be "on" or "off", not "${v}"`, 255);
      ops.push(() => {
        const off = v === 'off';
        if (d.arpOff === off) return;
        d.arpOff = off;
        // arp_netdev_event (IFF_NOARP changed): neigh_changeaddr flushes the device's entries, permanent ones too
        ns.neigh = ns.neigh.filter((n) => n.dev !== d);
        ns.arpQueue.forEach((_, n) => {
          if (n.dev === d) ns.arpQueue.delete(n);
        });
      });
      i += 2;
      continue;
    }
    if (k === 'qlen' || k === 'txqlen' || (k.length >= 2 && 'txqueuelen'.startsWith(k))) {
      // get_integer: a C int, negative ones too (the kernel keeps -1 as 4294967295; ip prints it signed)
      const n = strtol0(v);
      if (n === null) throw new CmdError(`Error: argument "${v}" is wrong: Invalid "txqueuelen" value`, 255);
      ops.push(() => {
        d.txqlen = n;
      });
      i += 2;
      continue;
    }
    if (k === 'promisc') {
      if (v !== 'on' && v !== 'off') throw new CmdError(`Error: argument of "promisc" must be "on" or "off", not "${v}"`, 255);
      ops.push(() => {
        d.promisc = v === 'on';
      });
      i += 2;
      continue;
    }
    if (k === 'type' && v === 'bridge_slave') {
      // ip link set DEV type bridge_slave [hairpin|learning|flood|isolated on|off] [state N]
      const flags: PortFlags = {};
      let j = i + 2;
      while (j < a.length) {
        const opt = a[j]!;
        const val = a[j + 1];
        if (opt === 'hairpin' || opt === 'learning' || opt === 'flood' || opt === 'isolated') {
          if (val !== 'on' && val !== 'off')
            throw new CmdError(`Error: argument of "${opt}" must be "on" or "off", not "${val ?? ''}"`, 255);
          flags[opt] = val === 'on';
        } else if (opt === 'state') {
          const n = cNumber(val, 255);
          if (n === null) throw new CmdError(`Error: argument "${val ?? ''}" is wrong: state is invalid`, 255);
          flags.state = n;
        } else throw new CmdError(`bridge_slave: unknown option "${opt}"?`, 255);
        j += 2;
      }
      if (!d.master) throw new CmdError('Error: Device is not a bridge port.', 2);
      checkPortFlags(d, flags);
      ops.push(() => setPortFlags(d, flags));
      i = j;
      continue;
    }
    if (k === 'type' && v === 'vxlan') {
      // vxlan_changelink: the outer TTL and the flags change in place; what names the tunnel
      // (VNI, port, addresses, device) is not changed here
      if (d.kind !== 'vxlan' || !d.vxlan) throw new CmdError('RTNETLINK answers: Operation not supported', 2);
      const vx = d.vxlan;
      const set: Array<() => void> = [];
      let j = i + 2;
      while (j < a.length) {
        const opt = a[j]!;
        const val = a[j + 1];
        const flag = /^(no)?(learning|proxy|l2miss|l3miss)$/.exec(opt);
        if (flag) {
          const key = flag[2] as 'learning' | 'proxy' | 'l2miss' | 'l3miss';
          set.push(() => {
            vx[key] = flag[1] === undefined;
          });
          j++;
          continue;
        }
        if (val === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
        if (opt === 'ttl' || opt === 'hoplimit') {
          let t: number | 'inherit';
          if (val === 'inherit') t = 'inherit';
          else if (val === 'auto') t = 0;
          else {
            const n = cNumber(val, 4294967295);
            if (n === null) throw new CmdError(`Error: argument "${val}" is wrong: invalid TTL`, 255);
            if (n > 255) throw new CmdError(`Error: argument "${val}" is wrong: TTL must be <= 255`, 255);
            t = n;
          }
          set.push(() => {
            vx.ttl = t;
          });
        } else if (opt === 'group' && !a.includes('dev')) throw new CmdError("vxlan: 'group' requires 'dev' to be specified", 1);
        else if (opt !== 'tos')
          throw new CmdError(
            `netlab: ip link set … type vxlan ${opt} is not modelled (change ttl, tos and the learning, proxy, l2miss, l3miss flags)`,
            2,
          );
        j += 2;
      }
      ops.push(() => {
        for (const s of set) s();
      });
      i = j;
      continue;
    }
    if (k === 'type' && v === 'bridge') {
      if (d.kind !== 'bridge') throw new CmdError('RTNETLINK answers: Operation not supported', 2);
      const opts = bridgeOptions(a.slice(i + 2));
      if (opts.unsupported) throw new CmdError('RTNETLINK answers: Operation not supported', 2);
      ops.push(() => {
        warning += applyBridgeOptions(d, opts);
      });
      i = a.length;
      continue;
    }
    throw new CmdError(`Error: either "dev" is duplicate, or "${k}" is a garbage.`, 255);
  }
  if (newName !== null) w.rename(d, newName);
  if (moveTo && moveTo !== d.ns) w.moveDevice(d, moveTo);
  for (const op of ops) op();
  return ok('', warning);
}

function setMac(d: Device, m: number): void {
  const br = d.master;
  if (br) {
    br.fdb.delete(d.mac);
    br.fdb.set(m, { port: d, local: true, updated: d.ns.world.clock.now() });
  }
  if (d.kind === 'bridge') {
    d.fdb.delete(d.mac);
    d.fdb.set(m, { port: d, local: true, updated: d.ns.world.clock.now() });
  }
  // br_set_mac_address → br_stp_change_bridge_id runs br_port_state_selection, which turns
  // the carrier off when no port is up: from then on the bridge's carrier follows its ports
  if (d.kind === 'bridge' && m !== d.mac) d.hadPort = true;
  d.mac = m;
  d.macSet = true;
  if (d.kind === 'bridge') d.bridgeId = m;
  d.ns.neigh = d.ns.neigh.filter((n) => n.dev !== d);
  if (br) d.ns.world.recalcBridgeMac(br);
}

// ---- ip addr -------------------------------------------------------------------------------

/** route metrics iproute2 takes that the lab does not model (RTAX_ADVMSS, RTAX_WINDOW, …) */
const ROUTE_METRICS_NOT_MODELLED: ReadonlySet<string> = new Set([
  'advmss',
  'window',
  'rtt',
  'rttvar',
  'reordering',
  'cwnd',
  'initcwnd',
  'initrwnd',
  'ssthresh',
  'realms',
  'hoplimit',
  'quickack',
  'congctl',
  'features',
  'rto_min',
  'fastopen_no_cookie',
  'expires',
]);

/** INFINITY_LIFE_TIME: an address lifetime that never runs out */
const INFINITY_LIFE_TIME = 0xffffffff;

function parsePrefixArg(v: string | undefined): { addr: Ipv4; plen: number } {
  if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
  const c = parsePrefixIproute(v);
  if (!c) throw new CmdError(`Error: any valid prefix is expected rather than "${v}".`, 1);
  return c;
}

function addrCmd(w: World, ns: Netns, a: string[], opts: IpShowOpts): ExecResult {
  const cmd = a.shift();
  if (cmd === undefined || is(cmd, 'show') || is(cmd, 'list')) {
    const af: AddrFilters = { keep: [], inet: false, label: false };
    const devs = shownDevs(ns, a, af);
    return ok(
      showAddr(devs, {
        ...opts,
        ...(af.inet ? { family: 'inet' as const } : {}),
        ...(af.keep.length ? { addrFilter: (d: Device, x: IfAddr) => af.keep.every((f) => f(d, x)) } : {}),
        ...(af.label ? { labelOnly: true } : {}),
      }),
    );
  }
  if (cmd === 'flush') {
    // ipaddr_flush: the addresses the show filters keep, deleted one by one in the dump's order
    if (a.length === 0) throw new CmdError('Flush requires arguments.', 1);
    const af: AddrFilters = { keep: [], inet: false, label: false };
    const devs = shownDevs(ns, a, af);
    for (const d of devs) {
      const order = [...d.addrs.filter((x) => !x.secondary), ...d.addrs.filter((x) => x.secondary)];
      for (const x of order) if (d.addrs.includes(x) && af.keep.every((f) => f(d, x))) delIfa(w, ns, d, x);
    }
    return ok();
  }
  if (cmd !== 'add' && cmd !== 'del' && cmd !== 'delete' && cmd !== 'replace' && cmd !== 'change') {
    throw new CmdError(`Command "${cmd}" is unknown, try "ip address help".`, 255);
  }
  let pfx: { addr: Ipv4; plen: number } | null = null;
  let devName: string | undefined;
  let brdText: string | undefined;
  let label: string | undefined;
  let noprefixroute = false;
  let metric: number | null = null;
  let validLft: number | null = null;
  let preferredLft: number | null = null;
  let peer: { addr: Ipv4; plen: number } | null = null;
  let scope: number | null = null;
  for (let i = 0; i < a.length; i++) {
    const k = a[i]!;
    if (k === 'dev') {
      devName = a[++i];
      continue;
    }
    if (k === 'peer' || k === 'remote') {
      const v = a[++i];
      if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
      peer = parsePrefixIproute(v);
      if (peer === null) throw new CmdError(`Error: inet prefix is expected rather than "${v}".`, 1);
      continue;
    }
    if (k === 'noprefixroute') {
      noprefixroute = true;
      continue;
    }
    if (k === 'metric' || k === 'priority' || k === 'preference') {
      const v = a[++i];
      if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
      metric = cNumber(v, 4294967295);
      // iproute2's message carries a newline of its own
      if (metric === null) throw new CmdError(`Error: argument "${v}" is wrong: "metric" value is invalid\n`, 255);
      continue;
    }
    if (k === 'brd' || k === 'broadcast') {
      brdText = a[++i];
      if (brdText !== '+' && brdText !== '-' && (brdText === undefined || parseInetIproute(brdText) === null))
        throw new CmdError(`Error: inet address is expected rather than "${brdText ?? ''}".`, 1);
      continue;
    }
    if (k === 'label') {
      label = a[++i];
      continue;
    }
    if (k === 'scope') {
      scope = parseRtScope(a[++i]);
      continue;
    }
    if (k === 'valid_lft' || k === 'preferred_lft') {
      // ipaddr_modify: forever or an unsigned 32-bit count of seconds (0xffffffff is forever)
      const v = a[++i];
      if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
      const n = v === 'forever' ? INFINITY_LIFE_TIME : cNumber(v, INFINITY_LIFE_TIME);
      if (n === null) throw new CmdError(`Error: argument "${v}" is wrong: ${k} value`, 255);
      if (k === 'valid_lft') validLft = n;
      else preferredLft = n;
      continue;
    }
    if (k === 'local') {
      pfx = parsePrefixArg(a[++i]);
      continue;
    }
    if (pfx === null) {
      pfx = parsePrefixArg(k);
      continue;
    }
    throw new CmdError(`Error: either "local" is duplicate, or "${k}" is a garbage.`, 255);
  }
  if (pfx === null) throw new CmdError('Not enough information: "local" argument is required.', 1);
  let lifetimes: IfAddr['lifetimes'];
  if (validLft !== null || preferredLft !== null) {
    const valid = validLft ?? INFINITY_LIFE_TIME;
    const preferred = preferredLft ?? INFINITY_LIFE_TIME;
    if (valid === 0) throw new CmdError('valid_lft is zero', 255);
    if (valid < preferred) throw new CmdError('preferred_lft is greater than valid_lft', 255);
    const fin = (x: number): number | null => (x === INFINITY_LIFE_TIME ? null : x);
    lifetimes =
      valid === INFINITY_LIFE_TIME && preferred === INFINITY_LIFE_TIME
        ? undefined
        : { valid: fin(valid), preferred: fin(preferred), tstamp: w.clock.now() };
  }
  const d = needDev(ns, devName);
  const addr = pfx.addr;
  // with a peer, the prefix (and its length) is the peer's: the local address's own is ignored
  const plen = peer ? peer.plen : pfx.plen;
  const peerAddr = peer && peer.addr !== addr ? peer.addr : undefined;
  const net = networkOf(peerAddr ?? addr, plen);
  if (cmd === 'add' || cmd === 'replace' || cmd === 'change') {
    // __inet_insert_ifa: the same mask and prefix is the same address (same local) or a secondary
    const inNet = (x: IfAddr) => !x.secondary && x.plen === plen && networkOf(ifaPrefix(x), plen) === net;
    const same = d.addrs.find((x) => x.addr === addr && x.plen === plen && networkOf(ifaPrefix(x), plen) === net);
    if (same) {
      if (cmd === 'add') throw new CmdError('Error: ipv4: Address already assigned.', 2);
      // NLM_F_REPLACE: set_ifa_lifetime gives the address the lifetimes asked for (forever if none)
      if (lifetimes) same.lifetimes = lifetimes;
      else delete same.lifetimes;
      return ok();
    }
    const secondary = d.addrs.some(inNet);
    // __inet_insert_ifa: a secondary takes its primary's scope or is refused
    const primary = d.addrs.find(inNet);
    if (primary && ifaScope(primary) !== (scope ?? (addr >>> 24 === 127 ? 254 : 0)))
      throw new CmdError('Error: ipv4: Invalid scope value.', 2);
    // ipaddr_modify: `brd +` / `brd -` set the host bits to ones / zeros, for /30 and wider only
    let brd: number | undefined;
    if (brdText === '+' || brdText === '-') {
      if (plen <= 30) brd = brdText === '+' ? broadcastOf(addr, plen) : networkOf(addr, plen);
    } else if (brdText !== undefined) brd = parseInetIproute(brdText)!;
    const ifa: IfAddr = {
      addr,
      plen,
      secondary,
      ...(noprefixroute ? { noprefixroute } : {}),
      ...(metric ? { metric } : {}),
      ...(peerAddr !== undefined ? { peer: peerAddr } : {}),
      ...(brd !== undefined ? { brd } : {}),
      ...(label !== undefined && label !== d.name ? { label } : {}),
      ...(scope !== null ? { scope } : {}),
      ...(lifetimes ? { lifetimes } : {}),
    };
    // __inet_insert_ifa: a primary goes after the last primary of the same or a narrower
    // scope (so narrower scopes lead the list); a secondary goes last
    if (secondary) d.addrs.push(ifa);
    else {
      let at = 0;
      d.addrs.forEach((x, j) => {
        if (!x.secondary && ifaScope(ifa) <= ifaScope(x)) at = j + 1;
      });
      d.addrs.splice(at, 0, ifa);
    }
    w.addAddrRoutes(d, addr, plen, secondary, ifa);
    return ok();
  }
  const hit = d.addrs.find(
    (x) =>
      x.addr === addr &&
      (peer ? x.plen === plen && ifaPrefix(x) === (peerAddr ?? addr) : x.plen === plen || !a.some((t) => t.includes('/'))),
  );
  // inet_rtm_deladdr: EADDRNOTAVAIL, with its extack message
  if (!hit) throw new CmdError('Error: ipv4: Address not found.', 2);
  delIfa(w, ns, d, hit);
  return ok();
}

/** __inet_del_ifa: HIT goes, and without promote_secondaries the secondaries of its subnet with it */
function delIfa(w: World, ns: Netns, d: Device, hit: IfAddr): void {
  const secondaries = hit.secondary
    ? []
    : d.addrs.filter((x) => x.secondary && x.plen === hit.plen && networkOf(ifaPrefix(x), x.plen) === networkOf(ifaPrefix(hit), hit.plen));
  // __inet_del_ifa: with promote_secondaries (conf.all or the device's own) the first
  // secondary of the subnet becomes its primary; without, the secondaries go with it
  if (secondaries.length && ns.conf(d, 'promote_secondaries')) {
    w.promoteSecondary(d, hit, secondaries[0]!);
    return;
  }
  const gone = [hit, ...secondaries];
  d.addrs = d.addrs.filter((x) => !gone.includes(x));
  for (const g of gone) w.delAddrRoutes(d, g.addr, g.plen, g.peer, g.brd);
}

// ---- ip route ------------------------------------------------------------------------------

interface RouteSpec {
  dst: Ipv4;
  plen: number;
  gw: Ipv4 | null;
  dev: Device | null;
  src: Ipv4 | null;
  metric: number | null;
  type: Route['type'];
  table: number;
  onlink: boolean;
  mtu: number | null;
  mtuLock: boolean;
  /** `proto NAME|N`; boot when not given */
  proto?: string;
  /** `scope NAME|N` as given (null: the type's own) */
  scope: RouteScope | null;
  /** `table` was given (a local or broadcast route goes to table local otherwise) */
  tableGiven: boolean;
  /** a type the kernel refuses whatever else the line says (nat, xresolve: no scope fits them) */
  refused?: string;
}

const SCOPE_NUMBER: Readonly<Record<RouteScope, number>> = { global: 0, link: 253, host: 254 };

/**
 * What iproute2 fills in and the kernel checks when a route is added (iproute2's iproute_modify,
 * then fib_create_info and fib_check_nh): local and broadcast routes go to table local unless a
 * table is named; each type has its own default scope and the least scope it takes; a host-scope
 * route has no gateway; the types that only refuse or end a lookup take no nexthop; a local or
 * broadcast route needs its device.
 */
function checkRouteType(s: RouteSpec): RouteScope {
  if (s.refused) throw new CmdError(s.refused, 2);
  const least: RouteScope = s.type === 'local' ? 'host' : s.type === 'broadcast' ? 'link' : 'global';
  const scope = s.scope ?? (s.type === 'unicast' ? (s.gw === null ? 'link' : 'global') : least);
  if (SCOPE_NUMBER[scope] < SCOPE_NUMBER[least]) throw new CmdError('Error: Invalid scope.', 2);
  if (s.type === 'blackhole' || s.type === 'unreachable' || s.type === 'prohibit' || s.type === 'throw') {
    if (s.gw !== null || s.dev) throw new CmdError('Error: Gateway, device and multipath can not be specified for this route type.', 2);
  }
  if (scope === 'host' && s.gw !== null) throw new CmdError('Error: Route with host scope can not have a gateway.', 2);
  if ((s.type === 'local' || s.type === 'broadcast') && !s.dev) throw new CmdError('RTNETLINK answers: No such device', 2);
  return scope;
}

/** rtnl_rtscope_a2n: /etc/iproute2/rt_scopes names (and `universe`), or a number */
function parseScope(v: string | undefined): RouteScope {
  const named: Record<string, RouteScope> = { global: 'global', universe: 'global', link: 'link', host: 'host' };
  const hit = v === undefined ? undefined : named[v];
  if (hit) return hit;
  const n = v === undefined ? null : cNumber(v, 255);
  if (n === 0) return 'global';
  if (n === 253) return 'link';
  if (n === 254) return 'host';
  if (n === null && v !== 'site' && v !== 'nowhere')
    throw new CmdError(`Error: argument "${v ?? ''}" is wrong: invalid "scope" value\n`, 255);
  throw new CmdError(`netlab: route scope ${v} is not modelled (global, link and host are)`, 255);
}

/** the route types iproute2 reads before the prefix (rtnl_rtntype_a2n) */
const ROUTE_TYPES = new Set([
  'unicast',
  'local',
  'broadcast',
  'blackhole',
  'unreachable',
  'prohibit',
  'throw',
  'nat',
  'xresolve',
  'anycast',
  'multicast',
]);

function parseRouteSpec(ns: Netns, a: string[]): RouteSpec {
  const spec: RouteSpec = {
    dst: 0,
    plen: -1,
    gw: null,
    dev: null,
    src: null,
    metric: null,
    type: 'unicast',
    table: RT_TABLE_MAIN,
    onlink: false,
    mtu: null,
    mtuLock: false,
    scope: null,
    tableGiven: false,
  };
  let devName: string | undefined;
  let sawVia = false;
  for (let i = 0; i < a.length; i++) {
    const k = a[i]!;
    const v = a[i + 1];
    if (k === 'via') {
      if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
      if (sawVia) throw new CmdError('Error: argument "via" is wrong: use nexthop syntax to specify multiple via', 255);
      sawVia = true;
      const g = parseInetIproute(v === 'inet' ? (a[i + 2] ?? '') : v);
      if (g === null) throw new CmdError(`Error: inet address is expected rather than "${v}".`, 1);
      if (v === 'inet') i++;
      spec.gw = g === 0 ? null : g;
      i++;
      continue;
    }
    if (k === 'dev' || k === 'oif') {
      devName = v;
      i++;
      continue;
    }
    if (k === 'src') {
      const s = parseInetIproute(v ?? '');
      if (s === null) throw new CmdError(`Error: inet address is expected rather than "${v}".`, 1);
      spec.src = s;
      i++;
      continue;
    }
    if (k === 'metric' || k === 'priority' || k === 'preference') {
      const m = cNumber(v ?? '', 4294967295);
      if (m === null) throw new CmdError(`Error: argument "${v}" is wrong: "metric" value is invalid`, 255);
      spec.metric = m;
      i++;
      continue;
    }
    if (k === 'table') {
      spec.table = parseTable(v, '"table" value is invalid');
      spec.tableGiven = true;
      i++;
      continue;
    }
    if (k === 'proto' || k === 'protocol') {
      spec.proto = parseRtProto(v);
      i++;
      continue;
    }
    if (k === 'mtu') {
      // RTAX_MTU, `lock` first if locked; get_unsigned, and iproute2's message ends in a newline
      const lock = v === 'lock';
      const n = lock ? a[i + 2] : v;
      if (n === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
      const m = cNumber(n, 4294967295);
      if (m === null) throw new CmdError(`Error: argument "${n}" is wrong: "mtu" value is invalid\n`, 255);
      spec.mtu = m;
      spec.mtuLock = lock;
      i += lock ? 2 : 1;
      continue;
    }
    if (k === 'scope') {
      spec.scope = parseScope(v);
      i++;
      continue;
    }
    if (k === 'onlink') {
      spec.onlink = true;
      continue;
    }
    // iproute_modify's other route metrics and attributes: the lab keeps no TCP metrics
    if (ROUTE_METRICS_NOT_MODELLED.has(k)) throw new CmdError(`netlab: ip route ${k} is not modelled (mtu [lock] is)`, 2);
    if (ROUTE_TYPES.has(k) && spec.plen < 0) {
      // RTN_NAT and RTN_XRESOLVE have no scope the kernel takes (fib_create_info)
      if (k === 'anycast' || k === 'multicast') throw new CmdError(`netlab: ${k} routes are not modelled`, 2);
      if (k === 'nat' || k === 'xresolve') spec.refused = 'Error: Invalid scope.';
      else spec.type = k as Route['type'];
      continue;
    }
    if (spec.plen < 0) {
      const c = parsePrefixIproute(k);
      if (!c) throw new CmdError(`Error: inet prefix is expected rather than "${k}".`, 1);
      if (networkOf(c.addr, c.plen) !== c.addr) throw new CmdError('Error: Invalid prefix for given prefix length.', 2);
      spec.dst = c.addr;
      spec.plen = c.plen;
      continue;
    }
    throw new CmdError(`Error: either "to" is duplicate, or "${k}" is a garbage.`, 255);
  }
  if (devName !== undefined) spec.dev = needDev(ns, devName);
  if ((spec.type === 'local' || spec.type === 'broadcast') && !spec.tableGiven) spec.table = RT_TABLE_LOCAL;
  return spec;
}

/** fib_check_nh: a gateway must be reachable on a link (a route without a gateway leads to it) */
function checkNexthop(ns: Netns, s: RouteSpec): Device | null {
  if (s.type !== 'unicast') return null;
  if (s.gw === null) {
    // fib_check_nh_nongw: onlink is a gateway's flag; no device at all is ENODEV (`via 0.0.0.0` is no gateway)
    if (s.onlink) throw new CmdError('Error: Invalid flags for nexthop - PERVASIVE and ONLINK can not be set.', 2);
    if (!s.dev) throw new CmdError('RTNETLINK answers: No such device', 2);
    if (!s.dev.up) throw new CmdError('Error: Device for nexthop is not up.', 2);
    return s.dev;
  }
  if (s.onlink) return checkOnlinkGateway(ns, s.gw, s.dev);
  // fib_check_nh_v4_gw: the route's own table first, then the whole lookup through the rules,
  // among routes that lead to a link (scope link or host: no gateway routes)
  const onLink = (r: Route) =>
    r.gw === null &&
    !(r.scope === 'global' && r.type === 'unicast') &&
    (r.type === 'unicast' || r.type === 'local' || r.type === 'broadcast');
  const own = s.table !== RT_TABLE_MAIN && s.table !== RT_TABLE_LOCAL ? ns.fib.lookupTable(s.table, s.gw, s.dev, onLink) : null;
  let best = own ?? ns.fib.lookup(s.gw, s.dev, { src: 0, iif: 'lo', mark: 0 }, onLink);
  if (best && best.type !== 'unicast' && best.type !== 'local' && best.type !== 'broadcast') best = null;
  // the full fib_lookup finds a subnet's broadcast address in the local table: not a gateway
  if (!best || best.type === 'broadcast') throw new CmdError('Error: Nexthop has invalid gateway.', 2);
  const dev = s.dev ?? best.dev;
  if (!dev || !dev.up) throw new CmdError('Error: Nexthop device is not up.', 2);
  return best.type === 'local' && !s.dev ? (best.dev ?? dev) : dev;
}

/**
 * fib_check_nh_v4_gw for an onlink nexthop: the device must be given and up, and the gateway
 * must be a unicast address (inet_addr_type_dev_table: not multicast, not the limited
 * broadcast, and neither local nor broadcast in the local table); its subnets do not matter.
 */
function checkOnlinkGateway(ns: Netns, gw: Ipv4, dev: Device | null): Device {
  if (!dev) throw new CmdError('Error: Nexthop device required for onlink.', 2);
  if (!dev.up) throw new CmdError('Error: Nexthop device is not up.', 2);
  const invalid = () => new CmdError('Error: Nexthop has invalid gateway.', 2);
  if (gw >>> 28 === 0xe || gw === 0xffffffff) throw invalid();
  let best: Route | null = null;
  for (const r of ns.fib.routes) {
    if (r.table !== RT_TABLE_LOCAL || !inPrefix(gw, r.dst, r.plen)) continue;
    if (!best || r.plen > best.plen) best = r;
  }
  if (best && best.type !== 'unicast') throw invalid();
  return dev;
}

/**
 * rtnl_rttable_a2n: a name from /etc/iproute2/rt_tables (Debian ships local, main, default
 * and unspec) or a number in C notation; table 0 (unspec) is main when a route is added.
 */
function parseTable(v: string | undefined, what: string): number {
  const named: Record<string, number> = { local: RT_TABLE_LOCAL, main: RT_TABLE_MAIN, default: RT_TABLE_DEFAULT, unspec: 0 };
  const n = v === undefined ? null : (named[v] ?? cNumber(v, 4294967295));
  if (n === null) throw new CmdError(`Error: argument "${v ?? ''}" is wrong: ${what}`, 255);
  return n === 0 ? RT_TABLE_MAIN : n;
}

/** strerror of what fib_lookup returned: blackhole is EINVAL, prohibit EACCES. */
const ROUTE_GET_ERRORS: Readonly<Record<string, string>> = {
  ENETUNREACH: 'Network is unreachable',
  EHOSTUNREACH: 'No route to host',
  EINVAL: 'Invalid argument',
  EACCES: 'Permission denied',
};

/** `ip route get DST from SRC iif DEV`: the kernel's answer for a packet received on DEV (ip_route_input) */
/**
 * The table a route came from, as the kernel reports it: main and local are one merged table
 * until a rule is first added or deleted (fib_unmerge), so only then is local named; main never is.
 */
/**
 * RTA_TABLE of a route get: without rules of the user's the kernel's local and main tables are
 * one (the merged trie), so every route comes from main; iproute2 prints main only with -d
 */
function routeGetTable(p: Printer, ns: Netns, r: Route | null, details: boolean | undefined): void {
  if (!r) return;
  const table = ns.fib.customRules ? r.table : RT_TABLE_MAIN;
  if (table !== RT_TABLE_MAIN || details) p.any('table', 'table %s ', tableName(table));
}

/** RTA_MARK: iproute2 prints small marks in decimal, from 16 up in hex */
function routeGetMark(p: Printer, mark: number): void {
  if (!mark) return;
  if (p.isJson) p.json('mark', mark);
  else p.fp(`mark ${mark >= 16 ? `0x${mark.toString(16)}` : mark} `);
}

function routeGetInput(ns: Netns, dst: Ipv4, from: Ipv4, iif: Device, mark: number, opts: IpShowOpts): string {
  const d = routeInput(ns, iif, from, dst, mark);
  if (d.kind === 'drop') {
    // not forwarding: EHOSTUNREACH; a source that fails validation: EINVAL (martian) or EXDEV (rp_filter)
    if (d.code === 'ip-forward-off') throw new CmdError('RTNETLINK answers: No route to host', 2);
    if (d.code === 'rp-filter') throw new CmdError('RTNETLINK answers: Invalid cross-device link', 2);
    throw new CmdError('RTNETLINK answers: Invalid argument', 2);
  }
  if (d.kind === 'unreach') {
    const errno = d.icmpCode === 13 ? 'Permission denied' : d.icmpCode === 1 ? 'No route to host' : 'Network is unreachable';
    throw new CmdError(`RTNETLINK answers: ${errno}`, 2);
  }
  const p = new Printer(opts);
  p.open();
  if (d.kind === 'local') p.any('type', '%s ', d.broadcast ? 'broadcast' : 'local');
  else if (opts.details) p.any('type', '%s ', 'unicast');
  p.any('dst', '%s ', formatIpv4(dst));
  p.any('from', 'from %s ', formatIpv4(from));
  const gw = d.kind === 'forward' ? ns.gatewayOf(d.route) : null;
  if (gw !== null) p.any('gateway', 'via %s ', formatIpv4(gw));
  p.any('dev', 'dev %s ', d.kind === 'local' ? 'lo' : (d.route.dev?.name ?? iif.name));
  if (d.kind === 'forward') routeGetTable(p, ns, d.route, opts.details);
  p.openArray('flags');
  p.closeArray();
  routeGetMark(p, mark);
  p.nl();
  p.openArray('cache');
  p.fp('    cache ');
  if (d.kind === 'local') p.item('<%s> ', d.broadcast ? 'local,brd' : 'local');
  p.closeArray();
  p.any('iif', 'iif %s ', iif.name);
  p.close();
  p.eol();
  return p.done();
}

function routeCmd(w: World, ns: Netns, a: string[], opts: IpShowOpts): ExecResult {
  const cmd = a.shift();
  if (cmd === undefined || is(cmd, 'show') || is(cmd, 'list')) {
    const f = parseRouteFilter(ns, a, { protos: RT_PROTOS }, opts.family === 'inet' ? 'inet' : undefined);
    if (f.table === 0) return ok(showRoutes(ns, 'all', opts, f));
    // a table with no route was never made: the strict dump refuses it
    if (!ns.fib.tables.has(f.table)) throw new CmdError('Error: ipv4: FIB table does not exist.\nDump terminated', 2);
    return ok(showRoutes(ns, f.table, opts, f));
  }
  if (cmd === 'get') {
    let dstText: string | undefined;
    let from: Ipv4 | null = null;
    let oif: Device | null = null;
    let iif: Device | null = null;
    let mark = 0;
    for (let i = 0; i < a.length; i++) {
      const k = a[i]!;
      if (k === 'to') continue;
      if (k === 'mark') {
        const v = a[++i];
        if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
        const m = cNumber(v, 0xffffffff);
        if (m === null) throw new CmdError(`Error: argument "${v}" is wrong: invalid mark value`, 255);
        mark = m;
        continue;
      }
      if (k === 'from' || k === 'oif' || k === 'iif' || k === 'dev') {
        const v = a[++i];
        if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
        if (k === 'from') {
          const p = parsePrefixIproute(v);
          if (!p) throw new CmdError(`Error: inet prefix is expected rather than "${v}".`, 1);
          from = p.addr;
        } else if (k === 'iif') iif = needDev(ns, v);
        else oif = needDev(ns, v);
        continue;
      }
      if (dstText === undefined) {
        dstText = k;
      }
    }
    if (dstText === undefined) throw new CmdError('need at least a destination address', 1);
    const pfx = parsePrefixIproute(dstText);
    if (pfx === null) throw new CmdError(`Error: any valid prefix is expected rather than "${dstText}".`, 1);
    const dst = pfx.addr;
    // iproute2 asks for the address alone and says so when given a shorter prefix
    const warn =
      dstText.includes('/') && pfx.plen !== 32 ? `Warning: /${pfx.plen} as prefix is invalid, only /32 (or none) is supported.\n` : '';
    // with iif the kernel runs ip_route_input: source 0.0.0.0 is a martian (EINVAL)
    if (iif && (from === null || from === 0)) throw new CmdError('RTNETLINK answers: Invalid argument', 2);
    if (iif) return ok(routeGetInput(ns, dst, from!, iif, mark, opts), warn);
    // an output route from an address that is not ours: __ip_dev_find fails
    if (from !== null && from !== 0 && !ns.isLocalAddr(from)) throw new CmdError('RTNETLINK answers: Network is unreachable', 2);
    const rt = routeOutput(ns, dst, from, oif, mark);
    if (!rt.ok) throw new CmdError(`RTNETLINK answers: ${ROUTE_GET_ERRORS[rt.errno]}`, 2);
    const p = new Printer(opts);
    p.open();
    if (rt.local) p.any('type', '%s ', 'local');
    else if (opts.details) p.any('type', '%s ', 'unicast');
    p.any('dst', '%s ', formatIpv4(dst));
    // the source asked for is printed as `from`; the one the kernel chose as `src`
    if (from !== null && from !== 0) p.any('from', 'from %s ', formatIpv4(from));
    const gw = rt.route ? ns.gatewayOf(rt.route) : null;
    if (!rt.local && gw !== null) p.any('gateway', 'via %s ', formatIpv4(gw));
    p.any('dev', 'dev %s ', rt.local ? 'lo' : rt.dev.name);
    routeGetTable(p, ns, rt.route, opts.details);
    // no address fits the route's scope: the kernel names no source (RTA_PREFSRC absent)
    if ((from === null || from === 0) && rt.src !== 0) p.any('prefsrc', 'src %s ', formatIpv4(rt.src));
    p.openArray('flags');
    p.closeArray();
    routeGetMark(p, mark);
    p.any('uid', 'uid %s ', 0);
    p.nl();
    p.openArray('cache');
    p.fp('    cache ');
    if (rt.local) p.item('<%s> ', 'local');
    p.closeArray();
    // a path MTU learnt from "fragmentation needed" is the route exception's (it lasts 10
    // minutes): print_rta_cacheinfo's expires, then the metrics
    const pmtu = rt.local ? undefined : ns.pmtu.get(dst);
    // ip_rt_mtu_expires (600 s) counted down on the virtual clock
    if (pmtu !== undefined) p.any('expires', 'expires %ssec ', Math.max(0, 600 - Math.floor((ns.world.clock.now() - pmtu.at) / 1000)));
    // the route's own MTU (RTAX_MTU) unless a learnt one stands in for it; locked by the
    // route's `mtu lock` or by a path MTU that fell below min_pmtu
    const mtu = pmtu?.mtu ?? (rt.local ? undefined : rt.route?.mtu);
    if (mtu !== undefined) {
      p.openArray('metrics');
      p.open();
      p.fp(mtuLocked(ns, rt, dst) ? 'mtu lock ' : 'mtu ');
      p.json('mtu', mtu);
      p.fp(`${mtu} `);
      p.close();
      p.closeArray();
    }
    p.close();
    p.eol();
    return ok(p.done(), warn);
  }
  if (cmd === 'flush') {
    const s = a.length ? parseRouteSpec(ns, a) : null;
    ns.fib.remove((r) => r.table === (s?.table ?? RT_TABLE_MAIN) && (!s || (s.dev ? r.dev === s.dev : true)));
    return ok();
  }
  if (cmd !== 'add' && cmd !== 'replace' && cmd !== 'del' && cmd !== 'delete' && cmd !== 'change' && cmd !== 'append') {
    throw new CmdError(`Command "${cmd}" is unknown, try "ip route help".`, 255);
  }
  const s = parseRouteSpec(ns, a);
  if (s.plen < 0) throw new CmdError('Error: either "to" is duplicate, or "" is a garbage.', 255);
  // fib_new_table: the table exists from the first request to add to it, refused or not
  if (cmd !== 'del' && cmd !== 'delete') ns.fib.tables.add(s.table);
  if (cmd === 'del' || cmd === 'delete') {
    const hit = ns.fib.routes.find(
      (r) =>
        r.table === s.table &&
        r.dst === s.dst &&
        r.plen === s.plen &&
        (s.metric === null || r.metric === s.metric) &&
        (s.gw === null || r.gw === s.gw) &&
        (!s.dev || r.dev === s.dev) &&
        (s.type === 'unicast' || r.type === s.type),
    );
    if (!hit) throw new CmdError('RTNETLINK answers: No such process', 2);
    ns.fib.remove((r) => r === hit);
    return ok();
  }
  const scope = checkRouteType(s);
  // fib_check_nh_v4_gw looks the gateway up one scope narrower than the route's: for a
  // link-scope route only a local address would do
  if (s.type === 'unicast' && s.gw !== null && scope === 'link' && !s.onlink && !ns.isLocalAddr(s.gw))
    throw new CmdError('Error: Nexthop has invalid gateway.', 2);
  const dev = s.type === 'local' || s.type === 'broadcast' ? s.dev : checkNexthop(ns, s);
  if (s.src !== null && !ns.isLocalAddr(s.src)) throw new CmdError('Error: Invalid source address.', 2);
  const metric = s.metric ?? 0;
  const route: Route = {
    table: s.table,
    type: s.type,
    dst: s.dst,
    plen: s.plen,
    gw: s.gw,
    dev,
    src: s.src,
    metric,
    proto: s.proto ?? 'boot',
    scope,
    ...(s.onlink && s.gw !== null ? { onlink: true as const } : {}),
    ...(s.mtu ? { mtu: s.mtu } : {}),
    ...(s.mtu && s.mtuLock ? { mtuLock: true as const } : {}),
  };
  const existing = ns.fib.routes.find((r) => r.table === s.table && r.dst === s.dst && r.plen === s.plen && r.metric === metric);
  if (cmd === 'add' || cmd === 'append') {
    if (existing && cmd === 'add') throw new CmdError('RTNETLINK answers: File exists', 2);
    ns.fib.add(route);
    return ok();
  }
  if (cmd === 'change' && !existing) throw new CmdError('RTNETLINK answers: No such file or directory', 2);
  if (existing) ns.fib.replace(existing, route);
  else ns.fib.add(route);
  return ok();
}

// ---- ip rule -------------------------------------------------------------------------------

/** `ip rule show` of one rule, as iproute2 prints it */
/** print_rule: one rule, its text and its JSON (iprule.c) */
function printRule(p: Printer, r: FibRule): void {
  const pfx = (key: string, word: string, x: { addr: Ipv4; plen: number }): void => {
    p.any(key, `${word}%s`, formatIpv4(x.addr));
    if (x.plen !== 32) p.any(`${key}len`, '/%s', x.plen);
  };
  p.open();
  p.any('priority', '%s:\t', r.pref);
  if (r.not) p.any('not', 'not ', null);
  if (r.src !== null) pfx('src', 'from ', r.src);
  else p.any('src', 'from %s', 'all');
  if (r.dst !== null) pfx('dst', ' to ', r.dst);
  if (r.fwmark !== null) {
    p.any('fwmark', ' fwmark %s', `0x${r.fwmark.mark.toString(16)}`);
    if (r.fwmark.mask !== 0xffffffff) p.any('fwmask', '/%s', `0x${r.fwmark.mask.toString(16)}`);
  }
  if (r.iif !== null) p.any('iif', ' iif %s', r.iif);
  if (r.oif !== null) p.any('oif', ' oif %s', r.oif);
  if (r.action === 'lookup') p.any('table', ' lookup %s', tableName(r.table));
  else p.any('action', ' %s', r.action);
  p.close();
  p.eol();
}

/** ip rule show [table ID] [pref N]: the rules, those two selectors as iprule.c filters them */
function showRules(ns: Netns, a: string[], opts: IpShowOpts): string {
  let table: number | null = null;
  let pref: number | null = null;
  for (let i = 0; i < a.length; i++) {
    const k = a[i]!;
    const v = a[++i];
    if (k !== 'table' && k !== 'lookup' && k !== 'pref' && k !== 'preference' && k !== 'priority' && k !== 'order')
      throw new CmdError(`netlab: ip rule show ${k} is not modelled (ip rule show [table ID] [pref N])`, 1);
    if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
    if (k === 'table' || k === 'lookup') {
      table = parseTable(v, 'table id value is invalid');
    } else {
      pref = cNumber(v, 4294967295);
      if (pref === null) throw new CmdError(`Error: argument "${v}" is wrong: preference value is invalid`, 255);
    }
  }
  const p = new Printer(opts);
  for (const r of ns.fib.rules) {
    if (table !== null && (r.action !== 'lookup' || r.table !== table)) continue;
    if (pref !== null && r.pref !== pref) continue;
    printRule(p, r);
  }
  return p.done();
}

/** ip rule [list|show] | add|del SELECTOR ACTION | flush */
function ruleCmd(ns: Netns, a: string[], opts: IpShowOpts): ExecResult {
  const cmd = a.shift();
  if (cmd === undefined || is(cmd, 'show') || is(cmd, 'list')) return ok(showRules(ns, a, opts));
  if (cmd === 'flush') {
    // everything but the rules of preference 0 (the local table's)
    ns.fib.rules = ns.fib.rules.filter((r) => r.pref === 0);
    ns.fib.customRules = true;
    return ok();
  }
  if (cmd !== 'add' && cmd !== 'del' && cmd !== 'delete') throw new CmdError(`Command "${cmd}" is unknown, try "ip rule help".`, 255);
  const add = cmd === 'add';
  let not = false;
  let src: FibRule['src'] = null;
  let dst: FibRule['dst'] = null;
  let iif: string | null = null;
  let oif: string | null = null;
  let fwmark: FibRule['fwmark'] = null;
  let pref: number | null = null;
  let table: number | null = null;
  let action: FibRule['action'] | null = null;
  const prefix = (v: string | undefined): { addr: Ipv4; plen: number } | null => {
    if (v === 'all') return null;
    const p = v === undefined ? null : parsePrefixIproute(v);
    if (!p) throw new CmdError(`Error: an inet prefix is expected rather than "${v ?? ''}".`, 1);
    return { addr: networkOf(p.addr, p.plen), plen: p.plen };
  };
  for (let i = 0; i < a.length; i++) {
    const k = a[i]!;
    if (k === 'not') {
      not = true;
      continue;
    }
    if (k === 'blackhole' || k === 'unreachable' || k === 'prohibit') {
      action = k;
      continue;
    }
    const v = a[++i];
    if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
    if (k === 'from') src = prefix(v);
    else if (k === 'to') dst = prefix(v);
    else if (k === 'iif' || k === 'dev') iif = v;
    else if (k === 'oif') oif = v;
    else if (k === 'fwmark') {
      const [m, mask] = v.split('/');
      const mark = cNumber(m, 4294967295);
      const mk = mask === undefined ? 0xffffffff : cNumber(mask, 4294967295);
      if (mark === null) throw new CmdError(`Error: argument "${v}" is wrong: fwmark value is invalid`, 255);
      if (mk === null) throw new CmdError(`Error: argument "${mask ?? ''}" is wrong: fwmask value is invalid`, 255);
      fwmark = { mark, mask: mk };
    } else if (k === 'priority' || k === 'pref' || k === 'preference' || k === 'order') {
      pref = cNumber(v, 4294967295);
      if (pref === null) throw new CmdError(`Error: argument "${v}" is wrong: preference value is invalid`, 255);
    } else if (k === 'table' || k === 'lookup') {
      table = parseTable(v, 'invalid table ID');
      action ??= 'lookup';
    } else if (k === 'type') {
      if (v !== 'blackhole' && v !== 'unreachable' && v !== 'prohibit' && v !== 'unicast')
        throw new CmdError(`Error: argument "${v}" is wrong: Failed to parse rule type`, 255);
      if (v !== 'unicast') action = v;
    } else throw new CmdError(`Error: argument "${k}" is wrong: Failed to parse rule type`, 255);
  }
  if (!add) {
    // rule_find: the first rule equal in every attribute the command names
    const hit = ns.fib.rules.find(
      (r) =>
        (pref === null || r.pref === pref) &&
        (table === null || r.table === table) &&
        (action === null || r.action === action) &&
        (src === null || (r.src?.addr === src.addr && r.src.plen === src.plen)) &&
        (dst === null || (r.dst?.addr === dst.addr && r.dst.plen === dst.plen)) &&
        (iif === null || r.iif === iif) &&
        (oif === null || r.oif === oif) &&
        (fwmark === null || (r.fwmark?.mark === fwmark.mark && r.fwmark.mask === fwmark.mask)) &&
        (!not || r.not),
    );
    if (!hit) throw new CmdError('RTNETLINK answers: No such file or directory', 2);
    ns.fib.rules = ns.fib.rules.filter((r) => r !== hit);
    ns.fib.customRules = true;
    return ok();
  }
  // iprule_modify: a rule with neither a table nor a type looks up main
  if (action === null) action = 'lookup';
  // fib_default_rule_pref: one below the second rule's, when that is not 0
  const second = ns.fib.rules[1];
  const rule: FibRule = {
    pref: pref ?? (second && second.pref ? second.pref - 1 : 0),
    not,
    src,
    dst,
    iif,
    oif,
    fwmark,
    action,
    table: action === 'lookup' ? (table ?? RT_TABLE_MAIN) : 0,
  };
  if (ns.fib.rules.some((r) => JSON.stringify(r) === JSON.stringify(rule))) throw new CmdError('RTNETLINK answers: File exists', 2);
  ns.fib.addRule(rule);
  ns.fib.customRules = true;
  return ok();
}

// ---- ip neigh ------------------------------------------------------------------------------

/** ipneigh.c do_show_or_flush's selectors: dev, nud (repeatable: the states add up), a prefix (`to`) */
function neighFilter(
  ns: Netns,
  a: string[],
  opts: IpShowOpts,
): { dev: Device | null; states: Set<string> | null; keep: (n: NeighEntry) => boolean } {
  {
    let devName: string | null = null;
    let states: Set<string> | null = null;
    let pfx: { addr: Ipv4; plen: number } | null = null;
    // `proxy`: the proxy neighbour entries, of which the lab keeps none (ip neigh add proxy is refused)
    let proxyOnly = false;
    for (let i = 0; i < a.length; i++) {
      const k = a[i]!;
      const next = (): string => {
        const v = a[++i];
        if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
        return v;
      };
      if (k === 'dev') devName = next();
      else if (k === 'proxy') proxyOnly = true;
      else if (k === 'nud') {
        const v = next();
        states ??= new Set();
        const st = nudStateOf(v);
        if (st === null) throw new CmdError(`Error: argument "${v}" is wrong: nud state is bad`, 255);
        for (const x of st) states.add(x);
      } else {
        const v = k === 'to' ? next() : k;
        const p = parsePrefixIproute(v);
        // get_prefix exits with its own message before ipneigh's invarg is reached
        if (!p) throw new CmdError(`Error: ${opts.family === 'inet' ? 'inet' : 'any valid'} prefix is expected rather than "${v}".`, 1);
        pfx = p;
      }
    }
    const dev = devName !== null ? needDev(ns, devName) : null;
    const inPfx = (ip: Ipv4): boolean => pfx === null || pfx.plen === 0 || (ip ^ pfx.addr) >>> (32 - pfx.plen) === 0;
    const keep = (n: NeighEntry): boolean => !proxyOnly && (dev === null || n.dev === dev) && inPfx(n.ip);
    return { dev, states, keep };
  }
}

function neighCmd(ns: Netns, a: string[], opts: IpShowOpts): ExecResult {
  const cmd = a.shift();
  if (cmd === undefined || is(cmd, 'show') || is(cmd, 'list')) {
    const f = neighFilter(ns, a, opts);
    // iproute2 leaves NOARP entries out unless asked (`nud all`, `nud noarp`)
    const keep = (n: NeighEntry): boolean => f.keep(n) && (f.states === null ? n.state !== 'NOARP' : f.states.has(n.state));
    return ok(showNeigh(ns, keep, f.dev, opts));
  }
  if (cmd === 'flush') {
    if (a.length === 0) throw new CmdError('Flush requires arguments.', 1);
    // flush leaves what was set by hand (permanent, noarp) unless its states are named (`nud all`)
    const f = neighFilter(ns, a, opts);
    const gone = (n: NeighEntry): boolean => f.keep(n) && (f.states === null ? !neighAdmin(n) : f.states.has(n.state));
    ns.neigh = ns.neigh.filter((n) => !gone(n));
    return ok();
  }
  if (cmd === 'add' || cmd === 'replace' || cmd === 'change' || cmd === 'chg' || is(cmd, 'delete')) return neighChange(ns, cmd, a);
  throw new CmdError(`Command "${cmd}" is unknown, try "ip neigh help".`, 255);
}

/** nud_state_a2n: a state by name (some by any prefix), `all`, or a single-bit number */
function nudStateOf(v: string): string[] | null {
  const byBit: Record<number, string> = {
    1: 'INCOMPLETE',
    2: 'REACHABLE',
    4: 'STALE',
    8: 'DELAY',
    16: 'PROBE',
    32: 'FAILED',
    64: 'NOARP',
    128: 'PERMANENT',
  };
  if (v === 'all') return Object.values(byBit);
  if (v.length > 0 && 'permanent'.startsWith(v)) return ['PERMANENT'];
  if (v.length > 0 && 'reachable'.startsWith(v)) return ['REACHABLE'];
  // NUD_NONE is 0: accepted, and adds no state to the filter
  if (v === 'none') return [];
  const exact: Record<string, string> = {
    noarp: 'NOARP',
    stale: 'STALE',
    incomplete: 'INCOMPLETE',
    delay: 'DELAY',
    probe: 'PROBE',
  };
  if (v in exact) return [exact[v]!];
  if (v.length > 0 && 'failed'.startsWith(v)) return ['FAILED'];
  const n = cNumber(v, 0xff);
  if (n === null || (n & (n - 1)) !== 0) return null;
  return n === 0 ? [] : [byBit[n]!];
}

/** ip neigh add|replace|change|del IP [lladdr MAC] dev DEV [nud STATE] */
function neighChange(ns: Netns, cmd: string, a: string[]): ExecResult {
  let ip: Ipv4 | null = null;
  let mac: Mac | null = null;
  let devName: string | null = null;
  let nud: NeighEntry['state'] = 'PERMANENT';
  for (let i = 0; i < a.length; i++) {
    const k = a[i]!;
    const v = a[i + 1];
    if (k === 'lladdr' || k === 'dev' || k === 'nud' || k === 'to') {
      if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
      i++;
      if (k === 'lladdr') {
        mac = parseMac(v);
        if (mac === null) throw new CmdError(`"${v}" is invalid lladdr.`, 1);
      } else if (k === 'dev') devName = v;
      else if (k === 'to') ip = parseInetIproute(v);
      else {
        const st = nudStateOf(v);
        if (st === null || st.length > 1) throw new CmdError(`Error: argument "${v}" is wrong: nud state is bad`, 255);
        const s = st[0];
        if (s !== 'PERMANENT' && s !== 'NOARP' && s !== 'REACHABLE' && s !== 'STALE')
          throw new CmdError(`netlab: ip neigh ${cmd} nud ${v} is not modelled (permanent, noarp, reachable, stale)`, 1);
        nud = s;
      }
    } else if (ip === null) {
      ip = parseInetIproute(k);
      if (ip === null) throw new CmdError(`Error: any valid prefix is expected rather than "${k}".`, 1);
    } else throw new CmdError(`Error: either "to" is duplicate, or "${k}" is a garbage.`, 255);
  }
  if (ip === null || devName === null) throw new CmdError('Device and destination are required arguments.', 255);
  const d = needDev(ns, devName);
  const i = ns.neigh.findIndex((n) => n.dev === d && n.ip === ip);
  if (is(cmd, 'delete')) {
    if (i < 0) throw new CmdError('RTNETLINK answers: No such file or directory', 2);
    ns.neigh.splice(i, 1);
    return ok();
  }
  if (cmd === 'add' && i >= 0) throw new CmdError('RTNETLINK answers: File exists', 2);
  if ((cmd === 'change' || cmd === 'chg') && i < 0) throw new CmdError('RTNETLINK answers: No such file or directory', 2);
  // __neigh_update: a valid state without an address keeps the one a valid entry knows
  const known = i >= 0 && ns.neigh[i]!.state !== 'INCOMPLETE' && ns.neigh[i]!.state !== 'FAILED' ? ns.neigh[i]!.mac : null;
  const lladdr = mac ?? known;
  if (lladdr === null) throw new CmdError('Error: No link layer address given.', 2);
  const entry: NeighEntry = { ip, dev: d, mac: lladdr, state: nud, updated: ns.world.clock.now() };
  if (i >= 0) ns.neigh[i] = entry;
  else ns.neigh.push(entry);
  // a REACHABLE entry is confirmed now and turns STALE after reachable_time
  if (nud === 'REACHABLE') nudConfirmed(ns.world, entry);
  return ok();
}

export { formatRoute };
