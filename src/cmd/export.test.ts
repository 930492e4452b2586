// The exported docker-compose.yml and .clab.yml parse as YAML of their formats and say what
// the lab built.

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { snapshot } from '../core/snapshot.ts';
import { toContainerlab } from './export-clab.ts';
import { toCompose, toYaml } from './export-compose.ts';
import { Shell } from './shell.ts';

function build(lines: string[]): Shell {
  const sh = new Shell();
  for (const l of lines) expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

const LAB = [
  'ip link add eth0 type dummy',
  'ip link set eth0 up',
  'docker network create --subnet 10.60.0.0/24 front',
  'docker network create -d macvlan --subnet 192.168.60.0/24 --gateway 192.168.60.1 -o parent=eth0 lan',
  'docker run -d --name web --network front -p 8080:80 nginx',
  'docker run -d --name legacy alpine sleep infinity',
  'docker run -d --name sealed --network none alpine sleep infinity',
  'docker run -d --name mv --network lan nginx',
  'docker run -d --name hostsrv --network host httpd',
  // something Docker cannot express: a veth straight between two namespaces
  'ip netns add r1',
  'ip netns add r2',
  'ip link add dev a type veth peer name b netns r2',
  'ip link set dev a netns r1',
  'ip -n r1 addr add 10.99.0.1/30 dev a',
  'ip -n r2 addr add 10.99.0.2/30 dev b',
];

type Obj = Record<string, unknown>;

describe('docker-compose.yml', () => {
  const doc = parse(toCompose(snapshot(build(LAB).world))) as Obj;
  const services = doc.services as Record<string, Obj>;
  const networks = doc.networks as Record<string, Obj>;

  it('has a service with an image for every container, and every network it names is declared', () => {
    for (const n of ['web', 'legacy', 'sealed', 'mv']) expect(typeof services[n]?.image).toBe('string');
    for (const s of Object.values(services)) {
      expect(s.image).toBeTruthy();
      for (const n of Object.keys((s.networks as Obj | undefined) ?? {})) expect(networks[n], n).toBeDefined();
      if (s.network_mode !== undefined) expect(['none', 'host', 'bridge']).toContain(s.network_mode);
      if (s.ports !== undefined) for (const p of s.ports as string[]) expect(p).toMatch(/^\d+:\d+(\/udp)?$/);
    }
  });

  it('keeps addresses, published ports, drivers and the modes', () => {
    expect(services.web!.image).toBe('nginx:alpine');
    expect(services.web!.ports).toEqual(['8080:80']);
    const bridgeNet = Object.entries(networks).find(([, n]) => n.driver === 'bridge')!;
    expect((services.web!.networks as Obj)[bridgeNet[0]]).toEqual({ ipv4_address: '10.60.0.2' });
    expect(bridgeNet[1].ipam).toEqual({ config: [{ subnet: '10.60.0.0/24', gateway: '10.60.0.1' }] });
    expect(services.legacy!.network_mode).toBe('bridge');
    expect(services.sealed!.network_mode).toBe('none');
    const mac = Object.values(networks).find((n) => n.driver === 'macvlan')!;
    expect(mac.driver_opts).toEqual({ parent: 'eth0', macvlan_mode: 'bridge' });
    expect(Object.values(services).some((s) => s.network_mode === 'host')).toBe(true);
    expect((doc['x-netlab-not-expressed'] as string[]).join('\n')).toMatch(/r1: a is a veth to r2\/b/);
  });
});

describe('.clab.yml', () => {
  const doc = parse(toContainerlab(snapshot(build(LAB).world))) as Obj;
  const topo = doc.topology as Obj;
  const nodes = topo.nodes as Record<string, Obj>;
  const links = topo.links as Array<{ endpoints: string[] }>;

  it('has a name, linux nodes with images, and links of two node:interface endpoints', () => {
    expect(doc.name).toBe('netlab');
    expect(Object.keys(doc).sort()).toEqual(['name', 'topology']);
    for (const n of Object.values(nodes)) {
      expect(n.kind).toBe('linux');
      expect(n.image).toBeTruthy();
    }
    for (const l of links) {
      expect(l.endpoints).toHaveLength(2);
      for (const e of l.endpoints) {
        const [node, ifname] = e.split(':');
        expect(nodes[node!], e).toBeDefined();
        expect(ifname).toBeTruthy();
      }
    }
  });

  it('links the containers to the host node and rebuilds the rest with exec', () => {
    const web = links.find((l) => l.endpoints.includes('web:eth0'))!;
    expect(web.endpoints.find((e) => e !== 'web:eth0')).toMatch(/^hostns:veth[0-9a-f]{7}$/);
    expect(links.map((l) => [...l.endpoints].sort())).toContainEqual(['r1:a', 'r2:b']);
    const host = nodes.hostns!.exec as string[];
    expect(host).toContain('ip link add docker0 type bridge');
    expect(
      host.some((l) =>
        /^iptables -t nat -A DOCKER ! -i br-[0-9a-f]{12} -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10\.60\.0\.2:80$/.test(l),
      ),
    ).toBe(true);
    expect(nodes.web!.exec as string[]).toContain('ip route replace default via 10.60.0.1 dev eth0');
  });
});

describe('the YAML writer', () => {
  it('round-trips awkward scalars', () => {
    const v = {
      a: ['yes', 'no', '8080:80', '! -i x', 'on', ''],
      b: { 'com.docker.network.bridge.name': 'br-1', n: 3, t: true, e: [] as string[], o: {} },
    };
    expect(parse(toYaml(v))).toEqual(v);
  });
});
