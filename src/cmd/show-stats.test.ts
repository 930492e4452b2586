import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

function lab(lines: readonly string[]): Shell {
  const sh = new Shell();
  for (const l of lines) expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

const pair = [
  'ip netns add a',
  'ip link add v0 type veth peer name v1 netns a',
  'ip addr add 10.0.0.1/24 dev v0',
  'ip link set v0 up',
  'ip -n a addr add 10.0.0.2/24 dev v1',
  'ip -n a link set v1 up',
];

/** one counter as /sys/class/net/DEV/statistics/NAME reads */
function stat(sh: Shell, dev: string, name: string, ns?: string): number {
  const r = sh.exec(`cat /sys/class/net/${dev}/statistics/${name}`, ns ?? null);
  expect(r.status, r.stderr).toBe(0);
  return Number(r.stdout);
}

describe('device counters', () => {
  it("count a veth's frames once on each end: the sender's tx is the peer's rx", () => {
    const sh = lab(pair);
    sh.exec('ping -c 1 10.0.0.2');
    // ARP request and reply (42 bytes each), echo request and reply (98 bytes each)
    expect([stat(sh, 'v0', 'tx_packets'), stat(sh, 'v0', 'tx_bytes')]).toEqual([2, 140]);
    expect([stat(sh, 'v1', 'rx_packets', 'a'), stat(sh, 'v1', 'rx_bytes', 'a')]).toEqual([2, 140]);
    expect(stat(sh, 'v0', 'rx_bytes')).toBe(stat(sh, 'v1', 'tx_bytes', 'a'));
  });

  it('count on lo each packet once, as rx and tx, without an Ethernet header', () => {
    const sh = lab(pair);
    sh.exec('ping -c 1 10.0.0.1');
    expect([stat(sh, 'lo', 'rx_packets'), stat(sh, 'lo', 'rx_bytes'), stat(sh, 'lo', 'tx_bytes')]).toEqual([2, 168, 168]);
    expect(stat(sh, 'v0', 'tx_packets')).toBe(0);
  });

  it("count a frame for a peer that is down as the sender's tx_dropped only", () => {
    const sh = lab([...pair, 'ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev v0 nud permanent', 'ip -n a link set v1 down']);
    sh.exec('ping -c 1 10.0.0.2');
    expect(stat(sh, 'v0', 'tx_dropped')).toBe(1);
    expect(stat(sh, 'v1', 'rx_dropped', 'a')).toBe(0);
    expect(stat(sh, 'v0', 'tx_packets')).toBe(0);
  });

  it('widen no column for small numbers and print -s -s with the carrier changes', () => {
    const sh = lab(pair);
    const out = sh.exec('ip -s -s link show dev v0').stdout;
    expect(out).toContain(
      '    TX errors: aborted   fifo  window heartbt transns\n                     0      0       0       0       2 \n',
    );
  });

  it('list the same counters in /proc/net/dev', () => {
    const sh = lab(pair);
    sh.exec('ping -c 1 10.0.0.2');
    const line = sh
      .exec('cat /proc/net/dev')
      .stdout.split('\n')
      .find((l) => l.startsWith('    v0:'));
    expect(line).toBe(
      '    v0:     140       2    0    0    0     0          0         0      140       2    0    0    0     0       0          0',
    );
  });
});
