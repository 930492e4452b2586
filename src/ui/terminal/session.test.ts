import { describe, expect, it } from 'vitest';
import { Shell } from '../../cmd/shell.ts';
import { snapshot } from '../../core/snapshot.ts';
import { complete } from './complete.ts';
import {
  batchable,
  isStreamingPing,
  LineNotRun,
  MAX_BATCH,
  pendingLines,
  pingSummary,
  sanitize,
  skippedNote,
  TermSession,
  type Outcome,
} from './session.ts';

function harness(shell = new Shell(), ns = 'root', before: (line: string) => Promise<void> = async () => undefined, batches?: string[][]) {
  let out = '';
  const ran: string[] = [];
  const exec = (line: string): Outcome => {
    const r = shell.exec(line, ns === 'root' ? null : ns);
    return { stdout: r.stdout, stderr: r.stderr, status: r.status };
  };
  let ticks = 0;
  const s = new TermSession(
    {
      write: (x) => {
        out += x;
      },
      run: async (line) => {
        await before(line);
        ran.push(line);
        const r = shell.exec(line, ns === 'root' ? null : ns);
        return [{ stdout: r.stdout, stderr: r.stderr, status: r.status, ...(r.enter ? { enter: r.enter } : {}) }] as Outcome[];
      },
      ...(batches
        ? {
            runBatch: async (lines: readonly string[]) => {
              await before(lines[0]!);
              batches.push([...lines]);
              ran.push(...lines);
              return lines.map(exec);
            },
          }
        : {}),
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

  it("docker run -it --rm alpine sh: the container's shell takes the lines until exit, which removes the container", async () => {
    const shell = new Shell();
    for (const l of ['docker network create app', 'docker run -d --name web --network app nginx']) shell.exec(l);
    const h = harness(shell);
    h.s.input('docker run -it --rm --name box --network app alpine sh\r');
    await h.settle();
    expect(h.text().endsWith('\n/ # ')).toBe(true);
    h.s.input('ping -c 1 web\r');
    await h.settle();
    expect(h.ran[1]).toBe('docker exec box ping -c 1 web');
    expect(h.text()).toContain('PING web (172.18.0.2) 56(84) bytes of data.\n64 bytes from 172.18.0.2');
    h.s.input('hostname -I\r');
    await h.settle();
    expect(h.text()).toContain('172.18.0.3 \n/ # ');
    h.s.input('exit\r');
    await h.settle();
    expect(h.ran[3]).toBe('docker container shell-exit box 0');
    expect(h.text().endsWith('/ # exit\nroot@host:~# ')).toBe(true);
    expect(shell.exec('docker ps -a --quiet').stdout.trim().split('\n')).toHaveLength(1);
  });

  it('docker run -it without --rm: exit 3 leaves the container Exited (3), and a log of the lines rebuilds it', async () => {
    const h = harness();
    h.s.input('docker run -it --name box alpine sh\r');
    await h.settle();
    expect(h.text().endsWith('\n/ # ')).toBe(true);
    h.s.input('exit 3\r');
    await h.settle();
    expect(h.ran).toEqual(['docker run -it --name box alpine sh', 'docker container shell-exit box 3']);
    expect(h.text().endsWith('/ # exit 3\nroot@host:~# ')).toBe(true);
    expect(h.shell.exec('docker ps -a').stdout).toMatch(/ Exited \(3\) .* box\n$/);
    // the lab's command log replays the same lines on a fresh world: the same state
    const again = new Shell();
    for (const l of h.ran) again.exec(l);
    expect(again.exec('docker ps -a').stdout).toBe(h.shell.exec('docker ps -a').stdout);
    // docker start -ai: the same shell again in this terminal
    h.s.input('docker start -ai box\r');
    await h.settle();
    expect(h.text().endsWith('start -ai box\n/ # ')).toBe(true);
    expect(h.shell.exec('docker ps').stdout).toMatch(/ Up .* box\n$/);
    h.s.input('exit 7\r');
    await h.settle();
    expect(h.ran[h.ran.length - 1]).toBe('docker container shell-exit box 7');
    expect(h.shell.exec('docker ps -a').stdout).toMatch(/ Exited \(7\) .* box\n$/);
  });

  it("exit without a status, or Ctrl+D, ends a container's shell with its last command's status", async () => {
    const h = harness();
    h.s.input('docker run -it --name box alpine\r');
    await h.settle();
    h.s.input('ping -c 1 -W 1 192.0.2.9\r');
    await h.settle();
    h.s.input('exit\r');
    await h.settle();
    expect(h.ran[2]).toBe('docker container shell-exit box 1');
    h.s.input('docker run -it --name deb debian\r');
    await h.settle();
    expect(h.text()).toMatch(/root@[0-9a-f]{12}:\/# $/);
    // Ctrl+D amid a line does nothing; on an empty line bash reads end of file and says exit
    h.s.input('ls\x04');
    h.s.input('\x15\x04');
    await h.settle();
    expect(h.ran[4]).toBe('docker container shell-exit deb 0');
    expect(h.text().endsWith(':/# exit\nroot@host:~# ')).toBe(true);
    expect(h.shell.exec('docker ps -a').stdout).toMatch(/Exited \(0\) .* deb\n.*Exited \(1\) .* box\n$/);
    // the host's shell is the lab's: Ctrl+D there leaves nothing
    h.s.input('\x04');
    await h.settle();
    expect(h.ran).toHaveLength(5);
  });

  it("docker exec -it C sh opens a shell with the image's prompt; exit leaves the container running", async () => {
    const shell = new Shell();
    shell.exec('docker run -d --name web --hostname www nginx');
    const h = harness(shell);
    h.s.input('docker exec -it web sh\r');
    await h.settle();
    expect(h.text().endsWith('\nroot@www:/# ')).toBe(true);
    h.s.input('exit\r');
    await h.settle();
    expect(h.text().endsWith('root@host:~# ')).toBe(true);
    expect(shell.exec('docker ps --quiet').stdout).not.toBe('');
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
    // HTTP header lines end in CRLF (curl -I): the line ends, no ? at its end; a lone CR is shown
    expect(sanitize('HTTP/1.1 200 OK\r\nServer: nginx\r\n\r\n')).toBe('HTTP/1.1 200 OK\r\nServer: nginx\r\n\r\n');
    expect(sanitize('abc\rX\n')).toBe('abc?X\r\n');
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
    expect(isStreamingPing('ping 10.0.0.2 | grep ttl')).toBe(false);
    // iputils' getopt: a count joined to its flag or inside a cluster still ends the ping
    for (const l of ['ping -c3 10.0.0.2', 'ping -nc 3 10.0.0.2', 'ping -w1 10.0.0.2', 'ping 10.0.0.2 -c 1', 'ping -h'])
      expect(isStreamingPing(l), l).toBe(false);
    for (const l of ['ping -n 10.0.0.2', 'ping -I c 10.0.0.2', 'ping -W 1 10.0.0.2', 'ping -s8 10.0.0.2'])
      expect(isStreamingPing(l), l).toBe(true);
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
    expect(h.ran.every((l) => l === 'ping -c 1 -W 1 10.0.0.2')).toBe(true);
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

  it('prints iputils statistics for lost packets, ending with the blank line iputils 20221126 prints without replies', () => {
    expect(pingSummary('10.0.0.9', 4, 0, 0)).toBe(
      '\n--- 10.0.0.9 ping statistics ---\n4 packets transmitted, 0 received, 100% packet loss, time 3004ms\n\n',
    );
  });

  it('counts the commands in typed-ahead text, blank lines aside', () => {
    expect(pendingLines('')).toBe(0);
    expect(pendingLines('a\r\n\r\nb\rc')).toBe(3);
    expect(skippedNote(1)).toBe('netlab: stopped; 1 pasted line was not run\n');
    expect(skippedNote(4200)).toBe('netlab: stopped; 4,200 pasted lines were not run\n');
  });

  it('runs a pasted batch one line after another, each echoed by its prompt', async () => {
    const h = harness();
    h.s.input('ip netns add a\rip netns add b\r\rip netns add c\r');
    for (let i = 0; i < 10; i++) await h.settle();
    expect(h.ran).toEqual(['ip netns add a', 'ip netns add b', 'ip netns add c']);
    expect(snapshot(h.shell.world).namespaces).toHaveLength(4);
    expect(h.text().endsWith('root@host:~# ')).toBe(true);
  });

  it('runs the configuring lines of a paste together, each still echoed by its prompt with its own output', async () => {
    const batches: string[][] = [];
    const h = harness(new Shell(), 'root', async () => undefined, batches);
    const adds = Array.from({ length: MAX_BATCH + 5 }, (_, i) => `ip netns add n${i}`);
    h.s.input([...adds, 'ip netns add n0', 'ping -c 1 127.0.0.1', 'ip link show lo', ''].join('\r'));
    for (let i = 0; i < 20; i++) await h.settle();
    // at most MAX_BATCH lines a request; a probe runs alone, with its trace
    expect(batches.map((b) => b.length)).toEqual([MAX_BATCH, 6]);
    expect(h.ran).toEqual([...adds, 'ip netns add n0', 'ping -c 1 127.0.0.1', 'ip link show lo']);
    expect(snapshot(h.shell.world).namespaces).toHaveLength(MAX_BATCH + 6);
    const t = h.text();
    // the refused line's message right under it, then the next prompt
    expect(t).toContain(
      'root@host:~# ip netns add n0\nCannot create namespace file "/run/netns/n0": File exists\nroot@host:~# ping -c 1 127.0.0.1\nPING',
    );
    expect(t).toContain(`root@host:~# ip netns add n${MAX_BATCH}\nroot@host:~# ip netns add n${MAX_BATCH + 1}\n`);
    expect(t.endsWith('root@host:~# ')).toBe(true);
    expect(h.s.history()).toEqual([...adds, 'ip netns add n0', 'ping -c 1 127.0.0.1', 'ip link show lo']);
  });

  it('batches only lines that send nothing: probes, ip netns exec and chained commands run one by one', () => {
    for (const l of [
      'ip link add a type dummy',
      'ip -n x addr add 10.0.0.1/24 dev eth0',
      'iptables -A INPUT -j DROP',
      'sysctl -w net.ipv4.ip_forward=1',
      'bridge fdb show',
    ])
      expect(batchable(l), l).toBe(true);
    for (const l of [
      'ping -c 1 10.0.0.1',
      'ip netns exec a ping -c1 10.0.0.2',
      'ip -n a netns exec b true',
      'ip link add a type dummy; ping x',
      'curl http://x/',
      'docker run -d nginx',
      'iptables-restore <<EOF',
    ])
      expect(batchable(l), l).toBe(false);
  });

  it('stops a paste between batches on Ctrl+C: the running batch ran whole, the rest is counted', async () => {
    const gates: Array<() => void> = [];
    const batches: string[][] = [];
    const h = harness(new Shell(), 'root', () => new Promise<void>((r) => gates.push(r)), batches);
    h.s.input(Array.from({ length: 3000 }, (_, i) => `ip netns add n${i}`).join('\r') + '\r');
    await h.settle();
    h.s.input('\x03');
    gates.shift()!();
    await h.settle();
    expect(batches).toHaveLength(1);
    expect(snapshot(h.shell.world).namespaces).toHaveLength(MAX_BATCH + 1);
    expect(h.text()).toMatch(
      new RegExp(`\\^C\\nnetlab: stopped; ${(3000 - MAX_BATCH).toLocaleString('en-US')} pasted lines were not run\\nroot@host:~# $`),
    );
  });

  it('stops a pasted batch at the next line on Ctrl+C: what ran stays, the rest is counted, ^C and the prompt', async () => {
    // each line waits until released, as a worker round trip does
    const gates: Array<() => void> = [];
    const h = harness(new Shell(), 'root', () => new Promise<void>((r) => gates.push(r)));
    const paste = Array.from({ length: 3000 }, (_, i) => `ip netns add n${i}`).join('\r') + '\r';
    h.s.input(paste);
    await h.settle();
    gates.shift()!();
    await h.settle();
    // n0 ran; n1 is running
    expect(h.ran).toEqual(['ip netns add n0']);
    // Ctrl+C while n1 runs; then a key typed after it is kept
    h.s.input('\x03');
    h.s.input('ip l');
    gates.shift()!();
    await h.settle();
    expect(h.ran).toHaveLength(2);
    expect(h.s.running).toBe(false);
    expect(h.s.line).toBe('ip l');
    expect(snapshot(h.shell.world).namespaces).toHaveLength(3);
    expect(h.text()).toMatch(/\^C\nnetlab: stopped; 2,998 pasted lines were not run\nroot@host:~# ip l$/);
  });

  it('prints ^C and the prompt when the running line is interrupted with nothing queued', async () => {
    let release: () => void = () => undefined;
    const h = harness(new Shell(), 'root', () => new Promise<void>((r) => (release = r)));
    h.s.input('ip netns add a\r');
    await h.settle();
    h.s.input('\x03');
    release();
    await h.settle();
    expect(h.text()).toMatch(/ip netns add a\n\^C\nroot@host:~# $/);
    expect(h.text()).not.toContain('not run');
  });

  it('offers a line that did not run (the simulation restarted) again, and drops the rest of the paste', async () => {
    let fail = true;
    const h = harness(new Shell(), 'root', async () => {
      if (fail) throw new LineNotRun('The simulation could not be rebuilt.');
    });
    h.s.input('ip netns add a\rip netns add b\r');
    await h.settle();
    expect(h.ran).toEqual([]);
    expect(h.s.line).toBe('ip netns add a');
    expect(h.text()).toMatch(
      /netlab: The simulation could not be rebuilt\.\nnetlab: stopped; 1 pasted line was not run\nroot@host:~# ip netns add a$/,
    );
    // Enter runs it once the simulation answers
    fail = false;
    h.s.input('\r');
    await h.settle();
    expect(h.ran).toEqual(['ip netns add a']);
  });

  it('reads a here-document as bash does: "> " for each line, then one command with its input', async () => {
    const h = harness();
    h.s.input("iptables-restore <<'EOF'\r");
    expect(h.text().endsWith('\n> ')).toBe(true);
    h.s.input('*filter\r-A INPUT -p icmp -j DROP\rCOMMIT\r');
    expect(h.ran).toEqual([]);
    h.s.input('EOF\r');
    await h.settle();
    expect(h.ran).toEqual(["iptables-restore <<'EOF'\n*filter\n-A INPUT -p icmp -j DROP\nCOMMIT\nEOF"]);
    expect(h.shell.exec('iptables -S INPUT').stdout).toBe('-P INPUT ACCEPT\n-A INPUT -p icmp -j DROP\n');
    expect(h.text().endsWith('root@host:~# ')).toBe(true);
    // the whole command is one entry of the history, run again as it was
    h.s.input('\x1b[A');
    expect(h.s.line).toBe(h.ran[0]);
  });

  it('runs a pasted here-document and what follows it; Ctrl+C abandons one being typed', async () => {
    const h = harness();
    h.s.input('iptables-restore <<EOF\n*filter\n:INPUT DROP [0:0]\nCOMMIT\nEOF\nip netns add after\n');
    await h.settle();
    expect(h.ran).toEqual(['iptables-restore <<EOF\n*filter\n:INPUT DROP [0:0]\nCOMMIT\nEOF', 'ip netns add after']);
    h.s.input('iptables-restore <<EOF\r*filter\r');
    h.s.input('\x03');
    h.s.input('echo back\r');
    await h.settle();
    expect(h.ran.at(-1)).toBe('echo back');
    expect(h.text()).toContain('^C');
  });
});
