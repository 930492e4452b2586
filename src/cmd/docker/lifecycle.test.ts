// A container's life: runs that end leave it Exited with their status, stop/start release and
// make again its endpoints and published ports, logs keep what it printed, and the daemon's
// refusals are its own words (moby daemon/errors.go, docker/cli's commands).

import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../core/snapshot.ts';
import { Shell } from '../shell.ts';
import { humanDuration } from './lifecycle.ts';

function build(lines: string[], sh = new Shell()): Shell {
  for (const l of lines) {
    const r = sh.exec(l);
    expect(r.status, `${l}: ${r.stderr}`).toBe(0);
  }
  return sh;
}

/** docker ps's STATUS column of the container NAME */
function status(sh: Shell, name: string): string | undefined {
  const lines = sh.exec('docker ps -a').stdout.trimEnd().split('\n');
  const at = lines[0]!.indexOf('STATUS');
  const end = lines[0]!.indexOf('PORTS');
  const row = lines.find((l) => l.endsWith(` ${name}`));
  return row?.slice(at, end).trim();
}

describe('a container whose command ends', () => {
  it('docker run in the foreground prints, gives the status, and keeps the container as Exited with it', () => {
    const sh = build(['docker network create --subnet 10.9.0.0/24 n1', 'docker run -d --name web --network n1 nginx']);
    const r = sh.exec('docker run --name probe --network n1 alpine curl -s http://web/');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('<title>Welcome to nginx!</title>');
    const lost = sh.exec('docker run --name lost alpine ping -c 1 -W 1 192.0.2.77');
    expect(lost.status).toBe(1);
    expect(status(sh, 'probe')).toMatch(/^Exited \(0\) /);
    expect(status(sh, 'lost')).toMatch(/^Exited \(1\) /);
    // an exited container is in ps -a only, and its sandbox is gone (namespace, veth, address)
    expect(sh.exec('docker ps').stdout).not.toMatch(/probe|lost/);
    expect(sh.exec('ip netns').stdout).toMatch(/^web \(id: \d+\)\n$/);
    expect(sh.exec('docker run --rm --network n1 alpine curl -s http://web/').stdout).toContain('Welcome to nginx!');
    expect(sh.exec('docker inspect -f "{{.State.Status}} {{.State.ExitCode}} {{.State.Running}}" lost').stdout).toBe('exited 1 false\n');
  });

  it('docker logs shows what it printed; detached, the output goes only to the logs', () => {
    const sh = build(['docker run -d --name web nginx']);
    const id = sh.exec('docker run -d --name once alpine ping -c 1 172.17.0.2');
    expect(id.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(status(sh, 'once')).toMatch(/^Exited \(0\) /);
    const logs = sh.exec('docker logs once');
    expect(logs.stdout).toMatch(/^PING 172\.17\.0\.2 .*\n64 bytes from 172\.17\.0\.2: icmp_seq=1 /);
    expect(sh.exec('docker run --name hi alpine sh -c "echo one; echo two && echo three || echo never"').stdout).toBe('one\ntwo\nthree\n');
    expect(sh.exec('docker logs hi').stdout).toBe('one\ntwo\nthree\n');
    // an exited container's logs can be followed: they end at once
    expect(sh.exec('docker logs -f hi').stdout).toBe('one\ntwo\nthree\n');
    // --tail N (-n N): the last N lines; a value that is no number is all of them, as the daemon reads it
    expect(sh.exec('docker logs --tail 2 hi').stdout).toBe('two\nthree\n');
    expect(sh.exec('docker logs -f -n 1 hi').stdout).toBe('three\n');
    expect(sh.exec('docker logs --tail=0 hi').stdout).toBe('');
    expect(sh.exec('docker logs --tail 9 hi').stdout).toBe('one\ntwo\nthree\n');
    expect(sh.exec('docker logs --tail all hi').stdout).toBe('one\ntwo\nthree\n');
    // -t: each line after the time the daemon took it, RFC 3339 with nanoseconds; --details: the (no) attributes and a space
    expect(sh.exec('docker logs -t -n 1 hi').stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z three\n$/);
    expect(sh.exec('docker logs --details -n 1 hi').stdout).toBe(' three\n');
    // --since a duration: the lines of the last minute (all of them); --until a Unix time long past: none
    expect(sh.exec('docker logs --since 1m hi').stdout).toBe('one\ntwo\nthree\n');
    expect(sh.exec('docker logs --until 1 hi').stdout).toBe('');
  });

  it('docker start runs its command again and it exits again; docker wait prints its status', () => {
    const sh = build(['docker run --name hi alpine echo hello']);
    expect(sh.exec('docker wait hi').stdout).toBe('0\n');
    expect(sh.exec('docker start hi').stdout).toBe('hi\n');
    expect(sh.exec('docker logs hi').stdout).toBe('hello\nhello\n');
    expect(sh.exec('docker start -a hi').stdout).toBe('hello\n');
    expect(sh.exec('docker run --name three alpine sh -c "echo x; exit 3; echo y"')).toMatchObject({ status: 3, stdout: 'x\n' });
    expect(status(sh, 'three')).toMatch(/^Exited \(3\) /);
  });
});

describe("an image's CMD: a shell that reads no terminal", () => {
  it('docker run -d alpine exits 0 at once: gone from ps, Exited (0) in ps -a, its sandbox torn down', () => {
    const sh = build([
      'docker run -d --name sh1 alpine',
      'docker run -d --name bb busybox',
      'docker run -d --name up alpine sleep infinity',
    ]);
    expect(status(sh, 'sh1')).toBe('Exited (0) Less than a second ago');
    expect(status(sh, 'bb')).toMatch(/^Exited \(0\) /);
    expect(sh.exec('docker ps').stdout).not.toMatch(/sh1|bb/);
    expect(sh.exec('ip netns').stdout).toMatch(/^up \(id: \d+\)\n$/);
    expect(sh.exec('docker inspect -f "{{.State.Status}} {{.State.ExitCode}} {{.Config.Cmd}}" sh1').stdout).toBe('exited 0 [/bin/sh]\n');
    expect(sh.exec('docker ps -a').stdout).toMatch(/alpine +"\/bin\/sh" .* sh1\n/);
    // the address each held was free again: the one that keeps running took it
    expect(sh.exec('docker inspect -f "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}" up').stdout).toBe('172.17.0.2\n');
    sh.exec('sleep 7');
    expect(status(sh, 'sh1')).toBe('Exited (0) 7 seconds ago');
    // docker start runs the shell again, which ends again
    expect(sh.exec('docker start sh1').stdout).toBe('sh1\n');
    expect(status(sh, 'sh1')).toBe('Exited (0) Less than a second ago');
    expect(sh.exec('docker exec sh1 ip a').stderr).toMatch(/is not running/);
  });

  it('with -i (stdin kept open) or -t (a terminal) the detached shell keeps running', () => {
    const sh = build(['docker run -d -it --name it alpine', 'docker run -d -i --name in alpine', 'docker run -dt --name tt ubuntu']);
    for (const n of ['it', 'in', 'tt']) expect(status(sh, n)).toMatch(/^Up /);
    expect(
      sh
        .exec('ip netns')
        .stdout.replace(/ \(id: \d+\)/g, '')
        .split('\n')
        .sort()
        .join(' '),
    ).toBe(' in it tt');
    expect(sh.exec('docker inspect -f "{{.Config.Cmd}}" tt').stdout).toBe('[/bin/bash]\n');
    expect(sh.exec('docker exec it ping -c 1 -W 1 172.17.0.3').status).toBe(0);
  });
});

describe('a detached sleep N', () => {
  it('runs N seconds of the lab clock, then its container is Exited (0) from that moment; docker wait waits for it', () => {
    const sh = build(['docker run -d --name nap alpine sleep 30']);
    sh.exec('sleep 29');
    expect(status(sh, 'nap')).toMatch(/^Up 29 seconds$/);
    expect(sh.exec('ip netns').stdout).toMatch(/^nap \(id: \d+\)\n$/);
    sh.exec('sleep 3');
    expect(status(sh, 'nap')).toBe('Exited (0) 2 seconds ago');
    expect(sh.exec('ip netns').stdout).toBe('');
    sh.exec('docker start nap');
    const t0 = sh.world.clock.now();
    expect(sh.exec('docker wait nap').stdout).toBe('0\n');
    expect(sh.world.clock.now() - t0).toBe(30000);
  });
});

describe('docker stop, start, restart, kill', () => {
  it('stop releases the endpoint and the published port; start makes them again', () => {
    const sh = build(['docker network create --subnet 10.9.0.0/24 n1', 'docker run -d --name web --network n1 -p 8080:80 nginx']);
    const running = sh.exec('iptables -t nat -S DOCKER').stdout;
    expect(running).toMatch(/--dport 8080 -j DNAT --to-destination 10\.9\.0\.2:80/);
    expect(sh.exec('docker stop web')).toMatchObject({ status: 0, stdout: 'web\n' });
    // nginx stops on its stop signal: Exited (0)
    expect(status(sh, 'web')).toMatch(/^Exited \(0\) /);
    expect(sh.exec('iptables -t nat -S DOCKER').stdout).toBe('-N DOCKER\n');
    expect(sh.exec('ip netns').stdout).toBe('');
    expect(sh.exec('curl -s --max-time 1 http://127.0.0.1:8080/').status).not.toBe(0);
    expect(sh.exec('docker port web').stdout).toBe('');
    expect(sh.exec('docker start web').stdout).toBe('web\n');
    expect(sh.exec('iptables -t nat -S DOCKER').stdout).toBe(running);
    expect(sh.exec('curl -s http://127.0.0.1:8080/').stdout).toContain('<title>Welcome to nginx!</title>');
    expect(status(sh, 'web')).toMatch(/^Up /);
  });

  it("a process that ignores SIGTERM is killed after the timeout: Exited (137), the time spent on the lab's clock", () => {
    const sh = build(['docker run -d --name sl alpine sleep infinity']);
    const t0 = sh.world.clock.now();
    sh.exec('docker stop sl');
    expect(sh.world.clock.now() - t0).toBe(10000);
    expect(status(sh, 'sl')).toBe('Exited (137) Less than a second ago');
    sh.exec('sleep 5');
    expect(status(sh, 'sl')).toBe('Exited (137) 5 seconds ago');
    sh.exec('docker start sl');
    const t1 = sh.world.clock.now();
    sh.exec('docker stop -t 2 sl');
    expect(sh.world.clock.now() - t1).toBe(2000);
    sh.exec('docker restart sl');
    expect(status(sh, 'sl')).toMatch(/^Up /);
    expect(sh.exec('docker kill sl').stdout).toBe('sl\n');
    expect(status(sh, 'sl')).toMatch(/^Exited \(137\) /);
    expect(sh.exec('docker wait sl').stdout).toBe('137\n');
  });

  it('a restarted container takes the first free address; one asked with --ip keeps it', () => {
    const sh = build([
      'docker network create --subnet 10.9.0.0/24 n1',
      'docker run -d --name ca --network n1 alpine sleep infinity',
      'docker run -d --name cb --network n1 --ip 10.9.0.50 alpine sleep infinity',
    ]);
    sh.exec('docker stop ca cb');
    build(['docker run -d --name cc --network n1 alpine sleep infinity'], sh);
    sh.exec('docker start ca cb');
    expect(sh.exec('docker inspect -f "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}" ca cc cb').stdout).toBe(
      '10.9.0.3\n10.9.0.2\n10.9.0.50\n',
    );
  });
});

describe('docker pause / unpause', () => {
  it('freezes the processes: Up (Paused), exec refused, the kernel still answers ping, the server does not answer; unpause thaws', () => {
    const sh = build(['docker network create --subnet 10.9.0.0/24 n1', 'docker run -d --name web --network n1 -p 8080:80 nginx']);
    build(['docker run -d --name cli --network n1 alpine sleep infinity'], sh);
    const id = sh.exec('docker inspect -f "{{.Id}}" web').stdout.trim();
    expect(sh.exec('docker pause web')).toMatchObject({ status: 0, stdout: 'web\n' });
    sh.exec('sleep 3');
    expect(status(sh, 'web')).toBe('Up 3 seconds (Paused)');
    expect(sh.exec('docker ps').stdout).toMatch(/Up 3 seconds \(Paused\)/);
    expect(sh.exec('docker inspect -f "{{.State.Status}} {{.State.Running}} {{.State.Paused}}" web').stdout).toBe('paused true true\n');
    expect(sh.exec('docker exec web ip a')).toMatchObject({
      status: 1,
      stderr: `Error response from daemon: Container ${id} is paused, unpause the container before exec\n`,
    });
    // the namespace's kernel answers; the frozen nginx reads nothing
    expect(sh.exec('docker exec cli ping -c 1 -W 1 web').stdout).toMatch(/1 packets transmitted, 1 received/);
    expect(sh.exec('docker exec cli curl -s -m 1 http://web/')).toMatchObject({
      status: 28,
      stdout: '',
    });
    expect(sh.exec('curl -m 2 http://127.0.0.1:8080/').stderr).toBe(
      'curl: (28) Operation timed out after 2001 milliseconds with 0 bytes received\n',
    );
    expect(sh.exec('docker pause web').stderr).toBe(`Error response from daemon: container ${id} is already paused\n`);
    expect(sh.exec('docker rm web').stderr).toBe(
      'Error response from daemon: cannot remove container "/web": container is paused and must be unpaused first\n',
    );
    expect(sh.exec('docker container unpause web')).toMatchObject({ status: 0, stdout: 'web\n' });
    expect(status(sh, 'web')).toMatch(/^Up \d+ seconds$/);
    expect(sh.exec('curl -s http://127.0.0.1:8080/').stdout).toMatch(/<title>/);
    expect(sh.exec('docker unpause web').stderr).toBe(`Error response from daemon: Container ${id} is not paused\n`);
  });

  it('refuses a container that does not run; kill ends a paused one; a frozen sleep ends when thawed', () => {
    const sh = build([
      'docker run --name done alpine true',
      'docker run -d --name nap alpine sleep 5',
      'docker run -d --name sl alpine sleep infinity',
    ]);
    const done = sh.exec('docker inspect -f "{{.Id}}" done').stdout.trim();
    const r = sh.exec('docker pause done nap');
    expect(r).toMatchObject({ status: 1, stdout: 'nap\n', stderr: `Error response from daemon: container ${done} is not running\n` });
    expect(sh.exec('docker pause').stderr).toMatch(
      /^"docker pause" requires at least 1 argument\.\n.*\n\nUsage: {2}docker pause CONTAINER \[CONTAINER\.\.\.\]\n\nPause all processes/,
    );
    sh.exec('sleep 10');
    expect(status(sh, 'nap')).toBe('Up 10 seconds (Paused)');
    sh.exec('docker unpause nap');
    sh.exec('sleep 1');
    expect(status(sh, 'nap')).toBe('Exited (0) 1 second ago');
    sh.exec('docker pause sl');
    expect(sh.exec('docker kill sl').stdout).toBe('sl\n');
    expect(status(sh, 'sl')).toMatch(/^Exited \(137\) /);
  });
});

describe('docker create', () => {
  it('makes a Created container with no sandbox; docker start runs it with its endpoints and ports', () => {
    const sh = build(['docker network create --subnet 10.9.0.0/24 n1']);
    const before = sh.exec('iptables -t nat -S').stdout;
    const r = sh.exec('docker create --name web --network n1 -p 8080:80 nginx');
    expect(r).toMatchObject({ status: 0, stdout: expect.stringMatching(/^[0-9a-f]{64}\n$/) });
    expect(status(sh, 'web')).toBe('Created');
    expect(sh.exec('docker ps -q').stdout).toBe('');
    expect(sh.exec('docker inspect -f "{{.State.Status}} {{.State.Running}}" web').stdout).toBe('created false\n');
    expect(sh.exec('ip netns').stdout).toBe('');
    expect(sh.exec('iptables -t nat -S').stdout).toBe(before);
    expect(sh.exec('docker create --name web alpine').stderr).toMatch(/The container name "\/web" is already in use/);
    expect(sh.exec('docker start web').stdout).toBe('web\n');
    expect(status(sh, 'web')).toMatch(/^Up /);
    expect(sh.exec('curl -s http://127.0.0.1:8080/').stdout).toMatch(/<title>/);
    expect(sh.exec('docker inspect -f "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}" web').stdout).toBe('10.9.0.2\n');
  });

  it('a created command runs at start: alpine echo exits again, a shell with -it keeps running; --rm goes when it ends', () => {
    const sh = build([
      'docker create --name hi alpine echo hello',
      'docker create -it --name box alpine',
      'docker create --rm --name once alpine true',
      'docker run -d --rm --name tmp alpine sleep infinity',
    ]);
    expect(sh.exec('docker start -a hi').stdout).toBe('hello\n');
    expect(status(sh, 'hi')).toMatch(/^Exited \(0\) /);
    sh.exec('docker start box');
    expect(status(sh, 'box')).toMatch(/^Up /);
    sh.exec('docker start once');
    sh.exec('docker stop -t 1 tmp');
    const all = sh.exec('docker ps -a').stdout;
    expect(all).toMatch(/ box\n/);
    expect(all).not.toMatch(/once|tmp/);
    expect(sh.exec('docker create -d alpine').stderr).toMatch(/^unknown shorthand flag: 'd' in -d/);
  });
});

describe("the daemon's refusals", () => {
  it('exec, kill and rm on containers in the wrong state, each changing nothing', () => {
    const sh = build(['docker run -d --name web nginx', 'docker run --name done alpine true']);
    const id = sh.exec('docker inspect -f "{{.Id}}" done').stdout.trim();
    const before = fingerprint(sh.world);
    expect(sh.exec('docker exec done ip a')).toMatchObject({
      stderr: `Error response from daemon: container ${id} is not running\n`,
      status: 1,
    });
    expect(sh.exec('docker kill done').stderr).toBe(`Error response from daemon: container ${id} is not running\n`);
    expect(sh.exec('docker rm web').stderr).toBe(
      'Error response from daemon: cannot remove container "/web": container is running: stop the container before removing or force remove\n',
    );
    expect(sh.exec('docker stop nope').stderr).toBe('Error response from daemon: No such container: nope\n');
    expect(sh.exec('docker kill -s BOGUS web').stderr).toBe('Error response from daemon: Invalid signal: BOGUS\n');
    expect(sh.exec('docker stop').stderr).toMatch(/^"docker stop" requires at least 1 argument\./);
    expect(fingerprint(sh.world)).toBe(before);
    // an exited container goes without -f
    expect(sh.exec('docker rm done')).toMatchObject({ status: 0, stdout: 'done\n' });
  });

  it('container prune removes what does not run, as the CLI prints it', () => {
    const sh = build(['docker run -d --name web nginx', 'docker run --name ea alpine true']);
    expect(sh.exec('docker run --name eb alpine false').status).toBe(1);
    const ids = ['eb', 'ea'].map((n) => sh.exec(`docker inspect -f "{{.Id}}" ${n}`).stdout.trim());
    expect(sh.exec('docker container prune').stderr).toMatch(/cannot answer: add -f/);
    const r = sh.exec('docker container prune -f');
    expect(r.stdout).toBe(`Deleted Containers:\n${ids.map((i) => `${i}\n`).join('')}\nTotal reclaimed space: 0B\n`);
    expect(sh.exec('docker ps -aq').stdout).toBe(sh.exec('docker ps -q').stdout);
    expect(sh.exec('docker container prune -f').stdout).toBe('Total reclaimed space: 0B\n');
  });
});

describe('ages as go-units prints them', () => {
  it.each([
    [400, 'Less than a second'],
    [1000, '1 second'],
    [59_999, '59 seconds'],
    [60_000, 'About a minute'],
    [150_000, '2 minutes'],
    [3_600_000 * 1.4, 'About an hour'],
    [3_600_000 * 5, '5 hours'],
    [3_600_000 * 72, '3 days'],
  ])('%d ms: %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
