// Property: whatever a person types, the interpreter answers without throwing or hanging,
// and a refused line leaves the world byte-for-byte as it was.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../core/snapshot.ts';
import { mutatedLine, randomLine } from './fuzz.ts';
import { logicalLines } from './lex.ts';
import { Shell } from './shell.ts';

const dir = join(import.meta.dirname, '..', '..', 'conformance', 'scenarios');
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith('.sh'))
  .flatMap((f) => logicalLines(readFileSync(join(dir, f), 'utf8')).map((l) => l.text));
const setup = logicalLines(readFileSync(join(dir, '02-bridge-nat-portmap.sh'), 'utf8'))
  .map((l) => l.text)
  .filter((l) => !/\b(ping|curl|traceroute)\b/.test(l));
const RUNS = Number(process.env['NETLAB_FUZZ_RUNS'] ?? 300);
// the long job (npm run fuzz) runs for many minutes: the time allowed grows with the runs
const TIMEOUT = Math.max(60_000, RUNS * 40);
let linesRun = 0;

function check(lines: string[]): void {
  const sh = new Shell();
  for (const l of setup) sh.exec(l);
  for (const line of lines) {
    linesRun++;
    const before = fingerprint(sh.world);
    const r = sh.exec(line);
    expect(typeof r.status).toBe('number');
    // a partial refusal (sysctl with several keys) keeps what it did before the failure
    if (r.status !== 0 && r.kind !== 'probe' && !r.partial) {
      // (unless bash sent the message where the line redirected it: `CMD 2> FILE`, `&> FILE`, `>& FILE`,
      // or the status is a negation's: `! CMD`)
      if (!/[2&]>|>&|(^|\s)!\s/.test(line)) expect(r.stderr.length, `refused without a message: ${line}`).toBeGreaterThan(0);
      expect(fingerprint(sh.world), `refused but changed the world: ${line}`).toBe(before);
    }
  }
}

describe('the interpreter under random and mutated input', () => {
  it(
    'random lines of the dialect never throw and refusals change nothing',
    () => {
      fc.assert(fc.property(fc.array(randomLine, { minLength: 1, maxLength: 8 }), check), { numRuns: RUNS });
    },
    TIMEOUT,
  );

  it(
    'mutated corpus lines never throw and refusals change nothing',
    () => {
      fc.assert(fc.property(fc.array(mutatedLine(corpus), { minLength: 1, maxLength: 8 }), check), { numRuns: RUNS });
      // the volume, for the record
      console.log(`fuzz: ${linesRun.toLocaleString('en-US')} command lines checked`);
    },
    TIMEOUT,
  );
});
