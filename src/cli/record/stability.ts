// Two recordings of one scenario, merged: the first is kept, and a show line whose output
// differs between them (after normalisation) is marked `unstable`, so that no test scores
// what the kernel itself does not repeat. Probe records that differ are reported: the
// scenario must be changed so that they do not.

import { splitWords } from '../../cmd/lex.ts';
import { normaliseCapture } from '../../cmd/capture-record.ts';
import { normaliseShow, scenarioMacs } from '../../cmd/show-record.ts';
import { pyJson, type Record_ } from './observe.ts';
import { splitNs } from './script.ts';

export interface Merged {
  /** the recording, one JSON object per line */
  readonly text: string;
  /** show lines marked unstable */
  readonly unstable: number[];
  /** lines whose probe or error records differ between the runs */
  readonly differing: number[];
}

function parse(run: string): Record_[] {
  return run
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record_);
}

const key = (r: Record_): string => `${String(r['line'])}/${String(r['kind'])}`;

export function mergeRuns(runs: readonly string[], scenario: string): Merged {
  const [first, ...others] = runs.map(parse);
  if (!first) return { text: '', unstable: [], differing: [] };
  const keep = scenarioMacs(scenario);
  const unstable: number[] = [];
  const differing: number[] = [];
  const out: Record_[] = [];
  for (const rec of first) {
    const same = others.map((o) => o.find((r) => key(r) === key(rec)));
    if (rec['kind'] === 'show' || rec['kind'] === 'log') {
      const argv = splitNs(splitWords(String(rec['cmd'])))[1];
      const norm = (r: Record_ | undefined): string =>
        r ? `${normaliseShow(argv, String(r['stdout']), keep)}\0${normaliseShow(argv, String(r['stderr']), keep)}` : '';
      const mine = norm(rec);
      if (same.some((r) => norm(r) !== mine)) {
        unstable.push(Number(rec['line']));
        out.push({ ...rec, unstable: true });
        continue;
      }
    } else if (rec['kind'] === 'capture') {
      const norm = (r: Record_ | undefined): string => (r ? normaliseCapture(String(r['stdout']), keep) : '');
      const mine = norm(rec);
      if (same.some((r) => norm(r) !== mine)) {
        unstable.push(Number(rec['line']));
        out.push({ ...rec, unstable: true });
        continue;
      }
    } else if (rec['kind'] === 'error') {
      // a refusal's message may hold a moment (curl's `after 1001 ms`): compared as show output is
      const argv = splitNs(splitWords(String(rec['cmd'])))[1];
      const norm = (r: Record_ | undefined): string => (r ? normaliseShow(argv, String(r['stderr']), keep) : '');
      if (same.some((r) => !r || norm(r) !== norm(rec))) differing.push(Number(rec['line']));
    } else if (same.some((r) => !r || pyJson(r) !== pyJson(rec))) {
      differing.push(Number(rec['line']));
    }
    out.push(rec);
  }
  for (const o of others) for (const r of o) if (!first.some((x) => key(x) === key(r))) differing.push(Number(r['line']));
  return { text: out.map((r) => `${pyJson(r)}\n`).join(''), unstable, differing: [...new Set(differing)].sort((a, b) => a - b) };
}
