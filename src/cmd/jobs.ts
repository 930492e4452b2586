// bash's job control for lines run in the background (`CMD &`) in a terminal: the job line
// `[1] 1234` when one starts, `jobs`, `kill %N | PID`, `wait`, and the notice
// `[1]+  Terminated              CMD` bash prints before its next prompt.

import { CmdError, type ExecResult, ok } from './result.ts';

export interface Job {
  readonly n: number;
  readonly pid: number;
  /** the command as typed, without its `&` */
  readonly cmd: string;
  /** Running, or how it ended (Terminated, Killed, Interrupt, Exit N, Done) */
  state: string;
  /** stop it as SIGNAL would; what it prints as it goes. Null: netlab cannot stop it. */
  readonly stop: ((signal: string) => string) | null;
  /** its end was not reported yet */
  reported: boolean;
}

/** the signals kill accepts, by name and number, and the word bash reports a job ended by each */
const SIGNALS: ReadonlyArray<[string, number, string]> = [
  ['HUP', 1, 'Hangup'],
  ['INT', 2, 'Interrupt'],
  ['QUIT', 3, 'Quit'],
  ['KILL', 9, 'Killed'],
  ['USR1', 10, 'User defined signal 1'],
  ['USR2', 12, 'User defined signal 2'],
  ['TERM', 15, 'Terminated'],
];

const USAGE = 'bash: kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]';

function signalOf(spec: string): [string, number, string] {
  const s = spec.toUpperCase().replace(/^SIG/, '');
  const hit = SIGNALS.find(([name, num]) => name === s || String(num) === s);
  if (!hit) throw new CmdError(`bash: kill: ${spec}: invalid signal specification`, 1);
  return hit;
}

export class JobTable {
  private readonly jobs: Job[] = [];
  /** PIDs come from one counter shared by every terminal's table, as the kernel's do */
  constructor(private readonly pids: { next: number } = { next: 1000 }) {}

  /** a job started: its number and PID (bash's `[N] PID` line) */
  /** ENDED: how it already ended (`Done`, `Exit 1`), or null while it runs */
  start(cmd: string, stop: Job['stop'], ended: string | null = null): Job {
    const n = (this.jobs.length ? Math.max(...this.jobs.map((j) => j.n)) : 0) + 1;
    const job: Job = { n, pid: this.pids.next, cmd, state: ended ?? 'Running', stop, reported: false };
    this.pids.next++;
    this.jobs.push(job);
    return job;
  }

  /** `+` for the current job (the newest), `-` for the one before, else a space */
  private mark(job: Job): string {
    const live = this.jobs;
    if (job === live[live.length - 1]) return '+';
    if (job === live[live.length - 2]) return '-';
    return ' ';
  }

  private line(job: Job, withAmp: boolean, pid = false): string {
    const state = job.state.padEnd(24);
    return `[${job.n}]${this.mark(job)}  ${pid ? `${job.pid} ` : ''}${state}${job.cmd}${withAmp && job.state === 'Running' ? ' &' : ''}`;
  }

  /** the notices bash prints before its next prompt for jobs that ended; they are then forgotten */
  notices(): string {
    let s = '';
    for (const j of this.jobs) if (j.state !== 'Running' && !j.reported) s += `${this.line(j, false)}\n`;
    this.forget();
    return s;
  }

  private forget(): void {
    for (let i = this.jobs.length - 1; i >= 0; i--) if (this.jobs[i]!.state !== 'Running') this.jobs.splice(i, 1);
  }

  /** jobs [-l|-p] */
  list(args: readonly string[]): ExecResult {
    const bad = args.find((a) => !/^-[lp]+$/.test(a));
    if (bad !== undefined) {
      if (bad.startsWith('-'))
        throw new CmdError(`bash: jobs: ${bad}: invalid option\njobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]`, 2);
      throw new CmdError(`bash: jobs: ${bad}: no such job`, 1);
    }
    const flags = args.join('');
    let s = '';
    for (const j of this.jobs) s += flags.includes('p') ? `${j.pid}\n` : `${this.line(j, true, flags.includes('l'))}\n`;
    this.forget();
    return ok(s);
  }

  private find(spec: string): Job {
    const live = this.jobs;
    if (spec === '%%' || spec === '%+' || spec === '%') {
      const j = live[live.length - 1];
      if (!j) throw new CmdError(`bash: kill: ${spec === '%' ? '%' : spec}: no such job`, 1);
      return j;
    }
    if (spec === '%-') {
      const j = live[live.length - 2];
      if (!j) throw new CmdError('bash: kill: %-: no such job', 1);
      return j;
    }
    if (/^%\d+$/.test(spec)) {
      const j = live.find((x) => x.n === Number(spec.slice(1)));
      if (!j) throw new CmdError(`bash: kill: ${spec}: no such job`, 1);
      return j;
    }
    if (/^\d+$/.test(spec)) {
      const j = live.find((x) => x.pid === Number(spec));
      if (!j) throw new CmdError(`bash: kill: (${spec}) - No such process`, 1);
      return j;
    }
    throw new CmdError(`bash: kill: ${spec}: arguments must be process or job IDs`, 1);
  }

  /** kill [-s SIG | -SIG | -n NUM] %N|PID…: each job stopped, then bash's notice for it */
  kill(args: readonly string[]): ExecResult {
    let sig = signalOf('TERM');
    const rest = [...args];
    if (rest[0] === '-l') return ok(`${SIGNALS.map(([name, num]) => `${String(num).padStart(2)}) SIG${name}`).join('\t')}\n`);
    if (rest[0] === '-s' || rest[0] === '-n') {
      rest.shift();
      const v = rest.shift();
      if (v === undefined) throw new CmdError(`bash: kill: ${args[0]}: option requires an argument\n${USAGE}`, 2);
      sig = signalOf(v);
    } else if (rest[0]?.startsWith('-') && rest[0].length > 1) sig = signalOf(rest.shift()!.slice(1));
    if (rest.length === 0) throw new CmdError(USAGE, 2);
    // every target is found before any is signalled: a bad one changes nothing
    const targets = rest.map((r) => this.find(r));
    const refused = targets.find((j) => j.state === 'Running' && j.stop === null);
    if (refused) throw new CmdError(`netlab: stopping \`${refused.cmd}\` is not modelled`, 1);
    let out = '';
    for (const j of targets) {
      if (j.state !== 'Running') continue;
      out += j.stop!(sig[0]);
      j.state = sig[2];
    }
    return ok(out);
  }

  /** wait: returns at once when nothing runs; a server runs until it is killed */
  wait(args: readonly string[]): ExecResult {
    const targets = args.length ? args.map((a) => this.find(a)) : this.jobs;
    const running = targets.filter((j) => j.state === 'Running');
    if (running.length)
      throw new CmdError(
        `netlab: wait would never return: ${running.map((j) => `[${j.n}] ${j.cmd}`).join(', ')} runs until it is stopped (kill %N)`,
        1,
      );
    return ok();
  }
}
