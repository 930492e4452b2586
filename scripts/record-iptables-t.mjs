#!/usr/bin/env node
// Record iptables' own rule tests (the `extensions/*.t` files of the iptables source) on the
// real iptables of this machine: for every rule and every chain its file names, whether
// `iptables -A` takes it, the message it prints when it refuses, and the lines it adds to
// `iptables -S CHAIN`, `iptables -L CHAIN -n` (listed) and `iptables -L CHAIN` (named). The truth is what this iptables does, even where a .t file disagrees.
//
//   sudo node scripts/record-iptables-t.mjs DIR_WITH_T_FILES > conformance/iptables-t.jsonl
//
// The .t format: `:CHAIN[,CHAIN…]` names the chains the following rules are added to,
// `*table` the table, `RULE;SAVED;OK|FAIL` one test, `@CMD` / `%CMD` a command run as is
// (only iptables commands are run here; others are recorded as skipped).
//
// Isolation: the script re-executes itself under `unshare --net --mount --fork`, so every
// rule lands in a new, empty network namespace that vanishes when it exits.

import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const [dir, inside] = process.argv.slice(2);
if (!dir) {
  console.error('usage: record-iptables-t.mjs DIR_WITH_T_FILES');
  process.exit(2);
}

if (inside !== '--inside') {
  const r = spawnSync('unshare', ['--net', '--mount', '--fork', process.execPath, self, dir, '--inside'], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

/** one command through bash, as iptables-test.py runs it (shell quoting applies) */
function run(cmd) {
  const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8' });
  return { ok: r.status === 0, out: r.stdout, err: r.stderr.trim() };
}

function listChain(table, chain) {
  return run(`iptables -t ${table} -S ${chain}`)
    .out.split('\n')
    .filter((l) => l.startsWith(`-A ${chain} `));
}

/** the rule lines of `iptables -L CHAIN` (its two header lines dropped), with `-n` or names */
function listRules(table, chain, numeric) {
  return run(`iptables -t ${table} -L ${chain}${numeric ? ' -n' : ''}`)
    .out.split('\n')
    .slice(2)
    .filter(Boolean);
}

/** the lines of `after` that `before` lacks, as a multiset */
function added(before, after) {
  const left = [...before];
  return after.filter((l) => {
    const i = left.indexOf(l);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

function reset() {
  for (const t of ['filter', 'nat', 'mangle', 'raw', 'security']) {
    run(`iptables -t ${t} -F`);
    run(`iptables -t ${t} -X`);
  }
}

const files = readdirSync(dir)
  .filter((f) => /^(lib(ipt|xt)_.*|iptables)\.t$/.test(f))
  .sort();
const version = execFileSync('iptables', ['-V'], { encoding: 'utf8' }).trim();
process.stdout.write(`${JSON.stringify({ version, files: files.length })}\n`);
for (const f of files) {
  reset();
  let table = 'filter';
  let chains = [];
  const lines = readFileSync(join(dir, f), 'utf8').split('\n');
  lines.forEach((raw, idx) => {
    const line = raw.trimEnd();
    const where = { file: basename(f), line: idx + 1 };
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith(':')) {
      chains = line.slice(1).split(',');
      return;
    }
    if (line.startsWith('*')) {
      table = line.slice(1);
      return;
    }
    if (line.startsWith('@') || line.startsWith('%')) {
      const cmd = line.slice(1);
      if (!/^iptables\s/.test(cmd)) {
        process.stdout.write(`${JSON.stringify({ ...where, cmd, skipped: true })}\n`);
        return;
      }
      const r = run(cmd);
      process.stdout.write(`${JSON.stringify({ ...where, cmd, ok: r.ok })}\n`);
      return;
    }
    const args = line.split(';')[0];
    for (const chain of chains) {
      const before = listChain(table, chain);
      const beforeN = listRules(table, chain, true);
      const beforeL = listRules(table, chain, false);
      const r = run(`iptables -t ${table} -A ${chain} ${args}`);
      const rec = { ...where, table, chain, args, ok: r.ok };
      if (r.ok) {
        rec.saved = added(before, listChain(table, chain));
        rec.listed = added(beforeN, listRules(table, chain, true));
        rec.named = added(beforeL, listRules(table, chain, false));
        run(`iptables -t ${table} -D ${chain} ${args}`);
        // a rule -D cannot name again (it should not happen) must not leak into the next test
        if (added(before, listChain(table, chain)).length) run(`iptables -t ${table} -F ${chain}`);
      } else rec.error = r.err;
      process.stdout.write(`${JSON.stringify(rec)}\n`);
    }
  });
}
