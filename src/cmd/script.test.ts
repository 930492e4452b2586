// The exported script is the topology: run it anywhere and get the same network. Checked on
// every recorded scenario: export the world as it stands before the first probe, rebuild it
// from the script alone, run the rest of the scenario, and compare with the kernel.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshot } from '../core/snapshot.ts';
import { compareRecords, parseJsonl } from './compare.ts';
import { logicalLines } from './lex.ts';
import { replayScenario } from './replay.ts';
import { toScript } from './script.ts';
import { Shell } from './shell.ts';

const root = join(import.meta.dirname, '..', '..', 'conformance');
const PROBE = /^(ip netns exec \S+ )?(ping|traceroute|curl)\b/;
const scenarios = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.sh') && existsSync(join(root, 'recorded', f.replace(/\.sh$/, '.jsonl'))))
  .sort();

describe('the exported script rebuilds the same network', () => {
  for (const name of scenarios) {
    const lines = logicalLines(readFileSync(join(root, 'scenarios', name), 'utf8'));
    const firstProbe = lines.findIndex((l) => PROBE.test(l.text));
    if (firstProbe <= 0) continue;
    // docker lines keep daemon state a script of primitives does not carry
    if (lines.some((l) => /^(ip netns exec \S+ )?docker\b/.test(l.text))) continue;
    it(`${name}: export before line ${lines[firstProbe]!.line}, rebuild, and the probes still match the kernel`, () => {
      const original = new Shell();
      for (const l of lines.slice(0, firstProbe)) original.exec(l.text);
      const script = toScript(snapshot(original.world));

      const rebuilt = new Shell();
      const refused = replayScenario(script, rebuilt).filter((r) => r.includes('"error"'));
      expect(refused, 'the exported script runs without a refusal').toEqual([]);

      const expected = parseJsonl(readFileSync(join(root, 'recorded', name.replace(/\.sh$/, '.jsonl')), 'utf8'));
      const rest = new Set(lines.slice(firstProbe).map((l) => l.line));
      for (const [k, r] of [...expected]) if (!rest.has(k) || r.kind === 'show' || r.kind === 'log') expected.delete(k);
      const actual = new Map<number, Record<string, unknown> & { line?: number; kind?: string }>();
      for (const { line, text } of lines.slice(firstProbe)) {
        const r = rebuilt.exec(text);
        if (r.kind === 'probe' && r.record) actual.set(line, { line, ...r.record });
        // a curl with options and an nc scan are show lines: their exit status is no refusal
        else if (r.status !== 0 && !/^(ip netns exec \S+ )?(curl (.* )?-|nc (.* )?-[a-zA-Z]*z)/.test(text))
          actual.set(line, { line, kind: 'error' });
      }
      const c = compareRecords(expected, actual);
      expect(c.mismatches).toEqual([]);
    });
  }
});

describe('what the exported script keeps beyond probes', () => {
  it('says which server is a stand-in: the nginx image’s page and logs are not python3’s', () => {
    const sh = new Shell();
    sh.exec('docker run -d --name web -p 8080:80 nginx');
    sh.exec('python3 -m http.server 8000 &');
    const lines = toScript(snapshot(sh.world)).split('\n');
    const at = lines.findIndex((l) => /python3 -m http\.server 80 &$/.test(l));
    expect(at).toBeGreaterThan(0);
    expect(lines[at - 1]).toMatch(/^# stand-in for the nginx image's nginx on port 80: /);
    // a python3 server of the user's is itself
    const own = lines.indexOf('python3 -m http.server 8000 &');
    expect(lines[own - 1]?.startsWith('# stand-in')).toBe(false);
    // and the script still runs in the lab
    expect(replayScenario(lines.join('\n'), new Shell()).filter((r) => r.includes('"error"'))).toEqual([]);
  });

  it('keeps a route protocol set by hand', () => {
    const original = new Shell();
    for (const l of ['ip link add v0 type veth peer name v1', 'ip addr add 10.9.0.1/24 dev v0', 'ip link set v0 up', 'ip link set v1 up'])
      original.exec(l);
    expect(original.exec('ip route add 10.9.9.0/24 via 10.9.0.2 proto static').status).toBe(0);
    expect(original.exec('ip route add 10.9.8.0/24 via 10.9.0.2 proto 200').status).toBe(0);
    const rebuilt = new Shell();
    replayScenario(toScript(snapshot(original.world)), rebuilt);
    expect(rebuilt.exec('ip route').stdout).toBe(original.exec('ip route').stdout);
    expect(rebuilt.exec('ip route').stdout).toContain('10.9.9.0/24 via 10.9.0.2 dev v0 proto static \n');
    expect(rebuilt.exec('ip route').stdout).toContain('10.9.8.0/24 via 10.9.0.2 dev v0 proto 200 \n');
  });

  it('keeps the neighbour sysctls a user set, per device', () => {
    const original = new Shell();
    for (const l of ['ip netns add a', 'ip link add eth0 netns a type veth peer name v1', 'ip link set v1 up']) original.exec(l);
    expect(original.exec('ip netns exec a sysctl -w net.ipv4.neigh.eth0.base_reachable_time_ms=12000').status).toBe(0);
    expect(original.exec('sysctl -w net.ipv4.neigh.v1.ucast_solicit=7').status).toBe(0);
    const script = toScript(snapshot(original.world));
    const rebuilt = new Shell();
    replayScenario(script, rebuilt);
    expect(rebuilt.exec('ip netns exec a sysctl net.ipv4.neigh.eth0.base_reachable_time_ms').stdout).toBe(
      'net.ipv4.neigh.eth0.base_reachable_time_ms = 12000\n',
    );
    expect(rebuilt.exec('sysctl -n net.ipv4.neigh.v1.ucast_solicit').stdout).toBe('7\n');
    expect(rebuilt.exec('sysctl -n net.ipv4.neigh.v1.mcast_solicit').stdout).toBe('3\n');
  });

  it('keeps arp off, promisc, txqueuelen and a VXLAN group', () => {
    const original = new Shell();
    for (const l of [
      'ip link add v0 type veth peer name v1',
      'ip link set v0 arp off',
      'ip link set v0 promisc on',
      'ip link set v1 txqueuelen 42',
      'ip link set v1 up',
      'ip addr add 192.168.9.1/24 dev v1',
      'ip link add vx0 type vxlan id 9 group 239.1.1.9 dev v1 dstport 4789',
    ])
      expect(original.exec(l).status, l).toBe(0);
    const rebuilt = new Shell();
    const refused = replayScenario(toScript(snapshot(original.world)), rebuilt).filter((r) => r.includes('"error"'));
    expect(refused).toEqual([]);
    expect(rebuilt.exec('bridge fdb show dev vx0').stdout).toBe('00:00:00:00:00:00 dst 239.1.1.9 via v1 self permanent\n');
    expect(rebuilt.exec('ip link show v0').stdout).toContain('<BROADCAST,MULTICAST,NOARP,PROMISC>');
    expect(rebuilt.exec('ip link show v1').stdout).toContain('qlen 42');
    expect(rebuilt.exec('ip -d link show vx0').stdout).toContain('group 239.1.1.9 dev v1');
  });

  it('keeps per-device forwarding and conf.default.forwarding as written', () => {
    const original = new Shell();
    for (const l of [
      'ip link add v0 type veth peer name v1',
      'sysctl -w net.ipv4.ip_forward=1',
      'sysctl -w net.ipv4.conf.v0.forwarding=0',
      'sysctl -w net.ipv4.conf.v1.forwarding=2',
      'sysctl -w net.ipv4.conf.default.forwarding=0',
    ])
      expect(original.exec(l).status, l).toBe(0);
    const rebuilt = new Shell();
    replayScenario(toScript(snapshot(original.world)), rebuilt);
    const keys = 'sysctl net.ipv4.ip_forward net.ipv4.conf.v0.forwarding net.ipv4.conf.v1.forwarding net.ipv4.conf.default.forwarding';
    expect(rebuilt.exec(keys).stdout).toBe(original.exec(keys).stdout);
    expect(rebuilt.exec('sysctl -n net.ipv4.conf.v1.forwarding').stdout).toBe('2\n');
  });
});
