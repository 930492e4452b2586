// The ICMP errors a router sends are limited as the kernel limits them (core/ip/icmp-ratelimit.ts):
// six at once to one destination, then one a second; icmp_ratelimit, icmp_ratemask,
// icmp_msgs_per_sec and icmp_msgs_burst change that; echo replies are never limited.

import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

/** h1 - r1 - r2: 10.9.0.0/16 loops between the two routers, 10.8.0.0/16 has no route on r1 */
function loop(): Shell {
  const sh = new Shell();
  for (const l of [
    'ip netns add h1',
    'ip netns add r1',
    'ip netns add r2',
    'ip link add h1r1 netns h1 type veth peer name r1h1 netns r1',
    'ip link add r1r2 netns r1 type veth peer name r2r1 netns r2',
    'ip -n h1 addr add 10.0.1.2/24 dev h1r1',
    'ip -n r1 addr add 10.0.1.1/24 dev r1h1',
    'ip -n r1 addr add 10.0.2.1/24 dev r1r2',
    'ip -n r2 addr add 10.0.2.2/24 dev r2r1',
    'ip -n h1 link set h1r1 up',
    'ip -n r1 link set r1h1 up',
    'ip -n r1 link set r1r2 up',
    'ip -n r2 link set r2r1 up',
    'ip -n h1 route add default via 10.0.1.1',
    'ip netns exec r1 sysctl -w net.ipv4.ip_forward=1',
    'ip netns exec r2 sysctl -w net.ipv4.ip_forward=1',
    'ip -n r2 route add 10.0.1.0/24 via 10.0.2.1',
    'ip -n r1 route add 10.9.0.0/16 via 10.0.2.2',
    'ip -n r2 route add 10.9.0.0/16 via 10.0.2.1',
  ])
    expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

/** the address that answered each hop of `traceroute -n -q 1 -m MAX DST` from h1 */
function hops(sh: Shell, max: number, dst = '10.9.9.9'): string[] {
  const r = sh.exec(`ip netns exec h1 traceroute -n -q 1 -m ${max} ${dst}`);
  return r.stdout
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/)[1]!);
}

const answered = (hs: string[], from: string): number => hs.filter((h) => h === from).length;

describe('ICMP error rate limits', () => {
  it('a router answers six probes sent together, the rest not at all', () => {
    const sh = loop();
    const hs = hops(sh, 20);
    expect(answered(hs, '10.0.1.1')).toBe(6);
    expect(answered(hs, '10.0.2.2')).toBe(6);
    expect(hs.slice(12)).toEqual(Array(8).fill('*'));
  });

  it('the bucket fills one error a second, up to six', () => {
    const sh = loop();
    hops(sh, 12);
    sh.exec('sleep 1');
    // two and a half seconds' tokens at each router: a terminal's probe is followed by the
    // recorder's 1.5 s gap (pacing.ts), then the sleep
    expect(answered(hops(sh, 12), '10.0.1.1')).toBe(2);
    sh.exec('sleep 60');
    expect(answered(hops(sh, 16), '10.0.1.1')).toBe(6);
  });

  it('icmp_ratelimit=0 or a mask without time exceeded lifts the limit', () => {
    const sh = loop();
    expect(sh.exec('ip netns exec r1 sysctl -w net.ipv4.icmp_ratelimit=0').status).toBe(0);
    expect(sh.exec('ip netns exec r2 sysctl -w net.ipv4.icmp_ratemask=0x1010').stdout).toBe('net.ipv4.icmp_ratemask = 0x1010\n');
    expect(sh.exec('ip netns exec r2 sysctl net.ipv4.icmp_ratemask').stdout).toBe('net.ipv4.icmp_ratemask = 4112\n');
    const hs = hops(sh, 24);
    expect(answered(hs, '10.0.1.1')).toBe(12);
    expect(answered(hs, '10.0.2.2')).toBe(12);
  });

  it('echo replies are not limited', () => {
    const sh = loop();
    hops(sh, 16);
    const r = sh.exec('ip netns exec h1 ping -c 20 -i 0.002 10.0.1.1');
    expect(r.stdout).toContain('20 packets transmitted, 20 received, 0% packet loss');
  });

  it('without icmp_msgs_per_sec a namespace has no credit for limited errors', () => {
    const sh = loop();
    expect(sh.exec('ip netns exec r1 sysctl -w net.ipv4.icmp_msgs_per_sec=0').status).toBe(0);
    const hs = hops(sh, 8);
    expect(answered(hs, '10.0.1.1')).toBe(0);
    expect(answered(hs, '10.0.2.2')).toBe(4);
    // the credit refills from the next message on, icmp_msgs_burst at most
    sh.exec('ip netns exec r1 sysctl -w net.ipv4.icmp_msgs_per_sec=1000');
    sh.exec('sleep 10');
    expect(answered(hops(sh, 8), '10.0.1.1')).toBe(4);
  });

  it('a router without a route pays twice per error: two, then none', () => {
    const sh = loop();
    const r = sh.exec('ip netns exec h1 traceroute -n -q 3 -m 8 10.8.8.8');
    expect(r.stdout).toContain(' 1  10.0.1.1  ');
    expect(r.stdout.match(/!N/g)).toHaveLength(2);
    sh.exec('sleep 1.5');
    // a token and a half: ip_error takes one, icmp_send finds too few
    expect(sh.exec('ip netns exec h1 ping -c 1 -W 1 10.8.8.8').stdout).toContain('1 packets transmitted, 0 received');
  });

  it('rejects what the kernel rejects and changes nothing', () => {
    const sh = loop();
    for (const k of ['icmp_msgs_per_sec', 'icmp_msgs_burst', 'icmp_ratelimit']) {
      const r = sh.exec(`ip netns exec r1 sysctl -w net.ipv4.${k}=-1`);
      expect(r.stderr, k).toBe(`sysctl: setting key "net.ipv4.${k}": Invalid argument\n`);
    }
    expect(sh.exec('ip netns exec r1 sysctl -n net.ipv4.icmp_msgs_burst').stdout).toBe('50\n');
  });
});
