// iptables' own rule tests (extensions/*.t of the iptables source), replayed through the lab's
// iptables against what the real iptables 1.8.9 (nf_tables) did with each rule on a real
// kernel (conformance/iptables-t.jsonl, made by scripts/record-iptables-t.mjs): the same
// verdict for every rule, and for every rule both take, the same lines in `iptables -S`.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Shell } from './shell.ts';

interface RuleRec {
  file: string;
  line: number;
  table: string;
  chain: string;
  args: string;
  ok: boolean;
  saved?: string[];
  error?: string;
}
interface CmdRec {
  file: string;
  line: number;
  cmd: string;
  ok?: boolean;
  skipped?: boolean;
}
type Rec = RuleRec | CmdRec;

const recs: Rec[] = readFileSync(new URL('../../conformance/iptables-t.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Rec)
  .filter((r) => 'file' in r);

/**
 * Rules the lab does not agree on yet, per file (extensions and tables still to come). The
 * count may only shrink: a file that agrees on more rules than listed fails until the entry
 * is lowered. Never a rule the lab takes and iptables refuses: those fail regardless.
 */
const NOT_YET: Readonly<Record<string, number>> = {};

interface Outcome {
  rec: RuleRec;
  labOk: boolean;
  labSaved: string[];
  labError: string;
}

function listChain(sh: Shell, table: string, chain: string): string[] {
  return sh
    .exec(`iptables -t ${table} -S ${chain}`)
    .stdout.split('\n')
    .filter((l) => l.startsWith(`-A ${chain} `));
}

function added(before: string[], after: string[]): string[] {
  const left = [...before];
  return after.filter((l) => {
    const i = left.indexOf(l);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

function replay(): Outcome[] {
  const out: Outcome[] = [];
  let file = '';
  let sh = new Shell();
  for (const r of recs) {
    if (r.file !== file) {
      file = r.file;
      sh = new Shell();
    }
    if ('cmd' in r) {
      if (!r.skipped) sh.exec(r.cmd);
      continue;
    }
    const before = listChain(sh, r.table, r.chain);
    const res = sh.exec(`iptables -t ${r.table} -A ${r.chain} ${r.args}`);
    const labOk = res.status === 0;
    const labSaved = labOk ? added(before, listChain(sh, r.table, r.chain)) : [];
    if (labOk) {
      sh.exec(`iptables -t ${r.table} -D ${r.chain} ${r.args}`);
      if (added(before, listChain(sh, r.table, r.chain)).length) sh.exec(`iptables -t ${r.table} -F ${r.chain}`);
    }
    out.push({ rec: r, labOk, labSaved, labError: res.stderr.trim() });
  }
  return out;
}

const outcomes = replay();
const agrees = (o: Outcome) => o.labOk === o.rec.ok && (!o.labOk || JSON.stringify(o.labSaved) === JSON.stringify(o.rec.saved));
const bothOk = outcomes.filter((o) => o.labOk && o.rec.ok);
const sameVerdict = outcomes.filter((o) => o.labOk === o.rec.ok).length;
const samePrint = bothOk.filter(agrees).length;
const show = (o: Outcome) =>
  `${o.rec.file}:${o.rec.line} ${o.rec.table} ${o.rec.chain} ${o.rec.args}\n  kernel: ${o.rec.ok ? JSON.stringify(o.rec.saved) : o.rec.error}\n  lab:    ${o.labOk ? JSON.stringify(o.labSaved) : o.labError}`;

describe(`iptables' own .t rules: verdict ${sameVerdict}/${outcomes.length}, printed form ${samePrint}/${bothOk.length}`, () => {
  it('takes no rule the real iptables refuses', () => {
    expect(
      outcomes
        .filter((o) => o.labOk && !o.rec.ok)
        .map(show)
        .join('\n'),
    ).toBe('');
  });

  const notYet = Object.values(NOT_YET).reduce((a, b) => a + b, 0);
  it(`agrees on every other rule, but for ${notYet} listed as not yet`, () => {
    const byFile = new Map<string, Outcome[]>();
    for (const o of outcomes.filter((x) => !agrees(x))) byFile.set(o.rec.file, [...(byFile.get(o.rec.file) ?? []), o]);
    const wrong: string[] = [];
    for (const [f, os] of byFile) if (os.length > (NOT_YET[f] ?? 0)) wrong.push(...os.map(show));
    for (const [f, n] of Object.entries(NOT_YET)) {
      const have = byFile.get(f)?.length ?? 0;
      if (have < n) wrong.push(`${f}: ${have} disagreements now, NOT_YET says ${n}: lower it`);
    }
    expect(wrong.join('\n')).toBe('');
  });
});
