// The SNMP MIB counters as a user reads them: /proc/net/snmp, /proc/net/netstat, netstat -s, ss -s
import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

function lab(lines: readonly string[]): Shell {
  const sh = new Shell();
  for (const l of lines) expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

/** a -- r -- b: r routes between 10.1.0.0/24 and 10.2.0.0/24 */
const routed = [
  'ip netns add a',
  'ip netns add r',
  'ip netns add b',
  'ip link add eth0 netns a type veth peer name e1 netns r',
  'ip link add eth0 netns b type veth peer name e2 netns r',
  'ip -n a addr add 10.1.0.2/24 dev eth0',
  'ip -n r addr add 10.1.0.1/24 dev e1',
  'ip -n r addr add 10.2.0.1/24 dev e2',
  'ip -n b addr add 10.2.0.2/24 dev eth0',
  'ip -n a link set eth0 up',
  'ip -n b link set eth0 up',
  'ip -n r link set e1 up',
  'ip -n r link set e2 up',
  'ip -n a route add default via 10.1.0.1',
  'ip -n b route add default via 10.2.0.1',
  'ip netns exec r sysctl -w net.ipv4.ip_forward=1',
];

/** one line pair of /proc/net/snmp or /proc/net/netstat as a map from field to value */
function mib(sh: Shell, ns: string, group: string, file = '/proc/net/snmp'): Record<string, number> {
  const r = sh.exec(`cat ${file}`, ns);
  expect(r.status, r.stderr).toBe(0);
  const lines = r.stdout.split('\n').filter((l) => l.startsWith(`${group}: `));
  const out: Record<string, number> = {};
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const names = lines[i]!.split(' ').slice(1);
    const vals = lines[i + 1]!.split(' ').slice(1);
    names.forEach((n, j) => {
      out[n] = Number(vals[j]);
    });
  }
  return out;
}

describe('SNMP counters', () => {
  it('a ping raises InEchos and OutEchoReps on the far side, OutEchos and InEchoReps on the sender', () => {
    const sh = lab(routed);
    sh.exec('ip netns exec a ping -c 2 10.2.0.2');
    expect(mib(sh, 'b', 'Icmp')).toMatchObject({ InMsgs: 2, InEchos: 2, OutMsgs: 2, OutEchoReps: 2, OutEchos: 0 });
    expect(mib(sh, 'a', 'Icmp')).toMatchObject({ OutEchos: 2, InEchoReps: 2, InEchos: 0 });
    expect(mib(sh, 'b', 'IcmpMsg')).toEqual({ InType8: 2, OutType0: 2 });
    // 84-byte packets each way, counted once by IP on each end
    expect(mib(sh, 'b', 'Ip')).toMatchObject({ InReceives: 2, InDelivers: 2, OutRequests: 2, OutTransmits: 2 });
    expect(mib(sh, 'b', 'IpExt', '/proc/net/netstat')).toMatchObject({ InOctets: 168, OutOctets: 168, InNoECTPkts: 2 });
  });

  it('a forward raises ForwDatagrams on the router only, which delivers nothing and sends no request', () => {
    const sh = lab(routed);
    sh.exec('ip netns exec a ping -c 1 10.2.0.2');
    expect(mib(sh, 'r', 'Ip')).toMatchObject({
      Forwarding: 1,
      InReceives: 2,
      ForwDatagrams: 2,
      InDelivers: 0,
      OutRequests: 0,
      OutTransmits: 2,
    });
    expect(mib(sh, 'a', 'Ip')).toMatchObject({ Forwarding: 2, ForwDatagrams: 0 });
    expect(mib(sh, 'b', 'Ip').ForwDatagrams).toBe(0);
  });

  it('a TTL that runs out is a header error of the router, which sends time exceeded; no route is IpExt InNoRoutes', () => {
    const sh = lab(routed);
    sh.exec('ip netns exec a ping -c 1 -t 1 10.2.0.2');
    sh.exec('ip netns exec a ping -c 1 10.9.9.9');
    expect(mib(sh, 'r', 'Ip')).toMatchObject({ InHdrErrors: 1, ForwDatagrams: 0, OutRequests: 2 });
    expect(mib(sh, 'r', 'Icmp')).toMatchObject({ OutTimeExcds: 1, OutDestUnreachs: 1, OutMsgs: 2 });
    expect(mib(sh, 'r', 'IpExt', '/proc/net/netstat').InNoRoutes).toBe(1);
    expect(mib(sh, 'a', 'Icmp')).toMatchObject({ InTimeExcds: 1, InDestUnreachs: 1 });
  });

  it('UDP to a closed port is NoPorts, not InDatagrams, and answered with a port unreachable', () => {
    const sh = lab(routed);
    sh.exec('ip netns exec a traceroute -n -q 1 -m 1 10.1.0.1');
    expect(mib(sh, 'r', 'Udp')).toMatchObject({ InDatagrams: 0, NoPorts: 1 });
    expect(mib(sh, 'r', 'Icmp').OutDestUnreachs).toBe(1);
    expect(mib(sh, 'a', 'Udp').OutDatagrams).toBe(1);
  });

  it('a connection refused is the client AttemptFails and the server OutRsts; a curl that works is ActiveOpens and PassiveOpens', () => {
    const sh = lab([...routed, 'ip netns exec b python3 -m http.server 80 &']);
    sh.exec('ip netns exec a curl http://10.2.0.2:81/');
    expect(mib(sh, 'a', 'Tcp')).toMatchObject({ ActiveOpens: 1, AttemptFails: 1, OutSegs: 1, InSegs: 1 });
    expect(mib(sh, 'b', 'Tcp')).toMatchObject({ PassiveOpens: 0, OutRsts: 1, InSegs: 1, OutSegs: 1 });
    sh.exec('ip netns exec a curl http://10.2.0.2/');
    expect(mib(sh, 'a', 'Tcp')).toMatchObject({ ActiveOpens: 2, AttemptFails: 1, EstabResets: 0 });
    expect(mib(sh, 'b', 'Tcp').PassiveOpens).toBe(1);
    // http.server closes first: its end waits in TIME-WAIT, which ss -s counts
    expect(mib(sh, 'b', 'TcpExt', '/proc/net/netstat').TW).toBe(1);
    expect(sh.exec('ss -s', 'b').stdout).toContain('timewait 1)');
  });

  it('an INPUT drop was received but never delivered; an OUTPUT drop was a request, and an output discard', () => {
    const sh = lab([...routed, 'ip netns exec b iptables -A INPUT -p icmp -j DROP', 'ip netns exec a iptables -A OUTPUT -p udp -j DROP']);
    sh.exec('ip netns exec a ping -c 1 10.2.0.2');
    expect(mib(sh, 'b', 'Ip')).toMatchObject({ InReceives: 1, InDelivers: 0 });
    expect(mib(sh, 'b', 'Icmp').InMsgs).toBe(0);
    sh.exec('ip netns exec a traceroute -n -q 1 -m 1 10.2.0.2');
    expect(mib(sh, 'a', 'Ip')).toMatchObject({ OutRequests: 2, OutDiscards: 1, OutTransmits: 1 });
    expect(mib(sh, 'a', 'Udp').OutDatagrams).toBe(0);
  });

  it('netstat -s prints the same counters in words, and each namespace has its own', () => {
    const sh = lab(routed);
    sh.exec('ip netns exec a ping -c 3 10.2.0.2');
    const out = sh.exec('netstat -s', 'b').stdout;
    expect(out).toContain('    3 total packets received\n');
    expect(out).toContain('    ICMP input histogram:\n        echo requests: 3\n');
    expect(out).toContain('IcmpMsg:\n        InType8: 3\n        OutType0: 3\n');
    expect(sh.exec('netstat -s').stdout).toContain('    0 total packets received\n');
  });

  it('refuses what it does not model by name', () => {
    const sh = lab(routed);
    expect(sh.exec('netstat -st').stderr).toContain('netlab: netstat -st is not modelled');
    expect(sh.exec('nstat -az')).toMatchObject({ status: 1, stdout: '' });
    expect(sh.exec('nstat -az').stderr).toContain('netlab: nstat -az is not modelled');
    expect(sh.exec('ss -s -t').stderr).toBe('netlab: ss -s -t is not modelled (ss -s alone: the summary)\n');
  });

  it("sockstat counts the namespace's own sockets: a listener and a held connection in use, its CurrEstab", () => {
    const sh = lab([...routed, 'ip netns exec b nc -l 5000 &', 'ip netns exec a nc 10.2.0.2 5000 &']);
    expect(sh.exec('cat /proc/net/sockstat', 'b').stdout).toMatch(/^sockets: used 2\nTCP: inuse 2 orphan 0 tw 0 /);
    expect(mib(sh, 'a', 'Tcp')).toMatchObject({ CurrEstab: 1, ActiveOpens: 1 });
    expect(mib(sh, 'b', 'Tcp')).toMatchObject({ CurrEstab: 1, PassiveOpens: 1 });
    expect(sh.exec('ss -s', 'r').stdout).toMatch(/^Total: 0\n/);
  });

  it('a SYN sent again counts a retransmission and a timeout, not another open or segment out', () => {
    const sh = lab([...routed, 'ip netns exec b iptables -A INPUT -p tcp --dport 80 -j DROP']);
    sh.exec('ip netns exec a curl -s -m 4 http://10.2.0.2/');
    // SYNs at 0, 1, 2 and 3 s: one connect, one segment, three retransmissions
    expect(mib(sh, 'a', 'Tcp')).toMatchObject({ ActiveOpens: 1, OutSegs: 1, RetransSegs: 3 });
    expect(mib(sh, 'a', 'TcpExt', '/proc/net/netstat')).toMatchObject({ TCPTimeouts: 3, TCPSynRetrans: 3 });
    expect(mib(sh, 'b', 'Ip')).toMatchObject({ InReceives: 4, InDelivers: 0 });
  });
});
