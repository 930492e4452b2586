// Graph model + layout -> React Flow nodes and edges. Node objects are reused when nothing
// about them changed, so dragging one node re-renders one node, not five hundred.

import type { Edge, Node } from '@xyflow/react';
import type { GraphModel, NodeModel, Side } from '../graph/model.ts';
import type { Size, XY } from '../graph/layout.ts';

export interface NodeData extends Record<string, unknown> {
  readonly model: NodeModel;
  /** the selected port, when it is on this node */
  readonly selPort: string | null;
}

export type FlowNode = Node<NodeData>;

export interface FlowCache {
  nodes: Map<string, FlowNode>;
}

export const newCache = (): FlowCache => ({ nodes: new Map() });

/** sizes the browser measured: React Flow (minimap, fit view) reads them from the node objects */
export type Measured = Readonly<Record<string, Size>>;

export function toFlowNodes(
  g: GraphModel,
  positions: Readonly<Record<string, XY>>,
  sizes: Readonly<Record<string, Size>>,
  selectedNode: string | null,
  selPort: { node: string; port: string } | null,
  cache: FlowCache,
  measured: Measured = {},
): FlowNode[] {
  const out: FlowNode[] = [];
  const next = new Map<string, FlowNode>();
  for (const m of g.nodes) {
    const pos = positions[m.id] ?? { x: 0, y: 0 };
    const size = sizes[m.id];
    const sp = selPort && selPort.node === m.id ? selPort.port : null;
    const selected = selectedNode === m.id;
    const prev = cache.nodes.get(m.id);
    const box = m.kind === 'box';
    // every node is drawn at the size the layout gave it (graph/model.ts)
    const ms = size ?? measured[m.id];
    if (
      prev &&
      prev.measured?.width === ms?.w &&
      prev.measured?.height === ms?.h &&
      prev.data.model === m &&
      prev.position.x === pos.x &&
      prev.position.y === pos.y &&
      prev.data.selPort === sp &&
      !!prev.selected === selected &&
      prev.width === size?.w &&
      prev.height === size?.h
    ) {
      out.push(prev);
      next.set(m.id, prev);
      continue;
    }
    const n: FlowNode = {
      id: m.id,
      type: m.kind,
      position: { x: pos.x, y: pos.y },
      data: { model: m, selPort: sp },
      selected,
      ...(m.parent !== null ? { parentId: m.parent } : {}),
      ...(size ? { width: size.w, height: size.h, style: { width: size.w, height: size.h } } : {}),
      ...(box ? { zIndex: m.parent === null ? -1 : 0 } : {}),
      ...(ms ? { measured: { width: ms.w, height: ms.h } } : {}),
      dragHandle: '.drag',
    };
    out.push(n);
    next.set(m.id, n);
  }
  cache.nodes = next;
  return out;
}

/** the same nodes with some moved: untouched node objects are kept, so React Flow skips them */
export function withPositions(nodes: readonly FlowNode[], moved: Readonly<Record<string, XY>>): FlowNode[] {
  return nodes.map((n) => {
    const p = moved[n.id];
    return p && (p.x !== n.position.x || p.y !== n.position.y) ? { ...n, position: p } : n;
  });
}

export function absolutePositions(g: GraphModel, positions: Readonly<Record<string, XY>>): Map<string, XY> {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const abs = new Map<string, XY>();
  const get = (id: string, depth = 0): XY => {
    const done = abs.get(id);
    if (done) return done;
    const n = byId.get(id);
    const p = positions[id] ?? { x: 0, y: 0 };
    const parent = n?.parent && depth < 8 ? get(n.parent, depth + 1) : { x: 0, y: 0 };
    const r = { x: p.x + parent.x, y: p.y + parent.y };
    abs.set(id, r);
    return r;
  };
  for (const n of g.nodes) get(n.id);
  return abs;
}

export function toFlowEdges(
  g: GraphModel,
  positions: Readonly<Record<string, XY>>,
  sizes: Readonly<Record<string, Size>>,
  selectedEdge: string | null,
  lit: ReadonlySet<string>,
  cache?: Map<string, Edge>,
): Edge[] {
  const abs = absolutePositions(g, positions);
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const center = (id: string): XY => {
    const p = abs.get(id) ?? { x: 0, y: 0 };
    const s = sizes[id] ?? { w: 0, h: 0 };
    return { x: p.x + s.w / 2, y: p.y + s.h / 2 };
  };
  const side = (from: string, to: string): Side => {
    const n = byId.get(from);
    const a = center(from);
    const b = center(to);
    if (n?.kind === 'card') return b.x < a.x ? 'l' : 'r';
    return b.y < a.y ? 't' : 'b';
  };
  const next = new Map<string, Edge>();
  const out = g.edges.map((e) => {
    const hot = lit.has(`${byId.get(e.source)?.ns}/${e.sourcePort}`) && lit.has(`${byId.get(e.target)?.ns}/${e.targetPort}`);
    const sourceHandle = `${side(e.source, e.target)}:${e.sourcePort}`;
    const targetHandle = `${side(e.target, e.source)}:${e.targetPort}`;
    const className = `edge-${e.kind}${hot ? ' edge-lit' : ''}`;
    const selected = selectedEdge === e.id;
    // the same edge object when nothing about it changed: React Flow then skips it
    const prev = cache?.get(e.id);
    if (
      prev &&
      prev.source === e.source &&
      prev.target === e.target &&
      prev.sourceHandle === sourceHandle &&
      prev.targetHandle === targetHandle &&
      prev.className === className &&
      !!prev.selected === selected &&
      (prev.label ?? null) === e.label
    ) {
      next.set(e.id, prev);
      return prev;
    }
    const edge: Edge = {
      id: e.id,
      source: e.source,
      target: e.target,
      sourceHandle,
      targetHandle,
      className,
      selected,
      animated: hot || e.kind === 'vxlan',
      ...(e.label ? { label: e.label } : {}),
      data: { kind: e.kind },
    };
    next.set(e.id, edge);
    return edge;
  });
  if (cache) {
    cache.clear();
    for (const [k, v] of next) cache.set(k, v);
  }
  return out;
}
