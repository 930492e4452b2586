// The kernel log's readers: dmesg (util-linux 2.38) and journalctl -k (systemd 252), as Debian
// 12 has them. Both read the machine's one log buffer (core/kmsg.ts), from any namespace. The
// machine booted when the virtual clock started, at the clock's epoch, so the uptime in
// `[   12.345678]` and the time of day dmesg -T and journalctl print are the same clock.

import { type KmsgRecord, LOG_LEVELS, type LogLevel } from '../core/kmsg.ts';
import type { World } from '../core/world.ts';
import { ctime, MONTHS, pad2 } from './clock-text.ts';
import { HOSTNAME } from './files.ts';
import { CmdError, type ExecResult, ok } from './result.ts';

/** printk's `[%5lu.%06lu]` */
function uptime(r: KmsgRecord): string {
  const s = Math.floor(r.usec / 1e6);
  return `[${String(s).padStart(5, ' ')}.${String(r.usec % 1e6).padStart(6, '0')}]`;
}

/** the wall-clock time of a record: boot (the clock's epoch, UTC) plus its uptime */
function wall(r: KmsgRecord): Date {
  return new Date(Math.floor(r.usec / 1000));
}

/** journalctl's short output: `Jan 01 00:00:12` */
function syslogTime(d: Date): string {
  return `${MONTHS[d.getUTCMonth()]} ${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

function dmesgUsage(what: string): CmdError {
  return new CmdError(`dmesg: ${what}\nTry 'dmesg --help' for more information.`, 1);
}

/** dmesg -l LIST: level names (or numbers) separated by commas */
function parseLevels(list: string): Set<LogLevel> {
  const out = new Set<LogLevel>();
  for (const w of list.split(',')) {
    if (w === '') continue;
    const n = /^[0-7]$/.test(w) ? Number(w) : (LOG_LEVELS as readonly string[]).indexOf(w);
    if (n < 0) throw new CmdError(`dmesg: unknown level '${w}'`, 1);
    out.add(n as LogLevel);
  }
  return out;
}

const DMESG_LONG: Readonly<Record<string, string>> = {
  '--clear': 'C',
  '--read-clear': 'c',
  '--kernel': 'k',
  '--level': 'l',
  '--raw': 'r',
  '--decode': 'x',
  '--ctime': 'T',
  '--notime': 't',
  '--nopager': 'P',
  '--follow': 'w',
  '--follow-new': 'W',
  '--human': 'H',
  '--json': 'J',
  '--color': 'L',
  '--facility': 'f',
  '--userspace': 'u',
  '--show-delta': 'd',
  '--reltime': 'e',
  '--console-off': 'D',
  '--console-on': 'E',
  '--console-level': 'n',
  '--file': 'F',
  '--force-prefix': 'p',
  '--syslog': 'S',
  '--buffer-size': 's',
  '--help': 'h',
  '--version': 'V',
};
/** options that take a value (the next word, or joined to a short option) */
const DMESG_ARG = new Set(['l', 'f', 'n', 'F', 's']);
/** what dmesg offers that the lab leaves out, refused by name rather than taken to no effect */
const DMESG_UNMODELLED = new Set(['w', 'W', 'H', 'J', 'L', 'f', 'u', 'd', 'e', 'D', 'E', 'n', 'F', 'p', 'S', 's', 'h', 'V']);

/** dmesg [-c|-C] [-T|-t] [-x] [-r] [-l LEVELS] [-k] [-P] */
export function dmesgCommand(w: World, args: readonly string[]): ExecResult {
  const opts = new Set<string>();
  let levels: Set<LogLevel> | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    let letters: string;
    let joined: string | undefined;
    if (a.startsWith('--')) {
      const [name, val] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      const l = DMESG_LONG[name];
      if (!l) throw dmesgUsage(`unrecognized option '${a}'`);
      letters = l;
      joined = val;
    } else if (a.startsWith('-') && a.length > 1) {
      letters = '';
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (!'CckrxTtPwWHJLfudeDEnFpSshVl'.includes(c)) throw dmesgUsage(`invalid option -- '${c}'`);
        letters += c;
        if (DMESG_ARG.has(c)) {
          if (j + 1 < a.length) joined = a.slice(j + 1);
          break;
        }
      }
    } else throw dmesgUsage(`bad usage`);
    for (const c of letters) {
      if (DMESG_UNMODELLED.has(c))
        throw new CmdError(`netlab: dmesg -${c} is not modelled (dmesg [-c|-C] [-T|-t] [-x] [-r] [-l LEVELS] [-k])`, 1);
      if (DMESG_ARG.has(c)) {
        const v = joined ?? args[++i];
        if (v === undefined) throw dmesgUsage(`option requires an argument -- '${c}'`);
        levels = parseLevels(v);
        continue;
      }
      opts.add(c);
    }
  }
  if (opts.has('C')) {
    w.kmsg.clear();
    return ok();
  }
  let out = '';
  for (const r of w.kmsg.read()) {
    if (levels && !levels.has(r.level)) continue;
    let line = '';
    if (opts.has('r')) line += `<${r.level}>`;
    else if (opts.has('x')) line += `${'kern'.padEnd(6)}:${LOG_LEVELS[r.level].padEnd(6)}: `;
    if (!opts.has('t')) line += opts.has('T') && !opts.has('r') ? `[${ctime(r.usec / 1000)}] ` : `${uptime(r)} `;
    out += `${line}${r.text}\n`;
  }
  if (opts.has('c')) w.kmsg.clear();
  return ok(out);
}

const JOURNAL_LONG: Readonly<Record<string, string>> = {
  '--dmesg': 'k',
  '--boot': 'b',
  '--lines': 'n',
  '--reverse': 'r',
  '--output': 'o',
  '--quiet': 'q',
  '--no-pager': 'no-pager',
  '--follow': 'f',
};

/** journalctl [-k] [-b] [-n N] [-r] [-o short|short-monotonic|cat] [-q] [--no-pager] */
export function journalctlCommand(w: World, args: readonly string[]): ExecResult {
  let lines: number | null = null;
  let reverse = false;
  let output = 'short';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    let key: string;
    let val: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      val = eq < 0 ? undefined : a.slice(eq + 1);
      const k = JOURNAL_LONG[name];
      if (!k) throw new CmdError(`journalctl: unrecognized option '${a}'`, 1);
      key = k;
    } else if (/^-[kbnroqf]/.test(a)) {
      key = a[1]!;
      if (a.length > 2) {
        if (key === 'n' || key === 'o') val = a.slice(2);
        else throw new CmdError(`netlab: journalctl ${a} is not modelled: give each option apart (journalctl -k -n 20)`, 1);
      }
    } else if (a.startsWith('-')) throw new CmdError(`journalctl: invalid option -- '${a[1] ?? ''}'`, 1);
    else throw new CmdError(`netlab: journalctl ${a}: matches on journal fields are not modelled (journalctl -k)`, 1);
    switch (key) {
      case 'k':
      case 'b':
      case 'q':
      case 'no-pager':
        // the lab's journal holds this boot's kernel messages only, and has no pager
        break;
      case 'f':
        throw new CmdError(
          'netlab: journalctl -f (follow) is not modelled: the terminal runs one command at a time; run journalctl -k again, or dmesg',
          1,
        );
      case 'r':
        reverse = true;
        break;
      case 'n': {
        // --lines[=N]: N, or the next word when it is a number, or 10
        let v = val;
        if (v === undefined && /^\d+$/.test(args[i + 1] ?? '')) v = args[++i];
        if (v !== undefined && !/^\d+$/.test(v)) throw new CmdError(`Failed to parse lines '${v}'`, 1);
        lines = v === undefined ? 10 : Number(v);
        break;
      }
      case 'o': {
        const v = val ?? args[++i];
        if (v !== 'short' && v !== 'short-monotonic' && v !== 'cat')
          throw new CmdError(
            v === undefined
              ? `journalctl: option requires an argument -- 'o'`
              : `netlab: journalctl -o ${v} is not modelled (short, short-monotonic, cat)`,
            1,
          );
        output = v;
        break;
      }
    }
  }
  let recs = w.kmsg.all();
  if (lines !== null) recs = recs.slice(Math.max(0, recs.length - lines));
  if (reverse) recs = [...recs].reverse();
  if (recs.length === 0) return ok('-- No entries --\n');
  const out = recs.map((r) => {
    if (output === 'cat') return `${r.text}\n`;
    const when = output === 'short-monotonic' ? uptime(r) : syslogTime(wall(r));
    return `${when} ${HOSTNAME} kernel: ${r.text}\n`;
  });
  return ok(out.join(''));
}
