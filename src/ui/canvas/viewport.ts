// The viewport of the canvas: where the drawing is on screen and how large. Fit shows the
// whole drawing as large as the free canvas allows (fit.ts); it runs when a lab opens, when
// a new node would appear out of view, and when the free canvas changes shape while the
// person has not zoomed or panned away from it. The canvas's shape is reported to the lab,
// which lays new labs out to fill it, and the zoom is written as --z for the compact form's
// type (styles.css), without re-rendering anything.

import { useReactFlow, useStore, useStoreApi } from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import { useLab } from '../LabContext.tsx';
import { drawingBounds, type Size, type XY } from '../graph/layout.ts';
import type { GraphModel } from '../graph/model.ts';
import { useCanvasControls } from './controls.ts';
import { FIT_MAX_ZOOM, fitViewport, freeArea, type Viewport } from './fit.ts';

/** presentation mode: type this much larger */
export const PRESENT_SCALE = 1.35;

interface Layout {
  readonly positions: Readonly<Record<string, XY>>;
  readonly sizes: Readonly<Record<string, Size>>;
}

/** returns the ref for the canvas's outer element */
export function useCanvasViewport(
  graph: GraphModel,
  layout: Layout,
  view: { present: boolean; minimap: boolean; opened: number },
): React.RefObject<HTMLDivElement | null> {
  const { present, minimap, opened } = view;
  const lab = useLab();
  const rf = useReactFlow();
  const store = useStoreApi();
  // the compact form's type is divided by the zoom (styles.css, --z): written on the canvas
  // element directly, so zooming re-renders nothing
  const wrap = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const write = (z: number) => wrap.current?.style.setProperty('--z', String(Math.max(0.05, z)));
    write(store.getState().transform[2]);
    let last = store.getState().transform[2];
    return store.subscribe((s) => {
      if (s.transform[2] !== last) {
        last = s.transform[2];
        write(last);
      }
    });
  }, [store]);
  // the free canvas's shape: a new lab is laid out to fill it
  const paneW = useStore((s) => s.width);
  const paneH = useStore((s) => s.height);
  useEffect(() => {
    if (paneW < 50 || paneH < 50) return;
    const aspect = paneW / paneH;
    if (Math.abs(aspect - lab.store.getState().canvasAspect) > 0.02) lab.store.setState({ canvasAspect: aspect });
  }, [paneW, paneH, lab]);
  // Fit: the drawing as large as the free canvas allows (fit.ts)
  const controls = useCanvasControls();
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const graphRef = useRef(graph);
  graphRef.current = graph;
  /** the viewport the last Fit chose: while it is unchanged, the person has not zoomed or panned */
  const fitted = useRef<Viewport | null>(null);
  const fit = useCallback(
    (opts: { duration?: number } = {}) => {
      const st = store.getState();
      const el = wrap.current;
      if (!el || st.width < 10 || st.height < 10) return;
      const b = drawingBounds(graphRef.current, layoutRef.current.positions, layoutRef.current.sizes);
      if (b.x1 <= b.x0) return;
      const pane = el.getBoundingClientRect();
      const over = [...el.querySelectorAll('.react-flow__panel')].map((p) => {
        const r = p.getBoundingClientRect();
        return { x: r.left - pane.left - 8, y: r.top - pane.top - 8, w: r.width + 16, h: r.height + 16 };
      });
      const bounds = { x: b.x0, y: b.y0, w: b.x1 - b.x0, h: b.y1 - b.y0 };
      const area = freeArea(st.width, st.height, over, bounds.w / bounds.h);
      const v = fitViewport(bounds, area, { maxZoom: FIT_MAX_ZOOM * (lab.store.getState().present ? PRESENT_SCALE : 1) });
      fitted.current = v;
      void rf.setViewport(v, opts.duration ? { duration: opts.duration } : undefined);
    },
    [store, rf, lab],
  );
  useEffect(() => {
    controls.current = {
      fit,
      zoomIn: () => void rf.zoomIn({ duration: 150 }),
      zoomOut: () => void rf.zoomOut({ duration: 150 }),
    };
  }, [controls, fit, rf]);
  // a lab that opens (link, lesson, file, reload, Tidy up) is fitted once it is drawn
  const fittedFor = useRef(-1);
  useEffect(() => {
    if (opened === fittedFor.current || !graph.nodes.length || paneW < 10) return;
    fittedFor.current = opened;
    fit();
  }, [opened, graph, paneW, fit]);
  // a node that appears where the viewport does not reach (a drop near the edge, a box
  // that grew, a namespace made in a terminal) brings the whole drawing back into view
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    const ids = new Set(graph.nodes.map((n) => n.id));
    const before = seen.current;
    seen.current = ids;
    if (!before || !graph.nodes.some((n) => !before.has(n.id))) return;
    const st = store.getState();
    const [tx, ty, z] = st.transform;
    const b = drawingBounds(graph, layout.positions, layout.sizes);
    const off = b.x0 * z + tx < 0 || b.y0 * z + ty < 0 || b.x1 * z + tx > st.width || b.y1 * z + ty > st.height;
    if (off && fittedFor.current === opened) fit({ duration: 200 });
  }, [graph, layout, store, fit, opened]);
  // the free canvas changed (panel collapsed, presentation mode, minimap, window): fit again
  // (presentation mode always: it is a new view; otherwise only while the person has not
  // zoomed or panned away from the last Fit, which they meant)
  const area = `${paneW}x${paneH}|${minimap}`;
  const lastArea = useRef(area);
  const lastPresent = useRef(present);
  useEffect(() => {
    const presentChanged = lastPresent.current !== present;
    if (lastArea.current === area && !presentChanged) return;
    lastArea.current = area;
    lastPresent.current = present;
    const [tx, ty, z] = store.getState().transform;
    const f = fitted.current;
    const untouched = f !== null && Math.abs(f.zoom - z) < 1e-3 && Math.abs(f.x - tx) < 1 && Math.abs(f.y - ty) < 1;
    if (!presentChanged && !untouched) return;
    const t = setTimeout(() => fit(), 60);
    return () => clearTimeout(t);
  }, [area, present, fit, store]);
  return wrap;
}
