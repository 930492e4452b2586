// traceroute's command line as traceroute 2.1.2 (Debian 12) reads it, with its own wording
// for what it refuses: `(argc N)` is the word's place on the command line.

import { TRACE_WAIT, type TraceWait } from '../core/probe.ts';
import { CmdError } from './result.ts';

export interface TracerouteArgs {
  readonly numeric: boolean;
  /** -m, default 30 */
  readonly max: number;
  /** -q, default 3 */
  readonly probes: number;
  /** the second operand, default 60 */
  readonly packetlen: number;
  /** -w MAX,HERE,NEAR and -N squeries */
  readonly wait: TraceWait;
  readonly host: string;
  /** argv index of the host, for the message when it does not resolve */
  readonly hostArgc: number;
}

/** options that take a value, and the name traceroute's usage gives it */
const VALUED: Record<string, string> = {
  f: 'first_ttl',
  g: 'gate,...',
  i: 'device',
  m: 'max_ttl',
  N: 'squeries',
  p: 'port',
  t: 'tos',
  l: 'flow_label',
  w: 'MAX,HERE,NEAR',
  q: 'nqueries',
  s: 'src_addr',
  z: 'sendwait',
};
const FLAGS = new Set(['4', '6', 'd', 'F', 'I', 'T', 'n', 'r', 'e', 'A', 'U', 'D', 'V', 'M']);
/** what the lab models; -w and -N change when answers are waited for and probes sent */
const MODELLED = new Set(['4', 'n', 'm', 'q', 'w', 'N']);

const fail = (msg: string): never => {
  throw new CmdError(msg, 2);
};

export function parseTracerouteArgs(args: readonly string[]): TracerouteArgs {
  const opts = new Map<string, string>();
  const operands: { v: string; argc: number }[] = [];
  let onlyOperands = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const argc = i + 1;
    if (onlyOperands || !a.startsWith('-') || a === '-') {
      operands.push({ v: a, argc });
      continue;
    }
    if (a === '--') {
      onlyOperands = true;
      continue;
    }
    if (a.startsWith('--')) fail(`netlab: traceroute ${a} is not modelled`);
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (FLAGS.has(c)) {
        if (!MODELLED.has(c)) fail(`netlab: traceroute -${c} is not modelled`);
        opts.set(c, '');
        continue;
      }
      const name = VALUED[c];
      if (name === undefined) fail(`Bad option \`-${c}' (argc ${argc})`);
      // a valued option takes the rest of its word only when it opens it, else the next word
      let v: string | undefined;
      if (j === 1 && a.length > 2) v = a.slice(2);
      else if (j === 1 && i + 1 < args.length) v = args[++i];
      if (v === undefined) fail(`Option \`-${c}' (argc ${argc}) requires an argument: \`-${c} ${name}'`);
      if (!MODELLED.has(c)) fail(`netlab: traceroute -${c} is not modelled`);
      const at = j === 1 && a.length > 2 ? argc : i + 1;
      const ok = c === 'w' ? /^\d+(\.\d*)?(,\d+(\.\d*)?){0,2}$/.test(v!) : /^\d+$/.test(v!);
      if (!ok) fail(`Cannot handle \`-${c}' option with arg \`${v}' (argc ${at})`);
      opts.set(c, v!);
      break;
    }
  }
  const host = operands[0];
  if (!host) throw new CmdError('Specify "host" missing argument.', 2);
  let packetlen = 60;
  const len = operands[1];
  if (len) {
    if (!/^\d+$/.test(len.v)) fail(`Cannot handle "packetlen" cmdline arg \`${len.v}' on position 2 (argc ${len.argc})`);
    packetlen = Number(len.v);
  }
  const extra = operands[2];
  if (extra) fail(`Extra arg \`${extra.v}' (position 3, argc ${extra.argc})`);
  const max = Number(opts.get('m') ?? '30');
  if (max > 255) fail('max hops cannot be more than 255');
  if (max < 1) fail('first hop out of range');
  const probes = Number(opts.get('q') ?? '3');
  if (probes < 1 || probes > 10) fail('no more than 10 probes per hop');
  const w = opts.get('w');
  const [maxS, here, near] = w === undefined ? [] : w.split(',').map(Number);
  const wait: TraceWait = {
    maxMs: maxS === undefined ? TRACE_WAIT.maxMs : Math.round(maxS * 1000),
    here: here ?? TRACE_WAIT.here,
    near: near ?? TRACE_WAIT.near,
    // -N 0 sends one probe at a time, as -N 1
    sim: opts.has('N') ? Math.max(1, Number(opts.get('N'))) : TRACE_WAIT.sim,
  };
  return { numeric: opts.has('n'), max, probes, packetlen, wait, host: host.v, hostArgc: host.argc };
}
