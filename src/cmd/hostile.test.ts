// Topologies that break real networks: the simulator bounds the work, finishes, and says what
// happened in the kernel's terms.

import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

function build(lines: string[]): Shell {
  const sh = new Shell();
  for (const l of lines) {
    const r = sh.exec(l);
    expect(r.status, `${l}: ${r.stderr}`).toBe(0);
  }
  return sh;
}

const hosts = [
  'ip netns add a',
  'ip netns add b',
  'ip link add va type veth peer name eth0 netns a',
  'ip link add vb type veth peer name eth0 netns b',
  'ip -n a addr add 10.0.0.1/24 dev eth0',
  'ip -n b addr add 10.0.0.2/24 dev eth0',
  'ip -n a link set eth0 up',
  'ip -n b link set eth0 up',
];

describe('layer-2 loops', () => {
  it('two bridges joined twice: the ping ends, and the terminal names the loop', () => {
    const sh = build([
      ...hosts,
      'ip link add b1 type bridge',
      'ip link add b2 type bridge',
      'ip link set b1 up',
      'ip link set b2 up',
      'ip link add p1 type veth peer name q1',
      'ip link add p2 type veth peer name q2',
      'ip link set p1 master b1',
      'ip link set p2 master b1',
      'ip link set q1 master b2',
      'ip link set q2 master b2',
      'ip link set p1 up',
      'ip link set p2 up',
      'ip link set q1 up',
      'ip link set q2 up',
      'ip link set va master b1',
      'ip link set vb master b2',
      'ip link set va up',
      'ip link set vb up',
    ]);
    const r = sh.exec('ip netns exec a ping -c 1 10.0.0.2');
    expect(r.kind).toBe('probe');
    expect(r.stderr).toMatch(/broadcast storm: frames circulate/);
    const loop = /circulate (.*) \(/.exec(r.stderr)![1]!.split(' → ');
    expect(loop[0]).toBe(loop[loop.length - 1]);
    for (const d of ['b1', 'b2', 'p1', 'q1', 'p2', 'q2']) expect(loop).toContain(d);
    expect(sh.world.stormed).toBe(true);
  });

  it('a veth with both ends on one bridge storms too, and the next probe starts afresh', () => {
    const sh = build([
      ...hosts,
      'ip link add br0 type bridge',
      'ip link set br0 up',
      'ip link add x1 type veth peer name x2',
      'ip link set x1 master br0',
      'ip link set x2 master br0',
      'ip link set x1 up',
      'ip link set x2 up',
      'ip link set va master br0',
      'ip link set vb master br0',
      'ip link set va up',
      'ip link set vb up',
    ]);
    const r = sh.exec('ip netns exec a ping -c 1 10.0.0.2');
    expect(r.stderr).toMatch(/br0 → x[12] → x[12] → br0/);
    // removing the loop heals the segment
    expect(sh.exec('ip link del x1').status).toBe(0);
    const again = sh.exec('ip netns exec a ping -c 1 10.0.0.2');
    expect(again.record).toMatchObject({ result: 'reply', from: '10.0.0.2' });
    expect(again.stderr).toBe('');
  });
});

describe('routing loops', () => {
  it('two routers pointing at each other end in ICMP time exceeded from the router that sees TTL 1', () => {
    const sh = build([
      'ip netns add r1',
      'ip netns add r2',
      'ip netns add c',
      'ip -n r1 link add l12 type veth peer name l21 netns r2',
      'ip -n r1 addr add 10.9.0.1/30 dev l12',
      'ip -n r2 addr add 10.9.0.2/30 dev l21',
      'ip -n r1 link set l12 up',
      'ip -n r2 link set l21 up',
      'ip -n c link add eth0 type veth peer name lc netns r1',
      'ip -n c addr add 10.1.0.2/24 dev eth0',
      'ip -n r1 addr add 10.1.0.1/24 dev lc',
      'ip -n c link set eth0 up',
      'ip -n r1 link set lc up',
      'ip -n c route add default via 10.1.0.1',
      'ip netns exec r1 sysctl -w net.ipv4.ip_forward=1',
      'ip netns exec r2 sysctl -w net.ipv4.ip_forward=1',
      'ip -n r1 route add default via 10.9.0.2',
      'ip -n r2 route add default via 10.9.0.1',
      'ip -n r2 route add 10.1.0.0/24 via 10.9.0.1',
    ]);
    const r = sh.exec('ip netns exec c ping -c 1 203.0.113.9');
    expect(r.record).toMatchObject({ result: 'icmp-error', icmp: 'ttl-exceeded' });
    // 64 hops: c sends TTL 64, r1 gets 64, r2 63, ... the odd router sees TTL 1
    expect(['10.1.0.1', '10.9.0.2']).toContain(r.record?.['from']);
    expect(sh.world.stormed).toBe(false);
  });
});

describe('iptables chain loops', () => {
  it('a jump cycle reachable from a built-in chain is refused with the kernel words', () => {
    const sh = build(['iptables -N A', 'iptables -N B', 'iptables -A A -j B', 'iptables -A B -j A']);
    const r = sh.exec('iptables -A INPUT -j A');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Too many links/);
  });

  it('10,000 rules behind the deepest chain of jumps nf_tables allows still evaluate', () => {
    const DEEPEST = 14; // INPUT -> J0 -> ... -> J14: nf_tables' 15 nested jumps
    const lines = ['iptables -N J0'];
    for (let i = 1; i <= DEEPEST; i++) lines.push(`iptables -N J${i}`, `iptables -A J${i - 1} -j J${i}`);
    lines.push('iptables -A INPUT -j J0');
    for (let i = 0; i < 10_000; i++) lines.push(`iptables -A J${DEEPEST} -s 10.${(i >> 8) & 255}.${i & 255}.1 -j DROP`);
    const sh = build(lines);
    const r = sh.exec('ping -c 1 127.0.0.1');
    expect(r.record).toMatchObject({ result: 'reply' });
    expect(sh.exec(`iptables -N J${DEEPEST + 1}`).status).toBe(0);
    expect(sh.exec(`iptables -A J${DEEPEST} -j J${DEEPEST + 1}`).stderr).toMatch(/Too many links/);
    const list = sh.exec(`iptables -L J${DEEPEST} -n -v`);
    expect(list.stdout.split('\n').filter((l) => l.includes('DROP')).length).toBe(10_000);
  });
});

describe('size limits', () => {
  it('a namespace past the limit is refused up front, with the limit named, and nothing changes', async () => {
    const { MAX_NAMESPACES } = await import('../core/world.ts');
    const sh = new Shell();
    for (let i = 0; i < MAX_NAMESPACES - 1; i++) sh.world.addNetns(`n${i}`);
    const r = sh.exec('ip netns add onemore');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/at most 4,096 namespaces/);
    expect(sh.world.ns('onemore')).toBeUndefined();
  });
});
