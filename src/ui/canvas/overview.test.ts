import { describe, expect, it } from 'vitest';
import { Shell } from '../../cmd/shell.ts';
import { snapshot } from '../../core/snapshot.ts';
import { EMPTY_META } from '../doc/document.ts';
import { deriveGraph } from '../graph/derive.ts';
import { layoutGraph } from '../graph/layout.ts';
import type { NodeModel } from '../graph/model.ts';
import { absolutePositions, newCache, toFlowEdges, toFlowNodes } from './flow.ts';
import { OV, edgeAt, edgeLayers, overviewEdges, overviewSize, portAnchor, touches, withDescendants } from './overview.ts';

function graphOf(lines: string[]) {
  const sh = new Shell();
  for (const l of lines) expect(sh.exec(l).status, l).toBe(0);
  return deriveGraph(snapshot(sh.world), EMPTY_META);
}

/** the host with eth0 (a chip on its box), bridge br0 with v1, v2 and containers ns1, ns2 */
const BRIDGE = [
  'ip link add eth0 type dummy',
  'ip netns add ns1',
  'ip netns add ns2',
  'ip link add br0 type bridge',
  'ip link add v1 type veth peer name eth0 netns ns1',
  'ip link add v2 type veth peer name eth0 netns ns2',
  'ip link set v1 master br0',
  'ip link set v2 master br0',
  'ip -n ns1 link add x type veth peer name y netns ns2',
];

function flow(lines: string[], selected: string | null = null) {
  const g = graphOf(lines);
  const layout = layoutGraph(g, {});
  const nodes = toFlowNodes(g, layout.positions, layout.sizes, selected, null, newCache());
  const edges = toFlowEdges(g, layout.positions, layout.sizes, null, new Set());
  return { g, layout, nodes, edges };
}

const model = (g: { nodes: readonly NodeModel[] }, id: string): NodeModel => g.nodes.find((n) => n.id === id)!;

describe('overview geometry', () => {
  it('sizes a card by its rows and never below what the browser measured', () => {
    const g = graphOf(BRIDGE);
    const ns1 = model(g, 'ns:ns1');
    expect(ns1.ports.map((p) => p.name)).toEqual(['eth0', 'x']);
    expect(overviewSize(ns1, undefined)).toEqual({ w: OV.cardW, h: 2 * OV.border + OV.title + 2 * OV.row });
    // measured at full detail (taller rows): the overview keeps that size, so nothing re-lays out
    expect(overviewSize(ns1, { width: 250, height: 171 })).toEqual({ w: 250, h: 171 });
    const br = model(g, 'br:host/br0');
    expect(overviewSize(br, undefined).w).toBeGreaterThanOrEqual(OV.bridgeMinW);
  });

  it('anchors card ports on the left and right of their row, chips at their top and bottom', () => {
    const g = graphOf(BRIDGE);
    const ns1 = model(g, 'ns:ns1');
    const size = overviewSize(ns1, undefined);
    const eth0 = portAnchor(ns1, size, 'eth0', 'l');
    const x = portAnchor(ns1, size, 'x', 'r');
    // at the outer edge of a handle centred on the inside of the card's border
    expect(eth0).toMatchObject({ x: OV.border - OV.handle / 2, leave: 'left' });
    expect(x).toMatchObject({ x: size.w - OV.border + OV.handle / 2, leave: 'right' });
    // one row apart, both inside the card below its title
    expect(x.y - eth0.y).toBe(OV.row);
    expect(eth0.y).toBeGreaterThan(OV.border + OV.title);
    const br = model(g, 'br:host/br0');
    const bs = overviewSize(br, undefined);
    const v1 = portAnchor(br, bs, 'v1', 't');
    const v2 = portAnchor(br, bs, 'v2', 'b');
    expect(v1.leave).toBe('top');
    expect(v2.leave).toBe('bottom');
    expect(v2.x - v1.x).toBe(OV.chipW + OV.chipGap);
    expect(v2.y - v1.y).toBe(OV.chipH - 2 * OV.chipBorder + OV.handle);
  });

  it('wraps a box’s chips at its width', () => {
    const g = graphOf(['ip link add d0 type dummy', 'ip link add d1 type dummy', 'ip link add d2 type dummy']);
    const host = model(g, 'host');
    expect(host.ports.length).toBe(3);
    // room for two chips per row
    const narrow = { w: 2 * OV.border + 2 * OV.chipPadX + 2 * OV.chipW + OV.chipGap, h: 400 };
    const a = portAnchor(host, narrow, host.ports[0]!.name, 't');
    const b = portAnchor(host, narrow, host.ports[1]!.name, 't');
    const c = portAnchor(host, narrow, host.ports[2]!.name, 't');
    expect(b.y).toBe(a.y);
    expect(c.x).toBe(a.x);
    expect(c.y - a.y).toBe(OV.chipH + OV.chipGap);
  });
});

describe('overview edges', () => {
  it('starts each edge at its port, in flow coordinates (a child inside its box)', () => {
    const { g, layout, nodes, edges } = flow(BRIDGE);
    const ov = overviewEdges(nodes, edges);
    expect(ov.map((e) => e.id).sort()).toEqual(edges.map((e) => e.id).sort());
    const abs = absolutePositions(g, layout.positions);
    for (const e of ov) {
      const fe = edges.find((x) => x.id === e.id)!;
      const s = nodes.find((n) => n.id === fe.source)!;
      const a = portAnchor(s.data.model, overviewSize(s.data.model, s.measured), fe.sourceHandle!.slice(2), fe.sourceHandle![0] as 'l');
      expect(e.pts[0]).toBeCloseTo(abs.get(s.id)!.x + a.x);
      expect(e.pts[1]).toBeCloseTo(abs.get(s.id)!.y + a.y);
    }
  });

  it('stacks edges as React Flow does: above their boxes, a selected node’s edges above all', () => {
    const plain = overviewEdges(flow(BRIDGE).nodes, flow(BRIDGE).edges);
    // the containers and the bridge sit in the host box (z -1): their edges at 0
    expect(new Set(plain.map((e) => e.z))).toEqual(new Set([0]));
    const sel = flow(BRIDGE, 'ns:ns1');
    const lifted = overviewEdges(sel.nodes, sel.edges)
      .filter((e) => e.z > 0)
      .map((e) => e.id);
    expect(lifted.length).toBeGreaterThan(0);
    for (const id of lifted) expect(touches(sel.edges.find((e) => e.id === id)!, new Set(['ns:ns1']))).toBe(true);
  });

  it('draws one path per edge, grouped by class, selected ones last', () => {
    const g = graphOf(BRIDGE);
    const layout = layoutGraph(g, {});
    const nodes = toFlowNodes(g, layout.positions, layout.sizes, null, null, newCache());
    const edges = toFlowEdges(g, layout.positions, layout.sizes, g.edges[0]!.id, new Set());
    const layers = edgeLayers(overviewEdges(nodes, edges));
    const groups = layers.flatMap((l) => l.groups);
    expect(groups.flatMap((x) => x.paths).length).toBe(edges.length);
    expect(groups.at(-1)!.className).toContain('selected');
    for (const p of groups.flatMap((x) => x.paths)) expect(p.d).toMatch(/^M[-\d.]+,[-\d.]+ C/);
  });

  it('finds the edge near a point, and none far from all of them', () => {
    const { nodes, edges } = flow(BRIDGE);
    const ov = overviewEdges(nodes, edges);
    const e = ov[0]!;
    const [ax, ay, , , , , bx, by] = e.pts;
    // the middle of a bezier lies between its ends' midpoint and the control points' midpoint
    const mid = {
      x: 0.125 * ax + 0.375 * e.pts[2] + 0.375 * e.pts[4] + 0.125 * bx,
      y: 0.125 * ay + 0.375 * e.pts[3] + 0.375 * e.pts[5] + 0.125 * by,
    };
    expect(edgeAt(ov, mid, 4)).toBe(e.id);
    expect(edgeAt(ov, { x: -10_000, y: -10_000 }, 4)).toBeNull();
  });

  it('moves a box with everything inside it', () => {
    const { nodes } = flow(BRIDGE);
    const moving = withDescendants(nodes, ['host']);
    expect([...moving].sort()).toEqual(
      nodes
        .filter((n) => n.id === 'host' || n.parentId === 'host')
        .map((n) => n.id)
        .sort(),
    );
  });
});
