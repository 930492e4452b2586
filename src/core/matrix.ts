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

/**
 * Run `fn` (probes) as an analysis: the conntrack entries it creates go into scratch overlays
 * that are dropped afterwards, so the learner's tables stay as they were.
 */
export function asAnalysis<T>(w: World, fn: () => T): T {
  const dirty: Netns['conntrack'][] = [];
  const all = w.allNs();
  for (const ns of all) ns.conntrack.scratch = { map: new Map(), dirty };
  try {
    return fn();
  } finally {
    for (const ns of all) ns.conntrack.scratch = null;
  }
}

export function reachabilityMatrix(w: World, namespaces: Netns[] = w.allNs()): MatrixCell[] {
  const targets = namespaces.map((ns) => ({ ns, ip: primaryAddress(ns) })).filter((t): t is { ns: Netns; ip: Ipv4 } => t.ip !== null);
  const cells: MatrixCell[] = [];
  const all = w.allNs();
  const dirty: Netns['conntrack'][] = [];
  for (const ns of all) ns.conntrack.scratch = { map: new Map(), dirty };
  try {
    for (const a of namespaces) {
      for (const b of targets) {
        if (a === b.ns) continue;
        const outcome = pingOnce(w, a, b.ip, 1, 0xfeed);
        cells.push({ from: a.label, to: b.ns.label, dst: formatIpv4(b.ip), outcome });
        for (const ct of dirty) ct.scratch!.map.clear();
        dirty.length = 0;
      }
    }
  } finally {
    for (const ns of all) ns.conntrack.scratch = null;
  }
  return cells;
}
