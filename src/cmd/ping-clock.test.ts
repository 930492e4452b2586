// ping on the lab's virtual clock: iputils sends an echo every -i seconds (1 by default) and,
// after the last, waits for its answer -W seconds (10 by default, up to a -w deadline). The
// clock advances without waiting, and the summary's `time` counts the interval.

import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';
import { PROBE_GAP_MS } from './pacing.ts';

/** a - b on one link, and 10.0.0.3 on b that drops everything */
function lab(): Shell {
  const sh = new Shell();
  for (const l of [
    'ip netns add a',
    'ip netns add b',
    'ip link add va netns a type veth peer name vb netns b',
    'ip -n a addr add 10.0.0.1/24 dev va',
    'ip -n b addr add 10.0.0.2/24 dev vb',
    'ip -n b addr add 10.0.0.3/24 dev vb',
    'ip -n a link set va up',
    'ip -n b link set vb up',
    'ip netns exec b iptables -A INPUT -d 10.0.0.3 -j DROP',
  ])
    expect(sh.exec(l).status, l).toBe(0);
  sh.exec('ip netns exec a ping -c 1 10.0.0.2');
  return sh;
}

/** what a line printed, and how far it moved the virtual clock (less the terminal's gap after a probe) */
function timed(sh: Shell, line: string): { stdout: string; ms: number } {
  const t0 = sh.world.clock.now();
  const r = sh.exec(line);
  return { stdout: r.stdout, ms: sh.world.clock.now() - t0 - PROBE_GAP_MS };
}

describe('ping on the virtual clock', () => {
  it('sends echoes a second apart and says so in its summary', () => {
    const r = timed(lab(), 'ip netns exec a ping -c 2 10.0.0.2');
    expect(r.stdout).toContain('2 packets transmitted, 2 received, 0% packet loss, time 1001ms\n');
    expect(r.ms).toBeGreaterThanOrEqual(1000);
    expect(r.ms).toBeLessThan(1100);
  });

  it('-i sets the interval, -c 1 takes no time', () => {
    const sh = lab();
    const r = timed(sh, 'ip netns exec a ping -c 5 -i 0.2 10.0.0.2');
    expect(r.stdout).toContain('5 packets transmitted, 5 received, 0% packet loss, time 804ms\n');
    expect(r.ms).toBeGreaterThanOrEqual(800);
    expect(r.ms).toBeLessThan(900);
    expect(timed(sh, 'ip netns exec a ping -c 1 10.0.0.2').stdout).toContain(', time 0ms\n');
  });

  it('waits -W seconds (10 unless given) for the last echo nobody answers', () => {
    const sh = lab();
    const silent = timed(sh, 'ip netns exec a ping -c 2 10.0.0.3');
    expect(silent.stdout).toContain('2 packets transmitted, 0 received, 100% packet loss, time 1001ms\n');
    expect(silent.ms).toBeGreaterThanOrEqual(11_000);
    expect(silent.ms).toBeLessThan(11_100);
    const w1 = timed(sh, 'ip netns exec a ping -c 2 -W 1 10.0.0.3');
    expect(w1.ms).toBeGreaterThanOrEqual(2000);
    expect(w1.ms).toBeLessThan(2100);
  });

  it('stops at a -w deadline', () => {
    const r = timed(lab(), 'ip netns exec a ping -w 3 10.0.0.3');
    expect(r.stdout).toContain('3 packets transmitted, 0 received, 100% packet loss');
    expect(r.ms).toBeGreaterThanOrEqual(3000);
    expect(r.ms).toBeLessThan(3100);
  });

  it('a hundred echoes span 99 s of the summary', () => {
    const sh = lab();
    const r = timed(sh, 'ip netns exec a ping -q -c 100 10.0.0.2');
    expect(r.stdout).toContain('100 packets transmitted, 100 received, 0% packet loss, time 99099ms\n');
  });
});
