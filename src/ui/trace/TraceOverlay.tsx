// The packet on the canvas: the device of the current event ringed, the wire it crosses
// drawn over in the direction's colour with a dot travelling along it, and a label with the
// packet's headers beside it. Drawn in flow coordinates (ViewportPortal), so it pans and
// zooms with the canvas. Also runs the player's clock and opens the Trace tab when a new
// probe is recorded.

import { ViewportPortal, useReactFlow } from '@xyflow/react';
import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { useLab, useLabShallow, useLabState } from '../LabContext.tsx';
import { deriveGraph } from '../graph/derive.ts';
import { directions, eventTitle, placeEvents, type Direction } from './model.ts';
import { currentTrace } from './slice.ts';

interface Drawn {
  readonly ring: { x: number; y: number; w: number; h: number } | null;
  readonly path: string | null;
  readonly reverse: boolean;
}

function cssId(s: string): string {
  return typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(s) : s.replace(/["\\]/g, '\\$&');
}

/** the player's clock and the Trace tab opening on a new probe */
function usePlayer(): void {
  const lab = useLab();
  const { playing, speed, traceId } = useLabShallow((s) => ({ playing: s.tracePlaying, speed: s.traceSpeed, traceId: s.traceId }));
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      lab.store.setState((s) => {
        const t = currentTrace(s);
        if (!t || s.traceStep >= t.events.length - 1) return { tracePlaying: false };
        return { traceStep: s.traceStep + 1 };
      });
    }, 1000 / speed);
    return () => clearInterval(timer);
  }, [lab, playing, speed]);
  useEffect(() => {
    if (traceId !== null) lab.store.setState({ panel: 'trace' });
  }, [lab, traceId]);
}

export function TraceOverlay() {
  usePlayer();
  const lab = useLab();
  const rf = useReactFlow();
  const { trace, step, snapshot, meta, positions } = useLabShallow((s) => ({
    trace: currentTrace(s),
    step: s.traceStep,
    snapshot: s.snapshot,
    meta: s.meta,
    positions: s.positions,
  }));
  const theme = useLabState((s) => s.theme);
  const graph = useMemo(() => deriveGraph(snapshot, meta), [snapshot, meta]);
  const places = useMemo(() => (trace ? placeEvents(trace.events, graph) : []), [trace, graph]);
  const dirs = useMemo(() => (trace ? directions(trace.events) : []), [trace]);
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const e = trace?.events[step];
  const place = places[step];

  // measure where the device and the wire are, in flow coordinates, after the canvas painted
  useLayoutEffect(() => {
    if (!e || !place) {
      setDrawn(null);
      return;
    }
    let raf = requestAnimationFrame(function measure() {
      const root = document.querySelector('.react-flow');
      if (!root) {
        setDrawn(null);
        return;
      }
      let ring: Drawn['ring'] = null;
      if (place.at) {
        const node = root.querySelector(`.react-flow__node[data-id="${cssId(place.at.node)}"]`);
        const el = place.at.port
          ? (node?.querySelector(`[data-port="${cssId(place.at.port)}"]`) ?? node)
          : (node?.querySelector('.bridge-title, .box-title, .card-title') ?? node);
        if (el) {
          const r = el.getBoundingClientRect();
          const a = rf.screenToFlowPosition({ x: r.left, y: r.top }, { snapToGrid: false });
          const b = rf.screenToFlowPosition({ x: r.right, y: r.bottom }, { snapToGrid: false });
          ring = { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y };
        }
      }
      let path: string | null = null;
      if (place.edge)
        path =
          root.querySelector(`.react-flow__edge[data-id="${cssId(place.edge.id)}"] path.react-flow__edge-path`)?.getAttribute('d') ?? null;
      setDrawn({ ring, path, reverse: place.edge?.reverse ?? false });
      raf = 0;
    });
    return () => {
      if (raf) cancelAnimationFrame(raf);
    };
  }, [e, place, positions, rf]);

  if (!trace || !e || !drawn) return null;
  const dir: Direction = dirs[step] ?? 'request';
  const color = colorOf(dir, e.type === 'drop', theme);
  const dur = Math.max(0.25, 0.8 / lab.store.getState().traceSpeed);
  const title = e.type === 'drop' ? `✘ ${e.reason}` : e.type === 'nat' ? `${e.kind} at ${e.hook}` : eventTitle(e);
  const label = e.type === 'nat' ? `${e.before}  ⇒  ${e.after}` : e.type === 'drop' ? null : (e.pkt?.text ?? null);
  return (
    <ViewportPortal>
      <div className="trace-overlay" aria-hidden data-testid="trace-overlay">
        {drawn.path && (
          <svg className="trace-svg" width="1" height="1">
            <path d={drawn.path} className="trace-wire" style={{ stroke: color }} />
            <circle key={`${trace.id}:${step}`} r="9" className="trace-dot" style={{ fill: color }}>
              <animateMotion
                dur={`${dur}s`}
                fill="freeze"
                path={drawn.path}
                keyPoints={drawn.reverse ? '1;0' : '0;1'}
                keyTimes="0;1"
                calcMode="linear"
              />
            </circle>
          </svg>
        )}
        {drawn.ring && (
          <>
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
            {!drawn.path && (
              <div
                key={`${trace.id}:${step}`}
                className="trace-dot-html"
                style={{ left: drawn.ring.x + drawn.ring.w / 2 - 9, top: drawn.ring.y + drawn.ring.h / 2 - 9, background: color }}
              />
            )}
            <div
              className={`trace-label dir-${dir}${e.type === 'drop' ? ' ev-drop' : ''}`}
              style={{ ...labelAt(drawn.ring), borderColor: color }}
            >
              <div className="trace-label-title">{title}</div>
              {label && <code>{label}</code>}
              {e.pkt?.inner && <code className="inner">inner: {e.pkt.inner.text}</code>}
            </div>
          </>
        )}
      </div>
    </ViewportPortal>
  );
}

/** beside a port; below the title of something wide (a host box), so it stays in view */
function labelAt(r: { x: number; y: number; w: number; h: number }): { left: number; top: number } {
  return r.w > 320 ? { left: r.x + 12, top: r.y + r.h + 10 } : { left: r.x + r.w + 14, top: r.y - 4 };
}

export function colorOf(dir: Direction, drop: boolean, theme: 'light' | 'dark'): string {
  if (drop) return theme === 'dark' ? '#f87171' : '#dc2626';
  if (dir === 'reply') return theme === 'dark' ? '#fb923c' : '#ea580c';
  if (dir === 'arp') return theme === 'dark' ? '#c084fc' : '#9333ea';
  return theme === 'dark' ? '#60a5fa' : '#2563eb';
}
