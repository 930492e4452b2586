// Where the trace draws on the canvas: the label's place beside the hop, clear of node titles,
// and the packet's way from one hop to the next as a polyline it moves along. Plain functions
// of rectangles and points, so they are tested without a browser; the overlay measures the
// page and hands the numbers in.

export interface XY {
  readonly x: number;
  readonly y: number;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function inflate(r: Rect, d: number): Rect {
  return { x: r.x - d, y: r.y - d, w: r.w + 2 * d, h: r.h + 2 * d };
}

export function centre(r: Rect): XY {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}

/** the point of r nearest to p */
export function nearest(r: Rect, p: XY): XY {
  return { x: Math.max(r.x, Math.min(r.x + r.w, p.x)), y: Math.max(r.y, Math.min(r.y + r.h, p.y)) };
}

export function inside(p: XY, r: Rect): boolean {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

/** what the label must keep clear of, in the same coordinates as the hop */
export interface Obstacles {
  /** node names (title bars): the label never covers one if any place is free */
  readonly titles: readonly Rect[];
  /** ports and node bodies: better left uncovered, but free space may be scarce */
  readonly soft: readonly Rect[];
  /** the visible canvas: a label outside it is no use */
  readonly view: Rect;
}

/** below, right, left, above: the order a reader looks for a caption */
const SIDES = ['below', 'right', 'left', 'above'] as const;
/** how far out (in label heights past the gap) the search goes before giving up on free space */
const RINGS = [0, 0.6, 1.3, 2.2, 3.4, 5, 7];

/**
 * the top-left corner of a label of `size` beside the hop `at`: the candidate spots around it,
 * scored by what they cover. Covering a node title costs most, then leaving the visible
 * canvas; then a pixel of distance from the hop costs about as much as 20 px² of ports or
 * nodes covered, so the label stays near its hop unless that hides a whole port.
 */
export function placeLabel(at: Rect, size: { w: number; h: number }, obs: Obstacles, gap: number): XY {
  const { w, h } = size;
  let best: XY = { x: at.x, y: at.y + at.h + gap };
  let bestScore = Number.POSITIVE_INFINITY;
  RINGS.forEach((ring) => {
    const d = gap + ring * h;
    SIDES.forEach((side, s) => {
      for (const spot of spots(side, at, w, h, d)) {
        const box = { x: spot.x, y: spot.y, w, h };
        let score = d * 20 + s * 6;
        for (const t of obs.titles) score += overlap(box, t) * 1e6;
        score += (w * h - overlap(box, obs.view)) * 1e3;
        for (const o of obs.soft) score += overlap(box, o);
        if (score < bestScore) {
          bestScore = score;
          best = spot;
        }
      }
    });
  });
  return best;
}

function spots(side: (typeof SIDES)[number], at: Rect, w: number, h: number, d: number): XY[] {
  const cx = at.x + at.w / 2;
  const cy = at.y + at.h / 2;
  switch (side) {
    case 'below':
      return [
        { x: at.x, y: at.y + at.h + d },
        { x: cx - w / 2, y: at.y + at.h + d },
        { x: at.x + at.w - w, y: at.y + at.h + d },
      ];
    case 'above':
      return [
        { x: at.x, y: at.y - h - d },
        { x: cx - w / 2, y: at.y - h - d },
        { x: at.x + at.w - w, y: at.y - h - d },
      ];
    case 'right':
      return [
        { x: at.x + at.w + d, y: cy - h / 2 },
        { x: at.x + at.w + d, y: at.y },
        { x: at.x + at.w + d, y: at.y + at.h - h },
      ];
    case 'left':
      return [
        { x: at.x - w - d, y: cy - h / 2 },
        { x: at.x - w - d, y: at.y },
        { x: at.x - w - d, y: at.y + at.h - h },
      ];
  }
}

// ---- the packet's way ---------------------------------------------------------------------

export function distance(a: XY, b: XY): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/** a polyline without repeated points */
export function polyline(points: readonly XY[]): XY[] {
  const out: XY[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || distance(last, p) > 0.5) out.push(p);
  }
  return out;
}

export function length(points: readonly XY[]): number {
  let n = 0;
  for (let i = 1; i < points.length; i++) n += distance(points[i - 1]!, points[i]!);
  return n;
}

/** the point a fraction `t` (0…1) of the way along the polyline */
export function pointAt(points: readonly XY[], t: number): XY | null {
  const first = points[0];
  if (!first) return null;
  let left = Math.max(0, Math.min(1, t)) * length(points);
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const d = distance(a, b);
    if (left <= d && d > 0) return { x: a.x + ((b.x - a.x) * left) / d, y: a.y + ((b.y - a.y) * left) / d };
    left -= d;
  }
  return points[points.length - 1]!;
}

export function svgPath(points: readonly XY[]): string {
  return points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ');
}

/** slow at both ends, as a thing that starts and stops */
export function ease(t: number): number {
  return t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
}
