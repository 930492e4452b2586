// curl 7.88.1's command line as its option parser reads it: short options bundled (`-sS`,
// `-so FILE`), a value joined or apart (`-w%{http_code}`, `-w FMT`), long options, and its
// refusals in its own words (exit 2).

import { CmdError } from './result.ts';

export interface CurlArgs {
  readonly urls: string[];
  verbose: boolean;
  silent: boolean;
  showError: boolean;
  /** -I: HEAD, print the response's headers */
  head: boolean;
  /** -i: print the response's headers before its body */
  include: boolean;
  /** -f: an HTTP error (400 and up) is exit 22, its body not printed */
  fail: boolean;
  /** -L: follow a redirect's Location */
  location: boolean;
  /** -k: skip TLS verification (the lab's servers speak no TLS: it changes nothing they answer) */
  insecure: boolean;
  output?: string;
  writeOut?: string;
  /** seconds */
  maxTime?: number;
  /** seconds */
  connectTimeout?: number;
  readonly headers: string[];
  method?: string;
}

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information";

const LONG_FLAGS: Record<string, keyof CurlArgs> = {
  '--verbose': 'verbose',
  '--silent': 'silent',
  '--show-error': 'showError',
  '--head': 'head',
  '--include': 'include',
  '--fail': 'fail',
  '--location': 'location',
  '--insecure': 'insecure',
};
const SHORT_FLAGS: Record<string, keyof CurlArgs> = {
  v: 'verbose',
  s: 'silent',
  S: 'showError',
  I: 'head',
  i: 'include',
  f: 'fail',
  L: 'location',
  k: 'insecure',
};
const LONG_VALUES: Record<string, string> = {
  '--output': 'o',
  '--write-out': 'w',
  '--max-time': 'm',
  '--connect-timeout': 'connect-timeout',
  '--header': 'H',
  '--request': 'X',
  '--url': 'url',
};
const SHORT_VALUES = new Set(['o', 'w', 'm', 'H', 'X']);

function seconds(flag: string, v: string): number {
  // curl's str2udouble: a plain decimal number of seconds
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(v)) throw new CmdError(`curl: option ${flag}: expected a proper numerical parameter\n${TRY}`, 2);
  return Number(v);
}

export function parseCurlArgs(argv: readonly string[]): CurlArgs {
  const a: CurlArgs = {
    urls: [],
    verbose: false,
    silent: false,
    showError: false,
    head: false,
    include: false,
    fail: false,
    location: false,
    insecure: false,
    headers: [],
  };
  const set = (key: string, flag: string, v: string): void => {
    switch (key) {
      case 'o':
        a.output = v;
        break;
      case 'w':
        a.writeOut = v;
        break;
      case 'm':
        a.maxTime = seconds(flag, v);
        break;
      case 'connect-timeout':
        a.connectTimeout = seconds(flag, v);
        break;
      case 'H':
        a.headers.push(v);
        break;
      case 'X':
        a.method = v;
        break;
      default:
        a.urls.push(v);
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i]!;
    if (w.startsWith('--') && w.length > 2) {
      const flag = LONG_FLAGS[w];
      if (flag) {
        (a[flag] as boolean) = true;
        continue;
      }
      const key = LONG_VALUES[w];
      if (key === undefined) throw new CmdError(`curl: option ${w}: is unknown\n${TRY}`, 2);
      const v = argv[++i];
      if (v === undefined) throw new CmdError(`curl: option ${w}: requires parameter\n${TRY}`, 2);
      set(key, w, v);
      continue;
    }
    if (w.startsWith('-') && w.length > 1) {
      for (let k = 1; k < w.length; k++) {
        const c = w[k]!;
        const flag = SHORT_FLAGS[c];
        if (flag) {
          (a[flag] as boolean) = true;
          continue;
        }
        if (!SHORT_VALUES.has(c)) throw new CmdError(`curl: option -${w.slice(k)}: is unknown\n${TRY}`, 2);
        const joined = w.slice(k + 1);
        const v = joined || argv[++i];
        if (v === undefined) throw new CmdError(`curl: option -${c}: requires parameter\n${TRY}`, 2);
        set(c, `-${c}`, v);
        break;
      }
      continue;
    }
    a.urls.push(w);
  }
  if (a.urls.length === 0) throw new CmdError(TRY, 2);
  return a;
}
