import { describe, expect, it } from 'vitest';
import { nstrcmp } from './ifconfig.ts';
import { Shell } from './shell.ts';

function lab(): Shell {
  const sh = new Shell();
  for (const l of [
    'ip netns add a',
    'ip link add v0 type veth peer name v1 netns a',
    'ip -n a addr add 10.0.0.2/24 dev v1',
    'ip -n a link set v1 up',
  ])
    expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

describe('ifconfig', () => {
  it('lists names as net-tools sorts them: runs of digits as numbers', () => {
    expect(['v10', 'v2', 'lo', 'br0', 'v1'].sort(nstrcmp)).toEqual(['br0', 'lo', 'v1', 'v2', 'v10']);
  });

  it('gives an address its class prefix and broadcast, brings the device up, and /LEN narrows it', () => {
    const sh = lab();
    expect(sh.exec('ifconfig v0 10.0.0.1').status).toBe(0);
    expect(sh.exec('ip -br addr show dev v0').stdout).toBe('v0@if2           UP             10.0.0.1/8 \n');
    expect(sh.exec('ifconfig v0 10.0.0.1/24').status).toBe(0);
    expect(sh.exec('ifconfig v0').stdout).toContain('inet 10.0.0.1  netmask 255.255.255.0  broadcast 10.0.0.255\n');
    expect(sh.exec('ip route').stdout).toBe('10.0.0.0/24 dev v0 proto kernel scope link src 10.0.0.1 \n');
  });

  it('counts what the device sent and received, with the byte count in the largest unit it passes', () => {
    const sh = lab();
    sh.exec('ifconfig v0 10.0.0.1/24');
    expect(sh.exec('ping -c 1 -s 1000 10.0.0.2').status).toBe(0);
    const out = sh.exec('ifconfig v0').stdout;
    // an ARP request and a 1042-byte echo each way
    expect(out).toContain('RX packets 2  bytes 1084 (1.0 KiB)\n');
    expect(out).toContain('TX packets 2  bytes 1084 (1.0 KiB)\n');
  });

  it('refuses a bad argument before it changes anything', () => {
    const sh = lab();
    const r = sh.exec('ifconfig v0 10.0.0.1 mtu 40');
    expect(r.stderr).toBe('SIOCSIFMTU: Invalid argument\n');
    expect(sh.exec('ip -br addr show dev v0').stdout).toBe('v0@if2           DOWN           \n');
    expect(sh.exec('ifconfig v0 netmask 255.255.255.0').stderr).toBe('SIOCSIFNETMASK: Cannot assign requested address\n');
    expect(sh.exec('ifconfig nosuch').stderr).toBe('nosuch: error fetching interface information: Device not found\n');
  });
});
