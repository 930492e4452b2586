// iptables' own rule tests (extensions/*.t of the iptables source), replayed through the lab's
// iptables against what the real iptables 1.8.9 (nf_tables) did with each rule on a real
// kernel (conformance/iptables-t.jsonl, made by scripts/record-iptables-t.mjs): the same
// verdict for every rule, and for every rule both take, the same lines in `iptables -S`,
// `iptables -L -n` and `iptables -L`.

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
  /** the lines the rule adds to `iptables -L CHAIN -n` */
  listed?: string[];
  /** the lines the rule adds to `iptables -L CHAIN` (names) */
  named?: string[];
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

/**
 * Rules whose `iptables -L` lines (with -n, or with names) the lab does not print as iptables
 * does yet, per file. As NOT_YET: the count may only shrink.
 */
const LIST_NOT_YET: Readonly<Record<string, number>> = {};

interface Outcome {
  rec: RuleRec;
  labOk: boolean;
  labSaved: string[];
  labListed: string[];
  labNamed: string[];
  labError: string;
}

/** the rule lines of `iptables -L CHAIN`, its two header lines dropped */
function listRules(sh: Shell, table: string, chain: string, numeric: boolean): string[] {
  return sh
    .exec(`iptables -t ${table} -L ${chain}${numeric ? ' -n' : ''}`)
    .stdout.split('\n')
    .slice(2)
    .filter(Boolean);
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
    const beforeN = listRules(sh, r.table, r.chain, true);
    const beforeL = listRules(sh, r.table, r.chain, false);
    const res = sh.exec(`iptables -t ${r.table} -A ${r.chain} ${r.args}`);
    const labOk = res.status === 0;
    const labSaved = labOk ? added(before, listChain(sh, r.table, r.chain)) : [];
    const labListed = labOk ? added(beforeN, listRules(sh, r.table, r.chain, true)) : [];
    const labNamed = labOk ? added(beforeL, listRules(sh, r.table, r.chain, false)) : [];
    if (labOk) {
      sh.exec(`iptables -t ${r.table} -D ${r.chain} ${r.args}`);
      if (added(before, listChain(sh, r.table, r.chain)).length) sh.exec(`iptables -t ${r.table} -F ${r.chain}`);
    }
    out.push({ rec: r, labOk, labSaved, labListed, labNamed, labError: res.stderr.trim() });
  }
  return out;
}

const outcomes = replay();
const agrees = (o: Outcome) => o.labOk === o.rec.ok && (!o.labOk || JSON.stringify(o.labSaved) === JSON.stringify(o.rec.saved));
const bothOk = outcomes.filter((o) => o.labOk && o.rec.ok);
const sameVerdict = outcomes.filter((o) => o.labOk === o.rec.ok).length;
const samePrint = bothOk.filter(agrees).length;
const recListed = bothOk.filter((o) => o.rec.listed !== undefined);
const sameLine = (lab: string[], rec: string[] | undefined) => JSON.stringify(lab) === JSON.stringify(rec);
const listAgrees = (o: Outcome) => sameLine(o.labListed, o.rec.listed) && sameLine(o.labNamed, o.rec.named);
const sameListed = recListed.filter((o) => sameLine(o.labListed, o.rec.listed)).length;
const sameNamed = recListed.filter((o) => sameLine(o.labNamed, o.rec.named)).length;
const showList = (o: Outcome) =>
  `${o.rec.file}:${o.rec.line} ${o.rec.table} ${o.rec.chain} ${o.rec.args}\n  kernel -n: ${JSON.stringify(o.rec.listed)}\n  lab    -n: ${JSON.stringify(o.labListed)}\n  kernel:    ${JSON.stringify(o.rec.named)}\n  lab:       ${JSON.stringify(o.labNamed)}`;
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

  const listNotYet = Object.values(LIST_NOT_YET).reduce((a, b) => a + b, 0);
  it(`lists every rule both take as iptables -L (-n ${sameListed}/${recListed.length}, names ${sameNamed}/${recListed.length}), but for ${listNotYet} listed as not yet`, () => {
    const byFile = new Map<string, Outcome[]>();
    for (const o of recListed.filter((x) => !listAgrees(x))) byFile.set(o.rec.file, [...(byFile.get(o.rec.file) ?? []), o]);
    const wrong: string[] = [];
    for (const [f, os] of byFile) if (os.length > (LIST_NOT_YET[f] ?? 0)) wrong.push(...os.map(showList));
    for (const [f, n] of Object.entries(LIST_NOT_YET)) {
      const have = byFile.get(f)?.length ?? 0;
      if (have < n) wrong.push(`${f}: ${have} disagreements now, LIST_NOT_YET says ${n}: lower it`);
    }
    expect(wrong.join('\n')).toBe('');
  });
});
