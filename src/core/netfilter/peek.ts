// What a table would decide for a packet that has not been sent: the walk of ./eval.ts over
// the rules as written, with no counter touched, so an explanation can ask "would the reply
// pass?" without the asking showing up in `iptables -L -v`.

import type { Netns } from '../netns.ts';
import type { Ipv4Packet } from '../packet.ts';
import { type HookCtx, ruleHit } from './match.ts';
import type { Chain, TableName } from './rule.ts';

/** the verdict the table's chain for ctx.hook gives p: ACCEPT, DROP, REJECT … */
export function peekVerdict(ns: Netns, table: TableName, p: Ipv4Packet, ctx0: HookCtx): string {
  const ctx: HookCtx = { ...ctx0, peek: true };
  const chains = ns.tables[table].chains;
  const base = chains.get(ctx.hook);
  if (!base) return 'ACCEPT';
  // null: the chain ran out (or RETURNed) and the caller goes on
  const walk = (c: Chain, depth: number): string | null => {
    if (depth > 64) return 'DROP';
    for (const r of c.rules) {
      if (!ruleHit(ns, r, p, ctx)) continue;
      const t = r.target;
      if (t.kind === 'RETURN') return null;
      if (t.kind === 'JUMP' || t.kind === 'GOTO') {
        const sub = chains.get(t.chain);
        const v = sub ? walk(sub, depth + 1) : null;
        if (v !== null) return v;
        if (t.kind === 'GOTO') return null;
        continue;
      }
      if (t.kind === 'LOG' || t.kind === 'NONE' || t.kind === 'MARK') continue;
      if (t.kind === 'XT') {
        if (t.verdict === 'continue') continue;
        return t.verdict === 'accept' ? 'ACCEPT' : 'DROP';
      }
      return t.kind;
    }
    return null;
  };
  return walk(base, 0) ?? base.policy ?? 'ACCEPT';
}
