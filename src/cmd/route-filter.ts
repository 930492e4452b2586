// `ip route show|list SELECTOR…`: the filter iproute2 6.1 builds from the command line
// (iproute_list_flush_or_save) and applies to every route the kernel dumps (filter_nlmsg).
// A selector that fixes a field also leaves that field out of each printed line (print_route
// skips dev with a dev filter, proto with a protocol filter, and so on), in text and JSON alike.

import { maskOf, parsePrefixIproute, type Cidr, type Ipv4 } from '../core/addr.ts';
import type { Device } from '../core/device.ts';
import { RT_TABLE_LOCAL, RT_TABLE_MAIN, RT_TABLE_DEFAULT, type Route } from '../core/ip/fib.ts';
import type { Netns } from '../core/netns.ts';
import { CmdError } from './result.ts';

/** rtnl_rtscope_a2n: rt_scopes as iproute2 ships it, and numbers */
const RT_SCOPES: Readonly<Record<string, number>> = { global: 0, universe: 0, nowhere: 255, host: 254, link: 253, site: 200 };
const SCOPE_OF: Readonly<Record<Route['scope'], number>> = { global: 0, link: 253, host: 254 };

/** rtnl_rtntype_a2n: the route types by name (brd is broadcast), and numbers */
const RTN_TYPES: Readonly<Record<string, number>> = {
  unicast: 1,
  local: 2,
  broadcast: 3,
  brd: 3,
  anycast: 4,
  multicast: 5,
  blackhole: 6,
  unreachable: 7,
  prohibit: 8,
  throw: 9,
  nat: 10,
  xresolve: 11,
};

/** iproute2's matches(): ARG is a prefix of WORD */
function matches(arg: string, word: string): boolean {
  return arg.length > 0 && word.startsWith(arg);
}

/** strtoul with base 0 over the whole word (get_u32, get_unsigned) */
function u32(v: string, max = 0xffffffff): number | null {
  if (!/^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(v)) return null;
  const n =
    v.startsWith('0x') || v.startsWith('0X') ? Number.parseInt(v.slice(2), 16) : /^0[0-7]/.test(v) ? Number.parseInt(v, 8) : Number(v);
  return n <= max ? n : null;
}

/** the selectors of one `ip route show`, and the fields they leave out of each line */
export interface RouteFilter {
  /** a table number, or 0 for all tables */
  readonly table: number;
  /** what keeps a route */
  readonly keep: (r: Route) => boolean;
  /** fields print_route leaves out: dev, protocol, scope, metric, prefsrc, gateway */
  readonly hide: ReadonlySet<string>;
}

export interface RouteFilterNames {
  /** rt_protos: name → number */
  readonly protos: Readonly<Record<string, number>>;
}

function invarg(msg: string, arg: string): CmdError {
  // iproute2's own messages end in a newline, and invarg adds one
  return new CmdError(`Error: argument "${arg}" is wrong: ${msg}`, 255);
}

/** get_prefix with the family ip was given (any valid, or inet for -4) */
function prefix(v: string | undefined, family: 'inet' | undefined): Cidr {
  if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
  const p = parsePrefixIproute(v);
  if (!p) throw new CmdError(`Error: ${family === 'inet' ? 'inet' : 'any valid'} prefix is expected rather than "${v}".`, 1);
  return p;
}

/** inet_addr_match: the first BITS bits of A and B agree */
function addrMatch(a: Ipv4, b: Ipv4, bits: number): boolean {
  const m = maskOf(Math.max(0, Math.min(32, bits)));
  return ((a ^ b) & m) >>> 0 === 0;
}

/**
 * Parse the selectors after `ip route show`. `table` is main unless given (`all` is every
 * table); `dev`/`oif` and `iif` name devices that must exist; everything else that is no
 * keyword is a destination prefix: exact by default, or after `root`, `match` or `exact`.
 */
export function parseRouteFilter(ns: Netns, a: readonly string[], names: RouteFilterNames, family?: 'inet'): RouteFilter {
  let table = RT_TABLE_MAIN;
  const keeps: ((r: Route) => boolean)[] = [];
  const hide = new Set<string>();
  let oif: string | null = null;
  let iif: string | null = null;
  const next = (i: number): string => {
    const v = a[i];
    if (v === undefined) throw new CmdError('Command line is not complete. Try option "help"', 255);
    return v;
  };
  for (let i = 0; i < a.length; i++) {
    const k = a[i]!;
    if (matches(k, 'table')) {
      const v = next(++i);
      const named: Record<string, number> = { local: RT_TABLE_LOCAL, main: RT_TABLE_MAIN, default: RT_TABLE_DEFAULT, unspec: 0 };
      const n = named[v] ?? u32(v);
      if (n !== null) table = n;
      else if (v === 'all') table = 0;
      else throw invarg('table id value is invalid\n', v);
    } else if (matches(k, 'protocol')) {
      const v = next(++i);
      const n = v in names.protos ? names.protos[v]! : u32(v, 255);
      if (n === null) {
        if (v !== 'all') throw invarg('invalid "protocol"\n', v);
        continue;
      }
      hide.add('protocol');
      keeps.push((r) => (names.protos[r.proto] ?? Number(r.proto)) === n);
    } else if (matches(k, 'scope')) {
      const v = next(++i);
      const n = v in RT_SCOPES ? RT_SCOPES[v]! : u32(v, 255);
      if (n === null) {
        if (v !== 'all') throw invarg('invalid "scope"\n', v);
        continue;
      }
      hide.add('scope');
      keeps.push((r) => SCOPE_OF[r.scope] === n);
    } else if (matches(k, 'type')) {
      const v = next(++i);
      const n = v in RTN_TYPES ? RTN_TYPES[v]! : u32(v, 255);
      if (n === null) throw invarg('node type value is invalid\n', v);
      keeps.push((r) => RTN_TYPES[r.type] === n);
    } else if (k === 'dev' || k === 'oif') {
      oif = next(++i);
    } else if (k === 'iif') {
      iif = next(++i);
    } else if (matches(k, 'metric') || matches(k, 'priority') || k === 'preference') {
      const v = next(++i);
      const n = u32(v);
      if (n === null) throw invarg('"metric" value is invalid\n', v);
      hide.add('metric');
      keeps.push((r) => r.metric === n);
    } else if (k === 'via') {
      let v = next(++i);
      if (v === 'inet') v = next(++i);
      const p = prefix(v, family);
      if (p.plen === 32) hide.add('gateway');
      // a route without a gateway compares as 0.0.0.0
      if (p.plen > 0) keeps.push((r) => addrMatch(r.gw ?? 0, p.addr, p.plen));
    } else if (k === 'src') {
      const p = prefix(next(++i), family);
      if (p.plen === 32) hide.add('prefsrc');
      if (p.plen > 0) keeps.push((r) => addrMatch(r.src ?? 0, p.addr, p.plen));
    } else if (matches(k, 'from')) {
      // IPv4 routes have no source prefix (rtm_src_len 0): `from root|exact P` keeps them only for P of length 0
      let v = next(++i);
      let root = true;
      if (matches(v, 'root')) v = next(++i);
      else if (matches(v, 'match')) {
        v = next(++i);
        root = false;
      } else if (matches(v, 'exact')) v = next(++i);
      const p = prefix(v, family);
      if (root && p.plen > 0) keeps.push(() => false);
    } else {
      let v = k;
      if (matches(v, 'to')) v = next(++i);
      let root = false;
      let match = false;
      if (matches(v, 'root')) {
        root = true;
        v = next(++i);
      } else if (matches(v, 'match')) {
        match = true;
        v = next(++i);
      } else if (matches(v, 'exact')) v = next(++i);
      const p = prefix(v, family);
      // root: routes inside P; match: routes that contain P; exact: both
      if (!match) keeps.push((r) => r.plen >= p.plen && addrMatch(r.dst, p.addr, p.plen));
      if (!root) keeps.push((r) => r.plen <= p.plen && addrMatch(r.dst, p.addr, r.plen));
    }
  }
  // the devices are looked up once the whole line is read
  if (iif !== null) {
    if (!ns.dev(iif)) throw new CmdError(`Cannot find device "${iif}"`, 1);
    // no route of the FIB carries an input device
    keeps.push(() => false);
  }
  if (oif !== null) {
    const d: Device | undefined = ns.dev(oif);
    if (!d) throw new CmdError(`Cannot find device "${oif}"`, 1);
    hide.add('dev');
    keeps.push((r) => r.dev === d);
  }
  return { table, keep: (r) => keeps.every((f) => f(r)), hide };
}
