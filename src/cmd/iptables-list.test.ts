// iptables listings as iptables 1.8.9 (nf_tables) prints them, and the raw table's chains and
// refusals. Every expected text here was printed by the real tools in a fresh network namespace.

import { describe, expect, it } from 'vitest';
import { fingerprint } from '../core/snapshot.ts';
import { Shell } from './shell.ts';

function build(lines: string[]): Shell {
  const sh = new Shell();
  for (const l of lines) expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

const RAW_RULES = [
  'iptables -t raw -A PREROUTING -d 10.0.0.1 -j DROP',
  'iptables -t raw -A PREROUTING -d 127.0.0.0/8 -i lo -p tcp --dport 80 -j DROP',
  'iptables -t raw -A PREROUTING -d 0.0.0.0/8 -p tcp --dport 8080 -j DROP',
  'iptables -t raw -A PREROUTING -p udp --sport 53 -j DROP',
];

describe('iptables -L without -n: names as iptables resolves them', () => {
  it('anywhere, any, services, networks (loopback/8, default/8) in -vL --line-numbers', () => {
    const sh = build(RAW_RULES);
    expect(sh.exec('iptables -t raw -vL --line-numbers').stdout).toBe(
      `Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)
num   pkts bytes target     prot opt in     out     source               destination         
1        0     0 DROP       all  --  any    any     anywhere             10.0.0.1            
2        0     0 DROP       tcp  --  lo     any     anywhere             loopback/8           tcp dpt:http
3        0     0 DROP       tcp  --  any    any     anywhere             default/8            tcp dpt:http-alt
4        0     0 DROP       udp  --  any    any     anywhere             anywhere             udp spt:domain

Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
num   pkts bytes target     prot opt in     out     source               destination         
`,
    );
  });

  it('-n keeps numbers: 0.0.0.0/0, *, port and protocol numbers', () => {
    const sh = build(RAW_RULES);
    expect(sh.exec('iptables -t raw -vnL --line-numbers').stdout).toBe(
      `Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)
num   pkts bytes target     prot opt in     out     source               destination         
1        0     0 DROP       0    --  *      *       0.0.0.0/0            10.0.0.1            
2        0     0 DROP       6    --  lo     *       0.0.0.0/0            127.0.0.0/8          tcp dpt:80
3        0     0 DROP       6    --  *      *       0.0.0.0/0            0.0.0.0/8            tcp dpt:8080
4        0     0 DROP       17   --  *      *       0.0.0.0/0            0.0.0.0/0            udp spt:53

Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
num   pkts bytes target     prot opt in     out     source               destination         
`,
    );
  });

  it('multiport and ICMP types by name, link-local/16', () => {
    const sh = build([
      'iptables -A INPUT -p tcp -m multiport --dports 80,8080:8081 -j ACCEPT',
      'iptables -A INPUT -p icmp --icmp-type echo-request -j ACCEPT',
      'iptables -A INPUT -s 169.254.0.0/16 -p udp --dport 53:54',
    ]);
    expect(sh.exec('iptables -L INPUT').stdout).toBe(`Chain INPUT (policy ACCEPT)
target     prot opt source               destination         
ACCEPT     tcp  --  anywhere             anywhere             multiport dports http,http-alt:tproxy
ACCEPT     icmp --  anywhere             anywhere             icmp echo-request
           udp  --  link-local/16        anywhere             udp dpts:domain:54
`);
    expect(sh.exec('iptables -nL INPUT').stdout).toBe(`Chain INPUT (policy ACCEPT)
target     prot opt source               destination         
ACCEPT     6    --  0.0.0.0/0            0.0.0.0/0            multiport dports 80,8080:8081
ACCEPT     1    --  0.0.0.0/0            0.0.0.0/0            icmptype 8
           17   --  169.254.0.0/16       0.0.0.0/0            udp dpts:53:54
`);
  });
});

describe('the raw table', () => {
  it('has PREROUTING and OUTPUT; iptables-save prints raw, filter, nat in that order', () => {
    const sh = build([
      'iptables -t nat -A POSTROUTING -j ACCEPT',
      'iptables -A FORWARD -j ACCEPT',
      'iptables -t raw -A PREROUTING -d 10.0.0.1 -j DROP',
    ]);
    expect(sh.exec('iptables -t raw -S').stdout).toBe('-P PREROUTING ACCEPT\n-P OUTPUT ACCEPT\n-A PREROUTING -d 10.0.0.1/32 -j DROP\n');
    expect(
      sh
        .exec('iptables-save')
        .stdout.split('\n')
        .filter((l) => l.startsWith('*')),
    ).toEqual(['*raw', '*filter', '*nat']);
  });

  it('takes LOG, conntrack matches, user chains and a DROP policy; refuses REJECT, DNAT and FORWARD as the kernel does', () => {
    const sh = build([
      'iptables -t raw -A PREROUTING -j LOG',
      'iptables -t raw -P PREROUTING DROP',
      'iptables -t raw -N X',
      'iptables -t raw -A X -j RETURN',
      'iptables -t raw -A PREROUTING -m conntrack --ctstate INVALID -j X',
    ]);
    expect(sh.exec('iptables -t raw -S').stdout).toBe(
      '-P PREROUTING DROP\n-P OUTPUT ACCEPT\n-N X\n-A PREROUTING -j LOG\n-A PREROUTING -m conntrack --ctstate INVALID -j X\n-A X -j RETURN\n',
    );
    const cases: Array<[string, string, number]> = [
      [
        'iptables -t raw -A PREROUTING -j REJECT',
        'iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain PREROUTING\n',
        4,
      ],
      [
        'iptables -t raw -A OUTPUT -j DNAT --to-destination 1.2.3.4',
        'iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain OUTPUT\n',
        4,
      ],
      ['iptables -t raw -A FORWARD -j DROP', 'iptables: No chain/target/match by that name.\n', 1],
    ];
    for (const [line, msg, status] of cases) {
      const before = fingerprint(sh.world);
      const r = sh.exec(line);
      expect([r.stderr, r.status], line).toEqual([msg, status]);
      expect(fingerprint(sh.world)).toBe(before);
    }
  });

  it('a raw PREROUTING DROP decides before conntrack and before DNAT (scenario 96)', () => {
    const sh = build([
      'ip netns add c1',
      'ip netns add out',
      'ip link add br0 type bridge',
      'ip addr add 192.0.2.1/24 dev br0',
      'ip link set br0 up',
      'ip link add v1 type veth peer name eth0 netns c1',
      'ip link set v1 master br0',
      'ip link set v1 up',
      'ip -n c1 addr add 192.0.2.2/24 dev eth0',
      'ip -n c1 link set eth0 up',
      'ip -n c1 route add default via 192.0.2.1',
      'ip link add v2 type veth peer name eth0 netns out',
      'ip addr add 198.51.100.1/24 dev v2',
      'ip link set v2 up',
      'ip -n out addr add 198.51.100.2/24 dev eth0',
      'ip -n out link set eth0 up',
      'ip -n out route add default via 198.51.100.1',
      'sysctl -w net.ipv4.ip_forward=1',
      'ip netns exec c1 python3 -m http.server 80 &',
      'iptables -t nat -A PREROUTING -d 198.51.100.1/32 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80',
      'iptables -t raw -A PREROUTING -d 192.0.2.2/32 ! -i br0 -j DROP',
    ]);
    expect(sh.exec('ip netns exec out curl http://192.0.2.2:80/').record).toMatchObject({ result: 'timeout' });
    expect(sh.exec('ip netns exec out curl http://198.51.100.1:8080/').record).toMatchObject({ result: 'ok', client: '198.51.100.2' });
    // curl without -m waits for the kernel: its SYN and ten retransmissions (0 to 67 s) all die in raw
    expect(sh.exec('iptables -t raw -vnL PREROUTING').stdout).toMatch(/\n +11 +660 DROP /);
    expect(sh.exec('conntrack -L').stdout).not.toContain('dport=80 ');
  });
});
