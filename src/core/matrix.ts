// The reachability matrix: every namespace pings every address of every other one. It is an
// analysis, not something the learner did: connections it opens are taken back after each
// probe, so the conntrack tables stay as the learner left them.

import { formatIpv4, type Ipv4 } from './addr.ts';
import type { Netns } from './netns.ts';
import { pingOnce, type PingOutcome } from './probe.ts';
import type { World } from './world.ts';

export interface MatrixCell {
  readonly from: string;
  readonly to: string;
  readonly dst: string;
  readonly outcome: PingOutcome;
}

/** the first global address of each namespace, the one a matrix pings */
export function primaryAddress(ns: Netns): Ipv4 | null {
  for (const d of ns.deviceList()) {
    if (d.kind === 'loopback') continue;
    for (const a of d.addrs) if (!a.secondary) return a.addr;
  }
  return null;
}

export function reachabilityMatrix(w: World, namespaces: Netns[] = w.allNs()): MatrixCell[] {
  const targets = namespaces.map((ns) => ({ ns, ip: primaryAddress(ns) })).filter((t): t is { ns: Netns; ip: Ipv4 } => t.ip !== null);
  const cells: MatrixCell[] = [];
  const all = w.allNs();
  const journal: NonNullable<Netns['conntrack']['journal']> = [];
  for (const ns of all) ns.conntrack.journal = journal;
  try {
    for (const a of namespaces) {
      for (const b of targets) {
        if (a === b.ns) continue;
        const outcome = pingOnce(w, a, b.ip, 1, 0xfeed);
        cells.push({ from: a.label, to: b.ns.label, dst: formatIpv4(b.ip), outcome });
        for (const { ct, e } of journal) ct.remove(e);
        journal.length = 0;
      }
    }
  } finally {
    for (const ns of all) ns.conntrack.journal = null;
  }
  return cells;
}
