// What ping and traceroute print over time: each line with the virtual time it is printed at,
// and what SIGINT makes them print at each moment (the terminal plays these back).

import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';
import type { Timeline } from './timeline.ts';

/** what SIGINT AT ms after the start makes the tool print (the terminal's lookup) */
function interruptTextAt(t: Timeline, at: number): string | null {
  return t.onInterrupt.filter((s) => s.at <= at).pop()?.text ?? null;
}

/** a - r - b: a router between two links; 10.0.2.3 on b drops everything */
function lab(): Shell {
  const sh = new Shell();
  for (const l of [
    'ip netns add a',
    'ip netns add r',
    'ip netns add b',
    'ip link add va netns a type veth peer name ra netns r',
    'ip link add vb netns b type veth peer name rb netns r',
    'ip -n a addr add 10.0.1.2/24 dev va',
    'ip -n r addr add 10.0.1.1/24 dev ra',
    'ip -n r addr add 10.0.2.1/24 dev rb',
    'ip -n b addr add 10.0.2.2/24 dev vb',
    'ip -n b addr add 10.0.2.3/24 dev vb',
    'ip -n a link set va up',
    'ip -n r link set ra up',
    'ip -n r link set rb up',
    'ip -n b link set vb up',
    'ip -n a route add default via 10.0.1.1',
    'ip -n b route add default via 10.0.2.1',
    'ip netns exec r sysctl -w net.ipv4.ip_forward=1',
    'ip netns exec b iptables -A INPUT -d 10.0.2.3 -j DROP',
  ])
    expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

function timelineOf(sh: Shell, line: string): { stdout: string; t: Timeline } {
  const r = sh.exec(line);
  expect(r.timeline, line).toBeDefined();
  return { stdout: r.stdout, t: r.timeline! };
}

describe('ping over time', () => {
  it('ping -c 3: the header and each reply when it comes, a second apart, the statistics last', () => {
    const { stdout, t } = timelineOf(lab(), 'ip netns exec a ping -c 3 10.0.2.2');
    expect(t.parts.map((p) => p.stdout).join('')).toBe(stdout);
    const replies = t.parts.filter((p) => /bytes from/.test(p.stdout));
    expect(replies.map((p) => /icmp_seq=(\d)/.exec(p.stdout)?.[1])).toEqual(['1', '2', '3']);
    expect(replies[1]!.at - replies[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(replies[2]!.at - replies[1]!.at).toBeGreaterThanOrEqual(1000);
    const last = t.parts[t.parts.length - 1]!;
    expect(last.stdout).toContain('3 packets transmitted, 3 received');
    expect(last.at).toBeGreaterThan(replies[2]!.at - 1);
    expect(t.parts[0]!.at).toBe(0);
    expect(t.parts[0]!.stdout).toMatch(/^PING 10\.0\.2\.2 /);
  });

  it('interrupted after the second reply: the statistics of two echoes', () => {
    const { t } = timelineOf(lab(), 'ip netns exec a ping -c 5 10.0.2.2');
    const second = t.parts.find((p) => p.stdout.includes('icmp_seq=2 '))!;
    const text = interruptTextAt(t, second.at + 500);
    expect(text).toMatch(
      /^\n--- 10\.0\.2\.2 ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss, time 1001ms\nrtt min\/avg\/max\/mdev = /,
    );
  });

  it('interrupted while nothing answers: sent counts the echoes that left, with 100% loss', () => {
    const { t } = timelineOf(lab(), 'ip netns exec a ping -c 4 -W 1 10.0.2.3');
    expect(interruptTextAt(t, 2500)).toBe(
      '\n--- 10.0.2.3 ping statistics ---\n3 packets transmitted, 0 received, 100% packet loss, time 2002ms\n\n',
    );
    // the last echo waits -W for its answer before the statistics
    expect(t.end).toBeGreaterThanOrEqual(4000);
  });

  it('-i 0.5 spaces the replies half a second apart', () => {
    const { t } = timelineOf(lab(), 'ip netns exec a ping -c 3 -i 0.5 10.0.2.2');
    const replies = t.parts.filter((p) => /bytes from/.test(p.stdout));
    expect(replies[2]!.at - replies[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(replies[2]!.at - replies[0]!.at).toBeLessThan(1500);
  });
});

describe('traceroute over time', () => {
  it("each hop's line when its probes are answered; silent hops' after the wait (-w)", () => {
    const { stdout, t } = timelineOf(lab(), 'ip netns exec a traceroute -n -w 2 -q 1 -m 3 10.0.2.3');
    expect(t.parts.map((p) => p.stdout).join('')).toBe(stdout);
    const hops = t.parts.flatMap((p) =>
      p.stdout
        .split('\n')
        .filter((l) => /^\s*\d /.test(l))
        .map((l) => ({ at: p.at, hop: l.trim().split(/\s+/).slice(0, 2).join(' ') })),
    );
    expect(hops.map((h) => h.hop)).toEqual(['1 10.0.1.1', '2 *', '3 *']);
    expect(t.parts[0]!.at).toBe(0);
    // the router answers at once; the silent hops are given up 2 s after their probes left
    expect(hops[0]!.at).toBeLessThan(100);
    expect(hops[1]!.at).toBeGreaterThanOrEqual(2000);
    expect(interruptTextAt(t, 1000)).toBeNull();
  });
});
