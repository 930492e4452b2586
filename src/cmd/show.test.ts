// What the show commands print, as iproute2 6.1 printed it on the recording kernel for the
// same commands (the lines below were compared by hand with a run in a fresh namespace).

import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

function shell(lines: readonly string[]): Shell {
  const sh = new Shell();
  for (const l of lines) expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

const LAB = [
  'ip link add br0 type bridge',
  'ip link set br0 address 02:00:00:00:00:10',
  'ip link add v1 type veth peer name v2',
  'ip link set v1 address 02:00:00:00:00:01',
  'ip link set v2 address 02:00:00:00:00:02',
  'ip link set v1 master br0',
  'ip addr add 10.1.1.1/24 dev br0',
  'ip addr add 10.1.1.9/24 dev br0',
  'ip link set lo up',
  'ip link set br0 up',
  'ip link set v1 up',
];

describe('ip -brief and the show filters', () => {
  it('prints one line per device: name, state, address and flags in columns', () => {
    const sh = shell(LAB);
    expect(sh.exec('ip -br link').stdout).toBe(
      [
        'lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> ',
        'br0              DOWN           02:00:00:00:00:10 <NO-CARRIER,BROADCAST,MULTICAST,UP> ',
        'v2@v1            DOWN           02:00:00:00:00:02 <BROADCAST,MULTICAST> ',
        'v1@v2            LOWERLAYERDOWN 02:00:00:00:00:01 <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> ',
        '',
      ].join('\n'),
    );
    expect(sh.exec('ip -br addr show dev br0').stdout).toBe('br0              DOWN           10.1.1.1/24 10.1.1.9/24 \n');
  });

  it('applies up, master, nomaster and type', () => {
    const sh = shell(LAB);
    const names = (cmd: string) =>
      sh
        .exec(cmd)
        .stdout.split('\n')
        .filter(Boolean)
        .map((l) => l.split(/\s+/)[0]);
    expect(names('ip -br link show up')).toEqual(['lo', 'br0', 'v1@v2']);
    expect(names('ip -br link show master br0')).toEqual(['v1@v2']);
    expect(names('ip -br link show type bridge_slave')).toEqual(['v1@v2']);
    expect(names('ip -br link show nomaster')).toEqual(['lo', 'br0', 'v2@v1']);
    expect(names('ip -br link show type veth')).toEqual(['v2@v1', 'v1@v2']);
    expect(names('ip -br link show type bridge')).toEqual(['br0']);
    expect(sh.exec('ip link show master br0').stdout).toMatch(
      /^\d+: v1@v2: <NO-CARRIER,BROADCAST,MULTICAST,UP,M-DOWN> mtu 1500 qdisc noqueue master br0 state LOWERLAYERDOWN mode DEFAULT/,
    );
  });

  it('a veth whose peer is in another namespace: no M-DOWN, and DOWN when the index it names there has carrier', () => {
    const sh = shell([
      'ip netns add a',
      'ip netns add b',
      'ip link add x1 type veth peer name y1 netns a',
      'ip link add x2 type veth peer name y2 netns b',
      'ip link set x1 up',
      'ip -n a link set y1 up',
      'ip link set x2 up',
    ]);
    expect(sh.exec('ip link show x2').stdout).toMatch(/x2@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN /);
    expect(sh.exec('ip -n b link show y2').stdout).toMatch(/y2@if3: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN /);
  });
});

describe('ip neigh show', () => {
  it('leaves NOARP entries out unless asked, and shows one device when named', () => {
    const sh = shell([
      'ip link add v1 type veth peer name v2',
      'ip link set v1 up',
      'ip link set v2 up',
      'ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev v1 nud stale',
      'ip neigh add 10.0.0.8 lladdr 02:00:00:00:00:08 dev v1 nud noarp',
      'ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev v2',
    ]);
    expect(sh.exec('ip neigh show').stdout).toBe(
      '10.0.0.9 dev v1 lladdr 02:00:00:00:00:09 STALE \n10.0.0.7 dev v2 lladdr 02:00:00:00:00:07 PERMANENT \n',
    );
    expect(sh.exec('ip neigh show dev v1').stdout).toBe('10.0.0.9 lladdr 02:00:00:00:00:09 STALE \n');
    expect(sh.exec('ip neigh show nud noarp').stdout).toBe('10.0.0.8 dev v1 lladdr 02:00:00:00:00:08 NOARP \n');
    expect(sh.exec('ip neigh show nud all').stdout.split('\n').filter(Boolean)).toHaveLength(3);
  });
});
