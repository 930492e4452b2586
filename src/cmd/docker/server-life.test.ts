import { describe, expect, it } from 'vitest';
import { replayScenario, runScenario } from '../replay.ts';
import { terminalText } from '../result.ts';
import { Shell } from '../shell.ts';

function build(lines: string[]): Shell {
  const sh = new Shell();
  for (const l of lines) {
    const r = sh.exec(l);
    expect(r.status, `${l}: ${r.stderr}`).toBe(0);
  }
  return sh;
}

/** the log's lines without nginx's time (`2026/12/07 16:40:00 `) */
const untimed = (text: string): string[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => l.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /, ''));

const status = (sh: Shell, name: string): string => {
  const row =
    sh
      .exec('docker ps -a')
      .stdout.split('\n')
      .find((l) => l.endsWith(` ${name}`)) ?? '';
  return /(Up|Exited \(\d+\)|Created)/.exec(row)?.[1] ?? row;
};

describe('nginx lives and dies as the nginx image does', () => {
  it('docker stop: SIGQUIT (its STOPSIGNAL), the graceful shutdown in the log, Exited (0)', () => {
    const sh = build(['docker run -d --name web nginx']);
    expect(sh.exec('docker stop web').stdout).toBe('web\n');
    expect(status(sh, 'web')).toBe('Exited (0)');
    const tail = untimed(sh.exec('docker logs -n 13 web').stderr);
    expect(tail).toEqual([
      '[notice] 1#1: signal 3 (SIGQUIT) received, shutting down',
      '[notice] 29#29: gracefully shutting down',
      '[notice] 30#30: gracefully shutting down',
      '[notice] 29#29: exiting',
      '[notice] 30#30: exiting',
      '[notice] 29#29: exit',
      '[notice] 30#30: exit',
      '[notice] 1#1: signal 17 (SIGCHLD) received from 30',
      '[notice] 1#1: worker process 30 exited with code 0',
      '[notice] 1#1: signal 29 (SIGIO) received',
      '[notice] 1#1: signal 17 (SIGCHLD) received from 29',
      '[notice] 1#1: worker process 29 exited with code 0',
      '[notice] 1#1: exit',
    ]);
  });

  it('docker stop -s TERM: the fast shutdown (no graceful lines); docker kill: SIGKILL, nothing logged, Exited (137)', () => {
    const sh = build(['docker run -d --name web nginx', 'docker run -d --name web2 nginx']);
    sh.exec('docker stop -s TERM web');
    const fast = untimed(sh.exec('docker logs -n 11 web').stderr);
    expect(fast[0]).toBe('[notice] 1#1: signal 15 (SIGTERM) received, exiting');
    expect(fast.some((l) => l.includes('gracefully'))).toBe(false);
    expect(fast.at(-1)).toBe('[notice] 1#1: exit');
    expect(status(sh, 'web')).toBe('Exited (0)');
    const before = sh.exec('docker logs web2').stderr;
    expect(sh.exec('docker kill web2').stdout).toBe('web2\n');
    expect(sh.exec('docker logs web2').stderr).toBe(before);
    expect(status(sh, 'web2')).toBe('Exited (137)');
  });

  it('docker kill -s WINCH: nginx (not daemonized) logs it and runs on; -s HUP (a reload) is refused by name', () => {
    const sh = build(['docker run -d --name web nginx']);
    expect(sh.exec('docker kill -s WINCH web').status).toBe(0);
    expect(untimed(sh.exec('docker logs -n 1 web').stderr)).toEqual(['[notice] 1#1: signal 28 (SIGWINCH) received']);
    expect(status(sh, 'web')).toBe('Up');
    const hup = sh.exec('docker kill -s HUP web');
    expect(hup.status).toBe(1);
    expect(hup.stderr).toMatch(/^netlab: nginx on signal 1 .* is not modelled yet\n$/);
    expect(sh.exec('curl -s -o /dev/null -w %{http_code} 172.17.0.2').stdout).toBe('200');
  });

  it('docker restart: the shutdown, then the entrypoint again (IPv6 listen already enabled) and new workers, appended', () => {
    const sh = build(['docker run -d --name web -p 8080:80 nginx', 'docker restart web']);
    expect(status(sh, 'web')).toBe('Up');
    const out = sh.exec('docker logs web').stdout.split('\n');
    expect(out.filter((l) => l === '/docker-entrypoint.sh: Configuration complete; ready for start up')).toHaveLength(2);
    expect(out).toContain('10-listen-on-ipv6-by-default.sh: info: IPv6 listen already enabled');
    const err = untimed(sh.exec('docker logs web').stderr);
    const second = err.slice(err.lastIndexOf('[notice] 1#1: start worker processes'));
    expect(second).toEqual([
      '[notice] 1#1: start worker processes',
      '[notice] 1#1: start worker process 22',
      '[notice] 1#1: start worker process 23',
    ]);
    // the new worker takes the connections: its pid in the error log
    sh.exec('curl -s localhost:8080/missing');
    expect(sh.exec('docker logs -n 2 web').stderr).toMatch(/\[error\] 22#22: \*1 open\(\) "\/usr\/share\/nginx\/html\/missing" failed/);
  });

  it('docker logs interleaves the two streams as they were written: the restart’s stdout after the first run’s stderr', () => {
    const sh = build(['docker run -d --name web nginx', 'docker stop web', 'docker start web']);
    const r = sh.exec('docker logs web');
    const shown = untimed(terminalText(r));
    const firstNotice = shown.indexOf('[notice] 1#1: using the "epoll" event method');
    const secondEntry = shown.lastIndexOf('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(firstNotice).toBeGreaterThan(0);
    expect(secondEntry).toBeGreaterThan(shown.indexOf('[notice] 1#1: exit'));
    // and the terminal transcript of a script shows them so
    const transcript = runScenario('docker run -d --name web nginx\ndocker stop web\ndocker start web\ndocker logs web\n');
    expect(transcript.indexOf('1#1: exit\n')).toBeLessThan(transcript.lastIndexOf('IPv6 listen already enabled'));
  });
});

describe('a server that cannot bind its port', () => {
  it('nginx on the host network with port 80 taken: five tries 500 ms apart, still could not bind(), Exited (1)', () => {
    const sh = build(['python3 -m http.server 80 &', 'docker run -d --name web --network host nginx']);
    expect(status(sh, 'web')).toBe('Up');
    // the first try at once; the rest come later
    expect(untimed(sh.exec('docker logs web').stderr)).toEqual([
      '[emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)',
      'nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)',
      '[notice] 1#1: try again to bind() after 500ms',
    ]);
    sh.world.clock.advance(3000);
    expect(status(sh, 'web')).toBe('Exited (1)');
    const err = untimed(sh.exec('docker logs web').stderr);
    expect(err.filter((l) => l.startsWith('[emerg] 1#1: bind() to 0.0.0.0:80'))).toHaveLength(5);
    expect(err.filter((l) => l.includes('try again'))).toHaveLength(5);
    expect(err.slice(-2)).toEqual(['[emerg] 1#1: still could not bind()', 'nginx: [emerg] still could not bind()']);
    // python's IPv4 socket leaves nginx's [::]:80 (IPV6_V6ONLY) free
    expect(err.some((l) => l.includes('[::]:80'))).toBe(false);
    // the entrypoint ran before nginx failed
    expect(sh.exec('docker logs web').stdout).toContain('Enabled listen on IPv6');
  });

  it('a second nginx on the host network: both its sockets fail, 0.0.0.0:80 then [::]:80', () => {
    const sh = build(['docker run -d --name one --network host nginx', 'docker run -d --name two --network host nginx']);
    expect(untimed(sh.exec('docker logs two').stderr).slice(0, 4)).toEqual([
      '[emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)',
      'nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)',
      '[emerg] 1#1: bind() to [::]:80 failed (98: Address already in use)',
      'nginx: [emerg] bind() to [::]:80 failed (98: Address already in use)',
    ]);
    sh.world.clock.advance(3000);
    expect(status(sh, 'two')).toBe('Exited (1)');
    expect(status(sh, 'one')).toBe('Up');
  });

  it('httpd on the host network with port 80 taken: AH00072 for each socket, AH00015, Exited (1) at once', () => {
    const sh = build(['docker run -d --name one --network host nginx', 'docker run -d --name two --network host httpd']);
    const err = sh.exec('docker logs two').stderr.split('\n');
    expect(err.slice(1)).toEqual([
      '(98)Address already in use: AH00072: make_sock: could not bind to address [::]:80',
      '(98)Address already in use: AH00072: make_sock: could not bind to address 0.0.0.0:80',
      'no listening sockets available, shutting down',
      'AH00015: Unable to open logs',
      '',
    ]);
    expect(status(sh, 'two')).toBe('Exited (1)');
  });
});

describe('a host port another container publishes', () => {
  it('docker run: created, its start fails with the port allocator’s error (exit 125), it stays Created; it starts once the port is free', () => {
    const sh = build(['docker run -d --name aa -p 8080:80 nginx']);
    const r = sh.exec('docker run -d --name bb -p 8080:80 nginx');
    expect(r.status).toBe(125);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^docker: Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint bb \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8080 failed: port is already allocated\n\nRun 'docker run --help' for more information\n$/,
    );
    expect(status(sh, 'bb')).toBe('Created');
    expect(sh.exec('docker logs bb').stdout).toBe('');
    expect(sh.exec('docker start bb').stderr).toMatch(/failed to set up container networking: .*port is already allocated/);
    sh.exec('docker stop aa');
    expect(sh.exec('docker start bb').stdout).toBe('bb\n');
    expect(status(sh, 'bb')).toBe('Up');
    expect(sh.exec('curl -s -o /dev/null -w %{http_code} localhost:8080').stdout).toBe('200');
  });

  it('with --rm the daemon removes it; docker create with the same port is accepted (ports are taken at start)', () => {
    const sh = build(['docker run -d --name aa -p 8080:80 nginx']);
    expect(sh.exec('docker run -d --rm --name bb -p 8080:80 nginx').status).toBe(125);
    const names = sh
      .exec('docker ps -a')
      .stdout.trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(' ').pop());
    expect(names).toEqual(['aa']);
    expect(sh.exec('docker create --name cc -p 8080:80 nginx').status).toBe(0);
    expect(status(sh, 'cc')).toBe('Created');
  });
});

describe('httpd stops as the httpd image does', () => {
  it('docker stop: SIGWINCH (its STOPSIGNAL), AH00492, Exited (0); docker restart: its startup again', () => {
    const sh = build(['docker run -d --name web httpd']);
    sh.exec('docker stop web');
    expect(sh.exec('docker logs -n 1 web').stderr).toMatch(
      /^\[\w{3} \w{3} \d\d \d\d:\d\d:\d\d\.\d{6} \d{4}\] \[mpm_event:notice\] \[pid 1:tid 1\] AH00492: caught SIGWINCH, shutting down gracefully\n$/,
    );
    expect(status(sh, 'web')).toBe('Exited (0)');
    sh.exec('docker start web');
    expect(sh.exec('docker logs web').stderr.match(/AH00489/g)).toHaveLength(2);
    sh.exec('docker stop -s TERM web');
    expect(sh.exec('docker logs -n 1 web').stderr).toContain('AH00491: caught SIGTERM, shutting down\n');
  });
});

describe('docker logs flags as docker 29.7.2 reads them', () => {
  it('-t: RFC 3339 with nine digits of nanoseconds before each line; --details: a space (no attributes)', () => {
    const sh = build(['docker run -d --name web nginx']);
    sh.world.clock.advance(1234);
    sh.exec('docker stop web');
    const last = sh.exec('docker logs -t -n 1 web').stderr;
    expect(last).toMatch(/^2026-12-07T16:40:01\.234000000Z 2026\/12\/07 16:40:01 \[notice\] 1#1: exit\n$/);
    expect(sh.exec('docker logs --details -t -n 1 web').stderr).toMatch(/^\S+Z {2}2026\/12\/07/);
  });

  it('--since / --until: RFC 3339 times, Unix timestamps and durations; a bad value is the client’s error', () => {
    const sh = build(['docker run -d --name web nginx']);
    sh.world.clock.advance(60_000);
    sh.exec('docker stop web');
    const all = sh.exec('docker logs web');
    const after = sh.exec('docker logs --since 2026-12-07T16:40:30Z web');
    expect(after.stdout).toBe('');
    expect(untimed(after.stderr)[0]).toBe('[notice] 1#1: signal 3 (SIGQUIT) received, shutting down');
    expect(sh.exec('docker logs --until 2026-12-07T16:40:30 web').stdout).toBe(all.stdout);
    expect(sh.exec('docker logs --until 2026-12-07T16:40:30 web').stderr).not.toContain('SIGQUIT');
    // 30s: the last thirty seconds, from the virtual clock; a Unix time in seconds
    expect(sh.exec('docker logs --since 30s web').stderr).toBe(after.stderr);
    expect(sh.exec(`docker logs --since ${Date.UTC(2026, 11, 7, 16, 40, 30) / 1000} web`).stderr).toBe(after.stderr);
    const bad = sh.exec('docker logs --since yesterday web');
    expect(bad).toMatchObject({ status: 1, stdout: '' });
    expect(bad.stderr).toBe('invalid value for "since": failed to parse value as time or duration: "yesterday"\n');
    expect(sh.exec('docker logs --since yesterday nope').stderr).toBe('Error response from daemon: No such container: nope\n');
  });
});

describe('docker run -it where stdin is no terminal', () => {
  it('a script (netlab run, a replay): refused before anything is created, exit status 1', () => {
    const out = runScenario('docker run -it --name box alpine sh\ndocker ps -a\n');
    expect(out).toContain('cannot attach stdin to a TTY-enabled container because stdin is not a terminal\n');
    expect(out).toContain('# docker ps -a\nCONTAINER ID   IMAGE   COMMAND   CREATED   STATUS   PORTS   NAMES\n');
    expect(out).not.toContain(' box\n');
    expect(replayScenario('docker run -it --name box alpine sh\n').join('')).toContain('"error"');
  });

  it('-t alone, -d, or a terminal: accepted', () => {
    const sh = new Shell();
    sh.stdinIsTerminal = false;
    expect(sh.exec('docker run -d -it --name d1 alpine').status).toBe(0);
    expect(sh.exec('docker exec -it d1 sh')).toMatchObject({
      status: 1,
      stderr: 'cannot attach stdin to a TTY-enabled container because stdin is not a terminal\n',
    });
    expect(sh.exec('docker exec -it nope sh').stderr).toBe('Error response from daemon: No such container: nope\n');
    sh.stdinIsTerminal = true;
    expect(sh.exec('docker run -it --name box alpine sh').enter).toBeDefined();
  });
});
