// The CLI as a user runs it: a child process, its exit status, stdout and stderr.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayScenario } from '../cmd/replay.ts';
import { MAX_SCENARIO_BYTES } from './io.ts';

const repo = resolve(import.meta.dirname, '..', '..');
const tsx = join(repo, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const dir = mkdtempSync(join(tmpdir(), 'netlab-cli-'));

// Each child starts tsx, which takes seconds on a loaded machine: the budgets below are generous
// so the tests never flake, and they assert what the CLI did, never how fast.
const SPAWN = { timeout: 120_000 };
// a regression (reading /dev/zero or an endless pipe to the end) fails the test instead of
// growing without bound for long
const ENDLESS = 60_000;

function netlab(args: string[], timeout = SPAWN.timeout): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [tsx, join(repo, 'src', 'cli', 'netlab.ts'), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('netlab reads files with a size cap', { timeout: 600_000 }, () => {
  it('refuses a file over the cap with a message naming it and the limit, and a non-zero status', () => {
    const big = join(dir, 'big.sh');
    writeFileSync(big, 'ip netns list\n'.repeat(Math.ceil((MAX_SCENARIO_BYTES + 1) / 14)));
    for (const cmd of ['replay', 'run', 'trace']) {
      const r = netlab([cmd, big]);
      expect(r.status, cmd).toBe(2);
      expect(r.stdout, cmd).toBe('');
      expect(r.stderr, cmd).toBe(`netlab: ${big} is larger than 4 MiB, the most a scenario may hold; not reading it\n`);
    }
  });

  it('refuses /dev/zero and an endless pipe instead of growing without end', () => {
    expect(netlab(['replay', '/dev/zero'], ENDLESS)).toMatchObject({ status: 2, stdout: '' });
    // `yes` never ends: a real pipe (spawnSync's own input is a socket, which /dev/stdin cannot open)
    const cli = [process.execPath, tsx, join(repo, 'src', 'cli', 'netlab.ts')].map((w) => `'${w}'`).join(' ');
    const piped = spawnSync('sh', ['-c', `yes 'ip netns list' | ${cli} replay /dev/stdin`], { encoding: 'utf8', timeout: ENDLESS });
    expect(piped.status).toBe(2);
    expect(piped.stdout).toBe('');
    expect(piped.stderr).toMatch(/\/dev\/stdin is larger than 4 MiB/);
  });
});

describe('netlab output', { timeout: 600_000 }, () => {
  it('replay prints the same records, one line each, as the core makes them', () => {
    const file = join(repo, 'conformance', 'scenarios', '02-bridge-nat-portmap.sh');
    const r = netlab(['replay', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      replayScenario(readFileSync(file, 'utf8'))
        .map((l) => `${l}\n`)
        .join(''),
    );
  });

  it('run and trace show a scenario’s escape sequences instead of sending them to the terminal', () => {
    const file = join(dir, 'escapes.sh');
    // (quoted: an unquoted ; ends a command, as in bash)
    writeFileSync(file, "ip netns add '\x1b]52;c;aGk=\x07x\x1b]0;title\x07'\nip netns list\nping -c 1 \x1b[2J\x9b31m10.0.0.1\n");
    for (const cmd of ['run', 'trace']) {
      const r = netlab([cmd, file]);
      expect(r.status, cmd).toBe(0);
      expect(r.stdout, cmd).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
      expect(r.stdout, cmd).toContain('ping -c 1 ^[[2JM-^[31m10.0.0.1');
    }
    expect(netlab(['run', file]).stdout).toContain('\n^[]52;c;aGk=^Gx^[]0;title^G\n');
    const replay = netlab(['replay', file]);
    expect(replay.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(JSON.parse(replay.stdout.trim().split('\n').pop()!).dst).toBe('\x1b[2J\x9b31m10.0.0.1');
  });
});
