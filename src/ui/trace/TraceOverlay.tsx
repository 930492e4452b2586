// The packet on the canvas: the device of the current event ringed, the wire it crosses drawn
// over in the direction's colour, a dot that moves from the last hop to this one (along the
// wire, or inside a host from port to bridge to uplink), and a label with the packet's headers
// beside the hop. Drawn in flow coordinates (ViewportPortal), so it pans and zooms with the
// canvas; the label and the dot are counter-scaled by the zoom so they read the same at any
// zoom, and the label is placed clear of node titles. Shown only while the Trace tab is: the
// player stops when the person moves on. Also runs the player's clock and opens the Trace tab
// when a new probe is recorded.

import { ViewportPortal, useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLab, useLabShallow, useLabState } from '../LabContext.tsx';
import { deriveGraph } from '../graph/derive.ts';
import { centre, ease, inflate, inside, nearest, placeLabel, pointAt, polyline, svgPath, type Rect, type XY } from './geometry.ts';
import { directions, eventTitle, placeEvents, type Direction, type EventPlace, type Place } from './model.ts';
import { currentTrace } from './slice.ts';
import { dropReason, readKernel, useTranslation } from '../i18n/i18n.ts';

/** what the canvas shows for one step, measured in flow coordinates */
interface Drawn {
  /** the trace and step it shows, so a label is never placed for another step's box */
  readonly key: string;
  readonly traceId: number;
  readonly step: number;
  readonly ring: Rect | null;
  /** the wire this step crosses (its SVG path) */
  readonly wire: string | null;
  /** the way the packet moves to get here; one point when it stays */
  readonly way: readonly XY[];
}

/** the node titles the label keeps clear of (the lead's canvas keeps these class names) */
const TITLES = '.react-flow__node :is(.card-title, .box-title, .bridge-title)';
/** what the label had better not cover either: ports, cards, bridges */
const SOFT = '.react-flow__node :is([data-port], .card, .bridge)';
/** the canvas's own controls and minimap, drawn over the flow */
const PANELS = '.react-flow__panel';
/** the canvas draws ports without their text below this zoom (LOW_ZOOM of Canvas.tsx): measure again */
const LOW_ZOOM = 0.4;
/** the label's distance from the hop, in screen pixels */
const GAP = 10;
/** the dot's radius in screen pixels; smaller far out, where the ports are small too */
const dotRadius = (zoom: number): number => Math.max(5, Math.min(8, (8 * zoom) / 0.6));

function cssId(s: string): string {
  return typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(s) : s.replace(/["\\]/g, '\\$&');
}

/** the player's clock, and the Trace tab opening on a new probe */
function usePlayer(): void {
  const lab = useLab();
  const { playing, speed, traceId, shown } = useLabShallow((s) => ({
    playing: s.tracePlaying,
    speed: s.traceSpeed,
    traceId: s.traceId,
    shown: traceOnCanvas(s.panel),
  }));
  // a probe nobody looks at any more stops where it is, and the wires it lit go dark (a new
  // probe opens the tab itself)
  const wasShown = useRef(shown);
  useEffect(() => {
    if (wasShown.current && !shown) lab.store.setState({ tracePlaying: false, lit: [] });
    wasShown.current = shown;
  }, [lab, shown]);
  useEffect(() => {
    if (!playing || !shown) return;
    const timer = setInterval(() => {
      lab.store.setState((s) => {
        const t = currentTrace(s);
        if (!t || s.traceStep >= t.events.length - 1) return { tracePlaying: false };
        return { traceStep: s.traceStep + 1 };
      });
    }, 1000 / speed);
    return () => clearInterval(timer);
  }, [lab, playing, speed, shown]);
  useEffect(() => {
    // a probe shows its trace; during a lesson the lesson stays open (its task and Check)
    // and the trace plays on the canvas beside it
    if (traceId !== null && lab.store.getState().panel !== 'lessons') lab.store.setState({ panel: 'trace' });
  }, [lab, traceId]);
}

/** the panels beside which a trace plays on the canvas */
function traceOnCanvas(panel: string): boolean {
  return panel === 'trace' || panel === 'lessons';
}

export function TraceOverlay() {
  usePlayer();
  const shown = useLabState((s) => traceOnCanvas(s.panel) && s.traceId !== null);
  return shown ? <TraceOnCanvas /> : null;
}

function TraceOnCanvas() {
  const rf = useReactFlow();
  const { t: tx } = useTranslation();
  const { trace, step, snapshot, meta, positions, playing, speed, theme } = useLabShallow((s) => ({
    trace: currentTrace(s),
    step: s.traceStep,
    snapshot: s.snapshot,
    meta: s.meta,
    positions: s.positions,
    playing: s.tracePlaying,
    speed: s.traceSpeed,
    theme: s.theme,
  }));
  const zoom = useStore((s) => s.transform[2]);
  const low = zoom < LOW_ZOOM;
  const graph = useMemo(() => deriveGraph(snapshot, meta), [snapshot, meta]);
  const places = useMemo(() => (trace ? placeEvents(trace.events, graph) : []), [trace, graph]);
  const dirs = useMemo(() => (trace ? directions(trace.events) : []), [trace]);
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  /** the step shown before this one: stepping by one moves the packet, anything else places it */
  const last = useRef<{ id: number; step: number } | null>(null);

  // measure where the hop, the wire and the packet's way are, after the canvas painted; again
  // when nodes move or the ports change how they are drawn (positions, low)
  // biome-ignore lint/correctness/useExhaustiveDependencies: positions and low change the page measured, not the code
  useLayoutEffect(() => {
    if (!trace || !places[step]) {
      setDrawn(null);
      return;
    }
    // the step a person left, taken now: two quick key presses still move the packet
    const prev = last.current?.id === trace.id ? last.current.step : null;
    last.current = { id: trace.id, step };
    let raf = requestAnimationFrame(() => {
      raf = 0;
      const root = document.querySelector('.react-flow');
      if (!root) {
        setDrawn(null);
        return;
      }
      const m = new Measure(root, places, (p) => rf.screenToFlowPosition(p, { snapToGrid: false }));
      let way: XY[];
      if (prev === step - 1) way = m.way(step);
      else if (prev === step + 1) way = m.way(prev).reverse();
      else {
        const rest = m.rest(step);
        way = prev === null && places[step]!.edge ? m.way(step, false) : rest ? [rest] : [];
      }
      setDrawn({ key: `${trace.id}:${step}`, traceId: trace.id, step, ring: m.ring(step), wire: m.wirePath(step), way });
    });
    return () => {
      if (raf) cancelAnimationFrame(raf);
    };
  }, [trace, step, places, positions, low, rf]);

  // the dot moves along its way; a step away (or the tab closed) stops it where it is
  const dot = useRef<SVGGElement>(null);
  const reduced = useMemo(() => typeof matchMedia !== 'undefined' && matchMedia('(prefers-reduced-motion: reduce)').matches, []);
  const ms = reduced ? 0 : playing ? Math.min(700, 850 / speed) : 450;
  useEffect(() => {
    const g = dot.current;
    const way = drawn?.way ?? [];
    const end = way[way.length - 1];
    if (!g || !end) return;
    const put = (p: XY) => g.setAttribute('transform', `translate(${p.x} ${p.y})`);
    if (way.length < 2 || ms === 0) {
      put(end);
      return;
    }
    const t0 = performance.now();
    let raf = 0;
    const tick = (now: number) => {
      const t = Math.min(1, (now - t0) / ms);
      put(pointAt(way, ease(t)) ?? end);
      if (t < 1) raf = requestAnimationFrame(tick);
    };
    put(way[0]!);
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [drawn, ms]);

  // the label beside the hop, clear of node titles, placed again when the zoom changes
  const label = useRef<HTMLDivElement>(null);
  const [labelAt, setLabelAt] = useState<{ key: string; box: Rect } | null>(null);
  useLayoutEffect(() => {
    const el = label.current;
    const root = document.querySelector('.react-flow');
    if (!el || !root || !drawn?.ring || zoom <= 0) return;
    const toScreen = (p: XY) => rf.flowToScreenPosition(p);
    const a = toScreen(drawn.ring);
    const b = toScreen({ x: drawn.ring.x + drawn.ring.w, y: drawn.ring.y + drawn.ring.h });
    const at = { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y };
    const rects = (sel: string) => [...root.querySelectorAll(sel)].map((n) => box(n.getBoundingClientRect()));
    const end = drawn.way[drawn.way.length - 1];
    const restAt = end ? toScreen(end) : null;
    const soft = rects(SOFT);
    if (restAt) soft.push(inflate({ x: restAt.x, y: restAt.y, w: 0, h: 0 }, dotRadius(zoom) * 2));
    const view = inflate(box(root.getBoundingClientRect()), -4);
    const spot = placeLabel(
      at,
      { w: el.offsetWidth, h: el.offsetHeight },
      { titles: [...rects(TITLES), ...rects(PANELS)], soft, view },
      GAP,
    );
    const p = rf.screenToFlowPosition(spot, { snapToGrid: false });
    const next = { x: p.x, y: p.y, w: el.offsetWidth / zoom, h: el.offsetHeight / zoom };
    setLabelAt((old) =>
      old &&
      old.key === drawn.key &&
      Math.abs(old.box.x - p.x) < 0.5 &&
      Math.abs(old.box.y - p.y) < 0.5 &&
      Math.abs(old.box.w - next.w) < 0.5
        ? old
        : { key: drawn.key, box: next },
    );
  }, [drawn, zoom, rf]);

  // until the new step is measured the last one stays drawn, whole; another probe's never
  const e = drawn && trace?.id === drawn.traceId ? trace.events[drawn.step] : undefined;
  if (!trace || !e || !drawn) return null;
  const dir: Direction = dirs[drawn.step] ?? 'request';
  const color = colorOf(dir, e.type === 'drop', theme);
  const title =
    e.type === 'drop'
      ? `✘ ${dropReason(e)}`
      : e.type === 'nat'
        ? tx('trace.natAt', { kind: e.kind, hook: e.hook })
        : readKernel(eventTitle(e));
  const text = e.type === 'nat' ? `${e.before}  ⇒  ${e.after}` : e.type === 'drop' ? null : (e.pkt?.text ?? null);
  const end = drawn.way[drawn.way.length - 1];
  const placed = labelAt?.key === drawn.key ? labelAt.box : null;
  // a label pushed away from its hop (to keep a node's name in view) keeps a line to it
  const leader =
    placed && drawn.ring && Math.hypot(...gapBetween(placed, drawn.ring)) > (GAP * 2.5) / zoom
      ? [nearest(drawn.ring, centre(placed)), nearest(placed, centre(drawn.ring))]
      : null;
  return (
    <ViewportPortal>
      <div className="trace-overlay" aria-hidden data-testid="trace-overlay" data-step={drawn.step}>
        <svg className="trace-svg" width="1" height="1" aria-hidden="true">
          {drawn.wire && <path d={drawn.wire} className="trace-wire" style={{ stroke: color }} />}
          {drawn.way.length > 1 && <path d={svgPath(drawn.way)} className="trace-way" style={{ stroke: color }} />}
          {leader && <path d={svgPath(leader)} className="trace-leader" style={{ stroke: color }} />}
          {end && (
            <g key={drawn.key} ref={dot} transform={`translate(${(drawn.way[0] ?? end).x} ${(drawn.way[0] ?? end).y})`}>
              <circle
                r={dotRadius(zoom) / zoom}
                className={`trace-dot${drawn.way.length < 2 ? ' trace-dot-pop' : ''}`}
                data-testid="trace-packet"
                style={{ fill: color, strokeWidth: 3 / zoom }}
              />
            </g>
          )}
        </svg>
        {drawn.ring && (
          <div
            className={`trace-ring${e.type === 'drop' ? ' trace-ring-drop' : ''}`}
            style={{
              left: drawn.ring.x - 5,
              top: drawn.ring.y - 5,
              width: drawn.ring.w + 10,
              height: drawn.ring.h + 10,
              borderColor: color,
            }}
          />
        )}
        {drawn.ring && (
          <div
            ref={label}
            className={`trace-label dir-${dir}${e.type === 'drop' ? ' ev-drop' : ''}`}
            data-testid="trace-label"
            style={{
              left: placed?.x ?? drawn.ring.x,
              top: placed?.y ?? drawn.ring.y + drawn.ring.h,
              transform: `scale(${1 / zoom})`,
              borderColor: color,
              visibility: placed ? 'visible' : 'hidden',
            }}
          >
            <div className="trace-label-title">{title}</div>
            {text && <code>{text}</code>}
            {e.pkt?.inner && <code className="inner">inner: {e.pkt.inner.text}</code>}
          </div>
        )}
      </div>
    </ViewportPortal>
  );
}

/** how far apart two boxes are along x and along y (0 where they overlap) */
function gapBetween(a: Rect, b: Rect): [number, number] {
  return [Math.max(0, a.x - (b.x + b.w), b.x - (a.x + a.w)), Math.max(0, a.y - (b.y + b.h), b.y - (a.y + a.h))];
}

function box(r: DOMRect): Rect {
  return { x: r.left, y: r.top, w: r.width, h: r.height };
}

/**
 * the page measured for a trace's steps, in flow coordinates: the element of a hop, where the
 * packet rests after a step, and the way it takes to get there.
 */
class Measure {
  constructor(
    private readonly root: Element,
    private readonly places: readonly EventPlace[],
    private readonly toFlow: (p: XY) => XY,
  ) {}

  private element(p: Place): Element | null {
    const node = this.root.querySelector(`.react-flow__node[data-id="${cssId(p.node)}"]`);
    if (!node) return null;
    return p.port
      ? (node.querySelector(`[data-port="${cssId(p.port)}"]`) ?? node)
      : (node.querySelector('.bridge-title, .box-title, .card-title') ?? node);
  }

  private rect(p: Place | null): Rect | null {
    const el = p && this.element(p);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const a = this.toFlow({ x: r.left, y: r.top });
    const b = this.toFlow({ x: r.right, y: r.bottom });
    return { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y };
  }

  ring(k: number): Rect | null {
    return this.rect(this.places[k]?.at ?? null);
  }

  wirePath(k: number): string | null {
    const edge = this.places[k]?.edge;
    return edge ? (this.edgePath(edge.id)?.getAttribute('d') ?? null) : null;
  }

  private edgePath(id: string): SVGPathElement | null {
    return this.root.querySelector<SVGPathElement>(`.react-flow__edge[data-id="${cssId(id)}"] path.react-flow__edge-path`);
  }

  /** the wire of step k as points in the direction the packet goes, or null without one */
  private wire(k: number): XY[] | null {
    const p = this.places[k];
    if (!p?.edge) return null;
    const path = this.edgePath(p.edge.id);
    let pts: XY[] | null = null;
    if (path && typeof path.getTotalLength === 'function') {
      // the edge's path is drawn in flow coordinates already
      const len = path.getTotalLength();
      const n = Math.max(8, Math.min(64, Math.round(len / 12)));
      pts = [];
      for (let i = 0; i <= n; i++) {
        const q = path.getPointAtLength((len * i) / n);
        pts.push({ x: q.x, y: q.y });
      }
      if (p.edge.reverse) pts.reverse();
    } else {
      // the wire is not drawn (far out on a big lab): straight from port to port
      const a = this.rect(p.at);
      const b = this.rect(p.to);
      if (a && b) pts = [centre(a), centre(b)];
    }
    return pts && pts.length > 1 ? pts : null;
  }

  /**
   * where the packet is after step k: at the far end of the wire it crossed, still where a
   * wire brought it while it stays on that port, else in the middle of the device
   */
  rest(k: number): XY | null {
    const w = this.wire(k);
    if (w) return w[w.length - 1]!;
    const here = this.places[k]?.at ?? null;
    const r = this.rect(here);
    if (!r) return null;
    let j = k;
    for (let n = 0; j > 0 && n < 64 && !this.places[j - 1]?.edge && samePlace(this.places[j - 1]?.at ?? null, here); n++) j--;
    // the wire that brought the packet here ends on this port (a veth's peer), or near it
    const came = j > 0 ? this.places[j - 1] : undefined;
    const arrived = came ? this.wire(j - 1) : null;
    const end = arrived?.[arrived.length - 1];
    const ours = came?.to ? samePlace(came.to, here) : !!end && inside(end, inflate(r, 4));
    if (end && ours) return end;
    // on a bridge or a namespace itself: the lower edge of its title, not over its name
    return here?.port ? centre(r) : { x: r.x + r.w / 2, y: r.y + r.h };
  }

  /** the way from where the packet was after step k-1 to where it is after step k */
  way(k: number, fromLast = true): XY[] {
    const from = fromLast && k > 0 ? this.rest(k - 1) : null;
    const w = this.wire(k);
    if (w) return polyline(from ? [from, ...w] : w);
    const to = this.rest(k);
    if (!to) return [];
    return polyline(from ? [from, to] : [to]);
  }
}

function samePlace(a: Place | null, b: Place | null): boolean {
  return !!a && !!b && a.node === b.node && a.port === b.port;
}

export function colorOf(dir: Direction, drop: boolean, theme: 'light' | 'dark'): string {
  if (drop) return theme === 'dark' ? '#f87171' : '#dc2626';
  if (dir === 'reply') return theme === 'dark' ? '#fb923c' : '#ea580c';
  if (dir === 'arp') return theme === 'dark' ? '#c084fc' : '#9333ea';
  return theme === 'dark' ? '#60a5fa' : '#2563eb';
}
