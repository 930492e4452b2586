// iptables-restore: a whole ruleset as iptables-save prints it, read in one go.
//
//   *filter
//   :INPUT ACCEPT [0:0]
//   :MYCHAIN - [0:0]
//   -A INPUT -j MYCHAIN
//   COMMIT
//
// Without --noflush each table named is replaced: its rules flushed and its user chains
// deleted, then rebuilt from the input. Each rule line is an iptables command run against a
// copy of the tables, so it is checked exactly as `iptables` checks it; the copies replace the
// namespace's tables only when the whole input was read. Unlike iptables-restore, which keeps
// the tables it committed before a failing line, a refused input changes nothing: a refused
// command in the lab always leaves the world as it was.

import { hashlimitSync } from '../core/netfilter/hashlimit.ts';
import { recentPrune } from '../core/netfilter/recent.ts';
import type { Netns } from '../core/netns.ts';
import { cloneTable, newTable, TABLE_NAMES, type Table, type TableName } from '../core/netfilter/rule.ts';
import { iptablesAppendLine, withKernel } from './iptables.ts';
import { LexError, splitWords } from './lex.ts';
import { CmdError, type ExecResult, ok } from './result.ts';

const V = 'iptables-restore v1.8.9 (nf_tables)';

export function iptablesRestore(ns: Netns, text: string, args: readonly string[] = []): ExecResult {
  return withKernel(ns, () => restore(ns, text, args));
}

function restore(ns: Netns, text: string, args: readonly string[]): ExecResult {
  const noflush = args.includes('-n') || args.includes('--noflush');
  const withCounters = args.includes('-c') || args.includes('--counters');
  for (const a of args)
    if (!['-n', '--noflush', '-c', '--counters', '-w', '--wait'].includes(a)) throw new CmdError(`${V}: unknown option "${a}"`, 1);
  const tables: Record<TableName, Table> = { ...ns.tables };
  const work = { tables };
  let current: TableName | null = null;
  const lines = text.split('\n');
  const fail = (n: number, why: string): CmdError => new CmdError(`${why ? `${V}: ${why}\n` : ''}Error occurred at line: ${n}`, 1);
  for (let n = 1; n <= lines.length; n++) {
    const line = lines[n - 1]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('*')) {
      if (current !== null) throw fail(n, '');
      const name = line.slice(1);
      if (!TABLE_NAMES.includes(name as TableName)) throw fail(n, `table '${name}' does not exist`);
      current = name as TableName;
      // a fresh table to fill, or a copy to change: the namespace's own is untouched until the end
      tables[current] = noflush ? cloneTable(tables[current]) : newTable(current);
      continue;
    }
    if (current === null) throw fail(n, '');
    if (line === 'COMMIT') {
      current = null;
      continue;
    }
    const t = tables[current];
    if (line.startsWith(':')) {
      const [name = '', policy = ''] = line.slice(1).split(/\s+/);
      const c = t.chains.get(name);
      if (policy === '-') {
        if (c?.policy) throw fail(n, `Chain '${name}' is built-in`);
        if (!c) run(work, current, ['-N', name], n);
      } else if (c?.policy) {
        run(work, current, ['-P', name, policy], n);
        // with -c the policy's counters are the line's [PKTS:BYTES]
        const m = /\[(\d+):(\d+)\]/.exec(line);
        const set = tables[current].chains.get(name)!;
        if (withCounters && m) {
          set.pkts = Number(m[1]);
          set.bytes = Number(m[2]);
        }
      } else throw fail(n, `Chain '${name}' does not exist`);
      continue;
    }
    // `[PKTS:BYTES] -A …`: the rule's counters, taken with -c and skipped without
    let body = line;
    let counters: [number, number] | null = null;
    if (line.startsWith('[')) {
      const m = /^\[(\d+):(\d+)\]\s*/.exec(line);
      if (!m)
        throw new CmdError(
          `${V}: Bad line ${n}: need ]\nError occurred at line: ${n}\nTry \`iptables-restore -h' or 'iptables-restore --help' for more information.`,
          2,
        );
      body = line.slice(m[0].length);
      if (withCounters) counters = [Number(m[1]), Number(m[2])];
    }
    let words: string[];
    try {
      words = splitWords(body);
    } catch (e) {
      if (e instanceof LexError) throw fail(n, e.message);
      throw e;
    }
    // (only with -c: a set of every rule per line would make a large restore quadratic)
    const before = counters ? new Set([...t.chains.values()].flatMap((c) => c.rules)) : null;
    run(work, current, words, n);
    if (counters && before)
      for (const c of tables[current].chains.values())
        for (const r of c.rules)
          if (!before.has(r)) {
            r.pkts = counters[0];
            r.bytes = counters[1];
          }
  }
  // xtables-restore counts the line after the last one it read
  if (current !== null) throw new CmdError(`iptables-restore: COMMIT expected at line ${lines.length}`, 1);
  for (const name of TABLE_NAMES) ns.tables[name] = tables[name];
  recentPrune(ns.tables);
  hashlimitSync(ns.tables, ns.world.clock.now());
  return ok();
}

function run(work: Pick<Netns, 'tables'>, table: TableName, words: string[], n: number): void {
  try {
    iptablesAppendLine(work, table, words);
  } catch (e) {
    if (e instanceof CmdError) throw new CmdError(`${e.message}\nError occurred at line: ${n}`, 1);
    throw e;
  }
}
