// xt_recent: named lists of addresses, per namespace, that -m recent rules add to (--set,
// --update), look up (--rcheck, --update, with --seconds / --hitcount / --rttl) and remove from
// (--remove), as recent_mt does. A list lives while some rule of the namespace names it: the
// iptables commands call recentPrune after each change, as the kernel drops a list with the
// last rule that used it.

import type { Netns } from '../netns.ts';
import type { Ipv4Packet } from '../packet.ts';
import type { HookCtx } from './match.ts';
import type { XtTest } from './rule.ts';

type RecentTest = Extract<XtTest, { t: 'recent' }>;

interface Entry {
  /** when it was seen, oldest first (at most MAX_STAMPS) */
  stamps: number[];
  ttl: number;
}

/** ip_list_tot: entries per list; the least recently updated makes room */
const MAX_ENTRIES = 100;
/** the stamps an entry keeps (ip_pkt_list_tot, raised to what a --hitcount needs) */
const MAX_STAMPS = 256;

type Tables = Netns['tables'];

/** one list: its entries by address, and the mask of the rule that made it (which all its rules use) */
interface List {
  readonly mask: number;
  readonly entries: Map<string, Entry>;
}

/** a namespace's lists by name, keyed by its tables (which iptables-restore fills in place) */
const lists = new WeakMap<Tables, Map<string, List>>();

/** drop the lists no rule names any more */
export function recentPrune(tables: Tables): void {
  const names = lists.get(tables);
  if (!names || names.size === 0) return;
  const used = new Set<string>();
  for (const t of Object.values(tables))
    for (const c of t.chains.values())
      for (const r of c.rules) for (const m of r.matches) if (m.kind === 'xt' && m.test?.t === 'recent') used.add(m.test.name);
  for (const n of [...names.keys()]) if (!used.has(n)) names.delete(n);
}

function listOf(tables: Tables, name: string, mask: number): List {
  let names = lists.get(tables);
  if (!names) {
    names = new Map();
    lists.set(tables, names);
  }
  let l = names.get(name);
  if (!l) {
    l = { mask, entries: new Map() };
    names.set(name, l);
  }
  return l;
}

export function recentHit(ns: Netns, x: RecentTest, p: Ipv4Packet, ctx: HookCtx): boolean {
  const now = ns.world.clock.now();

  // the TTL as it was before forwarding
  const ttl = p.ttl + (ctx.hook === 'FORWARD' || (ctx.hook === 'POSTROUTING' && ctx.iif !== null) ? 1 : 0);
  const { mask, entries: list } = listOf(ns.tables, x.name, x.mask);
  const addr = ((x.side === 'dst' ? p.dst : p.src) & mask) >>> 0;
  const key = String(addr);
  let e = list.get(key);
  if (e && x.rttl && e.ttl !== ttl) e = undefined;
  let ret = x.neg;
  if (!e) {
    if (x.op !== 'set') return ret;
    if (ctx.peek) return !ret;
    if (list.size >= MAX_ENTRIES) list.delete(list.keys().next().value!);
    list.set(key, { stamps: [now], ttl });
    return !ret;
  }
  if (x.op === 'set') ret = !ret;
  else if (x.op === 'remove') {
    if (!ctx.peek) list.delete(key);
    ret = !ret;
  } else {
    const since = now - x.seconds * 1000;
    let hits = 0;
    for (const s of e.stamps) {
      if (x.seconds && since > s) continue;
      if (!x.hitcount || ++hits >= x.hitcount) {
        ret = !ret;
        break;
      }
    }
    if (x.reap && !ctx.peek) e.stamps = e.stamps.filter((s) => s >= since);
  }
  if (!ctx.peek && (x.op === 'set' || (x.op === 'update' && ret))) {
    e.stamps.push(now);
    if (e.stamps.length > MAX_STAMPS) e.stamps.shift();
    e.ttl = ttl;
    list.delete(key);
    list.set(key, e);
  }
  return ret;
}
