// The forwarding information base of one namespace: the local and main tables, longest-prefix
// lookup with metrics, and the routes the kernel adds and removes with addresses and link state.

import { inPrefix, networkOf, type Ipv4 } from '../addr.ts';
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
}

export class Fib {
  routes: Route[] = [];

  add(r: Route): void {
    this.routes.push(r);
  }

  remove(pred: (r: Route) => boolean): Route[] {
    const gone = this.routes.filter(pred);
    if (gone.length) this.routes = this.routes.filter((r) => !pred(r));
    return gone;
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
    let best: Route | null = null;
    for (const table of ['local', 'main'] as const) {
      for (const r of this.routes) {
        if (r.table !== table) continue;
        if (!inPrefix(dst, r.dst, r.plen)) continue;
        if (oif && r.dev !== oif) continue;
        if (!best || r.plen > best.plen || (r.plen === best.plen && r.metric < best.metric)) best = r;
      }
      if (best && table === 'local') return best;
    }
    return best;
  }

  clone(remap: (d: Device) => Device): Fib {
    const f = new Fib();
    f.routes = this.routes.map((r) => ({ ...r, dev: r.dev ? remap(r.dev) : null }));
    return f;
  }
}

export function connectedPrefix(addr: Ipv4, plen: number): Ipv4 {
  return networkOf(addr, plen);
}
