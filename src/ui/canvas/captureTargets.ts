// What a right-click on the canvas offers to capture on: the port under the pointer; a
// bridge itself and its ports; a namespace's interfaces; both ends of a link. Plain data from
// the graph, so the menu (CaptureMenu.tsx) only draws it.

import type { GraphModel } from '../graph/model.ts';

/** a device to open a capture on */
export interface CaptureTarget {
  readonly ns: string;
  readonly dev: string;
}

/** what the capture-on menu of node NODEID offers, PORT the port under the pointer if any */
export function nodeTargets(g: GraphModel, nodeId: string, port: string | null): CaptureTarget[] {
  const n = g.nodes.find((x) => x.id === nodeId);
  if (!n) return [];
  if (port !== null && n.ports.some((p) => p.name === port)) return [{ ns: n.ns, dev: port }];
  const own = n.bridge ? [{ ns: n.ns, dev: n.bridge.name }] : [];
  return [...own, ...n.ports.map((p) => ({ ns: n.ns, dev: p.name }))];
}

/** a link's two ends (a veth pair's peers, a macvlan and its lower device …) */
export function edgeTargets(g: GraphModel, edgeId: string): CaptureTarget[] {
  const e = g.edges.find((x) => x.id === edgeId);
  if (!e) return [];
  const ns = (id: string) => g.nodes.find((x) => x.id === id)?.ns ?? null;
  const out: CaptureTarget[] = [];
  for (const [node, dev] of [
    [e.source, e.sourcePort],
    [e.target, e.targetPort],
  ] as const) {
    const at = ns(node);
    if (at !== null && !out.some((t) => t.ns === at && t.dev === dev)) out.push({ ns: at, dev });
  }
  return out;
}

/** the key of a device in the set of those being captured on */
export const liveKey = (ns: string, dev: string): string => `${ns}\t${dev}`;
