// ping and traceroute as a person types them in a terminal: every spelling of their options,
// iputils' and traceroute's own refusals, times that vary but repeat for the same run.

import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

/** a - r - b: two hosts one router apart */
function lab(): Shell {
  const sh = new Shell();
  for (const l of [
    'ip netns add a',
    'ip netns add r',
    'ip netns add b',
    'ip link add a0 netns a type veth peer name r0 netns r',
    'ip link add b0 netns b type veth peer name r1 netns r',
    'ip -n a addr add 10.1.0.2/24 dev a0',
    'ip -n r addr add 10.1.0.1/24 dev r0',
    'ip -n r addr add 10.2.0.1/24 dev r1',
    'ip -n b addr add 10.2.0.2/24 dev b0',
    'ip -n a link set a0 up',
    'ip -n r link set r0 up',
    'ip -n r link set r1 up',
    'ip -n b link set b0 up',
    'ip -n a route add default via 10.1.0.1',
    'ip -n b route add default via 10.2.0.1',
    'ip netns exec r sysctl -w net.ipv4.ip_forward=1',
  ])
    expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

describe('ping', () => {
  it('reads a count joined to its flag, alone or in a cluster', () => {
    const sh = lab();
    for (const line of ['ping -c3 10.2.0.2', 'ping -nc3 10.2.0.2', 'ping 10.2.0.2 -c 3', 'ping -c 3 -- 10.2.0.2']) {
      const r = sh.exec(`ip netns exec a ${line}`);
      expect(r.stdout, line).toContain('3 packets transmitted, 3 received, 0% packet loss');
      expect(r.stdout.match(/icmp_seq=/g), line).toHaveLength(3);
    }
  });

  it('prints times that vary from echo to echo, the same for the same run, summed up in the rtt line', () => {
    const run = (): string => lab().exec('ip netns exec a ping -c 5 10.2.0.2').stdout;
    const out = run();
    expect(run()).toBe(out);
    const times = [...out.matchAll(/time=(\d+\.\d{3}) ms/g)].map((m) => Number(m[1]));
    expect(times).toHaveLength(5);
    expect(new Set(times).size).toBeGreaterThan(1);
    const m = /rtt min\/avg\/max\/mdev = ([\d.]+)\/([\d.]+)\/([\d.]+)\/([\d.]+) ms/.exec(out)!;
    expect(Number(m[1])).toBe(Math.min(...times));
    expect(Number(m[3])).toBe(Math.max(...times));
    expect(Number(m[2])).toBeGreaterThanOrEqual(Math.min(...times));
    expect(Number(m[2])).toBeLessThanOrEqual(Math.max(...times));
  });

  it('-q prints only the header and the statistics; -s sizes the echo and, below 16 bytes, drops the times', () => {
    const sh = lab();
    const q = sh.exec('ip netns exec a ping -q -c 2 10.2.0.2').stdout;
    expect(q).toMatch(
      /^PING 10\.2\.0\.2 \(10\.2\.0\.2\) 56\(84\) bytes of data\.\n\n--- 10\.2\.0\.2 ping statistics ---\n2 packets transmitted, 2 received/,
    );
    const big = sh.exec('ip netns exec a ping -c 1 -s 100 10.2.0.2').stdout;
    expect(big).toContain('100(128) bytes of data.');
    expect(big).toContain('108 bytes from 10.2.0.2: icmp_seq=1 ttl=63 time=');
    const small = sh.exec('ip netns exec a ping -c 1 -s 8 10.2.0.2').stdout;
    expect(small).toContain('16 bytes from 10.2.0.2: icmp_seq=1 ttl=63\n');
    expect(small).not.toContain('rtt ');
  });

  it('refuses what iputils refuses, in its words, and sends nothing', () => {
    const sh = lab();
    const zero = sh.exec('ip netns exec a ping -c 0 10.2.0.2');
    expect(zero.stderr).toBe("ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807\n");
    expect(zero.status).toBe(1);
    expect(zero.stdout).toBe('');
    const bad = sh.exec('ip netns exec a ping -x 10.2.0.2');
    expect(bad.stderr).toMatch(/^ping: invalid option -- 'x'\n\nUsage\n {2}ping \[options\] <destination>\n/);
    expect(bad.stderr).toMatch(/For more details see ping\(8\)\.\n$/);
    expect(bad.status).toBe(2);
    expect(sh.exec('ip netns exec a ping -c').stderr).toMatch(/^ping: option requires an argument -- 'c'\n/);
    expect(sh.exec('ip netns exec a ping -f 10.2.0.2').stderr).toBe('netlab: ping -f is not modelled\n');
  });

  it('names the source in its header when bound with -I', () => {
    const sh = lab();
    expect(sh.exec('ip netns exec a ping -c 1 -I a0 10.2.0.2').stdout).toMatch(
      /^PING 10\.2\.0\.2 \(10\.2\.0\.2\) from 10\.1\.0\.2 a0: 56\(84\) bytes of data\.\n/,
    );
    expect(sh.exec('ip netns exec a ping -c 1 -I 10.1.0.2 10.2.0.2').stdout).toMatch(
      /^PING 10\.2\.0\.2 \(10\.2\.0\.2\) from 10\.1\.0\.2 : 56\(84\)/,
    );
  });

  it('fails with -w when fewer echoes came back than -c asked for', () => {
    const r = lab().exec('ip netns exec a ping -c 2 -w 1 10.2.0.2');
    expect(r.stdout).toContain('1 packets transmitted, 1 received');
    expect(r.status).toBe(1);
  });
});

describe('traceroute', () => {
  it('probes 30 hops three times each by default, naming each hop (and numeric with -n)', () => {
    const sh = lab();
    const r = sh.exec('ip netns exec a traceroute 10.2.0.2');
    expect(r.stdout).toMatch(/^traceroute to 10\.2\.0\.2 \(10\.2\.0\.2\), 30 hops max, 60 byte packets\n/);
    expect(r.stdout).toMatch(
      /\n 1 {2}10\.1\.0\.1 \(10\.1\.0\.1\) {2}[\d.]+ ms {2}[\d.]+ ms {2}[\d.]+ ms\n 2 {2}10\.2\.0\.2 \(10\.2\.0\.2\) {2}[\d.]+ ms {2}[\d.]+ ms {2}[\d.]+ ms\n$/,
    );
    const n = sh.exec('ip netns exec a traceroute -n -q 1 -m5 10.2.0.2 100');
    expect(n.stdout).toMatch(
      /^traceroute to 10\.2\.0\.2 \(10\.2\.0\.2\), 5 hops max, 100 byte packets\n 1 {2}10\.1\.0\.1 {2}[\d.]+ ms\n 2 {2}10\.2\.0\.2 {2}[\d.]+ ms\n$/,
    );
  });

  it('shows a silent hop as one star per probe', () => {
    const sh = lab();
    sh.exec('ip netns exec r iptables -A FORWARD -j DROP');
    const r = sh.exec('ip netns exec a traceroute -n -m 3 10.2.0.2');
    expect(r.stdout).toMatch(/\n 2 {2}\* \* \*\n 3 {2}\* \* \*\n$/);
  });

  it('refuses what traceroute refuses, naming the word it stopped at', () => {
    const sh = lab();
    expect(sh.exec('ip netns exec a traceroute -n -m abc 10.2.0.2').stderr).toBe("Cannot handle `-m' option with arg `abc' (argc 3)\n");
    expect(sh.exec('ip netns exec a traceroute -q 11 10.2.0.2').stderr).toBe('no more than 10 probes per hop\n');
    expect(sh.exec('ip netns exec a traceroute -x 10.2.0.2').stderr).toBe("Bad option `-x' (argc 1)\n");
    expect(sh.exec('ip netns exec a traceroute -nq2 10.2.0.2').stderr).toBe("Option `-q' (argc 1) requires an argument: `-q nqueries'\n");
    expect(sh.exec('ip netns exec a traceroute -n 10.2.0.2 60 x').stderr).toBe("Extra arg `x' (position 3, argc 4)\n");
  });

  it('in a replay runs as the recorder does: one probe per hop, 8 hops unless given', () => {
    const sh = lab();
    sh.recorderProbes = true;
    sh.exec('ip netns exec r iptables -A FORWARD -j DROP');
    const r = sh.exec('ip netns exec a traceroute 10.2.0.2');
    expect(r.stdout).toMatch(
      /^traceroute to 10\.2\.0\.2 \(10\.2\.0\.2\), 8 hops max, 60 byte packets\n 1 {2}10\.1\.0\.1 {2}[\d.]+ ms\n 2 {2}\*\n/,
    );
    expect(r.stdout.split('\n')).toHaveLength(10);
  });
});
