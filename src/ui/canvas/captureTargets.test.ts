import { describe, expect, it } from 'vitest';
import { Shell } from '../../cmd/shell.ts';
import { snapshot } from '../../core/snapshot.ts';
import { EMPTY_META } from '../doc/document.ts';
import { deriveGraph } from '../graph/derive.ts';
import { edgeTargets, nodeTargets } from './captureTargets.ts';

function graph(lines: string[]) {
  const sh = new Shell();
  for (const l of lines) expect(sh.exec(l).status, l).toBe(0);
  return deriveGraph(snapshot(sh.world), EMPTY_META);
}

const LAB = [
  'ip netns add ns1',
  'ip netns add ns2',
  'ip link add br0 type bridge',
  'ip link add v1 type veth peer name eth0 netns ns1',
  'ip link add v2 type veth peer name eth0 netns ns2',
  'ip link set v1 master br0',
  'ip link set v2 master br0',
  'ip -n ns1 link add left type veth peer name right netns ns2',
];

describe('what a right-click on the canvas offers to capture on', () => {
  const g = graph(LAB);
  const id = (pred: (n: (typeof g.nodes)[number]) => boolean) => g.nodes.find(pred)!.id;

  it('the port under the pointer alone', () => {
    expect(
      nodeTargets(
        g,
        id((n) => n.ns === 'ns1' && n.kind === 'card'),
        'eth0',
      ),
    ).toEqual([{ ns: 'ns1', dev: 'eth0' }]);
    expect(
      nodeTargets(
        g,
        id((n) => n.kind === 'bridge'),
        'v2',
      ),
    ).toEqual([{ ns: 'root', dev: 'v2' }]);
  });

  it('a bridge: the bridge itself first, then its ports', () => {
    expect(
      nodeTargets(
        g,
        id((n) => n.kind === 'bridge'),
        null,
      ),
    ).toEqual([
      { ns: 'root', dev: 'br0' },
      { ns: 'root', dev: 'v1' },
      { ns: 'root', dev: 'v2' },
    ]);
  });

  it("a namespace: each of its interfaces; a name that is not one of the node's ports is not offered", () => {
    const ns1 = id((n) => n.ns === 'ns1' && n.kind === 'card');
    const all = nodeTargets(g, ns1, null).map((t) => t.dev);
    expect(all).toEqual(expect.arrayContaining(['eth0', 'left']));
    expect(all.every((d) => g.nodes.find((n) => n.id === ns1)!.ports.some((p) => p.name === d))).toBe(true);
    expect(nodeTargets(g, ns1, 'v1')).toEqual(nodeTargets(g, ns1, null));
  });

  it('a veth link: both peers, each in its own namespace', () => {
    const e = g.edges.find((x) => x.kind === 'veth' && [x.sourcePort, x.targetPort].includes('left'))!;
    expect(edgeTargets(g, e.id)).toEqual(
      expect.arrayContaining([
        { ns: 'ns1', dev: 'left' },
        { ns: 'ns2', dev: 'right' },
      ]),
    );
    expect(edgeTargets(g, e.id)).toHaveLength(2);
    const toBridge = g.edges.find((x) => [x.sourcePort, x.targetPort].includes('v1'))!;
    expect(edgeTargets(g, toBridge.id)).toEqual(
      expect.arrayContaining([
        { ns: 'root', dev: 'v1' },
        { ns: 'ns1', dev: 'eth0' },
      ]),
    );
    expect(edgeTargets(g, 'no such edge')).toEqual([]);
  });
});
