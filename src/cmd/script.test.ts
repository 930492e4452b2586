// The exported script is the topology: run it anywhere and get the same network. Checked on
// every recorded scenario: export the world as it stands before the first probe, rebuild it
// from the script alone, run the rest of the scenario, and compare with the kernel.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshot } from '../core/snapshot.ts';
import { compareRecords, parseJsonl } from './compare.ts';
import { logicalLines } from './lex.ts';
import { replayScenario } from './replay.ts';
import { toScript } from './script.ts';
import { Shell } from './shell.ts';

const root = join(import.meta.dirname, '..', '..', 'conformance');
const PROBE = /^(ip netns exec \S+ )?(ping|traceroute|curl)\b/;
const scenarios = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.sh') && existsSync(join(root, 'recorded', f.replace(/\.sh$/, '.jsonl'))))
  .sort();

describe('the exported script rebuilds the same network', () => {
  for (const name of scenarios) {
    const lines = logicalLines(readFileSync(join(root, 'scenarios', name), 'utf8'));
    const firstProbe = lines.findIndex((l) => PROBE.test(l.text));
    if (firstProbe <= 0) continue;
    // docker lines keep daemon state a script of primitives does not carry
    if (lines.some((l) => /^(ip netns exec \S+ )?docker\b/.test(l.text))) continue;
    it(`${name}: export before line ${lines[firstProbe]!.line}, rebuild, and the probes still match the kernel`, () => {
      const original = new Shell();
      for (const l of lines.slice(0, firstProbe)) original.exec(l.text);
      const script = toScript(snapshot(original.world));

      const rebuilt = new Shell();
      const refused = replayScenario(script, rebuilt).filter((r) => r.includes('"error"'));
      expect(refused, 'the exported script runs without a refusal').toEqual([]);

      const expected = parseJsonl(readFileSync(join(root, 'recorded', name.replace(/\.sh$/, '.jsonl')), 'utf8'));
      const rest = new Set(lines.slice(firstProbe).map((l) => l.line));
      for (const [k, r] of [...expected]) if (!rest.has(k) || r.kind === 'show') expected.delete(k);
      const actual = new Map<number, Record<string, unknown> & { line?: number; kind?: string }>();
      for (const { line, text } of lines.slice(firstProbe)) {
        const r = rebuilt.exec(text);
        if (r.kind === 'probe' && r.record) actual.set(line, { line, ...r.record });
        else if (r.status !== 0) actual.set(line, { line, kind: 'error' });
      }
      const c = compareRecords(expected, actual);
      expect(c.mismatches).toEqual([]);
    });
  }
});
