// How the docker CLI reads its command line: spf13/pflag (vendored in docker/cli v29.7.2,
// flag.go parseArgs / parseLongArg / parseSingleShortArg, errors.go) under cobra, with docker's
// FlagErrorFunc (cli/cobra.go) turning a flag error into "ERR\n\nUsage:  USE\n\nRun 'CMD --help'
// for more information", exit status 125.

import type { CliCommand, CliFlag, FlagType } from './cli-flags.ts';

/** one flag as given: its long name, the spelling the user typed, its value (booleans: 'true'/'false') */
export interface GivenFlag {
  readonly name: string;
  readonly typed: string;
  readonly value: string;
}

export interface ParsedFlags {
  readonly flags: GivenFlag[];
  /** the arguments that are not flags (with interspersed off: the first one and all after it) */
  readonly args: string[];
  /** pflag's notices for deprecated flags, printed on stderr before the command runs */
  readonly notices: string;
}

export interface FlagError {
  readonly error: string;
  readonly status: number;
}

/** docker's FlagErrorFunc: pflag's error, the command's usage line, where to look for help */
export function flagError(cmd: string, c: CliCommand, err: string): FlagError {
  return { error: `${err}\n\nUsage:  ${c.use}\n\nRun 'docker ${cmd} --help' for more information`, status: 125 };
}

const BOOL_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const BOOL_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Go's strconv.ParseInt / ParseUint with base 0 (0x, 0o, 0b, leading 0 octal; underscores after a prefix) */
function parseGoInt(s: string, signed: boolean, bits: number): string | null {
  const fn = signed ? 'strconv.ParseInt' : 'strconv.ParseUint';
  const syntax = `${fn}: parsing "${s}": invalid syntax`;
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|0[0-7_]*|[1-9][0-9]*)$/.exec(s);
  if (!m || (!signed && m[1] !== '') || /__|_$|^[+-]?[1-9].*_/.test(s)) return syntax;
  const body = m[2]!.replace(/_/g, '');
  const v =
    /^0[xX]/.test(body) || /^0[bB]/.test(body) || /^0[oO]/.test(body)
      ? BigInt(body.toLowerCase())
      : body.length > 1 && body.startsWith('0')
        ? BigInt(`0o${body.slice(1)}`)
        : BigInt(body);
  const n = m[1] === '-' ? -v : v;
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  return n > max || n < min ? `${fn}: parsing "${s}": value out of range` : null;
}

/** Go's time.ParseDuration */
function parseGoDuration(s: string): string | null {
  if (s === '0' || s === '+0' || s === '-0') return null;
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return `time: missing unit in duration "${s}"`;
  if (/^[+-]?((\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/.test(s)) return null;
  const unit = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))*(?:\d+\.?\d*|\.\d+)([^\d.]+)/.exec(s);
  if (unit) return `time: unknown unit "${unit[1]}" in duration "${s}"`;
  return `time: invalid duration "${s}"`;
}

/** Go's net.ParseIP: dotted IPv4 or IPv6 */
export function isGoIp(s: string): boolean {
  const v4 = (x: string) => /^(\d{1,3})(\.\d{1,3}){3}$/.test(x) && x.split('.').every((p) => Number(p) <= 255 && !/^0\d/.test(p));
  if (v4(s)) return true;
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return false;
  const tail = s.lastIndexOf(':');
  const last = s.slice(tail + 1);
  const head = last.includes('.') ? s.slice(0, tail + 1) + '0:0' : s;
  if (last.includes('.') && !v4(last)) return false;
  const dbl = head.split('::');
  if (dbl.length > 2) return false;
  const groups = (x: string) => (x === '' ? [] : x.split(':'));
  const parts = dbl.flatMap(groups);
  if (!parts.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return dbl.length === 2 ? parts.length < 8 : parts.length === 8;
}

/** a value as the pflag type's Set checks it: the error it returns, or null */
function checkValue(type: FlagType, v: string): string | null {
  switch (type) {
    case 'bool':
      return BOOL_TRUE.has(v) || BOOL_FALSE.has(v) ? null : `strconv.ParseBool: parsing "${v}": invalid syntax`;
    case 'int':
    case 'int64':
      return parseGoInt(v, true, 64);
    case 'uint16':
      return parseGoInt(v, false, 16);
    case 'uint64':
      return parseGoInt(v, false, 64);
    case 'duration':
      return parseGoDuration(v);
    case 'ip':
      return v === '' || isGoIp(v.trim()) ? null : `failed to parse IP: "${v}"`;
    case 'ipSlice':
      for (const x of v.split(',')) if (!isGoIp(x.trim())) return `invalid string being converted to IP address: ${x}`;
      return null;
    case 'ipNetSlice':
      for (const x of v.split(',')) {
        const [a, p, more] = x.trim().split('/');
        if (
          more !== undefined ||
          a === undefined ||
          p === undefined ||
          !isGoIp(a) ||
          !/^\d+$/.test(p) ||
          Number(p) > (a.includes(':') ? 128 : 32)
        )
          return `invalid string being converted to CIDR: ${x}`;
      }
      return null;
    default:
      return null;
  }
}

/**
 * Read a docker command's arguments as pflag does: `--name=x`, `--name x` (the next argument
 * even when it starts with "-"), `--rm=false`, `-dit`, `-p8080:80`, `-p=8080:80`, `--` ends the
 * flags, "-" alone is an argument. `cmd` is the command as docker names it ("network create").
 */
export function parseFlags(cmd: string, c: CliCommand, raw: readonly string[]): ParsedFlags | FlagError {
  const byLong = new Map<string, CliFlag>(c.flags.map((f) => [f.long, f]));
  const byShort = new Map<string, CliFlag>(c.flags.filter((f) => f.short).map((f) => [f.short!, f]));
  // cobra's help: the root's persistent --help (-h, whose shorthand is deprecated) unless the command has its own
  if (!byLong.has('help')) byLong.set('help', { long: 'help', type: 'bool' });
  if (!byShort.has('h')) byShort.set('h', { long: 'help', short: 'h', type: 'bool' });
  const flags: GivenFlag[] = [];
  const args: string[] = [];
  let notices = '';
  const fail = (err: string) => flagError(cmd, c, err);
  const invalid = (f: CliFlag, v: string, why: string) =>
    fail(`invalid argument "${v}" for "${f.short ? `-${f.short}, ` : ''}--${f.long}" flag: ${why}`);
  const give = (f: CliFlag, typed: string, v: string): FlagError | null => {
    const why = checkValue(f.type, v);
    if (why !== null) return invalid(f, v, why);
    if (f.deprecated && !notices.includes(`--${f.long} `)) notices += `Flag --${f.long} has been deprecated, ${f.deprecated}\n`;
    flags.push({ name: f.long, typed, value: f.type === 'bool' ? String(BOOL_TRUE.has(v)) : v });
    return null;
  };
  let k = 0;
  while (k < raw.length) {
    const a = raw[k]!;
    k++;
    if (a.length < 2 || !a.startsWith('-')) {
      if (!c.interspersed) {
        args.push(a, ...raw.slice(k));
        break;
      }
      args.push(a);
      continue;
    }
    if (a === '--') {
      args.push(...raw.slice(k));
      break;
    }
    if (a.startsWith('--')) {
      const body = a.slice(2);
      if (body.startsWith('-') || body.startsWith('=')) return fail(`bad flag syntax: ${a}`);
      const eq = body.indexOf('=');
      const name = eq < 0 ? body : body.slice(0, eq);
      const f = byLong.get(name);
      if (!f) return fail(`unknown flag: --${name}`);
      let v: string;
      if (eq >= 0) v = body.slice(eq + 1);
      else if (f.type === 'bool') v = 'true';
      else if (k < raw.length) v = raw[k++]!;
      else return fail(`flag needs an argument: --${name}`);
      const e = give(f, `--${name}`, v);
      if (e) return e;
      continue;
    }
    // shorthands: each a bool, until one that takes the rest (after an optional "=") or the next argument
    let s = a.slice(1);
    while (s.length) {
      const ch = s[0]!;
      const f = byShort.get(ch);
      if (!f) return fail(`unknown shorthand flag: '${ch}' in ${a}`);
      let v: string;
      if (s.length > 2 && s[1] === '=') {
        v = s.slice(2);
        s = '';
      } else if (f.type === 'bool') {
        v = 'true';
        s = s.slice(1);
      } else if (s.length > 1) {
        v = s.slice(1);
        s = '';
      } else if (k < raw.length) {
        v = raw[k++]!;
        s = '';
      } else return fail(`flag needs an argument: '${ch}' in ${a}`);
      const e = give(f, `-${ch}`, v);
      if (e) return e;
    }
  }
  return { flags, args, notices };
}
