import { describe, expect, it } from 'vitest';
import { compareCaptures, normaliseCapture } from './capture-record.ts';
import { replayScenario } from './replay.ts';

describe('capture lines', () => {
  it('normalises timestamps, generated MACs, echo ids, ephemeral ports and initial sequence numbers', () => {
    const k =
      '14:19:25.594326 c2:cb:04:83:d9:99 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 10.0.0.2 tell 10.0.0.1, length 28\n' +
      '14:19:25.594385 c2:cb:04:83:d9:99 > d6:d9:68:5d:92:57, ethertype IPv4 (0x0800), length 98: 10.0.0.1 > 10.0.0.2: ICMP echo request, id 21618, seq 1, length 64\n' +
      '14:19:25.6 x 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 3668891108, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0\n';
    expect(normaliseCapture(k, new Set())).toBe(
      'mac1 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 10.0.0.2 tell 10.0.0.1, length 28\n' +
        'mac1 > mac2, ethertype IPv4 (0x0800), length 98: 10.0.0.1 > 10.0.0.2: ICMP echo request, id ID, seq 1, length 64\n' +
        '14:19:25.6 x 10.0.0.1.EPHEMERAL > 10.0.0.2.80: Flags [S], seq ISN, win 64240, options [mss 1460,sackOK,TS val T ecr T,nop,wscale 7], length 0\n',
    );
  });

  it('with -v, the IP id and the TCP checksum are placeholders too', () => {
    expect(
      normaliseCapture(
        '00:00:00.000001 IP (tos 0x0, ttl 64, id 33508, offset 0, flags [DF], proto TCP (6), length 60)\n    1.2.3.4.80 > 1.2.3.5.81: Flags [S], cksum 0x1c2b (correct), seq 5\n',
        new Set(),
      ),
    ).toBe(
      'IP (tos 0x0, ttl 64, id ID, offset 0, flags [DF], proto TCP (6), length 60)\n    1.2.3.4.80 > 1.2.3.5.81: Flags [S], cksum C (correct), seq 5\n',
    );
  });

  it('a replay records each capture at its line, once the probes have run', () => {
    const recs = replayScenario(
      [
        'ip netns add a',
        'ip link add v0 type veth peer name eth0 netns a',
        'ip addr add 10.9.0.1/24 dev v0',
        'ip link set v0 up',
        'ip -n a addr add 10.9.0.2/24 dev eth0',
        'ip -n a link set eth0 up',
        'tcpdump -n -l -i v0 icmp &',
        'ping -c 1 10.9.0.2',
      ].join('\n'),
    ).map((l) => JSON.parse(l) as { line: number; kind: string; stdout?: string });
    expect(recs.map((r) => [r.line, r.kind])).toEqual([
      [8, 'ping'],
      [7, 'capture'],
    ]);
    const got = new Map([[7, { line: 7, kind: 'capture' as const, ns: 'root', cmd: '', stdout: recs[1]!.stdout! }]]);
    const want = new Map([
      [
        7,
        {
          line: 7,
          kind: 'capture' as const,
          ns: 'root',
          cmd: '',
          stdout:
            '09:00:00.000001 IP 10.9.0.1 > 10.9.0.2: ICMP echo request, id 7, seq 1, length 64\n09:00:00.000002 IP 10.9.0.2 > 10.9.0.1: ICMP echo reply, id 7, seq 1, length 64\n\n',
        },
      ],
    ]);
    expect(compareCaptures(want, got, new Set()).mismatches).toEqual([]);
  });
});
