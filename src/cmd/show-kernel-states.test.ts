// Link, address, route and neighbour states whose printing the kernel recordings 500–506
// showed (conformance/recorded/50*.jsonl): each case is the kernel's answer to the same lines.

import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

function shell(lines: readonly string[]): Shell {
  const sh = new Shell();
  for (const l of lines) expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

describe('links', () => {
  it('a bridge given an address with no port loses its carrier once up (br_port_state_selection)', () => {
    const sh = shell(['ip link add b1 type bridge', 'ip link add b2 type bridge', 'ip link set b2 address 02:00:00:00:00:01']);
    sh.exec('ip link set b1 up');
    sh.exec('ip link set b2 up');
    expect(sh.exec('ip -br link show dev b1').stdout).toContain('UNKNOWN');
    expect(sh.exec('ip -br link show dev b2').stdout).toContain('DOWN           02:00:00:00:00:01 <NO-CARRIER,BROADCAST,MULTICAST,UP>');
  });

  it('an up macvlan counts in its parent promiscuity without the PROMISC flag', () => {
    const sh = shell(['ip link add v0 type veth peer name v1', 'ip link add m0 link v0 type macvlan mode bridge']);
    expect(sh.exec('ip -d link show dev v0').stdout).toContain('promiscuity 0 ');
    sh.exec('ip link set m0 up');
    const out = sh.exec('ip -d link show dev v0').stdout;
    expect(out).toContain('promiscuity 1 ');
    expect(out).not.toContain('PROMISC');
  });

  it('ip netns list names the id the namespace gave each peer namespace', () => {
    const sh = shell(['ip netns add a', 'ip netns add b', 'ip link add v0 type veth peer name v1 netns a']);
    expect(sh.exec('ip netns list').stdout).toBe('b\na (id: 0)\n');
    sh.exec('ip link add w0 type veth peer name w1');
    sh.exec('ip link set w1 netns b');
    expect(sh.exec('ip netns list').stdout).toBe('b (id: 1)\na (id: 0)\n');
  });

  it('a parent MTU below its macvlan shrinks the macvlan; a device under 1280 has no IPv6 details', () => {
    const sh = shell([
      'ip link add v0 type veth peer name v1',
      'ip link add m0 link v0 type macvlan mode bridge',
      'ip link set v0 mtu 1200',
    ]);
    const out = sh.exec('ip -d link show dev m0').stdout;
    expect(out).toContain('mtu 1200 ');
    expect(out).not.toContain('addrgenmode');
    expect(sh.exec('ip -d link show dev v1').stdout).toContain('addrgenmode eui64');
  });
});

describe('routes and rules', () => {
  it('ip -d route prints the type, protocol and scope it otherwise leaves out', () => {
    const sh = shell(['ip link add v0 type veth peer name v1', 'ip link set v0 up', 'ip link set v1 up', 'ip addr add 10.9.0.1/24 dev v0']);
    sh.exec('ip route add 192.0.2.0/24 via 10.9.0.254');
    expect(sh.exec('ip -d route show 192.0.2.0/24').stdout).toBe('unicast 192.0.2.0/24 via 10.9.0.254 dev v0 proto boot scope global \n');
    expect(sh.exec('ip -d route get 192.0.2.1').stdout).toBe(
      'unicast 192.0.2.1 via 10.9.0.254 dev v0 table main src 10.9.0.1 uid 0 \n    cache \n',
    );
  });

  it('route -e and -ee print netstat -r and the long table', () => {
    const sh = shell(['ip link add v0 type veth peer name v1', 'ip link set v0 up', 'ip addr add 10.9.0.1/24 dev v0']);
    expect(sh.exec('route -ne').stdout).toBe(
      'Kernel IP routing table\nDestination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n10.9.0.0        0.0.0.0         255.255.255.0   U         0 0          0 v0\n',
    );
    expect(sh.exec('route -nee').stdout.split('\n')[2]).toBe(
      '10.9.0.0        0.0.0.0         255.255.255.0   U     0      0        0 v0       0     0      0',
    );
  });

  it('ip -j rule and its selectors', () => {
    const sh = shell([
      'ip rule add from 10.1.0.0/16 table 100 pref 500',
      'ip rule add not to 10.2.0.5 fwmark 0x10/0xff unreachable pref 11',
    ]);
    expect(JSON.parse(sh.exec('ip -j rule').stdout)).toEqual([
      { priority: 0, src: 'all', table: 'local' },
      { priority: 11, not: null, src: 'all', dst: '10.2.0.5', fwmark: '0x10', fwmask: '0xff', action: 'unreachable' },
      { priority: 500, src: '10.1.0.0', srclen: 16, table: '100' },
      { priority: 32766, src: 'all', table: 'main' },
      { priority: 32767, src: 'all', table: 'default' },
    ]);
    expect(sh.exec('ip rule show table 100').stdout).toBe('500:\tfrom 10.1.0.0/16 lookup 100\n');
    expect(sh.exec('ip rule show pref 11').stdout).toBe('11:\tnot from all to 10.2.0.5 fwmark 0x10/0xff unreachable\n');
  });

  it('refuses route metrics it does not model', () => {
    const sh = shell(['ip link add v0 type veth peer name v1', 'ip link set v0 up', 'ip addr add 10.9.0.1/24 dev v0']);
    const r = sh.exec('ip route add 192.0.2.0/24 via 10.9.0.2 advmss 800');
    expect(r.status).not.toBe(0);
    expect(sh.exec('ip route show 192.0.2.0/24').stdout).toBe('');
  });
});

describe('addresses', () => {
  it('lifetimes make an address dynamic, and flush deletes only what its selectors keep', () => {
    const sh = shell([
      'ip link add v0 type veth peer name v1',
      'ip addr add 10.9.0.1/24 dev v0 valid_lft 3600 preferred_lft 1800',
      'ip addr add 10.9.1.1/24 dev v0 scope link',
      'ip addr add 10.9.2.1/24 dev v0 label v0:a',
    ]);
    expect(sh.exec('ip addr show dev v0 dynamic').stdout).toContain(
      'inet 10.9.0.1/24 scope global dynamic v0\n       valid_lft 3600sec preferred_lft 1800sec',
    );
    expect(sh.exec('ip addr add 10.9.3.1/24 dev v0 valid_lft 10 preferred_lft 20').stderr).toBe(
      'preferred_lft is greater than valid_lft\n',
    );
    sh.exec('ip addr flush dev v0 scope link');
    expect(sh.exec('ip -br addr show dev v0').stdout).toBe('v0@v1            DOWN           10.9.0.1/24 10.9.2.1/24 \n');
    expect(sh.exec('ifconfig v0:a').stdout).toContain(
      'v0:a: flags=4098<BROADCAST,MULTICAST>  mtu 1500\n        inet 10.9.2.1  netmask 255.255.255.0',
    );
    expect(sh.exec('ip addr flush').stderr).toBe('Flush requires arguments.\n');
  });
});

describe('neighbours', () => {
  it('a valid state needs a link-layer address; flush by state; arp prints nothing for an empty table', () => {
    const sh = shell(['ip link add v0 type veth peer name v1', 'ip link set v0 up', 'ip link set v1 up']);
    expect(sh.exec('arp -n').stdout).toBe('');
    expect(sh.exec('ip neigh add 10.9.0.7 dev v0').stderr).toBe('Error: No link layer address given.\n');
    sh.exec('ip neigh add 10.9.0.8 lladdr 02:00:00:00:00:08 dev v0 nud stale');
    sh.exec('ip neigh add 10.9.0.9 lladdr 02:00:00:00:00:09 dev v0');
    sh.exec('ip neigh flush dev v0 nud stale');
    expect(sh.exec('ip neigh').stdout).toBe('10.9.0.9 dev v0 lladdr 02:00:00:00:00:09 PERMANENT \n');
    expect(sh.exec('arp -n -i v1').stdout).toBe('arp: in 1 entries no match found.\n');
  });

  it('an entry added REACHABLE turns STALE after reachable_time', () => {
    const sh = shell([
      'ip link add v0 type veth peer name v1',
      'ip link set v0 up',
      'ip neigh add 10.9.0.8 lladdr 02:00:00:00:00:08 dev v0 nud reachable',
    ]);
    expect(sh.exec('ip neigh').stdout).toContain('REACHABLE');
    sh.exec('sleep 50');
    expect(sh.exec('ip neigh').stdout).toBe('10.9.0.8 dev v0 lladdr 02:00:00:00:00:08 STALE \n');
  });
});

describe('ip global flags the lab cannot print right', () => {
  it('refuses colours and numeric names instead of printing plain names, and takes -color=never', () => {
    const sh = new Shell();
    for (const l of ['ip -c link', 'ip -color=always link', 'ip -N route', 'ip -Numeric route']) {
      const r = sh.exec(l);
      expect(r.status, l).toBe(255);
      expect(r.stdout, l).toBe('');
    }
    expect(sh.exec('ip -color=never -br link show dev lo').stdout).toBe(
      'lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n',
    );
  });
});
