import { describe, expect, it } from 'vitest';
import { fingerprint } from '../core/snapshot.ts';
import { parseCommandLine } from './operators.ts';
import { Shell } from './shell.ts';

function run(sh: Shell, line: string): { out: string; err: string; status: number } {
  const r = sh.exec(line);
  return { out: r.stdout, err: r.stderr, status: r.status };
}

describe('the command line as bash parses it', () => {
  it('splits lists and pipelines at operators outside quotes and escapes only', () => {
    const [l, m] = parseCommandLine(`echo 'a|b' "x;y" \\| c&&d # e | f`);
    expect(l!.first.commands[0]!.words).toEqual(['echo', 'a|b', 'x;y', '|', 'c']);
    expect(l!.rest[0]!.pipeline.commands[0]!.words).toEqual(['d']);
    expect(m).toBeUndefined();
    const lists = parseCommandLine('ip a | grep inet; ip r && echo ok || echo no &');
    expect(lists.map((x) => x.text)).toEqual(['ip a | grep inet', 'ip r && echo ok || echo no']);
    expect(lists[0]!.first.commands.map((c) => c.words)).toEqual([
      ['ip', 'a'],
      ['grep', 'inet'],
    ]);
    expect(lists[1]!.rest.map((r) => r.op)).toEqual(['&&', '||']);
    expect(lists[1]!.background).toBe(true);
  });

  it('reads redirections with their descriptors, also written against a word', () => {
    const [l] = parseCommandLine('cmd a>out 2>&1 >>log 2>err <in &>all x2>y');
    const c = l!.first.commands[0]!;
    expect(c.words).toEqual(['cmd', 'a', 'x2']);
    expect(c.redirs).toEqual([
      { fd: 1, op: '>', target: 'out' },
      { fd: 2, op: '>&', target: '1' },
      { fd: 1, op: '>>', target: 'log' },
      { fd: 2, op: '>', target: 'err' },
      { fd: 0, op: '<', target: 'in' },
      { fd: 1, op: '&>', target: 'all' },
      { fd: 1, op: '>', target: 'y' },
    ]);
  });

  it.each([
    ['| grep x', "bash: syntax error near unexpected token `|'\n"],
    ['ip a |', 'bash: syntax error: unexpected end of file\n'],
    ['ip a && ', 'bash: syntax error: unexpected end of file\n'],
    ['; ip a', "bash: syntax error near unexpected token `;'\n"],
    ['ip a ;; ip r', "bash: syntax error near unexpected token `;;'\n"],
    ['echo a >', "bash: syntax error near unexpected token `newline'\n"],
    ['echo a > | x', "bash: syntax error near unexpected token `|'\n"],
  ])('refuses %j with bash syntax error, status 2', (line, err) => {
    expect(run(new Shell(), line)).toEqual({ out: '', err, status: 2 });
  });
});

describe('lists: ; && || !', () => {
  it('runs && on success and || on failure, and $? is the last status', () => {
    const sh = new Shell();
    expect(run(sh, 'ip netns add x && ip netns').out).toBe('x\n');
    expect(run(sh, 'ip link show nosuch || echo fallback')).toEqual({
      out: 'Device "nosuch" does not exist.\nfallback\n',
      err: '',
      status: 0,
    });
    expect(run(sh, 'ip link show nosuch && echo never').status).toBe(1);
    expect(run(sh, 'echo $? "$?" \'$?\'').out).toBe('1 1 $?\n');
    expect(run(sh, 'false; echo $?').out).toBe('1\n');
    expect(run(sh, '! false && echo negated').out).toBe('negated\n');
    expect(run(sh, 'false && echo b || echo c').out).toBe('c\n');
  });

  it('runs every command of a ; list in order and answers with the last status', () => {
    const sh = new Shell();
    const r = run(sh, 'ip link add d0 type dummy; ip link show nosuch; ip -br link show d0');
    expect(r.out).toMatch(/^Device "nosuch" does not exist\.\nd0 +DOWN /);
    expect(r.status).toBe(0);
    expect(sh.world.root.deviceList().map((d) => d.name)).toContain('d0');
  });

  it('keeps what a list did before it failed (as bash does) and says it failed', () => {
    const sh = new Shell();
    const r = sh.exec('ip link add d1 type dummy && ip link set nosuch up');
    expect(r.status).toBe(1);
    expect(r.partial).toBe(true);
    expect(sh.world.root.deviceList().map((d) => d.name)).toContain('d1');
  });

  it('runs one command in the background, and refuses a backgrounded pipeline before running anything', () => {
    const sh = new Shell();
    const before = fingerprint(sh.world);
    const r = run(sh, 'ip netns add y && ip netns &');
    expect(r.status).toBe(2);
    expect(r.err).toContain('only a single command runs in the background');
    expect(fingerprint(sh.world)).toBe(before);
  });
});

describe('pipelines', () => {
  it('feeds each command what the one before it printed', () => {
    const sh = new Shell();
    expect(run(sh, 'ip a | grep inet')).toEqual({ out: '    inet 127.0.0.1/8 scope host lo\n', err: '', status: 0 });
    expect(run(sh, 'iptables -S | head -2').out).toBe('-P INPUT ACCEPT\n-P FORWARD ACCEPT\n');
    expect(run(sh, 'sysctl -a 2>/dev/null | grep ^net.ipv4.ip_forward').out).toBe('net.ipv4.ip_forward = 0\n');
    expect(run(sh, "ip -o link | awk '{print $2}' | tr -d : | wc -l").out).toBe('1\n');
  });

  it('takes the status of its last command; stderr passes to the terminal', () => {
    const sh = new Shell();
    expect(run(sh, 'ip a | grep nosuch').status).toBe(1);
    expect(run(sh, 'ip link show nosuch | grep x')).toEqual({ out: '', err: 'Device "nosuch" does not exist.\n', status: 1 });
    expect(run(sh, 'ip link show nosuch 2>&1 | grep -o Device')).toEqual({ out: 'Device\n', err: '', status: 0 });
    expect(run(sh, 'ip link show nosuch |& wc -l').out).toBe('1\n');
  });

  it('refuses a pipe into a command the lab does not model before running anything', () => {
    const sh = new Shell();
    const before = fingerprint(sh.world);
    const r = run(sh, 'ip netns add z; ip a | sed s/a/b/');
    expect(r).toEqual({
      out: '',
      err: 'netlab: a pipe into sed is not modelled: after | the lab runs grep, head, tail, wc, sort, uniq, cut, tr, awk, column, cat, tee, iptables-restore\n',
      status: 2,
    });
    expect(fingerprint(sh.world)).toBe(before);
    const nc = run(sh, 'ip netns add z && echo hello | ip netns exec z nc 10.0.0.2 5000');
    expect(nc.err).toContain('netlab: a pipe into nc is not modelled');
    expect(fingerprint(sh.world)).toBe(before);
  });

  it('gives iptables-restore the ruleset iptables-save printed, from a pipe or a file', () => {
    const sh = new Shell();
    sh.exec('iptables -A INPUT -s 10.0.0.0/8 -j DROP');
    expect(run(sh, 'iptables-save > /root/rules').status).toBe(0);
    sh.exec('iptables -F');
    expect(run(sh, 'iptables-restore < rules && iptables -S INPUT').out).toBe('-P INPUT ACCEPT\n-A INPUT -s 10.0.0.0/8 -j DROP\n');
    sh.exec('iptables -F');
    expect(run(sh, 'cat /root/rules | iptables-restore; iptables -S INPUT | tail -1').out).toBe('-A INPUT -s 10.0.0.0/8 -j DROP\n');
  });
});

describe('redirections', () => {
  it('writes any command into the lab files, which cat then shows', () => {
    const sh = new Shell();
    expect(run(sh, 'ip link show > /tmp/links')).toEqual({ out: '', err: '', status: 0 });
    expect(run(sh, 'cat /tmp/links').out).toBe(sh.exec('ip link show').stdout);
    sh.exec('echo more >> /tmp/links');
    expect(run(sh, 'tail -1 /tmp/links').out).toBe('more\n');
    expect(run(sh, 'ls /tmp').out).toBe('links\n');
    expect(run(sh, 'ip link show nosuch 2> /tmp/err; cat /tmp/err').out).toBe('Device "nosuch" does not exist.\n');
    expect(run(sh, 'ip link show nosuch > /tmp/both 2>&1; wc -l < /tmp/both').out).toBe('1\n');
    expect(run(sh, 'ip link show nosuch &> /dev/null; echo $?').out).toBe('1\n');
  });

  it('keeps the kernel semantics of /proc/sys', () => {
    const sh = new Shell();
    expect(run(sh, 'echo 1 > /proc/sys/net/ipv4/ip_forward && cat /proc/sys/net/ipv4/ip_forward').out).toBe('1\n');
    expect(run(sh, 'echo yes > /proc/sys/net/ipv4/ip_forward')).toEqual({
      out: '',
      err: 'bash: echo: write error: Invalid argument\n',
      status: 1,
    });
  });

  it('refuses a file bash cannot open, and runs nothing', () => {
    const sh = new Shell();
    const before = fingerprint(sh.world);
    expect(run(sh, 'ip link add d2 type dummy > /nodir/x')).toEqual({
      out: '',
      err: 'bash: /nodir/x: No such file or directory\n',
      status: 1,
    });
    expect(run(sh, 'grep x < /tmp/none')).toEqual({ out: '', err: 'bash: /tmp/none: No such file or directory\n', status: 1 });
    expect(run(sh, 'echo x > /tmp')).toEqual({ out: '', err: 'bash: /tmp: Is a directory\n', status: 1 });
    expect(fingerprint(sh.world)).toBe(before);
  });

  it('feeds a here-string and a here-document to the command that names it', () => {
    const sh = new Shell();
    expect(run(sh, 'tr a-z A-Z <<< hello').out).toBe('HELLO\n');
    expect(run(sh, "cat <<'EOF' | grep -c b\na\nb\nbb\nEOF").out).toBe('2\n');
  });

  it('refuses a command that prints until Ctrl+C in a pipeline, a list or a redirection, running nothing', () => {
    const sh = new Shell();
    const before = fingerprint(sh.world);
    for (const line of [
      'ip netns add a; docker logs -f web',
      'tcpdump -i lo | grep ICMP',
      'ping 127.0.0.1 | grep ttl',
      'nc -l 5000 > out.txt',
    ]) {
      const r = run(sh, line);
      expect(r.status, line).toBe(2);
      expect(r.err, line).toMatch(/^netlab: .* prints until it ends or Ctrl\+C/);
    }
    expect(fingerprint(sh.world)).toBe(before);
    // what ends by itself still pipes
    expect(run(sh, 'ping -c 1 127.0.0.1 | grep -c ttl').out).toBe('1\n');
  });
});

describe('a line of a lab saved before the shell read operators', () => {
  it('keeps its words: an operator character inside one is quoted, echo and cat keep their > FILE', async () => {
    const { legacyLine } = await import('./lex.ts');
    expect(legacyLine('ip netns add <u>u')).toBe("ip netns add '<u>u'");
    expect(legacyLine("ip netns add 'a;b'")).toBe("ip netns add 'a;b'");
    expect(legacyLine('ip netns exec r echo 1 > /proc/sys/net/ipv4/ip_forward')).toBe(
      'ip netns exec r echo 1 > /proc/sys/net/ipv4/ip_forward',
    );
    expect(legacyLine('python3 -m http.server 8000 &')).toBe('python3 -m http.server 8000 &');
    expect(legacyLine('ip link add veth0 type veth peer name veth1')).toBe('ip link add veth0 type veth peer name veth1');
    const sh = new Shell();
    expect(sh.exec(legacyLine('ip netns add <u>u')).status).toBe(0);
    expect(sh.exec('ip netns list').stdout).toContain('<u>u');
  });
});

describe('a redirection of a command that fails', () => {
  it('still creates and truncates its file, as bash opens it first: the line counts as a partial change', () => {
    const sh = new Shell();
    expect(sh.exec('echo keep > /tmp/f').status).toBe(0);
    const r = sh.exec('nosuchcommand > /tmp/f');
    expect(r.status).toBe(127);
    expect(r.partial).toBe(true);
    expect(sh.exec('cat /tmp/f').stdout).toBe('');
  });
});

describe('a negated command that succeeded', () => {
  it('has status 1 and keeps what it did, as a partial change the log replays', () => {
    const sh = new Shell();
    const r = sh.exec('! ip netns add a');
    expect(r.status).toBe(1);
    expect(r.partial).toBe(true);
    expect(sh.exec('ip netns list').stdout).toContain('a');
  });
});
