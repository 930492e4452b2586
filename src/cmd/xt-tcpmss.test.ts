// -m tcpmss and -j TCPMSS on a router between a client on a 1500-byte link and a server on a
// 1400-byte one (each behaviour checked against Linux 6.18 with iptables 1.8.9, see scenario 352)

import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

const SYN = '-p tcp --tcp-flags SYN,RST SYN';

/** cli (10.9.1.2) — r — srv (10.9.2.2, MTU 1400 on both ends of its link), srv serving on 8000 */
/** rInMtu: the MTU of r's own end of the client's link (the route back to the client) */
function lab(rInMtu = 1500): Shell {
  const sh = new Shell();
  for (const c of [
    'ip netns add cli',
    'ip netns add r',
    'ip netns add srv',
    'ip link add eth0 netns cli type veth peer name eth0 netns r',
    'ip link add eth1 netns r type veth peer name eth0 netns srv',
    'ip -n cli addr add 10.9.1.2/24 dev eth0',
    'ip -n r addr add 10.9.1.1/24 dev eth0',
    'ip -n r addr add 10.9.2.1/24 dev eth1',
    'ip -n srv addr add 10.9.2.2/24 dev eth0',
    `ip -n r link set eth0 mtu ${rInMtu}`,
    'ip -n r link set eth1 mtu 1400',
    'ip -n srv link set eth0 mtu 1400',
    'ip -n cli link set eth0 up',
    'ip -n r link set eth0 up',
    'ip -n r link set eth1 up',
    'ip -n srv link set eth0 up',
    'ip -n cli route add default via 10.9.1.1',
    'ip -n srv route add default via 10.9.2.1',
    'ip netns exec r sysctl -w net.ipv4.ip_forward=1',
    'ip netns exec srv python3 -m http.server 8000 &',
  ])
    expect(sh.exec(c).status, c).toBe(0);
  return sh;
}

function add(sh: Shell, rule: string): void {
  const r = sh.exec(`ip netns exec r iptables -t mangle -A FORWARD ${rule}`);
  expect(r.stderr, rule).toBe('');
}

/** the packet counts of r's mangle FORWARD rules after one fetch */
function fetchCounts(sh: Shell): number[] {
  expect(sh.exec('ip netns exec cli curl -s http://10.9.2.2:8000/').status).toBe(0);
  return sh
    .exec('ip netns exec r iptables -t mangle -L FORWARD -v -n -x')
    .stdout.split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

describe('-m tcpmss', () => {
  it('tests the MSS option of the SYN and the SYN-ACK: each offers its own route MTU less 40', () => {
    const sh = lab();
    add(sh, '-p tcp -m tcpmss --mss 1460');
    add(sh, '-p tcp -m tcpmss --mss 1360');
    add(sh, '-p tcp -m tcpmss --mss 1361:1459');
    expect(fetchCounts(sh)).toEqual([1, 1, 0]);
  });

  it('a segment without the option matches only the inverted rule', () => {
    const sh = lab();
    add(sh, '-p tcp -m tcpmss --mss 0:65535');
    add(sh, '-p tcp -m tcpmss ! --mss 0:65535');
    const [syns, others] = fetchCounts(sh);
    expect(syns).toBe(2);
    expect(others).toBeGreaterThan(0);
  });
});

describe('-j TCPMSS', () => {
  it('--clamp-mss-to-pmtu lowers a SYN to the smaller MTU of its route and the route back, less 40', () => {
    const sh = lab();
    add(sh, `${SYN} -j TCPMSS --clamp-mss-to-pmtu`);
    add(sh, '-p tcp -m tcpmss --mss 1360');
    expect(fetchCounts(sh)).toEqual([2, 2]);
    // the client still offers 1460: the route back to it (MTU 1300) is the smaller
    const small = lab(1300);
    add(small, `${SYN} -j TCPMSS --clamp-mss-to-pmtu`);
    add(small, '-p tcp -m tcpmss --mss 1260');
    expect(fetchCounts(small)).toEqual([2, 2]);
  });

  it('--set-mss lowers the option and never raises it; the next rule sees the packet', () => {
    const sh = lab();
    add(sh, `${SYN} -j TCPMSS --set-mss 1400`);
    add(sh, '-p tcp -m tcpmss --mss 1400');
    add(sh, '-p tcp -m tcpmss --mss 1360');
    expect(fetchCounts(sh)).toEqual([2, 1, 1]);
  });

  it('path-MTU clamping is refused outside FORWARD, OUTPUT and POSTROUTING; --set-mss is not', () => {
    const sh = lab();
    const r = sh.exec(`ip netns exec r iptables -t mangle -A PREROUTING ${SYN} -j TCPMSS --clamp-mss-to-pmtu`);
    expect(r.stderr.trim()).toBe('iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain PREROUTING');
    expect(sh.exec('ip netns exec r iptables -t mangle -S PREROUTING').stdout).toBe('-P PREROUTING ACCEPT\n');
    expect(sh.exec(`ip netns exec r iptables -t mangle -A PREROUTING ${SYN} -j TCPMSS --set-mss 1200`).status).toBe(0);
    expect(sh.exec(`ip netns exec r iptables -t mangle -A POSTROUTING ${SYN} -j TCPMSS --clamp-mss-to-pmtu`).status).toBe(0);
  });
});
