import { describe, expect, it } from 'vitest';
import { isShowCommand, normaliseShow, scenarioMacs } from './show-record.ts';

describe('show lines', () => {
  it.each([
    ['ip link', true],
    ['ip -j -d link show dev v0', true],
    ['ip -n red addr', true],
    ['ip route get 10.0.0.1 from 10.0.0.2 iif v0', true],
    ['ip netns', true],
    ['ip netns list', true],
    ['ip n', true],
    ['bridge fdb show', true],
    ['bridge -d link', true],
    ['brctl show', true],
    ['conntrack -L', true],
    ['sysctl net.ipv4.ip_forward', true],
    ['iptables -t nat -nvL', true],
    ['ip link set v0 up', false],
    ['ip netns add red', false],
    ['ip route add default via 10.0.0.1', false],
    ['sysctl -w net.ipv4.ip_forward=1', false],
    ['brctl addbr br0', false],
    ['ip', false],
  ])('%s prints only: %s', (line, show) => {
    expect(isShowCommand(line.split(' '))).toBe(show);
  });
});

describe('normalising what the kernel makes random', () => {
  it('names generated MACs by first appearance and keeps those the scenario set', () => {
    const keep = scenarioMacs('ip link set v0 address 02:00:00:00:00:01\n');
    const out = 'link/ether 9a:1b:00:2c:3d:4e brd ff:ff:ff:ff:ff:ff\nlink/ether 02:00:00:00:00:01\n9A:1B:00:2C:3D:4E 4e:00:00:00:00:07\n';
    expect(normaliseShow(['ip', 'link'], out, keep)).toBe(
      'link/ether mac1 brd ff:ff:ff:ff:ff:ff\nlink/ether 02:00:00:00:00:01\nmac1 mac2\n',
    );
  });

  it("renames a bridge id's MAC but keeps the id of a bridge without ports", () => {
    const out = 'br0\t\t8000.3629d98a4e4d\tno\t\tv0\nbr1\t\t8000.000000000000\tno\t\t\n';
    expect(normaliseShow(['brctl', 'show'], out, new Set())).toBe('br0\t\t8000.mac1\tno\t\tv0\nbr1\t\t8000.000000000000\tno\t\t\n');
  });

  it("reads ip -d's unpadded bridge ids as the MAC they are", () => {
    const out = 'bridge_id 8000.2:4a:0:1b:c:dd designated_root 8000.0:0:0:0:0:0\nlink/ether 02:4a:00:1b:0c:dd\n';
    expect(normaliseShow(['ip', '-d', 'link'], out, new Set())).toBe(
      'bridge_id 8000.mac1 designated_root 8000.0:0:0:0:0:0\nlink/ether mac1\n',
    );
  });

  it('drops conntrack timeouts, ICMP ids and ephemeral ports, and sorts the hash-ordered listing', () => {
    const out =
      'tcp      6 431999 ESTABLISHED src=10.0.0.2 dst=10.0.0.1 sport=41234 dport=80 src=10.0.0.1 dst=10.0.0.2 sport=80 dport=41234\n' +
      'icmp     1 29 src=10.0.0.2 dst=10.0.0.1 type=8 code=0 id=4711 src=10.0.0.1 dst=10.0.0.2 type=0 code=0 id=4711\n';
    expect(normaliseShow(['conntrack', '-L'], out, new Set())).toBe(
      'icmp     1 T src=10.0.0.2 dst=10.0.0.1 type=8 code=0 id=ID src=10.0.0.1 dst=10.0.0.2 type=0 code=0 id=ID\n' +
        'tcp      6 T ESTABLISHED src=10.0.0.2 dst=10.0.0.1 sport=EPHEMERAL dport=80 src=10.0.0.1 dst=10.0.0.2 sport=80 dport=EPHEMERAL\n',
    );
  });

  it("drops the countdown of a route exception's lifetime, keeping its MTU and lock", () => {
    const out = '10.0.0.9 via 10.0.0.1 dev eth0 src 10.0.0.2 uid 0 \n    cache expires 589sec mtu lock 552 \n';
    expect(normaliseShow(['ip', 'route', 'get', '10.0.0.9'], out, new Set())).toBe(
      '10.0.0.9 via 10.0.0.1 dev eth0 src 10.0.0.2 uid 0 \n    cache expires Tsec mtu lock 552 \n',
    );
    expect(normaliseShow(['ip', '-j', 'route', 'get', '10.0.0.9'], '[{"expires":599,"mtu":552}]', new Set())).toBe(
      '[{"expires":T,"mtu":552}]',
    );
  });

  it('sorts neighbours, in text and in JSON, but not routes', () => {
    expect(normaliseShow(['ip', 'neigh'], 'b\na\n', new Set())).toBe('a\nb\n');
    expect(normaliseShow(['ip', '-j', 'n'], '[{"dst":"b"},{"dst":"a"}]\n', new Set())).toBe('[{"dst":"a"},{"dst":"b"}]\n');
    expect(normaliseShow(['ip', 'route'], 'b\na\n', new Set())).toBe('b\na\n');
  });
});
