import { describe, expect, it } from 'vitest';
import { Shell } from '../../cmd/shell.ts';
import { snapshot } from '../../core/snapshot.ts';
import { EMPTY_META } from '../doc/document.ts';
import { deriveGraph, inferRole } from './derive.ts';
import { layoutGraph, rowLengths } from './layout.ts';

function world(lines: string[]) {
  const sh = new Shell();
  for (const l of lines) expect(sh.exec(l).status, l).toBe(0);
  return snapshot(sh.world);
}

const BRIDGE_NAT = [
  'ip netns add isp',
  'ip link add eth0 type veth peer name up0 netns isp',
  'ip -n isp addr add 203.0.113.5/32 dev lo',
  'ip netns add ns1',
  'ip netns add ns2',
  'ip link add br0 type bridge',
  'ip link add v1 type veth peer name eth0 netns ns1',
  'ip link add v2 type veth peer name eth0 netns ns2',
  'ip link set v1 master br0',
  'ip link set v2 master br0',
  'ip -n ns1 addr add 10.0.0.1/24 dev eth0',
];

describe('derive', () => {
  it('draws the host as a box holding its containers and bridges; veths as edges between ports', () => {
    const g = deriveGraph(world(BRIDGE_NAT), EMPTY_META);
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    expect(byId.get('host')?.kind).toBe('box');
    expect(byId.get('ns:ns1')).toMatchObject({ kind: 'card', parent: 'host', role: 'container' });
    expect(byId.get('ns:isp')).toMatchObject({ role: 'internet', parent: null });
    expect(byId.get('br:host/br0')).toMatchObject({ kind: 'bridge', parent: 'host' });
    expect(byId.get('br:host/br0')!.ports.map((p) => p.name)).toEqual(['v1', 'v2']);
    // bridge ports are drawn on the bridge, not on the host
    expect(byId.get('host')!.ports.map((p) => p.name)).toEqual(['eth0']);
    const veths = g.edges.filter((e) => e.kind === 'veth');
    expect(veths).toHaveLength(3);
    expect(veths).toContainEqual(
      expect.objectContaining({ source: 'br:host/br0', sourcePort: 'v1', target: 'ns:ns1', targetPort: 'eth0' }),
    );
    // parents come before children
    const order = g.nodes.map((n) => n.id);
    expect(order.indexOf('host')).toBeLessThan(order.indexOf('ns:ns1'));
  });

  it('draws an overlay sandbox inside the host that carries its tunnel, its containers inside it', () => {
    const g = deriveGraph(
      world([
        'ip netns add h1',
        'ip -n h1 link add lanbr type bridge',
        'ip -n h1 addr add 192.168.9.1/24 dev lanbr',
        'ip netns add sb',
        'ip -n sb link add br0 type bridge',
        'ip -n sb addr add 10.0.1.1/24 dev br0',
        'ip netns exec h1 ip link add vx type vxlan id 4097 dstport 4789 proxy',
        'ip -n h1 link set vx netns sb',
        'ip -n sb link set vx master br0',
        'ip netns add web',
        'ip -n sb link add veth0 type veth peer name eth0 netns web',
        'ip -n sb link set veth0 master br0',
      ]),
      EMPTY_META,
    );
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    expect(byId.get('ns:sb')).toMatchObject({ kind: 'box', parent: 'ns:h1' });
    expect(byId.get('ns:web')).toMatchObject({ kind: 'card', parent: 'ns:sb' });
    const order = g.nodes.map((n) => n.id);
    expect(order.indexOf('ns:h1')).toBeLessThan(order.indexOf('ns:sb'));
    expect(order.indexOf('ns:sb')).toBeLessThan(order.indexOf('ns:web'));
  });

  it('hangs macvlan children off their parent with the mode, and pairs vxlan endpoints', () => {
    const g = deriveGraph(
      world([
        'ip netns add c1',
        'ip link add eth0 type dummy',
        'ip link add mv0 link eth0 type macvlan mode bridge',
        'ip link set mv0 netns c1',
        'ip link add vx0 type vxlan id 42 dstport 4789',
        'ip netns add h2',
        'ip -n h2 link add vx0 type vxlan id 42 dstport 4789',
      ]),
      EMPTY_META,
    );
    expect(g.edges.find((e) => e.kind === 'lower')).toMatchObject({
      source: 'host',
      sourcePort: 'eth0',
      target: 'ns:c1',
      targetPort: 'mv0',
      label: 'macvlan bridge',
    });
    expect(g.edges.find((e) => e.kind === 'vxlan')).toMatchObject({ label: 'VNI 42' });
    expect(g.nodes.find((n) => n.id === 'ns:c1')!.ports[0]!.note).toBe('macvlan bridge on root:eth0');
  });

  it('infers roles: a switch is a namespace of bridges without addresses; a host has a bridge and addresses', () => {
    const s = world([
      'ip netns add lan',
      'ip -n lan link add sw type bridge',
      'ip netns add h0',
      'ip -n h0 link add br0 type bridge',
      'ip -n h0 addr add 10.0.0.1/24 dev br0',
      'ip -n h0 link add e0 type veth peer name p0 netns lan',
      'ip -n lan link set p0 master sw',
    ]);
    const role = (n: string) => inferRole(s.namespaces.find((x) => x.name === n)!);
    expect(role('lan')).toBe('switch');
    expect(role('h0')).toBe('host');
    // a role chosen by a person wins
    expect(deriveGraph(s, { roles: { h0: 'container' }, parents: {} }).nodes.find((n) => n.id === 'ns:h0')!.role).toBe('container');
  });
});

describe('layout', () => {
  it('places every node, keeps containers inside their host box and off its header', () => {
    const g = deriveGraph(world(BRIDGE_NAT), EMPTY_META);
    const { positions, sizes, placed } = layoutGraph(g, {});
    expect(placed.sort()).toEqual(g.nodes.map((n) => n.id).sort());
    const host = sizes.host!;
    for (const id of ['ns:ns1', 'ns:ns2', 'br:host/br0']) {
      const p = positions[id]!;
      const s = sizes[id]!;
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeGreaterThanOrEqual(52);
      expect(p.x + s.w).toBeLessThanOrEqual(host.w);
      expect(p.y + s.h).toBeLessThanOrEqual(host.h);
    }
    // containers sit above the bridge
    expect(positions['ns:ns1']!.y).toBeLessThan(positions['br:host/br0']!.y);
    // the upstream is outside the host box, above it
    expect(positions['ns:isp']!.y).toBeLessThan(positions.host!.y);
  });

  it('a host box that grows around new bridges pushes the box beside it instead of covering it', () => {
    const two = ['ip netns add h1', 'ip netns add h2', 'ip -n h1 link add br0 type bridge', 'ip -n h2 link add br0 type bridge'];
    const before = deriveGraph(world(two), EMPTY_META);
    const stored = layoutGraph(before, {}).positions;
    // a daemon starts in h1: two more bridges, placed beside br0, so h1 gets wider
    const after = deriveGraph(
      world([...two, 'ip -n h1 link add docker0 type bridge', 'ip -n h1 link add docker_gwbridge type bridge']),
      EMPTY_META,
    );
    const { positions, sizes } = layoutGraph(after, stored);
    const boxes = after.nodes.filter((n) => n.parent === null);
    expect(boxes.length).toBeGreaterThanOrEqual(2);
    for (const a of boxes) {
      for (const b of boxes) {
        if (a === b) continue;
        const pa = positions[a.id]!;
        const sa = sizes[a.id]!;
        const pb = positions[b.id]!;
        const sb = sizes[b.id]!;
        const overlap = pa.x < pb.x + sb.w && pb.x < pa.x + sa.w && pa.y < pb.y + sb.h && pb.y < pa.y + sa.h;
        expect(overlap, `${a.id} covers ${b.id}`).toBe(false);
      }
    }
    // what the user placed stays where it was, when nothing covers it
    const h1 = boxes.find((n) => n.ns === 'h1')!;
    expect(positions[h1.id]).toEqual(stored[h1.id]);
  });

  it('keeps stored positions and puts a new node beside its siblings without overlap', () => {
    const g = deriveGraph(world(BRIDGE_NAT), EMPTY_META);
    const first = layoutGraph(g, {}).positions;
    const stored = { ...first };
    delete (stored as Record<string, unknown>)['ns:ns2'];
    stored['ns:ns1'] = { x: 500, y: 200 };
    const { positions, sizes } = layoutGraph(g, stored);
    expect(positions['ns:ns1']).toEqual({ x: 500, y: 200 });
    const a = positions['ns:ns2']!;
    const overlaps = (id: string) => {
      const p = positions[id]!;
      const s = sizes[id]!;
      return a.x < p.x + s.w && p.x < a.x + sizes['ns:ns2']!.w && a.y < p.y + s.h && p.y < a.y + sizes['ns:ns2']!.h;
    };
    expect(overlaps('ns:ns1')).toBe(false);
    expect(overlaps('br:host/br0')).toBe(false);
  });

  it('grows a box around a child dragged past its edge, and clamps one dragged above the header', () => {
    const g = deriveGraph(world(BRIDGE_NAT), EMPTY_META);
    const base = layoutGraph(g, {}).positions;
    const { positions, sizes } = layoutGraph(g, { ...base, 'ns:ns1': { x: 3000, y: 2000 }, 'ns:ns2': { x: -50, y: -50 } });
    expect(sizes.host!.w).toBeGreaterThan(3000);
    expect(sizes.host!.h).toBeGreaterThan(2000);
    expect(positions['ns:ns2']!.x).toBeGreaterThanOrEqual(0);
    expect(positions['ns:ns2']!.y).toBeGreaterThan(30);
  });

  it('lays out thousands of namespaces as a grid of the canvas shape, none covering another', () => {
    const g = deriveGraph(world(Array.from({ length: 3000 }, (_, i) => `ip netns add n${i}`)), EMPTY_META);
    for (const aspect of [16 / 9, 1]) {
      const { positions, sizes } = layoutGraph(g, {}, {}, { aspect });
      const loose = g.nodes.filter((n) => n.id.startsWith('ns:n'));
      expect(loose).toHaveLength(3000);
      // a grid: as wide as the canvas shape asks (within a row's worth), not a strip
      const xs = loose.map((n) => positions[n.id]!.x);
      const ys = loose.map((n) => positions[n.id]!.y);
      const w = Math.max(...loose.map((n) => positions[n.id]!.x + sizes[n.id]!.w)) - Math.min(...xs);
      const h = Math.max(...loose.map((n) => positions[n.id]!.y + sizes[n.id]!.h)) - Math.min(...ys);
      expect(w / h).toBeGreaterThan(aspect * 0.8);
      expect(w / h).toBeLessThan(aspect * 1.25);
      // no two cards overlap: sorted by row then column, each starts after the one before it ends
      const byRow = new Map<number, { x: number; w: number }[]>();
      for (const n of loose) {
        const p = positions[n.id]!;
        byRow.set(p.y, [...(byRow.get(p.y) ?? []), { x: p.x, w: sizes[n.id]!.w }]);
      }
      for (const row of byRow.values()) {
        row.sort((a, b) => a.x - b.x);
        for (let i = 1; i < row.length; i++) expect(row[i]!.x).toBeGreaterThanOrEqual(row[i - 1]!.x + row[i - 1]!.w);
      }
    }
  });

  it('tries every row length that changes how many rows a layer has, and only those', () => {
    // 10 items: 1 row of 10, 2 of 5, 3 of 4, 4 of 3, 5 of 2, 10 of 1
    expect(rowLengths([10])).toEqual([1, 2, 3, 4, 5, 10]);
    for (const len of [1, 7, 97, 1000]) {
      const got = rowLengths([len]);
      const rowsOf = (p: number) => Math.ceil(len / p);
      // every number of rows is reached, by its shortest row length
      const all = Array.from({ length: len }, (_, i) => i + 1);
      expect(new Set(got.map(rowsOf))).toEqual(new Set(all.map(rowsOf)));
      for (const p of got) expect(p === 1 || rowsOf(p - 1) !== rowsOf(p)).toBe(true);
    }
  });
});
