import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, helpText } from './help.ts';
import { Shell } from './shell.ts';

/** the command names Shell.dispatch has a case for, read from its source */
function dispatched(): string[] {
  const src = readFileSync(join(import.meta.dirname, 'shell.ts'), 'utf8');
  const body = src.slice(src.indexOf('private dispatch('));
  return [...body.matchAll(/^\s*case '([^']+)':/gm)].map((m) => m[1]!);
}

describe('help', () => {
  it('lists exactly the commands the shell dispatches', () => {
    expect(COMMANDS.map((c) => c.name).sort()).toEqual([...new Set(dispatched())].sort());
  });

  it('prints every command with its usage', () => {
    const out = new Shell().exec('help').stdout;
    for (const c of COMMANDS) for (const u of c.usage) expect(out).toContain(u);
  });

  it('gives one command its usage, and says so for an unknown one', () => {
    const sh = new Shell();
    expect(sh.exec('help ping').stdout).toBe(`${COMMANDS.find((c) => c.name === 'ping')!.usage.join('\n')}\n`);
    const r = sh.exec('help nosuch');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(helpText(['nosuch']).text);
  });

  it('answers an unknown command as bash does, with a pointer to help', () => {
    const r = new Shell().exec('ifconfg -a');
    expect(r.status).toBe(127);
    expect(r.stderr).toBe('bash: ifconfg: command not found\nnetlab: `help` lists the commands this lab understands\n');
  });

  it('knows every command it lists (none is "command not found")', () => {
    const sh = new Shell();
    for (const c of COMMANDS) expect(sh.exec(c.name).stderr, c.name).not.toContain('command not found');
  });
});
