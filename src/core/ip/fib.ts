// The forwarding information base of one namespace: its routing tables (local 255, main 254,
// default 253 and any other number), the policy rules that choose among them, longest-prefix
// lookup with metrics, and the routes the kernel adds and removes with addresses and link state.

import { maskOf, networkOf, type Ipv4 } from '../addr.ts';
import type { Device } from '../device.ts';

export type RouteType = 'unicast' | 'local' | 'broadcast' | 'blackhole' | 'unreachable' | 'prohibit' | 'throw';
export type RouteScope = 'host' | 'link' | 'global';

export const RT_TABLE_DEFAULT = 253;
export const RT_TABLE_MAIN = 254;
export const RT_TABLE_LOCAL = 255;

export interface Route {
  /** the routing table's number */
  readonly table: number;
  readonly type: RouteType;
  readonly dst: Ipv4;
  readonly plen: number;
  readonly gw: Ipv4 | null;
  readonly dev: Device | null;
  readonly src: Ipv4 | null;
  readonly metric: number;
  readonly proto: 'kernel' | 'boot' | 'static';
  readonly scope: RouteScope;
  /** RTNH_F_ONLINK: the gateway is taken to be on the device's link, whatever its subnets */
  readonly onlink?: true;
  /** not a route but a rule's action (blackhole, unreachable, prohibit): unreachable is ENETUNREACH */
  readonly rule?: FibRule;
}

/** one policy routing rule (`ip rule`): a selector and what to do with what it selects */
export interface FibRule {
  readonly pref: number;
  readonly not: boolean;
  readonly src: { readonly addr: Ipv4; readonly plen: number } | null;
  readonly dst: { readonly addr: Ipv4; readonly plen: number } | null;
  readonly iif: string | null;
  readonly oif: string | null;
  readonly fwmark: { readonly mark: number; readonly mask: number } | null;
  readonly action: 'lookup' | 'blackhole' | 'unreachable' | 'prohibit';
  /** the table `lookup` consults (0 for the other actions) */
  readonly table: number;
}

/** what a lookup knows of the packet besides its destination (struct flowi4) */
export interface Flow {
  readonly src: Ipv4;
  /** the input device's name; `lo` for what this namespace sends itself */
  readonly iif: string;
  readonly mark: number;
}

const LOCAL_FLOW: Flow = { src: 0, iif: 'lo', mark: 0 };

/** the three rules every namespace starts with (fib4_rules_init) */
export function defaultRules(): FibRule[] {
  const base = { not: false, src: null, dst: null, iif: null, oif: null, fwmark: null, action: 'lookup' as const };
  return [
    { ...base, pref: 0, table: RT_TABLE_LOCAL },
    { ...base, pref: 32766, table: RT_TABLE_MAIN },
    { ...base, pref: 32767, table: RT_TABLE_DEFAULT },
  ];
}

interface TableIndex {
  /** prefix lengths present, longest first */
  readonly plens: number[];
  /** per prefix length: network -> routes, lowest metric first */
  readonly byPlen: Map<number, Map<number, Route[]>>;
}

function inPfx(a: Ipv4, p: { readonly addr: Ipv4; readonly plen: number }): boolean {
  return (a & maskOf(p.plen)) >>> 0 === p.addr;
}

/** fib_rule_match + fib4_rule_match */
function ruleMatches(r: FibRule, dst: Ipv4, oif: Device | null, f: Flow): boolean {
  let m = true;
  if (r.iif !== null && r.iif !== f.iif) m = false;
  else if (r.oif !== null && r.oif !== oif?.name) m = false;
  else if (r.fwmark !== null && ((f.mark ^ r.fwmark.mark) & r.fwmark.mask) !== 0) m = false;
  else if (r.src !== null && !inPfx(f.src, r.src)) m = false;
  else if (r.dst !== null && !inPfx(dst, r.dst)) m = false;
  return r.not ? !m : m;
}

export class Fib {
  private list: Route[] = [];
  private index: Map<number, TableIndex> | null = null;
  /** the policy rules, lowest preference first (ties in the order they were added) */
  rules: FibRule[] = defaultRules();
  /** the tables that exist (fib_new_table): local and main always, others once a route was added to them */
  readonly tables = new Set<number>([RT_TABLE_LOCAL, RT_TABLE_MAIN]);

  get routes(): readonly Route[] {
    return this.list;
  }

  add(r: Route): void {
    this.tables.add(r.table);
    this.list.push(r);
    this.index = null;
  }

  replace(old: Route, r: Route): void {
    const i = this.list.indexOf(old);
    if (i >= 0) this.list[i] = r;
    else this.list.push(r);
    this.index = null;
  }

  remove(pred: (r: Route) => boolean): Route[] {
    const gone = this.list.filter(pred);
    if (gone.length) {
      this.list = this.list.filter((r) => !pred(r));
      this.index = null;
    }
    return gone;
  }

  /** fib_nl_newrule: in preference order, after the rules of the same preference */
  addRule(r: FibRule): void {
    const i = this.rules.findIndex((x) => x.pref > r.pref);
    if (i < 0) this.rules.push(r);
    else this.rules.splice(i, 0, r);
  }

  private build(): Map<number, TableIndex> {
    const tables = new Map<number, TableIndex>();
    for (const r of this.list) {
      let t = tables.get(r.table);
      if (!t) tables.set(r.table, (t = { plens: [], byPlen: new Map() }));
      let m = t.byPlen.get(r.plen);
      if (!m) t.byPlen.set(r.plen, (m = new Map()));
      const arr = m.get(r.dst);
      if (arr) arr.push(r);
      else m.set(r.dst, [r]);
    }
    for (const t of tables.values()) {
      for (const m of t.byPlen.values()) for (const arr of m.values()) arr.sort((a, b) => a.metric - b.metric);
      t.plens.push(...[...t.byPlen.keys()].sort((a, b) => b - a));
    }
    return tables;
  }

  /** same key as the kernel: table, prefix, metric (tos 0) */
  findExact(table: number, dst: Ipv4, plen: number, metric: number | null): Route | undefined {
    return this.routes.find((r) => r.table === table && r.dst === dst && r.plen === plen && (metric === null || r.metric === metric));
  }

  /**
   * fib_lookup: the rules in order; a `lookup` rule consults its table and the search goes on
   * to the next rule when the table has no route (or a `throw` one); blackhole, unreachable
   * and prohibit rules end it. Longest prefix wins in a table, then the lowest metric. Routes
   * through a device that is down are gone (the kernel flushes them). `oif` restricts the
   * search to routes out of one device (SO_BINDTODEVICE); the caller applies the kernel's
   * on-link assumption when that finds nothing.
   */
  lookup(dst: Ipv4, oif: Device | null = null, flow: Flow = LOCAL_FLOW, accept?: (r: Route) => boolean): Route | null {
    for (const rule of this.rules) {
      if (!ruleMatches(rule, dst, oif, flow)) continue;
      if (rule.action !== 'lookup') return ruleRoute(rule, dst);
      const r = this.lookupTable(rule.table, dst, oif, accept);
      if (r && r.type !== 'throw') return r;
    }
    return null;
  }

  /** fib_table_lookup of one table */
  lookupTable(table: number, dst: Ipv4, oif: Device | null = null, accept?: (r: Route) => boolean): Route | null {
    const t = (this.index ??= this.build()).get(table);
    if (!t) return null;
    for (const plen of t.plens) {
      const arr = t.byPlen.get(plen)!.get((dst & maskOf(plen)) >>> 0);
      if (!arr) continue;
      for (const r of arr) if ((!oif || r.dev === oif) && (!accept || accept(r)) && !ignoredLinkdown(r)) return r;
    }
    return null;
  }

  clone(remap: (d: Device) => Device): Fib {
    const f = new Fib();
    f.list = this.list.map((r) => ({ ...r, dev: r.dev ? remap(r.dev) : null }));
    f.rules = [...this.rules];
    for (const t of this.tables) f.tables.add(t);
    return f;
  }
}

/**
 * fib_table_lookup: a nexthop whose device has lost its carrier (RTNH_F_LINKDOWN) is passed
 * over when that device has ignore_routes_with_linkdown (conf.all or its own)
 */
function ignoredLinkdown(r: Route): boolean {
  const d = r.dev;
  return d !== null && r.type === 'unicast' && d.up && !d.carrier() && d.ns.conf(d, 'ignore_routes_with_linkdown') !== 0;
}

/** a rule's blackhole / unreachable / prohibit, as the route the lookup ends with */
function ruleRoute(rule: FibRule, dst: Ipv4): Route {
  const type = rule.action === 'lookup' ? 'unreachable' : rule.action;
  return { table: 0, type, dst, plen: 32, gw: null, dev: null, src: null, metric: 0, proto: 'boot', scope: 'global', rule };
}

export function connectedPrefix(addr: Ipv4, plen: number): Ipv4 {
  return networkOf(addr, plen);
}

/** a table's name as /etc/iproute2/rt_tables gives it (Debian: local, main, default), else its number */
export function tableName(t: number): string {
  return t === RT_TABLE_LOCAL ? 'local' : t === RT_TABLE_MAIN ? 'main' : t === RT_TABLE_DEFAULT ? 'default' : String(t);
}
