// conntrack -L / -D with their filters, and the refusals of conntrack-tools 1.4.7, over a
// router that masquerades its LAN (the kernel's listings are in conformance 530).

import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

const TRY = "Try `conntrack -h' or 'conntrack --help' for more information.\n";

function router(): Shell {
  const sh = new Shell();
  sh.recorderProbes = true;
  for (const l of [
    'ip netns add lan',
    'ip netns add wan',
    'ip link add lan0 type veth peer name eth0 netns lan',
    'ip link add wan0 type veth peer name eth0 netns wan',
    'ip addr add 10.9.0.1/24 dev lan0',
    'ip addr add 198.51.100.1/24 dev wan0',
    'ip link set lan0 up',
    'ip link set wan0 up',
    'ip -n lan addr add 10.9.0.2/24 dev eth0',
    'ip -n lan link set eth0 up',
    'ip -n lan route add default via 10.9.0.1',
    'ip -n wan addr add 198.51.100.20/24 dev eth0',
    'ip -n wan link set eth0 up',
    'sysctl -w net.ipv4.ip_forward=1',
    'iptables -t nat -A POSTROUTING -o wan0 -j MASQUERADE',
    'ip netns exec wan python3 -m http.server 80 &',
  ])
    expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

const flows = (out: string) => out.split('\n').filter(Boolean);

describe('conntrack -L filters', () => {
  it('selects by protocol, addresses of either direction, ports and TCP state', () => {
    const sh = router();
    sh.exec('ip netns exec lan ping -c 1 198.51.100.20');
    sh.exec('ip netns exec lan curl http://198.51.100.20/');
    expect(flows(sh.exec('conntrack -L').stdout)).toHaveLength(2);
    const tcp = sh.exec('conntrack -L -p tcp');
    expect(flows(tcp.stdout)).toEqual([expect.stringMatching(/^tcp {6}6 \d+ TIME_WAIT src=10\.9\.0\.2 dst=198\.51\.100\.20 /)]);
    expect(tcp.stderr).toBe('conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n');
    expect(flows(sh.exec('conntrack -L -p icmp').stdout)).toEqual([expect.stringMatching(/^icmp {5}1 /)]);
    // the reply goes to the masquerading address: -q matches it, -d does not
    expect(flows(sh.exec('conntrack -L -q 198.51.100.1').stdout)).toHaveLength(2);
    expect(flows(sh.exec('conntrack -L -d 198.51.100.1').stdout)).toHaveLength(0);
    expect(flows(sh.exec('conntrack -L -s 10.9.0.0/24').stdout)).toHaveLength(2);
    expect(flows(sh.exec('conntrack -L -p tcp --dport 80').stdout)).toHaveLength(1);
    expect(flows(sh.exec('conntrack -L -p tcp --sport 80').stdout)).toHaveLength(0);
    expect(flows(sh.exec('conntrack -L -p tcp --state TIME_WAIT').stdout)).toHaveLength(1);
    expect(flows(sh.exec('conntrack -L -p tcp --state ESTABLISHED').stdout)).toHaveLength(0);
    expect(flows(sh.exec('conntrack -L -u ASSURED').stdout)).toHaveLength(1);
    expect(flows(sh.exec('conntrack -L -o extended -p icmp').stdout)).toEqual([expect.stringMatching(/^ipv4 {5}2 icmp {5}1 /)]);
  });

  it('-n lists what was source-NATed, -g what was destination-NATed (an ICMP echo counts as port-NATed)', () => {
    const sh = router();
    sh.exec('ip netns exec lan ping -c 1 198.51.100.20');
    sh.exec('ip netns exec lan curl http://198.51.100.20/');
    expect(flows(sh.exec('conntrack -L -n').stdout)).toHaveLength(2);
    expect(flows(sh.exec('conntrack -L -n 198.51.100.1').stdout)).toHaveLength(2);
    expect(flows(sh.exec('conntrack -L -n 198.51.100.9').stdout)).toHaveLength(0);
    expect(flows(sh.exec('conntrack -L -g').stdout)).toEqual([expect.stringMatching(/^icmp /)]);
  });

  it('never marks an ICMP echo ASSURED, however many requests follow its reply', () => {
    const sh = router();
    sh.recorderProbes = false;
    expect(sh.exec('ip netns exec lan ping -c 3 198.51.100.20').status).toBe(0);
    const [icmp] = flows(sh.exec('conntrack -L -p icmp').stdout);
    expect(icmp).toMatch(/^icmp .* mark=0 use=1$/);
    expect(icmp).not.toContain('[ASSURED]');
    expect(sh.exec('conntrack -L -u ASSURED').stdout).toBe('');
  });

  it('drops the entry of a connection refused with a reset before any reply', () => {
    const sh = router();
    sh.exec('ip netns exec lan curl http://198.51.100.20:81/');
    expect(sh.exec('conntrack -L').stdout).toBe('');
    expect(sh.exec('conntrack -C').stdout).toBe('0\n');
  });

  it('-D prints what it deleted; none is exit status 1', () => {
    const sh = router();
    sh.exec('ip netns exec lan ping -c 1 198.51.100.20');
    sh.exec('ip netns exec lan curl http://198.51.100.20/');
    const d = sh.exec('conntrack -D -p icmp');
    expect(flows(d.stdout)).toEqual([expect.stringMatching(/^icmp /)]);
    expect(d.stderr).toBe('conntrack v1.4.7 (conntrack-tools): 1 flow entries have been deleted.\n');
    const none = sh.exec('conntrack -D -p icmp');
    expect(none.status).toBe(1);
    expect(sh.exec('conntrack -C').stdout).toBe('1\n');
  });

  it('refuses as conntrack-tools does, and changes nothing', () => {
    const sh = router();
    sh.exec('ip netns exec lan ping -c 1 198.51.100.20');
    const err = (l: string) => {
      const r = sh.exec(l);
      expect(r.status, l).toBe(2);
      return r.stderr;
    };
    expect(err('conntrack -L --dport 80')).toBe(`conntrack v1.4.7 (conntrack-tools): unknown option \`--dport'\n${TRY}`);
    expect(err('conntrack -L -p udp --state ESTABLISHED')).toBe(`conntrack v1.4.7 (conntrack-tools): unknown option \`--state'\n${TRY}`);
    expect(err('conntrack -L -p tcp --state established')).toBe(
      `conntrack v1.4.7 (conntrack-tools): unknown TCP state \`established'\n${TRY}`,
    );
    expect(err('conntrack -L -p nosuch')).toBe(`conntrack v1.4.7 (conntrack-tools): \`nosuch' unsupported protocol\n${TRY}`);
    expect(err('conntrack -L -s foo')).toBe(`conntrack v1.4.7 (conntrack-tools): Invalid IP address \`foo'\n${TRY}`);
    expect(err('conntrack -L -o bogus')).toBe(`conntrack v1.4.7 (conntrack-tools): Bad parameter \`bogus'\n${TRY}`);
    expect(err('conntrack -L -L')).toBe(`conntrack v1.4.7 (conntrack-tools): Invalid commands combination\n${TRY}`);
    expect(err('conntrack -L extra')).toBe(`conntrack v1.4.7 (conntrack-tools): unknown type \`extra'\n${TRY}`);
    expect(err('conntrack -C -p tcp')).toBe(`conntrack v1.4.7 (conntrack-tools): Illegal option \`--protonum' with this command\n${TRY}`);
    expect(err('conntrack -F -s 10.9.0.2')).toBe(`conntrack v1.4.7 (conntrack-tools): Illegal option \`--src' with this command\n${TRY}`);
    expect(err('conntrack -D -p')).toBe(`conntrack v1.4.7 (conntrack-tools): option \`-p' requires an argument\n${TRY}`);
    expect(sh.exec('conntrack -C').stdout).toBe('1\n');
  });
});
