// Every scenario of the project's corpus, replayed through the same core the browser runs,
// must reproduce what the real kernel did on every probe line.

import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../core/snapshot.ts';
import { compareRecords, parseJsonl } from './compare.ts';
import { logicalLines } from './lex.ts';
import { replayScenario } from './replay.ts';
import { Shell } from './shell.ts';
import { compareCaptures, captureRecords } from './capture-record.ts';
import { compareShow, scenarioMacs, showRecords } from './show-record.ts';

const root = join(import.meta.dirname, '..', '..', 'conformance');
const scenarios = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.sh') && existsSync(join(root, 'recorded', f.replace(/\.sh$/, '.jsonl'))))
  .sort();

function load(name: string): { text: string; expected: ReturnType<typeof parseJsonl> } {
  return {
    text: readFileSync(join(root, 'scenarios', name), 'utf8'),
    expected: parseJsonl(readFileSync(join(root, 'recorded', name.replace(/\.sh$/, '.jsonl')), 'utf8')),
  };
}

describe('kernel conformance corpus', () => {
  it('holds the public scenarios and at least 30 of its own', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(36);
  });

  for (const name of scenarios) {
    it(`${name} replays to its kernel recording`, () => {
      const { text, expected } = load(name);
      const actual = parseJsonl(replayScenario(text).join('\n'));
      const c = compareRecords(expected, actual);
      expect(c.mismatches).toEqual([]);
      expect(c.matched).toBe(c.total);
    });
  }
});

describe('refused commands change nothing', () => {
  for (const name of scenarios) {
    const { text, expected } = load(name);
    const refused = new Set([...expected.values()].filter((r) => r.kind === 'error').map((r) => r.line));
    if (refused.size === 0) continue;
    it(`${name}: each of its ${refused.size} refused lines leaves the world as it was`, () => {
      const sh = new Shell();
      for (const { line, text: cmd } of logicalLines(text)) {
        if (!refused.has(line)) {
          sh.exec(cmd);
          continue;
        }
        const before = fingerprint(sh.world);
        const r = sh.exec(cmd);
        expect(r.status, `line ${line} (${cmd}) was refused by the kernel`).not.toBe(0);
        expect(r.stderr.trim(), `line ${line} says why`).not.toBe('');
        // a partial refusal (sysctl with several keys) keeps what it did besides the failure
        if (!r.partial) expect(fingerprint(sh.world), `line ${line} (${cmd}) changed the world`).toBe(before);
      }
    });
  }
});

// Show lines: what the kernel printed, normalised as conformance/README.md says. A line
// listed in conformance/show-pending.txt is a known difference still to fix; any other
// difference fails, and so does a listed line that now matches (the list only shrinks).
describe('show lines print what the kernel printed', () => {
  const pendingFile = join(root, 'show-pending.txt');
  const pending = new Set(
    existsSync(pendingFile)
      ? readFileSync(pendingFile, 'utf8')
          .split('\n')
          .map((l) => l.replace(/#.*/, '').trim())
          .filter(Boolean)
          .map((l) => l.split(/\s+/)[0]!)
      : [],
  );
  for (const name of scenarios) {
    const { text } = load(name);
    const expected = showRecords(readFileSync(join(root, 'recorded', name.replace(/\.sh$/, '.jsonl')), 'utf8'));
    if (expected.size === 0) continue;
    it(`${name}: its ${expected.size} show lines`, () => {
      const c = compareShow(expected, showRecords(replayScenario(text).join('\n')), text);
      const differ = c.mismatches.map((m) => `${name}:${m.line}`);
      const unexpected = c.mismatches.filter((m) => !pending.has(`${name}:${m.line}`));
      expect(unexpected.map((m) => `line ${m.line}: ${m.cmd}\n--- kernel\n${m.expected}\n--- netlab\n${m.actual}`)).toEqual([]);
      const fixed = [...expected.keys()].map((l) => `${name}:${l}`).filter((k) => pending.has(k) && !differ.includes(k));
      expect(fixed, 'these now match: remove them from conformance/show-pending.txt').toEqual([]);
    });
  }
});

// Capture lines: what tcpdump printed on the kernel, normalised as src/cmd/capture-record.ts says.
describe('captures print what tcpdump printed on the kernel', () => {
  for (const name of scenarios) {
    const { text } = load(name);
    const expected = captureRecords(readFileSync(join(root, 'recorded', name.replace(/\.sh$/, '.jsonl')), 'utf8'));
    if (expected.size === 0) continue;
    it(`${name}: its ${expected.size} captures`, () => {
      const c = compareCaptures(expected, captureRecords(replayScenario(text).join('\n')), scenarioMacs(text));
      expect(c.mismatches.map((m) => `line ${m.line}: ${m.cmd}\n--- kernel\n${m.expected}\n--- netlab\n${m.actual}`)).toEqual([]);
      expect(c.matched).toBe(c.total);
    });
  }
});
