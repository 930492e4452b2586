import { describe, expect, it } from 'vitest';
import { Shell } from '../../cmd/shell.ts';
import { snapshot, type WorldSnapshot } from '../../core/snapshot.ts';
import {
  addBridge,
  addNamespace,
  addStacked,
  addSwitch,
  addVxlan,
  cidrProblem,
  cloneNamespace,
  connect,
  findDev,
  recreate,
  type Planned,
} from './commands.ts';

function run(sh: Shell, p: Planned | { error: string } | string[]): WorldSnapshot {
  const lines = Array.isArray(p) ? p : 'error' in p ? [] : p.lines;
  if (!Array.isArray(p) && 'error' in p) throw new Error(p.error);
  for (const l of lines) expect(sh.exec(l).stderr, l).toBe('');
  return snapshot(sh.world);
}

describe('canvas edits as dialect lines', () => {
  it('palette items become commands the kernel accepts, with fresh names', () => {
    const sh = new Shell();
    let w = run(sh, addNamespace(snapshot(sh.world), 'ns'));
    w = run(sh, addNamespace(w, 'ns'));
    expect(w.namespaces.map((n) => n.name)).toEqual(['root', 'ns1', 'ns2']);
    w = run(sh, addBridge(w, 'root'));
    w = run(sh, addBridge(w, 'ns1'));
    w = run(sh, addSwitch(w));
    w = run(sh, addVxlan(w, 'root'));
    w = run(sh, addVxlan(w, 'ns2'));
    expect(findDev(w, 'root', 'br0')?.kind).toBe('bridge');
    expect(findDev(w, 'lan1', 'sw0')?.up).toBe(true);
    expect(findDev(w, 'ns2', 'vxlan0')?.vxlan?.vni).toBe(43);
  });

  it('connecting a namespace to a bridge makes an enslaved veth pair, both ends up', () => {
    const sh = new Shell();
    let w = run(sh, addNamespace(snapshot(sh.world), 'ns'));
    w = run(sh, addBridge(w, 'root'));
    w = run(sh, connect(w, { kind: 'ns', ns: 'ns1' }, { kind: 'bridge', ns: 'root', bridge: 'br0' }));
    expect(findDev(w, 'ns1', 'eth0')).toMatchObject({ kind: 'veth', up: true, peer: { ns: 'root', name: 'veth0' } });
    expect(findDev(w, 'root', 'veth0')).toMatchObject({ master: 'br0', up: true });
    // again: new names, no clash
    w = run(sh, connect(w, { kind: 'ns', ns: 'ns1' }, { kind: 'bridge', ns: 'root', bridge: 'br0' }));
    expect(findDev(w, 'ns1', 'eth1')?.peer?.name).toBe('veth1');
  });

  it('connects two named namespaces, two bridges, and enslaves a port dropped on its bridge', () => {
    const sh = new Shell();
    let w = run(sh, addNamespace(snapshot(sh.world), 'ns'));
    w = run(sh, addNamespace(w, 'ns'));
    w = run(sh, connect(w, { kind: 'ns', ns: 'ns1' }, { kind: 'ns', ns: 'ns2' }));
    expect(findDev(w, 'ns1', 'eth0')?.peer).toMatchObject({ ns: 'ns2', name: 'eth0' });
    w = run(sh, addBridge(w, 'ns2'));
    w = run(sh, connect(w, { kind: 'port', ns: 'ns2', dev: 'eth0' }, { kind: 'bridge', ns: 'ns2', bridge: 'br0' }));
    expect(findDev(w, 'ns2', 'eth0')?.master).toBe('br0');
    w = run(sh, addBridge(w, 'root'));
    w = run(sh, connect(w, { kind: 'bridge', ns: 'root', bridge: 'br0' }, { kind: 'bridge', ns: 'ns2', bridge: 'br0' }));
    expect(w.namespaces.flatMap((n) => n.devices.filter((d) => d.kind === 'veth' && d.master === 'br0'))).toHaveLength(3);
    expect(connect(w, { kind: 'bridge', ns: 'root', bridge: 'br0' }, { kind: 'bridge', ns: 'root', bridge: 'br0' })).toHaveProperty(
      'error',
    );
  });

  it('re-creates a macvlan in another mode, keeping its namespace, addresses and state', () => {
    const sh = new Shell();
    run(sh, ['ip netns add c1', 'ip link add eth0 type dummy']);
    let w = run(sh, addStacked(snapshot(sh.world), 'root', 'eth0', 'macvlan'));
    w = run(sh, ['ip link set mv0 netns c1', 'ip -n c1 addr add 10.0.0.5/24 dev mv0', 'ip -n c1 link set mv0 up']);
    const lines = recreate(w, 'c1', 'mv0', { mode: 'vepa' });
    w = run(sh, lines as string[]);
    expect(findDev(w, 'c1', 'mv0')).toMatchObject({ mode: 'vepa', addrs: ['10.0.0.5/24'], up: true, lower: { ns: 'root', name: 'eth0' } });
  });

  it('checks CIDR form before the kernel does', () => {
    expect(cidrProblem('10.0.0.1/24')).toBeNull();
    expect(cidrProblem('10.0.0.1')).toMatch(/prefix length/);
    expect(cidrProblem('10.0.0.256/24')).toMatch(/0–255/);
    expect(cidrProblem('10.0.0.1/33')).toMatch(/0–32/);
  });

  it('pastes a copy of a namespace: its own devices, addresses and rules, not its links', () => {
    const sh = new Shell();
    const w = run(sh, [
      'ip netns add a',
      'ip -n a link add br0 type bridge',
      'ip -n a addr add 10.9.0.1/24 dev br0',
      'ip netns exec a iptables -A INPUT -p tcp --dport 22 -j DROP',
      'ip link add x type veth peer name y netns a',
    ]);
    const p = cloneNamespace(w, 'a')!;
    expect(p.name).toBe('a-copy1');
    const after = run(sh, p);
    const copy = after.namespaces.find((n) => n.name === 'a-copy1')!;
    expect(copy.devices.map((d) => d.name).sort()).toEqual(['br0', 'lo']);
    expect(copy.iptables.filter.chains.find((c) => c.name === 'INPUT')!.rules).toHaveLength(1);
  });
});
