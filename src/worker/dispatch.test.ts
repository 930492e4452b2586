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

  it('shows docker logs’ two streams in the order they were written, as a terminal does', () => {
    const h = new LabHost();
    exec(h, [
      ['docker run -d --name web nginx', null],
      ['docker stop web', null],
      ['docker start web', null],
    ]);
    const [o] = exec(h, [['docker logs web', null]]).outcomes;
    const text = `${o!.stdout}${o!.stderr}`;
    // the first run's last line (stderr) before the second run's entrypoint (stdout)
    expect(text.indexOf('[notice] 1#1: exit\n')).toBeGreaterThan(0);
    expect(text.indexOf('[notice] 1#1: exit\n')).toBeLessThan(text.indexOf('IPv6 listen already enabled'));
  });

  it('logs docker pause and unpause, which change no device, so that a replay keeps the container paused', () => {
    const h = new LabHost();
    exec(h, [['docker run -d --name web nginx', null]]);
    const r = exec(h, [
      ['docker pause web', null],
      ['docker ps', null],
    ]);
    expect(r.outcomes.map((o) => o.accepted)).toEqual([true, false]);
    expect(r.view.log).toEqual(['docker run -d --name web nginx', 'docker pause web']);
  });

  it('keeps a line that failed after it changed the world: the log rebuilds what its first commands made', () => {
    const h = new LabHost();
    const r = exec(h, [['ip netns add a && ip netns add b && ip link add x type bogus', null]], false);
    expect(r.outcomes[0]!.status).not.toBe(0);
    expect(r.outcomes[0]!.accepted).toBe(true);
    const rebuilt = h.handle({ type: 'reset', id: rid(), log: r.view.log });
    expect(rebuilt.type === 'reset' && rebuilt.view.snapshot.namespaces.map((n) => n.name)).toEqual(['root', 'a', 'b']);
  });

  it("logs a redirection or a list typed in a namespace's terminal so that a rebuild runs all of it in that namespace", () => {
    const h = new LabHost();
    exec(h, [['ip netns add r', null]]);
    exec(h, [
      ['echo 1 > /proc/sys/net/ipv4/ip_forward', 'r'],
      ["ip link add d0 type dummy && ip link set d0 up && echo 'it''s up'", 'r'],
    ]);
    const { log } = exec(h, []).view;
    h.handle({ type: 'reset', id: rid(), log });
    const [fwd, root, link] = exec(
      h,
      [
        ['cat /proc/sys/net/ipv4/ip_forward', 'r'],
        ['cat /proc/sys/net/ipv4/ip_forward', null],
        ['ip -br link show d0', 'r'],
      ],
      false,
    ).outcomes;
    expect([fwd!.stdout, root!.stdout]).toEqual(['1\n', '0\n']);
    expect(link!.stdout).toMatch(/^d0 +UNKNOWN/);
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

function veth(h: LabHost): void {
  exec(h, [
    ['ip netns add a', null],
    ['ip link add v0 type veth peer name eth0 netns a', null],
    ['ip addr add 10.9.0.1/24 dev v0', null],
    ['ip link set v0 up', null],
    ['ip -n a addr add 10.9.0.2/24 dev eth0', null],
    ['ip -n a link set eth0 up', null],
  ]);
}

function job(h: LabHost, serial: number, interrupt: boolean) {
  const r = h.handle({ type: 'job', id: rid(), job: serial, interrupt });
  if (r.type !== 'job') throw new Error(JSON.stringify(r));
  return r.output;
}

describe('captures in a terminal', () => {
  it('a background tcpdump says [N] PID, and its lines go to its terminal as another terminal makes them', () => {
    const h = new LabHost();
    veth(h);
    const start = exec(h, [['tcpdump -n -c 2 -i eth0 icmp &', 'a']]);
    expect(start.outcomes[0]!.stdout).toMatch(/^\[1\] \d+\n$/);
    expect(start.outcomes[0]!.stderr).toMatch(/^tcpdump: verbose output suppressed.*\nlistening on eth0/);
    const other = exec(h, [['ping -c 1 10.9.0.2', null]]);
    expect(other.outcomes[0]!.stdout).not.toMatch(/ICMP echo/);
    expect(other.jobs).toHaveLength(1);
    const o = other.jobs[0]!;
    expect(o).toMatchObject({ terminal: 'a', job: start.outcomes[0]!.job, running: false });
    expect(o.stdout).toMatch(/IP 10\.9\.0\.1 > 10\.9\.0\.2: ICMP echo request, id \d+, seq 1, length 64\n.*ICMP echo reply.*\n$/);
    expect(o.stderr).toBe('2 packets captured\n2 packets received by filter\n0 packets dropped by kernel\n');
    // reported once: nothing more comes from it
    expect(exec(h, [['ping -c 1 10.9.0.2', null]]).jobs).toEqual([]);
    // bash tells of the ended job before that terminal's next prompt, once
    const next = exec(h, [['true', 'a']]).outcomes[0]!;
    expect(next.stdout + next.stderr).toBe('[1]+  Done                    tcpdump -n -c 2 -i eth0 icmp\n');
    const again = exec(h, [['true', 'a']]).outcomes[0]!;
    expect(again.stdout + again.stderr).toBe('');
  });

  it("a terminal's own background capture prints after its next command; a second one is job [2]", () => {
    const h = new LabHost();
    veth(h);
    const one = exec(h, [['tcpdump -n -i eth0 icmp &', 'a']]);
    const two = exec(h, [['tcpdump -n -i eth0 arp &', 'a']]);
    expect(one.outcomes[0]!.stdout).toMatch(/^\[1\] (\d+)\n/);
    expect(two.outcomes[0]!.stdout).toMatch(/^\[2\] (\d+)\n/);
    expect(one.outcomes[0]!.stdout.split(' ')[1]).not.toBe(two.outcomes[0]!.stdout.split(' ')[1]);
    const mine = exec(h, [['ping -c 1 10.9.0.1', 'a']]);
    expect(mine.outcomes[0]!.stdout).toMatch(/1 received[\s\S]*ICMP echo request[\s\S]*ICMP echo reply/);
    expect(mine.jobs).toEqual([]);
  });

  it('a foreground tcpdump streams to its terminal until SIGINT, then prints a newline and its counts', () => {
    const h = new LabHost();
    veth(h);
    const start = exec(h, [['tcpdump -n -i eth0', 'a']]);
    const o = start.outcomes[0]!;
    expect(o.stderr).toBe(
      'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n',
    );
    expect(o.job).toBeGreaterThan(0);
    const serial = o.job!;
    // a second terminal captures too, on another interface: each gets its own lines
    const root = exec(h, [['tcpdump -n -i v0 icmp', null]]).outcomes[0]!.job!;
    const ping = exec(h, [['ping -c 2 10.9.0.2', null]]);
    const byTerm = new Map(ping.jobs.map((j) => [j.terminal, j]));
    expect(byTerm.get('a')).toMatchObject({ job: serial, running: true, stderr: '' });
    const lines = byTerm.get('a')!.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.replace(/^\S+ /, ''))).toEqual([
      expect.stringMatching(/^ARP, Request who-has 10\.9\.0\.2 tell 10\.9\.0\.1, length 28$/),
      expect.stringMatching(/^ARP, Reply 10\.9\.0\.2 is-at/),
      expect.stringMatching(/^IP 10\.9\.0\.1 > 10\.9\.0\.2: ICMP echo request, id \d+, seq 1, length 64$/),
      expect.stringMatching(/^IP 10\.9\.0\.2 > 10\.9\.0\.1: ICMP echo reply/),
      expect.stringMatching(/ICMP echo request, id \d+, seq 2/),
      expect.stringMatching(/ICMP echo reply, id \d+, seq 2/),
    ]);
    // in virtual-clock order
    const times = lines.map((l) => l.split(' ')[0]!);
    expect([...times].sort()).toEqual(times);
    expect(byTerm.get('root')!.stdout.match(/ICMP echo/g)).toHaveLength(4);
    expect(byTerm.get('root')!.stdout).not.toMatch(/ARP/);
    // nothing new meanwhile: an empty report, still running
    expect(job(h, serial, false)).toEqual({ terminal: 'a', job: serial, stdout: '', stderr: '', running: true });
    expect(job(h, serial, true)).toEqual({
      terminal: 'a',
      job: serial,
      stdout: '\n',
      stderr: '6 packets captured\n6 packets received by filter\n0 packets dropped by kernel\n',
      running: false,
    });
    expect(job(h, serial, true)).toBeNull();
    // the other capture still runs, and sees the next ping
    expect(exec(h, [['ping -c 1 10.9.0.1', 'a']]).jobs.map((j) => [j.terminal, j.job])).toEqual([['root', root]]);
  });

  it('a foreground tcpdump -c N ends by itself with its counts', () => {
    const h = new LabHost();
    veth(h);
    const serial = exec(h, [['tcpdump -n -c 1 -i eth0 icmp', 'a']]).outcomes[0]!.job!;
    const r = exec(h, [['ping -c 3 10.9.0.2', null]]);
    expect(r.jobs).toEqual([
      {
        terminal: 'a',
        job: serial,
        stdout: expect.stringMatching(/^\S+ IP 10\.9\.0\.1 > 10\.9\.0\.2: ICMP echo request, id \d+, seq 1, length 64\n$/),
        stderr: '1 packet captured\n1 packet received by filter\n0 packets dropped by kernel\n',
        running: false,
      },
    ]);
    expect(job(h, serial, false)).toBeNull();
  });

  it('a rebuilt world has no captures: the terminal learns its job is gone', () => {
    const h = new LabHost();
    veth(h);
    const serial = exec(h, [['tcpdump -n -i eth0', 'a']]).outcomes[0]!.job!;
    h.handle({ type: 'reset', id: rid(), log: [] });
    expect(job(h, serial, false)).toBeNull();
  });
});
