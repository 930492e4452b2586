// Every packet that dies says why, where, and (when there is one) what would fix it: one or
// more command lines (joined by "\n"), run in `fixNs` when that is not where it died.

import type { Device } from '../device.ts';
import type { Decision } from '../netfilter/eval.ts';
import type { Netns } from '../netns.ts';
import { queueDrop } from '../netfilter/rule.ts';
import type { Frame, Ipv4Packet } from '../packet.ts';
import { summarize, summarizeFrame } from '../summary.ts';

export function drop(
  ns: Netns,
  dev: Device | null,
  what: Ipv4Packet | Frame | null,
  code: string,
  reason: string,
  fix?: string,
  fixNs?: string,
): void {
  const w = ns.world;
  if (!w.tracing()) return;
  const pkt = what === null ? undefined : 'ttl' in what ? summarize(what) : summarizeFrame(what);
  w.emit({
    type: 'drop',
    t: w.clock.now(),
    ns: ns.label,
    ...(dev ? { dev: dev.name } : {}),
    ...(pkt ? { pkt } : {}),
    code,
    reason,
    ...(fix ? { fix } : {}),
    ...(fix && fixNs && fixNs !== ns.label ? { fixNs } : {}),
  });
}

/** a packet the raw table dropped, before conntrack saw it */
export function rawDrop(ns: Netns, dev: Device | null, p: Ipv4Packet, hook: string, d: Decision): void {
  const where = d.ruleNum === null ? `${hook} policy ${d.target.kind}` : `rule ${d.ruleNum} of ${d.chain}`;
  const prefix = ns.name ? `ip netns exec ${ns.name} ` : '';
  const fix = d.ruleNum !== null ? `${prefix}iptables -t raw -D ${d.chain} ${d.ruleNum}` : `${prefix}iptables -t raw -P ${hook} ACCEPT`;
  drop(ns, dev, p, 'filtered', `dropped by ${where} (raw table)${queueWhy(d)}`, fix);
}

/** ": no program listens on queue N" when NFQUEUE dropped the packet (see queueDrop) */
export function queueWhy(d: Decision): string {
  const q = queueDrop(d.target);
  return q ? `: ${q}` : '';
}
