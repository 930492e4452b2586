// IPVS as the lab models it: a virtual service by firewall mark, masquerading round robin to
// its real servers, set up with ipvsadm; what ipvsadm has beyond that refused, changing nothing.

import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

/** lb between a client (10.1.0.0/24) and two servers (10.2.0.0/24); TCP 80 to 10.1.0.1 is marked 7 */
function lab(): Shell {
  const sh = new Shell();
  for (const l of [
    'ip netns add lb',
    'ip netns add client',
    'ip netns add s1',
    'ip netns add s2',
    'ip link add c type veth peer name eth0 netns client',
    'ip link set c netns lb',
    'ip -n lb addr add 10.1.0.1/24 dev c',
    'ip -n lb link set c up',
    'ip -n client addr add 10.1.0.2/24 dev eth0',
    'ip -n client link set eth0 up',
    'ip -n lb link add sw type bridge',
    'ip -n lb addr add 10.2.0.1/24 dev sw',
    'ip -n lb link set sw up',
    'ip link add v1 type veth peer name eth0 netns s1',
    'ip link add v2 type veth peer name eth0 netns s2',
    'ip link set v1 netns lb',
    'ip link set v2 netns lb',
    'ip -n lb link set v1 master sw',
    'ip -n lb link set v2 master sw',
    'ip -n lb link set v1 up',
    'ip -n lb link set v2 up',
    'ip -n s1 addr add 10.2.0.11/24 dev eth0',
    'ip -n s2 addr add 10.2.0.12/24 dev eth0',
    'ip -n s1 link set eth0 up',
    'ip -n s2 link set eth0 up',
    'ip -n s1 route add default via 10.2.0.1',
    'ip -n s2 route add default via 10.2.0.1',
    'ip netns exec s1 python3 -m http.server 80 &',
    'ip netns exec s2 python3 -m http.server 80 &',
    'ip netns exec lb sysctl -w net.ipv4.ip_forward=1',
    'ip netns exec lb iptables -t mangle -A PREROUTING -d 10.1.0.1 -p tcp --dport 80 -j MARK --set-mark 7',
  ]) {
    const r = sh.exec(l);
    expect(r.status, `${l}: ${r.stderr}`).toBe(0);
  }
  return sh;
}

describe('ipvsadm and IPVS', () => {
  it('a fwmark service sends each new connection to the next real server, and the replies come back through it', () => {
    const sh = lab();
    // nothing behind the mark yet: the lb's own port 80, where nothing listens
    expect(sh.exec('ip netns exec client curl http://10.1.0.1/').record).toMatchObject({ result: 'refused' });
    for (const l of [
      'ip netns exec lb ipvsadm -A -f 7 -s rr',
      'ip netns exec lb ipvsadm -a -f 7 -r 10.2.0.11 -m',
      'ip netns exec lb ipvsadm -a -f 7 -r 10.2.0.12 -m -w 1',
    ])
      expect(sh.exec(l).status, l).toBe(0);
    // masquerading changes only the destination: the servers see the client
    expect(sh.exec('ip netns exec client curl http://10.1.0.1/').record).toMatchObject({ result: 'ok', client: '10.1.0.2' });
    expect(sh.exec('ip netns exec client curl http://10.1.0.1/').record).toMatchObject({ result: 'ok', client: '10.1.0.2' });
    const list = sh.exec('ip netns exec lb ipvsadm -Ln').stdout;
    expect(list).toBe(
      'IP Virtual Server version 1.2.1 (size=4096)\n' +
        'Prot LocalAddress:Port Scheduler Flags\n' +
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n' +
        'FWM  7 rr\n' +
        '  -> 10.2.0.11:0                  Masq    1      0          1         \n' +
        '  -> 10.2.0.12:0                  Masq    1      0          1         \n',
    );
    // weight 0: no new connection goes there
    sh.exec('ip netns exec lb ipvsadm -e -f 7 -r 10.2.0.11 -m -w 0');
    sh.exec('ip netns exec lb ipvsadm -e -f 7 -r 10.2.0.12 -m -w 0');
    expect(sh.exec('ip netns exec client curl http://10.1.0.1/').record).toMatchObject({ result: 'timeout' });
    expect(sh.exec('ip netns exec lb ipvsadm -D -f 7').status).toBe(0);
    expect(sh.exec('ip netns exec client curl http://10.1.0.1/').record).toMatchObject({ result: 'refused' });
  });

  it('-m ipvs matches what IPVS sent: a SNAT for it alone makes the servers see the balancer', () => {
    const sh = lab();
    // xt_ipvs needs ip_vs, which the kernel loads when IPVS is first used
    expect(sh.exec('ip netns exec lb iptables -t nat -A POSTROUTING -m ipvs --ipvs -j ACCEPT').status).not.toBe(0);
    for (const l of [
      'ip netns exec lb ipvsadm -A -f 7 -s rr',
      'ip netns exec lb ipvsadm -a -f 7 -r 10.2.0.12 -m',
      'ip netns exec lb iptables -t nat -A POSTROUTING -d 10.2.0.0/24 -m ipvs --ipvs -j SNAT --to-source 10.2.0.1',
    ])
      expect(sh.exec(l).status, l).toBe(0);
    expect(sh.exec('ip netns exec lb iptables -t nat -S POSTROUTING').stdout).toContain(
      '-A POSTROUTING -d 10.2.0.0/24 -m ipvs --ipvs -j SNAT --to-source 10.2.0.1',
    );
    expect(sh.exec('ip netns exec client curl http://10.1.0.1/').record).toMatchObject({ result: 'ok', client: '10.2.0.1' });
  });

  it('refuses what it does not model, by name, and what ipvsadm refuses, changing nothing', () => {
    const sh = lab();
    const bad: Array<[string, RegExp]> = [
      ['ipvsadm -A -t 10.1.0.1:80 -s rr', /-t \(a virtual service by address and port\) is not modelled/],
      ['ipvsadm -A -f 7', /-s wlc \(round robin, rr, is\) is not modelled/],
      ['ipvsadm -a -f 7 -r 10.2.0.11 -m', /Service not defined/],
      ['ipvsadm -D -f 7', /No such service/],
    ];
    for (const [l, m] of bad) {
      const r = sh.exec(`ip netns exec lb ${l}`);
      expect(r.status, l).not.toBe(0);
      expect(r.stderr, l).toMatch(m);
    }
    sh.exec('ip netns exec lb ipvsadm -A -f 7 -s rr');
    const r = sh.exec('ip netns exec lb ipvsadm -a -f 7 -r 10.2.0.11');
    expect(r.stderr).toMatch(/-g \(direct routing, the default forwarding method; give -m\) is not modelled/);
    expect(sh.exec('ip netns exec lb ipvsadm -A -f 7 -s rr').stderr).toMatch(/Service already exists/);
    expect(sh.exec('ip netns exec lb ipvsadm -Ln').stdout).toMatch(/FWM {2}7 rr\n$/);
  });
});
