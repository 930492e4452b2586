import { describe, expect, it } from 'vitest';
import type { RequestId, WorkerResponse } from '../protocol/messages.ts';
import { LabHost } from './dispatch.ts';

let id = 1;
const rid = () => id++ as RequestId;
function exec(h: LabHost, lines: Array<[string, string | null]>, atomic = true): Extract<WorkerResponse, { type: 'exec' }> {
  const r = h.handle({ type: 'exec', id: rid(), lines: lines.map(([line, ns]) => ({ line, ns })), atomic, trace: false });
  if (r.type !== 'exec') throw new Error(JSON.stringify(r));
  return r;
}

describe('the worker host', () => {
  it('logs only lines that change the topology, as the root namespace runs them', () => {
    const h = new LabHost();
    exec(h, [['ip netns add a', null]]);
    const r = exec(
      h,
      [
        ['ip addr', 'a'],
        ['ip link add d0 type dummy', 'a'],
        ['ip netns list', null],
      ],
      false,
    );
    expect(r.outcomes.map((o) => o.accepted)).toEqual([false, true, false]);
    expect(r.view.log).toEqual(['ip netns add a', 'ip netns exec a ip link add d0 type dummy']);
  });

  it('an atomic batch with a refused line changes nothing', () => {
    const h = new LabHost();
    exec(h, [['ip netns add a', null]]);
    const before = exec(h, [], true).view;
    const r = exec(h, [
      ['ip netns add b', null],
      ['ip link add x type bogus', null],
      ['ip netns add c', null],
    ]);
    expect(r.rolledBack).toBe(true);
    expect(r.outcomes).toHaveLength(2);
    expect(r.view.log).toEqual(before.log);
    expect(r.view.snapshot).toEqual(before.snapshot);
  });

  it('reset replays a log; trial leaves the world alone', () => {
    const h = new LabHost();
    exec(h, [['ip netns add keep', null]]);
    const t = h.handle({ type: 'trial', id: rid(), lines: ['ip netns add x', 'ip link add y type nonsense', 'ping -c 1 10.9.9.9'] });
    expect(t.type === 'trial' && t.refused.map((r) => r.index)).toEqual([1]);
    expect(exec(h, []).view.log).toEqual(['ip netns add keep']);
    const r = h.handle({ type: 'reset', id: rid(), log: ['ip netns add z'] });
    expect(r.type === 'reset' && r.view.snapshot.namespaces.map((n) => n.name)).toEqual(['root', 'z']);
  });

  it('answers pings and streams trace events for probes', () => {
    const h = new LabHost();
    expect(h.handle({ type: 'ping', id: rid() }).type).toBe('pong');
    exec(h, [
      ['ip netns add a', null],
      ['ip link add v type veth peer name e netns a', null],
      ['ip addr add 10.0.0.1/24 dev v', null],
      ['ip link set v up', null],
      ['ip -n a addr add 10.0.0.2/24 dev e', null],
      ['ip -n a link set e up', null],
    ]);
    const r = h.handle({ type: 'exec', id: rid(), lines: [{ line: 'ping -c 1 10.0.0.2', ns: null }], atomic: false, trace: true });
    expect(r.type === 'exec' && r.outcomes[0]!.record?.result).toBe('reply');
    expect(r.type === 'exec' && r.trace.some((e) => e.type === 'xmit')).toBe(true);
  });
});

describe('captures in a terminal', () => {
  it('a background tcpdump prints what it saw after the commands of the terminal that started it', () => {
    const h = new LabHost();
    exec(h, [
      ['ip netns add a', null],
      ['ip link add v0 type veth peer name eth0 netns a', null],
      ['ip addr add 10.9.0.1/24 dev v0', null],
      ['ip link set v0 up', null],
      ['ip -n a addr add 10.9.0.2/24 dev eth0', null],
      ['ip -n a link set eth0 up', null],
    ]);
    const start = exec(h, [['tcpdump -n -c 2 -i eth0 icmp &', 'a']]);
    expect(start.outcomes[0]!.stderr).toMatch(/listening on eth0/);
    const other = exec(h, [['ping -c 1 10.9.0.2', null]]);
    expect(other.outcomes[0]!.stdout).not.toMatch(/ICMP echo/);
    const mine = exec(h, [['true', 'a']]);
    expect(mine.outcomes[0]!.stdout).toMatch(
      /IP 10\.9\.0\.1 > 10\.9\.0\.2: ICMP echo request, id \d+, seq 1, length 64\n.*ICMP echo reply.*\n2 packets captured\n/,
    );
  });
});
