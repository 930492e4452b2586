// bash 5.2's echo and printf builtins: what a pipeline's first command often is
// (`echo -n abc | wc -c`, `printf '%s\n' a b | sort`).

import { CmdError, type ExecResult, ok } from './result.ts';

/** the backslash escapes of echo -e and of printf's FORMAT (and %b): the text, and whether \c stopped it */
function escapes(s: string, octalNeedsZero: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const d = s[++i]!;
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      e: '\x1b',
      E: '\x1b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
    };
    if (simple[d] !== undefined) out += simple[d];
    else if (d === 'c') return { text: out, stop: true };
    else if (d === 'x' && /[0-9A-Fa-f]/.test(s[i + 1] ?? '')) {
      const m = /^[0-9A-Fa-f]{1,2}/.exec(s.slice(i + 1))!;
      out += String.fromCharCode(Number.parseInt(m[0], 16));
      i += m[0].length;
    } else if (octalNeedsZero ? d === '0' : /[0-7]/.test(d)) {
      // echo -e: \0 and up to three octal digits; printf: up to three octal digits
      const from = octalNeedsZero ? i + 1 : i;
      const digits = /^[0-7]{0,3}/.exec(s.slice(from))![0];
      out += String.fromCharCode(Number.parseInt(digits || '0', 8) & 0xff);
      i = from + digits.length - 1;
    } else out += `\\${d}`;
  }
  return { text: out, stop: false };
}

/** echo [-neE] [WORD…]: options only while every letter of a word is one of n, e, E */
export function echoCommand(args: readonly string[]): ExecResult {
  let newline = true;
  let interpret = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (!/^-[neE]+$/.test(a)) break;
    for (const c of a.slice(1)) {
      if (c === 'n') newline = false;
      else interpret = c === 'e';
    }
  }
  const text = args.slice(i).join(' ');
  if (!interpret) return ok(text + (newline ? '\n' : ''));
  const e = escapes(text, true);
  return ok(e.text + (newline && !e.stop ? '\n' : ''));
}

/** printf FORMAT [ARG…]: %s %b %d %i %u %x %X %o %c %% with flags and widths; the format is reused for the rest of the arguments */
export function printfCommand(args: readonly string[]): ExecResult {
  const format = args[0];
  if (format === undefined) throw new CmdError('printf: usage: printf [-v var] format [arguments]', 2);
  if (format.startsWith('-') && format !== '-' && format !== '--')
    throw new CmdError(`netlab: printf ${format} is not modelled (printf FORMAT [ARG…])`, 2);
  const rest = args.slice(1);
  let out = '';
  let err = '';
  let k = 0;
  do {
    let consumed = false;
    let stop = false;
    const spec = /%([-+ #0]*)(\d*)(?:\.(\d*))?([sbdiuxXoc%])|\\(?:[0-7]{1,3}|x[0-9A-Fa-f]{1,2}|.)|[^%\\]+|%/g;
    for (const m of format.matchAll(spec)) {
      const t = m[0];
      if (t.startsWith('\\')) {
        const e = escapes(t, false);
        out += e.text;
        if (e.stop) return ok(out);
        continue;
      }
      if (t === '%') {
        err += "bash: printf: `%': missing format character\n";
        stop = true;
        break;
      }
      if (!t.startsWith('%')) {
        out += t;
        continue;
      }
      const conv = m[4]!;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const arg = rest[k];
      if (arg !== undefined) {
        k++;
        consumed = true;
      }
      const flags = m[1] ?? '';
      const width = Number(m[2] || 0);
      let s: string;
      if (conv === 's') s = arg ?? '';
      else if (conv === 'b') {
        const e = escapes(arg ?? '', true);
        s = e.text;
        if (e.stop) {
          out += s;
          return ok(out);
        }
      } else if (conv === 'c') s = (arg ?? '').slice(0, 1);
      else {
        const text = arg ?? '0';
        const n = /^[-+]?\d+$/.test(text.trim()) ? Number(text) : /^'./.test(text) ? text.charCodeAt(1) : Number.NaN;
        let v = n;
        if (Number.isNaN(n)) {
          err += `bash: printf: ${text}: invalid number\n`;
          v = 0;
        }
        s =
          conv === 'x'
            ? v.toString(16)
            : conv === 'X'
              ? v.toString(16).toUpperCase()
              : conv === 'o'
                ? v.toString(8)
                : String(Math.trunc(v));
        if (flags.includes('+') && v >= 0 && (conv === 'd' || conv === 'i')) s = `+${s}`;
      }
      if (m[3] !== undefined && (conv === 's' || conv === 'b')) s = s.slice(0, Number(m[3] || 0));
      out += flags.includes('-') ? s.padEnd(width) : flags.includes('0') && conv !== 's' ? s.padStart(width, '0') : s.padStart(width);
    }
    if (stop || !consumed) break;
  } while (k < rest.length);
  return { stdout: out, stderr: err, status: err ? 1 : 0 };
}
