// xt_connlimit over nf_conncount: each rule keeps, per masked source (or destination) address,
// the connections whose packets reached it; a packet counts the ones still tracked (closed TCP
// ones aside), its own included, and the rule matches above the limit (or up to it).

import type { Netns } from '../netns.ts';
import type { Ipv4Packet } from '../packet.ts';
import type { CtEntry } from './conntrack.ts';
import type { HookCtx } from './match.ts';
import type { XtTest } from './rule.ts';

type ConnlimitTest = Extract<XtTest, { t: 'connlimit' }>;

/** still in the conntrack table (an unconfirmed one is evicted: it never made it) */
function alive(ns: Netns, e: CtEntry, now: number): boolean {
  if (!e.confirmed || e.expires <= now || e.tcpState === 'TIME_WAIT' || e.tcpState === 'CLOSE') return false;
  return ns.conntrack.find(e.orig)?.entry === e;
}

export function connlimitHit(ns: Netns, x: ConnlimitTest, p: Ipv4Packet, ctx: HookCtx): boolean {
  const now = ns.world.clock.now();
  const key = ((x.daddr ? p.dst : p.src) & x.mask) >>> 0;
  const kept = (x.lists.get(key) ?? []).filter((e) => e === ctx.ct || alive(ns, e, now));
  if (ctx.ct && !kept.includes(ctx.ct)) kept.push(ctx.ct);
  if (!ctx.peek) x.lists.set(key, kept);
  return kept.length > x.limit !== x.upto;
}
