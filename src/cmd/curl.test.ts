import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

function lab(): Shell {
  // a terminal's shell: background lines are bash's jobs
  const sh = new Shell();
  for (const l of [
    'ip netns add a',
    'ip netns add b',
    'ip link add eth0 netns a type veth peer name eth0 netns b',
    'ip -n a addr add 10.0.0.1/24 dev eth0',
    'ip -n b addr add 10.0.0.2/24 dev eth0',
    'ip -n a link set eth0 up',
    'ip -n b link set eth0 up',
  ])
    expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

describe('curl in a terminal', () => {
  it('-v: the request and the response headers come before the body, as on a terminal', () => {
    const sh = lab();
    sh.exec('ip netns exec b python3 -m http.server 8000 &');
    const r = sh.exec('ip netns exec a curl -v http://10.0.0.2:8000/');
    expect(r.status).toBe(0);
    const out = r.stdout;
    const at = (s: string): number => {
      const i = out.indexOf(s);
      expect(i, s).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(at('*   Trying 10.0.0.2:8000...')).toBeLessThan(
      at('> GET / HTTP/1.1\r\n> Host: 10.0.0.2:8000\r\n> User-Agent: curl/7.88.1\r\n'),
    );
    expect(at('< HTTP/1.0 200 OK\r\n< Server: SimpleHTTP/0.6 Python/3.11.2\r\n')).toBeLessThan(at('<!DOCTYPE HTML>'));
    expect(at('</html>\n')).toBeLessThan(at('* Closing connection 0\n'));
    // on a terminal neither the progress meter nor `{ [N bytes data]` appears
    expect(out).not.toContain('% Total');
    expect(out).not.toContain('bytes data]');
  });

  it('-o /dev/null without -s draws the progress meter; -s -w prints only what -w asks', () => {
    const sh = lab();
    sh.exec('ip netns exec b python3 -m http.server 8000 &');
    expect(sh.exec('ip netns exec a curl -o /dev/null http://10.0.0.2:8000/').stderr).toContain('% Total    % Received');
    const w = sh.exec("ip netns exec a curl -s -o /dev/null -w '%{http_code} %{size_download}\\n' http://10.0.0.2:8000/nope");
    expect(w).toMatchObject({ stdout: '404 335\n', stderr: '', status: 0 });
    expect(sh.exec('ip netns exec a curl -sf http://10.0.0.2:8000/nope').status).toBe(22);
  });

  it('the server prints its start line, and its request log in the terminal that started it', () => {
    const sh = lab();
    expect(sh.exec('ip netns exec b python3 -m http.server 8000 &').stdout).toMatch(
      /^\[1\] \d+\nServing HTTP on :: port 8000 \(http:\/\/\[::\]:8000\/\) \.\.\.\n$/,
    );
    sh.exec('ip netns exec a curl -s http://10.0.0.2:8000/');
    sh.exec('ip netns exec a curl -sI http://10.0.0.2:8000/x');
    const log = sh.collectJobs('root').split('\n');
    expect(log[0]).toMatch(/^::ffff:10\.0\.0\.1 - - \[07\/Dec\/2026 16:4\d:\d\d\] "GET \/ HTTP\/1\.1" 200 -$/);
    expect(log[1]).toMatch(/ code 404, message File not found$/);
    expect(log[2]).toMatch(/"HEAD \/x HTTP\/1\.1" 404 -$/);
    // printed once: a later command shows only what came since
    expect(sh.collectJobs('root')).toBe('');
    // a terminal attached to another namespace does not show it
    sh.exec('ip netns exec a curl -s http://10.0.0.2:8000/');
    expect(sh.collectJobs('a')).toBe('');
  });

  it('2>/dev/null: the server still starts and answers, and its request log goes nowhere', () => {
    const sh = lab();
    expect(sh.exec('ip netns exec b python3 -m http.server 8000 2>/dev/null &').stdout).toMatch(/Serving HTTP on :: port 8000/);
    expect(sh.exec('ip netns exec a curl -s http://10.0.0.2:8000/').stdout).toContain('Directory listing for /');
    expect(sh.collectJobs('root')).toBe('');
    // the same for any command: what it writes to stderr is gone, its status stays
    const r = sh.exec('ip netns exec a curl -s http://10.0.0.2:9/ 2> /dev/null');
    expect(r).toMatchObject({ stderr: '', status: 7 });
  });

  it('--bind: the server listens on that IPv4 address and logs plain IPv4 clients', () => {
    const sh = lab();
    expect(sh.exec('ip netns exec b python3 -m http.server --bind 10.0.0.2 80 &').stdout).toContain(
      'Serving HTTP on 10.0.0.2 port 80 (http://10.0.0.2:80/) ...\n',
    );
    sh.exec('ip netns exec a curl -s http://10.0.0.2/');
    expect(sh.collectJobs()).toMatch(/^10\.0\.0\.1 - - \[/);
  });

  it('connect failures: their exit codes and messages, -s silent, -S showing the error', () => {
    const sh = lab();
    sh.exec('ip netns exec b iptables -A INPUT -p tcp --dport 81 -j DROP');
    const refused = sh.exec('ip netns exec a curl -sv http://10.0.0.2:8001/');
    expect(refused.status).toBe(7);
    expect(refused.stderr).toContain('* connect to 10.0.0.2 port 8001 failed: Connection refused\n');
    expect(sh.exec('ip netns exec a curl -s http://10.0.0.2:8001/')).toMatchObject({ stdout: '', stderr: '', status: 7 });
    expect(sh.exec('ip netns exec a curl -sS --connect-timeout 2 http://10.0.0.2:81/')).toMatchObject({
      stderr: 'curl: (28) Failed to connect to 10.0.0.2 port 81 after 2001 ms: Timeout was reached\n',
      status: 28,
    });
    expect(sh.exec('ip netns exec a curl -sS -m 1 http://10.0.0.2:81/').stderr).toBe(
      'curl: (28) Connection timed out after 1001 milliseconds\n',
    );
    expect(sh.exec('ip netns exec a curl -sv http://10.9.9.9/').stderr).toContain(
      '* Immediate connect fail for 10.9.9.9: Network is unreachable\n',
    );
  });

  it('refuses what curl refuses, in its words, before connecting', () => {
    const sh = lab();
    expect(sh.exec('curl -o')).toMatchObject({
      stderr: "curl: option -o: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
      status: 2,
    });
    expect(sh.exec('curl --nope http://10.0.0.2/').stderr).toMatch(/^curl: option --nope: is unknown\n/);
    expect(sh.exec('curl -m x http://10.0.0.2/').stderr).toMatch(/^curl: option -m: expected a proper numerical parameter\n/);
    expect(sh.exec('curl http://10.0.0.2:99999/')).toMatchObject({
      stderr: 'curl: (3) URL using bad/illegal format or missing URL\n',
      status: 3,
    });
  });
});

describe('background jobs in a terminal', () => {
  it("`&` prints [N] PID, jobs lists them, kill %N stops one with bash's notice, and its port closes", () => {
    const sh = lab();
    const first = sh.exec('ip netns exec b python3 -m http.server 8000 &');
    const m1 = /^\[1\] (\d+)\n/.exec(first.stdout);
    expect(m1).not.toBeNull();
    const second = sh.exec('ip netns exec b python3 -m http.server 8001 &');
    const m2 = /^\[2\] (\d+)\n/.exec(second.stdout);
    expect(Number(m2![1])).toBeGreaterThan(Number(m1![1]));
    expect(sh.exec('jobs').stdout).toBe(
      '[1]-  Running                 ip netns exec b python3 -m http.server 8000 &\n' +
        '[2]+  Running                 ip netns exec b python3 -m http.server 8001 &\n',
    );
    expect(sh.exec('kill %1').stdout).toBe('[1]-  Terminated              ip netns exec b python3 -m http.server 8000\n');
    expect(sh.exec('ip netns exec a curl -s http://10.0.0.2:8000/').status).toBe(7);
    expect(sh.exec('ip netns exec a curl -s http://10.0.0.2:8001/').status).toBe(0);
    expect(sh.exec(`kill -9 ${m2![1]}`).stdout).toBe('[2]+  Killed                  ip netns exec b python3 -m http.server 8001\n');
    expect(sh.exec('jobs').stdout).toBe('');
    expect(sh.exec('wait').status).toBe(0);
  });

  it('a server that cannot start is a job that exits 1; bad job specs change nothing', () => {
    const sh = lab();
    sh.exec('ip netns exec b python3 -m http.server 8000 &');
    const dup = sh.exec('ip netns exec b python3 -m http.server 8000 &');
    expect(dup.stdout).toMatch(/^\[2\] \d+\n$/);
    expect(dup.stderr).toBe(
      'OSError: [Errno 98] Address already in use\n[2]+  Exit 1                  ip netns exec b python3 -m http.server 8000\n',
    );
    expect(sh.exec('kill %1 %7')).toMatchObject({ stderr: 'bash: kill: %7: no such job\n', status: 1 });
    expect(sh.exec('ip netns exec a curl -s http://10.0.0.2:8000/').status).toBe(0);
    expect(sh.exec('kill')).toMatchObject({ status: 2 });
    expect(sh.exec('wait').stderr).toMatch(/^netlab: wait would never return/);
  });
});
