// Layer-2 loops. Without STP a Linux bridge floods a broadcast out of every port, so two
// paths between the same bridges make copies circulate for ever. This finds such a cycle in
// the topology, to name it the way a person would draw it.

import type { Device } from '../device.ts';
import type { World } from '../world.ts';

interface Edge {
  readonly id: number;
  readonly a: Device;
  readonly b: Device;
  /** the devices a frame crosses from a to b */
  readonly via: readonly Device[];
}

function bridgeOf(d: Device): Device | null {
  if (d.master) return d.master;
  return null;
}

/** a cycle of bridges joined by veth pairs (or a veth with both ends on one bridge), or null */
export function findL2Loop(w: World): string[] | null {
  const edges: Edge[] = [];
  const seenPair = new Set<Device>();
  for (const d of w.allDevices()) {
    if (d.kind !== 'veth' || !d.peer || seenPair.has(d)) continue;
    seenPair.add(d);
    seenPair.add(d.peer);
    const a = bridgeOf(d);
    const b = bridgeOf(d.peer);
    if (a && b && d.up && d.peer.up) edges.push({ id: edges.length, a, b, via: [d, d.peer] });
  }
  const adj = new Map<Device, Edge[]>();
  for (const e of edges) {
    adj.set(e.a, [...(adj.get(e.a) ?? []), e]);
    adj.set(e.b, [...(adj.get(e.b) ?? []), e]);
  }
  const label = (d: Device) => (d.ns.name ? `${d.ns.name}:${d.name}` : d.name);
  const visited = new Set<Device>();
  // DFS keeping the path of (bridge, edge) steps; a back edge closes a cycle
  const path: Array<{ node: Device; edge: Edge | null }> = [];
  const onPath = new Map<Device, number>();
  const dfs = (node: Device, via: Edge | null): string[] | null => {
    visited.add(node);
    onPath.set(node, path.length);
    path.push({ node, edge: via });
    for (const e of adj.get(node) ?? []) {
      if (via && e.id === via.id) continue;
      const next = e.a === node ? e.b : e.a;
      const at = onPath.get(next);
      if (at !== undefined) {
        const cyc = path.slice(at);
        const out: string[] = [label(next)];
        for (let i = 1; i < cyc.length; i++) {
          const step = cyc[i]!;
          const ed = step.edge!;
          const from = cyc[i - 1]!.node;
          const [x, y] = ed.a === from ? [ed.via[0]!, ed.via[1]!] : [ed.via[1]!, ed.via[0]!];
          out.push(label(x), label(y), label(step.node));
        }
        const [x, y] = e.a === node ? [e.via[0]!, e.via[1]!] : [e.via[1]!, e.via[0]!];
        out.push(label(x), label(y), label(next));
        return out;
      }
      if (!visited.has(next)) {
        const r = dfs(next, e);
        if (r) return r;
      }
    }
    path.pop();
    onPath.delete(node);
    return null;
  };
  for (const n of adj.keys()) {
    if (visited.has(n)) continue;
    const r = dfs(n, null);
    if (r) return r;
  }
  return null;
}
