// docker port: what a user reads to find where a container is published, in the docker CLI's
// words and order; bad input gets the CLI's message.

import { describe, expect, it } from 'vitest';
import { Shell } from '../shell.ts';
import { naturalLess } from './port.ts';

function build(lines: string[]): Shell {
  const sh = new Shell();
  for (const l of lines) {
    const r = sh.exec(l);
    expect(r.status, `${l}: ${r.stderr}`).toBe(0);
  }
  return sh;
}

describe('docker port', () => {
  const sh = build([
    'docker run -d --name web -p 8443:443 -p 127.0.0.1:8080:80 -p 5353:53/udp nginx',
    'docker run -d --name box alpine sleep infinity',
  ]);

  it('lists every binding in natural order (80 before 443)', () => {
    expect(sh.exec('docker port web').stdout).toBe('53/udp -> 0.0.0.0:5353\n80/tcp -> 127.0.0.1:8080\n443/tcp -> 0.0.0.0:8443\n');
    expect(sh.exec('docker port box')).toMatchObject({ stdout: '', status: 0 });
  });

  it('with a private port, its host addresses; tcp unless a protocol is given', () => {
    expect(sh.exec('docker port web 80').stdout).toBe('127.0.0.1:8080\n');
    expect(sh.exec('docker port web 53/udp').stdout).toBe('0.0.0.0:5353\n');
  });

  it('refuses as the CLI does', () => {
    const cases: Array<[string, string]> = [
      ['docker port web 53', "Error: No public port '53' published for web\n"],
      ['docker port web http', 'Error: invalid port (http): strconv.ParseUint: parsing "http": invalid syntax\n'],
      ['docker port nope', 'Error response from daemon: No such container: nope\n'],
      [
        'docker port',
        "docker: 'docker port' requires at least 1 and at most 2 arguments\n\nUsage:  docker port CONTAINER [PRIVATE_PORT[/PROTO]]\n\nRun 'docker port --help' for more information\n",
      ],
    ];
    for (const [line, stderr] of cases) expect(sh.exec(line), line).toMatchObject({ status: 1, stderr, stdout: '' });
  });

  it('natural order compares runs of digits as numbers', () => {
    expect(naturalLess('80/tcp', '443/tcp')).toBe(true);
    expect(naturalLess('443/tcp', '80/tcp')).toBe(false);
    expect(naturalLess('80/tcp', '80/udp')).toBe(true);
  });
});
