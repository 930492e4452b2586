// Golden traces: what each probe of the public scenarios does, step by step. The browser
// animates these events; a change here is a change a learner sees. Regenerate on purpose with
// NETLAB_UPDATE_GOLDEN=1 and read the diff.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../core/trace.ts';
import { formatTraceEvent } from '../core/trace-format.ts';
import { logicalLines } from './lex.ts';
import { Shell } from './shell.ts';

const scenarios = join(import.meta.dirname, '..', '..', 'conformance', 'scenarios');
const golden = join(import.meta.dirname, '..', 'core', 'golden');
const PUBLIC = [
  '01-veth-pair',
  '02-bridge-nat-portmap',
  '03-two-hosts-static-routes',
  '04-macvlan-modes',
  '05-docker-bridge',
  '06-bad-input',
];

function traceOf(name: string): string {
  const sh = new Shell();
  // the scenario's probes as they were recorded (one probe per traceroute hop, 8 hops at most)
  sh.recorderProbes = true;
  const events: TraceEvent[] = [];
  sh.world.onTrace((e) => events.push(e));
  let out = '';
  for (const { line, text } of logicalLines(readFileSync(join(scenarios, `${name}.sh`), 'utf8'))) {
    events.length = 0;
    const r = sh.exec(text);
    if (r.kind !== 'probe') continue;
    out += `## line ${line}: ${text}\n## => ${JSON.stringify(r.record)}\n`;
    out += events.map((e) => formatTraceEvent(e).replace(/([0-9a-f]{2}:){5}[0-9a-f]{2}/g, 'MAC')).join('\n') + '\n\n';
  }
  return out;
}

describe('golden traces of the public scenarios', () => {
  for (const name of PUBLIC) {
    it(`${name}`, () => {
      const file = join(golden, `${name}.trace`);
      const got = traceOf(name);
      if (process.env['NETLAB_UPDATE_GOLDEN'] || !existsSync(file)) {
        mkdirSync(golden, { recursive: true });
        writeFileSync(file, got);
      }
      expect(got).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('a NAT trace shows the source rewrite and its reversal on the reply', () => {
    const t = traceOf('02-bridge-nat-portmap');
    const probe = t.split('\n\n').find((b) => b.startsWith('## line 53'))!;
    expect(probe).toMatch(/POSTROUTING SNAT 192\.168\.1\.1 > 203\.0\.113\.5 => 172\.16\.16\.141 > 203\.0\.113\.5/);
    expect(probe).toMatch(/PREROUTING DNAT 203\.0\.113\.5 > 172\.16\.16\.141 => 203\.0\.113\.5 > 192\.168\.1\.1/);
  });

  it('a dropped packet names its reason and the fix', () => {
    const t = traceOf('03-two-hosts-static-routes');
    const probe = t.split('\n\n').find((b) => b.startsWith('## line 47'))!;
    expect(probe).toMatch(
      /host0\/br0 DROP ip-forward-off: .*net\.ipv4\.ip_forward is 0 in host0 \(fix: ip netns exec host0 sysctl -w net\.ipv4\.ip_forward=1\)/,
    );
  });
});
