// nc -l in a terminal's foreground: a live job of the shell that prints what netcat writes as
// it comes and ends when netcat exits (its connection over, without -k) or on SIGINT.

import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

function lab(): Shell {
  const sh = new Shell();
  for (const l of [
    'ip netns add a',
    'ip netns add b',
    'ip link add va netns a type veth peer name vb netns b',
    'ip -n a addr add 10.0.0.1/24 dev va',
    'ip -n b addr add 10.0.0.2/24 dev vb',
    'ip -n a link set va up',
    'ip -n b link set vb up',
  ])
    expect(sh.exec(l).status, l).toBe(0);
  return sh;
}

describe('nc -l in the foreground', () => {
  it('-v: listening at once, the connection when it comes; it exits when that connection ends', () => {
    const sh = lab();
    const r = sh.exec('nc -lvn 8080', 'b');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('Listening on 0.0.0.0 8080\n');
    const job = sh.jobs.find((j) => j.serial === r.job)!;
    expect(job.running).toBe(true);
    expect(sh.exec('ss -tln', 'b').stdout).toContain('0.0.0.0:8080');
    expect(sh.exec('nc -z 10.0.0.2 8080', 'a').status).toBe(0);
    const news = job.collect();
    expect(news.stderr).toMatch(/^Connection received on 10\.0\.0\.1 \d+\n$/);
    expect(job.running).toBe(false);
    expect(sh.exec('ss -tln', 'b').stdout).not.toContain(':8080');
  });

  it('SIGINT ends it: its listening socket closes', () => {
    const sh = lab();
    const r = sh.exec('nc -l 8080', 'b');
    expect(r.stdout + r.stderr).toBe('');
    expect(sh.interruptJob(r.job!)).toEqual({ stdout: '', stderr: '\n', status: 0 });
    expect(sh.exec('ss -tln', 'b').stdout).not.toContain(':8080');
    expect(sh.exec('nc -z 10.0.0.2 8080', 'a').status).toBe(1);
  });
});
