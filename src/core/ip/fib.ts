// The forwarding information base of one namespace: the local and main tables, longest-prefix
// lookup with metrics, and the routes the kernel adds and removes with addresses and link state.

import { maskOf, networkOf, type Ipv4 } from '../addr.ts';
import type { Device } from '../device.ts';

export type RouteType = 'unicast' | 'local' | 'broadcast' | 'blackhole' | 'unreachable' | 'prohibit';
export type RouteScope = 'host' | 'link' | 'global';

export interface Route {
  readonly table: 'local' | 'main';
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
}

interface TableIndex {
  /** prefix lengths present, longest first */
  readonly plens: number[];
  /** per prefix length: network -> routes, lowest metric first */
  readonly byPlen: Map<number, Map<number, Route[]>>;
}

export class Fib {
  private list: Route[] = [];
  private index: { local: TableIndex; main: TableIndex } | null = null;

  get routes(): readonly Route[] {
    return this.list;
  }

  add(r: Route): void {
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

  private build(): { local: TableIndex; main: TableIndex } {
    const make = (table: 'local' | 'main'): TableIndex => {
      const byPlen = new Map<number, Map<number, Route[]>>();
      for (const r of this.list) {
        if (r.table !== table) continue;
        let m = byPlen.get(r.plen);
        if (!m) byPlen.set(r.plen, (m = new Map()));
        const k = r.dst;
        const arr = m.get(k);
        if (arr) arr.push(r);
        else m.set(k, [r]);
      }
      for (const m of byPlen.values()) for (const arr of m.values()) arr.sort((a, b) => a.metric - b.metric);
      return { plens: [...byPlen.keys()].sort((a, b) => b - a), byPlen };
    };
    return { local: make('local'), main: make('main') };
  }

  /** same key as the kernel: table, prefix, metric (tos 0) */
  findExact(table: 'local' | 'main', dst: Ipv4, plen: number, metric: number | null): Route | undefined {
    return this.routes.find((r) => r.table === table && r.dst === dst && r.plen === plen && (metric === null || r.metric === metric));
  }

  /**
   * fib_lookup: the local table, then main; longest prefix wins, then the lowest metric.
   * Routes through a device that is down are gone (the kernel flushes them), so every route
   * here is usable. `oif` restricts the search to routes out of one device (SO_BINDTODEVICE);
   * the caller applies the kernel's on-link assumption when that finds nothing.
   */
  lookup(dst: Ipv4, oif: Device | null = null): Route | null {
    const idx = (this.index ??= this.build());
    return this.search(idx.local, dst, oif) ?? this.search(idx.main, dst, oif);
  }

  private search(t: TableIndex, dst: Ipv4, oif: Device | null): Route | null {
    for (const plen of t.plens) {
      const arr = t.byPlen.get(plen)!.get((dst & maskOf(plen)) >>> 0);
      if (!arr) continue;
      for (const r of arr) if (!oif || r.dev === oif) return r;
    }
    return null;
  }

  clone(remap: (d: Device) => Device): Fib {
    const f = new Fib();
    f.list = this.list.map((r) => ({ ...r, dev: r.dev ? remap(r.dev) : null }));
    return f;
  }
}

export function connectedPrefix(addr: Ipv4, plen: number): Ipv4 {
  return networkOf(addr, plen);
}
