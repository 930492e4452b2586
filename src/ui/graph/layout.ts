// Automatic layout. Positions are the page's own data (the kernel has no geometry); a node
// someone moved keeps its place, a new node is placed beside its siblings, and a whole new
// topology (import, link, lesson) is laid out in two dimensions:
// - at the top level, in layers (upstreams and loose namespaces, then hosts, then LAN
//   switches), each layer wrapped into rows so that the whole drawing has the aspect ratio of
//   the free canvas, which is what lets Fit make it as large as the screen allows;
// - inside a host, in layers too: namespaces on top, each group over the bridge it hangs on,
//   bridges below them, the host's own uplinks in its header.
// Positions of nodes inside a box are relative to the box, as React Flow draws them.

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

export interface LayoutOptions {
  /** width / height of the free canvas the drawing should fill (default 1.6) */
  readonly aspect?: number;
}

const GAP_X = 40;
const GAP_Y = 56;
/** between layers at the top level: room for the edges that cross from one to the next */
const LAYER_GAP = 90;
/** an empty box still leaves room to drop a namespace into it */
const EMPTY_BOX_H = 110;
const ROOT_MIN_W = 560;
const ROOT_MIN_H = 260;
const DEFAULT_ASPECT = 1.6;

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
  return n.kind === 'box' ? boxHeaderHeight(n.ports) : 0;
}

/**
 * the layer a top-level node sits in: upstreams and loose namespaces; the machine's own root
 * namespace; the hosts it carries; LAN switches
 */
function topLayer(n: NodeModel): number {
  if (n.role === 'internet') return 0;
  if (n.role === 'switch') return 3;
  if (n.root) return 1;
  return n.kind === 'box' ? 2 : 0;
}

/**
 * Rows of items, each row at most `perRow` long and centred on the widest; returns the
 * places (relative to the block's top left) and the block's size.
 */
function rowBlock(items: readonly Size[], perRow: number, gapX = GAP_X, gapY = GAP_Y): { at: XY[]; w: number; h: number } {
  const rows: number[][] = [];
  for (let i = 0; i < items.length; i += perRow) rows.push(items.slice(i, i + perRow).map((_, j) => i + j));
  const rowW = rows.map((r) => r.reduce((w, i) => w + items[i]!.w, 0) + (r.length - 1) * gapX);
  const w = Math.max(0, ...rowW);
  const at: XY[] = [];
  let y = 0;
  rows.forEach((r, ri) => {
    let x = (w - rowW[ri]!) / 2;
    let rowH = 0;
    for (const i of r) {
      at[i] = { x: Math.round(x), y };
      x += items[i]!.w + gapX;
      rowH = Math.max(rowH, items[i]!.h);
    }
    y += rowH + (ri < rows.length - 1 ? gapY : 0);
  });
  return { at, w, h: y };
}

/** the size `rowBlock` gives these items, without placing them */
function blockSize(items: readonly Size[], perRow: number, gapX = GAP_X, gapY = GAP_Y): { w: number; h: number } {
  let w = 0;
  let h = 0;
  for (let i = 0; i < items.length; i += perRow) {
    let rowW = 0;
    let rowH = 0;
    const end = Math.min(items.length, i + perRow);
    for (let j = i; j < end; j++) {
      rowW += items[j]!.w + (j > i ? gapX : 0);
      rowH = Math.max(rowH, items[j]!.h);
    }
    w = Math.max(w, rowW);
    h += rowH + (end < items.length ? gapY : 0);
  }
  return { w, h };
}

/**
 * The row lengths worth trying for layers of these lengths, shortest first: for each number of
 * rows a layer can have, the shortest row length that gives it that many. Any other length
 * gives every layer the same number of rows as one of these, with rows no narrower; so the
 * best of these is the best of all, found in O(√n) tries instead of n.
 */
export function rowLengths(lengths: readonly number[]): number[] {
  const out = new Set<number>();
  for (const len of lengths) for (let rows = 1; rows <= len; rows++) out.add(Math.ceil(len / rows));
  return [...out].sort((a, b) => a - b);
}

/**
 * positions for every node (stored ones kept, missing ones placed) and the size of every
 * node (boxes grow around their children).
 */
export function layoutGraph(
  g: GraphModel,
  stored: Positions,
  measured: Readonly<Record<string, Size>> = {},
  opts: LayoutOptions = {},
): { positions: Record<string, XY>; sizes: Record<string, Size>; placed: string[] } {
  const aspect = opts.aspect && Number.isFinite(opts.aspect) && opts.aspect > 0 ? opts.aspect : DEFAULT_ASPECT;
  const kids = group(g.nodes, (n) => n.parent);
  const positions: Record<string, XY> = {};
  const sizes: Record<string, Size> = {};
  const placed: string[] = [];
  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    let s = neighbours.get(a);
    if (!s) neighbours.set(a, (s = new Set()));
    s.add(b);
  };
  for (const e of g.edges) {
    if (e.source === e.target) continue;
    link(e.source, e.target);
    link(e.target, e.source);
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
    placeInside(children, top);
    // a child dragged above the header is drawn just under it
    for (const c of children) {
      const p = positions[c.id]!;
      positions[c.id] = { x: Math.max(BOX_PAD / 2, p.x), y: Math.max(top - BOX_PAD / 2, p.y) };
    }
    separate(children, positions, sizes);
    // the host's own namespace is where a new lab starts: room to drop into, and a box that
    // does not shrink under the first thing dropped into it
    let w = n.root ? Math.max(n.w, ROOT_MIN_W) : n.w;
    let h = top + (n.root ? ROOT_MIN_H : children.length ? 0 : EMPTY_BOX_H);
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

  /** containers on top, grouped over the bridge they hang on; bridges under their group */
  const placeInside = (items: readonly NodeModel[], top: number): void => {
    const keep = (n: NodeModel) => {
      const p = stored[n.id];
      if (p) positions[n.id] = p;
      return !p;
    };
    const missing = items.filter(keep);
    if (!missing.length) return;
    placed.push(...missing.map((n) => n.id));
    const bridges = items.filter((n) => n.kind === 'bridge');
    const others = items.filter((n) => n.kind !== 'bridge');
    if (missing.length < items.length) {
      // beside what is already there: containers at the right of the containers, bridges at
      // the right of the bridges
      const rightOf = (ns: readonly NodeModel[]) =>
        Math.max(BOX_PAD, ...ns.filter((n) => positions[n.id]).map((n) => positions[n.id]!.x + sizes[n.id]!.w + GAP_X));
      const bottomOf = (ns: readonly NodeModel[]) =>
        Math.max(top, ...ns.filter((n) => positions[n.id]).map((n) => positions[n.id]!.y + sizes[n.id]!.h + GAP_Y));
      const placedBridges = bridges.filter((n) => positions[n.id]);
      let xc = rightOf(others);
      let xb = rightOf(bridges);
      const yb = placedBridges.length ? Math.min(...placedBridges.map((n) => positions[n.id]!.y)) : bottomOf(others) + 20;
      for (const n of missing) {
        if (n.kind === 'bridge') {
          positions[n.id] = { x: xb, y: yb };
          xb += sizes[n.id]!.w + GAP_X;
        } else {
          positions[n.id] = { x: xc, y: top };
          xc += sizes[n.id]!.w + GAP_X;
        }
      }
      return;
    }
    // each container joins the column of the bridge it has the most links to
    const column = new Map<string, NodeModel[]>(bridges.map((b) => [b.id, []]));
    const loose: NodeModel[] = [];
    for (const n of others) {
      const best = bridges.find((b) => neighbours.get(n.id)?.has(b.id));
      if (best) column.get(best.id)!.push(n);
      else loose.push(n);
    }
    const cols: Array<{ bridge: NodeModel | null; kids: NodeModel[] }> = bridges.map((b) => ({ bridge: b, kids: column.get(b.id)! }));
    if (loose.length) cols.push({ bridge: null, kids: loose });
    const blocks = cols.map((c) => {
      const perRow = Math.max(1, Math.ceil(Math.sqrt(c.kids.length * 1.6)));
      const kidsBlock = rowBlock(
        c.kids.map((k) => sizes[k.id]!),
        perRow,
      );
      const b = c.bridge ? sizes[c.bridge.id]! : { w: 0, h: 0 };
      return { ...c, kidsBlock, w: Math.max(kidsBlock.w, b.w), b };
    });
    // the groups themselves wrap into rows, as many per row as best fills the canvas's shape;
    // in each row the namespaces are on top and the bridges on one line under them
    const arrange = (perRow: number) => {
      const rows: Array<{ blocks: typeof blocks; top: number; bridgeY: number; w: number; h: number }> = [];
      let y = top;
      for (let i = 0; i < blocks.length; i += perRow) {
        const row = blocks.slice(i, i + perRow);
        const kidsH = Math.max(0, ...row.map((k) => k.kidsBlock.h));
        const bridgeY = y + (kidsH ? kidsH + GAP_Y + 20 : 0);
        const h = bridgeY - y + Math.max(0, ...row.map((k) => k.b.h));
        const w = row.reduce((acc, k) => acc + k.w, 0) + (row.length - 1) * GAP_X;
        rows.push({ blocks: row, top: y, bridgeY, w, h });
        y += h + LAYER_GAP;
      }
      return { rows, w: Math.max(0, ...rows.map((r) => r.w)), h: y - LAYER_GAP - top };
    };
    let best = arrange(Math.max(1, blocks.length));
    for (let perRow = blocks.length - 1; perRow >= 1; perRow--) {
      const a = arrange(perRow);
      const zoom = (r: { w: number; h: number }) => Math.min(aspect / (r.w + 2 * BOX_PAD), 1 / (r.h + top + BOX_PAD));
      if (zoom(a) > zoom(best) + 1e-12) best = a;
    }
    for (const row of best.rows) {
      let x = BOX_PAD;
      for (const blk of row.blocks) {
        blk.kids.forEach((k, i) => {
          const p = blk.kidsBlock.at[i]!;
          positions[k.id] = { x: Math.round(x + (blk.w - blk.kidsBlock.w) / 2 + p.x), y: row.top + p.y };
        });
        if (blk.bridge) positions[blk.bridge.id] = { x: Math.round(x + (blk.w - blk.b.w) / 2), y: row.bridgeY };
        x += blk.w + GAP_X;
      }
    }
  };

  /** the top level: layers, each wrapped into rows; the wrap that best fills the aspect wins */
  const placeTop = (items: readonly NodeModel[]): void => {
    const missing = items.filter((n) => {
      const p = stored[n.id];
      if (p) positions[n.id] = p;
      return !p;
    });
    if (!missing.length) return;
    placed.push(...missing.map((n) => n.id));
    if (missing.length < items.length) {
      // beside what is there: at the right while the drawing is taller than the screen's
      // shape, else in a new row under it
      const isMissing = new Set(missing);
      const box = bounds(
        items.filter((n) => !isMissing.has(n)),
        positions,
        sizes,
      );
      const wide = box.x1 - box.x0 > aspect * (box.y1 - box.y0);
      let x = wide ? box.x0 : box.x1 + GAP_X;
      const y = wide ? box.y1 + LAYER_GAP : box.y0;
      for (const n of missing) {
        positions[n.id] = { x, y };
        x += sizes[n.id]!.w + GAP_X;
      }
      return;
    }
    const layers = [0, 1, 2, 3].map((l) => items.filter((n) => topLayer(n) === l)).filter((l) => l.length);
    const layerSizes = layers.map((l) => l.map((n) => sizes[n.id]!));
    let best: { perRow: number; score: number } = { perRow: Math.max(...layers.map((l) => l.length)), score: -1 };
    for (const perRow of rowLengths(layers.map((l) => l.length))) {
      const blocks = layerSizes.map((l) => blockSize(l, perRow));
      const w = Math.max(...blocks.map((b) => b.w)) + 2 * GAP_X;
      const h = blocks.reduce((s, b) => s + b.h, 0) + (blocks.length - 1) * LAYER_GAP + 2 * GAP_X;
      // the zoom Fit could reach on a canvas of this aspect (up to a common factor)
      const score = Math.min(aspect / w, 1 / h);
      if (score > best.score + 1e-12) best = { perRow, score };
    }
    const blocks = layers.map((l) =>
      rowBlock(
        l.map((n) => sizes[n.id]!),
        best.perRow,
      ),
    );
    const width = Math.max(...blocks.map((b) => b.w));
    let y = 0;
    layers.forEach((l, li) => {
      const b = blocks[li]!;
      const dx = (width - b.w) / 2;
      l.forEach((n, i) => {
        positions[n.id] = { x: Math.round(dx + b.at[i]!.x), y: y + b.at[i]!.y };
      });
      y += b.h + LAYER_GAP;
    });
  };

  const top = kids.get(null) ?? [];
  for (const n of top) sizeOf(n);
  // nodes whose parent is missing from the graph are drawn at the top level
  const known = new Set(g.nodes.map((n) => n.id));
  const orphans = g.nodes.filter((n) => n.parent !== null && !known.has(n.parent));
  for (const n of orphans) sizeOf(n);
  placeTop([...top, ...orphans]);
  separate([...top, ...orphans], positions, sizes);
  return { positions, sizes, placed };
}

function bounds(
  items: readonly NodeModel[],
  positions: Readonly<Record<string, XY>>,
  sizes: Readonly<Record<string, Size>>,
): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of items) {
    const p = positions[n.id]!;
    const s = sizes[n.id]!;
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x + s.w);
    y1 = Math.max(y1, p.y + s.h);
  }
  return Number.isFinite(x0) ? { x0, y0, x1, y1 } : { x0: 0, y0: 0, x1: 0, y1: 0 };
}

/** the bounding box of the top-level nodes, in flow units */
export function drawingBounds(g: GraphModel, positions: Readonly<Record<string, XY>>, sizes: Readonly<Record<string, Size>>) {
  return bounds(
    g.nodes.filter((n) => n.parent === null && positions[n.id] && sizes[n.id]),
    positions,
    sizes,
  );
}

/**
 * Siblings never cover each other: a box that grew around new children (a daemon's bridges,
 * a container), or a node placed with an estimated size, pushes what it now overlaps to the
 * right, and that pushes on. Only what is drawn moves; stored positions stay as they were.
 */
/** the cell of separate's grid, in flow units: a few cards wide */
const SEPARATE_CELL = 600;

function separate(items: readonly NodeModel[], positions: Record<string, XY>, sizes: Readonly<Record<string, Size>>): void {
  const n = items.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const ws = new Float64Array(n);
  const hs = new Float64Array(n);
  items.forEach((it, i) => {
    const p = positions[it.id]!;
    const s = sizes[it.id]!;
    xs[i] = p.x;
    ys[i] = p.y;
    ws[i] = s.w;
    hs[i] = s.h;
  });
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a]! - xs[b]! || ys[a]! - ys[b]!);
  // what is already placed, by the cells of a coarse grid it covers: a node is compared with its
  // neighbours only, so thousands of namespaces are separated in linear time
  const grid = new Map<number, number[]>();
  const cells = (i: number): number[] => {
    const keys: number[] = [];
    const cx1 = Math.floor((xs[i]! + ws[i]!) / SEPARATE_CELL);
    const cy1 = Math.floor((ys[i]! + hs[i]!) / SEPARATE_CELL);
    for (let cx = Math.floor(xs[i]! / SEPARATE_CELL); cx <= cx1; cx++)
      for (let cy = Math.floor(ys[i]! / SEPARATE_CELL); cy <= cy1; cy++) keys.push(cx * 1_000_003 + cy);
    return keys;
  };
  order.forEach((b, j) => {
    const before = xs[b]!;
    for (let moved = true, rounds = 0; moved && rounds < j + 1; rounds++) {
      moved = false;
      for (const key of cells(b)) {
        for (const a of grid.get(key) ?? []) {
          const overlap = xs[a]! < xs[b]! + ws[b]! && xs[b]! < xs[a]! + ws[a]! && ys[a]! < ys[b]! + hs[b]! && ys[b]! < ys[a]! + hs[a]!;
          if (overlap && xs[a]! <= xs[b]!) {
            xs[b] = xs[a]! + ws[a]! + GAP_X;
            moved = true;
          }
        }
      }
    }
    if (xs[b] !== before) positions[items[b]!.id] = { x: xs[b]!, y: ys[b]! };
    for (const key of cells(b)) {
      const cell = grid.get(key);
      if (cell) cell.push(b);
      else grid.set(key, [b]);
    }
  });
}
