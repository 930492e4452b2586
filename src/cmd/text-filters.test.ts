// The filters against what GNU grep 3.8, coreutils 9.1, util-linux 2.38 column and mawk print
// for the same input in Debian 12 (LC_ALL=C): each expectation was taken from the real tool.

import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

const ADDRS = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    inet 127.0.0.1/8 scope host lo
2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0
    inet 10.0.0.1/24 scope global eth0
`;
const TABLE = `b 10 x
a 2 y
c 10 z
a 2 y
 d 1 w
B 3 v
`;

/** CMD reading FILE's text from a pipe, in a fresh shell */
function filter(text: string, cmd: string): { out: string; err: string; status: number } {
  const sh = new Shell();
  sh.exec(`cat > /tmp/in <<'EOF'\n${text}EOF`);
  const r = sh.exec(`cat /tmp/in | ${cmd}`);
  return { out: r.stdout, err: r.stderr, status: r.status };
}

describe('grep', () => {
  it.each([
    [
      'grep inet',
      '    inet 127.0.0.1/8 scope host lo\n    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0\n    inet 10.0.0.1/24 scope global eth0\n',
    ],
    ['grep -c inet', '3\n'],
    ['grep -vc inet', '2\n'],
    ['grep -n eth0@', '3:2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n'],
    ["grep -o 'inet [0-9.]*'", 'inet 127.0.0.1\ninet 172.17.0.2\ninet 10.0.0.1\n'],
    ["grep -oE '[0-9]{1,3}(\\.[0-9]{1,3}){3}/'", '127.0.0.1/\n172.17.0.2/\n10.0.0.1/\n'],
    ["grep 'lo$\\|^2'", `${ADDRS.split('\n')[1]}\n${ADDRS.split('\n')[2]}\n`],
    ["grep -c '[[:digit:]]\\{3\\}\\.'", '2\n'],
    ['grep -wc lo', '2\n'],
    ["grep -x '    inet 10.0.0.1/24 scope global eth0'", '    inet 10.0.0.1/24 scope global eth0\n'],
    ['grep -ic INET', '3\n'],
    ['grep -Fc 0.0.1', '2\n'],
    ['grep -c -e lo -e eth0', '5\n'],
  ])('%s', (cmd, out) => {
    expect(filter(ADDRS, cmd)).toEqual({ out, err: '', status: 0 });
  });

  it('exits 1 when no line is selected, 0 for -q on a match, and 2 with its message on an error', () => {
    expect(filter(ADDRS, 'grep nosuch')).toEqual({ out: '', err: '', status: 1 });
    // a leading * is literal in a basic expression
    expect(filter(ADDRS, "grep -c '*'")).toEqual({ out: '0\n', err: '', status: 1 });
    expect(filter(ADDRS, 'grep -q inet')).toEqual({ out: '', err: '', status: 0 });
    expect(filter(ADDRS, "grep 'a\\('")).toEqual({ out: '', err: 'grep: Unmatched ( or \\(\n', status: 2 });
    expect(filter(ADDRS, "grep '['")).toEqual({ out: '', err: 'grep: Invalid regular expression\n', status: 2 });
    expect(filter(ADDRS, "grep '[a'")).toEqual({ out: '', err: 'grep: Unmatched [, [^, [:, [., or [=\n', status: 2 });
    expect(filter(ADDRS, 'grep')).toEqual({
      out: '',
      err: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
      status: 2,
    });
    const sh = new Shell();
    expect(sh.exec('grep x /tmp/nosuch').stderr).toBe('grep: /tmp/nosuch: No such file or directory\n');
    expect(sh.exec('grep -s x /tmp/nosuch')).toMatchObject({ stderr: '', status: 2 });
  });

  it('refuses an option it does not model by name, and one grep lacks as grep does', () => {
    expect(filter(ADDRS, 'grep -P lo').err).toBe(
      'netlab: grep -P is not modelled (grep -i -v -E -F -w -x -c -n -o -q -s -h -H -A -B -C -e PAT)\n',
    );
    expect(filter(ADDRS, 'grep -j lo')).toEqual({
      out: '',
      err: "grep: invalid option -- 'j'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
      status: 2,
    });
  });

  it('prints context lines (-A -B -C -NUM) with -, and -- between groups apart', () => {
    expect(filter(ADDRS, 'grep -A1 127').out).toBe(`${ADDRS.split('\n').slice(1, 3).join('\n')}\n`);
    expect(filter(ADDRS, 'grep -B1 -n 10.0.0').out).toBe(
      '4-    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0\n5:    inet 10.0.0.1/24 scope global eth0\n',
    );
    expect(filter(TABLE, 'grep -A1 c').out).toBe('c 10 z\na 2 y\n');
    expect(filter(TABLE, "grep -1 '^[cB]'").out).toBe('a 2 y\nc 10 z\na 2 y\n d 1 w\nB 3 v\n');
    expect(filter(TABLE, 'grep -A x b')).toEqual({ out: '', err: 'grep: x: invalid context length argument\n', status: 2 });
  });

  it('names each file when it reads several', () => {
    const sh = new Shell();
    sh.exec('echo a1 > /tmp/a');
    sh.exec('echo b1 > /tmp/b');
    expect(sh.exec('grep 1 /tmp/a /tmp/b').stdout).toBe('/tmp/a:a1\n/tmp/b:b1\n');
    expect(sh.exec('grep -h 1 /tmp/a /tmp/b').stdout).toBe('a1\nb1\n');
  });
});

describe('head, tail, wc', () => {
  it.each([
    ['head -2', 'b 10 x\na 2 y\n'],
    ['head -n 1', 'b 10 x\n'],
    ['head -n -5', 'b 10 x\n'],
    ['head -c 4', 'b 10'],
    ['tail -1', 'B 3 v\n'],
    ['tail -n +6', 'B 3 v\n'],
    ['tail -c 2', 'v\n'],
    ['wc -l', '6\n'],
    ['wc', '      6      18      39\n'],
    ['wc -lw', '      6      18\n'],
  ])('%s', (cmd, out) => {
    expect(filter(TABLE, cmd)).toEqual({ out, err: '', status: 0 });
  });

  it('counts and lists files as GNU does', () => {
    const sh = new Shell();
    sh.exec(`cat > /tmp/t <<'EOF'\n${TABLE}EOF`);
    expect(sh.exec('wc /tmp/t').stdout).toBe(' 6 18 39 /tmp/t\n');
    expect(sh.exec('wc -l /tmp/t /tmp/t').stdout).toBe(' 6 /tmp/t\n 6 /tmp/t\n12 total\n');
    expect(sh.exec('head -1 /tmp/t /tmp/t').stdout).toBe('==> /tmp/t <==\nb 10 x\n\n==> /tmp/t <==\nb 10 x\n');
    expect(sh.exec('head -n x /tmp/t')).toMatchObject({ stderr: "head: invalid number of lines: 'x'\n", status: 1 });
    expect(sh.exec('head -2 /tmp/none')).toMatchObject({
      stderr: "head: cannot open '/tmp/none' for reading: No such file or directory\n",
      status: 1,
    });
  });
});

describe('sort, uniq, cut, tr, awk, column', () => {
  it.each([
    ['sort', ' d 1 w\nB 3 v\na 2 y\na 2 y\nb 10 x\nc 10 z\n'],
    ['sort -r', 'c 10 z\nb 10 x\na 2 y\na 2 y\nB 3 v\n d 1 w\n'],
    ['sort -u', ' d 1 w\nB 3 v\na 2 y\nb 10 x\nc 10 z\n'],
    ['sort -f', ' d 1 w\na 2 y\na 2 y\nb 10 x\nB 3 v\nc 10 z\n'],
    ['sort -k2 -n', ' d 1 w\na 2 y\na 2 y\nB 3 v\nb 10 x\nc 10 z\n'],
    ['sort -nr -k2', 'c 10 z\nb 10 x\nB 3 v\na 2 y\na 2 y\n d 1 w\n'],
    ["sort -t' ' -k3", ' d 1 w\nB 3 v\nb 10 x\na 2 y\na 2 y\nc 10 z\n'],
    ['sort | uniq -c', '      1  d 1 w\n      1 B 3 v\n      2 a 2 y\n      1 b 10 x\n      1 c 10 z\n'],
    ['sort | uniq -d', 'a 2 y\n'],
    ["cut -d' ' -f2", '10\n2\n10\n2\nd\n3\n'],
    ["cut -d' ' -f1,3", 'b x\na y\nc z\na y\n 1\nB v\n'],
    ['cut -c1-3', 'b 1\na 2\nc 1\na 2\n d \nB 3\n'],
    ['tr a-z A-Z', 'B 10 X\nA 2 Y\nC 10 Z\nA 2 Y\n D 1 W\nB 3 V\n'],
    ["tr -d ' '", 'b10x\na2y\nc10z\na2y\nd1w\nB3v\n'],
    ["tr -s ' ' ,", 'b,10,x\na,2,y\nc,10,z\na,2,y\n,d,1,w\nB,3,v\n'],
    ["awk '{print $3, $1}'", 'x b\ny a\nz c\ny a\nw d\nv B\n'],
    ['awk \'/^a/ {print NR": "$NF}\'', '2: y\n4: y\n'],
    ["awk 'NR==5'", ' d 1 w\n'],
    ['column -t', 'b  10  x\na  2   y\nc  10  z\na  2   y\nd  1   w\nB  3   v\n'],
  ])('%s', (cmd, out) => {
    expect(filter(TABLE, cmd)).toEqual({ out, err: '', status: 0 });
  });

  it.each([
    ['cut -f 0', "cut: fields are numbered from 1\nTry 'cut --help' for more information.\n"],
    ['cut -d ab -f1', "cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n"],
    ['cut', "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n"],
    ['tr a', "tr: missing operand after 'a'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n"],
  ])('%s is refused as coreutils refuses it', (cmd, err) => {
    expect(filter(TABLE, cmd)).toEqual({ out: '', err, status: 1 });
  });

  it('refuses awk beyond field printing by name, rather than run it wrongly', () => {
    expect(filter(TABLE, "awk '{s+=$2} END {print s}'").err).toContain(
      "netlab: awk runs only programs of the form '[/RE/ | NR==N] {print $N, …}'",
    );
  });

  it('tee writes the lab file and passes the text on', () => {
    const sh = new Shell();
    expect(sh.exec('ip -br link | tee /tmp/l | wc -l').stdout).toBe('1\n');
    expect(sh.exec('cat /tmp/l').stdout).toBe(sh.exec('ip -br link').stdout);
  });

  it('a filter with nothing to read is refused rather than waiting for keys the lab does not pass', () => {
    const r = new Shell().exec('grep x');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('netlab: grep would read the terminal');
  });
});
