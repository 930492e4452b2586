// The text filters a pipeline feeds (`ip a | grep inet | head -2`), as GNU coreutils 9.1,
// grep 3.8, util-linux 2.38's column and mawk print in Debian 12's C locale: each reads its
// FILE operands from the lab's files, or its standard input (what the command before the
// pipe printed). Options the lab does not model are refused by name.

import type { Netns } from '../core/netns.ts';
import type { World } from '../core/world.ts';
import { readFile } from './files.ts';
import { grepCommand } from './grep.ts';
import { CmdError, type ExecResult, ok } from './result.ts';

export const FILTERS = ['grep', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'tr', 'awk', 'column'];

/** what a filter reads: its standard input, or the lab's files */
interface Source {
  readonly stdin: string | null;
  readonly file: (path: string) => string | null;
  readonly cmd: string;
}

function stdinOf(src: Source): string {
  if (src.stdin === null)
    throw new CmdError(
      `netlab: ${src.cmd} would read the terminal, which the lab passes to no command: pipe text into it (CMD | ${src.cmd} …) or name a file`,
      1,
    );
  return src.stdin;
}

function lines(text: string): string[] {
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

const joinLines = (l: readonly string[]): string => l.map((x) => `${x}\n`).join('');

function tryHelp(cmd: string): string {
  return `Try '${cmd} --help' for more information.`;
}

function unmodelled(cmd: string, opt: string, usage: string): CmdError {
  return new CmdError(`netlab: ${cmd} ${opt} is not modelled (${usage})`, 1);
}

/** FILTER ARGS in NS, reading STDIN (null: the terminal) */
export function filterCommand(w: World, ns: Netns, cmd: string, args: readonly string[], stdin: string | null): ExecResult {
  const src: Source = { stdin, file: (p) => readFile(w, ns, p), cmd };
  switch (cmd) {
    case 'grep':
      return grepCommand(args, (f) => (f === '-' ? { name: '(standard input)', text: stdinOf(src) } : { name: f, text: src.file(f) }));
    case 'head':
    case 'tail':
      return headTail(cmd, args, src);
    case 'wc':
      return wc(args, src);
    case 'sort':
      return sort(args, src);
    case 'uniq':
      return uniq(args, src);
    case 'cut':
      return cut(args, src);
    case 'tr':
      return tr(args, src);
    case 'awk':
      return awk(args, src);
    case 'column':
      return column(args, src);
    default:
      throw new CmdError(`bash: ${cmd}: command not found`, 127);
  }
}

/** each FILE's text (or standard input for none or `-`); MISSING formats the error for one that cannot be read */
function inputs(files: readonly string[], src: Source, missing: (f: string) => string): { texts: Array<[string, string]>; err: string } {
  const texts: Array<[string, string]> = [];
  let err = '';
  for (const f of files.length ? files : ['-']) {
    if (f === '-') {
      texts.push(['-', stdinOf(src)]);
      continue;
    }
    const t = src.file(f);
    if (t === null) err += `${missing(f)}\n`;
    else texts.push([f, t]);
  }
  return { texts, err };
}

/** head / tail [-n N | -N | -c N] [FILE]… */
function headTail(cmd: 'head' | 'tail', args: readonly string[], src: Source): ExecResult {
  let count = '10';
  let bytes = false;
  const files: string[] = [];
  const usage = `${cmd} [-n N | -N | -c N] [FILE]…`;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const old = /^-(\d+)$/.exec(a);
    const m = /^(?:-([nc])|--(lines|bytes))(?:=?(.*))$/.exec(a);
    if (old) count = old[1]!;
    else if (m && (m[1] || m[2])) {
      bytes = m[1] === 'c' || m[2] === 'bytes';
      const v = m[3] || args[++i];
      if (v === undefined) throw new CmdError(`${cmd}: option requires an argument -- '${m[1] ?? m[2]}'\n${tryHelp(cmd)}`, 1);
      count = v;
    } else if (a === '-f' || a === '--follow' || a === '-F') throw unmodelled(cmd, a, 'a pipe ends when its command does');
    else if (a.startsWith('-') && a !== '-') throw unmodelled(cmd, a, usage);
    else files.push(a);
  }
  const what = bytes ? 'bytes' : 'lines';
  const m = /^([-+]?)(\d+)$/.exec(count);
  if (!m) throw new CmdError(`${cmd}: invalid number of ${what}: '${count}'`, 1);
  const n = Number(m[2]);
  const take = (text: string): string => {
    if (bytes) {
      if (cmd === 'head') return m[1] === '-' ? text.slice(0, Math.max(0, text.length - n)) : text.slice(0, n);
      return m[1] === '+' ? text.slice(Math.max(0, n - 1)) : n === 0 ? '' : text.slice(-n);
    }
    const l = text.split('\n');
    const whole = l[l.length - 1] === '';
    if (whole) l.pop();
    const end = (x: string[]): string => x.join('\n') + (x.length && (whole || x[x.length - 1] !== l[l.length - 1]) ? '\n' : '');
    if (cmd === 'head') return end(m[1] === '-' ? l.slice(0, Math.max(0, l.length - n)) : l.slice(0, n));
    return end(m[1] === '+' ? l.slice(Math.max(0, n - 1)) : n === 0 ? [] : l.slice(-n));
  };
  const { texts, err } = inputs(files, src, (f) => `${cmd}: cannot open '${f}' for reading: No such file or directory`);
  const many = files.length > 1;
  const out = texts.map(([f, t], i) => (many ? `${i ? '\n' : ''}==> ${f === '-' ? 'standard input' : f} <==\n` : '') + take(t)).join('');
  return { stdout: out, stderr: err, status: err ? 1 : 0 };
}

/** wc [-l] [-w] [-c] [-m] [FILE]… */
function wc(args: readonly string[], src: Source): ExecResult {
  const want = new Set<string>();
  const files: string[] = [];
  const LONG: Record<string, string> = { '--lines': 'l', '--words': 'w', '--bytes': 'c', '--chars': 'm' };
  for (const a of args) {
    if (LONG[a]) want.add(LONG[a]);
    else if (/^-[lwcm]+$/.test(a)) for (const c of a.slice(1)) want.add(c);
    else if (a.startsWith('-') && a !== '-') {
      if (/^-[^-]/.test(a) && !'LlwcmL'.includes(a[1]!)) throw new CmdError(`wc: invalid option -- '${a[1]}'\n${tryHelp('wc')}`, 1);
      throw unmodelled('wc', a, 'wc -l -w -c -m');
    } else files.push(a);
  }
  if (want.size === 0) for (const c of 'lwc') want.add(c);
  const order = ['l', 'w', 'm', 'c'].filter((c) => want.has(c));
  const { texts, err } = inputs(files, src, (f) => `wc: ${f}: No such file or directory`);
  const count = (t: string): number[] =>
    order.map((c) =>
      c === 'l'
        ? (t.match(/\n/g) ?? []).length
        : c === 'w'
          ? (t.match(/[^ \t\n\v\f\r]+/g) ?? []).length
          : c === 'm'
            ? [...t].length
            : new TextEncoder().encode(t).length,
    );
  const rows = texts.map(([f, t]) => ({ name: f === '-' ? '' : f, n: count(t) }));
  if (files.length > 1) rows.push({ name: 'total', n: order.map((_, i) => rows.reduce((s, r) => s + r.n[i]!, 0)) });
  // GNU wc pads to the width of the files' total size, or 7 when standard input is counted; one number alone is not padded
  const fromStdin = texts.some(([f]) => f === '-');
  const total = texts.reduce((s, [, t]) => s + new TextEncoder().encode(t).length, 0);
  const width = order.length === 1 && rows.length === 1 ? 1 : fromStdin ? 7 : String(total).length;
  const out = rows.map((r) => `${r.n.map((x) => String(x).padStart(width)).join(' ')}${r.name ? ` ${r.name}` : ''}\n`).join('');
  return { stdout: out, stderr: err, status: err ? 1 : 0 };
}

interface SortKey {
  readonly start: number;
  readonly startChar: number;
  readonly end: number | null;
  readonly numeric: boolean;
  readonly reverse: boolean;
}

/** sort [-n] [-r] [-u] [-f] [-t SEP] [-k F[.C][,F][nr]]… [FILE]… */
function sort(args: readonly string[], src: Source): ExecResult {
  let numeric = false;
  let reverse = false;
  let unique = false;
  let fold = false;
  let sep: string | null = null;
  const keySpecs: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t' || a === '-k') {
      const v = args[++i];
      if (v === undefined) throw new CmdError(`sort: option requires an argument -- '${a[1]}'\n${tryHelp('sort')}`, 2);
      if (a === '-t') sep = v;
      else keySpecs.push(v);
    } else if (/^-[nrufbtk]/.test(a) && !a.startsWith('--')) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === 't' || c === 'k') {
          const v = a.slice(j + 1) || args[++i];
          if (v === undefined) throw new CmdError(`sort: option requires an argument -- '${c}'\n${tryHelp('sort')}`, 2);
          if (c === 't') sep = v;
          else keySpecs.push(v);
          break;
        }
        if (c === 'n') numeric = true;
        else if (c === 'r') reverse = true;
        else if (c === 'u') unique = true;
        else if (c === 'f') fold = true;
        else throw unmodelled('sort', `-${c}`, 'sort -n -r -u -f -t SEP -k KEY');
      }
    } else if (a.startsWith('-') && a !== '-') throw unmodelled('sort', a, 'sort -n -r -u -f -t SEP -k KEY');
    else files.push(a);
  }
  if (sep !== null && sep.length !== 1) throw new CmdError(sep === '' ? 'sort: empty tab' : `sort: multi-character tab '${sep}'`, 2);
  const keys: SortKey[] = keySpecs.map((k) => {
    const m = /^(\d+)(?:\.(\d+))?([nr]*)(?:,(\d+)([nr]*))?$/.exec(k);
    if (!m || Number(m[1]) === 0) throw new CmdError(`sort: invalid number at field start: invalid count at start of '${k}'`, 2);
    const flags = (m[3] ?? '') + (m[5] ?? '');
    const own = flags !== '';
    return {
      start: Number(m[1]),
      startChar: Number(m[2] ?? 1),
      end: m[4] === undefined ? null : Number(m[4]),
      numeric: own ? flags.includes('n') : numeric,
      reverse: own ? flags.includes('r') : reverse,
    };
  });
  const { texts, err } = inputs(files, src, (f) => `sort: cannot read: ${f}: No such file or directory`);
  if (err) return { stdout: '', stderr: err, status: 2 };
  const all = texts.flatMap(([, t]) => lines(t));
  /** where each field starts and ends: with -t at each separator; without, a field is its leading blanks and a word */
  const fields = (line: string): Array<[number, number]> => {
    const f: Array<[number, number]> = [];
    if (sep !== null) {
      let at = 0;
      for (;;) {
        const k = line.indexOf(sep, at);
        f.push([at, k < 0 ? line.length : k]);
        if (k < 0) return f;
        at = k + 1;
      }
    }
    const re = /[ \t]*[^ \t]+|[ \t]+$/g;
    for (const m of line.matchAll(re)) f.push([m.index, m.index + m[0].length]);
    return f;
  };
  const keyText = (line: string, k: SortKey): string => {
    const f = fields(line);
    const s = f[k.start - 1];
    if (!s) return '';
    const e = k.end === null ? line.length : (f[k.end - 1]?.[1] ?? line.length);
    return line.slice(Math.min(s[0] + k.startChar - 1, s[1]), Math.max(e, s[0]));
  };
  const num = (s: string): number => {
    const m = /^[ \t]*(-?(?:\d+\.?\d*|\.\d+))/.exec(s);
    return m ? Number(m[1]) : 0;
  };
  const cmpText = (x: string, y: string): number => {
    const a = fold ? x.toUpperCase() : x;
    const b = fold ? y.toUpperCase() : y;
    return a < b ? -1 : a > b ? 1 : 0;
  };
  const effective: SortKey[] = keys.length ? keys : [{ start: 0, startChar: 1, end: null, numeric, reverse }];
  const byKeys = (x: string, y: string): number => {
    for (const k of effective) {
      const a = k.start === 0 ? x : keyText(x, k);
      const b = k.start === 0 ? y : keyText(y, k);
      const c = k.numeric ? Math.sign(num(a) - num(b)) : cmpText(a, b);
      if (c !== 0) return k.reverse ? -c : c;
    }
    return 0;
  };
  // the last resort when the keys tie: the whole line, bytewise (not with -u)
  const lastResort = (x: string, y: string): number => {
    const c = x < y ? -1 : x > y ? 1 : 0;
    return reverse ? -c : c;
  };
  const sorted = [...all].sort((x, y) => byKeys(x, y) || (unique ? 0 : lastResort(x, y)));
  const out = unique ? sorted.filter((l, i) => i === 0 || byKeys(sorted[i - 1]!, l) !== 0) : sorted;
  return ok(joinLines(out));
}

/** uniq [-c] [-d] [-u] [-i] [INPUT] */
function uniq(args: readonly string[], src: Source): ExecResult {
  const f = new Set<string>();
  const files: string[] = [];
  for (const a of args) {
    if (/^-[cdui]+$/.test(a)) for (const c of a.slice(1)) f.add(c);
    else if (a === '--count') f.add('c');
    else if (a.startsWith('-') && a !== '-') throw unmodelled('uniq', a, 'uniq -c -d -u -i');
    else files.push(a);
  }
  if (files.length > 1) throw new CmdError('netlab: uniq INPUT OUTPUT is not modelled: redirect its output (uniq INPUT > OUTPUT)', 1);
  const { texts, err } = inputs(files, src, (x) => `uniq: ${x}: No such file or directory`);
  if (err) return { stdout: '', stderr: err, status: 1 };
  const same = (a: string, b: string): boolean => (f.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
  let out = '';
  const l = lines(texts[0]![1]);
  for (let i = 0; i < l.length; ) {
    let j = i + 1;
    while (j < l.length && same(l[i]!, l[j]!)) j++;
    const n = j - i;
    if ((!f.has('d') || n > 1) && (!f.has('u') || n === 1)) out += `${f.has('c') ? `${String(n).padStart(7)} ` : ''}${l[i]}\n`;
    i = j;
  }
  return ok(out);
}

/** a LIST of cut's: N, N-M, N-, -M, comma-separated */
function cutList(list: string, what: string): (n: number) => boolean {
  const ranges: Array<[number, number]> = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '') || (m[2] === '' && m[3] !== '')) {
      const bad = what === 'fields' ? 'field' : 'byte/character';
      throw new CmdError(`cut: invalid ${bad} value '${part}'\n${tryHelp('cut')}`, 1);
    }
    const lo = m[1] === '' ? 1 : Number(m[1]);
    const hi = m[2] === '' ? lo : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
    if (lo === 0 || hi === 0) throw new CmdError(`cut: ${what} are numbered from 1\n${tryHelp('cut')}`, 1);
    if (hi < lo) throw new CmdError(`cut: invalid decreasing range\n${tryHelp('cut')}`, 1);
    ranges.push([lo, hi]);
  }
  return (n) => ranges.some(([lo, hi]) => n >= lo && n <= hi);
}

/** cut -f LIST [-d C] [-s] | -c LIST | -b LIST [FILE]… */
function cut(args: readonly string[], src: Source): ExecResult {
  let mode: 'f' | 'c' | 'b' | null = null;
  let list = '';
  let delim: string | null = null;
  let only = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^-([fcbd])(.*)$/.exec(a);
    if (m) {
      const v = m[2] || args[++i];
      if (v === undefined) throw new CmdError(`cut: option requires an argument -- '${m[1]}'\n${tryHelp('cut')}`, 1);
      if (m[1] === 'd') delim = v;
      else {
        if (mode !== null) throw new CmdError(`cut: only one list may be specified\n${tryHelp('cut')}`, 1);
        mode = m[1] as 'f' | 'c' | 'b';
        list = v;
      }
    } else if (a === '-s' || a === '--only-delimited') only = true;
    else if (a.startsWith('-') && a !== '-') throw unmodelled('cut', a, 'cut -f LIST -d C -s, cut -c LIST');
    else files.push(a);
  }
  if (mode === null) throw new CmdError(`cut: you must specify a list of bytes, characters, or fields\n${tryHelp('cut')}`, 1);
  if (delim !== null && mode !== 'f')
    throw new CmdError(`cut: an input delimiter may be specified only when operating on fields\n${tryHelp('cut')}`, 1);
  if (delim !== null && delim.length !== 1) throw new CmdError(`cut: the delimiter must be a single character\n${tryHelp('cut')}`, 1);
  const pick = cutList(list, mode === 'f' ? 'fields' : 'bytes');
  const d = delim ?? '\t';
  const { texts, err } = inputs(files, src, (f) => `cut: ${f}: No such file or directory`);
  let out = '';
  for (const [, t] of texts)
    for (const line of lines(t)) {
      if (mode !== 'f') {
        out += `${[...line].filter((_, i) => pick(i + 1)).join('')}\n`;
        continue;
      }
      if (!line.includes(d)) {
        if (!only) out += `${line}\n`;
        continue;
      }
      out += `${line
        .split(d)
        .filter((_, i) => pick(i + 1))
        .join(d)}\n`;
    }
  return { stdout: out, stderr: err, status: err ? 1 : 0 };
}

const TR_CLASSES: Record<string, string> = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  space: ' \t\n\v\f\r',
  blank: ' \t',
};

/** a SET of tr's, expanded: escapes, ranges (a-z) and classes ([:upper:]) */
function trSet(set: string): string[] {
  const chars: string[] = [];
  for (let i = 0; i < set.length; ) {
    const cls = /^\[:(\w+):\]/.exec(set.slice(i));
    if (cls) {
      const c = TR_CLASSES[cls[1]!];
      if (c === undefined) throw new CmdError(`tr: invalid character class '${cls[1]}'`, 1);
      chars.push(...c);
      i += cls[0].length;
      continue;
    }
    let c = set[i]!;
    i++;
    if (c === '\\' && i < set.length) {
      const e = set[i]!;
      const oct = /^[0-7]{1,3}/.exec(set.slice(i));
      if (oct) {
        c = String.fromCharCode(Number.parseInt(oct[0], 8));
        i += oct[0].length;
      } else {
        c = ({ n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[e] ?? e;
        i++;
      }
    }
    if (set[i] === '-' && i + 1 < set.length) {
      const end = set[i + 1]!;
      if (end.charCodeAt(0) < c.charCodeAt(0))
        throw new CmdError(`tr: range-endpoints of '${c}-${end}' are in reverse collating sequence order`, 1);
      for (let k = c.charCodeAt(0); k <= end.charCodeAt(0); k++) chars.push(String.fromCharCode(k));
      i += 2;
      continue;
    }
    chars.push(c);
  }
  return chars;
}

/** tr [-d] [-s] SET1 [SET2]: characters translated, deleted or squeezed */
function tr(args: readonly string[], src: Source): ExecResult {
  let del = false;
  let squeeze = false;
  const sets: string[] = [];
  for (const a of args) {
    if (/^-[ds]+$/.test(a)) {
      del ||= a.includes('d');
      squeeze ||= a.includes('s');
    } else if (a.startsWith('-') && a.length > 1) throw unmodelled('tr', a, 'tr [-d] [-s] SET1 [SET2]');
    else sets.push(a);
  }
  const help = tryHelp('tr');
  if (sets.length === 0) throw new CmdError(`tr: missing operand\n${help}`, 1);
  const max = del && squeeze ? 2 : del || (squeeze && sets.length === 1) ? 1 : 2;
  if (sets.length > max)
    throw new CmdError(
      `tr: extra operand '${sets[max]}'\n${del && !squeeze ? 'Only one string may be given when deleting without squeezing repeats.\n' : ''}${help}`,
      1,
    );
  if (sets.length < max || (del && squeeze && sets.length < 2)) {
    const when = del && squeeze ? 'deleting and squeezing' : 'translating';
    throw new CmdError(`tr: missing operand after '${sets[sets.length - 1]}'\nTwo strings must be given when ${when}.\n${help}`, 1);
  }
  const s1 = trSet(sets[0]!);
  const s2 = sets[1] === undefined ? [] : trSet(sets[1]);
  if (!del && sets.length === 2 && s2.length === 0) throw new CmdError('tr: when not truncating set1, string2 must be non-empty', 1);
  const text = stdinOf(src);
  let out = '';
  const map = new Map<string, string>();
  if (!del && s2.length)
    s1.forEach((c, i) => {
      map.set(c, s2[Math.min(i, s2.length - 1)]!);
    });
  const squeezeSet = new Set(del || sets.length === 1 ? (del ? s2 : s1) : s2);
  for (const ch of text) {
    if (del && s1.includes(ch)) continue;
    const c = map.get(ch) ?? ch;
    if (squeeze && squeezeSet.has(c) && out.endsWith(c)) continue;
    out += c;
  }
  return ok(out);
}

/** awk [-F SEP] '[/ERE/ | !/ERE/ | NR OP N] [{ print ITEM… }]': a program that prints fields, nothing more of awk's language */
function awk(args: readonly string[], src: Source): ExecResult {
  const subset = "netlab: awk runs only programs of the form '[/RE/ | NR==N] {print $N, …}' here (mawk's language is not modelled)";
  let fs: string | null = null;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-F') {
      fs = args[++i] ?? null;
      if (fs === null) throw new CmdError('awk: option requires an argument -- F', 2);
    } else if (a.startsWith('-F')) fs = a.slice(2);
    else if (a.startsWith('-') && rest.length === 0) throw new CmdError(subset, 2);
    else rest.push(a);
  }
  const program = rest[0];
  if (program === undefined) throw new CmdError("usage: awk [-F value] [-v var=value] [--] 'program text' [file ...]", 2);
  if (rest.length > 1) throw new CmdError('netlab: awk reads its standard input here (a pipe): name no file', 2);
  const m = /^\s*(?:(!?)\/((?:[^/\\]|\\.)*)\/|NR\s*(==|!=|>=|<=|>|<)\s*(\d+))?\s*(?:\{\s*print\b([^;{}]*);?\s*\})?\s*$/.exec(program);
  if (!m || (m[2] === undefined && m[3] === undefined && m[5] === undefined)) throw new CmdError(subset, 2);
  const items = (m[5] ?? '').trim();
  const parts: Array<
    { kind: 'sep' } | { kind: 'field'; n: number | 'NF' | 'NF-1' } | { kind: 'var'; name: 'NF' | 'NR' } | { kind: 'str'; s: string }
  > = [];
  const itemRe = /\s*(,|\$\(NF-1\)|\$NF|\$(\d+)|NF|NR|"((?:[^"\\]|\\.)*)")/y;
  let at = 0;
  while (at < items.length) {
    itemRe.lastIndex = at;
    const t = itemRe.exec(items);
    if (!t) throw new CmdError(subset, 2);
    at = itemRe.lastIndex;
    const v = t[1]!;
    if (v === ',') parts.push({ kind: 'sep' });
    else if (v === '$NF') parts.push({ kind: 'field', n: 'NF' });
    else if (v === '$(NF-1)') parts.push({ kind: 'field', n: 'NF-1' });
    else if (t[2] !== undefined) parts.push({ kind: 'field', n: Number(t[2]) });
    else if (v === 'NF' || v === 'NR') parts.push({ kind: 'var', name: v });
    else parts.push({ kind: 'str', s: t[3]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c)) });
  }
  let re: RegExp | null = null;
  if (m[2] !== undefined) {
    try {
      re = new RegExp(m[2]);
    } catch {
      throw new CmdError(`awk: line 1: regular expression compile failed (missing operand)\n${m[2]}`, 2);
    }
  }
  const split = (line: string): string[] => {
    if (fs === null || fs === ' ') return line.split(/[ \t\n]+/).filter((x) => x !== '');
    if (fs === '\\t' || fs === 't') return line.split('\t');
    if (fs.length === 1) return line.split(fs);
    return line.split(new RegExp(fs));
  };
  let out = '';
  lines(stdinOf(src)).forEach((line, i) => {
    const nr = i + 1;
    if (re && re.test(line) === (m[1] === '!')) return;
    if (m[3] !== undefined) {
      const n = Number(m[4]);
      const pass = { '==': nr === n, '!=': nr !== n, '>=': nr >= n, '<=': nr <= n, '>': nr > n, '<': nr < n }[m[3]];
      if (!pass) return;
    }
    const f = split(line);
    if (parts.length === 0) {
      out += `${line}\n`;
      return;
    }
    let s = '';
    for (const p of parts) {
      if (p.kind === 'sep') s += ' ';
      else if (p.kind === 'str') s += p.s;
      else if (p.kind === 'var') s += p.name === 'NF' ? f.length : nr;
      else {
        const n = p.n === 'NF' ? f.length : p.n === 'NF-1' ? f.length - 1 : p.n;
        s += n === 0 ? line : n < 0 ? '' : (f[n - 1] ?? '');
      }
    }
    out += `${s}\n`;
  });
  return ok(out);
}

/** column -t [-s SEPS]: a table, each column as wide as its widest cell, two blanks between */
function column(args: readonly string[], src: Source): ExecResult {
  let table = false;
  let seps: string | null = null;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t' || a === '--table') table = true;
    else if (a === '-s') seps = args[++i] ?? '';
    else if (a.startsWith('-s')) seps = a.slice(2);
    else if (a === '-ts') {
      table = true;
      seps = args[++i] ?? '';
    } else if (a.startsWith('-') && a !== '-') throw unmodelled('column', a, 'column -t [-s SEPS]');
    else files.push(a);
  }
  if (!table) throw unmodelled('column', 'without -t', 'column -t [-s SEPS]');
  const { texts, err } = inputs(files, src, (f) => `column: ${f}: No such file or directory`);
  const splitter = seps === null ? /[ \t]+/ : new RegExp(`[${seps.replace(/[\\\]^-]/g, '\\$&')}]+`);
  const rows = texts
    .flatMap(([, t]) => lines(t))
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(splitter));
  const widths: number[] = [];
  for (const r of rows)
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.length);
    });
  // every column but the table's last is padded, in a short row too (column leaves those blanks at its end)
  const last = widths.length - 1;
  const out = rows.map((r) => `${widths.map((w, i) => (i === last ? (r[i] ?? '') : (r[i] ?? '').padEnd(w))).join('  ')}\n`).join('');
  return { stdout: out, stderr: err, status: err ? 1 : 0 };
}
