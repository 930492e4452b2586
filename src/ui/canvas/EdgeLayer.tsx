// The overview's edges: one <svg> per stacking level inside the viewport, one <path> per edge
// and nothing else. React Flow draws each edge as an <svg> with a <g> and two paths and gives
// it a store subscription; for a big topology seen from far out that was most of the page's
// cost per frame.

import { ViewportPortal, type Edge } from '@xyflow/react';
import { memo, useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import type { XY } from '../graph/layout.ts';
import type { FlowNode } from './flow.ts';
import { edgeAt, edgeLayers, overviewEdges, touches, withDescendants, type EdgeLayer as Layer, type OverviewEdge } from './overview.ts';

const NONE: Layer[] = [];

/**
 * the overview's edges from the nodes as laid out (`still`) and as being dragged (`moving`).
 * While nodes are dragged only their edges are worked out again, and drawn in an <svg> of
 * their own: the others keep the same path data, so the browser repaints only what moves.
 * `edgeAt` stays the same function throughout (a new click handler would re-render every node).
 */
export function useOverviewEdges(
  on: boolean,
  laidOut: readonly FlowNode[],
  nodes: readonly FlowNode[],
  edges: readonly Edge[],
  dragging: Readonly<Record<string, XY>> | null,
) {
  const all = useMemo(() => (on ? overviewEdges(laidOut, edges) : null), [on, laidOut, edges]);
  const dragIds = on && dragging ? Object.keys(dragging).sort().join('\n') : '';
  const moved = useMemo(() => (dragIds ? withDescendants(laidOut, dragIds.split('\n')) : null), [laidOut, dragIds]);
  const still = useMemo(() => (all && moved ? all.filter((e) => !touches(e, moved)) : all), [all, moved]);
  const moving = useMemo(
    () =>
      all && moved
        ? overviewEdges(
            nodes,
            edges.filter((e) => touches(e, moved)),
          )
        : null,
    [all, moved, nodes, edges],
  );
  const stillLayers = useMemo(() => (still ? edgeLayers(still) : NONE), [still]);
  const movingLayers = useMemo(() => (moving ? edgeLayers(moving) : NONE), [moving]);
  const current = useRef<{ still: readonly OverviewEdge[] | null; moving: readonly OverviewEdge[] | null }>({ still: null, moving: null });
  useLayoutEffect(() => {
    current.current = { still, moving };
  }, [still, moving]);
  const at = useCallback((p: XY, tol: number): string | null => {
    const { still: s, moving: m } = current.current;
    return (m && edgeAt(m, p, tol)) ?? (s && edgeAt(s, p, tol)) ?? null;
  }, []);
  return { still: stillLayers, moving: movingLayers, edgeAt: at };
}

/**
 * React Flow puts an edge of z-index z before the nodes, so it is drawn above the nodes
 * below z and under the nodes at z. These layers come after the nodes, hence z - 1.
 *
 * `moving`: the edges of nodes being dragged, given a compositor layer of their own so that
 * each frame rasterizes only them, not everything under them.
 */
export const EdgeLayer = memo(function EdgeLayer({ layers, moving = false }: { layers: readonly Layer[]; moving?: boolean }) {
  return (
    <ViewportPortal>
      {layers.map((l) => (
        <svg
          key={l.z}
          className={`overview-edges${moving ? ' moving' : ''}`}
          style={{ zIndex: l.z - 1 }}
          aria-hidden
          data-testid="overview-edges"
        >
          {l.groups.map((g) => (
            <g key={g.className} className={g.className}>
              {g.paths.map((p) => (
                <path key={p.id} className="react-flow__edge-path" d={p.d} />
              ))}
            </g>
          ))}
        </svg>
      ))}
    </ViewportPortal>
  );
});
