import { describe, expect, it } from 'vitest';
import { Shell } from '../../cmd/shell.ts';
import { snapshot } from '../../core/snapshot.ts';
import { complete } from './complete.ts';
import { isStreamingPing, pingSummary, sanitize, TermSession, type Outcome } from './session.ts';

function harness(shell = new Shell(), ns = 'root') {
  let out = '';
  const ran: string[] = [];
  let ticks = 0;
  const s = new TermSession(
    {
      write: (x) => {
        out += x;
      },
      run: async (line) => {
        ran.push(line);
        const r = shell.exec(line, ns === 'root' ? null : ns);
        return [{ stdout: r.stdout, stderr: r.stderr, status: r.status }] as Outcome[];
      },
      complete: (before) => complete(before, ns, snapshot(shell.world)),
      clear: () => {
        out = '';
      },
      sleep: async () => {
        ticks++;
        await Promise.resolve();
      },
    },
    ns,
  );
  s.start();
  const settle = async () => {
    for (let i = 0; i < 50; i++) await Promise.resolve();
  };
  return { s, shell, ran, text: () => out.replace(/\r\n/g, '\n'), settle, ticks: () => ticks };
}

describe('the terminal line editor', () => {
  it('shows the prompt of its namespace and runs a line', async () => {
    const h = harness();
    expect(h.text()).toBe('root@host:~# ');
    h.s.input('ip netns add ns1\r');
    await h.settle();
    expect(h.ran).toEqual(['ip netns add ns1']);
    expect(h.text().endsWith('root@host:~# ')).toBe(true);
  });

  it('walks the history with up and down, keeping the line being typed', async () => {
    const h = harness();
    h.s.input('echo one\r');
    await h.settle();
    h.s.input('echo two\r');
    await h.settle();
    h.s.input('ech');
    h.s.input('\x1b[A');
    expect(h.s.line).toBe('echo two');
    h.s.input('\x1b[A');
    expect(h.s.line).toBe('echo one');
    h.s.input('\x1b[B\x1b[B');
    expect(h.s.line).toBe('ech');
  });

  it('completes commands, namespaces, devices and chains', () => {
    const shell = new Shell();
    shell.exec('ip netns add blue');
    shell.exec('ip link add br-lan type bridge');
    const h = harness(shell);
    h.s.input('iptab\t');
    expect(h.s.line).toBe('iptables ');
    h.s.input('-t nat -A POSTR\t');
    expect(h.s.line).toBe('iptables -t nat -A POSTROUTING ');
    h.s.input('\x15ip netns exec bl\t');
    expect(h.s.line).toBe('ip netns exec blue ');
    h.s.input('\x15ip link set br-\t');
    expect(h.s.line).toBe('ip link set br-lan ');
  });

  it('never lets a name or a paste send escape sequences to the terminal', () => {
    expect(sanitize('a\x1b]0;pwned\x07b\n')).toBe('a?]0;pwned?b\r\n');
    expect(sanitize('x\u009b31m')).toBe('x?31m');
    const h = harness();
    h.s.input('echo \x1b[31mred');
    // the CSI sequence is read as a key (and ignored), never echoed
    expect(h.s.line).toBe('echo red');
    expect(h.text()).not.toContain('\x1b[31m');
  });

  it('streams ping until Ctrl+C, renumbering replies, then prints the statistics', async () => {
    const shell = new Shell();
    for (const l of [
      'ip netns add a',
      'ip netns add b',
      'ip link add va type veth peer name vb netns b',
      'ip link set va netns a',
      'ip -n a addr add 10.0.0.1/24 dev va',
      'ip -n b addr add 10.0.0.2/24 dev vb',
      'ip -n a link set va up',
      'ip -n b link set vb up',
    ])
      expect(shell.exec(l).status).toBe(0);
    const h = harness(shell, 'a');
    expect(isStreamingPing('ping 10.0.0.2')).toBe(true);
    expect(isStreamingPing('ping -c 3 10.0.0.2')).toBe(false);
    h.s.input('ping 10.0.0.2\r');
    for (let i = 0; i < 30 && !/icmp_seq=3/.test(h.text()); i++) await h.settle();
    h.s.input('\x03');
    await h.settle();
    await h.settle();
    const out = h.text();
    expect(out).toContain('PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.\n64 bytes from 10.0.0.2: icmp_seq=1 ttl=64');
    expect(out).toMatch(/icmp_seq=2 ttl=64 time=[\d.]+ ms\n64 bytes from 10\.0\.0\.2: icmp_seq=3/);
    expect(out).toMatch(
      /\^C\n--- 10\.0\.0\.2 ping statistics ---\n(\d+) packets transmitted, \1 received, 0% packet loss, time \d+ms\nrtt min\/avg\/max\/mdev = [\d./]+ ms\nroot@a:~# $/,
    );
    expect(h.ran.every((l) => l === 'ping -c 1 10.0.0.2')).toBe(true);
  });

  it('stops at once, without statistics, when connect() fails', async () => {
    const shell = new Shell();
    shell.exec('ip netns add a');
    const h = harness(shell, 'a');
    h.s.input('ping 10.9.9.9\r');
    await h.settle();
    expect(h.text()).toContain('ping: connect: Network is unreachable');
    expect(h.text()).not.toContain('statistics');
    expect(h.s.running).toBe(false);
  });

  it('prints iputils statistics for lost packets', () => {
    expect(pingSummary('10.0.0.9', 4, 0, 0)).toBe(
      '\n--- 10.0.0.9 ping statistics ---\n4 packets transmitted, 0 received, 100% packet loss, time 3004ms\n',
    );
  });
});
