// The topology canvas. It draws what the core reports (derived nodes and edges) and turns
// gestures into edits: drops from the palette, connections, moves (layout only), selection.

import {
  Background,
  ConnectionMode,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  useUpdateNodeInternals,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { useLab, useLabShallow, useLabState } from '../LabContext.tsx';
import { deriveGraph } from '../graph/derive.ts';
import { layoutGraph, type XY } from '../graph/layout.ts';
import type { GraphModel, NodeModel } from '../graph/model.ts';
import { connect, type Endpoint } from '../lab/commands.ts';
import { planDrop, type DropTarget, type PaletteKind } from '../lab/palette.ts';
import { addNotice, type Selection } from '../lab/store.ts';
import { absolutePositions, newCache, toFlowEdges, toFlowNodes, withPositions, type Measured } from './flow.ts';
import { EdgeLayer, useOverviewEdges } from './EdgeLayer.tsx';
import { DetailContext, LiveContext, nodeTypes, type Detail } from './nodes.tsx';
import { CaptureMenu, type MenuAt } from './CaptureMenu.tsx';
import { edgeTargets, liveKey, nodeTargets } from './captureTargets.ts';
import { capturesOf } from '../capture/captures.ts';
import { useStore as useVanillaStore } from 'zustand';
import { useProgressiveNodes } from './progressive.ts';
import { PRESENT_SCALE, useCanvasViewport } from './viewport.ts';

export const DRAG_MIME = 'application/x-netlab-palette';
/** above this many nodes the dotted background is left out, and far out the overview is drawn */
const BIG = 250;
/** below this zoom a big topology is drawn as an overview; handles are hidden below it */
const LOW_ZOOM = 0.4;
/**
 * Levels of detail (nodes.tsx): at full detail the smallest type on a node is 0.7rem, which
 * reads at 9 px on screen from this zoom up; below it nodes take their compact form, whose
 * type keeps its size on screen; below LOW_TEXT_ZOOM only names are written. Presentation
 * mode scales both by its larger type.
 */
const FULL_ZOOM = 0.78;
const LOW_TEXT_ZOOM = 0.3;
/** how near (screen pixels) a click must be to an overview edge to select it */
const EDGE_HIT_PX = 6;
const NO_EDGES: Edge[] = [];

function endpointOf(g: GraphModel, nodeId: string, handle: string | null): Endpoint | null {
  const n = g.nodes.find((x) => x.id === nodeId);
  if (!n) return null;
  if (n.kind === 'bridge') return { kind: 'bridge', ns: n.ns, bridge: n.bridge!.name };
  if (handle && handle !== 'new' && /^[lrtb]:/.test(handle)) return { kind: 'port', ns: n.ns, dev: handle.slice(2) };
  return { kind: 'ns', ns: n.ns };
}

export function Canvas() {
  const lab = useLab();
  const { snapshot, meta, positions, selection, lit, theme, present, minimap, opened } = useLabShallow((s) => ({
    snapshot: s.snapshot,
    meta: s.meta,
    positions: s.positions,
    selection: s.selection,
    lit: s.lit,
    theme: s.theme,
    present: s.present,
    minimap: s.minimap,
    opened: s.opened,
  }));
  const rf = useReactFlow();
  const graph = useMemo(() => deriveGraph(snapshot, meta), [snapshot, meta]);
  const [measured, setMeasured] = useState<Measured>({});
  const layout = useMemo(() => layoutGraph(graph, positions, measured), [graph, positions, measured]);
  const cache = useRef(newCache());
  const litSet = useMemo(() => new Set(lit), [lit]);
  const selPort = useMemo(() => {
    if (selection?.kind !== 'port') return null;
    const g = graph;
    for (const n of g.nodes)
      if (n.ns === selection.ns && n.ports.some((p) => p.name === selection.dev)) return { node: n.id, port: selection.dev };
    return null;
  }, [selection, graph]);
  const derived = useMemo(
    () =>
      toFlowNodes(
        graph,
        layout.positions,
        layout.sizes,
        selection?.kind === 'node' ? selection.id : null,
        selPort,
        cache.current,
        measured,
      ),
    [graph, layout, selection, selPort, measured],
  );
  // while a node is being dragged only that node moves: the layout, the edges and the store
  // (autosave, history) are left alone until the drop
  const [dragging, setDragging] = useState<Readonly<Record<string, XY>> | null>(null);
  const all = useMemo(() => (dragging ? withPositions(derived, dragging) : derived), [derived, dragging]);
  const nodes = useProgressiveNodes(all);
  const edgeCache = useRef(new Map<string, Edge>());
  const edges = useMemo(
    () => toFlowEdges(graph, layout.positions, layout.sizes, selection?.kind === 'edge' ? selection.id : null, litSet, edgeCache.current),
    [graph, layout, selection, litSet],
  );
  const connected = useRef(false);
  const busy = useLabState((s) => s.busy > 0);
  // far out, ports and their handles are too small to use: skip painting them
  const low = useStore((s) => s.transform[2] < LOW_ZOOM);
  const scale = present ? PRESENT_SCALE : 1;
  const text = useStore((s) => (s.transform[2] >= FULL_ZOOM * scale ? 'full' : s.transform[2] >= LOW_TEXT_ZOOM ? 'compact' : 'low'));
  // big topologies: the dotted background and the minimap repaint on every pan frame
  const big = graph.nodes.length > BIG;
  // far out on a big topology, React Flow gets no edges and the nodes no handles: the edges
  // are drawn in one layer from the nodes' positions (overview.ts)
  const overview = low && big;
  const detail: Detail = overview ? 'overview' : text;
  const wrap = useCanvasViewport(graph, layout, { present, minimap, opened });
  // a node that changed shape (a namespace that became a host, a port added or renamed)
  // has other handles: React Flow measures them again, so no edge looks for a handle that
  // is gone
  const updateInternals = useUpdateNodeInternals();
  const shapes = useRef(new Map<string, string>());
  useEffect(() => {
    const changed: string[] = [];
    const next = new Map<string, string>();
    for (const n of graph.nodes) {
      const sig = `${n.kind}|${n.ports.map((p) => p.name).join(',')}`;
      next.set(n.id, sig);
      const before = shapes.current.get(n.id);
      if (before !== undefined && before !== sig) changed.push(n.id);
    }
    shapes.current = next;
    if (changed.length) updateInternals(changed);
  }, [graph, updateInternals]);
  // back from the overview, the nodes still on screen have their handles again but the same
  // size (so no resize tells React Flow): measure them. Those off screen keep what React Flow
  // measured of the overview's anchors (the same places unless a row holds more text than
  // fits), enough for the far end of an edge leaving the screen, and are measured afresh
  // when they come into view.
  const wasOverview = useRef(overview);
  useEffect(() => {
    if (wasOverview.current && !overview) updateInternals(graph.nodes.map((n) => n.id));
    wasOverview.current = overview;
  }, [overview, graph, updateInternals]);
  const ov = useOverviewEdges(overview, derived, nodes, edges, dragging);
  /** in the overview an edge is selected by clicking near it (it has no element of its own) */
  const selectEdgeAt = useCallback(
    (ev: ReactMouseEvent | MouseEvent): boolean => {
      const id = ov.edgeAt(rf.screenToFlowPosition({ x: ev.clientX, y: ev.clientY }), EDGE_HIT_PX / rf.getZoom());
      if (id) lab.store.setState({ selection: { kind: 'edge', id }, panel: 'inspector', fieldError: null });
      return id !== null;
    },
    [ov.edgeAt, rf, lab],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      const moved: Record<string, XY> = {};
      const live: Record<string, XY> = {};
      const sized: Record<string, { w: number; h: number }> = {};
      let sel: Selection | undefined;
      for (const c of changes) {
        if (c.type === 'dimensions' && c.dimensions)
          sized[c.id] = { w: Math.round(c.dimensions.width), h: Math.round(c.dimensions.height) };
        if (c.type === 'position' && c.position)
          (c.dragging ? live : moved)[c.id] = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
        if (c.type === 'select' && c.selected) sel = { kind: 'node', id: c.id };
      }
      if (Object.keys(sized).length) {
        setMeasured((m) => {
          const changed = Object.entries(sized).filter(([id, s]) => m[id]?.w !== s.w || m[id]?.h !== s.h);
          return changed.length ? { ...m, ...Object.fromEntries(changed) } : m;
        });
      }
      if (Object.keys(live).length) setDragging((d) => ({ ...d, ...live }));
      if (Object.keys(moved).length) {
        lab.store.setState((s) => ({ positions: { ...s.positions, ...moved } }));
        setDragging(null);
      }
      if (sel) lab.store.setState({ selection: sel, panel: 'inspector', fieldError: null });
    },
    [lab],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      for (const c of changes)
        if (c.type === 'select' && c.selected)
          lab.store.setState({ selection: { kind: 'edge', id: c.id }, panel: 'inspector', fieldError: null });
    },
    [lab],
  );

  const doConnect = useCallback(
    (a: Endpoint | null, b: Endpoint | null) => {
      if (!a || !b) return;
      const plan = connect(lab.store.getState().snapshot, a, b);
      if ('error' in plan) {
        lab.store.setState((s) => addNotice(s, 'error', plan.error));
        return;
      }
      const what = plan.lines.length === 1 ? `Attach ${plan.name} to the bridge` : `Connect ${a.ns} and ${b.ns}`;
      void lab.edit(what, plan.lines);
    },
    [lab],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      connected.current = true;
      doConnect(endpointOf(graph, c.source, c.sourceHandle ?? null), endpointOf(graph, c.target, c.targetHandle ?? null));
    },
    [graph, doConnect],
  );

  const onConnectStart = useCallback(() => {
    connected.current = false;
  }, []);

  // a connection dropped on a node's body (not exactly on a handle) still connects
  const onConnectEnd = useCallback(
    (ev: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (connected.current || !state.fromNode) return;
      const pt = 'changedTouches' in ev ? ev.changedTouches[0] : ev;
      if (!pt) return;
      const target = nodeUnder(pt.clientX, pt.clientY, state.fromNode.id);
      if (!target) return;
      doConnect(endpointOf(graph, state.fromNode.id, state.fromHandle?.id ?? null), endpointOf(graph, target.node, null));
    },
    [graph, doConnect],
  );

  const onDrop = useCallback(
    (ev: DragEvent) => {
      const kind = ev.dataTransfer.getData(DRAG_MIME) as PaletteKind;
      if (!kind) return;
      ev.preventDefault();
      const flow = rf.screenToFlowPosition({ x: ev.clientX, y: ev.clientY });
      const under = nodeUnder(ev.clientX, ev.clientY, null);
      const s = lab.store.getState();
      const model: NodeModel | undefined = under ? graph.nodes.find((n) => n.id === under.node) : undefined;
      // a drop inside a box (host, switch) belongs to that box; a drop on a bridge, to its box
      let boxNode = model;
      if (model?.kind === 'bridge' || (model?.kind === 'card' && model.parent))
        boxNode = graph.nodes.find((n) => n.id === model.parent) ?? model;
      const abs = absolutePositions(graph, layout.positions);
      const origin = boxNode ? (abs.get(boxNode.id) ?? { x: 0, y: 0 }) : { x: 0, y: 0 };
      const nsModel = kind === 'namespace' ? boxNode : model;
      const target: DropTarget = {
        ns: nsModel?.ns ?? null,
        node: nsModel?.kind === 'bridge' ? nsModel.parent : (nsModel?.id ?? null),
        role: nsModel?.role ?? null,
        port: under?.port ?? null,
        rel: boxNode ? { x: flow.x - origin.x, y: flow.y - origin.y } : null,
        abs: flow,
      };
      const plan = planDrop(s.snapshot, kind, target, s.meta, s.positions);
      if ('error' in plan) {
        lab.store.setState((st) => addNotice(st, 'error', plan.error));
        return;
      }
      void lab.edit(plan.label, plan.planned.lines, { meta: plan.meta, positions: plan.positions });
    },
    [rf, lab, graph, layout],
  );

  const onDragOver = useCallback((ev: DragEvent) => {
    if (ev.dataTransfer.types.includes(DRAG_MIME)) {
      ev.preventDefault();
      ev.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onNodeClick = useCallback(
    (ev: ReactMouseEvent, node: { id: string; type?: string | undefined }) => {
      // overview edges are drawn above boxes, under everything else
      if (node.type === 'box' && selectEdgeAt(ev)) return;
      lab.store.setState({ selection: { kind: 'node', id: node.id }, panel: 'inspector', fieldError: null });
    },
    [lab, selectEdgeAt],
  );

  // the devices a capture runs on, marked on their ports (one string, so a new packet re-renders nothing)
  const liveList = useVanillaStore(capturesOf(lab).store, (c) =>
    c.tabs
      .filter((x) => x.view.running)
      .map((x) => liveKey(x.view.ns, x.view.dev))
      .sort()
      .join('\n'),
  );
  const live = useMemo(() => new Set(liveList ? liveList.split('\n') : []), [liveList]);
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const onNodeContextMenu = useCallback(
    (ev: ReactMouseEvent, node: { id: string }) => {
      const port = ev.target instanceof Element ? (ev.target.closest<HTMLElement>('[data-port]')?.dataset.port ?? null) : null;
      const targets = nodeTargets(graph, node.id, port);
      if (!targets.length) return;
      ev.preventDefault();
      setMenu({ x: ev.clientX, y: ev.clientY, targets });
    },
    [graph],
  );
  const onEdgeContextMenu = useCallback(
    (ev: ReactMouseEvent, edge: { id: string }) => {
      const targets = edgeTargets(graph, edge.id);
      if (!targets.length) return;
      ev.preventDefault();
      setMenu({ x: ev.clientX, y: ev.clientY, targets });
    },
    [graph],
  );

  const onPaneClick = useCallback(
    (ev: ReactMouseEvent) => {
      if (!selectEdgeAt(ev)) lab.store.setState({ selection: null, fieldError: null });
    },
    [lab, selectEdgeAt],
  );

  return (
    <div
      ref={wrap}
      className={`canvas lod-${detail}${low ? ' lod' : ''}${overview ? ' overview' : ''}${present ? ' present' : ''}`}
      onDrop={onDrop}
      onDragOver={onDragOver}
      aria-busy={busy}
      data-testid="canvas"
    >
      <DetailContext.Provider value={detail}>
        <LiveContext.Provider value={live}>
          <ReactFlow
            nodes={nodes}
            edges={overview ? NO_EDGES : nodes === all ? edges : NO_EDGES}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onConnectStart={onConnectStart}
            onConnectEnd={onConnectEnd}
            onPaneClick={onPaneClick}
            onNodeClick={onNodeClick}
            onNodeContextMenu={onNodeContextMenu}
            onEdgeContextMenu={onEdgeContextMenu}
            connectionMode={ConnectionMode.Loose}
            connectionRadius={28}
            deleteKeyCode={null}
            selectionKeyCode={null}
            multiSelectionKeyCode={null}
            colorMode={theme}
            minZoom={0.05}
            maxZoom={2.5}
            // culling pays when zoomed in (a few nodes of many on screen); zoomed out nearly all
            // are on screen and culling only mounts and unmounts nodes on every pan frame
            onlyRenderVisibleElements={!low}
            proOptions={{ hideAttribution: true }}
          >
            {!big && <Background gap={24} />}
            {minimap && !present && (
              <MiniMap pannable zoomable ariaLabel="Minimap" nodeStrokeWidth={3} nodeColor={miniColor} nodeBorderRadius={6} />
            )}
            {overview && <EdgeLayer layers={ov.still} />}
            {overview && <EdgeLayer layers={ov.moving} moving />}
          </ReactFlow>
        </LiveContext.Provider>
      </DetailContext.Provider>
      {menu && <CaptureMenu at={menu} onClose={closeMenu} />}
    </div>
  );
}

function miniColor(n: { type?: string | undefined; data: Record<string, unknown> }): string {
  const role = (n.data as { model?: { role?: string } }).model?.role;
  if (n.type === 'box') return role === 'switch' ? '#58a56d55' : '#7c9be640';
  if (n.type === 'bridge') return '#2f8a57';
  return role === 'internet' ? '#d79b2f' : '#8a94a6';
}

/** the node (and port) under a screen point, skipping `skip` */
function nodeUnder(x: number, y: number, skip: string | null): { node: string; port: string | null } | null {
  let port: string | null = null;
  for (const el of document.elementsFromPoint(x, y)) {
    if (!(el instanceof HTMLElement)) continue;
    if (port === null && el.dataset.port) port = el.dataset.port;
    const n = el.closest('.react-flow__node');
    if (n instanceof HTMLElement && n.dataset.id && n.dataset.id !== skip) {
      // a port belongs to the innermost node only
      return { node: n.dataset.id, port: n.contains(el) ? port : null };
    }
  }
  return null;
}
