// /proc/net/route and /proc/net/arp as a user cats them. The expected text is what Linux 6.18
// printed for the same commands, run in a new network namespace (unshare --net) on 2026-12-08.
import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

const SETUP = [
  'ip link set lo up',
  'ip link add v0 type veth peer name v1',
  'ip addr add 10.0.0.1/24 dev v0',
  'ip link set v0 up',
  'ip link set v1 up',
  'ip route add default via 10.0.0.254',
  'ip route add 192.168.5.0/24 via 10.0.0.2 metric 7',
  'ip route add 10.9.9.9 dev v0',
  'ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev v0',
  'ip route add unreachable 10.8.0.0/16',
];

const row = (s: string): string => `${s.padEnd(127)}\n`;

describe('/proc/net/route and /proc/net/arp', () => {
  it('list the main table in network byte order, padded to 127 bytes, and the ARP entries with their flags', () => {
    const sh = new Shell();
    for (const l of SETUP) expect(sh.exec(l).status, l).toBe(0);
    expect(sh.exec('cat /proc/net/route').stdout).toBe(
      row('Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT') +
        row('v0\t00000000\tFE00000A\t0003\t0\t0\t0\t00000000\t0\t0\t0') +
        row('v0\t0000000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0') +
        row('*\t0000080A\t00000000\t0201\t0\t0\t0\t0000FFFF\t0\t0\t0') +
        row('v0\t0909090A\t00000000\t0005\t0\t0\t0\tFFFFFFFF\t0\t0\t0') +
        row('v0\t0005A8C0\t0200000A\t0003\t0\t0\t7\t00FFFFFF\t0\t0\t0'),
    );
    expect(sh.exec('cat /proc/net/arp').stdout).toBe(
      'IP address       HW type     Flags       HW address            Mask     Device\n' +
        '10.0.0.2         0x1         0x6         02:00:00:00:00:02     *        v0\n',
    );
  });
});
