// The overview: how a big topology is drawn far out. Chromium's cost per pan or drag frame
// (layerize, hit test) grows with the elements on screen, and most of them are React Flow's
// per-port handles (seven per node) and per-edge <svg> wrappers, none of which can be used at
// that size. So in the overview the nodes have no handles and no small text, and every edge
// is drawn in one SVG layer from this geometry. The numbers mirror the `.overview` rules in
// styles.css: rows, chips and titles have fixed sizes there, so a port's place follows from
// its index without measuring anything. No React here.

import type { Edge } from '@xyflow/react';
import type { Size, XY } from '../graph/layout.ts';
import type { NodeModel, Side } from '../graph/model.ts';
import type { FlowNode } from './flow.ts';

/** the overview geometry, in flow units (styles.css, `.overview`) */
export const OV = {
  border: 2,
  /** title bar, the rule under a bridge's or box's title included (border-box sizing) */
  title: 46,
  /** a port row, its top rule included */
  row: 46,
  rowRule: 1,
  /** a card without ports */
  empty: 30,
  cardW: 250,
  bridgeMinW: 240,
  chipW: 130,
  chipH: 28,
  chipBorder: 1,
  chipGap: 8,
  chipPadX: 10,
  chipPadY: 8,
  /** a port handle at full detail (.handle-port), centred on the edge of its row or chip */
  handle: 9,
} as const;

const CHIP_TOP = OV.border + OV.title + OV.chipPadY;

/** the size a node has before anything is measured: never more than at full detail (rows, chips and titles have the same minimum sizes there) */
function naturalSize(m: NodeModel): Size {
  if (m.kind === 'card') return { w: OV.cardW, h: 2 * OV.border + OV.title + (m.ports.length ? m.ports.length * OV.row : OV.empty) };
  const n = Math.max(1, m.ports.length);
  const chips = OV.chipPadX * 2 + n * OV.chipW + (n - 1) * OV.chipGap;
  return { w: Math.max(OV.bridgeMinW, 2 * OV.border + chips), h: CHIP_TOP + OV.chipH + OV.chipPadY + OV.border };
}

/**
 * the size a card or bridge is drawn at in the overview: never smaller than the browser last
 * measured it, so switching between overview and full detail does not resize (and so re-lay
 * out) anything; never smaller than its rows or chips.
 */
export function overviewSize(m: NodeModel, measured: { width?: number | undefined; height?: number | undefined } | undefined): Size {
  const s = naturalSize(m);
  return { w: Math.max(s.w, measured?.width ?? 0), h: Math.max(s.h, measured?.height ?? 0) };
}

/** which way an edge leaves a port, as React Flow's positions name it */
export type Leave = 'left' | 'right' | 'top' | 'bottom';

export interface Anchor extends XY {
  readonly leave: Leave;
}

/**
 * where an edge meets port `port` on side `side` of node `m` (drawn at `size`), relative to
 * the node: the outer edge of a handle centred on the inside of the node's border at the middle
 * of a row, or on the inside of a chip's border. That is where React Flow ends edges at full
 * detail, and where the overview nodes' anchor elements put it when it measures them
 * (nodes.tsx), so edges do not jump when the level of detail changes.
 */
/** each node's ports by name (a bridge with 3,000 ports is asked 3,000 times) */
const portIndexes = new WeakMap<NodeModel, Map<string, number>>();
function portIndex(m: NodeModel, port: string): number {
  let idx = portIndexes.get(m);
  if (!idx) {
    idx = new Map();
    for (let i = m.ports.length - 1; i >= 0; i--) idx.set(m.ports[i]!.name, i);
    portIndexes.set(m, idx);
  }
  return idx.get(port) ?? -1;
}

export function portAnchor(m: NodeModel, size: Size, port: string, side: Side): Anchor {
  const i = portIndex(m, port);
  if (i < 0)
    return { x: size.w / 2, y: size.h / 2, leave: side === 'l' ? 'left' : side === 'r' ? 'right' : side === 't' ? 'top' : 'bottom' };
  if (m.kind === 'card') {
    const y = OV.border + OV.title + i * OV.row + OV.rowRule + (OV.row - OV.rowRule) / 2;
    return side === 'l' ? { x: OV.border - OV.handle / 2, y, leave: 'left' } : { x: size.w - OV.border + OV.handle / 2, y, leave: 'right' };
  }
  // bridges keep their chips on one row; boxes wrap them at their width
  const perRow =
    m.kind === 'box'
      ? Math.max(1, Math.floor((size.w - 2 * OV.border - 2 * OV.chipPadX + OV.chipGap) / (OV.chipW + OV.chipGap)))
      : Infinity;
  const col = m.kind === 'box' ? i % perRow : i;
  const row = m.kind === 'box' ? Math.floor(i / perRow) : 0;
  const x = OV.border + OV.chipPadX + col * (OV.chipW + OV.chipGap) + OV.chipW / 2;
  const top = CHIP_TOP + row * (OV.chipH + OV.chipGap);
  return side === 't'
    ? { x, y: top + OV.chipBorder - OV.handle / 2, leave: 'top' }
    : { x, y: top + OV.chipH - OV.chipBorder + OV.handle / 2, leave: 'bottom' };
}

/** one edge as the overview draws it: a cubic bezier, as React Flow's default edge */
export interface OverviewEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** the classes React Flow would give the edge's <g> (kind, lit, selected, animated) */
  readonly className: string;
  /** React Flow's z-index for the edge: edges of nodes inside boxes sit above the boxes, edges of a selected one above all */
  readonly z: number;
  /** start, two control points, end */
  readonly pts: readonly [number, number, number, number, number, number, number, number];
}

function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance);
}

function control(a: Anchor, to: XY): [number, number] {
  switch (a.leave) {
    case 'left':
      return [a.x - controlOffset(a.x - to.x), a.y];
    case 'right':
      return [a.x + controlOffset(to.x - a.x), a.y];
    case 'top':
      return [a.x, a.y - controlOffset(a.y - to.y)];
    case 'bottom':
      return [a.x, a.y + controlOffset(to.y - a.y)];
  }
}

interface Placed {
  abs: XY;
  size: Size;
  z: number;
  child: boolean;
  model: NodeModel;
}

/** absolute position, size and stacking of a node as drawn in the overview, worked out on demand */
function placer(nodes: readonly FlowNode[]): (id: string) => Placed | undefined {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, Placed>();
  const get = (n: FlowNode, depth: number): Placed => {
    const done = out.get(n.id);
    if (done) return done;
    const parent = n.parentId !== undefined && depth < 8 ? byId.get(n.parentId) : undefined;
    const p = parent ? get(parent, depth + 1) : null;
    const m = n.data.model;
    const size = m.kind === 'box' ? { w: n.width ?? m.w, h: n.height ?? m.h } : overviewSize(m, n.measured);
    // React Flow's rules: a selected node is lifted by 1000, a child is drawn above its parent
    const own = (n.zIndex ?? 0) + (n.selected ? 1000 : 0);
    const z = p ? (p.z >= own ? p.z + 1 : own) : own;
    const r = { abs: { x: n.position.x + (p?.abs.x ?? 0), y: n.position.y + (p?.abs.y ?? 0) }, size, z, child: !!p, model: m };
    out.set(n.id, r);
    return r;
  };
  return (id) => {
    const n = byId.get(id);
    return n && get(n, 0);
  };
}

/** the overview's edges from React Flow's nodes and edges (the handles name side and port) */
export function overviewEdges(nodes: readonly FlowNode[], edges: readonly Edge[]): OverviewEdge[] {
  const at = placer(nodes);
  const out: OverviewEdge[] = [];
  for (const e of edges) {
    const s = at(e.source);
    const t = at(e.target);
    if (!s || !t || !e.sourceHandle || !e.targetHandle) continue;
    const sa = portAnchor(s.model, s.size, e.sourceHandle.slice(2), e.sourceHandle[0] as Side);
    const ta = portAnchor(t.model, t.size, e.targetHandle.slice(2), e.targetHandle[0] as Side);
    const a = { x: sa.x + s.abs.x, y: sa.y + s.abs.y, leave: sa.leave };
    const b = { x: ta.x + t.abs.x, y: ta.y + t.abs.y, leave: ta.leave };
    const [c1x, c1y] = control(a, b);
    const [c2x, c2y] = control(b, a);
    const classes = ['react-flow__edge', e.className ?? '', e.selected ? 'selected' : '', e.animated ? 'animated' : '']
      .filter(Boolean)
      .join(' ');
    out.push({
      id: e.id,
      source: e.source,
      target: e.target,
      className: classes,
      z: Math.max(s.child ? s.z : 0, t.child ? t.z : 0),
      pts: [a.x, a.y, c1x, c1y, c2x, c2y, b.x, b.y],
    });
  }
  return out;
}

export interface EdgeGroup {
  readonly className: string;
  /** one path each: the browser then repaints (and rasterizes per tile) only the edges a change touches */
  readonly paths: readonly { readonly id: string; readonly d: string }[];
}

export interface EdgeLayer {
  readonly z: number;
  /** the edges by class; lit and selected ones last (on top) */
  readonly groups: readonly EdgeGroup[];
}

const r1 = (v: number): number => Math.round(v * 10) / 10;

/** the overview's edges grouped by stacking level and class */
export function edgeLayers(edges: readonly OverviewEdge[]): EdgeLayer[] {
  const byZ = new Map<number, Map<string, { id: string; d: string }[]>>();
  for (const e of edges) {
    const groups = byZ.get(e.z) ?? byZ.set(e.z, new Map()).get(e.z)!;
    const [ax, ay, c1x, c1y, c2x, c2y, bx, by] = e.pts;
    const d = `M${r1(ax)},${r1(ay)} C${r1(c1x)},${r1(c1y)} ${r1(c2x)},${r1(c2y)} ${r1(bx)},${r1(by)}`;
    (groups.get(e.className) ?? groups.set(e.className, []).get(e.className)!).push({ id: e.id, d });
  }
  const rank = (c: string): number => (c.includes(' selected') ? 2 : c.includes('edge-lit') ? 1 : 0);
  return [...byZ.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([z, groups]) => ({
      z,
      groups: [...groups.entries()]
        .sort((a, b) => rank(a[0]) - rank(b[0]) || (a[0] < b[0] ? -1 : 1))
        .map(([className, paths]) => ({ className, paths })),
    }));
}

/** whether edge `e` has an end on one of `nodes` */
export const touches = (e: { source: string; target: string }, nodes: ReadonlySet<string>): boolean =>
  nodes.has(e.source) || nodes.has(e.target);

/** `ids` and every node inside them: what moves when they are dragged */
export function withDescendants(nodes: readonly { id: string; parentId?: string | undefined }[], ids: readonly string[]): Set<string> {
  const out = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of nodes) {
      if (n.parentId !== undefined && out.has(n.parentId) && !out.has(n.id)) {
        out.add(n.id);
        grew = true;
      }
    }
  }
  return out;
}

function bez(p: OverviewEdge['pts'], t: number): XY {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * p[0] + b * p[2] + c * p[4] + d * p[6], y: a * p[1] + b * p[3] + c * p[5] + d * p[7] };
}

function segDist(p: XY, a: XY, b: XY): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = dx * dx + dy * dy;
  const t = len ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len)) : 0;
  return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

/** the edge nearest to flow point `p` within `tol` flow units (the overview has no per-edge elements to click) */
export function edgeAt(edges: readonly OverviewEdge[], p: XY, tol: number): string | null {
  let best: string | null = null;
  let bestD = tol;
  for (const e of edges) {
    const [ax, ay, , , , , bx, by] = e.pts;
    const xs = [e.pts[0], e.pts[2], e.pts[4], e.pts[6]];
    const ys = [e.pts[1], e.pts[3], e.pts[5], e.pts[7]];
    if (p.x < Math.min(...xs) - tol || p.x > Math.max(...xs) + tol || p.y < Math.min(...ys) - tol || p.y > Math.max(...ys) + tol) continue;
    let prev = { x: ax, y: ay };
    for (let i = 1; i <= 24; i++) {
      const q = i === 24 ? { x: bx, y: by } : bez(e.pts, i / 24);
      const d = segDist(p, prev, q);
      if (d < bestD) {
        bestD = d;
        best = e.id;
      }
      prev = q;
    }
  }
  return best;
}
