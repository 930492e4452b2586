// GNU grep 3.8 (Debian 12) over text: basic (BRE, the default) and extended (-E) regular
// expressions as POSIX and GNU write them, fixed strings (-F), and the options a pipeline
// uses (-i -v -w -x -c -n -o -q -s -h -H -e PAT). Exit 0 when a line was selected, 1 when
// none, 2 on an error, with grep's own messages.

import { CmdError, type ExecResult } from './result.ts';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.";

/** the options grep has that the lab does not model: refused by name, never ignored */
const UNMODELLED = new Set('abDdfILlmNPRrTUVZz');

const LONG: Record<string, string> = {
  '--ignore-case': 'i',
  '--invert-match': 'v',
  '--extended-regexp': 'E',
  '--fixed-strings': 'F',
  '--basic-regexp': 'G',
  '--word-regexp': 'w',
  '--line-regexp': 'x',
  '--count': 'c',
  '--line-number': 'n',
  '--only-matching': 'o',
  '--quiet': 'q',
  '--silent': 'q',
  '--no-messages': 's',
  '--no-filename': 'h',
  '--with-filename': 'H',
};

interface GrepOpts {
  flags: Set<string>;
  /** lines of context printed after and before each selected line (-A, -B, -C, -NUM) */
  after: number;
  before: number;
  mode: 'G' | 'E' | 'F';
  patterns: string[] | null;
  files: string[];
}

function parseArgs(args: readonly string[]): GrepOpts {
  const o: GrepOpts = { flags: new Set(), mode: 'G', patterns: null, files: [], after: 0, before: 0 };
  const context = (which: string, v: string): void => {
    if (!/^\d+$/.test(v)) throw new CmdError(`grep: ${v}: invalid context length argument`, 2);
    if (which !== 'B') o.after = Number(v);
    if (which !== 'A') o.before = Number(v);
  };
  const operands: string[] = [];
  const addPattern = (p: string): void => {
    o.patterns = [...(o.patterns ?? []), ...p.split('\n')];
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, value] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      const ctx = { '--after-context': 'A', '--before-context': 'B', '--context': 'C' }[name];
      if (ctx !== undefined) {
        const v = value ?? args[++i];
        if (v === undefined) throw new CmdError(`grep: option '${name}' requires an argument\n${USAGE}`, 2);
        context(ctx, v);
        continue;
      }
      if (name === '--regexp') {
        const v = value ?? args[++i];
        if (v === undefined) throw new CmdError(`grep: option '--regexp' requires an argument\n${USAGE}`, 2);
        addPattern(v);
        continue;
      }
      const f = LONG[name];
      if (f === undefined)
        throw new CmdError(`netlab: grep ${name} is not modelled (grep -i -v -E -F -w -x -c -n -o -q -s -h -H -A -B -C -e PAT)`, 2);
      setFlag(o, f);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === 'e') {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (v === undefined) throw new CmdError(`grep: option requires an argument -- 'e'\n${USAGE}`, 2);
          addPattern(v);
          break;
        }
        if (c === 'A' || c === 'B' || c === 'C') {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (v === undefined) throw new CmdError(`grep: option requires an argument -- '${c}'\n${USAGE}`, 2);
          context(c, v);
          break;
        }
        if (/^[0-9]$/.test(c)) {
          // -NUM is -C NUM
          const digits = /^\d+/.exec(a.slice(j))![0];
          context('C', digits);
          j += digits.length - 1;
          continue;
        }
        if (UNMODELLED.has(c))
          throw new CmdError(`netlab: grep -${c} is not modelled (grep -i -v -E -F -w -x -c -n -o -q -s -h -H -A -B -C -e PAT)`, 2);
        if (!'ivEFGwxcnoqshHy'.includes(c)) throw new CmdError(`grep: invalid option -- '${c}'\n${USAGE}`, 2);
        setFlag(o, c === 'y' ? 'i' : c);
      }
      continue;
    }
    operands.push(a);
  }
  if (o.patterns === null) {
    const p = operands.shift();
    if (p === undefined) throw new CmdError(USAGE, 2);
    addPattern(p);
  }
  o.files = operands;
  return o;
}

function setFlag(o: GrepOpts, f: string): void {
  if (f === 'E' || f === 'F' || f === 'G') {
    if (o.mode !== 'G' && o.mode !== f && f !== 'G') throw new CmdError('grep: conflicting matchers specified', 2);
    o.mode = f === 'G' ? o.mode : f;
  } else o.flags.add(f);
}

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
};

/** a bracket expression from `[` at I: its JavaScript form, and where it ends */
function bracket(re: string, i: number): { js: string; end: number } {
  let j = i + 1;
  let js = '[';
  if (re[j] === '^') {
    js += '^';
    j++;
  }
  let first = true;
  while (j < re.length) {
    const c = re[j]!;
    if (c === ']' && !first) return { js: `${js}]`, end: j + 1 };
    first = false;
    if (c === '[' && re[j + 1] === ':') {
      const k = re.indexOf(':]', j + 2);
      if (k < 0) break;
      const name = re.slice(j + 2, k);
      const cls = CLASSES[name];
      if (cls === undefined) throw new CmdError('grep: Invalid character class name', 2);
      js += cls;
      j = k + 2;
      continue;
    }
    // inside brackets a backslash is itself, and JavaScript's specials are escaped
    js += c === '\\' || c === ']' || c === '[' || c === '^' ? `\\${c}` : c;
    j++;
  }
  throw new CmdError('grep: Unmatched [, [^, [:, [., or [=', 2);
}

/** a POSIX regular expression (basic or extended, with GNU's extensions) as a JavaScript one */
export function posixRegex(re: string, extended: boolean): string {
  let js = '';
  let depth = 0;
  // where `*` is literal: at the start of the expression, of a group, or after an anchor / alternation
  let atStart = true;
  for (let i = 0; i < re.length; ) {
    const c = re[i]!;
    const starts = atStart;
    atStart = false;
    if (c === '\\') {
      const d = re[i + 1];
      if (d === undefined) throw new CmdError('grep: Trailing backslash', 2);
      i += 2;
      if (!extended && d === '(') {
        depth++;
        js += '(';
        atStart = true;
      } else if (!extended && d === ')') {
        if (depth === 0) throw new CmdError('grep: Unmatched ) or \\)', 2);
        depth--;
        js += ')';
      } else if (!extended && d === '|') {
        js += '|';
        atStart = true;
      } else if (!extended && (d === '+' || d === '?')) js += starts ? `\\${d}` : d;
      else if (!extended && d === '{') {
        const k = re.indexOf('\\}', i);
        if (k < 0) throw new CmdError('grep: Unmatched \\{', 2);
        js += `{${re.slice(i, k)}}`;
        i = k + 2;
      } else if (d === '<') js += '\\b(?=\\w)';
      else if (d === '>') js += '\\b(?<=\\w)';
      else if ('bBwWsS'.includes(d) || /[1-9]/.test(d)) js += `\\${d}`;
      else js += /[A-Za-z0-9]/.test(d) ? d : `\\${d}`;
      continue;
    }
    if (c === '[') {
      if (i === re.length - 1) throw new CmdError('grep: Invalid regular expression', 2);
      const b = bracket(re, i);
      js += b.js;
      i = b.end;
      continue;
    }
    i++;
    if (c === '^') {
      js += '^';
      atStart = true;
    } else if (c === '$') js += '$';
    else if (c === '.') js += '.';
    else if (c === '*') js += starts ? '\\*' : '*';
    else if (extended && c === '(') {
      depth++;
      js += '(';
      atStart = true;
    } else if (extended && c === ')') {
      if (depth === 0) js += '\\)';
      else {
        depth--;
        js += ')';
      }
    } else if (extended && c === '|') {
      js += '|';
      atStart = true;
    } else if (extended && (c === '+' || c === '?')) js += starts ? `\\${c}` : c;
    else if (extended && c === '{') {
      const m = /^(\d*)(,(\d*))?\}/.exec(re.slice(i));
      if (m && !starts) {
        js += `{${m[1] || '0'}${m[2] ?? ''}}`;
        i += m[0].length;
      } else js += '\\{';
    } else js += /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
  }
  if (depth > 0) throw new CmdError('grep: Unmatched ( or \\(', 2);
  return js;
}

function escapeFixed(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** one input of grep's: its name as grep prints it, and its text (null: it could not be read) */
export interface GrepInput {
  readonly name: string;
  readonly text: string | null;
}

/** grep ARGS; INPUTS reads each FILE operand (or standard input, `-`) */
export function grepCommand(args: readonly string[], read: (file: string) => GrepInput): ExecResult {
  const o = parseArgs(args);
  const f = o.flags;
  const sources = o.patterns!.map((p) => (o.mode === 'F' ? escapeFixed(p) : posixRegex(p, o.mode === 'E')));
  let body = sources.map((s) => `(?:${s})`).join('|');
  if (f.has('x')) body = `^(?:${body})$`;
  else if (f.has('w')) body = `(?<![A-Za-z0-9_])(?:${body})(?![A-Za-z0-9_])`;
  let re: RegExp;
  try {
    re = new RegExp(body, f.has('i') ? 'gi' : 'g');
  } catch {
    throw new CmdError('grep: Invalid regular expression', 2);
  }
  const files = o.files.length ? o.files : ['-'];
  const named = f.has('H') || (files.length > 1 && !f.has('h'));
  let out = '';
  let err = '';
  let selected = false;
  let failed = false;
  // context: groups of lines apart are separated by `--`, across files too
  const ctx = (o.after > 0 || o.before > 0) && !f.has('c') && !f.has('q');
  let printedAny = false;
  for (const file of files) {
    const input = read(file);
    if (input.text === null) {
      failed = true;
      if (!f.has('s')) err += `grep: ${input.name}: No such file or directory\n`;
      continue;
    }
    const prefix = named ? `${input.name}:` : '';
    const lines = input.text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    let count = 0;
    let last = -1;
    let trailing = 0;
    const contextLine = (k: number): void => {
      // with -o the context lines are not printed, but their groups still are apart
      if (!f.has('o')) out += `${named ? `${input.name}-` : ''}${f.has('n') ? `${k + 1}-` : ''}${lines[k]}\n`;
      last = k;
    };
    lines.forEach((line, n) => {
      re.lastIndex = 0;
      const hit = re.test(line);
      if (hit === f.has('v')) {
        if (ctx && trailing > 0) {
          contextLine(n);
          trailing--;
        }
        return;
      }
      count++;
      selected = true;
      if (f.has('q') || f.has('c')) return;
      const at = `${prefix}${f.has('n') ? `${n + 1}:` : ''}`;
      if (ctx) {
        const start = Math.max(last + 1, n - o.before);
        if (printedAny && (last < 0 || start > last + 1)) out += '--\n';
        for (let k = start; k < n; k++) contextLine(k);
        last = n;
        trailing = o.after;
        printedAny = true;
      }
      if (f.has('o')) {
        if (f.has('v')) return;
        re.lastIndex = 0;
        for (const m of line.matchAll(re)) if (m[0] !== '') out += `${at}${m[0]}\n`;
      } else out += `${at}${line}\n`;
    });
    if (f.has('c') && !f.has('q')) out += `${prefix}${count}\n`;
    if (f.has('q') && selected) return { stdout: '', stderr: err, status: 0 };
  }
  return { stdout: out, stderr: err, status: failed && !(f.has('q') && selected) ? 2 : selected ? 0 : 1 };
}
