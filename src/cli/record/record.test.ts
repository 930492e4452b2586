import { describe, expect, it } from 'vitest';
import { classify, escapeRisk, logicalLines, shellSplit, splitNs } from './script.ts';
import { observeCurl, observePing, observeTraceroute, planPing, planTraceroute, pyJson } from './observe.ts';

describe('scenario lines', () => {
  it('joins continuations, drops comments, keeps the first physical line number', () => {
    const text = '# title\nip link add a \\\n  type dummy # trailing\n\n   \nping -c 1 10.77.3.1#not-a-comment\n';
    expect(logicalLines(text)).toEqual([
      { line: 2, text: 'ip link add a    type dummy' },
      { line: 6, text: 'ping -c 1 10.77.3.1#not-a-comment' },
    ]);
  });

  it.each([
    ['a b  c', ['a', 'b', 'c']],
    [`a 'b c' "d \\" e"`, ['a', 'b c', 'd " e']],
    ['x\\ y "\\z"', ['x y', '\\z']],
    [`''`, ['']],
  ])('splits %s like shlex', (line, words) => {
    expect(shellSplit(line)).toEqual(words);
  });

  it('finds the namespace of a command and classifies it', () => {
    expect(splitNs(['ip', 'netns', 'exec', 'nsx', 'ping', '10.77.5.6'])).toEqual(['nsx', ['ping', '10.77.5.6']]);
    expect(splitNs(['ip', 'netns', 'exec', 'nsx'])).toEqual(['root', ['ip', 'netns', 'exec', 'nsx']]);
    expect(classify({ line: 3, text: 'ip netns exec w python3 -m http.server 80 &' })).toEqual({
      kind: 'server',
      line: 3,
      text: 'ip netns exec w python3 -m http.server 80',
      ns: 'w',
      args: ['80'],
    });
    expect(classify({ line: 4, text: 'curl http://10.77.3.1/' }).kind).toBe('probe');
    expect(classify({ line: 5, text: 'ip netns exec w ip route' }).kind).toBe('show');
    expect(classify({ line: 6, text: 'ip netns exec w ip route add default via 10.0.0.1' }).kind).toBe('setup');
  });
});

describe('probe normalisation', () => {
  it('runs ping with fixed count and wait, keeping -t and -I', () => {
    expect(planPing(['ping', '-c', '3', '-W', '5', '-t', '2', '-I', 'dev9', '10.77.3.9']).command).toEqual([
      'ping',
      '-n',
      '-c',
      '1',
      '-W',
      '1',
      '-t',
      '2',
      '-I',
      'dev9',
      '10.77.3.9',
    ]);
    expect(planTraceroute(['traceroute', '-n', '10.77.3.9']).command).toEqual([
      'traceroute',
      '-n',
      '-q',
      '1',
      '-w',
      '1',
      '-m',
      '8',
      '10.77.3.9',
    ]);
  });

  it.each([
    ['64 bytes from 10.77.3.2: icmp_seq=1 ttl=63 time=0.1 ms\n', '', { result: 'reply', from: '10.77.3.2', ttl: 63 }],
    ['From 10.77.3.1 icmp_seq=1 Destination Host Unreachable\n', '', { result: 'icmp-error', from: '10.77.3.1', icmp: 'host-unreachable' }],
    ['From 10.77.3.1 icmp_seq=1 Packet filtered\n', '', { result: 'icmp-error', from: '10.77.3.1', icmp: 'admin-prohibited' }],
    ['', 'ping: connect: Network is unreachable\n', { result: 'local-error', error: 'network-unreachable' }],
    ['', 'ping: sendmsg: Operation not permitted\n', { result: 'local-error', error: 'operation-not-permitted' }],
    ['1 packets transmitted, 0 received\n', '', { result: 'timeout' }],
  ])('reads ping output %#', (out, err, want) => {
    expect(observePing('n', '10.77.3.2', out, err)).toEqual({ kind: 'ping', ns: 'n', dst: '10.77.3.2', ...want });
  });

  it('reads traceroute hops with their flags', () => {
    const out =
      'traceroute to 10.77.3.9 (10.77.3.9), 8 hops max, 60 byte packets\n 1  10.77.3.1  0.1 ms\n 2  *\n 3  10.77.4.1  0.2 ms !H\n';
    expect(observeTraceroute('root', '10.77.3.9', out, '').hops).toEqual(['10.77.3.1', '*', '10.77.4.1!H']);
  });

  it('reads the HTTP probe line', () => {
    expect(observeCurl('c', 'http://10.77.5.6/', '{"result": "refused"}\n', '')).toEqual({
      kind: 'curl',
      ns: 'c',
      url: 'http://10.77.5.6/',
      result: 'refused',
    });
  });

  it('prints JSON the way the reference recorder does', () => {
    expect(pyJson({ line: 1, kind: 'x', hops: ['a', '*'], v: null, s: 'é' })).toBe(
      '{"line": 1, "kind": "x", "hops": ["a", "*"], "v": null, "s": "\\u00e9"}',
    );
  });
});

describe('isolation guard', () => {
  it.each([
    ['ip link set v netns 1', true],
    ['ip -n /proc/1/ns/net link show', true],
    ['ip netns attach x 1', true],
    ['nsenter -t 1 -n ip link', true],
    ['sysctl -w kernel.hostname=x', true],
    ['sysctl -p', true],
    ['ip link set v netns blue', false],
    ['ip netns exec blue sysctl -w net.ipv4.ip_forward=1', false],
    ['sysctl -w net.ipv4.nosuch=1', false],
    ['echo 1 > /proc/sys/net/ipv4/ip_forward', false],
    ['cat /proc/sys/net/ipv4/conf/all/rp_filter', false],
    ['echo 1 > /proc/sys/kernel/sysrq', true],
    ['echo 1 >/proc/sysrq-trigger', true],
    ['cat /proc/sys/net/../kernel/hostname', true],
  ])('%s -> refused: %s', (line, refused) => {
    expect(escapeRisk(shellSplit(line)) !== undefined).toBe(refused);
  });
});
