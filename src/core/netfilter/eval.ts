// Rule evaluation: walk a chain the way ipt_do_table does (jumps, gotos, RETURN, policies),
// counting packets and bytes on every rule that matched. The walk runs over the table's
// compiled form (./compile.ts): only the rules an index leaves as candidates are tested, in
// rule order, so the outcome and the counters are those of testing every rule.

import { routeMtu, routeOutput } from '../ip/route-io.ts';
import type { Netns } from '../netns.ts';
import { type Ipv4Packet, ipLength, withMark, withTtl } from '../packet.ts';
import { type CompiledChain, candidates, compiledTable, Verdict } from './compile.ts';
import type { LogLevel } from '../kmsg.ts';
import { takeHotdrop } from './hashlimit.ts';
import { LOG_FLAG_BITS, nfLogPacket } from './log.ts';
import type { HookCtx } from './match.ts';
import type { Rule, TableName, Target, XtAction } from './rule.ts';

export { type HookCtx, ruleHit } from './match.ts';

export interface Decision {
  /** the table whose chain decided */
  readonly table?: TableName;
  /** the terminal target, or the policy as ACCEPT / DROP */
  readonly target: Target;
  readonly chain: string;
  /** 1-based rule number in `chain`, null for the policy */
  readonly ruleNum: number | null;
  readonly rule: Rule | null;
  /** the packet as the walk left it (MARK changes its mark on the way) */
  readonly pkt: Ipv4Packet;
}

export { ipLength } from '../packet.ts';

/**
 * xt_TCPMSS (tcpmss_mangle_packet): a SYN's MSS option lowered to the rule's value, or to the
 * path MTU less 40 with --clamp-mss-to-pmtu, the smaller of the packet's route and the route
 * back to its source (tcpmss_reverse_mtu; none: 0). An option no larger stays; no path MTU
 * above 40 drops the packet (null).
 */
function tcpmssAct(ns: Netns, set: number | null, p: Ipv4Packet, ctx: HookCtx): Ipv4Packet | null {
  const t = p.tcp;
  if (!t?.flags.syn || t.mss === undefined) return p;
  let newmss = set;
  if (newmss === null) {
    const out = routeOutput(ns, p.dst, null, null);
    const outMtu = out.ok ? routeMtu(ns, out, p.dst) : (ctx.oif?.mtu ?? 0);
    const back = routeOutput(ns, p.src, null, null);
    const minMtu = Math.min(outMtu, back.ok ? routeMtu(ns, back, p.src) : 0);
    if (minMtu <= 40) return null;
    newmss = minMtu - 40;
  }
  return t.mss <= newmss ? p : { ...p, tcp: { ...t, mss: newmss } };
}

/** a target extension's change to the packet; null: the module drops it */
function xtAct(ns: Netns, a: XtAction, p: Ipv4Packet, ctx: HookCtx): Ipv4Packet | null {
  switch (a.t) {
    case 'tcpmss':
      return tcpmssAct(ns, a.set, p, ctx);
    case 'notrack':
      return { ...p, untracked: true };
    case 'connmark': {
      const ct = ctx.ct;
      if (!ct) return p;
      const mark = p.mark ?? 0;
      if (a.op === 'restore') return withMark(p, ((mark & ~a.nfmask) ^ (ct.mark & a.ctmask)) >>> 0);
      ct.mark = ((ct.mark & ~a.ctmask) ^ (a.op === 'set' ? a.value : mark & a.nfmask)) >>> 0;
      return p;
    }
    case 'tos': {
      const tos = (((p.tos ?? 0) & ~a.mask) ^ a.value) & 0xff;
      return tos === (p.tos ?? 0) ? p : { ...p, tos };
    }
    case 'nfqueue':
    case 'nflog':
      // no program in the lab reads a queue or a log group: the verdict alone decides
      return p;
    case 'netmap':
      // a binding, made by the nat hook when the rule decides (see ./nat.ts)
      return p;
    case 'ttl': {
      const ttl = a.op === 'set' ? a.value : a.op === 'inc' ? Math.min(255, p.ttl + a.value) : Math.max(0, p.ttl - a.value);
      return withTtl(p, ttl);
    }
  }
}

/** xt_LOG: the packet's line in the kernel log, then the next rule */
function logTarget(ns: Netns, t: Extract<Target, { kind: 'LOG' }>, p: Ipv4Packet, ctx: HookCtx): void {
  let logflags = 0;
  for (const f of t.flags ?? []) logflags |= LOG_FLAG_BITS[f] ?? 0;
  nfLogPacket(ns, { prefix: t.prefix ?? '', level: (t.level ?? 4) as LogLevel, logflags }, p, ctx);
}

/** where a walk stands in one chain: the candidate lists and how far each has been read */
interface Frame {
  readonly cc: CompiledChain;
  readonly lists: Int32Array[];
  readonly pos: number[];
}

function enter(cc: CompiledChain, p: Ipv4Packet, ctx: HookCtx): Frame {
  const lists = candidates(cc, p, ctx);
  return { cc, lists, pos: lists.map(() => 0) };
}

/** the next candidate in rule order (a merge of the ascending lists), or -1 at the chain's end */
function next(f: Frame): number {
  const { lists, pos } = f;
  if (lists.length === 1) {
    const q = pos[0]!;
    const l = lists[0]!;
    if (q >= l.length) return -1;
    pos[0] = q + 1;
    return l[q]!;
  }
  let best = -1;
  let from = -1;
  for (let j = 0; j < lists.length; j++) {
    const l = lists[j]!;
    const q = pos[j]!;
    if (q < l.length && (best < 0 || l[q]! < best)) {
      best = l[q]!;
      from = j;
    }
  }
  if (from >= 0) pos[from]!++;
  return best;
}

/** evaluate the table's built-in chain for the hook; returns the deciding target */
export function evalTable(ns: Netns, table: TableName, p0: Ipv4Packet, ctx: HookCtx): Decision {
  let p = p0;
  const ct = compiledTable(ns.tables[table]);
  const base = ct.chains.get(ctx.hook);
  if (!base) return { table, target: { kind: 'ACCEPT' }, chain: ctx.hook, ruleNum: null, rule: null, pkt: p };
  const len = ipLength(p);
  const stack: Frame[] = [];
  let f = enter(base, p, ctx);
  // a safety net only: the commands refuse jump loops, as the kernel does
  for (let steps = 0; steps < 1_000_000; steps++) {
    const i = next(f);
    if (i >= 0) {
      const cr = f.cc.rules[i]!;
      if (!cr.hit(ns, p, ctx)) {
        // a match that could not keep state for the packet (a full hashlimit table) drops it
        if (takeHotdrop()) return { table, target: { kind: 'DROP' }, chain: f.cc.chain.name, ruleNum: i + 1, rule: null, pkt: p };
        continue;
      }
      const r = cr.rule;
      r.pkts++;
      r.bytes += len;
      switch (cr.verdict) {
        case Verdict.Continue:
          if (r.target.kind === 'LOG') {
            if (!ctx.peek) logTarget(ns, r.target, p, ctx);
          } else if (r.target.kind === 'MARK') p = withMark(p, (((p.mark ?? 0) & ~r.target.mask) ^ r.target.value) >>> 0);
          else if (r.target.kind === 'XT' && r.target.act) {
            const q = xtAct(ns, r.target.act, p, ctx);
            if (!q) return { table, target: { kind: 'DROP' }, chain: f.cc.chain.name, ruleNum: i + 1, rule: r, pkt: p };
            p = q;
          }
          continue;
        case Verdict.Jump:
        case Verdict.Goto:
          if (!cr.target) continue;
          if (cr.verdict === Verdict.Jump) stack.push(f);
          f = enter(cr.target, p, ctx);
          continue;
        case Verdict.Terminal:
          return { table, target: r.target, chain: f.cc.chain.name, ruleNum: i + 1, rule: r, pkt: p };
      }
      // RETURN: on to the caller, as at the end of a chain
    }
    // the end of a chain and RETURN both go back to the caller, or to the policy
    const back = stack.pop();
    if (!back) {
      const c = base.chain;
      c.pkts++;
      c.bytes += len;
      return { table, target: { kind: c.policy ?? 'ACCEPT' }, chain: c.name, ruleNum: null, rule: null, pkt: p };
    }
    f = back;
  }
  return { table, target: { kind: 'DROP' }, chain: f.cc.chain.name, ruleNum: null, rule: null, pkt: p };
}
