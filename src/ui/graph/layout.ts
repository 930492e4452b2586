// Automatic layout. Positions are the page's own data (the kernel has no geometry); a node
// someone moved keeps its place, a new node is placed beside its siblings, and a whole new
// topology (import, link without positions) is laid out in layers: upstreams on top, hosts
// with their containers and bridges in the middle, LAN switches below. Positions of nodes
// inside a box are relative to the box, as React Flow draws them.

import type { Positions } from '../doc/document.ts';
import { BOX_PAD, boxHeaderHeight, type GraphModel, type NodeModel } from './model.ts';

export interface XY {
  readonly x: number;
  readonly y: number;
}
export interface Size {
  readonly w: number;
  readonly h: number;
}

const GAP_X = 48;
const GAP_Y = 70;
const TOP_GAP = 140;

function group<T>(items: readonly T[], keyOf: (t: T) => string | null): Map<string | null, T[]> {
  const m = new Map<string | null, T[]>();
  for (const t of items) {
    const k = keyOf(t);
    const l = m.get(k);
    if (l) l.push(t);
    else m.set(k, [t]);
  }
  return m;
}

export function headerOf(n: NodeModel): number {
  return n.kind === 'box' ? boxHeaderHeight(n.ports.length) : 0;
}

/**
 * positions for every node (stored ones kept, missing ones placed) and the size of every
 * node (boxes grow around their children).
 */
export function layoutGraph(
  g: GraphModel,
  stored: Positions,
  measured: Readonly<Record<string, Size>> = {},
): { positions: Record<string, XY>; sizes: Record<string, Size>; placed: string[] } {
  const kids = group(g.nodes, (n) => n.parent);
  const positions: Record<string, XY> = {};
  const sizes: Record<string, Size> = {};
  const placed: string[] = [];
  const neighbours = new Map<string, Set<string>>();
  for (const e of g.edges) {
    if (e.source === e.target) continue;
    (neighbours.get(e.source) ?? neighbours.set(e.source, new Set()).get(e.source)!).add(e.target);
    (neighbours.get(e.target) ?? neighbours.set(e.target, new Set()).get(e.target)!).add(e.source);
  }

  const sizeOf = (n: NodeModel): Size => {
    const done = sizes[n.id];
    if (done) return done;
    const children = kids.get(n.id) ?? [];
    if (n.kind !== 'box') {
      const s = measured[n.id] ?? { w: n.w, h: n.h };
      sizes[n.id] = s;
      return s;
    }
    for (const c of children) sizeOf(c);
    const top = headerOf(n) + BOX_PAD;
    placeGroup(children, top, true);
    // placed with estimated sizes, drawn with measured ones: siblings never cover each other
    separate(children, positions, sizes);
    let w = n.w;
    let h = top + (n.root ? 360 : n.role === 'host' ? 240 : 110);
    for (const c of children) {
      const p = positions[c.id]!;
      const s = sizes[c.id]!;
      w = Math.max(w, p.x + s.w + BOX_PAD);
      h = Math.max(h, p.y + s.h + BOX_PAD);
    }
    const s = { w, h };
    sizes[n.id] = s;
    return s;
  };

  const placeGroup = (items: readonly NodeModel[], top: number, inside: boolean): void => {
    const missing = items.filter((n) => !stored[n.id]);
    for (const n of items) {
      const p = stored[n.id];
      // a child never hides under its box's header
      if (p) positions[n.id] = inside ? { x: Math.max(BOX_PAD / 2, p.x), y: Math.max(top - BOX_PAD / 2, p.y) } : p;
    }
    if (!missing.length) return;
    placed.push(...missing.map((n) => n.id));
    if (missing.length === items.length) {
      (inside ? autoInside : autoTop)(items, top);
      return;
    }
    // beside what is already there
    let right = BOX_PAD;
    for (const n of items) {
      const p = positions[n.id];
      if (p) right = Math.max(right, p.x + sizes[n.id]!.w + GAP_X);
    }
    for (const n of missing) {
      positions[n.id] = { x: right, y: top };
      right += sizes[n.id]!.w + GAP_X;
    }
  };

  /** rows of `items` starting at (x0, y), wrapping after `perRow`; returns the bottom */
  const rows = (items: readonly NodeModel[], x0: number, y: number, perRow: number): number => {
    let x = x0;
    let rowH = 0;
    items.forEach((n, i) => {
      if (i > 0 && i % perRow === 0) {
        y += rowH + GAP_Y;
        x = x0;
        rowH = 0;
      }
      const s = sizes[n.id]!;
      positions[n.id] = { x, y };
      x += s.w + GAP_X;
      rowH = Math.max(rowH, s.h);
    });
    return items.length ? y + rowH : y;
  };

  const autoInside = (items: readonly NodeModel[], top: number): void => {
    const bridges = items.filter((n) => n.kind === 'bridge');
    const others = items.filter((n) => n.kind !== 'bridge');
    // containers over the bridge they hang on, in bridge order
    const rank = new Map(bridges.map((b, i) => [b.id, i]));
    const bary = (n: NodeModel): number => {
      const r = [...(neighbours.get(n.id) ?? [])].map((id) => rank.get(id)).filter((v): v is number => v !== undefined);
      return r.length ? r.reduce((a, b) => a + b, 0) / r.length : bridges.length;
    };
    const sorted = others
      .map((n, i) => ({ n, i, b: bary(n) }))
      .sort((a, b) => a.b - b.b || a.i - b.i)
      .map((x) => x.n);
    const perRow = Math.max(4, Math.ceil(Math.sqrt(sorted.length * 2)));
    let y = rows(sorted, BOX_PAD, top, perRow);
    if (sorted.length) y += GAP_Y + 20;
    rows(bridges, BOX_PAD, y, Math.max(3, Math.ceil(Math.sqrt(bridges.length))));
  };

  const autoTop = (items: readonly NodeModel[], _top: number): void => {
    const layer = (n: NodeModel): number => (n.role === 'internet' ? 0 : n.role === 'switch' ? 2 : n.kind === 'box' ? 1 : 0);
    let y = 0;
    for (const l of [0, 1, 2]) {
      const row = items.filter((n) => layer(n) === l);
      if (!row.length) continue;
      y = rows(row, 0, y, l === 1 ? 4 : 8) + TOP_GAP;
    }
  };

  const top = kids.get(null) ?? [];
  for (const n of top) sizeOf(n);
  // nodes whose parent is missing from the graph are drawn at the top level
  const known = new Set(g.nodes.map((n) => n.id));
  const orphans = g.nodes.filter((n) => n.parent !== null && !known.has(n.parent));
  for (const n of orphans) sizeOf(n);
  placeGroup([...top, ...orphans], 0, false);
  separate([...top, ...orphans], positions, sizes);
  return { positions, sizes, placed };
}

/**
 * Siblings never cover each other: a box that grew around new children (a daemon's bridges,
 * a container), or a node placed with an estimated size, pushes what it now overlaps to the
 * right, and that pushes on. Only what is drawn moves; stored positions stay as they were.
 */
function separate(items: readonly NodeModel[], positions: Record<string, XY>, sizes: Readonly<Record<string, Size>>): void {
  const order = [...items].sort((a, b) => positions[a.id]!.x - positions[b.id]!.x || positions[a.id]!.y - positions[b.id]!.y);
  for (let j = 1; j < order.length; j++) {
    const b = order[j]!;
    const sb = sizes[b.id]!;
    let p = positions[b.id]!;
    for (let moved = true, rounds = 0; moved && rounds < j + 1; rounds++) {
      moved = false;
      for (let i = 0; i < j; i++) {
        const a = order[i]!;
        const pa = positions[a.id]!;
        const sa = sizes[a.id]!;
        const overlap = pa.x < p.x + sb.w && p.x < pa.x + sa.w && pa.y < p.y + sb.h && p.y < pa.y + sa.h;
        if (overlap && pa.x <= p.x) {
          p = { x: pa.x + sa.w + GAP_X, y: p.y };
          moved = true;
        }
      }
    }
    positions[b.id] = p;
  }
}
