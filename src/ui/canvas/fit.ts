// Fit: the viewport that shows the whole drawing as large as the free canvas allows. The free
// canvas is the pane less what floats over it (the minimap when shown): the drawing is never
// placed under a panel. Pure: the canvas gives the drawing's bounds and the pane's geometry.

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

export interface FitOptions {
  /** screen pixels kept free on every side */
  readonly padding?: number;
  readonly minZoom?: number;
  readonly maxZoom?: number;
}

export const FIT_PADDING = 16;
/** a small lab is drawn at its natural size, not blown up */
export const FIT_MAX_ZOOM = 1;

/**
 * The part of the pane (w × h, screen pixels from its top left) left free by `over` (panels
 * floating over it, in the same coordinates): each panel takes a whole strip of the pane,
 * the strip whose loss leaves the largest view of a drawing `aspect` (width / height) wide.
 */
export function freeArea(w: number, h: number, over: readonly Rect[], aspect = 1): Rect {
  let free: Rect = { x: 0, y: 0, w, h };
  for (const o of over) {
    if (o.w <= 0 || o.h <= 0) continue;
    const cuts: Rect[] = [];
    const right = free.x + free.w;
    const bottom = free.y + free.h;
    // keep the part left, right, above or below the panel
    cuts.push({ x: free.x, y: free.y, w: Math.max(0, o.x - free.x), h: free.h });
    cuts.push({ x: o.x + o.w, y: free.y, w: Math.max(0, right - (o.x + o.w)), h: free.h });
    cuts.push({ x: free.x, y: free.y, w: free.w, h: Math.max(0, o.y - free.y) });
    cuts.push({ x: free.x, y: o.y + o.h, w: free.w, h: Math.max(0, bottom - (o.y + o.h)) });
    const zoom = (r: Rect) => Math.min(r.w / aspect, r.h);
    free = cuts.reduce((a, b) => (zoom(b) > zoom(a) ? b : a));
  }
  return free;
}

/** the viewport that shows `bounds` (flow units) centred in `area` (screen pixels) */
export function fitViewport(bounds: Rect, area: Rect, opts: FitOptions = {}): Viewport {
  const pad = opts.padding ?? FIT_PADDING;
  const aw = Math.max(1, area.w - 2 * pad);
  const ah = Math.max(1, area.h - 2 * pad);
  const bw = Math.max(1, bounds.w);
  const bh = Math.max(1, bounds.h);
  const zoom = Math.min(opts.maxZoom ?? FIT_MAX_ZOOM, Math.max(opts.minZoom ?? 0.05, Math.min(aw / bw, ah / bh)));
  return {
    zoom,
    x: area.x + pad + (aw - bw * zoom) / 2 - bounds.x * zoom,
    y: area.y + pad + (ah - bh * zoom) / 2 - bounds.y * zoom,
  };
}
