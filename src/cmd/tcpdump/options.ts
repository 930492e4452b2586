// tcpdump's command line as its getopt reads it ("AbcdDeEfFhHiIjJKlLmMnNOpqQrsStTuUvVwWxXyzZ#"
// with their arguments, and the long options), with its refusals in its own words.

import { CmdError } from '../result.ts';
import type { PrintOptions } from './print.ts';

export const VERSION = 'tcpdump version 4.99.3\nlibpcap version 1.10.3 (with TPACKET_V3)\nOpenSSL 3.0.19 27 Jan 2026\n';

export const USAGE = `${VERSION}Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]
\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]
\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]
\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]
\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]
\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]
`;

export interface TcpdumpOptions extends PrintOptions {
  readonly iface: string | null;
  readonly count: number | null;
  readonly write: string | null;
  readonly read: string | null;
  readonly promisc: boolean;
  readonly direction: 'in' | 'out' | 'inout';
  /** --print: print as well as write (-w) */
  readonly print: boolean;
  /** -#, --number: number each line */
  readonly number: boolean;
  readonly version: boolean;
  readonly expression: string;
}

/** options with an argument */
const WITH_ARG = new Set('BcCEFGiIjMQrsTVwWyzZ'.split(''));
/** options without one */
const FLAGS = new Set('AbdDefhHIJKlLnNOpqStuUvxX#'.split(''));
/** options this lab runs (the others are refused: the lab has nothing for them to act on) */
const SIMULATED = new Set('AcehilnpqQrStvwxX#'.split(''));

const LONG: Record<string, string> = {
  '--number': '#',
  '--immediate-mode': '',
  '--print': 'print',
  '--version': 'version',
  '--help': 'h',
  '--count': 'count',
};

function usageError(msg: string): CmdError {
  return new CmdError(`tcpdump: ${msg}\n${USAGE.trimEnd()}`, 1);
}

export function parseOptions(args: readonly string[]): TcpdumpOptions {
  let iface: string | null = null;
  let count: number | null = null;
  let write: string | null = null;
  let read: string | null = null;
  let direction: 'in' | 'out' | 'inout' = 'inout';
  let eflag = false;
  let vflag = 0;
  let qflag = false;
  let nflag = 0;
  let Sflag = false;
  let xflag = 0;
  let Xflag = 0;
  let Aflag = false;
  let tflag = 0;
  let promisc = true;
  let print = false;
  let number = false;
  let version = false;
  const rest: string[] = [];
  const apply = (c: string, arg: string | undefined): void => {
    if (!SIMULATED.has(c)) throw new CmdError(`netlab: tcpdump -${c} is not simulated`, 1);
    switch (c) {
      case 'A':
        Aflag = true;
        break;
      case 'c': {
        const n = /^\d+$/.test(arg!) ? Number(arg) : Number.NaN;
        if (!(n > 0) || n > 0x7fffffff) throw new CmdError(`tcpdump: invalid packet count ${arg}`, 1);
        count = n;
        break;
      }
      case 'e':
        eflag = true;
        break;
      case 'h':
        throw new CmdError(USAGE.trimEnd(), 0);
      case 'i':
        iface = arg!;
        break;
      case 'l':
        // line-buffered output: the lab's output is never held back
        break;
      case 'n':
        nflag++;
        break;
      case 'p':
        promisc = false;
        break;
      case 'q':
        qflag = true;
        break;
      case 'Q':
        if (arg !== 'in' && arg !== 'out' && arg !== 'inout') throw new CmdError(`tcpdump: unknown capture direction \`${arg}'`, 1);
        direction = arg;
        break;
      case 'r':
        read = arg!;
        break;
      case 'S':
        Sflag = true;
        break;
      case 't':
        tflag++;
        break;
      case 'v':
        vflag++;
        break;
      case 'w':
        write = arg!;
        break;
      case 'x':
        xflag++;
        break;
      case 'X':
        Xflag++;
        break;
      case '#':
        number = true;
        break;
    }
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const l = LONG[a];
      if (l === undefined) throw usageError(`unrecognized option '${a}'`);
      if (l === 'print') print = true;
      else if (l === 'version') version = true;
      else if (l === 'count') throw new CmdError('netlab: tcpdump --count is not simulated', 1);
      else if (l) apply(l, undefined);
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      rest.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (WITH_ARG.has(c)) {
        let arg = a.slice(j + 1);
        if (!arg) {
          if (i + 1 >= args.length) throw usageError(`option requires an argument -- '${c}'`);
          arg = args[++i]!;
        }
        apply(c, arg);
        break;
      }
      if (!FLAGS.has(c)) throw usageError(`invalid option -- '${c}'`);
      apply(c, undefined);
    }
  }
  return {
    iface,
    count,
    write,
    read,
    direction,
    eflag,
    vflag,
    qflag,
    nflag,
    Sflag,
    xflag,
    Xflag,
    Aflag,
    tflag,
    promisc,
    print,
    number,
    version,
    expression: rest.join(' '),
  };
}
