// traceroute on the lab's virtual clock, as traceroute 2.1.2 spends it on the kernel (measured
// in a namespace): up to -N probes in flight (16 unless given, 0 as 1), an unanswered probe
// given up after -w MAX seconds (5 unless given), or at once when a probe of its hop (HERE) or
// a later one (NEAR) was answered, unless that factor is 0.

import { describe, expect, it } from 'vitest';
import { PROBE_GAP_MS } from './pacing.ts';
import { Shell } from './shell.ts';

/** a - r - b; r drops everything it forwards, or only its own time-exceeded errors */
function lab(drop: 'forward' | 'time-exceeded'): Shell {
  const sh = new Shell();
  for (const l of [
    'ip netns add a',
    'ip netns add r',
    'ip netns add b',
    'ip link add va netns a type veth peer name ra netns r',
    'ip link add vb netns b type veth peer name rb netns r',
    'ip -n a addr add 10.1.0.2/24 dev va',
    'ip -n r addr add 10.1.0.1/24 dev ra',
    'ip -n b addr add 10.2.0.2/24 dev vb',
    'ip -n r addr add 10.2.0.1/24 dev rb',
    'ip -n a link set va up',
    'ip -n r link set ra up',
    'ip -n r link set rb up',
    'ip -n b link set vb up',
    'ip -n a route add default via 10.1.0.1',
    'ip -n b route add default via 10.2.0.1',
    'ip netns exec r sysctl -w net.ipv4.ip_forward=1',
    drop === 'forward'
      ? 'ip netns exec r iptables -A FORWARD -j DROP'
      : 'ip netns exec r iptables -A OUTPUT -p icmp --icmp-type time-exceeded -j DROP',
  ])
    expect(sh.exec(l).status, l).toBe(0);
  sh.exec('ip netns exec a ping -c 1 10.1.0.1');
  return sh;
}

/** what a line printed, and how far it moved the virtual clock (less the terminal's gap after a probe) */
function timed(sh: Shell, line: string): { stdout: string; s: number } {
  const t0 = sh.world.clock.now();
  const r = sh.exec(line);
  expect(r.status, r.stderr).toBe(0);
  return { stdout: r.stdout, s: (sh.world.clock.now() - t0 - PROBE_GAP_MS) / 1000 };
}

describe('traceroute on the virtual clock', () => {
  it('waits -w MAX seconds for the probes nobody answers (5 unless given)', () => {
    // kernel: 2.06 s, 0.56 s, 5.07 s (each with ~0.1 s of process start)
    const two = timed(lab('forward'), 'ip netns exec a traceroute -n -q 1 -w 2 -m 8 10.2.0.2');
    expect(two.stdout).toMatch(/ 1 {2}10\.1\.0\.1 {2}[\d.]+ ms\n 2 {2}\*\n/);
    expect(two.s).toBeCloseTo(2, 1);
    expect(timed(lab('forward'), 'ip netns exec a traceroute -n -q 1 -w 0.5 -m 8 10.2.0.2').s).toBeCloseTo(0.5, 1);
    expect(timed(lab('forward'), 'ip netns exec a traceroute -n -m 4 10.2.0.2').s).toBeCloseTo(5, 1);
    expect(timed(lab('forward'), 'ip netns exec a traceroute -n -q 1 -w 0 -m 4 10.2.0.2').s).toBeCloseTo(0, 1);
  });

  it('keeps -N probes in flight: a window of silent probes after another (-N 0 as 1)', () => {
    // kernel: 2.08 s (-N 4), 3.08 s (-N 0), 3.13 s (-N 1), 6.14 s (90 probes, 16 at a time)
    expect(timed(lab('forward'), 'ip netns exec a traceroute -n -q 1 -w 1 -N 4 -m 8 10.2.0.2').s).toBeCloseTo(2, 1);
    expect(timed(lab('forward'), 'ip netns exec a traceroute -n -q 1 -w 1 -N 0 -m 4 10.2.0.2').s).toBeCloseTo(3, 1);
    expect(timed(lab('forward'), 'ip netns exec a traceroute -n -q 1 -w 1 -N 1 -m 4 10.2.0.2').s).toBeCloseTo(3, 1);
    expect(timed(lab('forward'), 'ip netns exec a traceroute -n -q 3 -w 1 -m 30 10.2.0.2').s).toBeCloseTo(6, 1);
  });

  it('gives a silent hop up at once when a later hop answers, unless NEAR is 0', () => {
    // kernel: 0.13 s (-w 1,0,10 and the default), 1.20 s (-w 1,3,0)
    const near = timed(lab('time-exceeded'), 'ip netns exec a traceroute -n -q 2 -w 1,0,10 -m 4 10.2.0.2');
    expect(near.stdout).toMatch(/\n 1 {2}\* \*\n 2 {2}10\.2\.0\.2 /);
    expect(near.s).toBeCloseTo(0, 1);
    expect(timed(lab('time-exceeded'), 'ip netns exec a traceroute -n -m 4 10.2.0.2').s).toBeCloseTo(0, 1);
    expect(timed(lab('time-exceeded'), 'ip netns exec a traceroute -n -q 2 -w 1,3,0 -m 4 10.2.0.2').s).toBeCloseTo(1, 1);
  });
});
